//! The date check: source dates against target dates, by meaning.

use super::matching::{self, Candidates, key};
use super::{Ctx, DateOrder, Sides, describe, is_date, remove_paired};
use crate::check::codes::Rule;
use crate::extract::date::{DateValue, Part, is_valid};
use crate::extract::{Mention, Strength, Value};
use crate::input::Side;
use foldhash::{HashMap, HashMapExt};

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
    // A generation (`90后`, `95后`) and the year it starts (`born after 1990`).
    let year_alone = |d: &DateValue| {
        d.year.is_some()
            && !d.year_inherited
            && d.month.is_none()
            && d.day.is_none()
            && d.part.is_none()
    };
    if (a.cohort && year_alone(b)) || (b.cohort && year_alone(a)) {
        return a.year == b.year;
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

/// The month buckets a date is in for matching: dates that agree share one. A
/// calendar date with a month is in its month's bucket (and, when day and month
/// could be swapped, the day's); other calendar dates (a year, a quarter, a
/// decade) are in one bucket of their own and read every month; times and
/// weekdays are apart.
fn month_keys(d: &DateValue, reading: bool, out: &mut Vec<u64>) {
    if !d.has_calendar() {
        out.push(0);
        return;
    }
    let by_month = d.month.is_some() && !matches!(d.part, Some(Part::Century | Part::Decade));
    if by_month {
        out.extend(d.month.map(|m| m as u64 + 1));
        if d.ambiguous
            && let Some(day) = d.day.filter(|&x| (1..=12).contains(&x))
        {
            out.push(day as u64 + 1);
        }
        if reading {
            out.push(20);
        }
    } else {
        out.push(20);
        if reading {
            out.extend(2..=13);
        }
    }
}

/// Which fields a date states, as [`granularity_gap`] counts them.
fn fields(d: &DateValue) -> u64 {
    [
        d.year.is_some() && !d.year_inherited,
        d.month.is_some(),
        d.day.is_some(),
        d.part.is_some(),
        d.time.is_some(),
    ]
    .iter()
    .enumerate()
    .map(|(k, &b)| (b as u64) << k)
    .sum()
}

/// The year a date is bucketed by: one it states itself, as a plain calendar year
/// (not relative, a century, a decade or a generation). Two such dates that
/// [`agree`] have the same year.
fn year_key(d: &DateValue) -> Option<i32> {
    let plain = d.has_calendar()
        && !d.year_inherited
        && d.relative_year.is_none()
        && !d.cohort
        && !matches!(d.part, Some(Part::Century | Part::Decade));
    d.year.filter(|_| plain)
}

/// The day a date is bucketed by: a day that cannot be its month either, of a
/// plain calendar date. Two such dates that [`agree`] have the same day.
fn day_key(d: &DateValue) -> Option<u8> {
    let plain = d.has_calendar()
        && !d.ambiguous
        && !d.cohort
        && !matches!(d.part, Some(Part::Century | Part::Decade));
    d.day.filter(|_| plain)
}

/// The thirds of its month (days 1–10, 11–20, 21–31: 0, 1, 2) that a date of one
/// month spans, when it is a plain calendar date of a month: a day, a month, or a
/// part of a month (`mid-March`, `3月下旬`). Where either date has a part, two
/// such dates that [`agree`] overlap, and so share a third.
fn thirds(d: &DateValue) -> Option<(u8, u8)> {
    let within_month = matches!(
        d.part,
        None | Some(Part::Begin | Part::Early | Part::Mid | Part::Late | Part::End | Part::Half(_))
    );
    if !d.has_calendar() || d.month.is_none() || d.ambiguous || d.cohort || !within_month {
        return None;
    }
    let mut filled = d.clone();
    filled.year = Some(d.year.unwrap_or(2000));
    let ((_, m0, d0), (_, m1, d1)) = filled.interval()?;
    let third = |day: u8| (day.saturating_sub(1) / 10).min(2);
    (m0 == m1).then(|| (third(d0), third(d1)))
}

/// [`fields`], and whether the date is bucketed by its year (bit 5), its day
/// (bit 6) and the thirds of its month (bit 7) as well.
fn bucket_fields(d: &DateValue) -> u64 {
    fields(d)
        | (year_key(d).is_some() as u64) << 5
        | (day_key(d).is_some() as u64) << 6
        | (thirds(d).is_some() as u64) << 7
}

/// Where in its month a bucket is: anywhere (0), a day, or a third.
fn day_at(day: u8) -> u64 {
    (day as u64) << 1 | 1
}
fn third_at(third: u8) -> u64 {
    (40 + third as u64) << 1 | 1
}

/// The bucket key of a month key, bucket fields, a year when given, and a place
/// in the month.
fn agreeing_key(month: u64, f: u64, year: Option<i32>, at: u64) -> u64 {
    let y = year.map_or(0, |y| (y as u32 as u64) << 1 | 1);
    key(7, month | y << 8, f | at << 8)
}

/// First pass: dates that agree, like with like.
struct Agreeing<'a, 's, 'p> {
    s: &'s Sides<'p>,
    src: &'a [Option<DateValue>],
    tgt: &'a [Option<DateValue>],
    /// The bucket field sets ([`bucket_fields`]) the target's dates have.
    tgt_fields: Vec<u64>,
}

