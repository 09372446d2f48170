//! CSV: RFC 4180 with quoting. A header row is required and must name `source` and
//! `target` columns (and optionally `id`), in any order and case; with `--columns`
//! the columns are taken by position and the header's names are not read.
//!
//! The bytes pass through a [`Guard`] on their way to the csv crate: it follows the
//! quoting as the crate does, so that a quote never closed (which the crate reads as
//! one field holding the rest of the file) is an error, a record longer than
//! `max-line-bytes` stops the read, a NUL byte is refused where it is read, and a
//! file whose lines end in a lone `\r` is read with its line numbers.

use super::columns::{ColumnSpec, Role};
use super::{InputError, RawIter, RawPair, Source};
use std::io::{self, Read};

/// Where the quoting of a CSV stream stands (as in csv-core, with `"` quotes and
/// doubled quotes inside quoted fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    /// At the start of a field.
    Start,
    /// In an unquoted field (a quote there is an ordinary character).
    Plain,
    /// In a quoted field.
    Quoted,
    /// A quote in a quoted field: it ends the field unless another follows.
    AfterClose,
}

/// Watches a CSV byte stream (see the module documentation).
struct Guard<R> {
    inner: R,
    state: Quote,
    /// 1-based line being read.
    line: usize,
    /// The line of the last opening quote.
    quote_line: usize,
    /// Bytes since the last record ended.
    record: u64,
    max_record: u64,
    /// Line breaks: `None` until the first one; `Some(true)` for a lone `\r`.
    cr: Option<bool>,
    /// The last byte read was a `\r` (translated to `\n` in a `\r` file).
    after_cr: bool,
    /// The inner reader is exhausted.
    eof: bool,
    /// A `\r` whose meaning waits for the next byte (at the end of a read).
    held_cr: bool,
}

impl<R> Guard<R> {
    /// True when the stream ended inside a quoted field.
    fn unclosed(&self) -> bool {
        self.eof && self.state == Quote::Quoted
    }
}

impl<R: Read> Guard<R> {
    fn new(inner: R, max_record: u64) -> Self {
        Guard {
            inner,
            state: Quote::Start,
            line: 1,
            quote_line: 1,
            record: 0,
            max_record,
            cr: None,
            after_cr: false,
            eof: false,
            held_cr: false,
        }
    }

    fn step(&mut self, b: u8) -> io::Result<()> {
        if b == 0 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "NUL byte"));
        }
        let newline = b == b'\n' || b == b'\r';
        if b == b'\n' {
            self.line += 1;
        }
        self.state = match (self.state, b) {
            (Quote::Start, b'"') => {
                self.quote_line = self.line;
                Quote::Quoted
            }
            (Quote::Quoted, b'"') => Quote::AfterClose,
            (Quote::Quoted, _) => Quote::Quoted,
            (Quote::AfterClose, b'"') => Quote::Quoted,
            (Quote::Start | Quote::Plain | Quote::AfterClose, b',') => Quote::Start,
            (Quote::Start | Quote::Plain | Quote::AfterClose, _) if newline => {
                self.record = 0;
                Quote::Start
            }
            (_, _) => Quote::Plain,
        };
        self.record += 1;
        if self.record > self.max_record {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                "record too long",
            ));
        }
        Ok(())
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                self.eof = true;
                return Ok(0);
            }
            // Decide the line breaks at the first one, translate lone `\r`s to `\n`
            // in a file that ends its lines so, and follow the quoting.
            let mut out = 0;
            for i in 0..n {
                let b = buf[i];
                if self.held_cr {
                    // The byte after a `\r` that ended the previous read.
                    self.held_cr = false;
                    if self.cr.is_none() {
                        self.cr = Some(b != b'\n');
                    }
                }
                if self.cr.is_none() && b == b'\r' {
                    match buf[..n].get(i + 1) {
                        Some(&next) => self.cr = Some(next != b'\n'),
                        None => self.held_cr = true,
                    }
                }
                if self.cr.is_none() && b == b'\n' {
                    self.cr = Some(false);
                }
                let b = if self.cr == Some(true) {
                    if b == b'\n' && self.after_cr {
                        self.after_cr = false;
                        continue;
                    }
                    self.after_cr = b == b'\r';
                    if b == b'\r' { b'\n' } else { b }
                } else {
                    b
                };
                self.step(b)?;
                buf[out] = b;
                out += 1;
            }
            if out > 0 {
                return Ok(out);
            }
        }
    }
}

