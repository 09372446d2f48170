//! The HTML report in a real browser: headless Chromium driven by chromedriver over
//! WebDriver (a small HTTP client on `std::net`, no extra crates). It checks that
//! the input's markup stays text, that the severity, category and rule filters and
//! the text search work by clicking and typing, and saves screenshots to
//! `target/browser/`.
//!
//! Needs `chromium` and `chromium-driver` (Debian; `.ci/run` installs them). Without
//! them the test prints why and passes. `PARACHECK_CHROMIUM` and
//! `PARACHECK_CHROMEDRIVER` point at other binaries.

mod common;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn find(var: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(var) {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    candidates.iter().map(PathBuf::from).find(|p| p.is_file())
}

/// One WebDriver session on a chromedriver child process.
struct Driver {
    port: u16,
    child: Child,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.request("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads one HTTP/1.1 response (Content-Length or chunked body).
fn read_response(stream: TcpStream) -> Result<(u16, String), String> {
    let mut r = BufReader::new(stream);
    let mut status = String::new();
    r.read_line(&mut status).map_err(|e| e.to_string())?;
    let code: u16 = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("bad status line {status:?}"))?;
    let (mut len, mut chunked) = (None, false);
    loop {
        let mut h = String::new();
        r.read_line(&mut h).map_err(|e| e.to_string())?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let lower = h.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            len = v.trim().parse::<usize>().ok();
        }
        if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            r.read_line(&mut size).map_err(|e| e.to_string())?;
            let n = usize::from_str_radix(size.trim(), 16).map_err(|e| e.to_string())?;
            let mut chunk = vec![0; n + 2];
            r.read_exact(&mut chunk).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
    } else if let Some(n) = len {
        body.resize(n, 0);
        r.read_exact(&mut body).map_err(|e| e.to_string())?;
    } else {
        r.read_to_end(&mut body).map_err(|e| e.to_string())?;
    }
    Ok((code, String::from_utf8_lossy(&body).into_owned()))
}

impl Driver {
    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .map_err(|e| e.to_string())?;
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        );
        stream
            .write_all(req.as_bytes())
            .map_err(|e| e.to_string())?;
        let (code, text) = read_response(stream)?;
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))?;
        if code != 200 {
            return Err(format!("{method} {path}: HTTP {code}: {}", v["value"]));
        }
        Ok(v["value"].clone())
    }

    fn start(chromium: &Path, chromedriver: &Path, profile: &Path) -> Result<Driver, String> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{}: {e}", chromedriver.display()))?;
        let mut d = Driver {
            port,
            child,
            session: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match d.request("GET", "/status", None) {
                Ok(v) if v["ready"] == true => break,
                _ if Instant::now() > deadline => return Err("chromedriver did not start".into()),
                _ => std::thread::sleep(Duration::from_millis(100)),
            }
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--disable-dev-shm-usage", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1400,1000",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
        }}});
        let v = d.request("POST", "/session", Some(caps))?;
        d.session = v["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session: {v}"))?
            .to_string();
        Ok(d)
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.request(method, &format!("/session/{}{path}", self.session), body)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn js(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    fn element(&self, css: &str) -> String {
        let v = self.cmd(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_string()
    }

    fn click(&self, css: &str) {
        let id = self.element(css);
        self.cmd("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    fn type_text(&self, css: &str, text: &str) {
        let id = self.element(css);
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({"text": text})),
        );
    }

    fn clear(&self, css: &str) {
        let id = self.element(css);
        self.cmd("POST", &format!("/element/{id}/clear"), Some(json!({})));
    }

    /// The visible findings (code, severity, category) and the number of visible rows,
    /// once the page has settled on `status`.
    fn visible(&self) -> (Vec<(String, String, String)>, usize) {
        let v = self.js(
            "const rows = [...document.querySelectorAll('tbody tr.row')].filter(r => !r.hidden);
             const fs = rows.flatMap(r => [...r.querySelectorAll('li.finding')].filter(l => !l.hidden));
             return {rows: rows.length, findings: fs.map(l => [l.dataset.code, l.dataset.sev, l.dataset.cat])};",
        );
        let fs = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f[0].as_str().unwrap().to_string(),
                    f[1].as_str().unwrap().to_string(),
                    f[2].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (fs, v["rows"].as_u64().unwrap() as usize)
    }

    /// Waits until the status line says `want` (the search applies after an event).
    fn wait_status(&self, want: &str) {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let s = self.js("return document.getElementById('status').textContent;");
            if s.as_str() == Some(want) {
                return;
            }
            assert!(Instant::now() < deadline, "status {s}, want {want:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn screenshot(&self, path: &Path) {
        let b64 = self.cmd("GET", "/screenshot", None);
        let png = base64_decode(b64.as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(path, png).unwrap();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= (val(*c) as u32) << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn html_report_filters_and_search_work_in_chromium() {
    let Some(chromium) = find(
        "PARACHECK_CHROMIUM",
        &[
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
        ],
    ) else {
        eprintln!(
            "skipping the browser test: no Chromium (apt-get install chromium chromium-driver)"
        );
        return;
    };
    let Some(chromedriver) = find(
        "PARACHECK_CHROMEDRIVER",
        &["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"],
    ) else {
        eprintln!("skipping the browser test: no chromedriver (apt-get install chromium-driver)");
        return;
    };
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("browser");
    std::fs::create_dir_all(&out_dir).unwrap();
    let report = out_dir.join("report.html");
    let (code, _, err) = common::run(&[
        "check",
        "--isolated",
        "--source-lang",
        "en",
        "--target-lang",
        "zh",
        "--format",
        "html",
        "--html-all-pairs",
        "-o",
        report.to_str().unwrap(),
        "fixtures/policy-brief-slips.md",
        "fixtures/report/hostile.tsv",
    ]);
    assert_eq!(code, 1, "{err}");
    let profile = tempfile::tempdir().unwrap();
    let d = Driver::start(&chromium, &chromedriver, profile.path())
        .unwrap_or_else(|e| panic!("cannot drive Chromium: {e}"));
    d.cmd(
        "POST",
        "/url",
        Some(json!({"url": format!("file://{}", report.display())})),
    );

    // The input's markup is text: no element, no script ran.
    let hostile = d.js(
        "return {imgs: document.images.length, pwned: document.getElementById('pwned') !== null,
                 title: document.title, scripts: document.scripts.length};",
    );
    assert_eq!(hostile["imgs"], 0);
    assert_eq!(hostile["pwned"], false);
    assert_eq!(hostile["scripts"], 1);
    assert!(
        hostile["title"]
            .as_str()
            .unwrap()
            .starts_with("paracheck: ")
    );

    // Everything with findings shows; the clean pairs wait behind their filter.
    d.wait_status("showing 13 of 13 findings in 12 rows");
    let (all, rows) = d.visible();
    assert_eq!((all.len(), rows), (13, 12));
    d.screenshot(&out_dir.join("report.png"));

    // Severity: hide errors.
    d.click("input[name=sev][value=error]");
    let (fs, _) = d.visible();
    assert_eq!(fs.len(), 4);
    assert!(fs.iter().all(|f| f.1 == "warning"), "{fs:?}");
    d.click("input[name=sev][value=error]");
    d.wait_status("showing 13 of 13 findings in 12 rows");

    // Category: hide dates, names and alignment.
    d.click("input[name=cat][value=date]");
    d.click("input[name=cat][value=entity]");
    d.click("input[name=cat][value=alignment]");
    let (fs, rows) = d.visible();
    assert!(fs.iter().all(|f| f.2 == "number"), "{fs:?}");
    assert_eq!((fs.len(), rows), (6, 6));
    // Highlights of hidden findings are switched off.
    let off = d.js("return document.querySelectorAll('mark.off').length;");
    assert!(off.as_u64().unwrap() >= 6, "date spans unmarked: {off}");
    d.click("input[name=cat][value=date]");
    d.click("input[name=cat][value=entity]");
    d.click("input[name=cat][value=alignment]");

    // Rule.
    let id = d.element("#rule");
    d.cmd("POST", &format!("/element/{id}/click"), Some(json!({})));
    d.click("#rule option[value=D001]");
    let (fs, _) = d.visible();
    assert_eq!(fs.len(), 3);
    assert!(fs.iter().all(|f| f.0 == "D001"));
    d.click("#rule option[value='']");

    // Search: text of either side, messages, ids.
    d.type_text("#q", "470万吨");
    d.wait_status("showing 1 of 13 findings in 1 rows");
    let (fs, _) = d.visible();
    assert_eq!(fs[0].0, "N001");
    let hash = d.js("return location.hash;");
    assert!(
        hash.as_str().unwrap().contains("q="),
        "the search is in the address: {hash}"
    );
    d.clear("#q");
    d.type_text("#q", "pwned");
    d.wait_status("showing 3 of 13 findings in 3 rows");
    d.screenshot(&out_dir.join("report-search.png"));
    d.clear("#q");
    d.type_text("#q", "no such text anywhere");
    d.wait_status("showing 0 of 13 findings in 0 rows");
    let empty = d.js("return document.getElementById('empty').hidden;");
    assert_eq!(empty, false, "the empty notice shows");
    d.clear("#q");
    d.type_text("#q", "\u{E00C}"); // Escape clears the search
    d.wait_status("showing 13 of 13 findings in 12 rows");

    // All pairs: the clean pairs appear on request.
    d.click("#clean");
    d.wait_status("showing 13 of 13 findings in 17 rows");

    // A filtered view can be opened from its address.
    d.cmd(
        "POST",
        "/url",
        Some(json!({"url": format!("file://{}#sev=warning&q=Share", report.display())})),
    );
    d.wait_status("showing 1 of 13 findings in 1 rows");
    eprintln!("browser screenshots: {}", out_dir.display());
}
