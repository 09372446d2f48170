//! Every report format: a snapshot, and a validity check by the rules of the format's
//! consumer (SARIF 2.1.0 required fields and GitHub's constraints, JUnit parsed back
//! as XML, workflow-command escaping, GitLab Code Quality fields, CSV and JSONL
//! parsed back, Markdown table shape, HTML escaping).
//!
//! The input is the bundled brief with its slips plus `fixtures/report/hostile.tsv`,
//! whose texts and ids carry `<script>`, `"><img onerror=…>`, Markdown and formula
//! syntax and control characters. Snapshots live in `tests/snapshots/`; update them
//! with `UPDATE_SNAPSHOTS=1 cargo test --test formats`.

mod common;

use common::{compare_file, run};
use quick_xml::events::Event;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const INPUTS: &[&str] = &[
    "--isolated",
    "--source-lang",
    "en",
    "--target-lang",
    "zh",
    "--fail-on",
    "never",
    "fixtures/policy-brief-slips.md",
    "fixtures/report/hostile.tsv",
];

/// The report in one format.
fn report(format: &str, extra: &[&str]) -> String {
    let mut args = vec!["check", "--format", format];
    args.extend_from_slice(INPUTS);
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{format}: {err}");
    out
}

/// The JSON report, the reference the other formats are checked against.
fn reference() -> Value {
    serde_json::from_str(&report("json", &[])).unwrap()
}

fn findings(r: &Value) -> &Vec<Value> {
    r["findings"].as_array().unwrap()
}

/// Snapshot: the report with the version replaced, so that a release does not
/// touch every snapshot.
fn snapshot(format: &str, file: &str, extra: &[&str]) {
    let out = report(format, extra).replace(env!("CARGO_PKG_VERSION"), "VERSION");
    assert!(
        !out.contains(env!("CARGO_MANIFEST_DIR")),
        "{format}: no absolute paths"
    );
    compare_file(
        &format!("tests/snapshots/{file}"),
        &out,
        "UPDATE_SNAPSHOTS",
        "UPDATE_SNAPSHOTS=1 cargo test --test formats",
    );
}

#[test]
fn snapshots() {
    snapshot("text", "report.txt", &["--color", "never"]);
    snapshot("json", "report.json", &[]);
    snapshot("jsonl", "report.jsonl", &[]);
    snapshot("html", "report.html", &[]);
    snapshot("html", "report-all-pairs.html", &["--html-all-pairs"]);
    snapshot("markdown", "report.md", &[]);
    snapshot("csv", "report.csv", &[]);
    snapshot("sarif", "report.sarif", &[]);
    snapshot("junit", "report.junit.xml", &[]);
    snapshot("github", "report.github.txt", &[]);
    snapshot("gitlab", "report.gitlab.json", &[]);
}

#[test]
fn every_format_is_deterministic_across_thread_counts() {
    for format in [
        "text", "json", "jsonl", "html", "markdown", "csv", "sarif", "junit", "github", "gitlab",
    ] {
        let one = report(format, &["-j", "1"]);
        assert!(!one.is_empty(), "{format}");
        assert_eq!(one, report(format, &["-j", "3"]), "{format}");
    }
}

#[test]
fn sarif_has_the_required_fields_of_2_1_0_and_github() {
    let s: Value = serde_json::from_str(&report("sarif", &[])).unwrap();
    let r = reference();
    assert_eq!(s["version"], "2.1.0");
    assert!(s["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = s["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "paracheck");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), paracheck::check::codes::Rule::ALL.len());
    for rule in rules {
        assert!(rule["id"].is_string(), "{rule}");
        for key in ["shortDescription", "fullDescription", "help"] {
            let text = rule[key]["text"]
                .as_str()
                .unwrap_or_else(|| panic!("{key}"));
            assert!(!text.is_empty());
        }
        assert!(
            ["error", "warning", "note"]
                .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap())
        );
    }
    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), findings(&r).len());
    let mut fingerprints = BTreeSet::new();
    for (res, f) in results.iter().zip(findings(&r)) {
        assert_eq!(res["ruleId"], f["code"]);
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[idx]["id"], res["ruleId"],
            "ruleIndex points at the rule"
        );
        assert!(["error", "warning", "note"].contains(&res["level"].as_str().unwrap()));
        assert_eq!(res["message"]["text"], f["message"]);
        let locs = res["locations"].as_array().unwrap();
        assert!(!locs.is_empty());
        let phys = &locs[0]["physicalLocation"];
        let uri = phys["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            !uri.starts_with('/') && !uri.contains("://"),
            "relative URI: {uri}"
        );
        assert_eq!(phys["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &phys["region"];
        let line = region["startLine"].as_u64().unwrap();
        assert!(line >= 1);
        let sc = region["startColumn"].as_u64().unwrap();
        let ec = region["endColumn"].as_u64().unwrap();
        assert!(sc >= 1 && ec >= 1);
        if region["endLine"].as_u64() == Some(line) {
            assert!(ec >= sc, "{region}");
        }
        let fp = res["partialFingerprints"]["paracheck/v1"].as_str().unwrap();
        assert!(fingerprints.insert(fp.to_string()), "unique fingerprints");
    }
    // The scale slip: source span at line 10, characters 75..100 of the line.
    let n001 = results.iter().find(|r| r["ruleId"] == "N001").unwrap();
    let region = &n001["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            region["startLine"].as_u64(),
            region["startColumn"].as_u64(),
            region["endColumn"].as_u64()
        ),
        (Some(10), Some(75), Some(100))
    );
    let related = &n001["relatedLocations"][0]["physicalLocation"]["region"];
    assert_eq!(related["startLine"], 12, "the target span");
    assert_eq!(related["startColumn"], 19);
    // columnKind says how columns count.
    assert_eq!(runs[0]["columnKind"], "unicodeCodePoints");
}

