//! The command line, end to end: inputs, outputs, exit status, errors.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn paracheck() -> Command {
    let mut c = Command::cargo_bin("paracheck").expect("binary");
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// Runs `paracheck check --format json ARGS`, returns (exit code, report).
fn check_json(args: &[&str]) -> (i32, Value) {
    let out = paracheck()
        .arg("check")
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let code = out.status.code().expect("exit code");
    let text = String::from_utf8(out.stdout).expect("utf-8 report");
    let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    (code, json)
}

fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn clean_interleaved_text_reports_only_unpaired_paragraphs() {
    let (code, r) = check_json(&[fixture("policy-brief.md").to_str().unwrap()]);
    assert_eq!(
        code, 0,
        "warnings alone do not fail with the default --fail-on error"
    );
    assert_eq!(r["summary"]["pairs"], 8);
    assert_eq!(codes(&r), vec!["A001"; 3]);
    let lines: Vec<i64> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["source_line"].as_i64().unwrap())
        .collect();
    assert_eq!(
        lines,
        vec![1, 8, 38],
        "title, summary and share line are unpaired"
    );
}

#[test]
fn slips_are_reported_with_spans_and_values() {
    let (code, r) = check_json(&[fixture("policy-brief-slips.md").to_str().unwrap()]);
    assert_eq!(code, 1);
    let f = &r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "N001")
        .expect("the scale slip")
        .clone();
    assert_eq!(f["severity"], "error");
    assert_eq!(f["category"], "number");
    assert_eq!(f["source"]["text"], "89.4 billion U.S. dollars");
    assert_eq!(f["source"]["value"], "89400000000");
    assert_eq!(f["target"]["text"], "89.4亿美元");
    assert_eq!(f["target"]["value"], "8940000000");
    assert_eq!(f["source_line"], 10);
    assert_eq!(f["target_line"], 12);
    let msg = f["message"].as_str().unwrap();
    assert!(msg.contains("(89400000000 USD) ≠ target"), "{msg}");
    // Spans are character offsets into each side's text.
    let source = "In 2023, trade between China and the five Central Asian countries reached 89.4 billion U.S. dollars";
    let start = f["source"]["start"].as_u64().unwrap() as usize;
    assert_eq!(
        source.chars().skip(start).take(9).collect::<String>(),
        "89.4 bill"
    );
    let mut all = codes(&r);
    all.sort();
    assert_eq!(
        all,
        vec![
            "A001", "A001", "A001", "D001", "D001", "E001", "N001", "N002"
        ]
    );
    // The name slip: Kazakhstan became Uzbekistan.
    let e = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "E001")
        .unwrap();
    assert_eq!(e["category"], "entity");
    assert_eq!(e["source"]["text"], "Kazakhstan");
    assert_eq!(e["source"]["value"], "KZ");
    assert_eq!(e["target"]["text"], "乌兹别克斯坦");
    assert_eq!(e["target"]["value"], "UZ");
}

#[test]
fn json_contract_has_every_field() {
    let (_, r) = check_json(&[fixture("policy-brief-slips.md").to_str().unwrap()]);
    assert_eq!(r["paracheck"]["schema"], 1);
    assert_eq!(r["paracheck"]["version"], env!("CARGO_PKG_VERSION"));
    for key in ["pairs", "findings", "by_severity", "by_category"] {
        assert!(r["summary"].get(key).is_some(), "summary.{key}");
    }
    assert_eq!(r["summary"]["by_severity"]["error"], 4);
    assert_eq!(r["summary"]["by_category"]["number"], 2);
    assert_eq!(r["summary"]["by_category"]["entity"], 1);
    for f in r["findings"].as_array().unwrap() {
        for key in [
            "code",
            "rule",
            "category",
            "severity",
            "pair_index",
            "pair_id",
            "file",
            "source_line",
            "target_line",
            "message",
            "source",
            "target",
            "fingerprint",
        ] {
            assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
        }
        assert_eq!(f["fingerprint"].as_str().unwrap().len(), 16);
    }
}

