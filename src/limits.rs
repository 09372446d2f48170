//! Resource limits: how much paracheck reads at once and checks per pair.
//!
//! paracheck runs unattended on files nobody has looked at. Every read is bounded:
//! a line (or CSV record) of a streamed input by `max-line-bytes`, a file read whole
//! (interleaved text, glossary, baseline, shard report) by `max-file-bytes`, a
//! configuration file by [`MAX_CONFIG_BYTES`]. Past a limit the run stops with
//! status 2 and a message naming the file, the line and the setting. A pair larger
//! than `max-pair-bytes` is not checked, and a pair's findings past
//! `max-pair-findings` are counted instead of listed; in both cases a finding says
//! so (`A009`, `A010`). The `[limits]` table of the configuration sets them
//! (docs/security.md).

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

const KIB: u64 = 1 << 10;
const MIB: u64 = 1 << 20;
const GIB: u64 = 1 << 30;

/// The most bytes of a configuration file: read before any `[limits]` is known.
pub const MAX_CONFIG_BYTES: u64 = 16 * MIB;

/// The limits of one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one line of a TSV, JSONL or parallel-file input, or of one CSV record.
    pub max_line_bytes: u64,
    /// Bytes of a file read whole: interleaved text, a glossary, a baseline.
    pub max_file_bytes: u64,
    /// Bytes of a pair's source and target together; a larger pair is not checked.
    pub max_pair_bytes: u64,
    /// Findings reported for one pair; the rest are counted in one finding.
    pub max_pair_findings: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_line_bytes: 64 * MIB,
            max_file_bytes: GIB,
            max_pair_bytes: 16 * MIB,
            max_pair_findings: 1000,
        }
    }
}

/// A byte count as people read it: `64 MiB`, `1 GiB`, `1500 bytes`.
pub fn size(n: u64) -> String {
    for (unit, name) in [(GIB, "GiB"), (MIB, "MiB"), (KIB, "KiB")] {
        if n >= unit && n.is_multiple_of(unit) {
            return format!("{} {name}", n / unit);
        }
    }
    if n >= MIB {
        return format!("{:.1} MiB", n as f64 / MIB as f64);
    }
    if n == 1 {
        "1 byte".into()
    } else {
        format!("{n} bytes")
    }
}

/// Parses a size: a number of bytes, or a number with a unit: `KiB`, `MiB`, `GiB`
/// (also `K`, `M`, `G`), `KB`, `MB`, `GB` (powers of 1000), `B`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits);
    let bad = || {
        format!(
            "`{}` is not a size (a number of bytes, or a number with KiB, MiB or GiB)",
            shorten(s, 40)
        )
    };
    let n: u64 = num.parse().map_err(|_| bad())?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" | "bytes" => 1,
        "k" | "kib" => KIB,
        "m" | "mib" => MIB,
        "g" | "gib" => GIB,
        "kb" => 1000,
        "mb" => 1000 * 1000,
        "gb" => 1000 * 1000 * 1000,
        _ => return Err(bad()),
    };
    n.checked_mul(mult).ok_or_else(bad)
}

/// At most `max` characters of `s`, with `…` and the total when cut: for echoing a
/// value from a file in a message.
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((at, _)) => format!("{}… ({} bytes)", &s[..at], s.len()),
    }
}

/// Why a file could not be read whole.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// Longer than the limit.
    TooLarge {
        limit: u64,
    },
    /// Not UTF-8 text: a NUL byte or an invalid sequence at this 1-based line.
    NotText {
        line: usize,
    },
    /// UTF-16 (by its byte-order mark or the NUL bytes of its ASCII characters).
    Utf16,
}

impl ReadError {
    /// The message, with the setting that raises the limit.
    pub fn message(&self, setting: &str) -> String {
        match self {
            ReadError::Io(e) => format!("cannot read: {e}"),
            ReadError::TooLarge { limit } => {
                format!("larger than {}, the limit ({setting})", size(*limit))
            }
            ReadError::NotText { .. } => {
                "not UTF-8 text (binary file or another encoding); paracheck reads UTF-8".into()
            }
            ReadError::Utf16 => utf16_message().into(),
        }
    }

    /// The line the error is at, when there is one.
    pub fn line(&self) -> Option<usize> {
        match self {
            ReadError::NotText { line } => Some(*line),
            ReadError::Utf16 => Some(1),
            _ => None,
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message("max-file-bytes in [limits]"))
    }
}

