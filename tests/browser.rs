//! The HTML report in a real browser: headless Chromium driven by chromedriver over
//! WebDriver (a small HTTP client on `std::net`, no extra crates). It checks that
//! the input's markup stays text, that the severity, category and rule filters and
//! the text search work by clicking and typing, the triage loop (keys, marks,
//! notes, reload, exports, and the exports read back by `--baseline` and
//! `--config`), paging past `--html-max-findings`, and the layout at 420 pixels;
//! it saves screenshots and downloads to `target/browser/`.
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

    /// A session on a fresh profile; downloads go to `downloads`.
    fn start(
        chromium: &Path,
        chromedriver: &Path,
        profile: &Path,
        downloads: &Path,
    ) -> Result<Driver, String> {
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
                "prefs": {
                    "download.default_directory": downloads,
                    "download.prompt_for_download": false,
                },
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

    /// Types keys into the page as a person would (key down, key up each), to
    /// whatever has the focus.
    fn keys(&self, keys: &str) {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|c| {
                let k = c.to_string();
                [
                    json!({"type": "keyDown", "value": k}),
                    json!({"type": "keyUp", "value": k}),
                ]
            })
            .collect();
        self.cmd(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
    }

    fn open(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    fn window(&self, width: u32, height: u32) {
        self.cmd(
            "POST",
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        );
    }

    /// Waits until `script` returns `want`.
    fn wait_for(&self, script: &str, want: Value) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let v = self.js(script);
            if v == want {
                return;
            }
            assert!(Instant::now() < deadline, "{script}: {v}, want {want}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The id, code and decision of the focused finding.
    fn focused(&self) -> (String, String, String) {
        let v = self.js("const li = document.activeElement.closest('li.finding');
             return li ? [li.id, li.dataset.code, li.dataset.mark || ''] : ['', '', ''];");
        let s = |i: usize| v[i].as_str().unwrap().to_string();
        (s(0), s(1), s(2))
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

/// Chromium and chromedriver, or `None` (with a message) when they are missing.
fn browser() -> Option<(PathBuf, PathBuf)> {
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
        return None;
    };
    let Some(chromedriver) = find(
        "PARACHECK_CHROMEDRIVER",
        &["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"],
    ) else {
        eprintln!("skipping the browser test: no chromedriver (apt-get install chromium-driver)");
        return None;
    };
    Some((chromium, chromedriver))
}

/// `target/browser/`: reports, screenshots and downloads of the browser tests.
fn out_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("browser");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A browser session with its own profile and download directory (kept by the
/// returned guards).
fn session(name: &str) -> Option<(Driver, tempfile::TempDir, PathBuf)> {
    let (chromium, chromedriver) = browser()?;
    let profile = tempfile::tempdir().unwrap();
    let downloads = out_dir().join(format!("downloads-{name}"));
    let _ = std::fs::remove_dir_all(&downloads);
    std::fs::create_dir_all(&downloads).unwrap();
    let d = Driver::start(&chromium, &chromedriver, profile.path(), &downloads)
        .unwrap_or_else(|e| panic!("cannot drive Chromium: {e}"));
    Some((d, profile, downloads))
}

/// The HTML report of the brief with its slips and the hostile fixture.
fn make_report(path: &Path, extra: &[&str]) {
    let mut args = vec![
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
        path.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    args.extend_from_slice(&[
        "fixtures/policy-brief-slips.md",
        "fixtures/report/hostile.tsv",
    ]);
    let (code, _, err) = common::run(&args);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn html_report_filters_and_search_work_in_chromium() {
    let Some((d, _profile, _downloads)) = session("filters") else {
        return;
    };
    let out_dir = out_dir();
    let report = out_dir.join("report.html");
    make_report(&report, &[]);
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
    assert_eq!(
        d.js(
            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"
        ),
        true,
        "no sideways scrolling"
    );

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
    // (the name slip's spans in the row of the missing number: 2 marks).
    let off = d.js(
        "const offs = [...document.querySelectorAll('tbody tr.row:not([hidden]) mark.off')];
         return [offs.length, offs.every(m => m.dataset.f.split(' ').every(id => document.getElementById(id).hidden))];",
    );
    assert_eq!(off, json!([2, true]), "hidden findings' spans unmarked");
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
    // A malformed address does not break the filters: the text is searched as it is.
    d.open(&format!("file://{}#sev=error&q=%E0%A4%A", report.display()));
    d.wait_status("showing 0 of 13 findings in 0 rows");
    assert_eq!(
        d.js("return document.getElementById('q').value;"),
        "%E0%A4%A"
    );
    d.open(&format!("file://{}#sev=error", report.display()));
    d.wait_status("showing 9 of 13 findings in 9 rows");
    eprintln!("browser screenshots: {}", out_dir.display());
}

/// Waits for a file to appear in the download directory; returns its text.
fn downloaded(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(text) = std::fs::read_to_string(&path)
            && !text.is_empty()
        {
            return text;
        }
        assert!(Instant::now() < deadline, "no download {}", path.display());
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The fingerprints of the JSON report of the two inputs, with `extra` flags.
fn fingerprints(extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "check",
        "--source-lang",
        "en",
        "--target-lang",
        "zh",
        "-f",
        "json",
        "--fail-on",
        "never",
    ];
    args.extend_from_slice(extra);
    args.extend_from_slice(&[
        "fixtures/policy-brief-slips.md",
        "fixtures/report/hostile.tsv",
    ]);
    let (code, out, err) = common::run(&args);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect()
}

/// The triage loop: keys and buttons mark findings, the marks survive a reload,
/// the filters and the sort see them, and the exports go back into paracheck:
/// `--baseline` with the exported baseline and `--config` with the exported
/// ignore-patterns leave out exactly the false alarms.
#[test]
fn triage_marks_survive_a_reload_and_the_export_round_trips_through_baseline() {
    let Some((d, _profile, downloads)) = session("triage") else {
        return;
    };
    let out_dir = out_dir();
    let report = out_dir.join("triage.html");
    make_report(&report, &[]);
    let url = format!("file://{}", report.display());
    d.open(&url);
    d.wait_status("showing 13 of 13 findings in 12 rows");

    // j/k and n/p move through the findings, focusing each.
    d.keys("j");
    assert_eq!(d.focused().0, "f0");
    d.keys("jj");
    assert_eq!(d.focused().0, "f2");
    d.keys("k");
    assert_eq!(d.focused().0, "f1");
    d.keys("nn");
    assert_eq!(d.focused().0, "f3");
    d.keys("pp");
    let (id, code, _) = d.focused();
    assert_eq!((id.as_str(), code.as_str()), ("f1", "A001"));
    // The focused finding's spans are outlined; it is the one the keys mark.
    d.keys("f");
    assert_eq!(
        d.focused(),
        ("f1".into(), "A001".into(), "false-alarm".into())
    );
    d.keys("j");
    d.keys("c");
    assert_eq!(d.focused().2, "confirmed");
    assert_eq!(
        d.js("return document.querySelectorAll('mark.hot').length > 0;"),
        true,
        "the spans of the focused finding are outlined"
    );
    d.keys("j");
    d.keys("i");
    d.keys("c");
    d.keys("c");
    assert_eq!(d.focused().2, "none", "the same key again clears the mark");
    d.keys("i");
    assert_eq!(d.focused(), ("f3".into(), "D001".into(), "ignored".into()));
    // A note, typed after `e`; Enter goes back to the finding.
    d.keys("j");
    d.keys("e");
    assert_eq!(d.js("return document.activeElement.className;"), "note");
    d.keys("qualifier differs: ask the translator\u{E007}");
    assert_eq!(d.focused().0, "f4");
    // A button does the same as a key.
    d.click("#f7 button[data-mark=false-alarm]");
    assert_eq!(
        d.js("return document.querySelector('#f7 button[data-mark=false-alarm]').getAttribute('aria-pressed');"),
        "true"
    );
    let counts = "return [...document.querySelectorAll('[data-count]')].map(e => e.dataset.count + '=' + e.textContent).join(' ');";
    assert_eq!(d.js(counts), "none=9 confirmed=1 false-alarm=2 ignored=1");

    // Filter by decision: only the decided ones.
    d.click("input[name=mark][value=none]");
    d.wait_status("showing 4 of 13 findings in 4 rows");
    assert!(
        d.js("return location.hash;")
            .as_str()
            .unwrap()
            .contains("mark=confirmed,false-alarm,ignored")
    );
    d.click("input[name=mark][value=none]");
    d.wait_status("showing 13 of 13 findings in 12 rows");

    // Sort by severity: the rows with errors first, in file order among themselves.
    let first_rows = "return [...document.querySelectorAll('tbody tr.row')].filter(r => !r.hidden).slice(0, 3).map(r => r.id).join(',');";
    assert_eq!(d.js(first_rows), "u0,u1,p1");
    let id = d.element("#sort");
    d.cmd("POST", &format!("/element/{id}/click"), Some(json!({})));
    d.click("#sort option[value=severity]");
    d.wait_for(first_rows, json!("p1,p3,p4"));
    d.screenshot(&out_dir.join("triage.png"));
    d.click("#sort option[value=file]");
    d.wait_for(first_rows, json!("u0,u1,p1"));

    // `?` shows the keys; Escape closes them.
    d.js("document.activeElement.blur(); return 0;");
    d.keys("?");
    assert_eq!(d.js("return document.getElementById('keys').open;"), true);
    d.screenshot(&out_dir.join("triage-keys.png"));
    d.keys("\u{E00C}");
    assert_eq!(d.js("return document.getElementById('keys').open;"), false);

    // A reload keeps the decisions and the note.
    d.open(&url);
    d.wait_status("showing 13 of 13 findings in 12 rows");
    assert_eq!(d.js(counts), "none=9 confirmed=1 false-alarm=2 ignored=1");
    assert_eq!(
        d.js("return document.getElementById('f1').dataset.mark;"),
        "false-alarm"
    );
    assert_eq!(
        d.js("return document.querySelector('#f4 input.note').value;"),
        "qualifier differs: ask the translator"
    );
    // Notes are searched too.
    d.type_text("#q", "ask the translator");
    d.wait_status("showing 1 of 13 findings in 1 rows");
    d.clear("#q");
    d.type_text("#q", "\u{E00C}");
    d.wait_status("showing 13 of 13 findings in 12 rows");

    // Exports: the decisions as CSV and JSON, the false alarms as a baseline and as
    // ignore-patterns.
    for kind in ["csv", "json", "baseline", "toml"] {
        d.click(&format!("button[data-export={kind}]"));
    }
    let csv_text = downloaded(&downloads, "paracheck-decisions.csv");
    let mut rd = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    let decided: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r[col("code")].to_string(), r[col("decision")].to_string()))
        .collect();
    assert_eq!(
        decided,
        [
            ("A001", "false-alarm"),
            ("N001", "confirmed"),
            ("D001", "ignored"),
            ("D001", ""),
            ("A001", "false-alarm")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(
        &rows[3][col("note")],
        "qualifier differs: ask the translator"
    );
    assert_eq!(&rows[1][col("file")], "fixtures/policy-brief-slips.md");
    assert_eq!(&rows[1][col("line")], "10");
    let json_text = downloaded(&downloads, "paracheck-decisions.json");
    let j: Value = serde_json::from_str(&json_text).unwrap();
    assert_eq!(j["paracheck"]["decisions"], 1);
    assert_eq!(j["decisions"].as_array().unwrap().len(), 5);
    assert_eq!(j["decisions"][1]["rule"], "number-mismatch");
    assert_eq!(j["inputs"][1], "fixtures/report/hostile.tsv");

    let all = fingerprints(&["--isolated"]);
    assert_eq!(all.len(), 13);
    let alarms: Vec<String> = rows
        .iter()
        .filter(|r| &r[col("decision")] == "false-alarm")
        .map(|r| r[col("fingerprint")].to_string())
        .collect();
    let rest: Vec<String> = all
        .iter()
        .filter(|f| !alarms.contains(f))
        .cloned()
        .collect();
    assert_eq!(rest.len(), 11);
    downloaded(&downloads, "paracheck-baseline.json");
    let baseline = downloads.join("paracheck-baseline.json");
    assert_eq!(
        fingerprints(&["--isolated", "--baseline", baseline.to_str().unwrap()]),
        rest,
        "the exported baseline leaves out the false alarms, and only them"
    );
    downloaded(&downloads, "paracheck-ignore-patterns.toml");
    let toml = downloads.join("paracheck-ignore-patterns.toml");
    assert_eq!(
        fingerprints(&["--config", toml.to_str().unwrap()]),
        rest,
        "the exported ignore-patterns do the same from a configuration file"
    );
    eprintln!("browser screenshots and downloads: {}", out_dir.display());
}

/// Past --html-max-findings the page renders a page of findings at a time, says
/// so, builds the other rows (inert: the hostile markup stays text) when they are
/// shown, and filters, searches, moves and exports across all pages.
#[test]
fn large_reports_page_their_findings_and_build_rows_when_shown() {
    let Some((d, _profile, downloads)) = session("paged") else {
        return;
    };
    let out_dir = out_dir();
    let paged = out_dir.join("paged.html");
    let full = out_dir.join("full.html");
    make_report(&paged, &["--html-max-findings", "3"]);
    make_report(&full, &[]);
    let url = format!("file://{}", paged.display());
    d.open(&url);
    d.wait_status("showing 13 of 13 findings in 12 rows");
    let v = d.js(
        "return {scripts: document.scripts.length, runnable: [...document.scripts].filter(s => !s.type).length,
                 rendered: document.querySelectorAll('li.finding').length,
                 page: document.getElementById('pageinfo').textContent,
                 notice: document.getElementById('paging').textContent};",
    );
    assert_eq!(v["runnable"], 1, "{v}");
    assert_eq!(v["rendered"], 3, "{v}");
    assert_eq!(v["page"], "page 1 of 5", "{v}");
    let notice = v["notice"].as_str().unwrap();
    assert!(
        notice.contains("13 findings") && notice.contains("3 at a time"),
        "{notice}"
    );
    d.screenshot(&out_dir.join("paged.png"));

    // Keys move across pages; ] and [ turn them.
    d.keys("jjjj");
    assert_eq!(d.focused().0, "f3");
    assert_eq!(
        d.js("return document.getElementById('pageinfo').textContent;"),
        "page 2 of 5"
    );
    d.keys("]]");
    assert_eq!(
        d.js("return document.getElementById('pageinfo').textContent;"),
        "page 4 of 5"
    );
    d.keys("[[[");
    assert_eq!(
        d.js("return document.getElementById('pageinfo').textContent;"),
        "page 1 of 5"
    );

    // The search reaches rows that were never shown; their markup stays text.
    d.type_text("#q", "pwned");
    d.wait_status("showing 3 of 13 findings in 3 rows");
    let hostile = d.js(
        "return {imgs: document.images.length, pwned: document.getElementById('pwned') !== null,
                 title: document.title, rows: document.querySelectorAll('tbody tr.row').length};",
    );
    assert_eq!(hostile["imgs"], 0);
    assert_eq!(hostile["pwned"], false);
    assert!(
        hostile["title"]
            .as_str()
            .unwrap()
            .starts_with("paracheck: ")
    );
    d.clear("#q");
    d.type_text("#q", "\u{E00C}");
    d.wait_status("showing 13 of 13 findings in 12 rows");
    d.click("#clean");
    d.wait_status("showing 13 of 13 findings in 17 rows");
    d.click("#clean");

    // A row built from the data block is the row the page would have rendered.
    let row = |d: &Driver| {
        d.clear("#q");
        d.type_text("#q", "47 million tons");
        d.wait_status("showing 1 of 13 findings in 1 rows");
        d.js("return document.getElementById('p9').outerHTML;")
    };
    let lazy = row(&d);
    d.open(&format!("file://{}", full.display()));
    d.wait_status("showing 13 of 13 findings in 12 rows");
    assert_eq!(row(&d), lazy);

    // A decision on a later page is kept, and exported even before its row is
    // built again.
    d.open(&url);
    d.wait_status("showing 13 of 13 findings in 12 rows");
    d.keys("]]]");
    d.click("#f8 button[data-mark=false-alarm]");
    d.open(&url);
    d.wait_status("showing 13 of 13 findings in 12 rows");
    assert_eq!(
        d.js("return document.getElementById('f8');"),
        Value::Null,
        "not built yet"
    );
    d.click("button[data-export=baseline]");
    let b: Value =
        serde_json::from_str(&downloaded(&downloads, "paracheck-baseline.json")).unwrap();
    assert_eq!(b["findings"].as_array().unwrap().len(), 1);
    assert_eq!(b["findings"][0]["code"], "N001");
    let all = fingerprints(&["--isolated"]);
    assert_eq!(
        b["findings"][0]["fingerprint"].as_str(),
        Some(all[8].as_str())
    );
}

/// At 420 pixels: no sideways scrolling, the chart fits, each text says whether it
/// is the source or the target, and the filters fold behind a button in a bar that
/// stays at the top.
#[test]
fn narrow_screens_keep_the_chart_the_filters_and_the_labels() {
    let Some((d, _profile, _downloads)) = session("narrow") else {
        return;
    };
    let out_dir = out_dir();
    let report = out_dir.join("narrow.html");
    make_report(&report, &[]);
    d.window(420, 900);
    d.open(&format!("file://{}", report.display()));
    d.wait_status("showing 13 of 13 findings in 12 rows");
    let v = d.js(
        "const svg = document.querySelector('figure.chart svg').getBoundingClientRect();
         const td = document.querySelector('tr#p1 td.text');
         const groups = document.getElementById('groups');
         return {width: innerWidth, scroll: document.documentElement.scrollWidth, svg: svg.right,
                 label: getComputedStyle(td, '::before').content,
                 target: getComputedStyle(document.querySelectorAll('tr#p1 td.text')[1], '::before').content,
                 groups: getComputedStyle(groups).display,
                 more: getComputedStyle(document.getElementById('more')).display};",
    );
    let width = v["width"].as_f64().unwrap();
    assert!(width <= 440.0, "{v}");
    assert!(
        v["scroll"].as_f64().unwrap() <= width,
        "no sideways scrolling: {v}"
    );
    assert!(v["svg"].as_f64().unwrap() <= width, "the chart fits: {v}");
    assert_eq!(v["label"], "\"source · en\"", "{v}");
    assert_eq!(v["target"], "\"target · zh\"", "{v}");
    assert_eq!(v["groups"], "none", "{v}");
    assert_ne!(v["more"], "none", "{v}");
    d.screenshot(&out_dir.join("narrow.png"));

    // Down the page, the bar with the search and the filters button is still there.
    d.js("window.scrollTo(0, document.body.scrollHeight * 0.6); return 0;");
    let bar = d.js(
        "const r = document.getElementById('filters').getBoundingClientRect();
         const q = document.getElementById('q').getBoundingClientRect();
         return [r.top, q.top >= 0 && q.bottom <= innerHeight, scrollY > 0];",
    );
    assert_eq!(bar, json!([0, true, true]), "sticky bar");
    d.click("#more");
    let open = d.js(
        "const g = document.getElementById('groups');
         return [getComputedStyle(g).display, document.getElementById('more').getAttribute('aria-expanded'),
                 g.getBoundingClientRect().bottom <= innerHeight];",
    );
    assert_eq!(
        open,
        json!(["flex", "true", true]),
        "the filters unfold in view"
    );
    d.screenshot(&out_dir.join("narrow-filters.png"));
    d.click("input[name=sev][value=error]");
    d.wait_status("showing 4 of 13 findings in 4 rows");
    d.click("#more");
    assert_eq!(
        d.js("return getComputedStyle(document.getElementById('groups')).display;"),
        "none"
    );
}
