//! `--format json`: one JSON object, schema 1 (docs/json.md).

use super::{Report, Run};
use crate::finding::{Finding, Severity, SpanRef};
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
    let mut by_cat = Map::new();
    for (c, n) in run.by_category() {
        by_cat.insert(c.as_str().into(), json!(n));
    }
    json!({
        "pairs": run.pairs,
        "findings": run.findings.len(),
        "by_severity": {
            "error": run.count(Severity::Error),
            "warning": run.count(Severity::Warning),
            "info": run.count(Severity::Info),
        },
        "by_category": by_cat,
    })
}

impl Report for Json {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let doc = json!({
            "paracheck": {"version": run.version, "schema": SCHEMA},
            "summary": summary(run),
            "findings": run.findings.iter().map(finding).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
