//! Readers: aligned source/target texts in, [`Pair`]s out.
//!
//! Every reader streams: line-based formats (TSV, CSV, JSONL, two parallel files)
//! hold at most one record plus a language-detection sample in memory, whatever the
//! file size. Interleaved bilingual text is read as one document. `-` is standard
//! input.

mod cat;
mod columns;
mod csv;
mod jsonl;
pub mod listing;
mod parallel;
mod text;
mod tmx;
mod tsv;
pub mod walk;
mod xliff;
mod xml;

pub use columns::{ColumnSpec, Role};
pub use jsonl::JsonlFields;

use crate::lang::{self, Language};
use crate::text::ScriptCounts;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

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
    #[error(
        "{path}:1: UTF-16 text; paracheck reads UTF-8 (convert it, e.g. `iconv -f UTF-16 -t UTF-8`)"
    )]
    Utf16 { path: String },
    #[error("{path}:{line}: {message}")]
    Malformed {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Xml {
        path: String,
        line: usize,
        column: usize,
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
    /// Pick by file extension (`.tsv`, `.csv`, `.jsonl`, else interleaved text); for
    /// standard input, by its first line.
    Auto,
    /// Interleaved bilingual paragraphs separated by blank lines.
    Text,
    /// `source<TAB>target` or `id<TAB>source<TAB>target` per line.
    Tsv,
    /// RFC 4180 CSV with a header naming `source` and `target` (and `id`).
    Csv,
    /// One JSON object per line with `source`, `target` and optional `id`.
    Jsonl,
    /// TMX 1.4b (or 1.1) translation memory.
    Tmx,
    /// XLIFF 1.2 (1.0, 1.1) or 2.x; SDLXLIFF and memoQ XLIFF are XLIFF 1.2.
    Xliff,
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
            "jsonl" | "ndjson" => Format::Jsonl,
            "tmx" => Format::Tmx,
            "xlf" | "xliff" | "sdlxliff" | "mqxliff" | "mxliff" => Format::Xliff,
            _ => Format::Text,
        }
    }
}

/// One input to read.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file holding both sides (`.txt`/`.md` interleaved, `.tsv`, `.csv`, `.jsonl`);
    /// `-` is standard input.
    File { path: PathBuf, format: Format },
    /// Two line-aligned files.
    Parallel { source: PathBuf, target: PathBuf },
}

/// Whether a path names standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

impl Input {
    /// The input as reports show it: its path (or the name given to standard input),
    /// or `SOURCE + TARGET` for two parallel files.
    pub fn shown(&self, opts: &ReadOptions) -> String {
        match self {
            Input::File { path, .. } => opts.name(path),
            Input::Parallel { source, target } => {
                format!("{} + {}", display(source), display(target))
            }
        }
    }

    /// The file its findings name (the source file of two parallel files).
    pub fn file(&self, opts: &ReadOptions) -> String {
        match self {
            Input::File { path, .. } => opts.name(path),
            Input::Parallel { source, .. } => display(source),
        }
    }

    /// The file the target texts are in.
    pub fn target_file(&self, opts: &ReadOptions) -> String {
        match self {
            Input::File { path, .. } => opts.name(path),
            Input::Parallel { target, .. } => display(target),
        }
    }
}

/// How inputs are read beyond their format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// `--columns`: what each TSV/CSV column holds, by position.
    pub columns: Option<ColumnSpec>,
    /// Field names of JSONL records.
    pub jsonl: JsonlFields,
    /// What standard input is called in messages and reports (`--stdin-filename`),
    /// and the name whose extension picks its format; `-` when not given.
    pub stdin_name: Option<String>,
    /// The most bytes of a line (or CSV record) and of a file read whole.
    pub limits: crate::limits::Limits,
}

impl ReadOptions {
    /// A path as shown in messages and reports; standard input by its given name.
    pub fn name(&self, path: &Path) -> String {
        if is_stdin(path) {
            self.stdin_name.clone().unwrap_or_else(|| "-".into())
        } else {
            display(path)
        }
    }
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
    /// The pair's index as the record gives it (JSONL `pair_index`).
    pub index: Option<usize>,
}

pub(crate) type RawIter = Box<dyn Iterator<Item = Result<RawPair, InputError>> + Send>;

