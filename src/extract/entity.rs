//! Entity values: a name resolved to a canonical key.

use crate::extract::{Kind, Mention, Strength, Value};
use crate::gazetteer::Gazetteer;
use serde_json::{Map, Value as Json, json};

/// The type of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Country,
    Region,
    Place,
    Person,
    Org,
    Event,
    Other,
}

impl EntityType {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "country" => EntityType::Country,
            "region" => EntityType::Region,
            "place" => EntityType::Place,
            "person" => EntityType::Person,
            "org" => EntityType::Org,
            "event" => EntityType::Event,
            "other" => EntityType::Other,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Country => "country",
            EntityType::Region => "region",
            EntityType::Place => "place",
            EntityType::Person => "person",
            EntityType::Org => "org",
            EntityType::Event => "event",
            EntityType::Other => "other",
        }
    }
}

/// The canonical value of a name mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityValue {
    /// Canonical key: an ISO code, `org:NATO`, `person:Vladimir Putin`, or for a
    /// name outside the gazetteer its normalized form (`latin:SWIFT`).
    pub key: String,
    /// All keys the written form can stand for (an ambiguous abbreviation has several).
    pub keys: Vec<String>,
    pub etype: EntityType,
    /// Display form for messages (the canonical English name).
    pub display: String,
    /// How it was recognised: `gazetteer`, `abbreviation`, `latin`, `name`, `glossary`.
    pub source: &'static str,
}

impl EntityValue {
    pub fn json_fields(&self, m: &mut Map<String, Json>) {
        m.insert("entity_type".into(), json!(self.etype.as_str()));
        m.insert("name".into(), json!(self.display));
        if self.keys.len() > 1 {
            m.insert("keys".into(), json!(self.keys));
        }
        m.insert("via".into(), json!(self.source));
    }
}

/// The runs of Latin letters and digits in a text that may be codes, in any
/// language: the pattern `[A-Za-z0-9]+(?:[-/+.][A-Za-z0-9]+)*\+?` (APEC, SWIFT,
/// G20, MH17, COVID-19, F-16, LP700), as `(start, end)`, scanned over bytes.
pub fn latin_runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        i = crate::text::find_byte(b, i, |c| c.is_ascii_alphanumeric());
        if i >= b.len() {
            return None;
        }
        let s = i;
        i = run_end(b, s);
        Some((s, i))
    })
}

/// The bytes that join letters and digits into one run of [`latin_runs`].
fn joins(c: u8) -> bool {
    matches!(c, b'-' | b'/' | b'+' | b'.')
}

/// The end of the run of [`latin_runs`] starting at `s` (a letter or digit).
fn run_end(b: &[u8], s: usize) -> usize {
    let alnum_end = |mut e: usize| {
        while e < b.len() && b[e].is_ascii_alphanumeric() {
            e += 1;
        }
        e
    };
    let mut e = alnum_end(s);
    while e + 1 < b.len() && joins(b[e]) && b[e + 1].is_ascii_alphanumeric() {
        e = alnum_end(e + 1);
    }
    if b.get(e) == Some(&b'+') {
        e += 1;
    }
    e
}

/// The runs of [`latin_runs`] that hold a capital letter (`APEC`, `G20`, `iPhone`;
/// not `covid-19`), found from the capitals: from each, back to where its run
/// starts and on to where it ends, by the same rules read either way (a joining
/// `-`, `/`, `+` or `.` joins only between letters or digits, so a run starts
/// after a byte that is neither). The text between runs is passed over a byte
/// at a time looking for a capital only.
pub fn latin_runs_with_capital(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let cap = crate::text::find_byte(b, i, |c| c.is_ascii_uppercase());
        if cap >= b.len() {
            return None;
        }
        // Back to the run's start.
        let mut s = cap;
        loop {
            if s > 0 && b[s - 1].is_ascii_alphanumeric() {
                s -= 1;
            } else if s > 1 && joins(b[s - 1]) && b[s - 2].is_ascii_alphanumeric() {
                s -= 2;
            } else {
                break;
            }
        }
        i = run_end(b, s);
        Some((s, i))
    })
}

/// A Latin code: two or more letters all capitals, or letters mixed with digits.
/// `G20`, `MH17`, `APEC`, `F-16`, `5G`; not `13-year-old`, `2.8bn`, `125th`, `No.1`.
pub fn is_code(token: &str) -> bool {
    // One pass over the characters (this runs on every word of English text).
    // Bytes, not characters: only ASCII letters and digits count, and a byte of a
    // character outside ASCII is neither (nor a Roman numeral's letter).
    let (mut letters, mut digits, mut upper, mut roman) = (0, 0, 0, true);
    for &c in token.as_bytes() {
        if c.is_ascii_alphabetic() {
            letters += 1;
            upper += usize::from(c.is_ascii_uppercase());
        } else if c.is_ascii_digit() {
            digits += 1;
        }
        roman &= matches!(c, b'I' | b'V' | b'X' | b'L');
    }
    let starts_with_letter = token
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphabetic);
    if letters == 0 || roman {
        return false;
    }
    if digits == 0 {
        return upper >= 2 && upper == letters;
    }
    // Letters and digits: a code when it starts with a letter (G20, Su-35) and has
    // no word-like dotted part (No.1), or when its letters are capitals (5G, 3D).
    (starts_with_letter && upper >= 1 && !token.as_bytes().contains(&b'.')) || upper == letters
}

