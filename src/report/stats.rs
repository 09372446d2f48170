//! `--statistics`: the number of findings per rule, most frequent first, as ruff
//! prints them (`count<TAB>code<TAB>name<TAB>severity`), then the summary line; or
//! the same as JSON.

use super::{Report, Run};
use crate::check::codes::Rule;
use std::io::{self, Write};

/// Prints statistics instead of a report.
pub struct Statistics {
    /// A JSON array of `{count, code, name, severity}` instead of the table.
    pub json: bool,
}

/// (count, rule, severity) per rule and severity that has findings, most frequent
/// first, then by code. A rule appears once per severity it was reported at.
pub fn counts(run: &Run) -> Vec<(usize, Rule, crate::finding::Severity)> {
    let mut by: std::collections::BTreeMap<(Rule, crate::finding::Severity), usize> =
        Default::default();
    for f in &run.findings {
        *by.entry((f.rule, f.severity)).or_default() += 1;
    }
    let mut v: Vec<_> = by.into_iter().map(|((r, s), n)| (n, r, s)).collect();
    v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
    v
}

impl Report for Statistics {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let rows = counts(run);
        if self.json {
            let v: Vec<_> = rows
                .iter()
                .map(|(n, r, s)| {
                    serde_json::json!({
                        "count": n, "code": r.code(), "name": r.name(), "severity": s.as_str(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &v)?;
            return writeln!(out);
        }
        let count_w = rows
            .iter()
            .map(|r| r.0.to_string().len())
            .max()
            .unwrap_or(1);
        for (n, r, s) in &rows {
            writeln!(
                out,
                "{n:>count_w$}\t{}\t{}\t{}",
                r.code(),
                s.as_str(),
                r.name()
            )?;
        }
        writeln!(out, "{}{}", run.summary_line(), run.hidden_note())
    }
}