/// What readers yield.
pub type Items = Box<dyn Iterator<Item = Result<Item, InputError>> + Send>;

/// How many pairs are sampled to detect the languages of a line-based input.
const DETECT_SAMPLE: usize = 256;

/// An input opened for reading.
pub struct Opened {
    pub items: Items,
    /// How the reader read what the file did not say (a headerless TSV's columns),
    /// for a note on stderr.
    pub notes: Vec<String>,
    /// Bytes read so far, for a progress bar.
    pub bytes_read: Arc<AtomicU64>,
    /// The input's size in bytes, when known (not for standard input).
    pub size: Option<u64>,
}

/// Opens an input and yields its items with languages resolved. Pair indices start
/// at 0; the caller renumbers across inputs.
pub fn open(input: &Input, langs: LangChoice) -> Result<Items, InputError> {
    Ok(open_at(input, langs, &ReadOptions::default(), 0)?.items)
}

/// Opens an input; its pairs are numbered from `first_index` (unless a JSONL record
/// gives its own `pair_index`).
pub fn open_at(
    input: &Input,
    langs: LangChoice,
    opts: &ReadOptions,
    first_index: usize,
) -> Result<Opened, InputError> {
    let counter = Arc::new(AtomicU64::new(0));
    match input {
        Input::File { path, format } => {
            let src = Source::open(path, opts, &counter)?;
            let stdin = is_stdin(path);
            let format = match format {
                Format::Auto if !stdin => Format::for_path(path),
                f => *f,
            };
            let origin = if stdin {
                Origin::Stdin
            } else {
                Origin::File(path.clone())
            };
            read_source(src, origin, format, langs, opts, first_index, counter)
        }
        Input::Parallel { source, target } => {
            let s = Source::open(source, opts, &counter)?;
            let t = Source::open(target, opts, &counter)?;
            let size = s.size.zip(t.size).map(|(a, b)| a + b);
            let name = s.name.clone();
            let raw = parallel::read(s, t, &opts.limits)?;
            Ok(Opened {
                items: with_langs(&name, raw, langs, first_index, false)?,
                notes: Vec::new(),
                bytes_read: counter,
                size,
            })
        }
    }
}

/// Reads an input held in memory, named `name`, through the same readers as a
/// file (`Format::Auto` picks by the name's extension). For tests and fuzzing.
pub fn read_bytes(
    bytes: &[u8],
    name: &str,
    format: Format,
    langs: LangChoice,
    opts: &ReadOptions,
) -> Result<Opened, InputError> {
    let counter = Arc::new(AtomicU64::new(0));
    let format = match format {
        Format::Auto => Format::for_path(Path::new(name)),
        f => f,
    };
    let src = Source::from_bytes(bytes, name);
    read_source(src, Origin::Memory, format, langs, opts, 0, counter)
}

/// Reads two line-aligned inputs held in memory (see [`read_bytes`]).
pub fn read_parallel_bytes(
    source: &[u8],
    target: &[u8],
    langs: LangChoice,
    opts: &ReadOptions,
) -> Result<Items, InputError> {
    let s = Source::from_bytes(source, "source");
    let t = Source::from_bytes(target, "target");
    with_langs(
        "source",
        parallel::read(s, t, &opts.limits)?,
        langs,
        0,
        false,
    )
}

/// Where an opened input comes from.
enum Origin {
    Stdin,
    File(PathBuf),
    Memory,
}