/// A JUnit document read back: suite name → (tests, failures, testcases, failure
/// messages).
type Suites = BTreeMap<String, (usize, usize, usize, Vec<String>)>;

fn parse_junit(xml: &str) -> (usize, usize, Suites) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut suites: Suites = BTreeMap::new();
    let (mut tests, mut failures) = (0, 0);
    let mut current = String::new();
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> Option<String> {
        e.attributes()
            .map(|a| a.unwrap())
            .find(|a| AsRef::<str>::as_ref(&a.key) == name)
            .map(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap()
                    .into_owned()
            })
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => match AsRef::<str>::as_ref(&e.name()) {
                "testsuites" => {
                    tests = attr(&e, "tests").unwrap().parse().unwrap();
                    failures = attr(&e, "failures").unwrap().parse().unwrap();
                }
                "testsuite" => {
                    current = attr(&e, "name").unwrap();
                    let t = attr(&e, "tests").unwrap().parse().unwrap();
                    let f = attr(&e, "failures").unwrap().parse().unwrap();
                    suites.insert(current.clone(), (t, f, 0, Vec::new()));
                }
                "testcase" => suites.get_mut(&current).unwrap().2 += 1,
                "failure" => {
                    let m = attr(&e, "message").unwrap();
                    suites.get_mut(&current).unwrap().3.push(m);
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    (tests, failures, suites)
}

#[test]
fn junit_parses_back_with_the_right_counts() {
    let xml = report("junit", &[]);
    let r = reference();
    let (tests, failures, suites) = parse_junit(&xml);
    assert_eq!(failures, findings(&r).len());
    assert_eq!(tests, failures, "no input is free of findings");
    assert_eq!(
        suites.keys().cloned().collect::<Vec<_>>(),
        vec![
            "fixtures/policy-brief-slips.md".to_string(),
            "fixtures/report/hostile.tsv".to_string()
        ]
    );
    let mut messages = Vec::new();
    for (name, (t, f, cases, msgs)) in &suites {
        assert_eq!(*t, *cases, "{name}: tests = testcases");
        assert_eq!(*f, msgs.len(), "{name}: failures = <failure> elements");
        messages.extend(msgs.iter().cloned());
    }
    // Messages survive escaping, except the characters XML cannot carry.
    let want: Vec<String> = findings(&r)
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(messages, want);
    assert!(!xml.contains('\u{b}'), "vertical tab replaced");
    // An input without findings is a passing suite.
    let (code, xml, _) = run(&[
        "check",
        "--isolated",
        "-f",
        "junit",
        "fixtures/formats/parallel.en.txt",
        "fixtures/formats/plain.tsv",
    ]);
    assert_eq!(code, 2, "parallel.en.txt alone is one language");
    assert!(xml.is_empty());
    let (_, xml, _) = run(&[
        "check",
        "--isolated",
        "-f",
        "junit",
        "--source",
        "fixtures/formats/parallel.en.txt",
        "--target",
        "fixtures/formats/parallel.zh.txt",
    ]);
    let (tests, failures, suites) = parse_junit(&xml);
    assert_eq!((tests, failures), (1, 0));
    assert_eq!(
        suites["fixtures/formats/parallel.en.txt"],
        (1, 0, 1, vec![])
    );
}

/// Undoes workflow-command escaping.
fn unescape(s: &str) -> String {
    s.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_annotations_are_escaped_workflow_commands() {
    let out = report("github", &[]);
    let r = reference();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), findings(&r).len() + 1);
    assert!(lines.last().unwrap().starts_with("paracheck: "));
    for (line, f) in lines.iter().zip(findings(&r)) {
        let level = match f["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let rest = line
            .strip_prefix(&format!("::{level} "))
            .unwrap_or_else(|| panic!("{line}"));
        let (props, message) = rest.split_once("::").expect("properties::message");
        assert_eq!(unescape(message), f["message"].as_str().unwrap());
        let props: BTreeMap<&str, String> = props
            .split(',')
            .map(|kv| {
                let (k, v) = kv.split_once('=').expect("key=value");
                assert!(!v.contains(':') && !v.contains(','), "{kv}");
                (k, unescape(v))
            })
            .collect();
        assert_eq!(props["file"], f["file"].as_str().unwrap());
        for k in ["line", "endLine", "col", "endColumn"] {
            assert!(props[k].parse::<usize>().unwrap() >= 1, "{k}");
        }
        assert!(props["title"].starts_with(&format!("paracheck {}", f["code"].as_str().unwrap())));
    }
    // A file name and a message holding the special characters.
    let tricky = "50% of a:b,c";
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x,y:z%.tsv");
    std::fs::write(
        &p,
        format!("The plant produced 47 million tons. {tricky}\t该厂生产了470万吨。\n"),
    )
    .unwrap();
    let (_, out, err) = common::run_in(
        dir.path(),
        &["check", "--isolated", "-f", "github", "x,y:z%.tsv"],
    );
    let first = out.lines().next().unwrap_or_else(|| panic!("{err}"));
    assert!(
        first.starts_with("::error file=x%2Cy%3Az%25.tsv,line=1,"),
        "{first}"
    );
}

#[test]
fn gitlab_code_quality_has_unique_fingerprints() {
    let issues: Value = serde_json::from_str(&report("gitlab", &[])).unwrap();
    let r = reference();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), findings(&r).len());
    let mut seen = BTreeSet::new();
    for (i, f) in issues.iter().zip(findings(&r)) {
        assert!(
            i["description"]
                .as_str()
                .unwrap()
                .contains(f["message"].as_str().unwrap())
        );
        assert_eq!(i["check_name"], f["code"]);
        assert!(seen.insert(i["fingerprint"].as_str().unwrap().to_string()));
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().unwrap())
        );
        assert_eq!(i["location"]["path"], f["file"]);
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn duplicate_findings_get_distinct_fingerprints_where_formats_need_them() {
    // The same sentence with the same slip twice, without ids: one fingerprint in
    // the JSON contract (so baselines count both), two in GitLab and SARIF.
    let dir = tempfile::tempdir().unwrap();
    let line = "The plant produced 47 million tons.\t该厂生产了470万吨。\n";
    std::fs::write(dir.path().join("dup.tsv"), line.repeat(2)).unwrap();
    let args = |f: &'static str| ["check", "--isolated", "-f", f, "dup.tsv"];
    let (_, json, _) = common::run_in(dir.path(), &args("json"));
    let json: Value = serde_json::from_str(&json).unwrap();
    let fps: BTreeSet<_> = findings(&json)
        .iter()
        .map(|f| f["fingerprint"].to_string())
        .collect();
    assert_eq!((findings(&json).len(), fps.len()), (2, 1));
    let (_, gl, _) = common::run_in(dir.path(), &args("gitlab"));
    let gl: Value = serde_json::from_str(&gl).unwrap();
    let fps: BTreeSet<_> = gl
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].to_string())
        .collect();
    assert_eq!(fps.len(), 2);
    let (_, sarif, _) = common::run_in(dir.path(), &args("sarif"));
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let fps: BTreeSet<_> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"]["paracheck/v1"].to_string())
        .collect();
    assert_eq!(fps.len(), 2);
    // The HTML report keeps triage decisions under the unique ones.
    let (_, html, _) = common::run_in(dir.path(), &args("html"));
    let keys: Vec<&str> = html.matches(" data-key=\"").collect();
    assert_eq!(keys.len(), 1, "the second finding has its own key");
}

