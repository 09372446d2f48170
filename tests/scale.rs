//! paracheck as a stage of a pipeline: standard input, JSONL records, `--columns`
//! and headerless three-column TSV, `--jobs`, streamed output (the same bytes as the
//! whole-run report, and the first findings out before the input ends), shards and
//! `merge` (byte-identical to one run), baselines and gates on streamed output.

mod common;

use common::{paracheck, root};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Runs `paracheck ARGS` with `stdin` as standard input; returns (code, stdout, stderr).
fn run_stdin(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let out = paracheck()
        .args(args)
        .write_stdin(stdin.to_vec())
        .output()
        .expect("runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_stdin(args, b"")
}

fn run_path(args: &[&str], paths: &[&Path]) -> (i32, String, String) {
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    all.extend(paths.iter().map(|p| p.display().to_string()));
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    run(&refs)
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// The findings of a JSON report without the field that names the file.
fn findings_without_file(report: &str) -> Vec<Value> {
    json(report)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let mut f = f.clone();
            f.as_object_mut().unwrap().remove("file");
            f
        })
        .collect()
}

/// A TSV of `n` pairs with ids, cycling through the number fixtures (more than one
/// batch of pairs when `n` is above 4096).
fn generated(dir: &Path, n: usize) -> PathBuf {
    let text = std::fs::read_to_string(root().join("fixtures/numbers/en-zh.tsv")).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    let mut out = String::from("id\tsource\ttarget\n");
    for i in 0..n {
        let r: Vec<&str> = rows[i % rows.len()].split('\t').collect();
        out.push_str(&format!("{}-{i}\t{}\t{}\n", r[0], r[1], r[2]));
    }
    let p = dir.join("generated.tsv");
    std::fs::write(&p, out).unwrap();
    p
}

/// The same pairs as JSONL records.
fn as_jsonl(tsv: &Path, dest: &Path) {
    let text = std::fs::read_to_string(tsv).unwrap();
    let mut out = String::new();
    for l in text.lines().skip(1) {
        let f: Vec<&str> = l.split('\t').collect();
        out.push_str(&serde_json::json!({"id": f[0], "source": f[1], "target": f[2]}).to_string());
        out.push('\n');
    }
    std::fs::write(dest, out).unwrap();
}

const FORMATS: &[&str] = &[
    "text", "json", "jsonl", "html", "markdown", "csv", "sarif", "junit", "github", "gitlab",
];

#[test]
fn standard_input_reads_like_its_file() {
    for f in [
        "fixtures/formats/plain.tsv",
        "fixtures/formats/pairs.csv",
        "fixtures/formats/pairs.jsonl",
        "fixtures/policy-brief-slips.md",
    ] {
        let bytes = std::fs::read(root().join(f)).unwrap();
        let base = ["check", "--isolated", "--fail-on", "never", "-f", "json"];
        let (code, from_file, err) = run(&[&base[..], &[f]].concat());
        assert_eq!(code, 0, "{f}: {err}");
        // --stdin-filename names standard input and picks the format by extension.
        let (code, piped, err) =
            run_stdin(&[&base[..], &["-", "--stdin-filename", f]].concat(), &bytes);
        assert_eq!(code, 0, "{f}: {err}");
        assert_eq!(piped, from_file, "{f}");
    }
    // Without a name: JSONL and TSV are recognised by their first line, and the
    // findings name the file `-`.
    for f in ["fixtures/formats/plain.tsv", "fixtures/formats/pairs.jsonl"] {
        let bytes = std::fs::read(root().join(f)).unwrap();
        let (_, from_file, _) = run(&["check", "--isolated", "-f", "json", f]);
        let (code, piped, err) = run_stdin(&["check", "--isolated", "-f", "json", "-"], &bytes);
        assert_eq!(code, 1, "{f}: {err}");
        assert!(piped.contains("\"file\": \"-\""), "{piped}");
        assert_eq!(
            findings_without_file(&piped),
            findings_without_file(&from_file),
            "{f}"
        );
    }
}

