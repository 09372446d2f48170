//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning accepts it.
//!
//! Every rule of the registry is listed (so `ruleIndex` is stable); each finding is a
//! result at its source span (or target span, for a target-only finding), with the
//! other side as a related location. URIs are relative to `%SRCROOT%`, columns count
//! Unicode code points, and `partialFingerprints` carry the finding's fingerprint.

use super::{Region, Report, Run, Side};
use crate::check::codes::Rule;
use crate::finding::Severity;
use serde_json::{Value, json};
use std::io::{self, Write};

pub(super) struct Sarif;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The `partialFingerprints` key.
pub const FINGERPRINT_KEY: &str = "paracheck/v1";

pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file path as a relative URI reference: `/` separators, a leading `./` dropped,
/// and every byte outside the unreserved set and `/` percent-encoded.
pub fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.trim_start_matches("./");
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn rule(r: Rule) -> Value {
    let (doc, short) = super::rule_text(r);
    json!({
        "id": r.code(),
        "name": r.name(),
        "shortDescription": {"text": short},
        "fullDescription": {"text": doc},
        "help": {
            "text": format!("{} ({}): {doc}", r.code(), r.name()),
            "markdown": format!("**{}** `{}` · {}\n\n{doc}", r.code(), r.name(), r.category().as_str()),
        },
        "defaultConfiguration": {"level": level(r.default_severity())},
        "properties": {"tags": [r.category().as_str(), "translation"]},
    })
}

fn location(r: &Region) -> Value {
    let mut region = json!({"startLine": r.start_line});
    if let (Some(sc), Some(ec)) = (r.start_column, r.end_column) {
        region["startColumn"] = json!(sc);
        region["endLine"] = json!(r.end_line);
        region["endColumn"] = json!(ec.max(if r.end_line == r.start_line { sc } else { 1 }));
    }
    json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri(&r.file), "uriBaseId": "%SRCROOT%"},
            "region": region,
        }
    })
}

impl Report for Sarif {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let index = |r: Rule| Rule::ALL.iter().position(|x| *x == r).unwrap_or(0);
        let fingerprints = run.unique_fingerprints();
        let results: Vec<Value> = run
            .findings
            .iter()
            .zip(&fingerprints)
            .map(|(f, fp)| {
                let primary = run.primary_region(f);
                let primary_is_source = f.source_line.is_some();
                let mut result = json!({
                    "ruleId": f.rule.code(),
                    "ruleIndex": index(f.rule),
                    "level": level(f.severity),
                    "message": {"text": f.message},
                    "locations": [location(&primary)],
                    "partialFingerprints": {FINGERPRINT_KEY: fp},
                    "properties": {
                        "category": f.category().as_str(),
                        "pairIndex": f.pair_index,
                    },
                });
                if let Some(id) = &f.pair_id {
                    result["properties"]["pairId"] = json!(id);
                }
                if primary_is_source && let Some(t) = run.region(f, Side::Target) {
                    let what = match &f.target {
                        Some(s) => format!("target \"{}\"", s.text),
                        None => "target text".to_string(),
                    };
                    result["relatedLocations"] = json!([{
                        "id": 1,
                        "physicalLocation": location(&t)["physicalLocation"].clone(),
                        "message": {"text": what},
                    }]);
                }
                result
            })
            .collect();
        let doc = json!({
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "paracheck",
                    "version": run.version,
                    "semanticVersion": run.version,
                    "rules": Rule::ALL.iter().map(|r| rule(*r)).collect::<Vec<_>>(),
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