#[test]
fn csv_has_one_row_per_finding_with_both_texts() {
    let out = report("csv", &[]);
    let r = reference();
    let mut rd = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "file");
    assert!(
        header.contains(&"source_text".to_string()) && header.contains(&"target_text".to_string())
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), findings(&r).len());
    for (row, f) in rows.iter().zip(findings(&r)) {
        assert_eq!(row.len(), header.len());
        assert_eq!(&row[col("code")], f["code"].as_str().unwrap());
        assert_eq!(&row[col("fingerprint")], f["fingerprint"].as_str().unwrap());
    }
    let n001 = rows.iter().find(|r| &r[col("code")] == "N001").unwrap();
    assert!(n001[col("source_text")].starts_with("In 2023, trade between China"));
    assert!(n001[col("target_text")].starts_with("2023年，中国与中亚五国"));
    assert_eq!(&n001[col("source_value")], "89400000000");
    // A text a spreadsheet would run as a formula is defused.
    let formula = rows
        .iter()
        .find(|r| &r[col("pair_id")] == "formula")
        .unwrap();
    assert!(formula[col("source_text")].starts_with("'=HYPERLINK("));
    // Texts with commas, quotes and newlines round-trip.
    let img = rows
        .iter()
        .find(|r| &r[col("pair_id")] == "img-onerror")
        .unwrap();
    assert!(
        img[col("source_text")].starts_with("\"><img src=x onerror=\"document.title='pwned'\">")
    );
}

