//! Readers: aligned source/target texts in, [`Pair`]s out.
//!
//! Every reader streams: line-based formats (TSV, CSV, two parallel files) hold at
//! most one record plus a language-detection sample in memory, whatever the file
//! size. Interleaved bilingual text is read as one document.

mod csv;
mod parallel;
mod text;
mod tsv;

use crate::lang::{self, Language};
use crate::text::ScriptCounts;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One aligned source/target pair.
#[derive(Clone)]
pub struct Pair {
    /// 0-based position of the pair in input order (across all inputs).
    pub index: usize,
    /// The pair's id, when the input gives one.
    pub id: Option<String>,
    pub source: String,
    pub target: String,
    pub location: Location,
    pub source_lang: &'static dyn Language,
    pub target_lang: &'static dyn Language,
}

impl fmt::Debug for Pair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pair")
            .field("index", &self.index)
            .field("id", &self.id)
            .field("source", &self.source)
            .field("target", &self.target)
            .field("location", &self.location)
            .field("source_lang", &self.source_lang.code())
            .field("target_lang", &self.target_lang.code())
            .finish()
    }
}

/// Where a pair came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The input file (the source file for two parallel files).
    pub file: Arc<str>,
    /// 1-based line of the source text.
    pub source_line: usize,
    /// 1-based line of the target text.
    pub target_line: usize,
}

/// Which side of a pair a text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Source,
    Target,
}

/// A paragraph of an interleaved text that has no partner.
#[derive(Debug, Clone)]
pub struct Unpaired {
    pub file: Arc<str>,
    pub line: usize,
    pub text: String,
    /// The side its language belongs to, when its language is one of the pair's.
    pub side: Option<Side>,
    /// Code of the language detected, if any.
    pub lang: Option<&'static str>,
    /// Index the next pair will have.
    pub next_pair: usize,
}

/// What readers yield.
#[derive(Debug, Clone)]
pub enum Item {
    Pair(Pair),
    Unpaired(Unpaired),
}

/// An input that cannot be read. Every variant names the file, and the line where
/// there is one.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}:{line}: not UTF-8 text (binary file or another encoding); paracheck reads UTF-8"
    )]
    NotText { path: String, line: usize },
    #[error("{path}:{line}: {message}")]
    Malformed {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    File { path: String, message: String },
    #[error("{path}: the file is empty")]
    Empty { path: String },
    #[error(
        "line counts differ: {source_path} has {source_lines} lines, {target_path} has {target_lines} lines"
    )]
    LineCount {
        source_path: String,
        source_lines: usize,
        target_path: String,
        target_lines: usize,
    },
}

/// The layout of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Pick by file extension (`.tsv`, `.csv`, else interleaved text).
    Auto,
    /// Interleaved bilingual paragraphs separated by blank lines.
    Text,
    /// `source<TAB>target` or `id<TAB>source<TAB>target` per line.
    Tsv,
    /// RFC 4180 CSV with a header naming `source` and `target` (and `id`).
    Csv,
}

impl Format {
    pub fn for_path(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match ext.as_str() {
            "tsv" | "tab" => Format::Tsv,
            "csv" => Format::Csv,
            _ => Format::Text,
        }
    }
}

/// One input to read.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file holding both sides (`.txt`/`.md` interleaved, `.tsv`, `.csv`).
    File { path: PathBuf, format: Format },
    /// Two line-aligned files.
    Parallel { source: PathBuf, target: PathBuf },
}

/// Languages set on the command line; `None` means detect.
#[derive(Clone, Copy, Default)]
pub struct LangChoice {
    pub source: Option<&'static dyn Language>,
    pub target: Option<&'static dyn Language>,
}

/// A raw pair before languages are known.
#[derive(Debug, Clone)]
pub(crate) struct RawPair {
    pub id: Option<String>,
    pub source: String,
    pub target: String,
    pub source_line: usize,
    pub target_line: usize,
}

pub(crate) type RawIter = Box<dyn Iterator<Item = Result<RawPair, InputError>> + Send>;

/// How many pairs are sampled to detect the languages of a line-based input.
const DETECT_SAMPLE: usize = 256;

/// Opens an input and yields its items with languages resolved. Pair indices start
/// at 0; the caller renumbers across inputs.
pub fn open(
    input: &Input,
    langs: LangChoice,
) -> Result<Box<dyn Iterator<Item = Result<Item, InputError>> + Send>, InputError> {
    match input {
        Input::File { path, format } => {
            let format = match format {
                Format::Auto => Format::for_path(path),
                f => *f,
            };
            match format {
                Format::Text => text::read(path, langs),
                Format::Tsv => with_langs(path, tsv::read(path)?, langs),
                Format::Csv => with_langs(path, csv::read(path)?, langs),
                Format::Auto => unreachable!("resolved above"),
            }
        }
        Input::Parallel { source, target } => {
            with_langs(source, parallel::read(source, target)?, langs)
        }
    }
}

