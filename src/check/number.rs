//! The number check: source numbers against target numbers, by value.

use super::{Ctx, Sides, describe, greedy_match, rel_pos};
use crate::check::codes::Rule;
use crate::extract::{Kind, Mention, NumValue, Strength};
use crate::input::Side;
use rust_decimal::Decimal;

/// Kinds that can stand for the same quantity.
fn class(k: Kind) -> u8 {
    match k {
        Kind::Number | Kind::Money | Kind::Quantity => 0,
        Kind::Percent => 1,
        Kind::Ordinal => 2,
        Kind::Fraction => 3,
        _ => 9,
    }
}

fn is_currency(u: &str) -> bool {
    u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase())
}

/// Percentages and percentage points are different quantities.
fn percent_unit(n: &NumValue) -> &'static str {
    match n.unit {
        Some("pp") => "pp",
        Some("bp") => "bp",
        _ => "%",
    }
}

/// Value of a percentage or fraction as a share of one, for comparing `50%` and `half`.
fn share(m: &Mention) -> Option<NumValue> {
    let n = m.num()?;
    match m.kind {
        Kind::Percent if percent_unit(n) == "%" => {
            let mut v = NumValue::exact(n.value / Decimal::ONE_HUNDRED);
            v.lo = n.lo / Decimal::ONE_HUNDRED;
            v.hi = n.hi / Decimal::ONE_HUNDRED;
            v.approx = n.approx;
            Some(v)
        }
        Kind::Fraction => Some(NumValue {
            ratio: None,
            ..n.clone()
        }),
        _ => None,
    }
}

/// The result of matching numbers by value; what is left is reported.
pub(super) struct Numbers {
    pub left_src: Vec<usize>,
    pub left_tgt: Vec<usize>,
}

impl Numbers {
    pub fn new(s: &Sides) -> Self {
        let numeric = |m: &Mention| m.kind.is_numeric();
        let mut left_src = s.indices(Side::Source, numeric);
        let mut left_tgt = s.indices(Side::Target, numeric);
        let pos = |i: usize, j: usize| {
            (rel_pos(&s.src[i], s.src_len) - rel_pos(&s.tgt[j], s.tgt_len)).abs()
        };
        // Pass 1: same kind class, same value.
        let m1 = greedy_match(&left_src, &left_tgt, |i, j| {
            let (a, b) = (&s.src[i], &s.tgt[j]);
            if class(a.kind) != class(b.kind) {
                return None;
            }
            let (x, y) = (a.num()?, b.num()?);
            if a.kind == Kind::Percent && percent_unit(x) != percent_unit(y) {
                return None;
            }
            if !x.same_value(y) {
                return None;
            }
            let unit_penalty = if x.unit == y.unit { 0 } else { 100 };
            let approx_penalty = if x.approx == y.approx { 0 } else { 50 };
            // Prefer the same stated value over a merely overlapping interval.
            let value_penalty = if x.value == y.value { 0 } else { 500 };
            Some(pos(i, j) + unit_penalty + approx_penalty + value_penalty)
        });
        remove(&mut left_src, &mut left_tgt, &m1);
        // Pass 2: across kinds: `Article 5` ↔ `第5条`, `50%` ↔ `half`.
        let m2 = greedy_match(&left_src, &left_tgt, |i, j| {
            let (a, b) = (&s.src[i], &s.tgt[j]);
            if let (Some(x), Some(y)) = (share(a), share(b)) {
                return x.same_value(&y).then(|| pos(i, j));
            }
            let (x, y) = (a.num()?, b.num()?);
            // `won by 20 points` ↔ `20个百分点`
            let points = |p: &Mention, q: &NumValue| {
                p.num().is_some_and(|n| n.unit == Some("pp")) && q.unit == Some("point")
            };
            if points(a, y) || points(b, x) {
                return (x.value == y.value).then(|| 1000 + pos(i, j));
            }
            if a.kind == Kind::Percent || b.kind == Kind::Percent {
                return None;
            }
            (x.same_value(y) && x.ratio.is_none() == y.ratio.is_none()).then(|| 1000 + pos(i, j))
        });
        remove(&mut left_src, &mut left_tgt, &m2);
        Numbers { left_src, left_tgt }
    }