#[test]
fn standard_input_errors() {
    let csv = std::fs::read(root().join("fixtures/formats/pairs.csv")).unwrap();
    let (code, out, err) = run_stdin(&["check", "--isolated", "-"], &csv);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("-: cannot tell the layout of standard input")
            && err.contains("--input-format"),
        "{err}"
    );
    let (code, out, err) = run_stdin(
        &[
            "check",
            "--isolated",
            "-f",
            "json",
            "--input-format",
            "csv",
            "-",
        ],
        &csv,
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(json(&out)["findings"][0]["pair_id"], "slip-3");
    // An empty stream is nothing to check, not an error (an empty partition, a
    // filter that matched nothing), in any layout; an empty file is an error.
    for format in ["auto", "tsv", "csv", "jsonl", "text"] {
        let (code, out, err) = run_stdin(
            &[
                "check",
                "--isolated",
                "--input-format",
                format,
                "-f",
                "jsonl",
                "-",
            ],
            b"\n\n",
        );
        assert_eq!(code, 0, "{format}: {err}");
        assert_eq!(json(&out)["summary"]["pairs"], 0, "{format}");
    }
    let (code, _, err) = run_stdin(&["check", "--isolated", "-", "-"], b"a\tb\n");
    assert_eq!(code, 2);
    assert!(err.contains("can be read only once"), "{err}");
    // Not the error of a file named `-`.
    assert!(!err.contains("No such file"), "{err}");
}

