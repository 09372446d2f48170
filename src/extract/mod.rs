//! Mentions: the numbers, dates and names found in one text, with their spans and
//! canonical values. Language-specific recognisers live in [`crate::lang`]; this
//! module defines what they produce and how overlapping candidates are resolved.

pub mod date;
pub mod entity;
pub mod number;

pub use date::{DateValue, DocumentDate};
pub use entity::EntityValue;
pub use number::{Approx, NumValue, Role};

use serde_json::{Value as Json, json};

/// What kind of thing a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Number,
    Ordinal,
    Percent,
    Fraction,
    Money,
    Quantity,
    Date,
    DateRange,
    Entity,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Ordinal => "ordinal",
            Kind::Percent => "percent",
            Kind::Fraction => "fraction",
            Kind::Money => "money",
            Kind::Quantity => "quantity",
            Kind::Date => "date",
            Kind::DateRange => "date_range",
            Kind::Entity => "entity",
        }
    }

    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Kind::Number
                | Kind::Ordinal
                | Kind::Percent
                | Kind::Fraction
                | Kind::Money
                | Kind::Quantity
        )
    }
}

/// How much a mention can be trusted to be a quantity the translation must keep.
///
/// Only strong mentions produce findings on their own. A weak mention (a spelled-out
/// small number such as `two` or `两`, a discourse ordinal such as `First,` or `一是`)
/// is used to match a number on the other side but is never reported alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strength {
    Weak,
    Strong,
}

/// The canonical value of a mention.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Num(NumValue),
    Date(DateValue),
    Entity(EntityValue),
}

/// One number, date or name found in a text.
///
/// `start..end` is a byte range into the text the mention was found in, and
/// `text` that slice of it, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention<'t> {
    pub kind: Kind,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character (exclusive).
    pub end: usize,
    /// The text of the span as written.
    pub text: &'t str,
    pub value: Value,
    pub strength: Strength,
}

impl Mention<'_> {
    pub fn num(&self) -> Option<&NumValue> {
        match &self.value {
            Value::Num(n) => Some(n),
            _ => None,
        }
    }

    pub fn date(&self) -> Option<&DateValue> {
        match &self.value {
            Value::Date(d) => Some(d),
            _ => None,
        }
    }

    pub fn entity(&self) -> Option<&EntityValue> {
        match &self.value {
            Value::Entity(e) => Some(e),
            _ => None,
        }
    }

    /// The canonical value as a string: a decimal, a TIMEX-like date, an entity key.
    pub fn canonical(&self) -> String {
        match &self.value {
            Value::Num(n) => n.canonical(),
            Value::Date(d) => d.timex(),
            Value::Entity(e) => e.key.clone(),
        }
    }

    /// A short human form of the value for messages: `153938500000`, `~1000`, `2022-03-02`.
    pub fn display_value(&self) -> String {
        match &self.value {
            Value::Num(n) => n.to_string(),
            Value::Date(d) => d.display(),
            Value::Entity(e) => e.display.clone(),
        }
    }

    /// The mention as the `paracheck extract` JSON object, with character offsets
    /// (`chars` indexes the text the mention was found in).
    pub fn to_json(&self, text: &str, chars: &crate::text::CharIndex) -> Json {
        let mut o = json!({
            "kind": self.kind.as_str(),
            "text": self.text,
            "start": chars.char_of(text, self.start),
            "end": chars.char_of(text, self.end),
            "value": self.canonical(),
        });
        let m = o.as_object_mut().expect("object");
        match &self.value {
            Value::Num(n) => {
                if n.approx != Approx::Exact {
                    m.insert("approx".into(), json!(n.approx));
                    m.insert("min".into(), json!(number::canonical(n.lo)));
                    m.insert("max".into(), json!(number::canonical(n.hi)));
                }
                if let Some(u) = n.unit {
                    m.insert("unit".into(), json!(u));
                }
                if let Some(r) = n.role {
                    m.insert("role".into(), json!(r.as_str()));
                }
                if let Some((a, b)) = n.ratio {
                    m.insert(
                        "ratio".into(),
                        json!(format!("{}/{}", number::canonical(a), number::canonical(b))),
                    );
                }
            }
            Value::Date(d) => d.json_fields(m),
            Value::Entity(e) => e.json_fields(m),
        }
        if self.strength == Strength::Weak {
            m.insert("weak".into(), json!(true));
        }
        o
    }
}