pub(crate) fn utf16_message() -> &'static str {
    "UTF-16 text; paracheck reads UTF-8 (convert it, e.g. `iconv -f UTF-16 -t UTF-8`)"
}

/// True when bytes at the start of a file look like UTF-16: a byte-order mark, or
/// (without one) at least half of the first 32 code units ASCII characters, each
/// followed (little-endian) or preceded (big-endian) by a NUL byte. Only the message
/// depends on it: a NUL byte is refused either way.
pub(crate) fn looks_utf16(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let n = head.len().min(64) & !1;
    if n < 4 {
        return false;
    }
    let units = n / 2;
    let pairs = head[..n].chunks(2);
    let le = pairs.clone().filter(|p| p[1] == 0 && p[0] != 0).count();
    let be = pairs.filter(|p| p[0] == 0 && p[1] != 0).count();
    2 * le >= units || 2 * be >= units
}

/// The 1-based line of byte `at`.
pub(crate) fn line_of(bytes: &[u8], at: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..at.min(bytes.len())]).count() + 1
}

/// Reads all of `r`, at most `max` bytes, stopping at the first NUL byte (a binary
/// file, `/dev/zero`) as soon as it is read; the bytes as UTF-8 text without a
/// byte-order mark.
pub fn read_text(mut r: impl Read, max: u64) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let n = match r.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ReadError::Io(e)),
        };
        let start = bytes.len();
        bytes.extend_from_slice(&chunk[..n]);
        if let Some(p) = memchr::memchr(0, &bytes[start..]) {
            return Err(if looks_utf16(&bytes) {
                ReadError::Utf16
            } else {
                ReadError::NotText {
                    line: line_of(&bytes, start + p),
                }
            });
        }
        if bytes.len() as u64 > max {
            return Err(ReadError::TooLarge { limit: max });
        }
    }
    if looks_utf16(&bytes) {
        return Err(ReadError::Utf16);
    }
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => Err(ReadError::NotText {
            line: line_of(e.as_bytes(), e.utf8_error().valid_up_to()),
        }),
    }
}

/// Reads a file whole (see [`read_text`]).
pub fn read_file(path: &Path, max: u64) -> Result<String, ReadError> {
    let f = std::fs::File::open(path).map_err(ReadError::Io)?;
    if f.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(ReadError::Io(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory, not a file",
        )));
    }
    read_text(f, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_and_print() {
        assert_eq!(parse_size("64 MiB"), Ok(64 * MIB));
        assert_eq!(parse_size("64MiB"), Ok(64 * MIB));
        assert_eq!(parse_size("1g"), Ok(GIB));
        assert_eq!(parse_size("1500"), Ok(1500));
        assert_eq!(parse_size("2 KB"), Ok(2000));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999999 GiB").is_err());
        assert_eq!(size(64 * MIB), "64 MiB");
        assert_eq!(size(GIB), "1 GiB");
        assert_eq!(size(1500), "1500 bytes");
        assert_eq!(size(3 * MIB / 2), "1536 KiB");
        assert_eq!(shorten("abcdef", 3), "abc… (6 bytes)");
        assert_eq!(shorten("abc", 3), "abc");
    }

    #[test]
    fn reads_stop_at_the_limit_and_at_nul() {
        assert_eq!(
            read_text(&b"\xEF\xBB\xBFab\ncd"[..], 100).unwrap(),
            "ab\ncd"
        );
        assert!(matches!(
            read_text(&b"abcdef"[..], 3),
            Err(ReadError::TooLarge { limit: 3 })
        ));
        assert!(matches!(
            read_text(&b"a\nb\n\0"[..], 100),
            Err(ReadError::NotText { line: 3 })
        ));
        assert!(matches!(
            read_text(&b"a\n\xFF"[..], 100),
            Err(ReadError::NotText { line: 2 })
        ));
        assert!(matches!(
            read_text(&b"\xFF\xFEa\0b\0"[..], 100),
            Err(ReadError::Utf16)
        ));
        assert!(matches!(
            read_text(&b"a\0b\0c\0"[..], 100),
            Err(ReadError::Utf16)
        ));
        // An endless stream of zeros stops at the first read.
        assert!(matches!(
            read_text(io::repeat(0), u64::MAX),
            Err(ReadError::NotText { line: 1 })
        ));
        assert!(matches!(
            read_text(io::repeat(b'a'), 1 << 20),
            Err(ReadError::TooLarge { .. })
        ));
    }
}