/// A mention of gazetteer entries `ids`, keyed by all their keys.
pub fn entity_mention<'t>(
    gazetteer: &Gazetteer,
    ids: &[u32],
    start: usize,
    end: usize,
    text: &'t str,
    strong: bool,
    via: &'static str,
) -> Mention<'t> {
    // Prefer a strong entry for the canonical key and type.
    let primary = ids
        .iter()
        .map(|&i| i as usize)
        .find(|&i| gazetteer.entries[i].strong)
        .unwrap_or(ids[0] as usize);
    let mut keys: Vec<String> = Vec::new();
    for &i in ids {
        for k in gazetteer.key_strs(i as usize) {
            if !keys.iter().any(|x| x == k) {
                keys.push(k.to_string());
            }
        }
    }
    let e = &gazetteer.entries[primary];
    Mention {
        kind: Kind::Entity,
        start,
        end,
        text,
        value: Value::Entity(EntityValue {
            key: e.key.to_string(),
            keys,
            etype: e.etype,
            display: e.display().to_string(),
            source: via,
        }),
        strength: if strong {
            Strength::Strong
        } else {
            Strength::Weak
        },
    }
}

/// A mention of a name outside the gazetteer (a code, a capitalised name).
pub fn other_mention<'t>(
    key: String,
    start: usize,
    end: usize,
    text: &'t str,
    via: &'static str,
) -> Mention<'t> {
    Mention {
        kind: Kind::Entity,
        start,
        end,
        value: Value::Entity(EntityValue {
            key: key.clone(),
            keys: vec![key],
            etype: EntityType::Other,
            display: text.to_string(),
            source: via,
        }),
        text,
        strength: Strength::Weak,
    }
}

/// Picks non-overlapping matches, longest first then leftmost (the bytes taken are
/// marked, so a match is checked in the time of its length).
pub fn longest_first(found: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    // Matches given in order of position and none overlapping (most texts' list):
    // every one is taken, in that order.
    if found.windows(2).all(|w| w[0].1 <= w[1].0) {
        return found;
    }
    longest_taken(found)
}

/// [`longest_first`] for matches in any order, without its shortcut.
fn longest_taken(mut found: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    // Stable: among matches of one length the caller's order decides, then position.
    found.sort_by_key(|m| std::cmp::Reverse(m.1 - m.0));
    let end = found.iter().map(|m| m.1).max().unwrap_or(0);
    let mut spans = crate::extract::Covered::new(end);
    let mut taken: Vec<(usize, usize, usize)> = Vec::new();
    for m in found {
        if spans.free(m.0, m.1) {
            spans.cover(m.0, m.1);
            taken.push(m);
        }
    }
    taken.sort();
    taken
}

#[cfg(test)]
mod latin_runs_tests {
    use super::{latin_runs, latin_runs_with_capital};
    use proptest::prelude::*;

    proptest! {
        /// The scanner finds what the pattern it implements finds.
        #[test]
        fn latin_runs_are_the_pattern(text in "[aZ09 .+/\\-中é]{0,24}") {
            let re = regex::Regex::new(r"[A-Za-z0-9]+(?:[-/+.][A-Za-z0-9]+)*\+?").unwrap();
            let want: Vec<(usize, usize)> = re.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            prop_assert_eq!(latin_runs(&text).collect::<Vec<_>>(), want);
        }

        /// The runs with a capital are those of all runs that hold one.
        #[test]
        fn runs_with_a_capital_are_those_holding_one(text in "[aZ09 .+/\\-中é]{0,24}") {
            let want: Vec<(usize, usize)> = latin_runs(&text)
                .filter(|&(s, e)| text.as_bytes()[s..e].iter().any(u8::is_ascii_uppercase))
                .collect();
            prop_assert_eq!(latin_runs_with_capital(&text).collect::<Vec<_>>(), want);
        }
    }
}

#[cfg(test)]
mod longest_first_tests {
    use super::{longest_first, longest_taken};
    use proptest::prelude::*;

    proptest! {
        /// Matches in any order, in order of position, overlapping or not.
        #[test]
        fn takes_what_the_reference_takes(
            raw in proptest::collection::vec((0usize..30, 1usize..6, 0usize..4), 0..8),
            in_order in any::<bool>(),
        ) {
            let mut found: Vec<(usize, usize, usize)> = raw.iter().map(|&(s, l, p)| (s, s + l, p)).collect();
            if in_order {
                found.sort();
            }
            prop_assert_eq!(longest_first(found.clone()), longest_taken(found));
        }
    }
}