    /// Pairs what is left into mismatches (same role, different value), then
    /// reports the rest as missing or extra. Weak mentions are never reported alone.
    pub fn report(mut self, s: &Sides, ctx: &mut Ctx<'_>) {
        let pos = |i: usize, j: usize| {
            (rel_pos(&s.src[i], s.src_len) - rel_pos(&s.tgt[j], s.tgt_len)).abs()
        };
        // A number of three or more digits that the other text holds verbatim was
        // misread on one side (a phone number, a code, digit grouping): drop it
        // before pairing mismatches.
        // Only plain numbers: `89.4 billion` against `89.4亿` is a scale slip, not a misreading.
        let long_verbatim = |m: &Mention, other: &str, others: &[Mention]| {
            let plain = m.kind == Kind::Number
                && m.num()
                    .is_some_and(|n| n.unit.is_none() && n.quantum <= Decimal::ONE);
            plain
                && m.text.chars().filter(char::is_ascii_digit).count() >= 3
                && verbatim(m, other, others)
        };
        // (Unless the other side has a leftover of the same value: then both were
        // read, and differ in kind, such as 0.25 percent against 0.25 points.)
        let same_value_left = |m: &Mention, others: &[usize], ms: &[Mention]| {
            others.iter().any(|&o| {
                ms[o]
                    .num()
                    .zip(m.num())
                    .is_some_and(|(x, y)| x.value == y.value)
            })
        };
        let (ls, lt) = (self.left_src.clone(), self.left_tgt.clone());
        self.left_src.retain(|&i| {
            same_value_left(&s.src[i], &lt, &s.tgt) || !long_verbatim(&s.src[i], s.tgt_text, &s.tgt)
        });
        self.left_tgt.retain(|&j| {
            same_value_left(&s.tgt[j], &ls, &s.src) || !long_verbatim(&s.tgt[j], s.src_text, &s.src)
        });
        // Among mismatches, pair the numbers written with the same digits first
        // (`138亿` with `138 billion`, not with `143 billion`).
        let pairs = greedy_match(&self.left_src, &self.left_tgt, |i, j| {
            let (a, b) = (&s.src[i], &s.tgt[j]);
            let same_digits = a
                .num()
                .zip(b.num())
                .is_some_and(|(x, y)| digit_signature(x.value) == digit_signature(y.value));
            same_role(a, b).then(|| {
                pos(i, j)
                    + if a.strength == b.strength { 0 } else { 200 }
                    + if same_digits { 0 } else { 1000 }
            })
        });
        remove(&mut self.left_src, &mut self.left_tgt, &pairs);
        // A number the other side states anyway (repeated in one language, said once
        // in the other) is not missing (checked after
        // mismatches are paired, so a changed repeat is still a mismatch).
        let stated = |m: &Mention, other: &[Mention]| {
            other.iter().any(|o| {
                class(o.kind) == class(m.kind)
                    && m.num().zip(o.num()).is_some_and(|(x, y)| x.same_value(y))
            })
        };
        self.left_src
            .retain(|&i| !stated(&s.src[i], &s.tgt) && !verbatim(&s.src[i], s.tgt_text, &s.tgt));
        self.left_tgt
            .retain(|&j| !stated(&s.tgt[j], &s.src) && !verbatim(&s.tgt[j], s.src_text, &s.src));
        type Event<'m> = (
            usize,
            usize,
            Rule,
            String,
            Option<&'m Mention>,
            Option<&'m Mention>,
        );
        let mut events: Vec<Event<'_>> = Vec::new();
        for (i, j) in pairs {
            let (a, b) = (&s.src[i], &s.tgt[j]);
            events.push((
                a.start,
                0,
                Rule::NumberMismatch,
                format!("{} ≠ {}", describe("source", a), describe("target", b)),
                Some(a),
                Some(b),
            ));
        }
        for &i in &self.left_src {
            let a = &s.src[i];
            if a.strength == Strength::Strong {
                events.push((
                    a.start,
                    1,
                    Rule::NumberMissing,
                    format!("{} has no counterpart in the target", describe("source", a)),
                    Some(a),
                    None,
                ));
            }
        }
        for &j in &self.left_tgt {
            let b = &s.tgt[j];
            if b.strength == Strength::Strong {
                // Place extras by their relative position so the order is stable.
                let at = (rel_pos(b, s.tgt_len) as usize * s.src_len.max(1)) / 1000;
                events.push((
                    at,
                    2,
                    Rule::NumberExtra,
                    format!("{} has no counterpart in the source", describe("target", b)),
                    None,
                    Some(b),
                ));
            }
        }
        events.sort_by_key(|e| (e.0, e.1, e.4.map(|m| m.start), e.5.map(|m| m.start)));
        for (_, _, rule, msg, a, b) in events {
            ctx.emit(rule, msg, a, b);
        }
    }
}

