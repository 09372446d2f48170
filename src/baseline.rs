//! Baselines: a file of known findings, by fingerprint, so that CI fails only on new
//! ones (docs/ci.md).
//!
//! `--write-baseline FILE` records every current finding; `--baseline FILE` leaves
//! out each finding whose fingerprint the file records (as many times as it records
//! it) and reports the entries that no finding matched any more as stale.
//! Fingerprints hash the rule, the pair id or normalized source text and the values,
//! never line numbers, so moving pairs around does not change them.

use crate::config::relative;
use crate::report::{BaselineEntry, BaselineInfo, Run};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

/// The format version of baseline files.
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    baseline: u32,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    code: String,
    file: String,
    message: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    paracheck: Header,
    findings: Vec<Entry>,
}

/// A baseline that was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    /// As shown in messages and reports.
    pub path: String,
    pub entries: Vec<BaselineEntry>,
}

/// Writes the baseline of a run's findings to `path` atomically.
pub fn write(run: &Run, path: &Path) -> io::Result<()> {
    let mut r = Recorder::create(path)?;
    for f in &run.findings {
        r.add(&f.fingerprint, f.rule.code(), &f.file, &f.message)?;
    }
    r.commit().map(|_| ())
}

/// A baseline file written entry by entry as findings stream past (into a temporary
/// file renamed into place by [`Recorder::commit`]); the same bytes as
/// [`write`] makes from the whole run.
pub struct Recorder {
    out: crate::report::AtomicFile,
    entries: usize,
}

impl Recorder {
    pub fn create(path: &Path) -> io::Result<Recorder> {
        let mut out = crate::report::AtomicFile::create(path)?;
        write!(
            out,
            "{{\n  \"paracheck\": {{\n    \"baseline\": {VERSION}\n  }},\n  \"findings\": ["
        )?;
        Ok(Recorder { out, entries: 0 })
    }

    pub fn add(
        &mut self,
        fingerprint: &str,
        code: &str,
        file: &str,
        message: &str,
    ) -> io::Result<()> {
        let e = Entry {
            fingerprint: fingerprint.to_string(),
            code: code.to_string(),
            file: file.to_string(),
            message: message.to_string(),
        };
        // serde_json's pretty printer, indented two levels (JSON strings hold no
        // raw line breaks, so indenting each line is safe).
        let body = serde_json::to_string_pretty(&e)?;
        self.out
            .write_all(if self.entries == 0 { b"\n" } else { b",\n" })?;
        for (i, line) in body.lines().enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
            }
            write!(self.out, "    {line}")?;
        }
        self.entries += 1;
        Ok(())
    }

    /// Ends the file and renames it into place; returns how many entries it has.
    pub fn commit(mut self) -> io::Result<usize> {
        if self.entries == 0 {
            self.out.write_all(b"]\n}\n")?;
        } else {
            self.out.write_all(b"\n  ]\n}\n")?;
        }
        self.out.commit()?;
        Ok(self.entries)
    }
}

/// Reads a baseline file of at most `max` bytes; the error names the file (and
/// line and column).
pub fn read(path: &Path, max: u64) -> Result<Baseline, String> {
    use crate::limits::ReadError;
    let shown = relative(path).display().to_string();
    let text = crate::limits::read_file(path, max).map_err(|e| match e {
        ReadError::Io(e) => format!("{shown}: cannot read the baseline: {e}"),
        e => format!(
            "{shown}{}: {}",
            e.line().map(|l| format!(":{l}")).unwrap_or_default(),
            e.message("max-file-bytes in [limits] of the configuration")
        ),
    })?;
    parse(&shown, &text)
}

