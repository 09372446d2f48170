//! Baselines: an unchanged input with its baseline exits 0, a new slip exits 1,
//! moved pairs keep their fingerprints, fixed findings show up as stale entries,
//! and a bad baseline file is an error naming the file.

mod common;

use common::{root, run_in};
use serde_json::Value;
use std::path::Path;

const SEED: &str = "../shared/seed/000_a99887a930e7fcc5.txt";

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// `check --isolated FILE ARGS` in `dir`.
fn check(dir: &Path, file: &str, args: &[&str]) -> (i32, String, String) {
    let mut a = vec!["check", "--isolated", file];
    a.extend_from_slice(args);
    run_in(dir, &a)
}

fn findings(json: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["findings"].as_array().unwrap().clone()
}

/// Swaps two paragraphs (each a pair's source or target) of an interleaved text.
fn swap_pairs(text: &str, a: usize, b: usize) -> String {
    let mut paras: Vec<&str> = text.split("\n\n").collect();
    paras.swap(a, b);
    paras.swap(a + 1, b + 1);
    paras.join("\n\n")
}

#[test]
fn unchanged_input_passes_and_a_new_slip_fails() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let brief = std::fs::read_to_string(root().join("fixtures/policy-brief-slips.md")).unwrap();
    write(d, "brief.md", &brief);

    // Recording exits 0 even though the findings would fail the run.
    let (code, _, err) = check(d, "brief.md", &["--write-baseline", "base.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("wrote 8 findings to the baseline base.json"),
        "{err}"
    );
    let base: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("base.json")).unwrap()).unwrap();
    assert_eq!(base["paracheck"]["baseline"], 1);
    let entries = base["findings"].as_array().unwrap();
    assert_eq!(entries.len(), 8);
    for e in entries {
        for k in ["fingerprint", "code", "file", "message"] {
            assert!(e[k].is_string(), "{k}: {e}");
        }
    }

    // Unchanged: nothing new, exit 0, no stale note.
    let (code, out, err) = check(
        d,
        "brief.md",
        &["--baseline", "base.json", "--fail-on", "info"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out,
        "8 pairs checked: no findings; hidden: 8 by the baseline\n"
    );
    assert!(!err.contains("note"), "{err}");

    // Pairs moved around: fingerprints do not depend on lines.
    let moved = swap_pairs(&brief, 4, 12);
    assert_ne!(moved, brief);
    write(d, "brief.md", &moved);
    let (code, out, err) = check(d, "brief.md", &["--baseline", "base.json", "-f", "json"]);
    assert_eq!((code, findings(&out).len()), (0, 0), "{err}");

    // A new slip: exactly that finding is reported, and the run fails.
    write(d, "brief.md", &brief.replace("3200万吨", "3300万吨"));
    let (code, out, _) = check(d, "brief.md", &["--baseline", "base.json", "-f", "json"]);
    assert_eq!(code, 1);
    let fs = findings(&out);
    assert_eq!(fs.len(), 1);
    assert_eq!(fs[0]["code"], "N001");
    assert_eq!(fs[0]["target"]["text"], "3300万吨");

    // A slip fixed: its entry is stale, noted on stderr and in the reports.
    write(d, "brief.md", &brief.replace("89.4亿美元", "894亿美元"));
    let (code, out, err) = check(
        d,
        "brief.md",
        &["--baseline", "base.json", "-f", "markdown"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("base.json: 1 entry matches no finding any more"),
        "{err}"
    );
    assert!(err.contains("3f4c356403e539bb N001"), "{err}");
    assert!(
        out.contains("7 findings suppressed, 1 entry stale"),
        "{out}"
    );
    let (_, html, _) = check(d, "brief.md", &["--baseline", "base.json", "-f", "html"]);
    assert!(html.contains("7 known findings suppressed"));
    assert!(
        html.contains("3f4c356403e539bb"),
        "the stale entry is listed"
    );

    // The configuration can name the baseline (relative to the file).
    write(d, "brief.md", &brief);
    write(d, "paracheck.toml", "baseline = \"base.json\"\n");
    let (code, out, _) = run_in(d, &["check", "brief.md"]);
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "8 pairs checked: no findings; hidden: 8 by the baseline\n"
        )
    );
}

#[test]
fn bad_baseline_files_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        root().join("fixtures/policy-brief-slips.md"),
        d.join("brief.md"),
    )
    .unwrap();
    let cases: &[(&str, &str)] = &[
        (
            "not json",
            "bad.json:1:2: not a paracheck baseline: expected ident\n",
        ),
        (
            "{\"findings\": []}",
            "bad.json:1:16: not a paracheck baseline: missing field `paracheck`",
        ),
        (
            "{\"paracheck\": {\"baseline\": 9}, \"findings\": []}",
            "bad.json: baseline format 9 is not supported",
        ),
        (
            "{\"paracheck\": {\"baseline\": 1}, \"findings\": [{\"fingerprint\": \"x\", \"code\": \"N001\", \"file\": \"f\", \"message\": \"m\"}]}",
            "bad.json: findings[0]: `x` is not a fingerprint",
        ),
    ];
    for (text, want) in cases {
        write(d, "bad.json", text);
        let (code, out, err) = check(d, "brief.md", &["--baseline", "bad.json"]);
        assert_eq!(code, 2, "{text}: {err}");
        assert!(err.contains(want), "want {want:?} in {err:?}");
        assert!(out.is_empty());
    }
    let (code, _, err) = check(d, "brief.md", &["--baseline", "missing.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("missing.json: cannot read the baseline"),
        "{err}"
    );
    let (code, _, err) = check(
        d,
        "brief.md",
        &["--write-baseline", "/nonexistent/dir/b.json"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("/nonexistent/dir/b.json: cannot write the baseline"),
        "{err}"
    );
}

/// The seed article with hand-made slips: the baseline records them, the unchanged
/// article passes, one more slip fails.
#[test]
fn seed_article_baseline() {
    let seed = root().join(SEED);
    let Ok(original) = std::fs::read_to_string(&seed) else {
        eprintln!("skipping seed_article_baseline: {SEED} is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let slipped = original
        .replacen("1539.385亿美元", "1593.385亿美元", 1)
        .replacen("2022年1月中旬", "2022年1月下旬", 1);
    assert_ne!(slipped, original, "the seed holds the slipped phrases");
    write(d, "seed.txt", &slipped);
    let (code, out, _) = check(d, "seed.txt", &["-f", "json"]);
    assert_eq!(code, 1);
    let errors: Vec<String> = findings(&out)
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(errors, vec!["D001", "N001"], "both slips are caught");
    let (code, _, _) = check(d, "seed.txt", &["--write-baseline", "base.json"]);
    assert_eq!(code, 0);
    let (code, out, err) = check(d, "seed.txt", &["--baseline", "base.json"]);
    assert_eq!(code, 0, "{out}{err}");
    write(d, "seed.txt", &slipped.replacen("4700万吨", "470万吨", 1));
    let (code, out, _) = check(d, "seed.txt", &["--baseline", "base.json", "-f", "json"]);
    assert_eq!(code, 1);
    let fs = findings(&out);
    assert_eq!(fs.len(), 1, "only the new slip: {out}");
    assert_eq!(fs[0]["target"]["text"], "470万吨");
}
