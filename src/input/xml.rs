//! The XML layer under the TMX and XLIFF readers: quick-xml events pulled one at a
//! time from a stream (memory bounded by the largest event, not the file), UTF-16
//! decoded, line numbers tracked as the parser goes, and the document refused when
//! it asks for anything that could expand or read more than the file itself.
//!
//! Safety: a `<!DOCTYPE>` that only names an external DTD (`<!DOCTYPE tmx SYSTEM
//! "tmx14.dtd">`, as TMX files from many tools carry) is read past and the DTD is
//! never read; a DOCTYPE with an internal subset (`[ … ]`, where entities are
//! declared) is refused, and so is every entity reference other than the five
//! predefined ones and character references. Nothing is ever expanded or fetched.

use super::{InputError, Source};
use std::collections::VecDeque;
use std::io::{BufRead, Read};
use std::path::PathBuf;

/// Most bytes one unit's text may hold on one side; a larger one is refused rather
/// than held in memory.
pub(crate) const MAX_TEXT: usize = 16 << 20;

/// One XML event, owned, with what the readers need.
#[derive(Debug)]
pub(crate) enum Ev {
    /// A start tag (or an empty-element tag, `empty`): local name, attributes
    /// (`xml:lang` keeps its prefix, other keys are local names).
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        empty: bool,
    },
    End,
    /// Character data: text (entities resolved, line ends normalized) or CDATA.
    Text(String),
    Eof,
}

impl Ev {
    pub fn attr(attrs: &[(String, String)], key: &str) -> Option<String> {
        attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.clone())
    }
}

/// Decodes UTF-16 (LE or BE) into UTF-8, as a stream.
struct Utf16<R> {
    inner: R,
    big_endian: bool,
    out: Vec<u8>,
    pos: usize,
    pending: Vec<u8>,
    high: Option<u16>,
    eof: bool,
}

impl<R: Read> Utf16<R> {
    fn new(inner: R, big_endian: bool) -> Self {
        Utf16 {
            inner,
            big_endian,
            out: Vec::new(),
            pos: 0,
            pending: Vec::new(),
            high: None,
            eof: false,
        }
    }

    fn refill(&mut self) -> std::io::Result<()> {
        self.out.clear();
        self.pos = 0;
        while self.out.is_empty() && !self.eof {
            let mut buf = [0u8; 1 << 15];
            let n = self.inner.read(&mut buf)?;
            if n == 0 {
                self.eof = true;
                if !self.pending.is_empty() || self.high.is_some() {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "truncated UTF-16 text",
                    ));
                }
                break;
            }
            self.pending.extend_from_slice(&buf[..n]);
            let whole = self.pending.len() / 2 * 2;
            for ch in self.pending[..whole].chunks_exact(2) {
                let u = if self.big_endian {
                    u16::from_be_bytes([ch[0], ch[1]])
                } else {
                    u16::from_le_bytes([ch[0], ch[1]])
                };
                let c = match (self.high.take(), u) {
                    (None, 0xD800..=0xDBFF) => {
                        self.high = Some(u);
                        continue;
                    }
                    (Some(h), 0xDC00..=0xDFFF) => char::from_u32(
                        0x10000 + (((h as u32) - 0xD800) << 10) + (u as u32 - 0xDC00),
                    ),
                    (None, 0xDC00..=0xDFFF) | (Some(_), _) => None,
                    (None, u) => char::from_u32(u as u32),
                };
                let Some(c) = c else {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "invalid UTF-16 text (an unpaired surrogate)",
                    ));
                };
                let mut b = [0u8; 4];
                self.out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            }
            self.pending.drain(..whole);
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Utf16<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos >= self.out.len() {
            self.refill()?;
        }
        Ok(&self.out[self.pos..])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.out.len());
    }
}

/// Counts lines in what the parser consumes. Queries come at increasing offsets:
/// newlines behind the last query are forgotten, so memory stays bounded by the
/// bytes the parser took since then (one event).
struct Tracked<R> {
    inner: R,
    consumed: u64,
    newlines: VecDeque<u64>,
}

impl<R: BufRead> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let n = n.min(buf.len());
            for i in memchr::memchr_iter(b'\n', &buf[..n]) {
                self.newlines.push_back(self.consumed + i as u64);
            }
        }
        self.consumed += n as u64;
        self.inner.consume(n);
    }
}

/// Single-byte encodings read besides UTF-8 and UTF-16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Legacy {
    Latin1,
    Windows1252,
}

/// windows-1252 at 0x80–0x9F (undefined bytes as in ISO-8859-1).
const CP1252: [u16; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
];

