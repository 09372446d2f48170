//! `paracheck merge`: the JSON reports of `check --shard K/N`, one per shard, into
//! the report one run over the whole input would have written, byte for byte: the
//! findings in input order (by `pair_index`; the findings of one pair, and the
//! unpaired paragraphs before it, are all in one shard, in order), the summary
//! recomputed. Reports of different versions, options, configurations or inputs,
//! and a set of shards with one missing or given twice, are refused.
//!
//! A baseline applies to the whole run, so it is applied here (`--baseline`,
//! `--write-baseline`), not by the shards; `--fail-on` and `--max-findings` gate on
//! the merged findings as `check` does.

use crate::baseline::{Recorder, Suppressor};
use crate::cli::{FailOn, Fatal};
use crate::finding::{Category, Severity};
use crate::report::json::{SCHEMA, document, summary_of, write_document};
use crate::report::{Tally, plural};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MergeFormat {
    /// The JSON report (docs/json.md), as one run writes it.
    Json,
    /// One finding per line, then the summary line, as `check --format jsonl`.
    Jsonl,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Example:
  paracheck check big.tsv --shard 1/2 -f json -o s1.json --exit-zero   # machine 1
  paracheck check big.tsv --shard 2/2 -f json -o s2.json --exit-zero   # machine 2
  paracheck merge s1.json s2.json -o report.json     # = paracheck check big.tsv -f json

Exit status as for check: 0, 1 for merged findings at or above --fail-on (or more
than --max-findings), 2 when the reports cannot be merged.")]
pub struct MergeArgs {
    /// The shards' JSON reports (`check --shard K/N --format json`), in any order.
    #[arg(value_name = "REPORT.json", required = true)]
    pub reports: Vec<PathBuf>,

    /// Report format.
    #[arg(long, short = 'f', value_enum, default_value_t = MergeFormat::Json)]
    pub format: MergeFormat,

    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit with status 1 when a merged finding is at or above this severity
    /// [default: error].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Exit with status 1 when more than N findings are reported.
    #[arg(long, value_name = "N")]
    pub max_findings: Option<usize>,

    /// Exit with status 0 even when findings would fail the run.
    #[arg(long)]
    pub exit_zero: bool,

    /// Leave out the findings this baseline file records (applied to the whole run).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,

    /// Record every merged finding in FILE as the new baseline; then exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

/// One shard's report, as read.
struct ShardReport {
    path: String,
    version: String,
    index: usize,
    count: usize,
    inputs: Vec<String>,
    digest: String,
    pairs: usize,
    findings: Vec<Value>,
}

const HINT: &str = "merge reads the reports of `paracheck check --shard K/N --format json`";

fn read(path: &std::path::Path) -> Result<ShardReport, Fatal> {
    let shown = crate::config::relative(path).display().to_string();
    let max = crate::limits::Limits::default().max_file_bytes;
    let text = crate::limits::read_file(path, max).map_err(|e| {
        let at = e.line().map(|l| format!(":{l}")).unwrap_or_default();
        Fatal(format!("{shown}{at}: {}", e.message("max-file-bytes")))
    })?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| {
        let msg = e.to_string();
        let msg = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m);
        Fatal(format!(
            "{shown}:{}:{}: not a JSON report: {msg} ({HINT})",
            e.line(),
            e.column()
        ))
    })?;
    let not = |what: &str| {
        Fatal(format!(
            "{shown}: not a paracheck JSON report: {what} ({HINT})"
        ))
    };
    let version = doc["paracheck"]["version"]
        .as_str()
        .ok_or_else(|| not("no `paracheck.version`"))?
        .to_string();
    match doc["paracheck"]["schema"].as_u64() {
        Some(s) if s == u64::from(SCHEMA) => {}
        Some(s) => {
            return Err(Fatal(format!(
                "{shown}: JSON schema {s} is not supported (this paracheck writes schema {SCHEMA})"
            )));
        }
        None => return Err(not("no `paracheck.schema`")),
    }
    let shard = &doc["shard"];
    if shard.is_null() {
        return Err(Fatal(format!(
            "{shown}: not a shard's report (it has no `shard`: made without --shard K/N)"
        )));
    }
    let num = |v: &Value, what: &str| {
        v.as_u64()
            .map(|n| n as usize)
            .ok_or_else(|| not(&format!("no `{what}`")))
    };
    let index = num(&shard["index"], "shard.index")?;
    let count = num(&shard["count"], "shard.count")?;
    if index == 0 || index > count {
        return Err(not(&format!("shard {index}/{count} is out of range")));
    }
    let inputs = shard["inputs"]
        .as_array()
        .ok_or_else(|| not("no `shard.inputs`"))?
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| not("`shard.inputs` are not strings"))?;
    let digest = shard["digest"]
        .as_str()
        .ok_or_else(|| not("no `shard.digest`"))?
        .to_string();
    let pairs = num(&doc["summary"]["pairs"], "summary.pairs")?;
    let Value::Array(findings) = doc["findings"].clone() else {
        return Err(not("no `findings` array"));
    };
    Ok(ShardReport {
        path: shown,
        version,
        index,
        count,
        inputs,
        digest,
        pairs,
        findings,
    })
}