/// Reads the text of a baseline file, shown as `shown` in messages (a byte-order
/// mark is passed over).
pub fn parse(shown: &str, text: &str) -> Result<Baseline, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: File = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        let msg = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m);
        format!(
            "{shown}:{}:{}: not a paracheck baseline: {}",
            e.line(),
            e.column(),
            crate::limits::shorten(msg, 300)
        )
    })?;
    if file.paracheck.baseline != VERSION {
        return Err(format!(
            "{shown}: baseline format {} is not supported (this paracheck reads format {VERSION})",
            file.paracheck.baseline
        ));
    }
    for (i, e) in file.findings.iter().enumerate() {
        if e.fingerprint.len() != 16 || !e.fingerprint.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "{shown}: findings[{i}]: `{}` is not a fingerprint (16 hex digits)",
                crate::limits::shorten(&e.fingerprint, 40)
            ));
        }
    }
    Ok(Baseline {
        path: shown.to_string(),
        entries: file
            .findings
            .into_iter()
            .map(|e| BaselineEntry {
                fingerprint: e.fingerprint.to_ascii_lowercase(),
                code: e.code,
                file: e.file,
                message: e.message,
            })
            .collect(),
    })
}

/// Leaves out of `run` the findings the baseline records and notes the entries that
/// matched nothing.
pub fn apply(run: &mut Run, baseline: &Baseline) {
    let mut s = Suppressor::new(baseline.clone());
    run.findings.retain(|f| s.keep(&f.fingerprint));
    run.baseline = Some(s.finish());
}

/// A baseline applied to findings in input order as they stream past: each entry
/// leaves out the first finding with its fingerprint not yet left out.
pub struct Suppressor {
    baseline: Baseline,
    left: BTreeMap<String, usize>,
    suppressed: usize,
}

impl Suppressor {
    pub fn new(baseline: Baseline) -> Suppressor {
        let mut left: BTreeMap<String, usize> = BTreeMap::new();
        for e in &baseline.entries {
            *left.entry(e.fingerprint.clone()).or_default() += 1;
        }
        Suppressor {
            baseline,
            left,
            suppressed: 0,
        }
    }

    /// Whether the next finding, with this fingerprint, is reported.
    pub fn keep(&mut self, fingerprint: &str) -> bool {
        match self.left.get_mut(fingerprint) {
            Some(n) if *n > 0 => {
                *n -= 1;
                self.suppressed += 1;
                false
            }
            _ => true,
        }
    }

    /// What the baseline did: how many findings it left out, and its entries that
    /// matched none (in file order).
    pub fn finish(mut self) -> BaselineInfo {
        let mut stale = Vec::new();
        for e in &self.baseline.entries {
            if let Some(n) = self.left.get_mut(e.fingerprint.as_str())
                && *n > 0
            {
                *n -= 1;
                stale.push(e.clone());
            }
        }
        BaselineInfo {
            path: self.baseline.path,
            suppressed: self.suppressed,
            stale,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorder_writes_what_serde_writes() {
        let dir = tempfile::tempdir().unwrap();
        let entries = [
            (
                "3f4c356403e539bb",
                "N001",
                "a.md",
                "source \"1\" ≠ target \"2\"",
            ),
            ("0000000000000001", "A001", "b\\c.tsv", "line\nbreak"),
        ];
        for n in 0..=entries.len() {
            let path = dir.path().join(format!("b{n}.json"));
            let mut r = Recorder::create(&path).unwrap();
            for (f, c, file, m) in &entries[..n] {
                r.add(f, c, file, m).unwrap();
            }
            assert_eq!(r.commit().unwrap(), n);
            let want = File {
                paracheck: Header { baseline: VERSION },
                findings: entries[..n]
                    .iter()
                    .map(|(f, c, file, m)| Entry {
                        fingerprint: f.to_string(),
                        code: c.to_string(),
                        file: file.to_string(),
                        message: m.to_string(),
                    })
                    .collect(),
            };
            let want = serde_json::to_string_pretty(&want).unwrap() + "\n";
            assert_eq!(std::fs::read_to_string(&path).unwrap(), want, "{n} entries");
        }
    }
}
