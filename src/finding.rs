//! Findings: what the checks report.

use crate::check::codes::Rule;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected error, warning or info)"
            )),
        }
    }
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Alignment,
    Number,
    Date,
    Entity,
    Glossary,
}

impl Category {
    pub const ALL: &'static [Category] = &[
        Category::Alignment,
        Category::Number,
        Category::Date,
        Category::Entity,
        Category::Glossary,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Alignment => "alignment",
            Category::Number => "number",
            Category::Date => "date",
            Category::Entity => "entity",
            Category::Glossary => "glossary",
        }
    }
}

/// A span of one side of a pair, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpanRef {
    pub text: String,
    /// Character offsets in the side's text, end exclusive.
    pub start: usize,
    pub end: usize,
    /// Canonical value (decimal string, TIMEX date, entity key), if any.
    pub value: Option<String>,
    /// The value as messages show it (`mid 2024-03`, `~1000`), if any; not part
    /// of the JSON contract.
    #[serde(skip)]
    pub display: Option<String>,
    /// The language of the span's text when the reader knew it and no pair says
    /// it (an unpaired paragraph); not part of the JSON contract.
    #[serde(skip)]
    pub lang: Option<&'static str>,
}

/// One reported problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    /// 0-based position of the pair in input order.
    pub pair_index: usize,
    pub pair_id: Option<String>,
    pub file: String,
    /// 1-based lines of the source and target text (absent for a side that does not exist).
    pub source_line: Option<usize>,
    pub target_line: Option<usize>,
    pub message: String,
    pub source: Option<SpanRef>,
    pub target: Option<SpanRef>,
    /// Stable identity of the finding: rule, pair id (or normalized source text) and
    /// values, never line numbers.
    pub fingerprint: String,
}

impl Finding {
    pub fn category(&self) -> Category {
        self.rule.category()
    }

    /// A paragraph without a partner (`A001`): its span is the whole paragraph, and
    /// it is no pair's.
    pub fn is_unpaired(&self) -> bool {
        self.rule == Rule::UnpairedParagraph
    }
}

/// 64-bit FNV-1a, used for fingerprints (stable across platforms and versions).
/// Each part is followed by a `0xff` separator.
pub fn fnv1a(parts: &[&str]) -> u64 {
    fnv1a_from(0xcbf29ce484222325, parts)
}

/// [`fnv1a`] continued from the state `h` reached after earlier parts.
fn fnv1a_from(mut h: u64, parts: &[&str]) -> u64 {
    for p in parts {
        for b in p.as_bytes().iter().chain(std::iter::once(&0xffu8)) {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

/// Text normalized for fingerprints: whitespace collapsed.
pub fn normalize_for_fingerprint(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fills in fingerprints for the findings of one pair: the hash of rule, pair id or
/// normalized source text, the two values, and an occurrence number among findings
/// with the same key.
///
/// The pair key (a whole source text when the pair has no id) is hashed once per
/// rule, not once per finding.
pub fn assign_fingerprints(findings: &mut [Finding], pair_key: &str) {
    let mut seen: foldhash::HashMap<u64, usize> = foldhash::HashMap::default();
    let mut prefix: Vec<(&'static str, u64)> = Vec::new();
    for f in findings.iter_mut() {
        let sv = f
            .source
            .as_ref()
            .and_then(|s| s.value.clone())
            .unwrap_or_default();
        let tv = f
            .target
            .as_ref()
            .and_then(|s| s.value.clone())
            .unwrap_or_default();
        let st = f.source.as_ref().map(|s| s.text.as_str()).unwrap_or("");
        let tt = f.target.as_ref().map(|s| s.text.as_str()).unwrap_or("");
        let code = f.rule.code();
        let h = match prefix.iter().find(|(c, _)| *c == code) {
            Some(&(_, h)) => h,
            None => {
                let h = fnv1a(&[code, pair_key]);
                prefix.push((code, h));
                h
            }
        };
        let base = fnv1a_from(h, &[&sv, &tv, st, tt]);
        let count = seen.entry(base).or_insert(0);
        let n = *count;
        *count += 1;
        f.fingerprint = format!("{:016x}", fnv1a(&[&format!("{base:016x}"), &n.to_string()]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        // Reference values of 64-bit FNV-1a for the empty input and "a" (without our separator).
        let mut h: u64 = 0xcbf29ce484222325;
        for b in b"a" {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        assert_eq!(h, 0xaf63dc4c8601ec8c);
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
        // Continuing from a state is hashing the parts together.
        assert_eq!(
            fnv1a_from(fnv1a(&["a", "b"]), &["c"]),
            fnv1a(&["a", "b", "c"])
        );
    }

    #[test]
    fn severity_parses_and_orders() {
        assert_eq!("Warning".parse::<Severity>(), Ok(Severity::Warning));
        assert!("fatal".parse::<Severity>().is_err());
        assert!(Severity::Error > Severity::Warning && Severity::Warning > Severity::Info);
    }
}
