//! The date check: source dates against target dates, by meaning.

use super::{Ctx, DateOrder, Sides, describe, greedy_match, is_date, rel_pos};
use crate::check::codes::Rule;
use crate::extract::date::{DateValue, Part, is_valid};
use crate::extract::{Mention, Strength, Value};
use crate::input::Side;

/// The date value of a mention, with the day/month order applied when one is set.
fn value(m: &Mention, order: Option<DateOrder>) -> Option<DateValue> {
    let Value::Date(d) = &m.value else {
        return None;
    };
    let mut d = d.clone();
    if d.ambiguous
        && let Some(o) = order
    {
        if o == DateOrder::Dmy {
            std::mem::swap(&mut d.month, &mut d.day);
        }
        d.ambiguous = false;
        if let (Some(mo), Some(da)) = (d.month, d.day) {
            d.invalid = !is_valid(d.year, mo, da);
        }
    }
    Some(d)
}

/// The same part named two ways: the first six months are the first half.
fn parts_agree(a: Part, b: Part) -> bool {
    use Part::*;
    a.compatible(b)
        || matches!(
            (a, b),
            (FirstMonths(6), Half(1))
                | (Half(1), FirstMonths(6))
                | (FirstMonths(3), Quarter(1))
                | (Quarter(1), FirstMonths(3))
        )
}

fn decade_digit(d: &DateValue) -> Option<u8> {
    d.decade_of_century
        .or(d.year.map(|y| ((y / 10) % 10) as u8))
}

/// True when two dates can describe the same time.
pub(crate) fn agree(a: &DateValue, b: &DateValue) -> bool {
    if a.ambiguous || b.ambiguous {
        let swap = |d: &DateValue| {
            let mut s = d.clone();
            if s.ambiguous {
                std::mem::swap(&mut s.month, &mut s.day);
                s.ambiguous = false;
            }
            s
        };
        let plain = |d: &DateValue| DateValue {
            ambiguous: false,
            ..d.clone()
        };
        return agree(&plain(a), &plain(b))
            || agree(&swap(a), &plain(b))
            || agree(&plain(a), &swap(b));
    }
    if a.has_calendar() != b.has_calendar() {
        return false;
    }
    if !a.has_calendar() {
        return match (a.time, b.time, a.weekday, b.weekday) {
            (Some(x), Some(y), _, _) => x == y,
            (None, None, Some(x), Some(y)) => x == y,
            _ => false,
        };
    }
    // A century matches a century, or `the 1800s` read as the hundred years.
    let century = |d: &DateValue| d.part == Some(Part::Century);
    let hundreds = |d: &DateValue| {
        d.year.filter(|y| {
            century(d) || (d.part == Some(Part::Decade) && y % 100 == 0 && !d.year_inherited)
        })
    };
    if century(a) || century(b) {
        return hundreds(a).is_some() && hundreds(a) == hundreds(b);
    }
    let decade = |d: &DateValue| d.part == Some(Part::Decade);
    if decade(a) || decade(b) {
        return decade(a)
            && decade(b)
            && decade_digit(a) == decade_digit(b)
            && (a.year.is_none() || b.year.is_none() || a.year == b.year);
    }
    match (a.relative_year, b.relative_year) {
        (Some(x), Some(y)) if x != y => return false,
        _ => {}
    }
    let relative = a.relative_year.is_some() || b.relative_year.is_some();
    // Years must agree, including a year a date takes from its paragraph (`In June
    // 2022 … In September`); when both sides only inherit their years, the
    // paragraphs' own explicit years are compared instead.
    if !relative
        && let (Some(x), Some(y)) = (a.year, b.year)
        && x != y
        && !(a.year_inherited && b.year_inherited)
    {
        return false;
    }
    if let (Some(x), Some(y)) = (a.month, b.month)
        && x != y
    {
        return false;
    }
    if let (Some(x), Some(y)) = (a.day, b.day)
        && x != y
    {
        return false;
    }
    if let (Some(x), Some(y)) = (a.part, b.part)
        && !parts_agree(x, y)
    {
        // Different qualifiers may still overlap as intervals (`end` of a month and
        // its last ten days); otherwise they disagree.
        if a.month.is_none() || b.month.is_none() || !intervals_overlap(a, b) {
            return false;
        }
    }
    // A qualifier on one side and a day on the other: the day must fall in it.
    if (a.part.is_some() || b.part.is_some()) && !intervals_overlap(a, b) {
        return false;
    }
    true
}