/// Decodes a single-byte encoding into UTF-8, as a stream.
struct SingleByte<R> {
    inner: R,
    legacy: Legacy,
    out: Vec<u8>,
    pos: usize,
}

impl<R: BufRead> Read for SingleByte<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for SingleByte<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos >= self.out.len() {
            self.out.clear();
            self.pos = 0;
            let inp = self.inner.fill_buf()?;
            let n = inp.len();
            for &b in inp {
                let c = match (self.legacy, b) {
                    (_, 0..=0x7F) => {
                        self.out.push(b);
                        continue;
                    }
                    (Legacy::Windows1252, 0x80..=0x9F) => CP1252[(b - 0x80) as usize] as u32,
                    _ => b as u32,
                };
                let mut t = [0u8; 4];
                let c = char::from_u32(c).unwrap_or('\u{FFFD}');
                self.out.extend_from_slice(c.encode_utf8(&mut t).as_bytes());
            }
            self.inner.consume(n);
        }
        Ok(&self.out[self.pos..])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.out.len());
    }
}

enum Decode {
    Io(std::io::Error),
    Unsupported(String),
}

/// The `encoding` of an XML declaration at the start of `head`, if any.
fn declared_encoding(head: &[u8]) -> Option<String> {
    let head = std::str::from_utf8(head)
        .ok()
        .or_else(|| std::str::from_utf8(&head[..head.iter().position(|&b| b >= 0x80)?]).ok())?;
    let decl = head.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &rest[1..];
    Some(rest[..rest.find(quote)?].trim().to_ascii_lowercase())
}

/// The document as UTF-8: the byte-order mark or the first bytes tell UTF-16 (LE or
/// BE) and UTF-8; without them the XML declaration may name ISO-8859-1 or
/// windows-1252. The bytes read to tell go back in front of the stream.
fn decoded(mut r: Box<dyn BufRead + Send>) -> Result<Box<dyn BufRead + Send>, Decode> {
    let mut head = Vec::with_capacity(256);
    let mut chunk = [0u8; 256];
    while head.len() < 256 {
        let k = r.read(&mut chunk[..256 - head.len()]).map_err(Decode::Io)?;
        if k == 0 {
            break;
        }
        head.extend_from_slice(&chunk[..k]);
        if head.len() >= 4 && (head.contains(&b'>') || sniff_utf16(&head).is_some()) {
            break;
        }
    }
    let utf16 = sniff_utf16(&head);
    let bom = if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        2
    } else {
        0
    };
    let legacy = match (utf16, bom) {
        (None, 0) => match declared_encoding(&head).as_deref() {
            None | Some("utf-8" | "utf8" | "us-ascii" | "ascii" | "utf-16" | "utf16") => None,
            Some("iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "l1" | "iso_8859-1") => {
                Some(Legacy::Latin1)
            }
            Some("windows-1252" | "cp1252" | "x-cp1252") => Some(Legacy::Windows1252),
            Some(other) => return Err(Decode::Unsupported(other.to_string())),
        },
        _ => None,
    };
    let rest = std::io::Cursor::new(head[bom..].to_vec()).chain(r);
    Ok(match (utf16, legacy) {
        (Some(be), _) => Box::new(Utf16::new(rest, be)),
        (None, Some(legacy)) => Box::new(SingleByte {
            inner: std::io::BufReader::with_capacity(1 << 16, rest),
            legacy,
            out: Vec::new(),
            pos: 0,
        }),
        (None, None) => Box::new(std::io::BufReader::with_capacity(1 << 16, rest)),
    })
}

/// An XML document being read.
pub(crate) struct Xml {
    reader: quick_xml::Reader<Tracked<Box<dyn BufRead + Send>>>,
    pub name: String,
    /// The file, to find an error's column by reading it again (not for stdin).
    path: Option<PathBuf>,
    buf: Vec<u8>,
    /// 1-based line at `line_at`.
    line: usize,
    line_at: u64,
    depth: usize,
    seen_root: bool,
}

/// The byte-order mark or the first bytes of a document tell its encoding:
/// `Some(big_endian)` for UTF-16.
fn sniff_utf16(head: &[u8]) -> Option<bool> {
    match head {
        [0xFF, 0xFE, ..] | [b'<', 0, b'?', 0, ..] => Some(false),
        [0xFE, 0xFF, ..] | [0, b'<', 0, b'?', ..] => Some(true),
        _ => None,
    }
}

