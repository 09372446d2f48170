//! Report writers: one file per output format, all behind [`Report`].

mod csv;
mod github;
mod gitlab;
mod html;
pub(crate) mod json;
mod jsonl;
mod junit;
mod markdown;
mod sarif;
pub mod stats;
mod text;
pub mod width;

use crate::finding::{Category, Finding, Severity, SpanRef};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The source and target of a pair that has findings, for showing context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairText {
    pub id: Option<String>,
    pub source: String,
    pub target: String,
    /// The file of the source text (and of the target, except for two parallel files).
    pub file: String,
    /// The file of the target text: `file`, or the target file of two parallel files.
    pub target_file: String,
    pub source_line: usize,
    pub target_line: usize,
    pub source_lang: &'static str,
    pub target_lang: &'static str,
}

/// One input as described in reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputInfo {
    /// The input as shown: its path, or `SOURCE + TARGET` for two parallel files.
    pub path: String,
    /// The file its findings name (the source file of two parallel files).
    pub file: String,
    pub source_lang: Option<&'static str>,
    pub target_lang: Option<&'static str>,
    pub pairs: usize,
}

/// One entry of a baseline file, as reports show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub code: String,
    pub file: String,
    pub message: String,
}

/// What a baseline did to a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BaselineInfo {
    /// The baseline file as given (relative when it can be).
    pub path: String,
    /// Findings left out because the baseline records them.
    pub suppressed: usize,
    /// Baseline entries that no current finding matches (fixed, or the text changed).
    pub stale: Vec<BaselineEntry>,
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
    /// Pairs not checked because an `ignore-patterns` entry matched them.
    pub skipped_pairs: usize,
    /// Findings dropped by `ignore-patterns` (fingerprints or texts).
    pub ignored_findings: usize,
    /// Set when a baseline was applied.
    pub baseline: Option<BaselineInfo>,
    /// Set when the run checked one shard of its input (`--shard`).
    pub shard: Option<ShardInfo>,
}

/// Which slice of its input a run checked (`--shard K/N`), as the JSON report
/// records it for `paracheck merge`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardInfo {
    /// 1-based: `K` of `--shard K/N`.
    pub index: usize,
    pub count: usize,
    /// The inputs as shown.
    pub inputs: Vec<String>,
    /// A hash of the version, the options and everything read: equal for the shards
    /// of one run.
    pub digest: String,
}

/// Counts of findings by category and severity: what summaries show, kept while
/// findings stream past without keeping them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    counts: [[usize; 3]; 5],
}

impl Tally {
    fn severity_index(s: Severity) -> usize {
        match s {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }
    }

    fn category_index(c: Category) -> usize {
        Category::ALL.iter().position(|x| *x == c).unwrap_or(0)
    }

    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Tally {
        let mut t = Tally::default();
        for f in findings {
            t.add(f);
        }
        t
    }

    pub fn add(&mut self, f: &Finding) {
        self.add_one(f.category(), f.severity);
    }