/// Resolves overlapping candidates: longer spans win (in characters), then earlier
/// ones; the result is sorted by position and free of overlaps.
///
/// The candidates are sorted by position first (a stable sort, which keeps the
/// order of those with the same span, the order ties were always broken by):
/// most lists hold no overlap, and are then done. Otherwise the spans taken so
/// far are marked byte by byte, so a candidate is checked in the time of its
/// own length.
pub fn resolve_overlaps(mut cands: Vec<Mention<'_>>) -> Vec<Mention<'_>> {
    cands.sort_by_key(|m| (m.start, m.end));
    if cands.windows(2).all(|w| w[0].end <= w[1].start) {
        return cands;
    }
    by_length(cands)
}

/// [`resolve_overlaps`] for candidates in any order: longer spans first (ties by
/// start, kind, then the order given), each kept where nothing kept overlaps it,
/// the result sorted by position.
fn by_length(mut cands: Vec<Mention<'_>>) -> Vec<Mention<'_>> {
    // Character lengths decide, as they always have; spans are short, so counting
    // each one's characters is bounded by the text's length in all.
    let mut order: Vec<(usize, usize)> = cands
        .iter()
        .enumerate()
        .map(|(i, m)| (m.text.chars().count(), i))
        .collect();
    order.sort_by(|&(la, a), &(lb, b)| {
        let (x, y) = (&cands[a], &cands[b]);
        lb.cmp(&la)
            .then(x.start.cmp(&y.start))
            .then(x.kind.cmp(&y.kind))
            .then(a.cmp(&b))
    });
    let end = cands.iter().map(|m| m.end).max().unwrap_or(0);
    let mut taken = Covered::new(end);
    let mut keep = vec![false; cands.len()];
    for &(_, i) in &order {
        let (s, e) = (cands[i].start, cands[i].end);
        if taken.free(s, e) {
            taken.cover(s, e);
            keep[i] = true;
        }
    }
    let mut i = 0;
    cands.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    // Already in order of position when the candidates were.
    cands.sort_by_key(|m| (m.start, m.end));
    cands
}

/// The bytes of a text covered by spans taken so far, one bit each: a span is
/// checked and taken in the time of its length. (Spans are never empty.)
pub struct Covered {
    bits: Vec<u64>,
}

impl Covered {
    pub fn new(len: usize) -> Self {
        Covered {
            bits: vec![0; len / 64 + 1],
        }
    }

    fn grow(&mut self, end: usize) {
        if end / 64 >= self.bits.len() {
            self.bits.resize(end / 64 + 1, 0);
        }
    }

    /// True when no byte of `[s, e)` is covered.
    pub fn free(&self, s: usize, e: usize) -> bool {
        debug_assert!(s < e, "empty span {s}..{e}");
        (s..e).all(|b| {
            self.bits
                .get(b / 64)
                .is_none_or(|w| w & (1 << (b % 64)) == 0)
        })
    }

    /// Covers `[s, e)`.
    pub fn cover(&mut self, s: usize, e: usize) {
        self.grow(e);
        for b in s..e {
            self.bits[b / 64] |= 1 << (b % 64);
        }
    }
}

#[cfg(test)]
mod overlap_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any candidates, overlapping or not, several of one span and kind
        /// (told apart by their keys): sorting them first and returning at once
        /// where none overlaps keeps the same mentions, in the same order, as
        /// ranking them as given (the resolution as first written).
        #[test]
        fn resolves_as_the_reference(
            spans in proptest::collection::vec((0usize..12, 1usize..5, 0usize..3), 0..8),
        ) {
            let text = "ab中cd文é fg中hi文";
            let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
            let kinds = [Kind::Number, Kind::Date, Kind::Entity];
            let cands: Vec<Mention> = spans
                .iter()
                .enumerate()
                .map(|(n, &(s, l, k))| {
                    let (s, e) = (bounds[s], bounds[(s + l).min(bounds.len() - 1)]);
                    let mut m = entity::other_mention(format!("x:{n}"), s, e, &text[s..e], "name");
                    m.kind = kinds[k];
                    m
                })
                .collect();
            let key = |ms: &[Mention]| -> Vec<String> {
                ms.iter().map(|m| m.entity().map(|e| e.key.clone()).unwrap_or_default()).collect()
            };
            prop_assert_eq!(key(&resolve_overlaps(cands.clone())), key(&by_length(cands)));
        }
    }
}
