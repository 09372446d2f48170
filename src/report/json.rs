//! `--format json`: one JSON object, schema 1 (docs/json.md).

use super::{Report, Run, ShardInfo, Tally};
use crate::finding::{Category, Finding, Severity, SpanRef};
use serde_json::{Map, Value, json};
use std::io::{self, Write};

pub(super) struct Json;

/// The JSON schema version. Bump it on any incompatible change.
pub const SCHEMA: u32 = 1;

fn span(s: &Option<SpanRef>) -> Value {
    match s {
        Some(s) => json!({"text": s.text, "start": s.start, "end": s.end, "value": s.value}),
        None => Value::Null,
    }
}

/// A finding as the JSON object of the schema (also used by `jsonl`).
pub fn finding(f: &Finding) -> Value {
    json!({
        "code": f.rule.code(),
        "rule": f.rule.name(),
        "category": f.category().as_str(),
        "severity": f.severity.as_str(),
        "pair_index": f.pair_index,
        "pair_id": f.pair_id,
        "file": f.file,
        "source_line": f.source_line,
        "target_line": f.target_line,
        "message": f.message,
        "source": span(&f.source),
        "target": span(&f.target),
        "fingerprint": f.fingerprint,
    })
}

pub fn summary(run: &Run) -> Value {
    summary_of(run.pairs, &Tally::of(&run.findings))
}

/// The `summary` object from counts.
pub fn summary_of(pairs: usize, tally: &Tally) -> Value {
    let mut by_cat = Map::new();
    for c in Category::ALL {
        by_cat.insert(c.as_str().into(), json!(tally.category(*c)));
    }
    json!({
        "pairs": pairs,
        "findings": tally.total(),
        "by_severity": {
            "error": tally.severity(Severity::Error),
            "warning": tally.severity(Severity::Warning),
            "info": tally.severity(Severity::Info),
        },
        "by_category": by_cat,
    })
}

/// The `shard` object of a shard's report (docs/json.md).
pub fn shard(s: &ShardInfo) -> Value {
    json!({"index": s.index, "count": s.count, "inputs": s.inputs, "digest": s.digest})
}

/// The whole report from its parts: what `merge` writes from shards' findings.
pub fn document(
    version: &str,
    shard_info: Option<&ShardInfo>,
    summary: Value,
    findings: Vec<Value>,
) -> Value {
    let mut doc = Map::new();
    doc.insert(
        "paracheck".into(),
        json!({"version": version, "schema": SCHEMA}),
    );
    if let Some(s) = shard_info {
        doc.insert("shard".into(), shard(s));
    }
    doc.insert("summary".into(), summary);
    doc.insert("findings".into(), Value::Array(findings));
    Value::Object(doc)
}

/// Writes a report document as `--format json` does.
pub fn write_document(doc: &Value, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, doc)?;
    writeln!(out)
}

impl Report for Json {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let doc = document(
            &run.version,
            run.shard.as_ref(),
            summary(run),
            run.findings.iter().map(finding).collect(),
        );
        write_document(&doc, out)
    }
}