    pub fn add_one(&mut self, c: Category, s: Severity) {
        self.counts[Self::category_index(c)][Self::severity_index(s)] += 1;
    }

    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }

    pub fn severity(&self, s: Severity) -> usize {
        self.counts.iter().map(|c| c[Self::severity_index(s)]).sum()
    }

    pub fn category(&self, c: Category) -> usize {
        self.counts[Self::category_index(c)].iter().sum()
    }

    /// Whether a finding at or above `s` was counted.
    pub fn any_at_least(&self, s: Severity) -> bool {
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .filter(|x| *x >= s)
            .any(|x| self.severity(x) > 0)
    }

    /// `27 pairs checked: 3 findings (1 error, 2 warnings, 0 info)`
    pub fn summary_line(&self, pairs: usize) -> String {
        let pairs = plural(pairs, "pair", "pairs");
        if self.total() == 0 {
            return format!("{pairs} checked: no findings");
        }
        format!(
            "{pairs} checked: {} ({}, {}, {} info)",
            plural(self.total(), "finding", "findings"),
            plural(self.severity(Severity::Error), "error", "errors"),
            plural(self.severity(Severity::Warning), "warning", "warnings"),
            self.severity(Severity::Info)
        )
    }
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
        Tally::of(&self.findings).summary_line(self.pairs)
    }

    /// What the baseline and `ignore-patterns` left out, for the end of the
    /// summary line: `; hidden: 3 by the baseline, 2 by ignore-patterns (1 pair
    /// skipped)`, or nothing when they hid nothing.
    pub fn hidden_note(&self) -> String {
        let mut parts = Vec::new();
        if let Some(b) = self.baseline.as_ref().filter(|b| b.suppressed > 0) {
            parts.push(format!("{} by the baseline", b.suppressed));
        }
        if self.ignored_findings > 0 || self.skipped_pairs > 0 {
            let mut p = format!("{} by ignore-patterns", self.ignored_findings);
            if self.skipped_pairs > 0 {
                p.push_str(&format!(
                    " ({} skipped)",
                    plural(self.skipped_pairs, "pair", "pairs")
                ));
            }
            parts.push(p);
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("; hidden: {}", parts.join(", "))
        }
    }

    /// The pair text a finding points into; `None` for an unpaired paragraph (its
    /// whole text is the span) or when the text was not kept.
    pub fn pair_text(&self, f: &Finding) -> Option<&PairText> {
        if f.is_unpaired() {
            None
        } else {
            self.texts.get(&f.pair_index)
        }
    }

    /// The whole text of one side that a finding's span on that side indexes into.
    pub fn side_text<'a>(&'a self, f: &'a Finding, side: Side) -> Option<&'a str> {
        let span = f.span(side)?;
        match self.pair_text(f) {
            Some(t) => Some(match side {
                Side::Source => &t.source,
                Side::Target => &t.target,
            }),
            // An unpaired paragraph: the span is the whole paragraph.
            None if f.is_unpaired() => Some(&span.text),
            None => None,
        }
    }

    /// Where one side of a finding is in its file. Lines are exact; columns count
    /// characters (Unicode scalar values) from the start of the text on its first line,
    /// which is the start of the line for interleaved and parallel-file inputs and the
    /// start of the field for TSV and CSV. `None` when the finding has no line on
    /// that side.
    pub fn region(&self, f: &Finding, side: Side) -> Option<Region> {
        let line = match side {
            Side::Source => f.source_line,
            Side::Target => f.target_line,
        }?;
        let file = match (side, self.pair_text(f)) {
            (Side::Target, Some(t)) => t.target_file.clone(),
            _ => f.file.clone(),
        };
        let mut r = Region {
            file,
            start_line: line,
            start_column: None,
            end_line: line,
            end_column: None,
        };
        if let (Some(span), Some(text)) = (f.span(side), self.side_text(f, side)) {
            let (sl, sc, el, ec) = line_columns(text, span.start, span.end);
            r.start_line = line + sl;
            r.start_column = Some(sc);
            r.end_line = line + el;
            r.end_column = Some(ec);
        }
        Some(r)
    }

    /// The region a finding is reported at: its source side when that has a line,
    /// else its target side.
    pub fn primary_region(&self, f: &Finding) -> Region {
        self.region(f, Side::Source)
            .or_else(|| self.region(f, Side::Target))
            .unwrap_or_else(|| Region {
                file: f.file.clone(),
                start_line: 1,
                start_column: None,
                end_line: 1,
                end_column: None,
            })
    }

    /// The value of an option in `options`, if set.
    pub fn option(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Fingerprints made unique within the run: a fingerprint that occurs again (the
    /// same sentence with the same slip twice, without pair ids) gets a suffix hash
    /// of its occurrence number. One per finding, in finding order.
    pub fn unique_fingerprints(&self) -> Vec<String> {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        self.findings
            .iter()
            .map(|f| {
                let n = seen.entry(f.fingerprint.as_str()).or_insert(0);
                *n += 1;
                if *n == 1 {
                    f.fingerprint.clone()
                } else {
                    format!(
                        "{:016x}",
                        crate::finding::fnv1a(&[&f.fingerprint, &n.to_string()])
                    )
                }
            })
            .collect()
    }
}

/// Which side of a pair.
pub use crate::input::Side;

/// A place in an input file: 1-based lines, 1-based character columns, end column
/// exclusive (the column after the last character). Columns are absent when the
/// finding has no span on that side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub file: String,
    pub start_line: usize,
    pub start_column: Option<usize>,
    pub end_line: usize,
    pub end_column: Option<usize>,
}