impl Xml {
    pub fn open(src: Source, path: Option<PathBuf>) -> Result<Xml, InputError> {
        let name = src.name.clone();
        let reader = decoded(src.reader).map_err(|e| match e {
            Decode::Io(e) => InputError::Io {
                path: name.clone(),
                source: e,
            },
            Decode::Unsupported(enc) => InputError::Malformed {
                path: name.clone(),
                line: 1,
                message: format!(
                    "the XML declaration names the encoding `{enc}`; paracheck reads XML in UTF-8, UTF-16, ISO-8859-1 and windows-1252 (convert the file to UTF-8)"
                ),
            },
        })?;
        let mut reader = quick_xml::Reader::from_reader(Tracked {
            inner: reader,
            consumed: 0,
            newlines: VecDeque::new(),
        });
        reader.config_mut().check_end_names = true;
        Ok(Xml {
            reader,
            name,
            path,
            buf: Vec::new(),
            line: 1,
            line_at: 0,
            depth: 0,
            seen_root: false,
        })
    }

    /// The 1-based line of a byte offset at or after the last one asked for.
    fn line_of(&mut self, pos: u64) -> usize {
        let t = self.reader.get_mut();
        while let Some(&nl) = t.newlines.front() {
            if nl >= pos {
                break;
            }
            t.newlines.pop_front();
            self.line += 1;
        }
        self.line_at = pos;
        self.line
    }

    /// The line the parser is at (after the last event read).
    pub fn line(&mut self) -> usize {
        let pos = self.reader.buffer_position().max(self.line_at);
        self.line_of(pos)
    }

    /// An error at the parser's error position (or its current position), with line
    /// and column.
    pub fn error_at(&mut self, pos: u64, message: impl Into<String>) -> InputError {
        let pos = pos.max(self.line_at);
        let line = self.line_of(pos);
        let col = self.column(pos, line);
        match col {
            Some(column) => InputError::Xml {
                path: self.name.clone(),
                line,
                column,
                message: message.into(),
            },
            None => InputError::Malformed {
                path: self.name.clone(),
                line,
                message: message.into(),
            },
        }
    }

    /// An error where the parser is.
    pub fn error(&mut self, message: impl Into<String>) -> InputError {
        let pos = self.reader.buffer_position();
        self.error_at(pos, message)
    }

    /// The 1-based column (in characters) of an offset on `line`: found by reading
    /// the file again up to it (only on the way to an error; not for stdin).
    fn column(&self, pos: u64, line: usize) -> Option<usize> {
        let path = self.path.as_ref()?;
        let f = std::fs::File::open(path).ok()?;
        let r = decoded(Box::new(std::io::BufReader::new(f))).ok()?;
        let mut bytes = Vec::new();
        r.take(pos).read_to_end(&mut bytes).ok()?;
        let start = if line <= 1 {
            0
        } else {
            memchr::memrchr(b'\n', &bytes).map_or(0, |i| i + 1)
        };
        Some(String::from_utf8_lossy(&bytes[start..]).chars().count() + 1)
    }

