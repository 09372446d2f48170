//! `paracheck pairs`: the pairs a reader sees, without checking them and without
//! needing their languages (a German–Italian XLIFF lists fine).

use super::{
    Format, Input, InputError, Item, LangChoice, RawIter, ReadOptions, Source, cat, csv, is_stdin,
    jsonl, parallel, text, tsv,
};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// One pair as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: Option<String>,
    pub file: Arc<str>,
    pub source_line: usize,
    pub target_line: usize,
    pub source: String,
    pub target: String,
}

/// The pairs of one input, and how many units it skipped (`translate="no"`).
pub struct Listing {
    pub pairs: Box<dyn Iterator<Item = Result<Listed, InputError>> + Send>,
    pub skipped: Arc<AtomicUsize>,
    /// `TMX`, `XLIFF 2`, `TSV`, …
    pub kind: &'static str,
    pub notes: Vec<String>,
}

fn from_raw(
    file: Arc<str>,
    raw: RawIter,
) -> Box<dyn Iterator<Item = Result<Listed, InputError>> + Send> {
    Box::new(raw.map(move |r| {
        r.map(|p| Listed {
            id: p.id,
            file: file.clone(),
            source_line: p.source_line,
            target_line: p.target_line,
            source: p.source,
            target: p.target,
        })
    }))
}

/// Opens an input for listing.
pub fn list(input: &Input, opts: &ReadOptions) -> Result<Listing, InputError> {
    let counter = Arc::new(AtomicU64::new(0));
    let skipped = Arc::new(AtomicUsize::new(0));
    let mut notes = Vec::new();
    let (pairs, kind) = match input {
        Input::Parallel { source, target } => {
            let s = Source::open(source, opts, &counter)?;
            let t = Source::open(target, opts, &counter)?;
            let name: Arc<str> = s.name.as_str().into();
            (
                from_raw(name, parallel::read(s, t, &opts.limits)?),
                "parallel files",
            )
        }
        Input::File { path, format } => {
            let src = Source::open(path, opts, &counter)?;
            let stdin = is_stdin(path);
            let (format, src) = match format {
                Format::Auto if stdin => match &opts.stdin_name {
                    Some(n) => (Format::for_path(Path::new(n)), src),
                    None => match src.sniff(opts.limits.max_line_bytes)? {
                        Some(x) => x,
                        None => {
                            return Ok(Listing {
                                pairs: Box::new(std::iter::empty()),
                                skipped,
                                kind: "empty",
                                notes,
                            });
                        }
                    },
                },
                Format::Auto => (Format::for_path(path), src),
                f => (*f, src),
            };
            let name: Arc<str> = src.name.as_str().into();
            match format {
                Format::Tmx | Format::Xliff => {
                    let c = cat::read(src, (!stdin).then(|| path.clone()), None, None)?;
                    let kind = c.kind;
                    let pairs = from_raw(name, c.pairs);
                    return Ok(Listing {
                        pairs,
                        skipped: c.skipped,
                        kind,
                        notes,
                    });
                }
                Format::Tsv => {
                    let (raw, note) = tsv::read(src, opts.columns.as_ref(), &opts.limits)?;
                    notes.extend(note);
                    (from_raw(name, raw), "TSV")
                }
                Format::Csv => (
                    from_raw(name, csv::read(src, opts.columns.as_ref(), &opts.limits)?),
                    "CSV",
                ),
                Format::Jsonl => (
                    from_raw(name, jsonl::read(src, &opts.jsonl, &opts.limits)?),
                    "JSONL",
                ),
                Format::Text => {
                    // Interleaved text is paired by the languages of its paragraphs.
                    let items = text::read(src, LangChoice::default(), &opts.limits)?;
                    let pairs = items.filter_map(|r| match r {
                        Ok(Item::Pair(p)) => Some(Ok(Listed {
                            id: p.id,
                            file: p.location.file,
                            source_line: p.location.source_line,
                            target_line: p.location.target_line,
                            source: p.source,
                            target: p.target,
                        })),
                        Ok(Item::Unpaired(_)) => None,
                        Err(e) => Some(Err(e)),
                    });
                    (
                        Box::new(pairs) as Box<dyn Iterator<Item = _> + Send>,
                        "text",
                    )
                }
                Format::Auto => unreachable!("resolved above"),
            }
        }
    };
    let _ = skipped.load(Ordering::Relaxed);
    Ok(Listing {
        pairs,
        skipped,
        kind,
        notes,
    })
}

/// A field of `pairs --format tsv`: tabs, line ends and backslashes escaped as
/// `\t`, `\n`, `\r` and `\\`.
pub fn tsv_field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out
}