/// Line offsets (0-based, relative to the text's first line) and 1-based columns of
/// the character range `start..end` of `text` (end exclusive); offsets past the end
/// are clamped.
pub fn line_columns(text: &str, start: usize, end: usize) -> (usize, usize, usize, usize) {
    let (mut line, mut col) = (0usize, 1usize);
    let (mut sl, mut sc) = (None, None);
    let end = end.max(start);
    for (i, c) in text.chars().enumerate() {
        if i == start {
            sl = Some(line);
            sc = Some(col);
        }
        if i == end {
            return (sl.unwrap_or(line), sc.unwrap_or(col), line, col);
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (sl.unwrap_or(line), sc.unwrap_or(col), line, col)
}

impl Finding {
    /// The span on one side.
    pub fn span(&self, side: Side) -> Option<&SpanRef> {
        match side {
            Side::Source => self.source.as_ref(),
            Side::Target => self.target.as_ref(),
        }
    }
}

/// A span in its text with up to `context` characters either side, line breaks and
/// other control characters shown as spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Excerpt {
    /// Text was cut before `before`.
    pub lead: bool,
    pub before: String,
    pub span: String,
    pub after: String,
    /// Text was cut after `after`.
    pub trail: bool,
}

impl Excerpt {
    pub fn new(text: &str, start: usize, end: usize, context: usize) -> Excerpt {
        let chars: Vec<char> = text.chars().collect();
        let s = start.min(chars.len());
        let e = end.clamp(s, chars.len());
        let from = s.saturating_sub(context);
        let to = (e + context).min(chars.len());
        let clean = |cs: &[char]| cs.iter().map(|c| visible(*c)).collect::<String>();
        Excerpt {
            lead: from > 0,
            before: clean(&chars[from..s]),
            span: clean(&chars[s..e]),
            after: clean(&chars[e..to]),
            trail: to < chars.len(),
        }
    }
}

/// A rule's documentation as one paragraph, and its first clause (up to the first
/// `: ` or `. `) as a one-line description.
pub(crate) fn rule_text(r: crate::check::codes::Rule) -> (String, String) {
    let doc = r
        .doc()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let cut = [doc.find(": "), doc.find(". ")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(doc.len());
    let mut short = doc[..cut].trim_end_matches('.').to_string();
    short.push('.');
    (doc, short)
}

/// `51108` → `51,108`.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The progress bar's rate: `51,108 pairs/s` (whole pairs; one decimal below 10).
/// For indicatif: `ProgressStyle::with_key("rate", |s: &ProgressState, w: &mut dyn
/// std::fmt::Write| { let _ = w.write_str(&pairs_per_second(s.per_sec())); })` and
/// `{rate}` in the template.
pub fn pairs_per_second(rate: f64) -> String {
    if !rate.is_finite() || rate <= 0.0 {
        return "0 pairs/s".into();
    }
    if rate < 10.0 {
        return format!("{rate:.1} pairs/s");
    }
    format!("{} pairs/s", group_digits(rate.round() as u64))
}

/// A number as people read it: every run of four or more digits of an integer part
/// grouped by thousands (`89400000000 USD` → `89,400,000,000 USD`, `~1000` →
/// `~1,000`); digits after a decimal point are left alone.
pub(crate) fn readable_number(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            let fraction = start > 0 && chars[start - 1] == '.';
            match run.parse::<u64>() {
                Ok(n) if !fraction && run.len() >= 4 && !run.starts_with('0') => {
                    out.push_str(&group_digits(n))
                }
                _ => out.push_str(&run),
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// True for a character that changes how a terminal or an editor shows what
/// follows it rather than showing itself: control characters other than tab (C0,
/// DEL, C1: line breaks, escape sequences, backspace), the line and paragraph
/// separators, and the bidirectional controls that reorder text on screen.
pub(crate) fn is_hidden_control(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{200e}' | '\u{200f}'
        )
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Text from the input as it is printed in the text report and on stderr: every
/// [hidden control](is_hidden_control) written as an escape (`\n`, `\r`, `\0`,
/// `\x1b`, `\u{202e}`, and `\\` for a backslash before one), so that no input can
/// start a line of its own, move the cursor or reorder what is shown. Text without
/// them is returned as it is.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_hidden_control) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            '\\' => out.push_str("\\\\"),
            c if is_hidden_control(c) && (c as u32) < 0x100 => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_hidden_control(c) => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.into()
}

/// A character of an excerpt as shown: a hidden control as a space.
pub(crate) fn visible(c: char) -> char {
    if is_hidden_control(c) { ' ' } else { c }
}

/// Replaces characters that have no place in text output (controls other than tab,
/// newline and carriage return, which XML cannot carry even escaped) with U+FFFD.
pub(crate) fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        c.is_control() && !matches!(c, '\n' | '\t' | '\r') || c == '\u{fffe}' || c == '\u{ffff}'
    };
    if s.chars().any(bad) {
        s.chars()
            .map(|c| if bad(c) { '\u{fffd}' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Human-readable, grouped by pair, spans highlighted (the default).
    Text,
    /// One JSON object: the stable schema documented in docs/json.md.
    Json,
    /// One JSON finding per line (the objects of `json`), then one summary line.
    Jsonl,
    /// A self-contained HTML review report: summary, chart, side-by-side pairs with
    /// highlighted spans, filters and search.
    Html,
    /// Markdown: summary tables and the findings, for a pull-request comment or
    /// $GITHUB_STEP_SUMMARY.
    Markdown,
    /// CSV: one row per finding with both texts, for spreadsheets.
    Csv,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// JUnit XML, for GitLab, Jenkins and other CI test reports.
    Junit,
    /// GitHub Actions workflow commands: one annotation per finding.
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Gitlab => "gitlab",
        }
    }

    /// Every format.
    pub const ALL: &'static [Format] = &[
        Format::Text,
        Format::Json,
        Format::Jsonl,
        Format::Html,
        Format::Markdown,
        Format::Csv,
        Format::Sarif,
        Format::Junit,
        Format::Github,
        Format::Gitlab,
    ];
}

/// A report writer.
pub trait Report {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()>;
}

/// A report written while the run goes: the findings of each batch as soon as it is
/// checked, then the end. Its output is the same byte for byte as its [`Report`]'s
/// on the whole run, however the findings were batched.
pub trait Stream: Send {
    /// Writes what comes before the findings.
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// Writes the findings of `part` (the next findings in input order, with the
    /// texts of their pairs).
    fn findings(&mut self, part: &Run, out: &mut dyn Write) -> io::Result<()>;

    /// Writes what comes after the findings: `run` has the run's counts and inputs
    /// (not its findings), `tally` counts the findings written.
    fn finish(&mut self, run: &Run, tally: &Tally, out: &mut dyn Write) -> io::Result<()>;
}

/// Writes a whole run through a stream.
pub(crate) fn write_streamed(s: &mut dyn Stream, run: &Run, out: &mut dyn Write) -> io::Result<()> {
    s.start(out)?;
    s.findings(run, out)?;
    s.finish(run, &Tally::of(&run.findings), out)
}

/// The streaming writer of a format that has one (`text`, `jsonl`, `csv`,
/// `github`); the others need the whole run and keep its findings.
pub fn stream(format: Format, style: Style) -> Option<Box<dyn Stream>> {
    match format {
        Format::Text => Some(Box::new(text::TextStream::new(style))),
        Format::Jsonl => Some(Box::new(jsonl::Jsonl)),
        Format::Csv => Some(Box::new(csv::Csv)),
        Format::Github => Some(Box::new(github::Github)),
        _ => None,
    }
}

/// Options that change how reports look, not what they say.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Use ANSI colours (text format).
    pub color: bool,
    /// Show every pair, not only pairs with findings (html format; the run must keep
    /// all texts, see `run::Config::keep_all_texts`).
    pub all_pairs: bool,
    /// Columns to fit the text report to (`None`: a fixed context of 28 characters
    /// either side of a span, lines as long as they are).
    pub width: Option<usize>,
    /// HTML: past this many findings the page renders them a page at a time (0: no
    /// limit).
    pub html_page: usize,
}