/// Reads an opened input in its format.
fn read_source(
    src: Source,
    origin: Origin,
    format: Format,
    langs: LangChoice,
    opts: &ReadOptions,
    first_index: usize,
    counter: Arc<AtomicU64>,
) -> Result<Opened, InputError> {
    let mut notes = Vec::new();
    let size = src.size;
    let limits = &opts.limits;
    let (stdin, path) = match origin {
        Origin::Stdin => (true, None),
        Origin::File(p) => (false, Some(p)),
        Origin::Memory => (false, None),
    };
    // Standard input may be empty: a pipeline stage gets nothing to check
    // (an empty partition, a filter that matched nothing), which is no error.
    let (format, src) = match format {
        Format::Auto if stdin => match &opts.stdin_name {
            Some(n) => (Format::for_path(Path::new(n)), src),
            None => match src.sniff(limits.max_line_bytes)? {
                Some(x) => x,
                None => return Ok(Opened::empty(counter)),
            },
        },
        // Resolved by the caller from the file's name.
        Format::Auto => (Format::Text, src),
        f => (f, src),
    };
    let name = src.name.clone();
    let items = match format {
        Format::Text => match text::read(src, langs, limits) {
            Err(InputError::Empty { .. }) if stdin => return Ok(Opened::empty(counter)),
            r => offset_items(r?, first_index),
        },
        Format::Tsv => {
            let (raw, note) = tsv::read(src, opts.columns.as_ref(), limits)?;
            notes.extend(note);
            with_langs(&name, raw, langs, first_index, stdin)?
        }
        Format::Csv => match csv::read(src, opts.columns.as_ref(), limits) {
            Err(InputError::Empty { .. }) if stdin => return Ok(Opened::empty(counter)),
            r => with_langs(&name, r?, langs, first_index, stdin)?,
        },
        Format::Jsonl => with_langs(
            &name,
            jsonl::read(src, &opts.jsonl, limits)?,
            langs,
            first_index,
            stdin,
        )?,
        Format::Tmx | Format::Xliff => {
            let cat = cat::read(
                src,
                path,
                langs.source.map(|l| l.code()),
                langs.target.map(|l| l.code()),
            )?;
            let choice = LangChoice {
                source: declared(&name, "source", langs.source, cat.source_lang)?,
                target: declared(&name, "target", langs.target, cat.target_lang)?,
            };
            with_langs(&name, cat.pairs, choice, first_index, true)?
        }
        Format::Auto => unreachable!("resolved above"),
    };
    Ok(Opened {
        items,
        notes,
        bytes_read: counter,
        size,
    })
}

impl Opened {
    fn empty(counter: Arc<AtomicU64>) -> Opened {
        Opened {
            items: Box::new(std::iter::empty()),
            notes: Vec::new(),
            bytes_read: counter,
            size: None,
        }
    }
}

/// Renumbers a reader's items from `first`.
fn offset_items(items: Items, first: usize) -> Items {
    if first == 0 {
        return items;
    }
    Box::new(items.map(move |r| {
        r.map(|mut it| {
            match &mut it {
                Item::Pair(p) => p.index += first,
                Item::Unpaired(u) => u.next_pair += first,
            }
            it
        })
    }))
}