/// Interval overlap, assuming a common year when either lacks one.
fn intervals_overlap(a: &DateValue, b: &DateValue) -> bool {
    let y = a.year.or(b.year).unwrap_or(2000);
    let fill = |d: &DateValue| {
        let mut d = d.clone();
        if d.year.is_none() || d.year_inherited || d.relative_year.is_some() {
            d.year = Some(y);
        }
        d
    };
    match (fill(a).interval(), fill(b).interval()) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
        _ => true,
    }
}

/// How many of the stated fields differ in presence, for preferring like with like.
fn granularity_gap(a: &DateValue, b: &DateValue) -> i64 {
    let f = |d: &DateValue| {
        [
            d.year.is_some() && !d.year_inherited,
            d.month.is_some(),
            d.day.is_some(),
            d.part.is_some(),
            d.time.is_some(),
        ]
    };
    f(a).iter().zip(f(b).iter()).filter(|(x, y)| x != y).count() as i64
}

/// Shapes that can be the same date in the same role, for pairing mismatches.
fn same_shape(a: &DateValue, b: &DateValue) -> bool {
    if a.has_calendar() != b.has_calendar() {
        return false;
    }
    if !a.has_calendar() {
        return a.time.is_some() == b.time.is_some() && a.weekday.is_some() == b.weekday.is_some();
    }
    let month_level = |d: &DateValue| {
        d.month.is_some()
            || matches!(
                d.part,
                Some(Part::Quarter(_) | Part::Half(_) | Part::FirstMonths(_))
            )
    };
    month_level(a) == month_level(b) && a.day.is_some() == b.day.is_some()
}

pub(super) struct Dates {
    src: Vec<Option<DateValue>>,
    tgt: Vec<Option<DateValue>>,
    pub left_src: Vec<usize>,
    pub left_tgt: Vec<usize>,
    order_set: bool,
}

impl Dates {
    pub fn new(s: &Sides, order: Option<DateOrder>) -> Self {
        let src: Vec<_> = s.src.iter().map(|m| value(m, order)).collect();
        let tgt: Vec<_> = s.tgt.iter().map(|m| value(m, order)).collect();
        let mut left_src = s.indices(Side::Source, is_date);
        let mut left_tgt = s.indices(Side::Target, is_date);
        let pos = |i: usize, j: usize| {
            (rel_pos(&s.src[i], s.src_len) - rel_pos(&s.tgt[j], s.tgt_len)).abs()
        };
        let m = greedy_match(&left_src, &left_tgt, |i, j| {
            let (a, b) = (src[i].as_ref()?, tgt[j].as_ref()?);
            agree(a, b).then(|| pos(i, j) + 1000 * granularity_gap(a, b))
        });
        left_src.retain(|i| !m.iter().any(|p| p.0 == *i));
        left_tgt.retain(|j| !m.iter().any(|p| p.1 == *j));
        Dates {
            src,
            tgt,
            left_src,
            left_tgt,
            order_set: order.is_some(),
        }
    }