/// Two leftover numbers in the same role: same kind class, at least one strong, and
/// compatible units. A weak number (`两`, `two`) pairs only when its unit matches.
fn same_role(a: &Mention, b: &Mention) -> bool {
    if class(a.kind) != class(b.kind) {
        return false;
    }
    if a.strength == Strength::Weak && b.strength == Strength::Weak {
        return false;
    }
    let (Some(x), Some(y)) = (a.num(), b.num()) else {
        return false;
    };
    match (x.unit, y.unit) {
        (Some(u), Some(v))
            if u != v && !(is_currency(u) && is_currency(v)) && a.kind != Kind::Percent =>
        {
            return false;
        }
        _ => {}
    }
    // `a`, `one`, `一`: too common to stand for a quantity in a mismatch.
    let one = |m: &Mention, n: &NumValue| m.strength == Strength::Weak && n.value == Decimal::ONE;
    if one(a, x) || one(b, y) {
        return false;
    }
    if a.strength == Strength::Weak || b.strength == Strength::Weak {
        let units_agree = x.unit.is_some() && x.unit == y.unit;
        // Ordinals, fractions and percentages say what they are without a unit.
        return units_agree || matches!(a.kind, Kind::Ordinal | Kind::Fraction | Kind::Percent);
    }
    true
}

/// A number written in digits whose digit string the other text holds verbatim
/// outside every mention found there, that is where it was not read as a number
/// (`windows 11` beside `windows11`, a code the other language glued to letters):
/// not reported as missing or extra.
fn verbatim(m: &Mention, other: &str, other_mentions: &[Mention]) -> bool {
    let ascii = crate::text::fold_digits(&m.text);
    let is_part = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
    let run = ascii
        .split(|c: char| !is_part(c))
        .find(|r| r.chars().any(|c| c.is_ascii_digit()))
        .unwrap_or("")
        .trim_matches(|c| c == '.' || c == ',');
    if run.is_empty() {
        return false;
    }
    let chars: Vec<char> = crate::text::fold_digits(other).chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_part(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_part(chars[i]) {
            i += 1;
        }
        let r: String = chars[start..i].iter().collect();
        let covered = other_mentions.iter().any(|o| o.start < i && start < o.end);
        if r.trim_matches(|c| c == '.' || c == ',') == run && !covered {
            return true;
        }
    }
    false
}

/// The significant digits of a value: 13800000000 and 138000000000 both give `138`.
fn digit_signature(v: Decimal) -> String {
    v.abs()
        .normalize()
        .to_string()
        .replace('.', "")
        .trim_matches('0')
        .to_string()
}

fn remove(left_src: &mut Vec<usize>, left_tgt: &mut Vec<usize>, pairs: &[(usize, usize)]) {
    left_src.retain(|i| !pairs.iter().any(|p| p.0 == *i));
    left_tgt.retain(|j| !pairs.iter().any(|p| p.1 == *j));
}
