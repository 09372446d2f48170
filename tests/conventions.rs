//! The command-line conventions people expect from ruff, typos and ripgrep:
//! `--statistics`, rule prefixes in `--select`/`--ignore`, what the baseline and
//! `ignore-patterns` hid, output that fits the terminal (CJK counted as two
//! columns), `NO_COLOR`/`CLICOLOR_FORCE`/`TERM=dumb`, a quiet end on a closed
//! pipe, shell completions and the manual page.

mod common;

use common::{root, run, run_in};
use paracheck::report::width::str_width;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

const SLIPS: &str = "fixtures/policy-brief-slips.md";

/// Runs the binary from the project root with extra environment variables.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = assert_cmd::Command::cargo_bin("paracheck").unwrap();
    c.current_dir(root()).args(args);
    for k in ["COLUMNS", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM"] {
        c.env_remove(k);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn statistics_count_findings_per_rule_most_frequent_first() {
    let (code, out, err) = run(&["check", "--isolated", "--statistics", SLIPS]);
    assert_eq!(code, 1, "the exit status is the run's: {err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        vec![
            "3\tA001\twarning\tunpaired-paragraph",
            "2\tD001\terror\tdate-mismatch",
            "1\tN001\terror\tnumber-mismatch",
            "1\tN002\twarning\tnumber-missing",
            "1\tE001\terror\tentity-substitution",
            "8 pairs checked: 8 findings (4 errors, 4 warnings, 0 info)",
        ]
    );
    // JSON with --format json; the counts add up to the report's findings.
    let (_, json, _) = run(&[
        "check",
        "--isolated",
        "--source-lang",
        "en",
        "--target-lang",
        "zh",
        "--statistics",
        "-f",
        "json",
        SLIPS,
        "fixtures/report/hostile.tsv",
    ]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let rows = v.as_array().unwrap();
    let total: u64 = rows.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    assert_eq!(total, 13);
    assert_eq!(rows[0]["code"], "N001");
    assert_eq!(rows[0]["count"], 5);
    assert_eq!(rows[0]["name"], "number-mismatch");
    assert_eq!(rows[0]["severity"], "error");
    let counts: Vec<u64> = rows.iter().map(|r| r["count"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    // Any other format prints the table; --output writes it.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("stats.txt");
    let (code, out, _) = run(&[
        "check",
        "--isolated",
        "--statistics",
        "-f",
        "sarif",
        "-o",
        p.to_str().unwrap(),
        "--fail-on",
        "never",
        SLIPS,
    ]);
    assert_eq!((code, out.as_str()), (0, ""));
    assert!(
        std::fs::read_to_string(&p)
            .unwrap()
            .starts_with("3\tA001\twarning\tunpaired-paragraph\n")
    );
}

fn codes(json: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let mut c: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    c.sort();
    c.dedup();
    c
}

#[test]
fn select_and_ignore_take_code_prefixes_as_ruff_does() {
    let check = |extra: &[&str]| {
        let mut a = vec!["check", "--isolated", "-f", "json", SLIPS];
        a.extend_from_slice(extra);
        let (code, out, err) = run(&a);
        assert!(code < 2, "{err}");
        codes(&out)
    };
    assert_eq!(check(&["--select", "N"]), vec!["N001", "N002"]);
    assert_eq!(
        check(&["--select", "N00,E00"]),
        vec!["E001", "N001", "N002"]
    );
    assert_eq!(check(&["--select", "d"]), vec!["D001"]);
    assert_eq!(check(&["--ignore", "A,D"]), vec!["E001", "N001", "N002"]);
    assert_eq!(check(&["--select", "ALL", "--ignore", "A001,N"]).len(), 2);
    // Unknown: exit 2, and the message lists the codes.
    for bad in [
        &["--select", "X"][..],
        &["--ignore", "N9"],
        &["--select", "N,Q1"],
    ] {
        let mut a = vec!["check", "--isolated", SLIPS];
        a.extend_from_slice(bad);
        let (code, out, err) = run(&a);
        assert_eq!(code, 2, "{bad:?}");
        assert!(out.is_empty());
        assert!(
            err.contains("unknown rule `") && err.contains("N001–N003, D001–D005"),
            "{err}"
        );
    }
    // The configuration's select and ignore take prefixes too, and say where.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(SLIPS), dir.path().join("brief.md")).unwrap();
    std::fs::write(
        dir.path().join("paracheck.toml"),
        "select = [\"N\", \"E\"]\nignore = [\"N002\"]\n",
    )
    .unwrap();
    let (_, out, err) = run_in(dir.path(), &["check", "-f", "json", "brief.md"]);
    assert_eq!(codes(&out), vec!["E001", "N001"], "{err}");
    std::fs::write(
        dir.path().join("paracheck.toml"),
        "ignore = [\"A\",\n \"Z0\"]\n",
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), &["check", "brief.md"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("paracheck.toml:2: ignore: unknown rule `Z0`") && err.contains("A001"),
        "{err}"
    );
}

#[test]
fn the_summary_says_what_the_baseline_and_ignore_patterns_hid() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(root().join(SLIPS), d.join("brief.md")).unwrap();
    let (_, json, _) = run_in(d, &["check", "--isolated", "-f", "json", "brief.md"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let fp = |code: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == code)
            .unwrap()["fingerprint"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // A baseline of the N001 and E001 findings; ignore-patterns drop N002 by
    // fingerprint and skip the pair of the mid-March date by its text.
    let baseline = serde_json::json!({"paracheck": {"baseline": 1}, "findings": [
        {"fingerprint": fp("N001"), "code": "N001", "file": "brief.md", "message": ""},
        {"fingerprint": fp("E001"), "code": "E001", "file": "brief.md", "message": ""},
    ]});
    std::fs::write(d.join("base.json"), baseline.to_string()).unwrap();
    std::fs::write(
        d.join("paracheck.toml"),
        format!(
            "[ignore-patterns]\nfingerprint = [\"{}\"]\ntext = [\"mid-March 2024\"]\n",
            fp("N002")
        ),
    )
    .unwrap();
    let (code, out, err) = run_in(d, &["check", "brief.md", "--baseline", "base.json"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.ends_with(
            "7 pairs checked: 4 findings (1 error, 3 warnings, 0 info); \
             hidden: 2 by the baseline, 1 by ignore-patterns (1 pair skipped)\n"
        ),
        "{out}"
    );
    // Nothing hidden: the summary is as it always was.
    let (_, out, _) = run_in(d, &["check", "--isolated", "brief.md"]);
    assert!(out.ends_with("8 pairs checked: 8 findings (4 errors, 4 warnings, 0 info)\n"));
}

#[test]
fn text_fits_the_width_with_cjk_counted_as_two_columns() {
    for cols in [60usize, 80, 100] {
        let c = cols.to_string();
        let (_, out, _) = run_env(
            &[
                "check",
                "--isolated",
                "--source-lang",
                "en",
                "--target-lang",
                "zh",
                SLIPS,
                "fixtures/report/hostile.tsv",
            ],
            &[("COLUMNS", &c)],
        );
        for line in out.lines() {
            assert!(
                str_width(line) <= cols,
                "{cols}: {} > {cols}: {line}",
                str_width(line)
            );
        }
        // The span is always there, in its brackets, with context either side.
        assert!(out.contains("[89.4亿美元]"), "{out}");
        assert!(out.contains("[2024年3月下旬]"), "{out}");
    }
    // Wider lines get more context.
    let (_, narrow, _) = run_env(&["check", "--isolated", SLIPS], &[("COLUMNS", "60")]);
    let (_, wide, _) = run_env(&["check", "--isolated", SLIPS], &[("COLUMNS", "160")]);
    assert!(wide.len() > narrow.len());
    // Not a terminal and no COLUMNS: the fixed context of before (see the snapshot).
    let (_, plain, _) = run_env(&["check", "--isolated", SLIPS], &[]);
    assert!(plain.contains(
        "    target │ …中国从该地区进口原油3200万吨、天然气305亿立方米。[2023年5月18日]，各国领导人在西安会晤，同意加快推进天然气管道D线建设，…"
    ));
    // The rules table wraps its descriptions under their column.
    let (_, rules, _) = run_env(&["rules"], &[("COLUMNS", "70")]);
    for line in rules.lines() {
        assert!(str_width(line) <= 70, "{line}");
    }
    let joined = rules.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains(
            "A paragraph of an interleaved bilingual text has no partner in the other language."
        ),
        "{rules}"
    );
    assert_eq!(
        rules.lines().nth(1).unwrap(),
        "      A paragraph of an interleaved bilingual text has no partner in"
    );
    let (_, rules, _) = run_env(&["rules"], &[("COLUMNS", "100")]);
    for line in rules.lines() {
        assert!(str_width(line) <= 100, "{line}");
    }
    assert!(rules.lines().nth(1).unwrap().starts_with(&" ".repeat(48)));
    // Not a terminal: 80 columns.
    let (_, rules, _) = run_env(&["rules"], &[]);
    assert!(rules.lines().all(|l| str_width(l) <= 80));
    assert_eq!(rules.lines().filter(|l| !l.starts_with(' ')).count(), 17);
}

#[test]
fn colour_follows_no_color_clicolor_force_and_term() {
    let ansi = |env: &[(&str, &str)], extra: &[&str]| {
        let mut a = vec!["check", "--isolated", SLIPS];
        a.extend_from_slice(extra);
        run_env(&a, env).1.contains("\x1b[")
    };
    assert!(!ansi(&[], &[]), "no colour into a pipe");
    assert!(ansi(&[("CLICOLOR_FORCE", "1")], &[]));
    assert!(!ansi(&[("CLICOLOR_FORCE", "0")], &[]));
    assert!(!ansi(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], &[]));
    assert!(
        ansi(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "")], &[]),
        "empty NO_COLOR is unset"
    );
    assert!(
        ansi(&[("NO_COLOR", "1")], &["--color", "always"]),
        "the flag wins"
    );
    assert!(!ansi(&[("CLICOLOR_FORCE", "1")], &["--color", "never"]));

    // On a terminal (a pseudo-terminal from `script`): colour unless NO_COLOR or
    // TERM=dumb, and the terminal's width.
    let Some(tty) = Tty::new() else {
        eprintln!("skipping the terminal half: no `script` (util-linux)");
        return;
    };
    let out = tty.run("xterm", "", 70, &["check", "--isolated", SLIPS]);
    assert!(out.contains("\x1b[1;31merror\x1b[0m"), "{out}");
    let plain: Vec<String> = out.lines().map(strip_ansi).collect();
    assert!(plain.iter().all(|l| str_width(l) <= 70), "{plain:#?}");
    assert!(
        !tty.run("dumb", "", 70, &["check", "--isolated", SLIPS])
            .contains("\x1b[")
    );
    assert!(
        !tty.run("xterm", "NO_COLOR=1", 70, &["check", "--isolated", SLIPS])
            .contains("\x1b[")
    );
}

fn strip_ansi(s: &str) -> String {
    regex::Regex::new("\x1b\\[[0-9;]*m")
        .unwrap()
        .replace_all(s.trim_end_matches('\r'), "")
        .into_owned()
}

/// Runs the binary on a pseudo-terminal through util-linux `script`.
struct Tty;

impl Tty {
    fn new() -> Option<Tty> {
        let ok = Command::new("script")
            .args(["-qec", "true", "/dev/null"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Tty)
    }

    fn run(&self, term: &str, env: &str, cols: usize, args: &[&str]) -> String {
        let args = [args, &["-q"]].concat();
        let bin = assert_cmd::cargo::cargo_bin("paracheck");
        let cmd = format!(
            "stty cols {cols} rows 50; env -u COLUMNS -u NO_COLOR -u CLICOLOR_FORCE -u CLICOLOR TERM={term} {env} {} {}",
            bin.display(),
            args.join(" ")
        );
        let out = Command::new("script")
            .args(["-qec", &cmd, "/dev/null"])
            .current_dir(root())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Enough findings to fill the pipe: the writer meets a closed pipe.
    let dir = tempfile::tempdir().unwrap();
    let line = "The plant produced 47 million tons in 2021.\t该厂在2021年生产了470万吨。\n";
    std::fs::write(dir.path().join("many.tsv"), line.repeat(3000)).unwrap();
    for format in ["text", "json", "csv", "github"] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("paracheck"))
            .args(["check", "--isolated", "-q", "-f", format, "many.tsv"])
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        // The reader is gone (as `| head -1`).
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0) | Some(141)),
            "{format}: {:?} {err}",
            out.status
        );
        assert!(err.is_empty(), "{format}: quiet, not {err:?}");
    }
    // The other commands too.
    for args in [
        &["rules"][..],
        &["man"],
        &["completions", "bash"],
        &["licenses"],
    ] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("paracheck"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, out, err) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for word in [
            "check",
            "extract",
            "rules",
            "baseline",
            "statistics",
            "html-max-findings",
        ] {
            assert!(out.contains(word), "{shell} completes {word}");
        }
    }
    let (_, zsh, _) = run(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef paracheck"));
    let (_, fish, _) = run(&["completions", "fish"]);
    assert!(fish.contains("complete -c paracheck"));
    // The bash script parses (and defines its function) in bash.
    let (_, bash, _) = run(&["completions", "bash"]);
    if Path::new("/bin/bash").exists() || Path::new("/usr/bin/bash").exists() {
        let out = Command::new("bash")
            .args(["-c", "source /dev/stdin && complete -p paracheck"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().unwrap().write_all(bash.as_bytes())?;
                c.wait_with_output()
            })
            .unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("_paracheck"));
    }
    let (code, _, err) = run(&["completions", "tcsh"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn man_pages_from_the_clap_definitions() {
    let (code, page, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(page.contains(".TH paracheck 1"), "{page}");
    for want in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH SUBCOMMANDS",
        "paracheck\\-check(1)",
        "Audits translations",
    ] {
        assert!(page.contains(want), "{want}");
    }
    let (code, page, _) = run(&["man", "check"]);
    assert_eq!(code, 0);
    assert!(page.contains(".TH paracheck-check 1"), "{page}");
    for want in [
        "\\-\\-baseline",
        "\\-\\-statistics",
        "\\-\\-select",
        "Exit status",
    ] {
        assert!(page.contains(want), "{want}");
    }
    let (code, _, err) = run(&["man", "frobnicate"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown command `frobnicate`") && err.contains("check"),
        "{err}"
    );
    // groff reads it without a warning, where it is installed.
    if Path::new("/usr/bin/groff").exists() {
        let mut child = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(page.as_bytes())
                .unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn html_max_findings_from_the_flag_or_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(SLIPS), dir.path().join("brief.md")).unwrap();
    let paged = |html: &str| html.contains("id=\"lazy-rows\"");
    let (_, html, _) = run_in(dir.path(), &["check", "-f", "html", "brief.md"]);
    assert!(!paged(&html));
    let (_, html, _) = run_in(
        dir.path(),
        &[
            "check",
            "-f",
            "html",
            "--html-max-findings",
            "2",
            "brief.md",
        ],
    );
    assert!(paged(&html) && html.contains("data-page=\"2\""));
    std::fs::write(dir.path().join("paracheck.toml"), "html-max-findings = 4\n").unwrap();
    let (_, html, _) = run_in(dir.path(), &["check", "-f", "html", "brief.md"]);
    assert!(paged(&html) && html.contains("data-page=\"4\""));
    // The flag wins.
    let (_, html, _) = run_in(
        dir.path(),
        &[
            "check",
            "-f",
            "html",
            "--html-max-findings",
            "0",
            "brief.md",
        ],
    );
    assert!(!paged(&html));
}