/// `--html-max-findings` unless set: findings rendered at once in the HTML report.
pub const fn html_default_page() -> usize {
    5000
}

/// The writer for a format.
pub fn writer(format: Format, style: Style) -> Box<dyn Report> {
    match format {
        Format::Text => Box::new(text::Text { style }),
        Format::Json => Box::new(json::Json),
        Format::Jsonl => Box::new(jsonl::Jsonl),
        Format::Html => Box::new(html::Html {
            all_pairs: style.all_pairs,
            page: style.html_page,
        }),
        Format::Markdown => Box::new(markdown::Markdown),
        Format::Csv => Box::new(csv::Csv),
        Format::Sarif => Box::new(sarif::Sarif),
        Format::Junit => Box::new(junit::Junit),
        Format::Github => Box::new(github::Github),
        Format::Gitlab => Box::new(gitlab::Gitlab),
    }
}

/// A file written atomically: a temporary file in the same directory, flushed,
/// synced and renamed over the path by [`AtomicFile::commit`]. Dropped without a
/// commit, it leaves the path as it was.
///
/// Only a regular file (or a path that does not exist yet) is replaced so. A
/// symbolic link is followed: the file it points to is the one replaced, and the
/// link stays. Anything else that is not a directory (a device such as
/// `/dev/null`, a FIFO, a socket, `/dev/stdout`) is opened and written to
/// directly, never renamed over.
pub struct AtomicFile {
    path: std::path::PathBuf,
    w: io::BufWriter<Target>,
}