#[test]
fn jsonl_lines_are_the_json_findings_then_the_summary() {
    let out = report("jsonl", &[]);
    let r = reference();
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON value per line"))
        .collect();
    let (last, fs) = lines.split_last().unwrap();
    assert_eq!(fs, findings(&r).as_slice());
    assert_eq!(last["summary"], r["summary"]);
    assert_eq!(last["paracheck"], r["paracheck"]);
    assert!(last.get("code").is_none());
}

/// The cells of a Markdown table row, split on unescaped `|`.
fn cells(row: &str) -> usize {
    let mut n: usize = 0;
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => n += 1,
            _ => escaped = false,
        }
    }
    n.saturating_sub(1)
}

#[test]
fn markdown_tables_keep_their_shape_and_escape_the_input() {
    let out = report("markdown", &[]);
    let r = reference();
    let mut table: Option<usize> = None;
    let mut rows = 0;
    for line in out.lines() {
        if line.starts_with('|') {
            match table {
                None => table = Some(cells(line)),
                Some(n) => assert_eq!(cells(line), n, "row shape: {line}"),
            }
            rows += 1;
        } else {
            table = None;
        }
    }
    // Two header lines per table, a row per category plus a total, a row per finding.
    assert_eq!(rows, 2 + 5 + 1 + 2 + findings(&r).len());
    for bad in [
        "<script", "</script", "<img", "<b id", "`a`", " | b", "*c*", "~d~",
    ] {
        assert!(!out.contains(bad), "unescaped {bad:?}");
    }
    for good in [
        "&lt;/script&gt;",
        "&lt;b id=pwned&gt;",
        "\\`a\\` \\| b \\*c\\* \\~d\\~ for <b>12 days</b>",
        "&amp; ampersands",
    ] {
        assert!(out.contains(good), "escaped {good:?}");
    }
    assert!(out.starts_with("## paracheck: 13 findings in 14 pairs\n"));
}