/// Checks that the reports are the shards of one run, each once, none missing.
fn check_set(shards: &[ShardReport]) -> Result<(), Fatal> {
    let first = &shards[0];
    for s in &shards[1..] {
        if s.version != first.version {
            return Err(Fatal(format!(
                "{} was made by paracheck {} and {} by paracheck {}; merge the shards of one run",
                first.path, first.version, s.path, s.version
            )));
        }
        if s.count != first.count {
            return Err(Fatal(format!(
                "{} is a shard of {} and {} a shard of {}; merge the shards of one run",
                first.path, first.count, s.path, s.count
            )));
        }
        if s.inputs != first.inputs {
            return Err(Fatal(format!(
                "{} and {} checked different inputs ({} and {}); merge the shards of one run",
                first.path,
                s.path,
                first.inputs.join(", "),
                s.inputs.join(", ")
            )));
        }
        if s.digest != first.digest {
            return Err(Fatal(format!(
                "{} and {} are shards of different runs: their options, configuration, glossaries or input contents differ",
                first.path, s.path
            )));
        }
    }
    let mut by_index: BTreeMap<usize, &str> = BTreeMap::new();
    for s in shards {
        if let Some(other) = by_index.insert(s.index, &s.path) {
            return Err(Fatal(format!(
                "shard {}/{} is given twice: {other} and {}",
                s.index, s.count, s.path
            )));
        }
    }
    let missing: Vec<String> = (1..=first.count)
        .filter(|k| !by_index.contains_key(k))
        .map(|k| format!("{k}/{}", first.count))
        .collect();
    if !missing.is_empty() {
        return Err(Fatal(format!(
            "{} missing: {} (merge needs every shard of the run)",
            if missing.len() == 1 {
                "shard"
            } else {
                "shards"
            },
            missing.join(", ")
        )));
    }
    Ok(())
}

fn field<'a>(f: &'a Value, key: &str, path: &str, i: usize) -> Result<&'a Value, Fatal> {
    match f.get(key) {
        Some(v) => Ok(v),
        None => Err(Fatal(format!("{path}: findings[{i}] has no `{key}`"))),
    }
}

