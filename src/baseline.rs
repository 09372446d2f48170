//! Baselines: a file of known findings, by fingerprint, so that CI fails only on new
//! ones (docs/ci.md).
//!
//! `--write-baseline FILE` records every current finding; `--baseline FILE` leaves
//! out each finding whose fingerprint the file records (as many times as it records
//! it) and reports the entries that no finding matched any more as stale.
//! Fingerprints hash the rule, the pair id or normalized source text and the values,
//! never line numbers, so moving pairs around does not change them.

use crate::config::relative;
use crate::report::{BaselineEntry, BaselineInfo, Run};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

/// The format version of baseline files.
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    baseline: u32,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    code: String,
    file: String,
    message: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    paracheck: Header,
    findings: Vec<Entry>,
}

/// A baseline that was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    /// As shown in messages and reports.
    pub path: String,
    pub entries: Vec<BaselineEntry>,
}

/// Writes the baseline of a run's findings to `path` atomically.
pub fn write(run: &Run, path: &Path) -> io::Result<()> {
    let file = File {
        paracheck: Header { baseline: VERSION },
        findings: run
            .findings
            .iter()
            .map(|f| Entry {
                fingerprint: f.fingerprint.clone(),
                code: f.rule.code().to_string(),
                file: f.file.clone(),
                message: f.message.clone(),
            })
            .collect(),
    };
    crate::report::write_atomic(path, &mut |out: &mut dyn Write| {
        serde_json::to_writer_pretty(&mut *out, &file)?;
        writeln!(out)
    })
}

/// Reads a baseline file; the error names the file (and line and column).
pub fn read(path: &Path) -> Result<Baseline, String> {
    let shown = relative(path).display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{shown}: cannot read the baseline: {e}"))?;
    let file: File = serde_json::from_str(&text).map_err(|e| {
        let msg = e.to_string();
        let msg = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m);
        format!(
            "{shown}:{}:{}: not a paracheck baseline: {msg}",
            e.line(),
            e.column()
        )
    })?;
    if file.paracheck.baseline != VERSION {
        return Err(format!(
            "{shown}: baseline format {} is not supported (this paracheck reads format {VERSION})",
            file.paracheck.baseline
        ));
    }
    for (i, e) in file.findings.iter().enumerate() {
        if e.fingerprint.len() != 16 || !e.fingerprint.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "{shown}: findings[{i}]: `{}` is not a fingerprint (16 hex digits)",
                e.fingerprint
            ));
        }
    }
    Ok(Baseline {
        path: shown,
        entries: file
            .findings
            .into_iter()
            .map(|e| BaselineEntry {
                fingerprint: e.fingerprint.to_ascii_lowercase(),
                code: e.code,
                file: e.file,
                message: e.message,
            })
            .collect(),
    })
}

/// Leaves out of `run` the findings the baseline records and notes the entries that
/// matched nothing.
pub fn apply(run: &mut Run, baseline: &Baseline) {
    let mut left: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &baseline.entries {
        *left.entry(e.fingerprint.as_str()).or_default() += 1;
    }
    let before = run.findings.len();
    run.findings
        .retain(|f| match left.get_mut(f.fingerprint.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
    let suppressed = before - run.findings.len();
    let mut stale = Vec::new();
    for e in &baseline.entries {
        if let Some(n) = left.get_mut(e.fingerprint.as_str())
            && *n > 0
        {
            *n -= 1;
            stale.push(e.clone());
        }
    }
    run.baseline = Some(BaselineInfo {
        path: baseline.path.clone(),
        suppressed,
        stale,
    });
}
