//! Report writers: one file per output format, all behind [`Report`].

mod json;
mod text;

use crate::finding::{Category, Finding, Severity};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The source and target of a pair that has findings, for showing context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairText {
    pub id: Option<String>,
    pub source: String,
    pub target: String,
    pub file: String,
    pub source_line: usize,
    pub target_line: usize,
    pub source_lang: &'static str,
    pub target_lang: &'static str,
}

/// One input as described in reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputInfo {
    pub path: String,
    pub source_lang: Option<&'static str>,
    pub target_lang: Option<&'static str>,
    pub pairs: usize,
}

/// Everything a report shows: the run's metadata, its findings in input order, and
/// the texts of the pairs that have findings.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub version: String,
    pub inputs: Vec<InputInfo>,
    /// Options that shaped the run, as `name=value`, for reports that show them.
    pub options: Vec<(String, String)>,
    pub pairs: usize,
    pub findings: Vec<Finding>,
    pub texts: BTreeMap<usize, PairText>,
}

impl Run {
    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }

    pub fn by_category(&self) -> Vec<(Category, usize)> {
        Category::ALL
            .iter()
            .map(|c| {
                (
                    *c,
                    self.findings.iter().filter(|f| f.category() == *c).count(),
                )
            })
            .collect()
    }

    /// `27 pairs checked: 3 findings (1 error, 2 warnings, 0 info)`
    pub fn summary_line(&self) -> String {
        let pairs = plural(self.pairs, "pair", "pairs");
        if self.findings.is_empty() {
            return format!("{pairs} checked: no findings");
        }
        format!(
            "{pairs} checked: {} ({}, {}, {} info)",
            plural(self.findings.len(), "finding", "findings"),
            plural(self.count(Severity::Error), "error", "errors"),
            plural(self.count(Severity::Warning), "warning", "warnings"),
            self.count(Severity::Info)
        )
    }
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable, grouped by pair, spans highlighted.
    Text,
    /// One JSON object: the stable schema documented in docs/json.md.
    Json,
}

/// A report writer.
pub trait Report {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()>;
}

/// Options that change how reports look, not what they say.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Use ANSI colours (text format).
    pub color: bool,
}

/// The writer for a format.
pub fn writer(format: Format, style: Style) -> Box<dyn Report> {
    match format {
        Format::Text => Box::new(text::Text { style }),
        Format::Json => Box::new(json::Json),
    }
}

/// Writes a report to `path` atomically (temporary file in the same directory,
/// then rename), or to stdout when `path` is `None`.
pub fn emit(report: &dyn Report, run: &Run, path: Option<&std::path::Path>) -> io::Result<()> {
    match path {
        Some(p) => {
            let dir = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => std::path::PathBuf::from("."),
            };
            let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
            {
                let mut w = io::BufWriter::new(tmp.as_file_mut());
                report.write(run, &mut w)?;
                w.flush()?;
            }
            tmp.as_file().sync_all()?;
            tmp.persist(p).map_err(|e| e.error)?;
            Ok(())
        }
        None => {
            // Rendered fully before anything is printed, so a failure never leaves a
            // partial report on stdout.
            let mut buf = Vec::new();
            report.write(run, &mut buf)?;
            let stdout = io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(&buf)?;
            lock.flush()
        }
    }
}