#[test]
fn jsonl_records() {
    let (code, out, err) = run(&[
        "check",
        "--isolated",
        "-f",
        "json",
        "fixtures/formats/pairs.jsonl",
    ]);
    assert_eq!(code, 1, "{err}");
    let r = json(&out);
    assert_eq!(r["summary"]["pairs"], 3, "the blank line is skipped");
    let f = &r["findings"][0];
    assert_eq!(
        (f["code"].as_str(), f["pair_id"].as_str()),
        (Some("N001"), Some("slip-3"))
    );
    assert_eq!(
        (f["pair_index"].as_u64(), f["source_line"].as_u64()),
        (Some(2), Some(4))
    );
    // A numeric id is an id; a record may carry its position in a larger corpus.
    let lines = concat!(
        r#"{"source":"Imports fell 3 percent.","target":"进口下降了5%。","id":42}"#,
        "\n",
        r#"{"source":"Imports fell 3 percent.","target":"进口下降了5%。","id":null,"pair_index":41,"source_line":100}"#,
        "\n"
    );
    let (_, out, _) = run_stdin(
        &["check", "--isolated", "-f", "json", "-"],
        lines.as_bytes(),
    );
    let r = json(&out);
    let f = &r["findings"].as_array().unwrap();
    assert_eq!(
        (f[0]["pair_id"].as_str(), f[0]["pair_index"].as_u64()),
        (Some("42"), Some(0))
    );
    assert_eq!(
        (
            f[1]["pair_id"].clone(),
            f[1]["pair_index"].as_u64(),
            f[1]["source_line"].as_u64(),
            f[1]["target_line"].as_u64()
        ),
        (Value::Null, Some(41), Some(100), Some(100))
    );
    // A malformed line: exit 2, file and line, nothing on stdout.
    let (code, out, err) = run(&["check", "--isolated", "fixtures/bad/malformed.jsonl"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("fixtures/bad/malformed.jsonl:2: not valid JSON: EOF while parsing an object"),
        "{err}"
    );
    for (line, want) in [
        (r#"{"source":"a"}"#, "-:1: missing field `target`"),
        (
            r#"{"source":1,"target":"b"}"#,
            "-:1: field `source` must be a string, found a number",
        ),
        (
            r#"["a","b"]"#,
            "-:1: expected a JSON object with `source` and `target`, found an array",
        ),
        (
            r#"{"source":"a","target":"b","id":true}"#,
            "-:1: field `id` must be a string or a number, found a boolean",
        ),
        (
            r#"{"source":"a","target":"b","pair_index":-3}"#,
            "-:1: field `pair_index` must be an integer of at least 0",
        ),
        (
            r#"{"source":"a","target":"b","source_line":0}"#,
            "-:1: field `source_line` must be an integer of at least 1",
        ),
    ] {
        let (code, _, err) = run_stdin(
            &["check", "--isolated", "--input-format", "jsonl", "-"],
            line.as_bytes(),
        );
        assert_eq!(code, 2, "{line}");
        assert!(err.contains(want), "{line}: want {want:?} in {err:?}");
    }
}

#[test]
fn jsonl_field_names_come_from_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pairs.jsonl"),
        "{\"en\":\"Imports fell 3 percent.\",\"zh\":\"进口下降了5%。\",\"key\":\"k-1\"}\n",
    )
    .unwrap();
    let conf = dir.path().join("paracheck.toml");
    std::fs::write(
        &conf,
        "[jsonl]\nsource = \"en\"\ntarget = \"zh\"\nid = \"key\"\n",
    )
    .unwrap();
    let (code, out, err) = common::run_in(dir.path(), &["check", "-f", "json", "pairs.jsonl"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(json(&out)["findings"][0]["pair_id"], "k-1");
    // Standard input finds the configuration of the working directory.
    let o = Command::new(assert_cmd::cargo::cargo_bin("paracheck"))
        .current_dir(dir.path())
        .args(["check", "-f", "json", "-"])
        .stdin(std::fs::File::open(dir.path().join("pairs.jsonl")).unwrap())
        .output()
        .unwrap();
    let (code, out) = (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
    );
    assert_eq!(code, 1);
    assert_eq!(json(&out)["findings"][0]["pair_id"], "k-1");
    for (toml, want) in [
        (
            "[jsonl]\nsource = \"\"\n",
            "paracheck.toml:2: jsonl.source: a field name cannot be empty",
        ),
        (
            "[jsonl]\n\nid = \"target\"\n",
            "paracheck.toml:3: jsonl: `target` names two fields, target and id",
        ),
        (
            "[jsonl]\ntext = \"t\"\n",
            "paracheck.toml:2:1: unknown field `text`",
        ),
    ] {
        std::fs::write(&conf, toml).unwrap();
        let (code, _, err) = common::run_in(dir.path(), &["check", "pairs.jsonl"]);
        assert_eq!(code, 2, "{toml}");
        assert!(err.contains(want), "{toml}: want {want:?} in {err:?}");
    }
}

#[test]
fn every_format_is_the_same_for_any_jobs() {
    let inputs = [
        "--isolated",
        "--fail-on",
        "never",
        "--source-lang",
        "en",
        "--target-lang",
        "zh",
        "fixtures/policy-brief-slips.md",
        "fixtures/report/hostile.tsv",
        "fixtures/formats/pairs.jsonl",
    ];
    for format in FORMATS {
        let one = run(&[&["check", "-f", format, "--jobs", "1"][..], &inputs].concat());
        assert_eq!(one.0, 0, "{format}: {}", one.2);
        assert!(!one.1.is_empty());
        let two = run(&[&["check", "-f", format, "--jobs", "2"][..], &inputs].concat());
        assert_eq!(one.1, two.1, "{format}");
    }
    // --threads still works (hidden), as does -j.
    let a = run(&[&["check", "-f", "json", "--threads", "2"][..], &inputs].concat());
    let b = run(&[&["check", "-f", "json", "-j", "2"][..], &inputs].concat());
    assert_eq!((a.0, &a.1), (0, &b.1));
    // Several batches: the streamed formats and JSON, 1 and 2 jobs.
    let dir = tempfile::tempdir().unwrap();
    let big = generated(dir.path(), 5000);
    for format in ["jsonl", "text", "csv", "github", "json"] {
        let args = ["check", "--isolated", "--fail-on", "never", "-f", format];
        let one = run_path(&[&args[..], &["-j", "1"]].concat(), &[&big]);
        let two = run_path(&[&args[..], &["-j", "2"]].concat(), &[&big]);
        assert_eq!(one.0, 0, "{}", one.2);
        assert_eq!(one.1, two.1, "{format}");
        assert!(
            one.2.is_empty(),
            "no progress bar outside a terminal: {}",
            one.2
        );
    }
    // The JSONL stream holds the JSON report's findings, in order.
    let (_, j, _) = run_path(
        &["check", "--isolated", "--fail-on", "never", "-f", "json"],
        &[&big],
    );
    let (_, l, _) = run_path(
        &["check", "--isolated", "--fail-on", "never", "-f", "jsonl"],
        &[&big],
    );
    let lines: Vec<Value> = l.lines().map(json).collect();
    let (summary, findings) = lines.split_last().unwrap();
    assert_eq!(
        findings,
        json(&j)["findings"].as_array().unwrap().as_slice()
    );
    assert_eq!(summary["summary"], json(&j)["summary"]);
    assert!(findings.len() > 1000, "{}", findings.len());
}

/// The streamed writers give the bytes of the whole-run report, however the
/// findings are cut into batches.
#[test]
fn streamed_reports_equal_whole_run_reports() {
    use paracheck::input::{Format, Input};
    use paracheck::report::{self, Run, Style, Tally};
    let inputs = [
        "fixtures/policy-brief-slips.md",
        "fixtures/report/hostile.tsv",
        "fixtures/numbers/en-zh.tsv",
    ]
    .iter()
    .map(|p| Input::File {
        path: root().join(p),
        format: Format::Auto,
    })
    .collect();
    let cfg = paracheck::run::Config::new(inputs, Default::default());
    let whole = paracheck::run::run(&cfg).unwrap();
    assert!(whole.findings.len() > 20);
    for format in [
        report::Format::Text,
        report::Format::Jsonl,
        report::Format::Csv,
        report::Format::Github,
    ] {
        for (color, width) in [(false, None), (true, None), (false, Some(60))] {
            let style = Style {
                color,
                all_pairs: false,
                width,
                html_page: report::html_default_page(),
            };
            let mut want = Vec::new();
            report::writer(format, style)
                .write(&whole, &mut want)
                .unwrap();
            for per_batch in [1, 2, 5, 1000] {
                // Batches of `per_batch` pairs (an unpaired paragraph counts as a pair).
                let mut got = Vec::new();
                let mut s = report::stream(format, style).unwrap();
                s.start(&mut got).unwrap();
                // The findings of one pair stay together; each unpaired paragraph is
                // a group of its own.
                let alignment = |f: &paracheck::finding::Finding| {
                    f.category() == paracheck::finding::Category::Alignment
                };
                let mut groups: Vec<Vec<&paracheck::finding::Finding>> = Vec::new();
                for f in &whole.findings {
                    match groups.last_mut() {
                        Some(g)
                            if !alignment(f)
                                && !alignment(g[0])
                                && g[0].pair_index == f.pair_index =>
                        {
                            g.push(f)
                        }
                        _ => groups.push(vec![f]),
                    }
                }
                for chunk in groups.chunks(per_batch) {
                    let findings: Vec<_> = chunk.iter().flatten().map(|f| (*f).clone()).collect();
                    let texts = findings
                        .iter()
                        .filter_map(|f| {
                            whole
                                .texts
                                .get(&f.pair_index)
                                .map(|t| (f.pair_index, t.clone()))
                        })
                        .collect();
                    let part = Run {
                        findings,
                        texts,
                        ..Default::default()
                    };
                    s.findings(&part, &mut got).unwrap();
                }
                let meta = Run {
                    findings: Vec::new(),
                    texts: Default::default(),
                    ..whole.clone()
                };
                s.finish(&meta, &Tally::of(&whole.findings), &mut got)
                    .unwrap();
                assert_eq!(
                    String::from_utf8(got).unwrap(),
                    String::from_utf8(want.clone()).unwrap(),
                    "{format:?} color={color} per_batch={per_batch}"
                );
            }
        }
    }
}

/// Reads stdout lines on a thread, so that the test can wait for one with a limit
/// (a guard against hanging, not a timing test).
fn lines_of(child: &mut std::process::Child) -> mpsc::Receiver<String> {
    let out = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for l in BufReader::new(out).lines() {
            if tx.send(l.unwrap()).is_err() {
                break;
            }
        }
    });
    rx
}

