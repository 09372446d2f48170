//! `--format text`: findings grouped by pair, the two spans shown in context.

use super::{PairText, Report, Run, Stream, Style, Tally, width};
use crate::finding::{Finding, Severity, SpanRef};
use std::io::{self, Write};

pub(super) struct Text {
    pub style: Style,
}

const CONTEXT: usize = 28;

/// Columns before an excerpt: `    source │ `.
const PREFIX: usize = 13;

impl Text {
    fn paint(&self, s: &str, code: &str) -> String {
        if self.style.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// The span in its line with context either side, highlighted: up to `CONTEXT`
    /// characters, or as much as fits the width (`PREFIX` columns less).
    fn excerpt(&self, text: &str, span: &SpanRef, code: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let (s, e) = (span.start.min(chars.len()), span.end.min(chars.len()));
        let (from, to) = match self.style.width {
            Some(w) => {
                let brackets = if self.style.color { 0 } else { 2 };
                width::fit_context(&chars, s, e, w.saturating_sub(PREFIX), brackets)
            }
            None => (s.saturating_sub(CONTEXT), (e + CONTEXT).min(chars.len())),
        };
        let clean = |cs: &[char]| cs.iter().map(|c| super::visible(*c)).collect::<String>();
        let before = clean(&chars[from..s]);
        let mid = clean(&chars[s..e]);
        let after = clean(&chars[e..to]);
        let mark = if self.style.color {
            self.paint(&mid, code)
        } else {
            format!("[{mid}]")
        };
        format!(
            "{}{}{}{}{}",
            if from > 0 { "…" } else { "" },
            before,
            mark,
            after,
            if to < chars.len() { "…" } else { "" }
        )
    }

    fn finding(&self, out: &mut dyn Write, f: &Finding, text: Option<&PairText>) -> io::Result<()> {
        let (sev, code) = match f.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
            Severity::Info => ("info", "1;36"),
        };
        let head = format!(
            "{} {}: {}",
            f.rule.code(),
            f.rule.name(),
            super::escape_controls(&f.message)
        );
        match self.style.width {
            // Wrapped to the width, continuation lines indented under the message.
            Some(w) => {
                let plain = format!("{sev} {head}");
                for (i, line) in width::wrap(&plain, w.saturating_sub(4).max(20))
                    .iter()
                    .enumerate()
                {
                    if i == 0 {
                        let rest = line.strip_prefix(sev).unwrap_or(line);
                        writeln!(out, "  {}{rest}", self.paint(sev, code))?;
                    } else {
                        writeln!(out, "    {line}")?;
                    }
                }
            }
            None => writeln!(out, "  {} {head}", self.paint(sev, code))?,
        }
        if let Some(t) = text {
            if let Some(s) = &f.source {
                writeln!(out, "    source │ {}", self.excerpt(&t.source, s, code))?;
            }
            if let Some(s) = &f.target {
                writeln!(out, "    target │ {}", self.excerpt(&t.target, s, code))?;
            }
        }
        Ok(())
    }
}

impl Report for Text {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        super::write_streamed(&mut TextStream::new(self.style), run, out)
    }
}

/// The text report written as the findings come: the heading of the group being
/// written is remembered across batches.
pub(super) struct TextStream {
    text: Text,
    /// The group (pair index, and line for an unpaired paragraph) last written.
    last: Option<(usize, Option<usize>)>,
}

impl TextStream {
    pub fn new(style: Style) -> TextStream {
        TextStream {
            text: Text { style },
            last: None,
        }
    }
}

impl Stream for TextStream {
    fn findings(&mut self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        // Findings are grouped under a heading per pair (or per unpaired paragraph).
        for f in &run.findings {
            let alignment = f.is_unpaired();
            let line = f.source_line.or(f.target_line).unwrap_or(0);
            let key = (f.pair_index, alignment.then_some(line));
            if self.last != Some(key) {
                if self.last.is_some() {
                    writeln!(out)?;
                }
                let file = super::escape_controls(&f.file);
                let head = if alignment {
                    format!("{file}:{line} unpaired paragraph")
                } else {
                    let id = f
                        .pair_id
                        .as_ref()
                        .map(|i| format!(" (id {})", super::escape_controls(i)))
                        .unwrap_or_default();
                    format!("{file}:{line} pair {}{id}", f.pair_index)
                };
                match self.text.style.width {
                    Some(w) => {
                        for (i, line) in width::wrap(&head, w.saturating_sub(2).max(20))
                            .iter()
                            .enumerate()
                        {
                            let indent = if i == 0 { "" } else { "  " };
                            writeln!(out, "{indent}{}", self.text.paint(line, "1"))?;
                        }
                    }
                    None => writeln!(out, "{}", self.text.paint(&head, "1"))?,
                }
                self.last = Some(key);
            }
            let text = if alignment {
                None
            } else {
                run.texts.get(&f.pair_index)
            };
            self.text.finding(out, f, text)?;
        }
        Ok(())
    }

    fn finish(&mut self, run: &Run, tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
        if self.last.is_some() {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{}{}",
            tally.summary_line(run.pairs),
            run.hidden_note()
        )
    }
}
