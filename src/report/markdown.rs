//! `--format markdown`: GitHub-flavoured Markdown for a pull-request comment or
//! `$GITHUB_STEP_SUMMARY`: a heading, a table of findings by category and severity,
//! the inputs, then a table of findings (at most [`MAX_LISTED`]) with the two spans
//! in context.
//!
//! Text from the input is escaped for table cells: `|`, backticks, `*`, `_`, `[`,
//! `]`, `~`, `$` (math) and `\\` are backslash-escaped, `<`, `>` and `&` become entities, line breaks
//! become spaces; only the report's own `<b>` and `<br>` tags are HTML.

use super::{Excerpt, Report, Run, Side, plural};
use crate::finding::{Category, Severity};
use std::io::{self, Write};

pub(super) struct Markdown;

/// Findings listed in full; past this many the list ends with a count, so that the
/// report fits a pull-request comment (65,536 characters).
pub const MAX_LISTED: usize = 100;

const CONTEXT: usize = 24;

/// Escapes text for a GFM table cell.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn severity_mark(s: Severity) -> &'static str {
    match s {
        Severity::Error => "🔴 error",
        Severity::Warning => "🟡 warning",
        Severity::Info => "🔵 info",
    }
}

impl Report for Markdown {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let n = run.findings.len();
        if n == 0 {
            writeln!(
                out,
                "## paracheck: no findings in {}\n",
                plural(run.pairs, "pair", "pairs")
            )?;
        } else {
            writeln!(
                out,
                "## paracheck: {} in {}\n",
                plural(n, "finding", "findings"),
                plural(run.pairs, "pair", "pairs")
            )?;
        }
        let sevs = [Severity::Error, Severity::Warning, Severity::Info];
        writeln!(out, "| category | error | warning | info | total |")?;
        writeln!(out, "|---|---:|---:|---:|---:|")?;
        for c in Category::ALL {
            let count = |s: Severity| {
                run.findings
                    .iter()
                    .filter(|f| f.category() == *c && f.severity == s)
                    .count()
            };
            let counts: Vec<usize> = sevs.iter().map(|s| count(*s)).collect();
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                c.as_str(),
                counts[0],
                counts[1],
                counts[2],
                counts.iter().sum::<usize>()
            )?;
        }
        writeln!(
            out,
            "| **total** | **{}** | **{}** | **{}** | **{n}** |\n",
            run.count(Severity::Error),
            run.count(Severity::Warning),
            run.count(Severity::Info)
        )?;
        let inputs: Vec<String> = run
            .inputs
            .iter()
            .map(|i| {
                let langs = match (i.source_lang, i.target_lang) {
                    (Some(s), Some(t)) => format!("{s}→{t}, "),
                    _ => String::new(),
                };
                format!(
                    "{} ({langs}{})",
                    escape(&i.path),
                    plural(i.pairs, "pair", "pairs")
                )
            })
            .collect();
        writeln!(out, "Inputs: {}  ", inputs.join(", "))?;
        let mut meta = vec![format!("paracheck {}", escape(&run.version))];
        meta.extend(
            run.options
                .iter()
                .map(|(k, v)| format!("{}={}", escape(k), escape(v))),
        );
        writeln!(out, "Options: {}", meta.join(" · "))?;
        let mut notes = Vec::new();
        if run.skipped_pairs > 0 {
            notes.push(format!(
                "{} skipped by ignore-patterns",
                plural(run.skipped_pairs, "pair", "pairs")
            ));
        }
        if run.ignored_findings > 0 {
            notes.push(format!(
                "{} ignored by ignore-patterns",
                plural(run.ignored_findings, "finding", "findings")
            ));
        }
        if let Some(b) = &run.baseline {
            notes.push(format!(
                "baseline {}: {} suppressed, {} stale",
                escape(&b.path),
                plural(b.suppressed, "finding", "findings"),
                plural(b.stale.len(), "entry", "entries")
            ));
        }
        if !notes.is_empty() {
            writeln!(out, "\n{}", notes.join(" · "))?;
        }
        if n == 0 {
            return Ok(());
        }
        writeln!(out, "\n### Findings\n")?;
        writeln!(out, "| severity | rule | where | finding |")?;
        writeln!(out, "|---|---|---|---|")?;
        for f in run.findings.iter().take(MAX_LISTED) {
            let r = run.primary_region(f);
            let mut place = format!("{}:{}", escape(&r.file), r.start_line);
            if let Some(id) = &f.pair_id {
                place.push_str(&format!(" ({})", escape(id)));
            }
            let mut cell = escape(&f.message);
            for (side, label) in [(Side::Source, "source"), (Side::Target, "target")] {
                if f.is_unpaired() {
                    break; // the message already quotes the paragraph
                }
                if let (Some(span), Some(text)) = (f.span(side), run.side_text(f, side)) {
                    let e = Excerpt::new(text, span.start, span.end, CONTEXT);
                    cell.push_str(&format!(
                        "<br>{label}: {}{}<b>{}</b>{}{}",
                        if e.lead { "…" } else { "" },
                        escape(&e.before),
                        escape(&e.span),
                        escape(&e.after),
                        if e.trail { "…" } else { "" }
                    ));
                }
            }
            writeln!(
                out,
                "| {} | {} `{}` | {place} | {cell} |",
                severity_mark(f.severity),
                f.rule.code(),
                f.rule.name(),
            )?;
        }
        if n > MAX_LISTED {
            writeln!(
                out,
                "\n… and {} more (the full list is in the `html`, `json` or `sarif` report).",
                plural(n - MAX_LISTED, "finding", "findings")
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_table_cells() {
        assert_eq!(
            escape("a|b `c` *d* _e_ [f](g) ~h~ $1 \\ <i> & j\nk"),
            "a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\~h\\~ \\$1 \\\\ &lt;i&gt; &amp; j k"
        );
    }
}
