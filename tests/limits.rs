//! Resource limits per pair: `max-pair-bytes` and `max-pair-findings`. Past them a
//! finding says what was skipped (A009, A010); nothing is dropped silently.

mod common;

use paracheck::check::codes::Rule;
use paracheck::check::{Checker, Options};
use paracheck::input::{Location, Pair};
use paracheck::lang;

fn pair(source: &str, target: &str) -> Pair {
    Pair {
        index: 0,
        id: Some("p".into()),
        source: source.into(),
        target: target.into(),
        location: Location {
            file: "limits.tsv".into(),
            source_line: 2,
            target_line: 2,
        },
        source_lang: lang::by_code("en").unwrap(),
        target_lang: lang::by_code("zh").unwrap(),
    }
}

/// A source with `n` numbers none of which is in the target.
fn many_numbers(n: usize) -> String {
    (1..=n).map(|i| format!("{} cats. ", 1000 + i)).collect()
}

#[test]
fn findings_past_the_limit_are_counted_in_one_finding() {
    let p = pair(&many_numbers(50), "猫。");
    let all = Checker::default().check_pair(&p);
    assert_eq!(all.len(), 50, "{all:?}");
    assert!(all.iter().all(|f| f.rule == Rule::NumberMissing));

    let checker = Checker::new(Options {
        max_pair_findings: 10,
        ..Options::default()
    });
    let fs = checker.check_pair(&p);
    assert_eq!(fs.len(), 11);
    // The first ten are the same findings, in the same order, as without a limit.
    assert_eq!(fs[..10], all[..10]);
    let last = &fs[10];
    assert_eq!(last.rule, Rule::FindingsNotListed);
    assert!(
        last.message
            .contains("40 more findings of this pair not listed"),
        "{}",
        last.message
    );
    assert!(last.message.contains("max-pair-findings (10)"));
    assert_eq!(last.fingerprint.len(), 16);
    // At the limit exactly, nothing is counted.
    let at = Checker::new(Options {
        max_pair_findings: 50,
        ..Options::default()
    });
    assert_eq!(at.check_pair(&p), all);
}

#[test]
fn a_pair_past_the_size_limit_is_not_checked_and_says_so() {
    let p = pair("In 2020 there were 5 cats.", "2021年有6只猫。");
    let checker = Checker::new(Options {
        max_pair_bytes: 20,
        ..Options::default()
    });
    let fs = checker.check_pair(&p);
    assert_eq!(fs.len(), 1, "{fs:?}");
    assert_eq!(fs[0].rule, Rule::PairNotChecked);
    assert_eq!(fs[0].severity, paracheck::finding::Severity::Error);
    assert!(
        fs[0]
            .message
            .contains("more than max-pair-bytes (20 bytes)")
    );
    assert_eq!(fs[0].pair_id.as_deref(), Some("p"));
    // Under the limit the pair is checked.
    let fs = Checker::default().check_pair(&p);
    assert!(fs.iter().any(|f| f.rule == Rule::DateMismatch), "{fs:?}");
}

#[test]
fn defaults_are_generous() {
    // 1 MB of text in one pair is checked in full.
    let src = many_numbers(1);
    let filler = "The cats sat on the mat. ".repeat(40_000);
    let p = pair(
        &format!("{filler}{src}"),
        &format!("{}猫。", "猫坐在垫子上。".repeat(40_000)),
    );
    assert!(p.source.len() + p.target.len() > 1_000_000);
    let fs = Checker::default().check_pair(&p);
    assert_eq!(
        fs.iter().map(|f| f.rule.code()).collect::<Vec<_>>(),
        ["N002"],
        "{fs:?}"
    );
}

#[test]
fn limits_come_from_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("p.tsv");
    let mut body = String::from("id\tsource\ttarget\n");
    body.push_str(&format!("big\t{}\t猫。\n", many_numbers(30)));
    body.push_str("small\tHi 3.\t你好3。\n");
    std::fs::write(&tsv, body).unwrap();
    std::fs::write(
        dir.path().join("paracheck.toml"),
        "[limits]\nmax-pair-findings = 5\n",
    )
    .unwrap();
    // The length-ratio rules (A007, A008) would also note the big pair's short
    // target: left out, as they judge the file, not the pair's limits.
    let (code, out, err) = common::run_in(
        dir.path(),
        &[
            "check",
            "p.tsv",
            "--format",
            "json",
            "--ignore",
            "A007,A008",
        ],
    );
    // Warnings only (N002, A010): the default fail-on is `error`.
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["N002", "N002", "N002", "N002", "N002", "A010"]);

    std::fs::write(
        dir.path().join("paracheck.toml"),
        "[limits]\nmax-pair-bytes = \"100 bytes\"\n",
    )
    .unwrap();
    let (code, out, err) = common::run_in(dir.path(), &["check", "p.tsv"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("A009 pair-not-checked"), "{out}");
    assert!(
        out.contains("more than max-pair-bytes (100 bytes)"),
        "{out}"
    );
    // The small pair is still checked, and clean.
    assert!(out.contains("2 pairs checked: 1 finding"), "{out}");
}
