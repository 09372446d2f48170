//! Output safety: text from the input cannot run as code or forge structure in any
//! report format. One hostile input (JSONL, so that ids and texts can hold tabs,
//! carriage returns and control characters) is rendered in every format and each
//! output is parsed back or searched for what must not be there.

mod common;

use serde_json::{Value, json};
use std::path::Path;

/// Pieces of hostile text, each also a pair id; every pair has a finding (5 ≠ 6),
/// so its texts are in every report.
const HOSTILE: &[&str] = &[
    "</script><script>document.title='pwned'</script>",
    "</SCRIPT ><img src=x onerror=alert(1)>",
    "<!-- <script>",
    "\"><svg onload=alert(1)>",
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "=HYPERLINK(\"http://example.invalid\",\"x\")",
    "+1+2",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "::error file=forged.rs,line=1::forged annotation",
    "50%25 done%0A::warning::forged",
    "line\n::error::injected after a newline",
    "cr\r::error::injected after a CR",
    "a:b,c=d",
    "\u{1b}[31mred\u{1b}[0m and \u{7}bell \u{0}nul \u{b}vt \u{8}bs",
    "\u{202e}reversed\u{202c} \u{2028}ls\u{2029}ps",
    "]]><x/>",
    "&amp;&lt;&#x3c;",
    "${{ secrets.TOKEN }}",
];

fn input(dir: &Path) -> std::path::PathBuf {
    let mut body = String::new();
    for (i, h) in HOSTILE.iter().enumerate() {
        let h = h.replace('\u{0}', "");
        let line = json!({
            "id": format!("{h}#{i}"),
            "source": format!("{h} There were 5 cats in {h}."),
            "target": format!("{h} 有6只猫 {h}。"),
        });
        body.push_str(&line.to_string());
        body.push('\n');
    }
    let p = dir.join("hostile.jsonl");
    std::fs::write(&p, body).unwrap();
    p
}

/// The report in `format` (extra arguments after), with exit 1 (findings).
fn report(format: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    input(dir.path());
    let mut args = vec![
        "check",
        "--isolated",
        "-f",
        format,
        "--source-lang",
        "en",
        "--target-lang",
        "zh",
        "hostile.jsonl",
    ];
    args.extend_from_slice(extra);
    let (code, out, err) = common::run_in(dir.path(), &args);
    assert_eq!(code, 1, "{format}: {err}");
    out
}

/// Findings of the run (some pairs have more than one: `+1+2` holds numbers).
fn n_findings() -> usize {
    let v: Value = serde_json::from_str(&report("json", &[])).unwrap();
    let n = v["findings"].as_array().unwrap().len();
    assert!(n >= HOSTILE.len());
    n
}

#[test]
fn html_escapes_every_context_and_forbids_inline_code() {
    // Pages past the first finding are kept as inert data blocks: both paths.
    for extra in [&[][..], &["--html-max-findings", "1"][..]] {
        check_html(&report("html", extra), extra);
    }
}