#[test]
fn html_is_self_contained_and_escapes_every_input_string() {
    let html = report("html", &["--html-all-pairs"]);
    // Exactly one script element (the page's own) and no element from the input.
    assert_eq!(html.matches("<script").count(), 1);
    assert_eq!(html.matches("<script>").count(), 1);
    for bad in ["<img", "<b id=pwned", "onerror=\"", "<script>document"] {
        assert!(!html.contains(bad), "unescaped {bad:?}");
    }
    assert!(html.contains("&lt;script&gt;document.title=&quot;pwned&quot;&lt;&#x2f;script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror="));
    assert!(html.contains("id <code>&quot;&gt;&lt;b id=pwned&gt;bold-id&lt;&#x2f;b&gt;</code>"));
    // No network: no src attributes, links only to anchors, a CSP that allows none.
    let tags: BTreeSet<String> = regex::Regex::new(r"<([a-zA-Z][a-zA-Z0-9]*)")
        .unwrap()
        .captures_iter(&html)
        .map(|c| c[1].to_ascii_lowercase())
        .collect();
    let allowed = "html head meta title style body header h1 h2 p section div span figure \
        figcaption svg text rect table caption tr th td code b details summary ul li nav \
        label input select option output main colgroup col thead tbody a mark footer \
        script button dialog dl dt dd kbd";
    for t in &tags {
        assert!(
            allowed.split_whitespace().any(|a| a == t),
            "unexpected element <{t}>"
        );
    }
    assert!(!html.contains(" src=\""), "no external resources");
    for href in html.split("href=\"").skip(1) {
        assert!(
            href.starts_with('#'),
            "only in-page links: {}",
            &href[..40.min(href.len())]
        );
    }
    assert!(html.contains("default-src 'none'"));
    assert!(html.contains("script-src 'sha256-"));
    // Highlighted spans carry their rule and normalized value.
    assert!(html.contains(
        "title=\"N001 number-mismatch = 89,400,000,000 USD\">89.4 billion U.S. dollars</mark>"
    ));
    // Values as people read them: digits grouped, date qualifiers kept; the
    // canonical value in the title.
    assert!(html.contains(
        "<span title=\"source value: 89400000000\">89,400,000,000 USD</span> <span class=\"vs\">vs</span> <span title=\"target value: 8940000000\">8,940,000,000 USD</span>"
    ));
    assert!(html.contains(">mid 2024-03</span> <span class=\"vs\">vs</span> <span title=\"target value: 2024-03\">late 2024-03</span>"));
    // Several findings in a row are numbered, and so are their spans.
    assert!(
        html.contains("data-code=\"N002\" data-fp=\"a4bdba934e106e25\" data-n=\"1\""),
        "numbered findings"
    );
    assert!(html.contains("data-f=\"f6\" data-n=\"2\" title=\"E001 entity-substitution = Kazakhstan\">Kazakhstan</mark>"));
    assert!(html.contains(">89.4亿美元</mark>"));
    // All pairs: the clean pair of the hostile fixture is there, hidden until asked for.
    let clean_row =
        regex::Regex::new(r#"<tr role="row" id="p\d+" class="row k-clean w-none"[^>]* hidden>"#)
            .unwrap();
    assert!(clean_row.is_match(&html));
    assert!(html.contains("该线路全长约523公里。"));
    let without = report("html", &[]);
    assert!(!without.contains("该线路全长约523公里。"));
    // A clean run says so.
    let (code, clean, _) = run(&[
        "check",
        "--isolated",
        "-f",
        "html",
        "--source",
        "fixtures/formats/parallel.en.txt",
        "--target",
        "fixtures/formats/parallel.zh.txt",
    ]);
    assert_eq!(code, 0);
    assert!(clean.contains("<p id=\"empty\" class=\"empty\">No findings:"));
}

#[test]
fn html_past_max_findings_keeps_the_rest_as_inert_data() {
    let html = report("html", &["--html-all-pairs", "--html-max-findings", "3"]);
    // The page's script, and two data blocks that no browser runs.
    assert_eq!(html.matches("<script>").count(), 1);
    assert_eq!(html.matches("<script").count(), 3);
    assert!(html.contains("<script type=\"application/json\" id=\"lazy-meta\">"));
    assert!(html.contains("<script type=\"text/x-paracheck-rows\" id=\"lazy-rows\">"));
    assert!(html.contains("This report has 13 findings in 17 rows."));
    // Each block ends only where it should: no `</script` or `<!--` inside.
    let rows_block = html
        .split("id=\"lazy-rows\">")
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let lower = rows_block.to_lowercase();
    assert!(!lower.contains("</script") && !lower.contains("<!--"));
    // The hostile rows are in the block, escaped as in the page.
    assert!(
        rows_block.contains("&lt;script&gt;document.title=&quot;pwned&quot;&lt;&#x2f;script&gt;")
    );
    assert!(
        rows_block.contains("id <code>&quot;&gt;&lt;b id=pwned&gt;bold-id&lt;&#x2f;b&gt;</code>")
    );
    for bad in ["<img", "<b id=pwned", "onerror=\""] {
        assert!(!html.contains(bad), "unescaped {bad:?}");
    }
    assert_eq!(
        rows_block.matches("</tr>").count(),
        rows_block.matches("<tr ").count()
    );
    // The meta block is JSON, one entry per row of the block.
    let meta = html
        .split("id=\"lazy-meta\">")
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let meta: Value = serde_json::from_str(meta).unwrap();
    assert_eq!(
        meta.as_array().unwrap().len(),
        rows_block.matches("</tr>").count()
    );
    // Without the limit, all rows are in the page and there is no data block.
    let all = report("html", &["--html-all-pairs", "--html-max-findings", "0"]);
    assert!(!all.contains("id=\"lazy-rows\""));
    let default = report("html", &["--html-all-pairs"]);
    assert!(
        all.replace("data-page=\"0\"", "data-page=\"5000\"") == default,
        "the same page with the default of 5,000"
    );
}
