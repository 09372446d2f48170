//! Glossaries (`--glossary`, `glossary = [...]` in the configuration): the same
//! terms as TSV, CSV and TBX give the same findings; bad files exit 2.

mod common;

use common::{root, run, run_in};
use serde_json::Value;

/// (pair id, rule code) of every finding in a JSON report.
fn findings(json: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["pair_id"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// What the fixture ids ask for: `G001-term-missing` → G001, `ok-…` → nothing.
fn expected() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("fixtures/glossary/pairs.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .filter(|id| !id.starts_with("ok-"))
        .map(|id| (id.to_string(), id.split('-').next().unwrap().to_string()))
        .collect()
}

#[test]
fn tsv_csv_and_tbx_glossaries_agree_with_the_fixture_ids() {
    let want = expected();
    assert!(want.len() >= 3, "{want:?}");
    for ext in ["tsv", "csv", "tbx"] {
        let glossary = format!("fixtures/glossary/terms.{ext}");
        let (code, out, err) = run(&[
            "check",
            "--format",
            "json",
            "--glossary",
            &glossary,
            "fixtures/glossary/pairs.tsv",
        ]);
        assert_eq!(code, 1, "{ext}: glossary errors fail the run: {err}");
        assert_eq!(findings(&out), want, "{ext}");
        // Reports that list the run's options name the glossary.
        let (_, md, _) = run(&[
            "check",
            "--format",
            "markdown",
            "--glossary",
            &glossary,
            "fixtures/glossary/pairs.tsv",
        ]);
        assert!(md.contains(&format!("glossary={glossary}")), "{ext}: {md}");
    }
}

#[test]
fn without_a_glossary_the_entity_rules_judge_the_names() {
    let (code, out, err) = run(&["check", "--format", "json", "fixtures/glossary/pairs.tsv"]);
    assert_eq!(code, 0, "{err}");
    // 哈国 is not a name paracheck knows for Kazakhstan: a warning, which the
    // glossary entry replaces.
    assert_eq!(
        findings(&out),
        vec![("ok-glossary-decides-name".to_string(), "E002".to_string())]
    );
}

#[test]
fn configuration_glossaries_resolve_against_the_configuration_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("terms")).unwrap();
    std::fs::copy(
        root().join("fixtures/glossary/terms.csv"),
        dir.path().join("terms/company.csv"),
    )
    .unwrap();
    std::fs::copy(
        root().join("fixtures/glossary/pairs.tsv"),
        dir.path().join("pairs.tsv"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("paracheck.toml"),
        "glossary = [\"terms/company.csv\"]\nformat = \"json\"\n",
    )
    .unwrap();
    let sub = dir.path().join("terms");
    let input = dir.path().join("pairs.tsv");
    // Run from another directory: the path is the configuration's, not the cwd's.
    let (code, out, err) = run_in(&sub, &["check", input.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(findings(&out), expected());
}

#[test]
fn bad_glossaries_exit_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "extra.csv",
            "source,target,note\nBelt,带,x,y\n",
            "extra.csv:2",
        ),
        ("empty.tsv", "# nothing here\n", "empty.tsv: no terms"),
        (
            "blank-target.tsv",
            "# terms\nBelt\t\n",
            "blank-target.tsv:2",
        ),
        (
            "broken.tbx",
            "<tbx><text><body><conceptEntry>\n<langSec xml:lang=\"en\"><termSec><term>x</term></langSec>",
            "broken.tbx:2",
        ),
    ];
    for (name, content, needle) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let (code, out, err) = run(&[
            "check",
            "--glossary",
            path.to_str().unwrap(),
            "fixtures/glossary/pairs.tsv",
        ]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(out.is_empty(), "{name}: no report on a bad glossary: {out}");
        assert!(err.contains(needle), "{name}: {err}");
    }
    let missing = dir.path().join("absent.tsv");
    let (code, _, err) = run(&[
        "check",
        "--glossary",
        missing.to_str().unwrap(),
        "fixtures/glossary/pairs.tsv",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("absent.tsv: cannot read"), "{err}");
}