/// The checks of one HTML report (`extra`: the arguments it was made with).
fn check_html(html: &str, extra: &[&str]) {
    let html = html.to_string();
    // The page's script and its data blocks are the only script elements, and
    // every one of them ends where the page says it does.
    let opens = html.matches("<script").count();
    let closes = html.to_ascii_lowercase().matches("</script").count();
    assert_eq!(opens, closes, "{extra:?}");
    let page_scripts = html.matches("<script>").count();
    assert_eq!(page_scripts, 1, "one executable script");
    for tag in regex::Regex::new(r"<script[^>]*>")
        .unwrap()
        .find_iter(&html)
    {
        let t = tag.as_str();
        assert!(
            t == "<script>"
                || t.contains("type=\"application/json\"")
                || t.contains("type=\"text/x-paracheck-rows\""),
            "unexpected script element {t}"
        );
    }
    // No element or attribute from the input.
    for bad in [
        "<img",
        "<svg onload",
        "<x/>",
        "<script>document",
        "' onmouseover='",
    ] {
        assert!(!html.contains(bad), "{extra:?}: unescaped {bad:?}");
    }
    // No event-handler attribute anywhere in the markup.
    // (Markup outside script elements; attribute values, quoted, removed.)
    let scripts = regex::Regex::new(r"(?s)<script[^>]*>.*?</script>").unwrap();
    let markup = scripts.replace_all(&html, "");
    let tag = regex::Regex::new(r"<[a-zA-Z][^>]*>").unwrap();
    let quoted = regex::Regex::new(r#""[^"]*""#).unwrap();
    let handler = regex::Regex::new(r"(?i)\son[a-z]+\s*=").unwrap();
    let href = regex::Regex::new(r#"\shref="([^"]*)""#).unwrap();
    let mut tags = 0;
    for t in tag.find_iter(&markup) {
        tags += 1;
        let bare = quoted.replace_all(t.as_str(), "\"\"");
        assert!(!handler.is_match(&bare), "event handler in {}", t.as_str());
        assert!(
            !bare.contains('\''),
            "single-quoted attribute in {}",
            t.as_str()
        );
        // No remote loads: no src attribute, only in-page links.
        assert!(!bare.contains(" src="), "src attribute in {}", t.as_str());
        for c in href.captures_iter(t.as_str()) {
            assert!(
                c[1].starts_with('#'),
                "link out of the page: {}",
                t.as_str()
            );
        }
    }
    assert!(tags > 100, "{tags} tags");
    // No comment opened by the input, in markup or data.
    assert_eq!(html.matches("<!--").count(), 0);
    // The CSP: nothing remote, scripts only by the page script's hash (so no
    // inline handler and no injected script can run), no forms, no base.
    let csp = regex::Regex::new(r#"http-equiv="Content-Security-Policy" content="([^"]+)""#)
        .unwrap()
        .captures(&html)
        .expect("a CSP")[1]
        .to_string();
    let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
    assert!(directives.contains(&"default-src 'none'"), "{csp}");
    let script_src = directives
        .iter()
        .find(|d| d.starts_with("script-src"))
        .unwrap();
    assert!(
        regex::Regex::new(r"^script-src 'sha256-[A-Za-z0-9+/=]+'$")
            .unwrap()
            .is_match(script_src),
        "{script_src}"
    );
    for d in &directives {
        assert!(
            !d.contains("http") && !d.contains('*'),
            "remote source: {d}"
        );
    }
    assert!(directives.contains(&"base-uri 'none'"));
    assert!(directives.contains(&"form-action 'none'"));
    // The script hash is that of the page's one script.
    let script = html
        .split("<script>")
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    assert!(!script.contains("pwned"), "input in the page script");
    // The hostile texts are there, escaped.
    assert!(
        html.contains("&lt;&#x2f;script&gt;&lt;script&gt;document.title=&#x27;pwned&#x27;")
            || html.contains("\\u003c/script>"),
        "{extra:?}"
    );
}

#[test]
fn csv_cells_cannot_start_a_formula() {
    let out = report("csv", &[]);
    let mut rd = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), n_findings());
    let mut defused = 0;
    for row in &rows {
        assert_eq!(row.len(), header.len());
        for (cell, name) in row.iter().zip(&header) {
            if name.ends_with("_value") {
                // Canonical values (`-2`, `2022-03-02`), never input text: a
                // negative number is a number to a spreadsheet, not a formula.
                assert!(
                    !cell.starts_with(['=', '+', '@', '\t', '\r']),
                    "{name}: {cell:?}"
                );
                assert!(!cell.contains(['(', '=']), "{name}: {cell:?}");
                continue;
            }
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{name}: {cell:?}"
            );
            if cell.starts_with("'=")
                || cell.starts_with("'+")
                || cell.starts_with("'-")
                || cell.starts_with("'@")
                || cell.starts_with("'\t")
                || cell.starts_with("'\r")
            {
                defused += 1;
            }
        }
    }
    // pair_id and both texts of the six formula pairs.
    assert!(defused >= 6 * 3, "{defused} cells defused");
}

/// Undoes the runner's escaping of a workflow command's data.
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_commands_cannot_be_injected() {
    let out = report("github", &[]);
    let lines: Vec<&str> = out.lines().collect();
    // One command per finding, then the summary: no line was added by the input.
    assert_eq!(lines.len(), n_findings() + 1, "{out}");
    let command = regex::Regex::new(r"^::(error|warning|notice) ([^:]*)::(.*)$").unwrap();
    for line in &lines[..n_findings()] {
        let c = command.captures(line).unwrap_or_else(|| panic!("{line}"));
        // Properties: key=value, separated by commas, with no `:` or `,` inside.
        for kv in c[2].split(',') {
            let (k, v) = kv.split_once('=').unwrap_or_else(|| panic!("{kv}"));
            assert!(
                ["file", "line", "endLine", "col", "endColumn", "title"].contains(&k),
                "{kv}"
            );
            assert!(
                !v.contains(':') && !v.contains(',') && !v.contains('\r'),
                "{kv}"
            );
        }
        // The message has no raw line break, and its `%` are escaped.
        let msg = &c[3];
        assert!(!msg.contains('\r') && !msg.contains('\n'));
        for (at, _) in msg.match_indices('%') {
            let esc = msg.get(at + 1..at + 3).unwrap_or("");
            assert!(["25", "0D", "0A"].contains(&esc), "bare % in {msg}");
        }
    }
    // No input text starts a line, so none is a command.
    for l in &lines {
        assert!(
            !l.starts_with("::error::") && !l.starts_with("::warning::"),
            "{l}"
        );
    }
    // The escaped message reads back as the finding's message.
    let json: Value = serde_json::from_str(&report("json", &[])).unwrap();
    let messages: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    for (line, m) in lines.iter().zip(&messages) {
        let msg = command.captures(line).unwrap()[3].to_string();
        let m = m.replace(
            |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t'),
            "\u{fffd}",
        );
        assert_eq!(unescape(&msg), m);
    }
}