impl Candidates for Agreeing<'_, '_, '_> {
    fn left_pos(&self, i: usize) -> i64 {
        self.s.src_rel[i]
    }
    fn right_pos(&self, j: usize) -> i64 {
        self.s.tgt_rel[j]
    }
    // A target date is in the buckets of its month keys, each also by its year,
    // by its day or by each third of its month it spans, or both; a reader asks,
    // per field set of the target, the most specific bucket both can be in.
    fn right_keys(&self, j: usize, keys: &mut Vec<u64>) {
        if let Some(d) = &self.tgt[j] {
            let mut ms = Vec::new();
            month_keys(d, false, &mut ms);
            let f = bucket_fields(d);
            let mut at = vec![0];
            at.extend(day_key(d).map(day_at));
            if let Some((t0, t1)) = thirds(d) {
                at.extend((t0..=t1).map(third_at));
            }
            for m in ms {
                for y in [None, year_key(d)] {
                    for &a in &at {
                        keys.push(agreeing_key(m, f, y, a));
                    }
                }
            }
        }
    }
    fn left_queries(&self, i: usize, q: &mut Vec<(u64, i64)>) {
        if let Some(d) = &self.src[i] {
            let mut ms = Vec::new();
            month_keys(d, true, &mut ms);
            let f = fields(d);
            let (year, day, thirds) = (year_key(d), day_key(d), thirds(d));
            let mut at = Vec::new();
            for &g in &self.tgt_fields {
                let y = year.filter(|_| g & 1 << 5 != 0);
                // Where either has a part of a month, they overlap; where both
                // have days, the days are the same.
                at.clear();
                match (thirds, day) {
                    (Some((t0, t1)), _)
                        if g & 1 << 7 != 0 && (d.part.is_some() || g & 1 << 3 != 0) =>
                    {
                        at.extend((t0..=t1).map(third_at));
                    }
                    (_, Some(x)) if g & 1 << 6 != 0 => at.push(day_at(x)),
                    _ => at.push(0),
                }
                let penalty = 1000 * ((f ^ g) & 0x1f).count_ones() as i64;
                for &m in &ms {
                    for &a in &at {
                        q.push((agreeing_key(m, g, y, a), penalty));
                    }
                }
            }
        }
    }
    fn cost(&self, i: usize, j: usize) -> Option<i64> {
        let (a, b) = (self.src[i].as_ref()?, self.tgt[j].as_ref()?);
        agree(a, b).then(|| self.s.dist(i, j) + 1000 * granularity_gap(a, b))
    }
}

/// The shape of a date for pairing mismatches (see [`same_shape`]).
fn shape(d: &DateValue) -> u64 {
    if !d.has_calendar() {
        return (d.time.is_some() as u64) | (d.weekday.is_some() as u64) << 1;
    }
    let month_level = d.month.is_some()
        || matches!(
            d.part,
            Some(Part::Quarter(_) | Part::Half(_) | Part::FirstMonths(_))
        );
    4 | (month_level as u64) << 3 | (d.day.is_some() as u64) << 4
}