#[test]
fn first_findings_come_out_before_the_input_ends() {
    let spawn = |args: &[&str]| {
        Command::new(assert_cmd::cargo::cargo_bin("paracheck"))
            .current_dir(root())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let wait = Duration::from_secs(120);
    // JSONL in, JSONL out, languages given: the first record's finding is out
    // while standard input is still open.
    let mut child = spawn(&[
        "check",
        "-",
        "--isolated",
        "--input-format",
        "jsonl",
        "-f",
        "jsonl",
        "--source-lang",
        "en",
        "--target-lang",
        "zh",
    ]);
    let mut stdin = child.stdin.take().unwrap();
    let rx = lines_of(&mut child);
    stdin
        .write_all(
            "{\"id\":\"a\",\"source\":\"Imports fell 3 percent.\",\"target\":\"进口下降了5%。\"}\n"
                .as_bytes(),
        )
        .unwrap();
    // The alignment post-pass decides a pair once the next one is in (a shift
    // shows against the neighbours): the first finding comes with the second record.
    stdin
        .write_all("{\"id\":\"b\",\"source\":\"Exports rose 9.5 percent.\",\"target\":\"出口增长9.5%。\"}\n".as_bytes())
        .unwrap();
    stdin.flush().unwrap();
    let first = json(
        &rx.recv_timeout(wait)
            .expect("a finding before the input ends"),
    );
    assert_eq!(
        (first["code"].as_str(), first["pair_id"].as_str()),
        (Some("N001"), Some("a"))
    );
    drop(stdin);
    let last = json(&rx.recv_timeout(wait).unwrap());
    assert_eq!(last["summary"]["pairs"], 2);
    assert_eq!(child.wait().unwrap().code(), Some(1));

    // TSV in, text out, languages detected: findings come once the detection sample
    // (256 pairs) is in, still before the input ends.
    let mut child = spawn(&["check", "-", "--isolated", "--color", "never"]);
    let mut stdin = child.stdin.take().unwrap();
    let rx = lines_of(&mut child);
    for i in 0..300 {
        writeln!(stdin, "Imports fell {i} percent.\t进口下降了{}%。", i + 1).unwrap();
    }
    stdin.flush().unwrap();
    let head = rx
        .recv_timeout(wait)
        .expect("a heading before the input ends");
    assert_eq!(head, "-:1 pair 0");
    drop(stdin);
    let rest: Vec<String> = rx.iter().collect();
    assert!(
        rest.last().unwrap().starts_with("300 pairs checked: "),
        "{rest:?}"
    );
    child.wait().unwrap();
}

#[test]
fn a_bad_record_later_stops_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let big = generated(dir.path(), 5000);
    let jsonl = dir.path().join("big.jsonl");
    as_jsonl(&big, &jsonl);
    let mut text = std::fs::read_to_string(&jsonl).unwrap();
    text.push_str("{\"source\": \"cut\n");
    std::fs::write(&jsonl, text).unwrap();
    let (code, out, err) = run_path(&["check", "--isolated", "-f", "jsonl"], &[&jsonl]);
    assert_eq!(code, 2);
    assert!(err.contains("big.jsonl:5001: not valid JSON"), "{err}");
    // Findings may have streamed out; the summary line never does.
    assert!(
        out.lines().all(|l| json(l).get("code").is_some()),
        "no summary line"
    );
    // A report file is all or nothing.
    let report = dir.path().join("out.jsonl");
    let (code, _, _) = run_path(
        &[
            "check",
            "--isolated",
            "-f",
            "jsonl",
            "-o",
            report.to_str().unwrap(),
        ],
        &[&jsonl],
    );
    assert_eq!(code, 2);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "no report and no temporary file: {left:?}");
}