    pub fn report(self, s: &Sides, ctx: &mut Ctx<'_>) {
        // Per-mention problems: ambiguous or impossible dates, on either side.
        for (side, ms, vals) in [("source", &s.src, &self.src), ("target", &s.tgt, &self.tgt)] {
            for (m, v) in ms.iter().zip(vals.iter()) {
                let Some(v) = v else { continue };
                let (a, b) = if side == "source" {
                    (Some(m), None)
                } else {
                    (None, Some(m))
                };
                // Copied as written to the other side (`ref. 3643 10/12/21`): the
                // translation keeps whatever it meant.
                let other = if side == "source" {
                    s.tgt_text
                } else {
                    s.src_text
                };
                if v.ambiguous && !self.order_set && !other.contains(m.text.as_str()) {
                    let (mo, da) = (v.month.unwrap_or(0), v.day.unwrap_or(0));
                    let y = v
                        .year
                        .map(|y| format!("{y:04}"))
                        .unwrap_or_else(|| "XXXX".into());
                    ctx.emit(
                        Rule::DateAmbiguous,
                        format!(
                            "{side} \"{}\" could be {y}-{mo:02}-{da:02} or {y}-{da:02}-{mo:02}; set --date-order mdy or dmy",
                            m.text
                        ),
                        a,
                        b,
                    );
                }
                if v.invalid {
                    ctx.emit(
                        Rule::DateInvalid,
                        format!("{side} \"{}\" is not a calendar date", m.text),
                        a,
                        b,
                    );
                }
            }
        }
        let (src, tgt) = (&self.src, &self.tgt);
        // Weak dates (a relative year alone) are never reported on their own.
        let strong = |m: &Mention| m.strength == Strength::Strong;
        let pos = |i: usize, j: usize| {
            (rel_pos(&s.src[i], s.src_len) - rel_pos(&s.tgt[j], s.tgt_len)).abs()
        };
        let pairs = greedy_match(&self.left_src, &self.left_tgt, |i, j| {
            let (a, b) = (src[i].as_ref()?, tgt[j].as_ref()?);
            (same_shape(a, b) && (strong(&s.src[i]) || strong(&s.tgt[j]))).then(|| pos(i, j))
        });
        let mut left_src: Vec<usize> = self
            .left_src
            .iter()
            .copied()
            .filter(|i| !pairs.iter().any(|p| p.0 == *i))
            .collect();
        let mut left_tgt: Vec<usize> = self
            .left_tgt
            .iter()
            .copied()
            .filter(|j| !pairs.iter().any(|p| p.1 == *j))
            .collect();
        // A date the other side states anyway (a repeated date, a year already
        // given with a month) is not missing: only unmatched facts are reported (after mismatches are
        // paired, so a changed repeat is still a mismatch).
        let stated = |d: &DateValue, other: &[Option<DateValue>]| {
            other.iter().flatten().any(|o| agree(d, o))
        };
        left_src.retain(|&i| !src[i].as_ref().is_some_and(|d| stated(d, tgt)));
        left_tgt.retain(|&j| !tgt[j].as_ref().is_some_and(|d| stated(d, src)));
        for &(i, j) in &pairs {
            ctx.emit(
                Rule::DateMismatch,
                format!(
                    "{} ≠ {}",
                    describe("source", &s.src[i]),
                    describe("target", &s.tgt[j])
                ),
                Some(&s.src[i]),
                Some(&s.tgt[j]),
            );
        }
        for &i in left_src.iter().filter(|i| strong(&s.src[**i])) {
            ctx.emit(
                Rule::DateMissing,
                format!(
                    "{} has no counterpart in the target",
                    describe("source", &s.src[i])
                ),
                Some(&s.src[i]),
                None,
            );
        }
        for &j in left_tgt.iter().filter(|j| strong(&s.tgt[**j])) {
            ctx.emit(
                Rule::DateExtra,
                format!(
                    "{} has no counterpart in the source",
                    describe("target", &s.tgt[j])
                ),
                None,
                Some(&s.tgt[j]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: Option<i32>, m: Option<u8>, day: Option<u8>) -> DateValue {
        DateValue {
            year: y,
            month: m,
            day,
            ..Default::default()
        }
    }

    #[test]
    fn full_and_partial_dates() {
        assert!(agree(
            &d(Some(2022), Some(3), Some(2)),
            &d(Some(2022), Some(3), Some(2))
        ));
        assert!(!agree(
            &d(Some(2022), Some(2), Some(24)),
            &d(Some(2022), Some(2), Some(14))
        ));
        assert!(!agree(
            &d(Some(2022), Some(3), None),
            &d(Some(2021), Some(3), None)
        ));
        // A day without a year agrees with the full date.
        assert!(agree(
            &d(None, Some(10), Some(12)),
            &d(Some(2022), Some(10), Some(12))
        ));
    }

    #[test]
    fn qualifiers_are_intervals() {
        let q = |m: u8, p: Part| DateValue {
            year: Some(2022),
            month: Some(m),
            part: Some(p),
            ..Default::default()
        };
        assert!(agree(&q(1, Part::Mid), &q(1, Part::Mid)));
        assert!(!agree(&q(1, Part::Mid), &q(1, Part::Late)));
        assert!(agree(&q(10, Part::End), &q(10, Part::Late)));
        assert!(agree(&q(1, Part::Mid), &d(Some(2022), Some(1), Some(15))));
        assert!(!agree(&q(1, Part::Mid), &d(Some(2022), Some(1), Some(25))));
    }

    #[test]
    fn relative_dates() {
        let last_july = DateValue {
            month: Some(7),
            relative_year: Some(-1),
            ..Default::default()
        };
        assert!(agree(&last_july, &last_july.clone()));
        assert!(agree(&last_july, &d(Some(2021), Some(7), None)));
        assert!(!agree(&last_july, &d(Some(2021), Some(8), None)));
        let next_july = DateValue {
            relative_year: Some(1),
            ..last_july.clone()
        };
        assert!(!agree(&last_july, &next_july));
    }

    #[test]
    fn ambiguous_dates_match_either_reading() {
        let amb = DateValue {
            year: Some(2022),
            month: Some(3),
            day: Some(2),
            ambiguous: true,
            ..Default::default()
        };
        assert!(agree(&amb, &d(Some(2022), Some(3), Some(2))));
        assert!(agree(&amb, &d(Some(2022), Some(2), Some(3))));
        assert!(!agree(&amb, &d(Some(2022), Some(2), Some(4))));
    }
}
