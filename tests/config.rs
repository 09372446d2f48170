//! Configuration files, how flags override them, and the exit-status flags.

mod common;

use common::{root, run, run_in};
use serde_json::Value;
use std::path::Path;

/// A project directory with the slipped brief in `texts/` and a configuration.
fn project(config_name: &str, config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("texts")).unwrap();
    std::fs::copy(
        root().join("fixtures/policy-brief-slips.md"),
        dir.path().join("texts/brief.md"),
    )
    .unwrap();
    if !config_name.is_empty() {
        std::fs::write(dir.path().join(config_name), config).unwrap();
    }
    dir
}

fn codes(json: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn config_is_found_by_walking_up_and_flags_override_it() {
    let dir = project("paracheck.toml", "fail-on = \"never\"\nformat = \"json\"\n");
    // Found from the input's directory's parent, whatever the working directory.
    let input = dir.path().join("texts/brief.md");
    let (code, out, err) = run(&["check", input.to_str().unwrap()]);
    assert_eq!(code, 0, "fail-on = never: {err}");
    assert_eq!(codes(&out).len(), 8, "format = json");
    // Flags win.
    let (code, out, _) = run(&[
        "check",
        "--fail-on",
        "error",
        "-f",
        "text",
        input.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(out.ends_with("8 pairs checked: 8 findings (4 errors, 4 warnings, 0 info)\n"));
    // --isolated ignores it.
    let (code, out, _) = run(&["check", "--isolated", input.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("error N001"));
    // .paracheck.toml works too; reports name the file in force, relative.
    let dir = project(".paracheck.toml", "fail-on = \"info\"\n");
    let (code, out, _) = run_in(dir.path(), &["check", "-f", "markdown", "texts/brief.md"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("fail\\-on=info") || out.contains("fail-on=info"),
        "{out}"
    );
    assert!(out.contains("config=.paracheck.toml"), "{out}");
}

#[test]
fn explicit_config_file_and_pyproject() {
    let dir = project("", "");
    std::fs::write(
        dir.path().join("ci.toml"),
        "select = [\"N001\"]\nfail-on = \"warning\"\n",
    )
    .unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "check",
            "--config",
            "ci.toml",
            "-f",
            "json",
            "texts/brief.md",
        ],
    );
    assert_eq!((code, codes(&out)), (1, vec!["N001".to_string()]), "{err}");
    let (code, _, err) = run_in(
        dir.path(),
        &["check", "--config", "missing.toml", "texts/brief.md"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("missing.toml: cannot read the configuration"),
        "{err}"
    );
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "check",
            "--config",
            "ci.toml",
            "--isolated",
            "texts/brief.md",
        ],
    );
    assert_eq!(code, 2, "--config and --isolated conflict: {err}");
    // [tool.paracheck] in pyproject.toml.
    std::fs::write(
        dir.path().join("pyproject.toml"),
        "[project]\nname = \"docs\"\n\n[tool.paracheck]\nignore = [\"A001\", \"date-mismatch\"]\n",
    )
    .unwrap();
    let (_, out, _) = run_in(dir.path(), &["check", "-f", "json", "texts/brief.md"]);
    assert_eq!(codes(&out), vec!["N001", "N002", "E001"]);
}

#[test]
fn bad_configuration_exits_2_naming_file_line_and_key() {
    let cases: &[(&str, &str)] = &[
        (
            "fail-on = \"never\"\ncolour = true\n",
            "paracheck.toml:2:1: unknown field `colour`",
        ),
        (
            "[rules]\nN999 = \"error\"\n",
            "paracheck.toml:2: rules: unknown rule `N999`",
        ),
        (
            "[rules]\nN001 = \"loud\"\n",
            "paracheck.toml:2:8: unknown variant `loud`",
        ),
        (
            "select = [\"nope\"]\n",
            "paracheck.toml:1: select: unknown rule `nope`",
        ),
        (
            "\n[ignore-patterns]\ntext = [\"(\"]\n",
            "paracheck.toml:3: ignore-patterns.text: invalid regular expression `(`",
        ),
        (
            "source-lang = \"fr\"\n",
            "paracheck.toml: source-lang: unsupported language `fr`",
        ),
        ("fail-on = [\n", "paracheck.toml:"),
        ("format = \"yaml\"\n", "unknown variant `yaml`"),
    ];
    for (config, want) in cases {
        let dir = project("paracheck.toml", config);
        let (code, out, err) = run_in(dir.path(), &["check", "texts/brief.md"]);
        assert_eq!(code, 2, "{config:?}: {err}");
        assert!(err.contains(want), "{config:?}: want {want:?} in {err:?}");
        assert!(out.is_empty());
        // --exit-zero does not hide errors.
        let (code, _, _) = run_in(dir.path(), &["check", "--exit-zero", "texts/brief.md"]);
        assert_eq!(code, 2);
    }
}

#[test]
fn rules_table_sets_severities_and_select_turns_rules_back_on() {
    let dir = project(
        "paracheck.toml",
        "[rules]\nN002 = \"error\"\nA001 = \"off\"\nnumber-mismatch = \"info\"\n",
    );
    let (code, out, _) = run_in(dir.path(), &["check", "-f", "json", "texts/brief.md"]);
    assert_eq!(code, 1);
    let r: Value = serde_json::from_str(&out).unwrap();
    let sev = |c: &str| {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == c)
            .map(|f| f["severity"].as_str().unwrap().to_string())
    };
    assert_eq!(sev("N002").as_deref(), Some("error"));
    assert_eq!(sev("N001").as_deref(), Some("info"));
    assert_eq!(sev("A001"), None, "off");
    let (_, out, _) = run_in(
        dir.path(),
        &[
            "check",
            "-f",
            "json",
            "--select",
            "A001,N001",
            "texts/brief.md",
        ],
    );
    assert_eq!(codes(&out), vec!["A001", "A001", "N001", "A001"]);
    // --ignore adds to the file's ignore.
    let (_, out, _) = run_in(
        dir.path(),
        &["check", "-f", "json", "--ignore", "D001", "texts/brief.md"],
    );
    assert_eq!(codes(&out), vec!["N001", "N002", "E001"]);
}

#[test]
fn ignore_patterns_skip_pairs_paragraphs_and_fingerprints() {
    let dir = project(
        "paracheck.toml",
        r#"
[ignore-patterns]
text = ["^Share this page$", "Xi'an"]
fingerprint = ["3f4c356403e539bb"]
"#,
    );
    let (_, out, _) = run_in(dir.path(), &["check", "-f", "json", "texts/brief.md"]);
    // The unpaired share line, the pair mentioning Xi'an (D001) and the N001 by
    // fingerprint are gone.
    assert_eq!(codes(&out), vec!["A001", "A001", "D001", "N002", "E001"]);
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["summary"]["pairs"], 7, "the skipped pair is not checked");
    let (_, md, _) = run_in(dir.path(), &["check", "-f", "markdown", "texts/brief.md"]);
    assert!(
        md.contains("1 pair skipped by ignore\\-patterns")
            || md.contains("1 pair skipped by ignore-patterns"),
        "{md}"
    );
    // Pair ids.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("fixtures/numbers/en-zh.tsv"),
        dir.path().join("n.tsv"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("paracheck.toml"),
        "[ignore-patterns]\npair-id = [\"^N00\", \"^D\"]\n",
    )
    .unwrap();
    let (_, out, _) = run_in(dir.path(), &["check", "-f", "json", "n.tsv"]);
    let r: Value = serde_json::from_str(&out).unwrap();
    for f in r["findings"].as_array().unwrap() {
        let id = f["pair_id"].as_str().unwrap();
        assert!(!id.starts_with("N00") && !id.starts_with('D'), "{id}");
    }
}