#[test]
fn shards_merge_into_the_report_of_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let big = generated(dir.path(), 5000);
    let big = big.to_str().unwrap();
    let inputs = [
        "--isolated",
        "--fail-on",
        "never",
        "fixtures/policy-brief-slips.md",
        "fixtures/report/hostile.tsv",
        big,
        "fixtures/policy-brief.md",
    ];
    let check = |extra: &[&str]| {
        let (code, out, err) = run(&[&["check"][..], &inputs, extra].concat());
        assert_eq!(code, 0, "{err}");
        out
    };
    let single = check(&["-f", "json"]);
    let single_jsonl = check(&["-f", "jsonl"]);
    for n in [1, 2, 3, 7] {
        let mut reports = Vec::new();
        for k in 1..=n {
            let p = dir.path().join(format!("shard-{k}-of-{n}.json"));
            let shard = format!("{k}/{n}");
            check(&["-f", "json", "--shard", &shard, "-o", p.to_str().unwrap()]);
            reports.push(p.to_str().unwrap().to_string());
        }
        reports.reverse();
        let refs: Vec<&str> = reports.iter().map(String::as_str).collect();
        let (code, merged, err) = run(&[&["merge", "--fail-on", "never"][..], &refs].concat());
        assert_eq!(code, 0, "{err}");
        assert!(
            merged == single,
            "{n} shards: the merged report is the single run's, byte for byte"
        );
        let (_, merged, _) =
            run(&[&["merge", "-f", "jsonl", "--fail-on", "never"][..], &refs].concat());
        assert!(merged == single_jsonl, "{n} shards, jsonl");
        // Every finding is in exactly one shard.
        let total: usize = reports
            .iter()
            .map(|p| {
                json(&std::fs::read_to_string(p).unwrap())["findings"]
                    .as_array()
                    .unwrap()
                    .len()
            })
            .sum();
        assert_eq!(total, json(&single)["findings"].as_array().unwrap().len());
    }
    // Baselines apply to the merged run: the same findings, the same stale note, the
    // same baseline file as one run's.
    let baseline = dir.path().join("baseline.json");
    let (code, _, _) = run(&[
        "check",
        "--isolated",
        "fixtures/policy-brief-slips.md",
        "--write-baseline",
        baseline.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    // One entry more, which no finding matches: stale.
    let mut entries = json(&std::fs::read_to_string(&baseline).unwrap());
    entries["findings"].as_array_mut().unwrap().push(serde_json::json!({"fingerprint": "00000000000000ff", "code": "N001", "file": "gone.tsv", "message": "fixed"}));
    std::fs::write(&baseline, serde_json::to_string_pretty(&entries).unwrap()).unwrap();
    let bl = baseline.to_str().unwrap();
    let mut reports = Vec::new();
    for k in 1..=3 {
        let p = dir.path().join(format!("b-{k}.json"));
        check(&[
            "-f",
            "json",
            "--shard",
            &format!("{k}/3"),
            "-o",
            p.to_str().unwrap(),
        ]);
        reports.push(p.to_str().unwrap().to_string());
    }
    let refs: Vec<&str> = reports.iter().map(String::as_str).collect();
    let (code, one, one_err) =
        run(&[&["check"][..], &inputs, &["-f", "json", "--baseline", bl]].concat());
    assert_eq!(code, 0);
    let (code, merged, merged_err) = run(&[
        &["merge", "--fail-on", "never", "--baseline", bl][..],
        &refs,
    ]
    .concat());
    assert_eq!(code, 0, "{merged_err}");
    assert!(merged == one);
    assert_eq!(merged_err, one_err);
    assert!(one_err.contains("1 entry matches no finding"), "{one_err}");
    let (w1, w2) = (dir.path().join("w1.json"), dir.path().join("w2.json"));
    run(&[
        &["check"][..],
        &inputs,
        &["--write-baseline", w1.to_str().unwrap()],
    ]
    .concat());
    let (code, _, _) = run(&[
        &["merge", "--write-baseline", w2.to_str().unwrap()][..],
        &refs,
    ]
    .concat());
    assert_eq!(code, 0);
    assert_eq!(std::fs::read(&w1).unwrap(), std::fs::read(&w2).unwrap());
    // merge gates like check.
    let (code, _, _) = run(&[&["merge"][..], &refs].concat());
    assert_eq!(code, 1, "errors fail the merged run by default");
    let (code, _, _) = run(&[&["merge", "--exit-zero"][..], &refs].concat());
    assert_eq!(code, 0);
}

#[test]
fn merge_refuses_what_is_not_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let base = [
        "check",
        "--isolated",
        "--fail-on",
        "never",
        "-f",
        "json",
        "fixtures/policy-brief-slips.md",
    ];
    for (k, name, extra) in [
        ("1/3", "a1.json", &[][..]),
        ("2/3", "a2.json", &[]),
        ("3/3", "a3.json", &[]),
        ("3/3", "other-options.json", &["--select", "N001"][..]),
        ("1/2", "of-two.json", &[]),
    ] {
        let (code, _, err) = run(&[&base[..], &["--shard", k, "-o", &d(name)], extra].concat());
        assert_eq!(code, 0, "{err}");
    }
    run(&[
        "check",
        "--isolated",
        "--fail-on",
        "never",
        "-f",
        "json",
        "fixtures/policy-brief.md",
        "--shard",
        "3/3",
        "-o",
        &d("other-input.json"),
    ]);
    run(&[&base[..], &["-o", &d("whole.json")]].concat());
    run(&[
        &base[..4],
        &base[6..],
        &["--shard", "3/3", "-f", "jsonl", "-o", &d("a3.jsonl")],
    ]
    .concat());
    let a3 = std::fs::read_to_string(d("a3.json")).unwrap();
    std::fs::write(
        d("new-version.json"),
        a3.replacen("\"version\": \"", "\"version\": \"9.", 1),
    )
    .unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec![d("a1.json"), d("a2.json")], "shard missing: 3/3"),
        (
            vec![d("a1.json"), d("a2.json"), d("a2.json")],
            "shard 2/3 is given twice",
        ),
        (
            vec![d("a1.json"), d("a2.json"), d("whole.json")],
            "whole.json: not a shard's report",
        ),
        (
            vec![d("a1.json"), d("a2.json"), d("other-options.json")],
            "are shards of different runs",
        ),
        (
            vec![d("a1.json"), d("a2.json"), d("other-input.json")],
            "checked different inputs",
        ),
        (vec![d("a1.json"), d("of-two.json")], "is a shard of 3 and"),
        (
            vec![d("a1.json"), d("a2.json"), d("new-version.json")],
            "by paracheck 9.0.1.0",
        ),
        (
            vec![d("a1.json"), d("a2.json"), d("a3.jsonl")],
            "a3.jsonl:2:1: not a JSON report",
        ),
        (vec![d("missing.json")], "missing.json: cannot read"),
    ];
    for (files, want) in cases {
        let mut args = vec!["merge".to_string()];
        args.extend(files);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = run(&refs);
        assert_eq!(code, 2, "{want}: {err}");
        assert!(out.is_empty());
        assert!(err.contains(want), "want {want:?} in {err:?}");
    }
    let (code, merged, _) = run(&["merge", &d("a1.json"), &d("a2.json"), &d("a3.json")]);
    assert_eq!(code, 1);
    // The gates (--fail-on, --max-findings) do not change findings: shards may differ.
    run(&[
        "check",
        "--isolated",
        "--max-findings",
        "0",
        "-f",
        "json",
        "fixtures/policy-brief-slips.md",
        "--shard",
        "3/3",
        "-o",
        &d("gated.json"),
    ]);
    let (code, gated, err) = run(&["merge", &d("a1.json"), &d("a2.json"), &d("gated.json")]);
    assert_eq!((code, &gated), (1, &merged), "{err}");
    // A shard cannot apply a baseline, which counts findings over the whole run.
    let (code, _, err) = run(&[
        &base[..],
        &["--shard", "1/2", "--baseline", &d("whole.json")],
    ]
    .concat());
    assert_eq!(code, 2);
    assert!(
        err.contains("--shard: --baseline applies to the whole run")
            && err.contains("paracheck merge --baseline"),
        "{err}"
    );
    for bad in ["0/2", "3/2", "2", "a/b"] {
        let (code, _, err) = run(&[&base[..], &["--shard", bad]].concat());
        assert_eq!(code, 2, "{bad}");
        assert!(err.contains("is not K/N"), "{err}");
    }
}