pub fn merge(a: MergeArgs) -> Result<ExitCode, Fatal> {
    let mut shards = a
        .reports
        .iter()
        .map(|p| read(p))
        .collect::<Result<Vec<_>, _>>()?;
    check_set(&shards)?;
    shards.sort_by_key(|s| s.index);

    // Findings in input order: a stable sort by pair index of the shards' findings
    // (each in input order already).
    let mut all: Vec<(usize, Value, usize)> = Vec::new();
    let mut tally = Tally::default();
    let pairs: usize = shards.iter().map(|s| s.pairs).sum();
    for (n, s) in shards.iter_mut().enumerate() {
        for (i, f) in std::mem::take(&mut s.findings).into_iter().enumerate() {
            let index = field(&f, "pair_index", &s.path, i)?
                .as_u64()
                .ok_or_else(|| {
                    Fatal(format!(
                        "{}: findings[{i}]: `pair_index` is not a number",
                        s.path
                    ))
                })? as usize;
            all.push((index, f, n));
        }
    }
    all.sort_by_key(|(index, _, _)| *index);

    let mut suppress = match &a.baseline {
        Some(p) => Some(Suppressor::new(
            crate::baseline::read(p, crate::limits::Limits::default().max_file_bytes)
                .map_err(Fatal)?,
        )),
        None => None,
    };
    let mut record = match &a.write_baseline {
        Some(p) => Some(
            Recorder::create(p)
                .map_err(|e| Fatal(format!("{}: cannot write the baseline: {e}", p.display())))?,
        ),
        None => None,
    };
    let mut findings = Vec::with_capacity(all.len());
    for (i, (_, f, n)) in all.into_iter().enumerate() {
        let path = &shards[n].path;
        let text = |key: &str| -> Result<String, Fatal> {
            field(&f, key, path, i)?
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| Fatal(format!("{path}: `{key}` of a finding is not a string")))
        };
        let fingerprint = text("fingerprint")?;
        if let Some(r) = &mut record {
            r.add(
                &fingerprint,
                &text("code")?,
                &text("file")?,
                &text("message")?,
            )
            .map_err(|e| Fatal(format!("cannot write the baseline: {e}")))?;
        }
        if let Some(s) = &mut suppress
            && !s.keep(&fingerprint)
        {
            continue;
        }
        let category = text("category")?;
        let category = Category::ALL
            .iter()
            .find(|c| c.as_str() == category)
            .ok_or_else(|| Fatal(format!("{path}: unknown category `{category}`")))?;
        let severity: Severity = text("severity")?
            .parse()
            .map_err(|e: String| Fatal(format!("{path}: {e}")))?;
        tally.add_one(*category, severity);
        findings.push(f);
    }
    if let (Some(r), Some(p)) = (record, &a.write_baseline) {
        let n = r
            .commit()
            .map_err(|e| Fatal(format!("{}: cannot write the baseline: {e}", p.display())))?;
        eprintln!(
            "paracheck: wrote {} to the baseline {}",
            plural(n, "finding", "findings"),
            p.display()
        );
    }
    if let Some(s) = suppress {
        crate::cli::stale_note(&s.finish());
    }

    let version = shards[0].version.clone();
    let summary = summary_of(pairs, &tally);
    let mut write = |out: &mut dyn Write| -> std::io::Result<()> {
        match a.format {
            MergeFormat::Json => write_document(
                &document(&version, None, summary.clone(), findings.clone()),
                out,
            ),
            MergeFormat::Jsonl => {
                for f in &findings {
                    serde_json::to_writer(&mut *out, f)?;
                    writeln!(out)?;
                }
                let last = json!({
                    "paracheck": {"version": version, "schema": SCHEMA},
                    "summary": summary,
                });
                serde_json::to_writer(&mut *out, &last)?;
                writeln!(out)
            }
        }
    };
    match &a.output {
        Some(p) => crate::report::write_atomic(p, &mut write)
            .map_err(|e| Fatal(format!("{}: cannot write the report: {e}", p.display())))?,
        None => {
            let mut buf = Vec::new();
            write(&mut buf).map_err(|e| Fatal(format!("cannot write the report: {e}")))?;
            crate::report::stdout_open()
                .map_err(|e| Fatal(format!("cannot write the report: {e}")))?;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&buf)
                .and_then(|_| stdout.flush())
                .map_err(|e| Fatal(format!("cannot write the report: {e}")))?;
        }
    }
    let fail_on = a.fail_on.unwrap_or(FailOn::Error);
    let failed = fail_on.threshold().is_some_and(|t| tally.any_at_least(t))
        || a.max_findings.is_some_and(|n| tally.total() > n);
    Ok(if failed && !a.exit_zero && a.write_baseline.is_none() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Everything besides the input's content that shapes a shard's findings, for the
/// digest `merge` compares: the options (not the gates `--fail-on` and
/// `--max-findings`), the configuration and glossary files' contents, the
/// languages, how the inputs are read.
#[allow(clippy::too_many_arguments)]
pub(crate) fn shard_key(
    loaded: &Option<crate::config::Loaded>,
    glossaries: &[PathBuf],
    run_options: &[(String, String)],
    options: &crate::check::Options,
    langs: &crate::input::LangChoice,
    read: &crate::input::ReadOptions,
    ignore: &crate::config::IgnorePatterns,
    format: crate::input::Format,
) -> String {
    let bytes = |p: &std::path::Path| std::fs::read(p).unwrap_or_default();
    // The gates do not change the findings: shards may differ in them.
    let shaping: Vec<_> = run_options
        .iter()
        .filter(|(k, _)| k != "fail-on" && k != "max-findings")
        .collect();
    let mut parts: Vec<String> = vec![
        format!("{shaping:?}"),
        format!("{:?}", options.severities),
        format!("{:?}", options.date_order),
        format!("{:?}", options.document_date),
        format!(
            "{:?} {:?}",
            langs.source.map(|l| l.code()),
            langs.target.map(|l| l.code())
        ),
        format!("{read:?} {format:?}"),
        format!(
            "{:?} {:?} {:?}",
            ignore
                .pair_id
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>(),
            ignore.text.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            ignore.fingerprint
        ),
    ];
    if let Some(l) = loaded {
        parts.push(format!(
            "{:016x}",
            crate::finding::fnv1a(&[&String::from_utf8_lossy(&bytes(&l.path))])
        ));
    }
    for g in glossaries {
        parts.push(format!(
            "{:016x}",
            crate::finding::fnv1a(&[&String::from_utf8_lossy(&bytes(g))])
        ));
    }
    parts.join("\n")
}