/// Samples the first pairs to detect each column's language, then yields them all.
fn with_langs(
    name: &str,
    mut raw: RawIter,
    choice: LangChoice,
    first_index: usize,
    allow_empty: bool,
) -> Result<Items, InputError> {
    let mut sample = Vec::new();
    let (mut sc, mut tc) = (ScriptCounts::default(), ScriptCounts::default());
    // With both languages given, one pair is enough to know the input is not empty,
    // and nothing waits for a sample (a pipe's first findings come out early).
    let want = if choice.source.is_some() && choice.target.is_some() {
        1
    } else {
        DETECT_SAMPLE
    };
    for r in raw.by_ref() {
        let p = r?;
        // Markup (`<td>`, `&nbsp;`) says nothing of the language.
        crate::check::alignment::add_counts(&mut sc, &p.source);
        crate::check::alignment::add_counts(&mut tc, &p.target);
        sample.push(p);
        if sample.len() >= want {
            break;
        }
    }
    if sample.is_empty() {
        if allow_empty {
            return Ok(Box::new(std::iter::empty()));
        }
        return Err(InputError::File {
            path: name.to_string(),
            message: "no pairs found (the file holds only a header or blank lines)".into(),
        });
    }
    let source_lang = resolve(name, "source", choice.source, &sc)?;
    let target_lang = resolve(name, "target", choice.target, &tc)?;
    let file: Arc<str> = name.into();
    let mut index = first_index;
    let iter = sample.into_iter().map(Ok).chain(raw).map(move |r| {
        r.map(|p| {
            let pair = Pair {
                index: p.index.unwrap_or(index),
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

/// The language a CAT file declares for one side, unless one was asked for.
fn declared(
    name: &str,
    side: &str,
    chosen: Option<&'static dyn Language>,
    tag: Option<String>,
) -> Result<Option<&'static dyn Language>, InputError> {
    if chosen.is_some() {
        return Ok(chosen);
    }
    let Some(tag) = tag else { return Ok(None) };
    match lang::by_code(tag.trim()) {
        Some(l) => Ok(Some(l)),
        None => Err(InputError::File {
            path: name.to_string(),
            message: format!(
                "the file's {side} language is `{tag}`, which paracheck cannot check (supported: {}); pass --{side}-lang to override, or list its pairs with `paracheck pairs`",
                lang::supported_codes()
            ),
        }),
    }
}

fn resolve(
    name: &str,
    side: &str,
    chosen: Option<&'static dyn Language>,
    counts: &ScriptCounts,
) -> Result<&'static dyn Language, InputError> {
    if let Some(l) = chosen {
        return Ok(l);
    }
    lang::detect_counts(counts).map_err(|script| InputError::File {
        path: name.to_string(),
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

/// Counts the bytes read through it, for a progress bar.
struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// An opened file or standard input, buffered, with the name it goes by.
pub(crate) struct Source {
    pub reader: Box<dyn BufRead + Send>,
    pub name: String,
    pub size: Option<u64>,
}

impl Source {
    /// Opens a file (or standard input for `-`) for buffered reading, with a clear
    /// error for a missing, empty or unreadable file or a directory.
    fn open(path: &Path, opts: &ReadOptions, count: &Arc<AtomicU64>) -> Result<Source, InputError> {
        let name = opts.name(path);
        if is_stdin(path) {
            return Ok(Source {
                reader: Box::new(BufReader::with_capacity(
                    1 << 16,
                    Counted {
                        inner: std::io::stdin(),
                        count: count.clone(),
                    },
                )),
                name,
                size: None,
            });
        }
        let f = std::fs::File::open(path).map_err(|e| InputError::Io {
            path: name.clone(),
            source: e,
        })?;
        let meta = f.metadata().map_err(|e| InputError::Io {
            path: name.clone(),
            source: e,
        })?;
        if meta.is_dir() {
            return Err(InputError::File {
                path: name,
                message: "is a directory, not a file".into(),
            });
        }
        if meta.len() == 0 && meta.is_file() {
            return Err(InputError::Empty { path: name });
        }
        Ok(Source {
            reader: Box::new(BufReader::with_capacity(
                1 << 16,
                Counted {
                    inner: f,
                    count: count.clone(),
                },
            )),
            name,
            size: meta.is_file().then_some(meta.len()),
        })
    }

    /// An input held in memory.
    fn from_bytes(bytes: &[u8], name: &str) -> Source {
        Source {
            reader: Box::new(std::io::Cursor::new(bytes.to_vec())),
            name: name.to_string(),
            size: Some(bytes.len() as u64),
        }
    }

    /// Decides the layout of standard input from its first line that is not blank: a
    /// JSON object is JSONL, a line with a tab is TSV; anything else needs
    /// `--input-format`. The lines read stay in the stream. `None` when the input
    /// holds nothing but blank lines.
    fn sniff(mut self, max_line: u64) -> Result<Option<(Format, Source)>, InputError> {
        let mut head = Vec::new();
        let mut line_no = 0;
        let format = loop {
            let start = head.len();
            line_no += 1;
            // Blank lines before the first line of text count towards the limit too:
            // an endless stream of them is not kept.
            let n = match read_line_capped(&mut self.reader, &mut head, max_line) {
                Ok(n) => n,
                // A NUL byte (a binary stream, /dev/zero) ends the sniffing as it
                // would end the reading: no more of it is read.
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                    return Err(if line_no == 1 && crate::limits::looks_utf16(&head) {
                        InputError::Utf16 { path: self.name }
                    } else {
                        InputError::NotText {
                            path: self.name,
                            line: line_no,
                        }
                    });
                }
                Err(e) => return Err(limit_error(&self.name, line_no, max_line, e)),
            };
            if head.len() as u64 > max_line.saturating_add(2) {
                return Err(InputError::Malformed {
                    path: self.name,
                    line: line_no,
                    message: format!(
                        "no line of text in the first {} of standard input, the limit (max-line-bytes in [limits] of the configuration)",
                        crate::limits::size(max_line)
                    ),
                });
            }
            if n == 0 {
                if head.iter().all(u8::is_ascii_whitespace) {
                    return Ok(None);
                }
                break None;
            }
            let line = &head[start..];
            let line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
            let trimmed = line.trim_ascii();
            if trimmed.is_empty() {
                continue;
            }
            break if trimmed.starts_with(b"{") {
                Some(Format::Jsonl)
            } else if trimmed.starts_with(b"<") {
                // TMX or XLIFF: the reader tells them apart by the root element.
                Some(Format::Xliff)
            } else if line.contains(&b'\t') {
                Some(Format::Tsv)
            } else {
                None
            };
        };
        let Some(format) = format else {
            return Err(InputError::File {
                path: self.name.clone(),
                message: "cannot tell the layout of standard input from its first line (not a JSON object, no tab); pass --input-format csv, text, tsv, jsonl, tmx or xliff".into(),
            });
        };
        let rest = self.reader;
        self.reader = Box::new(BufReader::new(std::io::Cursor::new(head).chain(rest)));
        Ok(Some((format, self)))
    }
}

/// The error of a read that failed: past the line limit, or of the reader.
fn limit_error(name: &str, line: usize, max: u64, e: std::io::Error) -> InputError {
    if e.kind() == std::io::ErrorKind::FileTooLarge {
        InputError::Malformed {
            path: name.to_string(),
            line,
            message: line_too_long(max),
        }
    } else {
        InputError::Io {
            path: name.to_string(),
            source: e,
        }
    }
}

/// The message for a line past `max-line-bytes`.
pub(crate) fn line_too_long(max: u64) -> String {
    format!(
        "line longer than {}, the limit (max-line-bytes in [limits] of the configuration)",
        crate::limits::size(max)
    )
}

/// Appends one line to `buf`, up to and including its `\n` or `\r`, reading at
/// most `max` bytes past what it holds; an error of kind `FileTooLarge` past that.
/// Returns the bytes read (0 at the end of the input).
fn read_line_capped(r: &mut dyn BufRead, buf: &mut Vec<u8>, max: u64) -> std::io::Result<usize> {
    let mut read = 0;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(read);
        }
        let (n, done) = match memchr::memchr2(b'\n', b'\r', chunk) {
            Some(p) => (p + 1, true),
            None => (chunk.len(), false),
        };
        let nul = memchr::memchr(0, &chunk[..n]).is_some();
        buf.extend_from_slice(&chunk[..n]);
        r.consume(n);
        read += n;
        if nul {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "NUL"));
        }
        if read as u64 > max.saturating_add(2) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                "line too long",
            ));
        }
        if done {
            return Ok(read);
        }
    }
}

