//! CAT-tool files: TMX and XLIFF, told apart by their root element, read as a
//! stream of pairs with the languages the file declares.

use super::tmx::Tmx;
use super::xliff::Xliff;
use super::xml::{Ev, Xml};
use super::{InputError, RawIter, Source};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A TMX or XLIFF file opened for reading.
pub(crate) struct Cat {
    pub pairs: RawIter,
    /// The languages the file declares (or that were asked for), as tags.
    pub source_lang: Option<String>,
    pub target_lang: Option<String>,
    /// Units skipped so far (`translate="no"`).
    pub skipped: Arc<AtomicUsize>,
    /// `TMX` or `XLIFF 1.2`, for messages.
    pub kind: &'static str,
}

enum Reader {
    Tmx(Tmx),
    Xliff(Xliff),
}

/// Opens a TMX or XLIFF document; `want_*` are the languages asked for (tags or
/// codes), which win over what the file says.
pub(crate) fn read(
    src: Source,
    path: Option<PathBuf>,
    want_source: Option<&str>,
    want_target: Option<&str>,
) -> Result<Cat, InputError> {
    let mut xml = Xml::open(src, path)?;
    let (name, attrs) = loop {
        match xml.next()? {
            Ev::Start { name, attrs, .. } => break (name, attrs),
            Ev::Eof => return Err(xml.error("not XML: no root element")),
            _ => {}
        }
    };
    let (reader, kind) = match name.as_str() {
        "tmx" => (Reader::Tmx(Tmx::new(xml, want_source, want_target)?), "TMX"),
        "xliff" => {
            let v = Ev::attr(&attrs, "version").unwrap_or_default();
            let x = Xliff::new(xml, &attrs)?;
            let kind = if v.starts_with('2') || (v.is_empty() && x.is_v2()) {
                "XLIFF 2"
            } else {
                "XLIFF 1"
            };
            (Reader::Xliff(x), kind)
        }
        other => {
            return Err(xml.error(format!(
                "the root element is <{other}>, not <tmx> (TMX) or <xliff> (XLIFF)"
            )));
        }
    };
    let (source_lang, target_lang) = match &reader {
        Reader::Tmx(t) => (t.source.clone(), t.target.clone()),
        Reader::Xliff(x) => (x.source.clone(), x.target.clone()),
    };
    let pick = |want: Option<&str>, declared: Option<String>| {
        want.map(str::to_string)
            .or(declared)
            .filter(|s| !s.trim().is_empty())
    };
    let skipped = Arc::new(AtomicUsize::new(0));
    let count = skipped.clone();
    let mut reader = Some(reader);
    let pairs = std::iter::from_fn(move || {
        let r = reader.as_mut()?;
        let next = match r {
            Reader::Tmx(t) => t.next_pair(),
            Reader::Xliff(x) => {
                let n = x.next_pair();
                count.store(x.skipped, Ordering::Relaxed);
                n
            }
        };
        match next {
            Ok(Some(p)) => Some(Ok(p)),
            Ok(None) => {
                reader = None;
                None
            }
            Err(e) => {
                reader = None;
                Some(Err(e))
            }
        }
    });
    Ok(Cat {
        pairs: Box::new(pairs),
        source_lang: pick(want_source, source_lang),
        target_lang: pick(want_target, target_lang),
        skipped,
        kind,
    })
}