#[test]
fn fail_on_levels() {
    let slips = fixture("policy-brief-slips.md");
    let clean = fixture("policy-brief.md");
    let status = |args: &[&str]| {
        paracheck()
            .arg("check")
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
            .unwrap()
    };
    assert_eq!(status(&[slips.to_str().unwrap()]), 1);
    assert_eq!(status(&[slips.to_str().unwrap(), "--fail-on", "never"]), 0);
    assert_eq!(
        status(&[clean.to_str().unwrap(), "--fail-on", "warning"]),
        1,
        "unpaired paragraphs are warnings"
    );
    assert_eq!(status(&[clean.to_str().unwrap(), "--fail-on", "error"]), 0);
    assert_eq!(
        status(&[
            clean.to_str().unwrap(),
            "--ignore",
            "A001",
            "--fail-on",
            "info"
        ]),
        0
    );
}

#[test]
fn every_input_format() {
    // CSV with quoted commas, quotes and newlines; ids from the header's id column.
    let (code, r) = check_json(&[fixture("formats/pairs.csv").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(r["summary"]["pairs"], 3);
    let f = &r["findings"][0];
    assert_eq!(
        (
            f["code"].as_str(),
            f["pair_id"].as_str(),
            f["pair_index"].as_i64()
        ),
        (Some("N001"), Some("slip-3"), Some(2))
    );
    assert_eq!(
        f["source_line"], 6,
        "the record starts on line 6 after a multi-line record"
    );
    // Two parallel files; blank lines on both sides are skipped.
    let (code, r) = check_json(&[
        "--source",
        fixture("formats/parallel.en.txt").to_str().unwrap(),
        "--target",
        fixture("formats/parallel.zh.txt").to_str().unwrap(),
    ]);
    assert_eq!((code, r["summary"]["pairs"].as_i64()), (0, Some(3)));
    // TSV without a header.
    let (code, r) = check_json(&[fixture("formats/plain.tsv").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(codes(&r), vec!["N001"]);
    assert_eq!(r["findings"][0]["source_line"], 2);
    // Several inputs: pair indices continue across them.
    let (_, r) = check_json(&[
        fixture("formats/plain.tsv").to_str().unwrap(),
        fixture("formats/pairs.csv").to_str().unwrap(),
    ]);
    assert_eq!(r["summary"]["pairs"], 5);
    let idx: Vec<i64> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["pair_index"].as_i64().unwrap())
        .collect();
    assert_eq!(idx, vec![1, 4]);
}

#[test]
fn languages_can_be_set_and_reversed() {
    // zh→en: the Chinese column is the source.
    let (code, r) = check_json(&[
        fixture("numbers/zh-en.tsv").to_str().unwrap(),
        "--fail-on",
        "never",
    ]);
    assert_eq!(code, 0);
    let f = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["pair_id"] == "N001-scale-yi-wan")
        .unwrap();
    assert_eq!(f["source"]["text"], "1539.385亿美元");
    // Unsupported language code.
    let out = paracheck()
        .args(["check", "--source-lang", "xx"])
        .arg(fixture("formats/plain.tsv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported language `xx`"));
}

#[test]
fn bad_input_exits_2_naming_file_and_line() {
    let cases: &[(&[&str], &str)] = &[
        (&["bad/empty.tsv"], "bad/empty.tsv: the file is empty"),
        (&["bad/binary.tsv"], "bad/binary.tsv:1: not UTF-8 text"),
        (&["bad/latin1.tsv"], "bad/latin1.tsv:1: not UTF-8 text"),
        (
            &["bad/malformed.csv"],
            "bad/malformed.csv:2: expected 2 fields",
        ),
        (
            &["bad/no-columns.csv"],
            "bad/no-columns.csv:1: the header must name `source` and `target`",
        ),
        (
            &["bad/bad-fields.tsv"],
            "bad/bad-fields.tsv:2: expected 2 tab-separated fields",
        ),
        (&["bad/russian.tsv"], "looks like Cyrillic"),
        (
            &["bad/does-not-exist.tsv"],
            "bad/does-not-exist.tsv: cannot read",
        ),
        // A directory is walked in path order: its first file that cannot be read
        // stops the run.
        (
            &["bad"],
            "bad/bad-fields.tsv:2: expected 2 tab-separated fields",
        ),
    ];
    for (args, want) in cases {
        let paths: Vec<PathBuf> = args.iter().map(|a| Path::new("fixtures").join(a)).collect();
        let out = paracheck().arg("check").args(&paths).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: want {want:?} in {err:?}");
        assert!(
            out.stdout.is_empty(),
            "{args:?}: no partial report on stdout"
        );
    }
    let out = paracheck()
        .args([
            "check",
            "--source",
            "fixtures/bad/short.en.txt",
            "--target",
            "fixtures/bad/short.zh.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("short.en.txt has 3 lines, fixtures/bad/short.zh.txt has 2 lines")
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check"][..],
        &["check", "--format", "yaml", "x.tsv"],
        &["frobnicate"],
        &["check", "--source", "a.txt"],
    ] {
        let out = paracheck().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
}

#[test]
fn help_and_version() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["extract", "--help"],
        &["rules", "--help"],
        &["--version"],
    ] {
        let out = paracheck().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(!out.stdout.is_empty());
    }
    let help = paracheck().args(["check", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--source-lang",
        "--format",
        "--output",
        "--fail-on",
        "--jobs",
        "Exit status",
    ] {
        assert!(help.contains(flag), "check --help mentions {flag}");
    }
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("report.json");
    let out = paracheck()
        .args(["check", "--format", "json", "-o"])
        .arg(&out_path)
        .arg(fixture("policy-brief-slips.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let r: Value = serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(r["summary"]["findings"], 8);
    // Only the report is left in the directory: the temporary file was renamed.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // An output path in a missing directory is an error, not a panic.
    let out = paracheck()
        .args(["check", "-o", "/nonexistent/dir/r.json"])
        .arg(fixture("policy-brief.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("/nonexistent/dir/r.json: cannot write the report")
    );
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let input = fixture("numbers/en-zh.tsv");
    let run = |threads: &str| {
        paracheck()
            .args([
                "check",
                "--format",
                "json",
                "--fail-on",
                "never",
                "-j",
                threads,
            ])
            .arg(&input)
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("4"));
    assert_eq!(one, run("2"));
}

#[test]
fn text_report_highlights_spans() {
    let out = paracheck()
        .args(["check", "--color", "never"])
        .arg(fixture("policy-brief-slips.md"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("error N001 number-mismatch: source \"89.4 billion U.S. dollars\""),
        "{text}"
    );
    assert!(text.contains("[89.4亿美元]"), "{text}");
    assert!(
        text.ends_with("8 pairs checked: 8 findings (4 errors, 4 warnings, 0 info)\n"),
        "{text}"
    );
    let colored = paracheck()
        .args(["check", "--color", "always"])
        .arg(fixture("policy-brief-slips.md"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&colored.stdout).contains("\x1b[1;31m"));
}

#[test]
fn extract_prints_mentions() {
    let out = paracheck()
        .args([
            "extract",
            "--lang",
            "zh",
            "--format",
            "json",
            "--",
            "2022年1月中旬，贸易额达1539.385亿美元",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ms = r["mentions"].as_array().unwrap();
    assert_eq!(ms.len(), 2);
    assert_eq!(ms[0]["kind"], "date_range");
    assert_eq!(ms[0]["value"], "2022-01");
    assert_eq!(ms[0]["mod"], "mid");
    assert_eq!(ms[0]["start_date"], "2022-01-11");
    assert_eq!(ms[0]["end_date"], "2022-01-20");
    assert_eq!(ms[1]["kind"], "money");
    assert_eq!(ms[1]["value"], "153938500000");
    assert_eq!(ms[1]["unit"], "USD");
    assert_eq!(
        (ms[1]["start"].as_u64(), ms[1]["end"].as_u64()),
        (Some(14), Some(25))
    );
    let out = paracheck()
        .args(["extract", "--lang", "en", "--file"])
        .arg(fixture("bad/empty.tsv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "an empty text has no mentions");
    let out = paracheck()
        .args(["extract", "--lang", "fr", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rules_lists_and_explains() {
    let out = paracheck().arg("rules").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for code in ["A001", "N001", "N002", "N003", "D001", "D005"] {
        assert!(text.contains(code), "{code}");
    }
    let out = paracheck()
        .args(["rules", "number-mismatch"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("N001 number-mismatch"));
    let out = paracheck().args(["rules", "Z999"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn licenses_name_every_bundled_source() {
    let out = paracheck().arg("licenses").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "Unicode License v3",
        "LGPL-2.1-or-later",
        "CC-CEDICT",
        "Attribution-ShareAlike 4.0",
        "data/cedict/names.tsv",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
}
