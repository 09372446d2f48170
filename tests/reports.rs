//! The sample reports in `reports/` are what the current code makes from the
//! fixtures. Regenerate them with `UPDATE_REPORTS=1 cargo test --test reports`.

mod common;

use common::{compare_file, run};

/// Each sample report and the arguments that make it (run from the project root,
/// with relative paths, so that no absolute path ends up in a report).
const REPORTS: &[(&str, &[&str])] = &[
    (
        "reports/policy-brief-slips.html",
        &[
            "-f",
            "html",
            "--html-all-pairs",
            "fixtures/policy-brief-slips.md",
        ],
    ),
    (
        "reports/policy-brief-slips.md",
        &["-f", "markdown", "fixtures/policy-brief-slips.md"],
    ),
    (
        "reports/policy-brief-slips.json",
        &["-f", "json", "fixtures/policy-brief-slips.md"],
    ),
    (
        "reports/policy-brief-slips.sarif",
        &["-f", "sarif", "fixtures/policy-brief-slips.md"],
    ),
    (
        "reports/numbers-en-zh.html",
        &[
            "-f",
            "html",
            "--html-all-pairs",
            "fixtures/numbers/en-zh.tsv",
        ],
    ),
];

#[test]
fn sample_reports_are_current() {
    for (path, args) in REPORTS {
        let mut a = vec!["check", "--isolated", "--fail-on", "never"];
        a.extend_from_slice(args);
        let (code, out, err) = run(&a);
        assert_eq!(code, 0, "{path}: {err}");
        assert!(
            !out.contains(env!("CARGO_MANIFEST_DIR")),
            "{path}: no absolute paths"
        );
        compare_file(
            path,
            &out,
            "UPDATE_REPORTS",
            "UPDATE_REPORTS=1 cargo test --test reports",
        );
    }
    // Nothing else in reports/ but the samples and their README.
    let mut on_disk: Vec<String> = std::fs::read_dir(common::root().join("reports"))
        .unwrap()
        .map(|e| format!("reports/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| p != "reports/README.md")
        .collect();
    on_disk.sort();
    let mut want: Vec<String> = REPORTS.iter().map(|(p, _)| p.to_string()).collect();
    want.sort();
    assert_eq!(on_disk, want, "reports/ holds exactly the sample reports");
}