/// Samples the first pairs to detect each column's language, then yields them all.
fn with_langs(
    path: &Path,
    mut raw: RawIter,
    choice: LangChoice,
) -> Result<Box<dyn Iterator<Item = Result<Item, InputError>> + Send>, InputError> {
    let mut sample = Vec::new();
    let (mut sc, mut tc) = (ScriptCounts::default(), ScriptCounts::default());
    for r in raw.by_ref() {
        let p = r?;
        sc.add(&p.source);
        tc.add(&p.target);
        sample.push(p);
        if sample.len() >= DETECT_SAMPLE {
            break;
        }
    }
    if sample.is_empty() {
        return Err(InputError::File {
            path: display(path),
            message: "no pairs found (the file holds only a header or blank lines)".into(),
        });
    }
    let source_lang = resolve(path, "source", choice.source, &sc)?;
    let target_lang = resolve(path, "target", choice.target, &tc)?;
    let file: Arc<str> = display(path).into();
    let mut index = 0;
    let iter = sample.into_iter().map(Ok).chain(raw).map(move |r| {
        r.map(|p| {
            let pair = Pair {
                index,
                id: p.id,
                source: p.source,
                target: p.target,
                location: Location {
                    file: file.clone(),
                    source_line: p.source_line,
                    target_line: p.target_line,
                },
                source_lang,
                target_lang,
            };
            index += 1;
            Item::Pair(pair)
        })
    });
    Ok(Box::new(iter))
}

fn resolve(
    path: &Path,
    side: &str,
    chosen: Option<&'static dyn Language>,
    counts: &ScriptCounts,
) -> Result<&'static dyn Language, InputError> {
    if let Some(l) = chosen {
        return Ok(l);
    }
    lang::detect_counts(counts).map_err(|script| InputError::File {
        path: display(path),
        message: if script == "no letters" {
            format!("cannot detect the {side} language (no letters in the first {DETECT_SAMPLE} pairs); pass --{side}-lang")
        } else {
            format!(
                "the {side} text looks like {script}, which paracheck cannot read (supported: {}); pass --{side}-lang to override",
                lang::supported_codes()
            )
        },
    })
}

/// A path as shown in messages and reports.
pub fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Opens a file for buffered reading, with a clear error.
pub(crate) fn open_file(path: &Path) -> Result<BufReader<std::fs::File>, InputError> {
    let f = std::fs::File::open(path).map_err(|e| InputError::Io {
        path: display(path),
        source: e,
    })?;
    let meta = f.metadata().map_err(|e| InputError::Io {
        path: display(path),
        source: e,
    })?;
    if meta.is_dir() {
        return Err(InputError::File {
            path: display(path),
            message: "is a directory, not a file".into(),
        });
    }
    if meta.len() == 0 && meta.is_file() {
        return Err(InputError::Empty {
            path: display(path),
        });
    }
    Ok(BufReader::new(f))
}

/// Reads lines as UTF-8, with their 1-based numbers, stripping `\r\n` and a leading BOM.
pub(crate) struct Lines<R> {
    reader: R,
    path: Arc<str>,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R, path: &Path) -> Self {
        Lines {
            reader,
            path: display(path).into(),
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    /// Number of lines read so far.
    pub fn lines_read(&self) -> usize {
        self.line
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<(usize, String), InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.buf.clear();
        match self.reader.read_until(b'\n', &mut self.buf) {
            Ok(0) => {
                self.done = true;
                None
            }
            Ok(_) => {
                self.line += 1;
                if self.buf.last() == Some(&b'\n') {
                    self.buf.pop();
                    if self.buf.last() == Some(&b'\r') {
                        self.buf.pop();
                    }
                }
                if self.buf.contains(&0) {
                    self.done = true;
                    return Some(Err(InputError::NotText {
                        path: self.path.to_string(),
                        line: self.line,
                    }));
                }
                match String::from_utf8(std::mem::take(&mut self.buf)) {
                    Ok(mut s) => {
                        if self.line == 1 && s.starts_with('\u{feff}') {
                            s.remove(0);
                        }
                        Some(Ok((self.line, s)))
                    }
                    Err(_) => {
                        self.done = true;
                        Some(Err(InputError::NotText {
                            path: self.path.to_string(),
                            line: self.line,
                        }))
                    }
                }
            }
            Err(e) => {
                self.done = true;
                Some(Err(InputError::Io {
                    path: self.path.to_string(),
                    source: e,
                }))
            }
        }
    }
}

/// Reads a whole file as UTF-8 text, naming the first bad line if it is not.
pub(crate) fn read_to_string(path: &Path) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    open_file(path)?
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Io {
            path: display(path),
            source: e,
        })?;
    let bad_line = |upto: usize| bytes[..upto].iter().filter(|&&b| b == b'\n').count() + 1;
    if let Some(p) = bytes.iter().position(|&b| b == 0) {
        return Err(InputError::NotText {
            path: display(path),
            line: bad_line(p),
        });
    }
    match String::from_utf8(bytes.clone()) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.remove(0);
            }
            Ok(s.replace("\r\n", "\n"))
        }
        Err(e) => Err(InputError::NotText {
            path: display(path),
            line: bad_line(e.utf8_error().valid_up_to()),
        }),
    }
}