/// Mismatches: leftover dates of the same shape, one of them strong.
struct SameShape<'a, 's, 'p> {
    s: &'s Sides<'p>,
    src: &'a [Option<DateValue>],
    tgt: &'a [Option<DateValue>],
}

impl Candidates for SameShape<'_, '_, '_> {
    fn left_pos(&self, i: usize) -> i64 {
        self.s.src_rel[i]
    }
    fn right_pos(&self, j: usize) -> i64 {
        self.s.tgt_rel[j]
    }
    fn right_keys(&self, j: usize, keys: &mut Vec<u64>) {
        keys.extend(self.tgt[j].as_ref().map(|d| key(8, shape(d), 0)));
    }
    fn left_queries(&self, i: usize, q: &mut Vec<(u64, i64)>) {
        q.extend(self.src[i].as_ref().map(|d| (key(8, shape(d), 0), 0)));
    }
    fn cost(&self, i: usize, j: usize) -> Option<i64> {
        let strong = |m: &Mention| m.strength == Strength::Strong;
        let (a, b) = (self.src[i].as_ref()?, self.tgt[j].as_ref()?);
        // Two lone days that both took their month from the paragraph (`on the
        // 7th` against `6日` after `3月4日电`) disagree though each is weak.
        let days = |d: &DateValue| d.day.is_some() && d.month.is_some() && d.month_inherited;
        (same_shape(a, b)
            && (strong(&self.s.src[i]) || strong(&self.s.tgt[j]) || (days(a) && days(b))))
        .then(|| self.s.dist(i, j))
    }
}

/// The dates of one side by month bucket, for asking whether the side states a date.
struct DateIndex<'a> {
    vals: &'a [Option<DateValue>],
    buckets: HashMap<u64, Vec<usize>>,
}

impl<'a> DateIndex<'a> {
    fn new(vals: &'a [Option<DateValue>]) -> Self {
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut keys = Vec::new();
        for (i, d) in vals.iter().enumerate() {
            let Some(d) = d else { continue };
            keys.clear();
            month_keys(d, false, &mut keys);
            keys.sort_unstable();
            keys.dedup();
            for &k in &keys {
                buckets.entry(k).or_default().push(i);
            }
        }
        DateIndex { vals, buckets }
    }

    /// True when a date of this side agrees with `d` (at most
    /// [`matching::BUDGET`] dates read).
    fn states(&self, d: &DateValue) -> bool {
        let mut keys = Vec::new();
        month_keys(d, true, &mut keys);
        let mut read = 0;
        for k in keys {
            for &o in self.buckets.get(&k).map(Vec::as_slice).unwrap_or(&[]) {
                read += 1;
                if read > matching::BUDGET {
                    return false;
                }
                if self.vals[o].as_ref().is_some_and(|o| agree(d, o)) {
                    return true;
                }
            }
        }
        false
    }
}

pub(super) struct Dates {
    src: Vec<Option<DateValue>>,
    tgt: Vec<Option<DateValue>>,
    pub left_src: Vec<usize>,
    pub left_tgt: Vec<usize>,
    order_set: bool,
    /// Matched pairs where one side's month repeats the other side's lone day.
    invented: Vec<(usize, usize)>,
    /// Lone days the other side turned into a label (`31号` as `No. 31`): reported
    /// as missing though weak.
    pub lost_src: Vec<usize>,
    pub lost_tgt: Vec<usize>,
}

