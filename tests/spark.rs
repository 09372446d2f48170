//! paracheck as a stage of Apache Spark: `examples/spark/paracheck_spark.py` runs
//! PySpark in local mode (`local[2]`, four partitions) over a few thousand JSONL
//! pairs, piping each partition through `paracheck check -` with `rdd.pipe()`. The
//! findings it collects must be byte-identical to one process's run over the file.
//!
//! Skips with a message when PySpark or Java is missing (`.ci/run` installs
//! PySpark; `pip install pyspark`).

mod common;

use common::root;
use std::path::Path;
use std::process::Command;

fn available(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A few thousand pairs with ids (strings and numbers) from the number, date and
/// name fixtures, with a few blank lines.
fn corpus(dest: &Path, n: usize) {
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for f in ["numbers/en-zh.tsv", "dates/en-zh.tsv", "entities/en-zh.tsv"] {
        let text = std::fs::read_to_string(root().join("fixtures").join(f)).unwrap();
        for l in text.lines().skip(1) {
            let c: Vec<&str> = l.split('\t').collect();
            rows.push((c[0].into(), c[1].into(), c[2].into()));
        }
    }
    let mut out = String::new();
    for i in 0..n {
        let (id, s, t) = &rows[i % rows.len()];
        let id = if i % 3 == 0 {
            serde_json::json!(i)
        } else {
            serde_json::json!(format!("{id}-{i}"))
        };
        out.push_str(&serde_json::json!({"id": id, "source": s, "target": t}).to_string());
        out.push('\n');
        if i % 997 == 0 {
            out.push('\n');
        }
    }
    std::fs::write(dest, out).unwrap();
}

#[test]
fn spark_pipe_gives_the_findings_of_one_run() {
    if !available("java", &["-version"]) {
        eprintln!("skipping the Spark test: no `java` (Spark needs Java 17)");
        return;
    }
    if !available("python3", &["-c", "import pyspark"]) {
        eprintln!(
            "skipping the Spark test: `python3 -c 'import pyspark'` fails (pip install pyspark)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    corpus(&dir.path().join("pairs.jsonl"), 3000);
    let bin = assert_cmd::cargo::cargo_bin("paracheck");
    // The alignment post-pass (shifts, length ratios) judges each pair in the
    // context of the pairs before and after it: each partition is its own context,
    // so it is left out of the comparison (docs/scale.md).
    let options = [
        "--isolated",
        "--source-lang",
        "en",
        "--target-lang",
        "zh",
        "--ignore",
        "A006,A007,A008",
    ];
    let single = Command::new(&bin)
        .current_dir(dir.path())
        .args(["check", "--fail-on", "never", "-f", "jsonl", "pairs.jsonl"])
        .args(options)
        .output()
        .unwrap();
    assert_eq!(single.status.code(), Some(0));
    let spark = Command::new("python3")
        .current_dir(dir.path())
        .arg(root().join("examples/spark/paracheck_spark.py"))
        .args([
            "pairs.jsonl",
            "spark.jsonl",
            "--master",
            "local[2]",
            "--partitions",
            "4",
        ])
        .arg("--paracheck")
        .arg(&bin)
        .arg("--")
        .args(options)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&spark.stderr);
    assert!(spark.status.success(), "the Spark job failed:\n{err}");
    assert!(
        err.contains("paracheck_spark: 4 partitions, 3000 pairs"),
        "{err}"
    );
    let piped = std::fs::read(dir.path().join("spark.jsonl")).unwrap();
    let lines = single.stdout.iter().filter(|b| **b == b'\n').count();
    assert!(lines > 500, "a corpus with findings: {lines} lines");
    assert!(
        piped == single.stdout,
        "the Spark run's findings differ from one run's ({} and {} bytes)",
        piped.len(),
        single.stdout.len()
    );
}