/// Where an [`AtomicFile`] writes.
enum Target {
    Temp(tempfile::NamedTempFile),
    Direct(std::fs::File),
}

impl Write for Target {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Target::Temp(f) => f.write(buf),
            Target::Direct(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Target::Temp(f) => f.flush(),
            Target::Direct(f) => f.flush(),
        }
    }
}

/// The file a path names once its symbolic links are followed, even when the last
/// link points to a file not created yet.
fn link_target(path: &std::path::Path) -> io::Result<std::path::PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

impl AtomicFile {
    pub fn create(path: &std::path::Path) -> io::Result<AtomicFile> {
        // What the path names, links followed by the system (`/dev/stdout` is a
        // link to a link to a pipe, which has no name to follow to).
        let path = match std::fs::metadata(path) {
            Ok(m) if !m.is_file() => path.to_path_buf(),
            _ => link_target(path)?,
        };
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "is a directory",
                ));
            }
            Ok(m) if !m.is_file() => {
                // A device, a FIFO or a socket: written as it is, never replaced.
                let f = std::fs::OpenOptions::new().write(true).open(&path)?;
                return Ok(AtomicFile {
                    path,
                    w: io::BufWriter::new(Target::Direct(f)),
                });
            }
            _ => {}
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        let tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| {
            // Not the temporary file's name: the directory is what is wrong.
            let what = match std::fs::metadata(&dir) {
                Err(_) => format!("the directory {} does not exist", dir.display()),
                Ok(m) if !m.is_dir() => format!("{} is not a directory", dir.display()),
                Ok(_) => format!("no file can be created in {}", dir.display()),
            };
            io::Error::new(e.kind(), format!("{what} ({})", io::Error::from(e.kind())))
        })?;
        // Temporary files are private (0600); a report keeps the mode of the file it
        // replaces, or gets the usual 0644.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path)
                .map(|m| m.permissions().mode() & 0o777)
                .unwrap_or(0o644);
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        Ok(AtomicFile {
            path,
            w: io::BufWriter::new(Target::Temp(tmp)),
        })
    }

    /// Flushes, syncs and renames the file into place (a file written directly is
    /// flushed).
    pub fn commit(self) -> io::Result<()> {
        match self.w.into_inner().map_err(|e| e.into_error())? {
            Target::Temp(tmp) => {
                tmp.as_file().sync_all()?;
                tmp.persist(&self.path).map_err(|e| e.error)?;
            }
            Target::Direct(mut f) => f.flush()?,
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.w.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.w.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// Writes a file atomically (see [`AtomicFile`]). A failure leaves `path` as it was.
pub fn write_atomic(
    path: &std::path::Path,
    body: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    body(&mut f)?;
    f.commit()
}

/// Whether a write failed because the reader closed the pipe (`paracheck … | head`):
/// the program then ends quietly with status 0, as ripgrep does.
/// The CSV writer wraps the I/O error it met: the chain of causes is searched.
pub fn closed_pipe(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return true;
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> =
        e.get_ref().map(|c| c as &(dyn std::error::Error + 'static));
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<io::Error>()
            && io.kind() == io::ErrorKind::BrokenPipe
        {
            return true;
        }
        if let Some(csv) = c.downcast_ref::<::csv::Error>()
            && let ::csv::ErrorKind::Io(io) = csv.kind()
            && io.kind() == io::ErrorKind::BrokenPipe
        {
            return true;
        }
        cause = c.source();
    }
    false
}

/// An error unless standard output is open. A program started with its standard
/// output closed (`paracheck … >&-`) finds `/dev/null` there, opened for reading
/// and writing by the Rust runtime, and what it writes goes nowhere without a word;
/// a report that goes nowhere is an error instead. (Linux tells that descriptor
/// from a `> /dev/null` of the shell, opened for writing only, by its flags.)
pub fn stdout_open() -> io::Result<()> {
    let closed = || io::Error::other("standard output is closed");
    #[cfg(target_os = "linux")]
    {
        let null = std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == *"/dev/null");
        let rdwr = std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("flags:"))
                .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
                .is_some_and(|f| f & 3 == 2)
        });
        if null && rdwr {
            return Err(closed());
        }
    }
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if io::stdout().as_fd().try_clone_to_owned().is_err() {
            return Err(closed());
        }
    }
    Ok(())
}