#[test]
fn sarif_gitlab_json_jsonl_parse_back() {
    for format in ["sarif", "gitlab", "json"] {
        let out = report(format, &[]);
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{format}: {e}"));
        if format != "gitlab" {
            // GitLab items carry the message only, which quotes the spans.
            assert!(v.to_string().contains("pwned"), "{format} keeps the text");
        }
    }
    let sarif: Value = serde_json::from_str(&report("sarif", &[])).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        n_findings()
    );
    let gitlab: Value = serde_json::from_str(&report("gitlab", &[])).unwrap();
    let fps: std::collections::BTreeSet<&str> = gitlab
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fps.len(), n_findings());
    let jsonl = report("jsonl", &[]);
    assert_eq!(jsonl.lines().count(), n_findings() + 1);
    for l in jsonl.lines() {
        serde_json::from_str::<Value>(l).unwrap();
    }
}

#[test]
fn junit_is_well_formed_xml_with_control_characters() {
    let out = report("junit", &[]);
    // XML 1.0 cannot carry C0 controls other than tab, LF, CR, even escaped.
    for c in out.chars() {
        assert!(
            !c.is_control() || matches!(c, '\n' | '\r' | '\t'),
            "control character {c:?} in JUnit XML"
        );
    }
    assert!(!out.contains("&#0;") && !out.contains("&#27;") && !out.contains("&#x1b;"));
    let mut reader = quick_xml::Reader::from_str(&out);
    let mut depth = 0i32;
    let mut testcases = 0;
    let mut failures = 0;
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("JUnit XML: {e}"))
        {
            quick_xml::events::Event::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    "testcase" => testcases += 1,
                    "failure" => failures += 1,
                    "x" | "script" | "img" | "svg" => panic!("element from the input"),
                    _ => {}
                }
            }
            quick_xml::events::Event::Empty(e) => {
                if e.name().as_ref() == "failure" {
                    failures += 1;
                }
                if e.name().as_ref() == "x" {
                    panic!("element from the input");
                }
            }
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0);
    assert!(testcases >= n_findings(), "{testcases}");
    assert_eq!(failures, n_findings());
    assert!(out.contains("\u{fffd}"), "control characters replaced");
}

#[test]
fn text_and_markdown_cannot_forge_lines() {
    let out = report("text", &[]);
    // Every line is a heading, an indented finding or excerpt, blank, or the
    // summary: an input newline never starts a line of its own.
    for l in out.lines() {
        assert!(
            l.is_empty()
                || l.starts_with("hostile.jsonl:")
                || l.starts_with("  ")
                || l.ends_with("info)"),
            "forged line {l:?}"
        );
        assert!(
            !l.contains('\u{1b}') && !l.contains('\r') && !l.contains('\u{7}'),
            "{l:?}"
        );
        assert!(!l.contains('\u{202e}'), "bidi control kept: {l:?}");
    }
    let md = report("markdown", &[]);
    for l in md.lines().filter(|l| l.starts_with('|')) {
        // Table rows keep their shape: the input's `|` and newlines are escaped.
        assert!(l.ends_with('|'), "{l}");
    }
    assert!(!md.contains("<script") && !md.contains("<img"));
}

#[test]
fn unpaired_surrogates_are_refused_at_the_input() {
    // UTF-16 files are refused whole (tests/hostile.rs); in JSON an escaped lone
    // surrogate is the one way to write one, and it is refused with its line.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("s.jsonl"),
        "{\"source\": \"5 cats\", \"target\": \"6只猫\"}\n{\"source\": \"\\ud800 5 cats\", \"target\": \"6只猫\"}\n",
    )
    .unwrap();
    let (code, out, err) = common::run_in(dir.path(), &["check", "--isolated", "s.jsonl"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("s.jsonl:2"), "{err}");
}

#[test]
fn stderr_notes_escape_control_characters() {
    // A stale baseline entry is noted on stderr with its message: a crafted
    // baseline cannot write ESC, NUL or line breaks to the terminal.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("p.tsv"),
        "id\tsource\ttarget\n1\tThere were 5 cats.\t有5只猫。\n",
    )
    .unwrap();
    let baseline = json!({
        "paracheck": {"baseline": 1},
        "findings": [{
            "fingerprint": "0123456789abcdef",
            "code": "N001",
            "file": "p\u{1b}[2J.tsv",
            "message": "\u{1b}[31mforged\u{0}\r\nparacheck: error: forged line \u{202e}",
        }],
    });
    std::fs::write(dir.path().join("b.json"), baseline.to_string()).unwrap();
    let (code, out, err) = common::run_in(
        dir.path(),
        &["check", "--isolated", "p.tsv", "--baseline", "b.json"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("forged"), "the note is there: {err}");
    for bad in ['\u{1b}', '\u{0}', '\r', '\u{202e}'] {
        assert!(!err.contains(bad), "{bad:?} in {err:?}");
    }
    // Every line of stderr is paracheck's own.
    for l in err.lines() {
        assert!(!l.starts_with("paracheck: error: forged"), "{err}");
    }
}