#[test]
fn exit_zero_and_max_findings() {
    let brief = "fixtures/policy-brief-slips.md";
    let status = |args: &[&str]| {
        let mut a = vec!["check", "--isolated", brief];
        a.extend_from_slice(args);
        run(&a).0
    };
    assert_eq!(status(&[]), 1);
    assert_eq!(status(&["--exit-zero"]), 0);
    // 8 findings: more than 7 fails even when nothing reaches --fail-on.
    assert_eq!(status(&["--fail-on", "never", "--max-findings", "8"]), 0);
    assert_eq!(status(&["--fail-on", "never", "--max-findings", "7"]), 1);
    assert_eq!(
        status(&["--fail-on", "never", "--max-findings", "7", "--exit-zero"]),
        0
    );
    assert_eq!(status(&["--max-findings", "100"]), 1, "errors still fail");
    let (code, _, err) = run(&["check", "--isolated", brief, "--max-findings", "-1"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn glossary_paths_resolve_against_the_config_directory() {
    let dir = project("paracheck.toml", "glossary = [\"terms/a.tsv\"]\n");
    let loaded = paracheck::config::Loaded::read(&dir.path().join("paracheck.toml")).unwrap();
    let g = loaded.resolve(Path::new("terms/a.tsv"));
    assert!(g.is_absolute() && g.ends_with("terms/a.tsv"), "{g:?}");
    assert!(g.starts_with(std::fs::canonicalize(dir.path()).unwrap()) || g.starts_with(dir.path()));
}