/// How an input ends its lines: decided at its first line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endings {
    Undecided,
    /// `\n` or `\r\n`; a carriage return elsewhere is part of the line.
    Lf,
    /// `\r` alone (classic Mac OS); `\r\n` and `\n` also end a line.
    Cr,
}

/// Reads lines as UTF-8, with their 1-based numbers, stripping the line break
/// (`\n`, `\r\n`, or `\r` alone in a file whose first line ends so) and a leading
/// BOM. A line longer than the limit, a NUL byte, UTF-16 and invalid UTF-8 end the
/// lines with an error naming the line, as soon as they are read.
pub(crate) struct Lines<R> {
    reader: R,
    path: Arc<str>,
    line: usize,
    buf: Vec<u8>,
    done: bool,
    max: u64,
    endings: Endings,
    /// The last line ended with a `\r`: a `\n` right after it belongs to it.
    after_cr: bool,
    /// Bytes read so far.
    bytes: u64,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R, name: &str, max: u64) -> Self {
        Lines {
            reader,
            path: name.into(),
            line: 0,
            buf: Vec::new(),
            done: false,
            max,
            endings: Endings::Undecided,
            after_cr: false,
            bytes: 0,
        }
    }

    /// Number of lines read so far.
    pub fn lines_read(&self) -> usize {
        self.line
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    fn fail(&mut self, e: InputError) -> Option<Result<(usize, String), InputError>> {
        self.done = true;
        Some(Err(e))
    }

    /// Reads the next line's bytes into `buf` (without its break); false at the end.
    fn read_line(&mut self) -> std::io::Result<bool> {
        self.buf.clear();
        let mut any = false;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                return Ok(any);
            }
            if self.after_cr {
                self.after_cr = false;
                if chunk[0] == b'\n' {
                    if self.endings == Endings::Undecided {
                        self.endings = Endings::Lf;
                    }
                    self.reader.consume(1);
                    self.bytes += 1;
                    continue;
                }
                if self.endings == Endings::Undecided {
                    self.endings = Endings::Cr;
                }
            }
            any = true;
            let at = match self.endings {
                Endings::Lf => memchr::memchr(b'\n', chunk),
                Endings::Undecided | Endings::Cr => memchr::memchr2(b'\n', b'\r', chunk),
            };
            let (take, end) = match at {
                Some(p) => (p, Some(chunk[p])),
                None => (chunk.len(), None),
            };
            let part = &chunk[..take];
            let nul = memchr::memchr(0, part).is_some();
            self.buf.extend_from_slice(part);
            let used = take + usize::from(end.is_some());
            self.reader.consume(used);
            self.bytes += used as u64;
            if nul {
                return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "NUL"));
            }
            if self.buf.len() as u64 > self.max {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::FileTooLarge,
                    "line too long",
                ));
            }
            match end {
                Some(b'\n') => {
                    if self.endings == Endings::Undecided {
                        self.endings = Endings::Lf;
                    }
                    if self.endings == Endings::Lf && self.buf.last() == Some(&b'\r') {
                        self.buf.pop();
                    }
                    return Ok(true);
                }
                Some(_) => {
                    self.after_cr = true;
                    return Ok(true);
                }
                None => {}
            }
        }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<(usize, String), InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let path = self.path.to_string();
        match self.read_line() {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                self.line += 1;
                let line = self.line;
                if line == 1 && crate::limits::looks_utf16(&self.buf) {
                    return self.fail(InputError::Utf16 { path });
                }
                match String::from_utf8(std::mem::take(&mut self.buf)) {
                    Ok(mut s) => {
                        if line == 1 && s.starts_with('\u{feff}') {
                            s.drain(..3);
                        }
                        Some(Ok((line, s)))
                    }
                    Err(_) => self.fail(InputError::NotText { path, line }),
                }
            }
            Err(e) => {
                let line = self.line + 1;
                if e.kind() == std::io::ErrorKind::InvalidData {
                    if line == 1 && crate::limits::looks_utf16(&self.buf) {
                        return self.fail(InputError::Utf16 { path });
                    }
                    return self.fail(InputError::NotText { path, line });
                }
                let max = self.max;
                self.fail(limit_error(&path, line, max, e))
            }
        }
    }
}