impl Dates {
    pub fn new(s: &Sides, order: Option<DateOrder>) -> Self {
        let src: Vec<_> = s.src.iter().map(|m| value(m, order)).collect();
        let tgt: Vec<_> = s.tgt.iter().map(|m| value(m, order)).collect();
        let mut left_src = s.indices(Side::Source, is_date);
        let mut left_tgt = s.indices(Side::Target, is_date);
        let mut tgt_fields: Vec<u64> = left_tgt
            .iter()
            .filter_map(|&j| tgt[j].as_ref().map(bucket_fields))
            .collect();
        tgt_fields.sort_unstable();
        tgt_fields.dedup();
        let m = matching::greedy(
            &left_src,
            &left_tgt,
            &Agreeing {
                s,
                src: &src,
                tgt: &tgt,
                tgt_fields,
            },
        );
        // A day alone matched by a date whose month repeats the day (`9日` as
        // `September 9`) where the day's own text names no such month: the day's
        // number was read as its month too, a machine-translation slip.
        let months = |vals: &[Option<DateValue>]| -> Vec<u8> {
            vals.iter()
                .flatten()
                .filter(|d| !d.month_inherited)
                .filter_map(|d| d.month)
                .collect()
        };
        let (src_months, tgt_months) = (months(&src), months(&tgt));
        let repeats = |alone: &DateValue, full: &DateValue, alone_months: &[u8]| {
            alone.day.is_some()
                && alone.month.is_none()
                && full.day == alone.day
                && full
                    .month
                    .is_some_and(|mo| Some(mo) == alone.day && !alone_months.contains(&mo))
                && !full.month_inherited
        };
        let invented: Vec<(usize, usize)> = m
            .iter()
            .copied()
            .filter(|&(i, j)| match (&src[i], &tgt[j]) {
                (Some(a), Some(b)) => repeats(a, b, &src_months) || repeats(b, a, &tgt_months),
                _ => false,
            })
            .collect();
        remove_paired(&mut left_src, &mut left_tgt, &m);
        Dates {
            src,
            tgt,
            left_src,
            left_tgt,
            order_set: order.is_some(),
            invented,
            lost_src: Vec::new(),
            lost_tgt: Vec::new(),
        }
    }

    pub fn report(self, s: &Sides, ctx: &mut Ctx<'_>) {
        // Per-mention problems: ambiguous or impossible dates, on either side.
        // Whether a text holds a date as written, asked once per written form.
        let mut copied = HashMap::new();
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
                if v.ambiguous
                    && !self.order_set
                    && !*copied
                        .entry((side == "source", m.text))
                        .or_insert_with(|| other.contains(m.text))
                {
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
        let pairs = matching::greedy(&self.left_src, &self.left_tgt, &SameShape { s, src, tgt });
        let (mut left_src, mut left_tgt) = (self.left_src.clone(), self.left_tgt.clone());
        remove_paired(&mut left_src, &mut left_tgt, &pairs);
        // A date the other side states anyway (a repeated date, a year already
        // given with a month) is not missing: only unmatched facts are reported (after mismatches are
        // paired, so a changed repeat is still a mismatch).
        let (src_index, tgt_index) = (DateIndex::new(src), DateIndex::new(tgt));
        left_src.retain(|&i| !src[i].as_ref().is_some_and(|d| tgt_index.states(d)));
        left_tgt.retain(|&j| !tgt[j].as_ref().is_some_and(|d| src_index.states(d)));
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
        let lost_src: foldhash::HashSet<usize> = self.lost_src.iter().copied().collect();
        let lost_tgt: foldhash::HashSet<usize> = self.lost_tgt.iter().copied().collect();
        for &(i, j) in &self.invented {
            let (a, b) = (&s.src[i], &s.tgt[j]);
            let side = if src[i].as_ref().is_some_and(|d| d.month.is_none()) {
                "target"
            } else {
                "source"
            };
            ctx.emit(
                Rule::DateMismatch,
                format!(
                    "{} ≠ {}: the {side}'s month repeats the day, and the other side names no month",
                    describe("source", a),
                    describe("target", b)
                ),
                Some(a),
                Some(b),
            );
        }
        for &i in left_src
            .iter()
            .filter(|i| strong(&s.src[**i]) || lost_src.contains(*i))
        {
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
        for &j in left_tgt
            .iter()
            .filter(|j| strong(&s.tgt[**j]) || lost_tgt.contains(*j))
        {
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