/// Writes bytes to stdout; a closed pipe is not an error (see [`closed_pipe`]).
pub fn print_stdout(bytes: &[u8]) -> io::Result<()> {
    stdout_open()?;
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    match lock.write_all(bytes).and_then(|_| lock.flush()) {
        Err(e) if closed_pipe(&e) => Ok(()),
        r => r,
    }
}

/// Writes a report to `path` atomically (see [`write_atomic`]), or to stdout when
/// `path` is `None`.
pub fn emit(report: &dyn Report, run: &Run, path: Option<&std::path::Path>) -> io::Result<()> {
    match path {
        Some(p) => write_atomic(p, &mut |w: &mut dyn Write| report.write(run, w)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped() {
        assert_eq!(escape_controls("plain 中文\ttab"), "plain 中文\ttab");
        assert_eq!(
            escape_controls("a\r\nb\0c\x1b[31md\u{202e}e\u{85}\\"),
            "a\\r\\nb\\0c\\x1b[31md\\u{202e}e\\x85\\\\"
        );
        // A backslash is doubled only in text that needs escaping.
        assert_eq!(escape_controls("C:\\dir"), "C:\\dir");
        assert_eq!(visible('\u{2028}'), ' ');
        assert_eq!(visible('中'), '中');
    }

    #[test]
    fn line_columns_count_characters_and_lines() {
        // Offsets are characters; columns are 1-based; the end is exclusive.
        assert_eq!(line_columns("ab中文cd", 2, 4), (0, 3, 0, 5));
        let text = "first line\n第二行 with 42 here\nthird";
        let start = text.chars().position(|c| c == '4').unwrap();
        assert_eq!(line_columns(text, start, start + 2), (1, 10, 1, 12));
        // A span over a line break ends on the next line.
        assert_eq!(line_columns(text, 6, 13), (0, 7, 1, 3));
        // Past the end: clamped.
        assert_eq!(line_columns("abc", 5, 9), (0, 4, 0, 4));
        assert_eq!(line_columns("", 0, 0), (0, 1, 0, 1));
    }

    #[test]
    fn numbers_are_grouped_as_people_read_them() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(51108), "51,108");
        assert_eq!(group_digits(89_600_000_000), "89,600,000,000");
        assert_eq!(pairs_per_second(51108.0878), "51,108 pairs/s");
        assert_eq!(pairs_per_second(999.6), "1,000 pairs/s");
        assert_eq!(pairs_per_second(3.25), "3.2 pairs/s");
        assert_eq!(pairs_per_second(f64::NAN), "0 pairs/s");
        assert_eq!(readable_number("8960000000 USD"), "8,960,000,000 USD");
        assert_eq!(readable_number("~1000"), "~1,000");
        assert_eq!(readable_number("1234.56789 t"), "1,234.56789 t");
        assert_eq!(readable_number("9.5%"), "9.5%");
        assert_eq!(readable_number("120"), "120");
        assert_eq!(readable_number("3/4"), "3/4");
    }

    #[test]
    fn rule_text_has_a_one_line_description() {
        use crate::check::codes::Rule;
        for r in Rule::ALL {
            let (doc, short) = rule_text(*r);
            assert!(short.ends_with('.') && !short.contains('\n'), "{short}");
            assert!(doc.starts_with(short.trim_end_matches('.')), "{short}");
        }
        assert_eq!(
            rule_text(Rule::NumberMissing).1,
            "A number in the source has no counterpart in the target."
        );
    }
}