#[test]
fn columns_choose_by_position() {
    let (_, twin, _) = run(&[
        "check",
        "--isolated",
        "-f",
        "json",
        "fixtures/formats/attributed-2col.tsv",
    ]);
    let (code, out, err) = run(&[
        "check",
        "--isolated",
        "-f",
        "json",
        "--columns",
        "source,target,ignore",
        "fixtures/formats/attributed.tsv",
    ]);
    assert_eq!(code, 1);
    assert!(err.is_empty(), "no note when the columns are given: {err}");
    assert_eq!(findings_without_file(&out), findings_without_file(&twin));
    // CSV: positions instead of the header's names.
    let (code, out, err) = run(&[
        "check",
        "--isolated",
        "-f",
        "json",
        "--columns",
        "source,target,ignore",
        "fixtures/formats/scored.csv",
    ]);
    assert_eq!(code, 1, "{err}");
    let r = json(&out);
    assert_eq!(r["summary"]["pairs"], 2);
    assert_eq!(
        (
            r["findings"][0]["code"].as_str(),
            r["findings"][0]["pair_index"].as_u64()
        ),
        (Some("N001"), Some(1))
    );
    let (code, _, err) = run(&["check", "--isolated", "fixtures/formats/scored.csv"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("the header must name `source` and `target`"),
        "{err}"
    );
    for (cols, file, want) in [
        (
            "source,text",
            "fixtures/formats/plain.tsv",
            "unknown column `text`",
        ),
        (
            "source,source",
            "fixtures/formats/plain.tsv",
            "more than one `source` column",
        ),
        (
            "id,source,target,ignore",
            "fixtures/formats/attributed.tsv",
            "attributed.tsv:1: expected 4 tab-separated fields (--columns id,source,target,ignore), found 3",
        ),
        (
            "source,target",
            "fixtures/formats/scored.csv",
            "scored.csv:1: the header has 3 columns, --columns source,target names 2",
        ),
    ] {
        let (code, _, err) = run(&["check", "--isolated", "--columns", cols, file]);
        assert_eq!(code, 2, "{cols}");
        assert!(err.contains(want), "want {want:?} in {err:?}");
    }
}

#[test]
fn headerless_three_columns_are_read_by_content() {
    // Tatoeba's layout: English, Chinese, attribution. Read as source, target and an
    // ignored column, with a note; the findings are those of the two-column twin.
    let (_, twin, _) = run(&[
        "check",
        "--isolated",
        "-f",
        "json",
        "fixtures/formats/attributed-2col.tsv",
    ]);
    let (code, out, err) = run(&[
        "check",
        "--isolated",
        "-f",
        "json",
        "fixtures/formats/attributed.tsv",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("paracheck: note: fixtures/formats/attributed.tsv: no header; read its 3 columns as source,target,ignore"), "{err}");
    assert_eq!(findings_without_file(&out), findings_without_file(&twin));
    assert_eq!(json(&out)["findings"].as_array().unwrap().len(), 1);
    // Read the old way, the attribution would be the target of every pair.
    let (_, old, _) = run(&[
        "check",
        "--isolated",
        "-f",
        "json",
        "--columns",
        "id,source,target",
        "fixtures/formats/attributed.tsv",
    ]);
    assert!(json(&old)["summary"]["findings"].as_u64().unwrap() > 10);
    // Ids first: read as id, source, target without a note.
    let dir = tempfile::tempdir().unwrap();
    let with_header = std::fs::read_to_string(root().join("fixtures/numbers/en-zh.tsv")).unwrap();
    let headerless = dir.path().join("ids.tsv");
    std::fs::write(&headerless, with_header.split_once('\n').unwrap().1).unwrap();
    let (_, a, _) = run(&[
        "check",
        "--isolated",
        "-f",
        "json",
        "--fail-on",
        "never",
        "fixtures/numbers/en-zh.tsv",
    ]);
    let (code, b, err) = run_path(
        &["check", "--isolated", "-f", "json", "--fail-on", "never"],
        &[&headerless],
    );
    assert_eq!(code, 0);
    assert!(err.is_empty(), "{err}");
    let key = |r: &str| -> Vec<(Value, Value, Value)> {
        json(r)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["code"].clone(),
                    f["pair_id"].clone(),
                    f["fingerprint"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(key(&a), key(&b));
    // Content that does not tell: refused, asking for a header or --columns.
    let (code, out, err) = run(&["check", "--isolated", "fixtures/formats/unclear.tsv"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("unclear.tsv: 3 tab-separated columns and no header")
            && err.contains("--columns"),
        "{err}"
    );
    let (code, _, _) = run(&[
        "check",
        "--isolated",
        "--columns",
        "ignore,source,target",
        "fixtures/formats/unclear.tsv",
    ]);
    assert_eq!(code, 0);
    // A header may name a column paracheck does not read.
    let named = dir.path().join("named.tsv");
    std::fs::write(
        &named,
        format!(
            "source\ttarget\tattribution\n{}",
            std::fs::read_to_string(root().join("fixtures/formats/attributed.tsv")).unwrap()
        ),
    )
    .unwrap();
    let (_, out, err) = run_path(&["check", "--isolated", "-f", "json"], &[&named]);
    assert!(err.is_empty(), "{err}");
    assert_eq!(json(&out)["summary"]["pairs"], 10);
}

#[test]
fn streamed_output_keeps_gates_and_baselines() {
    let dir = tempfile::tempdir().unwrap();
    let input = [
        "--isolated",
        "fixtures/policy-brief-slips.md",
        "fixtures/report/hostile.tsv",
    ];
    let (code, _, _) = run(&[
        &[
            "check",
            "-f",
            "jsonl",
            "--fail-on",
            "never",
            "--max-findings",
            "0",
        ][..],
        &input,
    ]
    .concat());
    assert_eq!(code, 1, "--max-findings counts streamed findings");
    let (code, _, _) = run(&[&["check", "-f", "jsonl", "--fail-on", "never"][..], &input].concat());
    assert_eq!(code, 0);
    let (code, _, _) = run(&[&["check", "-f", "csv"][..], &input].concat());
    assert_eq!(code, 1);
    // --write-baseline: the same file from a streamed and an aggregate format.
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    let (code, _, err_a) = run(&[
        &[
            "check",
            "-f",
            "jsonl",
            "--write-baseline",
            a.to_str().unwrap(),
        ][..],
        &input,
    ]
    .concat());
    assert_eq!(code, 0);
    let (_, _, err_b) = run(&[
        &[
            "check",
            "-f",
            "json",
            "--write-baseline",
            b.to_str().unwrap(),
        ][..],
        &input,
    ]
    .concat());
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert_eq!(err_a.replace("a.json", "b.json"), err_b);
    // --baseline: a baseline of one input suppresses its findings from the stream as
    // from the JSON report, and the summary counts what is left.
    let one = dir.path().join("one.json");
    run(&[
        "check",
        "--isolated",
        "fixtures/policy-brief-slips.md",
        "--write-baseline",
        one.to_str().unwrap(),
    ]);
    let (code, j, _) = run(&[
        &["check", "-f", "json", "--baseline", one.to_str().unwrap()][..],
        &input,
    ]
    .concat());
    let (code2, l, _) = run(&[
        &["check", "-f", "jsonl", "--baseline", one.to_str().unwrap()][..],
        &input,
    ]
    .concat());
    assert_eq!(code, code2);
    let lines: Vec<Value> = l.lines().map(json).collect();
    let (summary, findings) = lines.split_last().unwrap();
    assert_eq!(
        findings,
        json(&j)["findings"].as_array().unwrap().as_slice()
    );
    assert_eq!(summary["summary"], json(&j)["summary"]);
    assert!(
        findings
            .iter()
            .all(|f| f["file"] == "fixtures/report/hostile.tsv")
    );
}