pub(super) fn read(
    src: Source,
    given: Option<&ColumnSpec>,
    limits: &crate::limits::Limits,
) -> Result<RawIter, InputError> {
    let name = src.name.clone();
    let max = limits.max_line_bytes;
    let mut rdr = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(Guard::new(src.reader, max));
    let headers = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(csv_error(&name, e, rdr.get_ref(), max)),
    };
    if headers.is_empty() {
        return Err(InputError::Empty { path: name });
    }
    if rdr.get_ref().unclosed() && rdr.is_done() {
        return Err(unclosed(&name, rdr.get_ref()));
    }
    let names: Vec<String> = headers
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim()
                .trim_start_matches('\u{feff}')
                .to_ascii_lowercase()
        })
        .collect();
    let pos = |n: &str| names.iter().position(|x| x == n);
    let (source, target, id) = match given {
        Some(c) => {
            if c.width() != names.len() {
                return Err(InputError::Malformed {
                    path: name,
                    line: 1,
                    message: format!(
                        "the header has {} columns, --columns {c} names {}",
                        names.len(),
                        c.width()
                    ),
                });
            }
            (
                c.position(Role::Source),
                c.position(Role::Target),
                c.position(Role::Id),
            )
        }
        None => (pos("source"), pos("target"), pos("id")),
    };
    let (Some(source), Some(target)) = (source, target) else {
        return Err(InputError::Malformed {
            path: name,
            line: 1,
            message: format!(
                "the header must name `source` and `target` columns; found: {}",
                crate::limits::shorten(&names.join(", "), 200)
            ),
        });
    };
    let pair = move |name: &str, rec: ::csv::ByteRecord| -> Result<RawPair, InputError> {
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let field = |i: usize| -> Result<String, InputError> {
            let b = rec.get(i).unwrap_or(b"");
            String::from_utf8(b.to_vec()).map_err(|_| InputError::NotText {
                path: name.to_string(),
                line,
            })
        };
        Ok(RawPair {
            id: match id {
                Some(i) => Some(field(i)?),
                None => None,
            },
            source: field(source)?,
            target: field(target)?,
            source_line: line,
            target_line: line,
            index: None,
        })
    };
    // One record is held back until the next is read: the last one of a file whose
    // last quote is never closed holds the rest of the file and is refused.
    let mut held: Option<::csv::ByteRecord> = None;
    let mut done = false;
    let iter = std::iter::from_fn(move || {
        while !done {
            let mut rec = ::csv::ByteRecord::new();
            match rdr.read_byte_record(&mut rec) {
                Ok(true) => {
                    if let Some(prev) = held.replace(rec) {
                        return Some(pair(&name, prev));
                    }
                }
                Ok(false) => {
                    done = true;
                    if rdr.get_ref().unclosed() {
                        return Some(Err(unclosed(&name, rdr.get_ref())));
                    }
                }
                Err(e) => {
                    done = true;
                    held = None;
                    return Some(Err(csv_error(&name, e, rdr.get_ref(), max)));
                }
            }
        }
        held.take().map(|r| pair(&name, r))
    });
    Ok(Box::new(iter))
}

fn unclosed<R>(path: &str, g: &Guard<R>) -> InputError {
    InputError::Malformed {
        path: path.to_string(),
        line: g.quote_line,
        message: "a quoted field opened here is never closed: the rest of the file would be one field (a quote inside a quoted field is written twice: \"\")".into(),
    }
}

fn csv_error<R>(path: &str, e: ::csv::Error, g: &Guard<R>, max: u64) -> InputError {
    // A record holding the rest of the file has fewer fields than the header.
    if g.unclosed() && matches!(e.kind(), ::csv::ErrorKind::UnequalLengths { .. }) {
        return unclosed(path, g);
    }
    let line = e.position().map_or(0, |p| p.line() as usize);
    match e.kind() {
        ::csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::FileTooLarge => {
            InputError::Malformed {
                path: path.to_string(),
                line: g.line,
                message: format!(
                    "record longer than {}, the limit (max-line-bytes in [limits] of the configuration)",
                    crate::limits::size(max)
                ),
            }
        }
        ::csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::InvalidData => {
            InputError::NotText {
                path: path.to_string(),
                line: g.line,
            }
        }
        ::csv::ErrorKind::Io(_) => InputError::File {
            path: path.to_string(),
            message: e.to_string(),
        },
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => InputError::Malformed {
            path: path.to_string(),
            line,
            message: format!("expected {expected_len} fields like the header, found {len}"),
        },
        ::csv::ErrorKind::Utf8 { .. } => InputError::NotText {
            path: path.to_string(),
            line,
        },
        _ => InputError::Malformed {
            path: path.to_string(),
            line,
            message: format!("malformed CSV: {e}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(bytes: &[u8], max: u64) -> (io::Result<Vec<u8>>, bool) {
        let mut g = Guard::new(bytes, max);
        let mut out = Vec::new();
        let r = g.read_to_end(&mut out).map(|_| out);
        (r, g.unclosed())
    }

    #[test]
    fn follows_quotes_as_the_csv_crate_does() {
        assert!(!through(b"a,b\n\"x\",\"y\"\"z\"\n", 100).1);
        assert!(
            !through(b"a,b\nx\"y,z\n", 100).1,
            "a quote inside a field is a character"
        );
        assert!(through(b"a,b\n\"x,y\nz,w\n", 100).1);
        assert!(
            through(b"a,b\n\"x\"\"\n", 100).1,
            "an escaped quote does not close"
        );
        assert!(!through(b"a,b\n\"x\"y,z\n", 100).1);
    }

    #[test]
    fn translates_lone_carriage_returns() {
        assert_eq!(through(b"a,b\rc,d\r", 100).0.unwrap(), b"a,b\nc,d\n");
        assert_eq!(
            through(b"a,b\r\nc\rd\r\n", 100).0.unwrap(),
            b"a,b\r\nc\rd\r\n"
        );
        assert_eq!(through(b"a\r\r\nb", 100).0.unwrap(), b"a\n\nb");
    }

    #[test]
    fn stops_at_long_records_and_nul() {
        assert_eq!(
            through(b"a,b\nccccccccc,d\n", 5).0.unwrap_err().kind(),
            io::ErrorKind::FileTooLarge
        );
        assert!(
            through(b"a,b\n\"c\nd\ne\",f\n", 8).0.is_err(),
            "newlines in quotes count"
        );
        assert_eq!(
            through(b"a,b\nc\0", 100).0.unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
    }
}