    /// The next event, refusing what could expand or read more than the file.
    pub fn next(&mut self) -> Result<Ev, InputError> {
        loop {
            self.buf.clear();
            // Where the event starts, for errors about it.
            let before = self.reader.buffer_position();
            let ev = match self.reader.read_event_into(&mut self.buf) {
                Ok(ev) => ev,
                Err(e) => {
                    let pos = self.reader.error_position();
                    let msg = match &e {
                        quick_xml::Error::Io(io)
                            if io.kind() == std::io::ErrorKind::InvalidData =>
                        {
                            format!("not valid text: {io}")
                        }
                        quick_xml::Error::Encoding(_) => {
                            "not UTF-8 or UTF-16 text; paracheck reads XML in UTF-8 or UTF-16"
                                .to_string()
                        }
                        _ => format!("malformed XML: {e}"),
                    };
                    return Err(self.error_at(pos, msg));
                }
            };
            use quick_xml::events::Event;
            let out = match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    if self.depth == 0 && self.seen_root {
                        return Err(self.error("malformed XML: a second root element"));
                    }
                    self.seen_root = true;
                    let name = e.local_name().as_ref().to_string();
                    let mut attrs = Vec::new();
                    for a in e.attributes() {
                        let a = match a {
                            Ok(a) => a,
                            Err(err) => {
                                return Err(
                                    self.error(format!("malformed XML: bad attribute: {err}"))
                                );
                            }
                        };
                        // Prefixed keys keep their prefix (`xml:lang`, `its:version`).
                        let key = a.key.as_ref().to_string();
                        let value = match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                            Ok(v) => v.into_owned(),
                            Err(err) => {
                                return Err(self.error(format!(
                                    "attribute `{key}`: {err} (entity references other than &lt; &gt; &amp; &apos; &quot; and character references are refused)"
                                )));
                            }
                        };
                        attrs.push((key, value));
                    }
                    if !empty {
                        self.depth += 1;
                    }
                    Ev::Start { name, attrs, empty }
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    Ev::End
                }
                Event::Text(t) => {
                    if self.depth == 0 {
                        if t.chars().all(|c| c.is_ascii_whitespace()) {
                            continue;
                        }
                        return Err(self.error("malformed XML: text outside the root element"));
                    }
                    Ev::Text(t.xml10_content().into_owned())
                }
                Event::CData(c) => {
                    let s = c.into_inner().into_owned();
                    Ev::Text(s.replace("\r\n", "\n"))
                }
                Event::GeneralRef(r) => {
                    if r.is_char_ref() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) if legal_xml_char(c) => Ev::Text(c.to_string()),
                            _ => {
                                let what = r.to_string();
                                return Err(self.error_at(
                                    before,
                                    format!(
                                        "malformed XML: &{what}; is not a character XML allows"
                                    ),
                                ));
                            }
                        }
                    } else {
                        let what = r.to_string();
                        match quick_xml::escape::resolve_predefined_entity(&what) {
                            Some(s) => Ev::Text(s.to_string()),
                            None => {
                                return Err(self.error_at(before, format!(
                                    "entity reference &{what}; refused: paracheck expands only &lt; &gt; &amp; &apos; &quot; and character references, never entities a DTD declares"
                                )));
                            }
                        }
                    }
                }
                Event::DocType(d) => {
                    if d.contains('[') {
                        return Err(self.error_at(
                            before,
                            "DOCTYPE with an internal subset refused: paracheck reads no DTD and expands no entity (remove the <!DOCTYPE …[…]>)",
                        ));
                    }
                    continue;
                }
                Event::Eof => {
                    if self.depth > 0 {
                        return Err(self.error("malformed XML: the file ends inside an element"));
                    }
                    if !self.seen_root {
                        return Err(self.error("not XML: no root element"));
                    }
                    Ev::Eof
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => continue,
            };
            return Ok(out);
        }
    }

    /// Reads past the rest of the element just started (not an empty one).
    pub fn skip(&mut self) -> Result<(), InputError> {
        let mut depth = 1;
        while depth > 0 {
            match self.next()? {
                Ev::Start { empty: false, .. } => depth += 1,
                Ev::End => depth -= 1,
                Ev::Eof => return Err(self.error("malformed XML: the file ends inside an element")),
                _ => {}
            }
        }
        Ok(())
    }

    /// The text of the element just started, without inline codes: elements in
    /// `drop` (native code: `<bpt>`, `<ph>`, …) are left out with their content,
    /// other elements (`<g>`, `<hi>`, `<mrk>`, `<pc>`) keep theirs.
    pub fn text(&mut self, drop: &[&str]) -> Result<String, InputError> {
        let mut out = String::new();
        let mut depth = 1;
        // Depth at which a dropped element started.
        let mut dropping: Option<usize> = None;
        while depth > 0 {
            match self.next()? {
                Ev::Start { name, empty, .. } => {
                    if empty {
                        continue;
                    }
                    depth += 1;
                    if dropping.is_none() && drop.contains(&name.as_str()) {
                        dropping = Some(depth);
                    }
                }
                Ev::End => {
                    if dropping == Some(depth) {
                        dropping = None;
                    }
                    depth -= 1;
                }
                Ev::Text(t) => {
                    if dropping.is_none() {
                        out.push_str(&t);
                        if out.len() > MAX_TEXT {
                            return Err(self.error(format!(
                                "a text of more than {} MiB; paracheck refuses it rather than hold it",
                                MAX_TEXT >> 20
                            )));
                        }
                    }
                }
                Ev::Eof => return Err(self.error("malformed XML: the file ends inside an element")),
            }
        }
        Ok(out)
    }
}

/// Characters XML 1.0 allows.
fn legal_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The primary subtag of a language tag, lower case: `en` of `EN-us`.
pub(crate) fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .trim()
        .to_ascii_lowercase()
}

/// Whether a language tag stands for `want` (a tag or a code): the same tag, or
/// the same primary subtag when `want` has no region.
pub(crate) fn same_lang(tag: &str, want: &str) -> bool {
    tag.trim().eq_ignore_ascii_case(want.trim())
        || (!want.contains(['-', '_']) && primary(tag) == primary(want))
}