/// Reads a whole input as UTF-8 text (at most `max` bytes), naming the first bad
/// line if it is not; line breaks become `\n` (from `\r\n`, and from `\r` alone in
/// a file whose first line break is one).
pub(crate) fn read_to_string(src: Source, max: u64) -> Result<String, InputError> {
    use crate::limits::ReadError;
    let Source { reader, name, .. } = src;
    let s = crate::limits::read_text(reader, max).map_err(|e| match e {
        ReadError::Io(source) => InputError::Io { path: name.clone(), source },
        ReadError::NotText { line } => InputError::NotText { path: name.clone(), line },
        ReadError::Utf16 => InputError::Utf16 { path: name.clone() },
        ReadError::TooLarge { limit } => InputError::File {
            path: name.clone(),
            message: format!(
                "larger than {}, the limit for a file read whole (max-file-bytes in [limits] of the configuration)",
                crate::limits::size(limit)
            ),
        },
    })?;
    Ok(normalize_breaks(s))
}

/// `\r\n` → `\n`; and `\r` → `\n` when the first line break is a `\r` alone.
pub(crate) fn normalize_breaks(s: String) -> String {
    let first = memchr::memchr2(b'\n', b'\r', s.as_bytes());
    let cr =
        first.is_some_and(|p| s.as_bytes()[p] == b'\r' && s.as_bytes().get(p + 1) != Some(&b'\n'));
    if cr {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else if s.contains('\r') {
        s.replace("\r\n", "\n")
    } else {
        s
    }
}
