//! `--format github`: GitHub Actions workflow commands, one annotation per finding:
//! `::error file=F,line=L,endLine=L,col=C,endColumn=E,title=T::message`, then the
//! summary line as plain log output.
//!
//! Escaping follows the runner: in the message `%`, `\r` and `\n` become `%25`, `%0D`
//! and `%0A`; in property values `:` and `,` also become `%3A` and `%2C`.

use super::{Report, Run, Stream, Tally, printable};
use crate::finding::Severity;
use std::io::{self, Write};

pub(super) struct Github;

/// Escapes the data (message) of a workflow command.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in printable(s).chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Report for Github {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        super::write_streamed(&mut Github, run, out)
    }
}

impl Stream for Github {
    fn findings(&mut self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        for f in &run.findings {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let r = run.primary_region(f);
            let mut props = vec![
                format!("file={}", escape_property(&r.file)),
                format!("line={}", r.start_line),
                format!("endLine={}", r.end_line),
            ];
            if let (Some(sc), Some(ec)) = (r.start_column, r.end_column) {
                props.push(format!("col={sc}"));
                props.push(format!("endColumn={ec}"));
            }
            props.push(format!(
                "title={}",
                escape_property(&format!("paracheck {} {}", f.rule.code(), f.rule.name()))
            ));
            writeln!(
                out,
                "::{level} {}::{}",
                props.join(","),
                escape_data(&f.message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, run: &Run, tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "paracheck: {}", tally.summary_line(run.pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
        assert_eq!(escape_property("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
        assert_eq!(
            escape_data("%0A"),
            "%250A",
            "already-escaped text stays literal"
        );
    }
}
