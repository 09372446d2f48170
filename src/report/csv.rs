//! `--format csv`: one row per finding with both texts, for spreadsheets.
//!
//! RFC 4180 with a header row. Text cells that a spreadsheet would read as a formula
//! (starting with `=`, `+`, `-`, `@`, tab or carriage return) get a leading `'`.

use super::{Report, Run, Stream, Tally, printable};
use crate::finding::SpanRef;
use std::borrow::Cow;
use std::io::{self, Write};

pub(super) struct Csv;

/// The header row.
pub const COLUMNS: &[&str] = &[
    "file",
    "source_line",
    "target_line",
    "pair_index",
    "pair_id",
    "severity",
    "code",
    "rule",
    "category",
    "message",
    "source_span",
    "source_value",
    "target_span",
    "target_value",
    "source_text",
    "target_text",
    "fingerprint",
];

/// A text cell, defused for spreadsheets.
fn cell(s: &str) -> Cow<'_, str> {
    let s = printable(s);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s
    }
}

fn text(s: &Option<SpanRef>) -> &str {
    s.as_ref().map(|s| s.text.as_str()).unwrap_or("")
}

fn num(n: Option<usize>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

fn writer(out: &mut dyn Write) -> ::csv::Writer<&mut dyn Write> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out)
}

impl Report for Csv {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        super::write_streamed(&mut Csv, run, out)
    }
}

impl Stream for Csv {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let mut w = writer(out);
        w.write_record(COLUMNS)?;
        w.flush()
    }

    fn finish(&mut self, _: &Run, _: &Tally, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn findings(&mut self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let mut w = writer(out);
        let value =
            |s: &Option<SpanRef>| s.as_ref().and_then(|s| s.value.clone()).unwrap_or_default();
        for f in &run.findings {
            let pair = run.pair_text(f);
            let (st, tt) = match pair {
                Some(p) => (p.source.as_str(), p.target.as_str()),
                // An unpaired paragraph: its text is its span.
                None => (text(&f.source), text(&f.target)),
            };
            let row: Vec<Cow<'_, str>> = vec![
                cell(&f.file),
                num(f.source_line).into(),
                num(f.target_line).into(),
                f.pair_index.to_string().into(),
                cell(f.pair_id.as_deref().unwrap_or("")),
                f.severity.as_str().into(),
                f.rule.code().into(),
                f.rule.name().into(),
                f.category().as_str().into(),
                cell(&f.message),
                cell(text(&f.source)),
                value(&f.source).into(),
                cell(text(&f.target)),
                value(&f.target).into(),
                cell(st),
                cell(tt),
                f.fingerprint.as_str().into(),
            ];
            w.write_record(row.iter().map(|c| c.as_bytes()))?;
        }
        w.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defuses_formulas() {
        for s in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"] {
            assert!(cell(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(cell("In 2023, =1"), "In 2023, =1");
    }
}
