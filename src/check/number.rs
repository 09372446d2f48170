//! The number check: source numbers against target numbers, by value.
//!
//! Matching works on buckets (see [`super::matching`]): numbers are bucketed by
//! value, by the roundings they allow, by the cells of a log scale their interval
//! spans (see [`cell`]) and by unit, so that a number only meets the numbers it
//! could equal, nearest first.

use super::matching::{self, Candidates, key};
use super::{Ctx, Sides, describe, remove_paired};
use crate::check::codes::Rule;
use crate::extract::{Approx, Kind, Mention, NumValue, Role, Strength};
use crate::input::Side;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use rust_decimal::Decimal;
use std::cell::OnceCell;

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

/// What a number does, for comparing roles across a pair: a rank, a count, a
/// label, an anniversary, or nothing the text shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Does {
    Rank,
    Count,
    Label,
    Anniversary,
    /// A point in a list (`First,`, `一是`), or a role the text does not show.
    Unknown,
}

pub(super) fn does(m: &Mention) -> Does {
    let role = m.num().and_then(|n| n.role);
    match (m.kind, role) {
        (_, Some(Role::Anniversary)) => Does::Anniversary,
        (_, Some(Role::Discourse)) => Does::Unknown,
        (Kind::Ordinal, _) => Does::Rank,
        (_, Some(Role::Count)) => Does::Count,
        (_, Some(Role::Label)) => Does::Label,
        _ => Does::Unknown,
    }
}

/// True when two numbers of the same value cannot be the same fact because they do
/// different things: a count against a rank or a label (`五人小组`, a group of five,
/// against `the fifth group`), an anniversary against anything but an anniversary,
/// a rank or a number of years (`the 320th anniversary` against a price of 320).
pub(super) fn roles_conflict(a: &Mention, b: &Mention) -> bool {
    use Does::*;
    // One of something is not an amount of money (`一颗` against `$1`): `one` as a
    // count is as often `a`.
    let money = |m: &Mention| m.kind == Kind::Money;
    let one = |m: &Mention| m.num().is_some_and(|n| n.value == Decimal::ONE);
    if one(a) && one(b) && ((does(a) == Count && money(b)) || (money(a) && does(b) == Count)) {
        return true;
    }
    // `一个`, `1st`: one is too common (`a`) to carry a role.
    if [a, b]
        .iter()
        .any(|m| m.num().is_some_and(|n| n.value == Decimal::ONE))
    {
        return false;
    }
    // A plain number against an anniversary: only one written in digits or several
    // words says it is something else (`320` beside `the 320th anniversary`).
    let other = |m: &Mention| {
        m.num().is_some_and(|n| n.unit == Some("year")) || m.strength == Strength::Weak
    };
    match (does(a), does(b)) {
        (Anniversary, Anniversary | Rank) | (Rank, Anniversary) => false,
        (Anniversary, _) => !other(b),
        (_, Anniversary) => !other(a),
        (Count, Rank | Label) | (Rank | Label, Count) => true,
        _ => false,
    }
}

/// A count of things: a role of count, or a quantity with a unit (`五人`, `three days`).
fn counted(m: &Mention) -> bool {
    does(m) == Does::Count
        || (m.kind == Kind::Quantity && m.num().is_some_and(|n| n.unit.is_some()))
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

/// Where a value lies on a log scale: `(sign, coarse, fine)`, cells counting
/// orders of magnitude in steps of the leading digit (coarse: 9 per power of ten)
/// and of the two leading digits (fine: 90), with zero apart. Cells grow with `|v|`.
fn cell(v: Decimal) -> (i8, i32, i32) {
    if v.is_zero() {
        return (0, 0, 0);
    }
    let m = v.mantissa().unsigned_abs();
    let digits = m.ilog10();
    let lead2 = if digits == 0 {
        (m * 10) as i32
    } else {
        (m / 10u128.pow(digits - 1)) as i32
    };
    let sign = if v.is_sign_negative() { -1 } else { 1 };
    let mag = digits as i32 - v.scale() as i32;
    (sign, mag * 9 + lead2 / 10 - 1, mag * 90 + lead2 - 10)
}

/// The buckets a value interval falls in: one per cell (see [`cell`]) it spans,
/// fine cells when it spans few of them (`fine`), coarse ones otherwise. An
/// interval that holds zero or changes sign, or spans more than a few powers of
/// ten, is "wide": it goes into one bucket of its own that every number also reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Cells {
        sign: i8,
        coarse: (i32, i32),
        fine: Option<(i32, i32)>,
    },
    Wide,
}

/// At most this many fine cells make a narrow interval.
const NARROW: i32 = 32;

fn span(value: Decimal, lo: Decimal, hi: Decimal) -> Span {
    let lo = lo.min(value);
    let hi = hi.max(value);
    let (s0, c0, f0) = cell(lo);
    let (s1, c1, f1) = cell(hi);
    if s0 == 0 && s1 == 0 {
        return Span::Cells {
            sign: 0,
            coarse: (0, 0),
            fine: Some((0, 0)),
        };
    }
    if s0 != s1 {
        return Span::Wide;
    }
    // For negative values the larger magnitude is at `lo`.
    let ((a, b), (fa, fb)) = if s0 < 0 {
        ((c1, c0), (f1, f0))
    } else {
        ((c0, c1), (f0, f1))
    };
    if b - a > 6 * 9 {
        return Span::Wide;
    }
    Span::Cells {
        sign: s0,
        coarse: (a, b),
        fine: (fb - fa < NARROW).then_some((fa, fb)),
    }
}

const WIDE: u64 = u64::MAX;

/// Adds the bucket keys of a span under `tag`: the buckets a mention is put in, or
/// (`reading`) the ones it reads. Two intervals of one sign that overlap share a
/// point, whose cells lie in both spans. A narrow interval is put in its fine
/// cells, and in its coarse cells for wide readers; a wider one in its coarse
/// cells, for every reader. A narrow reader reads its fine cells and the coarse
/// cells of wider intervals, a wider reader every coarse cell of its span; both
/// read the wide bucket. A wide reader may meet any number of its class.
fn span_keys(tag: u8, class: u64, sp: Span, out: &mut Vec<u64>, reading: bool) {
    const ALL: u64 = 0;
    const WIDER: u64 = 1;
    const FINE: u64 = 2;
    match sp {
        Span::Cells { sign, coarse, fine } => {
            let at = |level: u64, c: i32| level << 40 | ((sign + 1) as u64) << 32 | c as u32 as u64;
            let (a, b) = coarse;
            match (fine, reading) {
                (Some((fa, fb)), false) => {
                    out.extend((fa..=fb).map(|c| key(tag, class, at(FINE, c))));
                    out.extend((a..=b).map(|c| key(tag, class, at(ALL, c))));
                }
                (None, false) => {
                    out.extend((a..=b).map(|c| key(tag, class, at(ALL, c))));
                    out.extend((a..=b).map(|c| key(tag, class, at(WIDER, c))));
                }
                (Some((fa, fb)), true) => {
                    out.extend((fa..=fb).map(|c| key(tag, class, at(FINE, c))));
                    out.extend((a..=b).map(|c| key(tag, class, at(WIDER, c))));
                }
                (None, true) => out.extend((a..=b).map(|c| key(tag, class, at(ALL, c)))),
            }
            if reading {
                out.push(key(tag, class, WIDE));
            }
        }
        Span::Wide => {
            out.push(key(tag, class, WIDE));
            if reading {
                out.push(all_key(tag, class));
            }
        }
    }
}

/// Every number of a class is also in this bucket, for wide mentions to read.
fn all_key(tag: u8, class: u64) -> u64 {
    key(tag, class, WIDE - 1)
}

/// The bucket key of a class and percent unit: values of different classes or
/// units never pair in the first pass.
fn class_key(m: &Mention) -> u64 {
    let c = class(m.kind) as u64;
    let unit = match (m.kind, m.num()) {
        (Kind::Percent, Some(n)) => match percent_unit(n) {
            "pp" => 1,
            "bp" => 2,
            _ => 0,
        },
        _ => 0,
    };
    c * 4 + unit
}

/// The bucket of a class, percent unit and exact value: every pair of the same
/// value meets in it.
fn value_key(m: &Mention) -> Option<u64> {
    Some(key(10, class_key(m), decimal_bits(m.num()?.value)))
}

/// A hashable image of a decimal's value (equal values, equal bits).
fn decimal_bits(v: Decimal) -> u64 {
    let v = v.normalize();
    let m = v.mantissa();
    (m as u64) ^ ((m >> 64) as u64).rotate_left(17) ^ ((v.scale() as u64) << 56)
}

/// A number's unit for bucket keys (0: none).
fn unit_hash(n: &NumValue) -> u64 {
    n.unit.map_or(0, |u| crate::finding::fnv1a(&[u]))
}

/// Digits of an integer-valued decimal's absolute value (0 for zero).
fn int_digits(r: Decimal) -> u32 {
    let m = r.abs().trunc().normalize().mantissa().unsigned_abs();
    if m == 0 { 0 } else { m.ilog10() + 1 }
}

/// The buckets where a number meets its roundings (see [`NumValue::rounds_to`]):
/// one per place value from its own quantum upwards, keyed by the number rounded
/// there, as long as that keeps four significant digits. The coarser of two numbers
/// is in the bucket of its own quantum, and the finer one, rounded at that quantum,
/// is in the same. Exact numbers and anchored approximations round apart; loose
/// ones do not round (they compare as intervals).
fn rounding_keys(tag: u8, class: u64, n: &NumValue, out: &mut Vec<u64>) {
    let rc = match (n.approx, n.loose) {
        (Approx::Exact, _) => 0,
        (_, false) => 1,
        (_, true) => return,
    };
    let mut q = n.quantum;
    // At most one key per power of ten a decimal can hold.
    for _ in 0..=30 {
        let Some(r) = n.value.checked_div(q) else {
            return;
        };
        let r = r.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        if int_digits(r) < 4 {
            return;
        }
        let Some(v) = r.checked_mul(q) else {
            return;
        };
        out.push(key(
            tag,
            class * 2 + rc,
            decimal_bits(v).rotate_left(11) ^ decimal_bits(q),
        ));
        let Some(next) = q.checked_mul(Decimal::TEN) else {
            return;
        };
        q = next;
    }
}

/// How two numbers of different values can still state the same quantity (see
/// [`NumValue::same_value`]), as bucket keys under the tags `tag..tag + 3`: by a
/// rounding, when both are exact or both anchored approximations; otherwise by
/// overlapping intervals, which an exact number only has with an approximation.
/// Approximations are bucketed by the cells their interval spans, exact
/// numbers apart by theirs; a reader reads the approximations' buckets, and the
/// exact numbers' only when it is itself an approximation.
///
/// With `priced` (the costs of [`SameValue`]), each key comes with the least
/// penalty its candidates carry beyond the value's: 50 for an exact number against
/// an approximation; and the keys are also split by unit: a reader reads its own
/// unit's buckets as they are and the buckets of every unit with 100 more.
/// Without, every penalty is 0.
fn close_keys(
    tag: u8,
    class: u64,
    n: &NumValue,
    out: &mut Vec<(u64, i64)>,
    reading: bool,
    priced: bool,
) {
    let mut keys = Vec::new();
    let mut marks = Vec::new();
    if n.ratio.is_some() {
        keys.push(key(tag + 3, class, 0));
    }
    rounding_keys(tag, class, n, &mut keys);
    marks.push((keys.len(), 0));
    let exact = n.approx == Approx::Exact;
    let sp = span(n.value, n.lo, n.hi);
    if reading {
        span_keys(tag + 1, class, sp, &mut keys, true);
        marks.push((keys.len(), if exact { 50 } else { 0 }));
        if !exact {
            span_keys(tag + 2, class, sp, &mut keys, true);
            marks.push((keys.len(), 50));
        }
    } else {
        let t = if exact { tag + 2 } else { tag + 1 };
        span_keys(t, class, sp, &mut keys, false);
        keys.push(all_key(t, class));
        marks.push((keys.len(), 0));
    }
    // Odd, so that a key with its unit never equals the key without.
    let unit = unit_hash(n) | 1;
    let mut from = 0;
    for (to, extra) in marks {
        for &k in &keys[from..to] {
            if priced {
                out.push((k ^ unit.rotate_left(23), extra));
                out.push((k, if reading { extra + 100 } else { 0 }));
            } else {
                out.push((k, 0));
            }
        }
        from = to;
    }
}

/// The bucket of an exact value with its unit and approximation: the pairs there
/// cost their distance only.
fn value_unit_key(m: &Mention) -> Option<u64> {
    let n = m.num()?;
    let unit = unit_hash(n);
    Some(key(
        24,
        class_key(m) ^ (n.approx as u64) << 8,
        decimal_bits(n.value) ^ unit.rotate_left(29),
    ))
}

/// The value span of a mention, for bucketing.
fn value_span(m: &Mention) -> Option<Span> {
    let n = m.num()?;
    Some(span(n.value, n.lo, n.hi))
}

/// The result of matching numbers by value; what is left is reported.
pub(super) struct Numbers {
    pub left_src: Vec<usize>,
    pub left_tgt: Vec<usize>,
    /// Numbers of the same value in roles that cannot be the same fact.
    role_changes: Vec<(usize, usize)>,
}

/// Pass 3: the same value in conflicting roles (see [`roles_conflict`]).
struct RoleChange<'s, 'p>(&'s Sides<'p>);

fn plain_value_key(m: &Mention) -> Option<u64> {
    Some(key(11, 0, decimal_bits(m.num()?.value)))
}

impl Candidates for RoleChange<'_, '_> {
    fn left_pos(&self, i: usize) -> i64 {
        self.0.src_rel[i]
    }
    fn right_pos(&self, j: usize) -> i64 {
        self.0.tgt_rel[j]
    }
    fn right_keys(&self, j: usize, keys: &mut Vec<u64>) {
        keys.extend(plain_value_key(&self.0.tgt[j]));
    }
    fn left_queries(&self, i: usize, q: &mut Vec<(u64, i64)>) {
        q.extend(plain_value_key(&self.0.src[i]).map(|k| (k, 0)));
    }
    fn cost(&self, i: usize, j: usize) -> Option<i64> {
        let s = self.0;
        let (a, b) = (&s.src[i], &s.tgt[j]);
        let (x, y) = (a.num()?, b.num()?);
        if x.ratio.is_some() || y.ratio.is_some() || x.value != y.value {
            return None;
        }
        if !roles_conflict(a, b) {
            return None;
        }
        let weak = |m: &Mention| m.strength == Strength::Weak;
        // A role the text shows on both sides, or a strong number on one.
        let shown = does(a) != Does::Unknown && does(b) != Does::Unknown;
        if (weak(a) || weak(b)) && x.value == Decimal::ONE {
            return None;
        }
        // Two single numerals (`五人`, `fifth`) only side by side.
        let near = s.dist(i, j) <= 300;
        if weak(a) && weak(b) && !(shown && near) {
            return None;
        }
        Some(s.dist(i, j))
    }
}

fn role_name(m: &Mention) -> &'static str {
    match does(m) {
        Does::Rank => "a rank",
        Does::Count => "a count",
        Does::Label => "a label",
        Does::Anniversary => "an anniversary",
        Does::Unknown => "a number",
    }
}

/// Pass 1: same kind class, same value.
struct SameValue<'s, 'p>(&'s Sides<'p>);

impl Candidates for SameValue<'_, '_> {
    fn left_pos(&self, i: usize) -> i64 {
        self.0.src_rel[i]
    }
    fn right_pos(&self, j: usize) -> i64 {
        self.0.tgt_rel[j]
    }
    fn right_keys(&self, j: usize, keys: &mut Vec<u64>) {
        let m = &self.0.tgt[j];
        if let Some(n) = m.num() {
            keys.extend(value_key(m));
            keys.extend(value_unit_key(m));
            let mut close = Vec::new();
            close_keys(20, class_key(m), n, &mut close, false, true);
            keys.extend(close.into_iter().map(|(k, _)| k));
        }
    }
    fn left_queries(&self, i: usize, q: &mut Vec<(u64, i64)>) {
        let m = &self.0.src[i];
        let Some(n) = m.num() else {
            return;
        };
        // The same value, unit and approximation costs the distance; another unit
        // or approximation 50 or more; another value (a rounding, an overlapping
        // interval) 500 more.
        q.extend(value_unit_key(m).map(|k| (k, 0)));
        q.extend(value_key(m).map(|k| (k, 50)));
        let mut close = Vec::new();
        close_keys(20, class_key(m), n, &mut close, true, true);
        q.extend(close.into_iter().map(|(k, extra)| (k, 500 + extra)));
    }
    fn cost(&self, i: usize, j: usize) -> Option<i64> {
        let s = self.0;
        let (a, b) = (&s.src[i], &s.tgt[j]);
        if class(a.kind) != class(b.kind) {
            return None;
        }
        let (x, y) = (a.num()?, b.num()?);
        if a.kind == Kind::Percent && percent_unit(x) != percent_unit(y) {
            return None;
        }
        if !x.same_value(y) || roles_conflict(a, b) {
            return None;
        }
        let unit_penalty = if x.unit == y.unit { 0 } else { 100 };
        let approx_penalty = if x.approx == y.approx { 0 } else { 50 };
        // Prefer the same stated value over a merely overlapping interval.
        let value_penalty = if x.value == y.value { 0 } else { 500 };
        Some(s.dist(i, j) + unit_penalty + approx_penalty + value_penalty)
    }
}

/// Pass 2: across kinds: `Article 5` ↔ `第5条`, `50%` ↔ `half`.
struct AcrossKinds<'s, 'p>(&'s Sides<'p>);

impl Candidates for AcrossKinds<'_, '_> {
    fn left_pos(&self, i: usize) -> i64 {
        self.0.src_rel[i]
    }
    fn right_pos(&self, j: usize) -> i64 {
        self.0.tgt_rel[j]
    }
    fn right_keys(&self, j: usize, keys: &mut Vec<u64>) {
        let m = &self.0.tgt[j];
        let mut close = Vec::new();
        if let Some(sh) = share(m) {
            keys.push(key(2, 0, decimal_bits(sh.value)));
            close_keys(40, 0, &sh, &mut close, false, false);
        }
        if let Some(n) = m.num() {
            keys.push(key(3, 0, decimal_bits(n.value)));
            close_keys(30, 0, n, &mut close, false, false);
        }
        keys.extend(close.into_iter().map(|(k, _)| k));
    }
    fn left_queries(&self, i: usize, q: &mut Vec<(u64, i64)>) {
        let m = &self.0.src[i];
        // Two shares (`50%`, `half`) cost their distance, when they are the same.
        let mut close = Vec::new();
        if let Some(sh) = share(m) {
            q.push((key(2, 0, decimal_bits(sh.value)), 0));
            close_keys(40, 0, &sh, &mut close, true, false);
        }
        // Pairs that do not both have a share cost at least 1000 plus the distance:
        // the same value, or one the same by rounding or interval.
        if let Some(n) = m.num() {
            q.push((key(3, 0, decimal_bits(n.value)), 1000));
            let shares = close.len();
            close_keys(30, 0, n, &mut close, true, false);
            for c in &mut close[shares..] {
                c.1 = 1000;
            }
        }
        q.extend(close);
    }
    fn cost(&self, i: usize, j: usize) -> Option<i64> {
        let s = self.0;
        let (a, b) = (&s.src[i], &s.tgt[j]);
        if roles_conflict(a, b) {
            return None;
        }
        if let (Some(x), Some(y)) = (share(a), share(b)) {
            return x.same_value(&y).then(|| s.dist(i, j));
        }
        let (x, y) = (a.num()?, b.num()?);
        // `won by 20 points` ↔ `20个百分点`
        let points = |p: &Mention, q: &NumValue| {
            p.num().is_some_and(|n| n.unit == Some("pp")) && q.unit == Some("point")
        };
        if points(a, y) || points(b, x) {
            return (x.value == y.value).then(|| 1000 + s.dist(i, j));
        }
        if a.kind == Kind::Percent || b.kind == Kind::Percent {
            return None;
        }
        (x.same_value(y) && x.ratio.is_none() == y.ratio.is_none()).then(|| 1000 + s.dist(i, j))
    }
}

/// Mismatches: leftovers in the same role, preferring the same digits and unit, in
/// the order they come (`87 votes … 12` against `78票…21票`: 87 with 78).
struct SameRole<'s, 'p> {
    s: &'s Sides<'p>,
    src_sig: Vec<u64>,
    tgt_sig: Vec<u64>,
    /// Positions of the leftovers: the mean of the relative position in the text
    /// and the rank among the leftovers (both 0..=1000), so that numbers listed in
    /// one order pair in that order when the two texts spread them differently.
    src_pos: Vec<i64>,
    tgt_pos: Vec<i64>,
    /// The units ([`unit_bits`]) of the target's leftovers.
    tgt_units: Vec<u64>,
}

/// Positions of the leftovers `left` (see [`SameRole`]), indexed by mention.
fn ranked_positions(left: &[usize], rel: &[i64]) -> Vec<i64> {
    let mut pos = rel.to_vec();
    let n = left.len() as i64;
    for (k, &i) in left.iter().enumerate() {
        let rank = if n > 1 {
            k as i64 * 1000 / (n - 1)
        } else {
            rel[i]
        };
        pos[i] = (rel[i] + rank) / 2;
    }
    pos
}

/// A number's unit as bucket bits (0: none).
fn unit_bits(m: &Mention) -> u64 {
    m.num().map_or(0, unit_hash) << 3
}

impl Candidates for SameRole<'_, '_> {
    fn left_pos(&self, i: usize) -> i64 {
        self.src_pos[i]
    }
    fn right_pos(&self, j: usize) -> i64 {
        self.tgt_pos[j]
    }
    fn right_keys(&self, j: usize, keys: &mut Vec<u64>) {
        let m = &self.s.tgt[j];
        let c = class(m.kind) as u64;
        // By unit (readers pay 100 for another) and strength (two weak numbers
        // pair only when both count things in one unit: see [`same_role`]).
        let u = unit_bits(m);
        if m.strength == Strength::Strong {
            keys.push(key(4, c, u));
        } else {
            keys.push(key(4, c, u | 1));
            if counted(m) {
                keys.push(key(4, c, u | 2));
            }
        }
        keys.push(key(
            5,
            c * 2 + (m.strength == Strength::Strong) as u64,
            self.tgt_sig[j],
        ));
    }
    fn left_queries(&self, i: usize, q: &mut Vec<(u64, i64)>) {
        let m = &self.s.src[i];
        let c = class(m.kind) as u64;
        let strong = (m.strength == Strength::Strong) as u64;
        q.push((key(5, c * 2 + strong, self.src_sig[i]), 0));
        q.push((key(5, c * 2 + (1 - strong), self.src_sig[i]), 200));
        // Another signature costs 1000, another strength 200 more, another unit
        // 100 more.
        let own = unit_bits(m);
        for &u in &self.tgt_units {
            let p = 1000 + if u == own { 0 } else { 100 };
            if strong == 1 {
                q.push((key(4, c, u), p));
                q.push((key(4, c, u | 1), p + 200));
            } else {
                q.push((key(4, c, u), p + 200));
                // Two weak numbers pair only as counts of things in one unit.
                if counted(m) && u == own {
                    q.push((key(4, c, u | 2), p));
                }
            }
        }
    }
    fn cost(&self, i: usize, j: usize) -> Option<i64> {
        let (a, b) = (&self.s.src[i], &self.s.tgt[j]);
        let unit = |m: &Mention| m.num().and_then(|n| n.unit);
        same_role(a, b).then(|| {
            (self.src_pos[i] - self.tgt_pos[j]).abs()
                + if unit(a) == unit(b) { 0 } else { 100 }
                + if a.strength == b.strength { 0 } else { 200 }
                + if self.src_sig[i] == self.tgt_sig[j] {
                    0
                } else {
                    1000
                }
        })
    }
}

impl Numbers {
    pub fn new(s: &Sides) -> Self {
        let numeric = |m: &Mention| m.kind.is_numeric();
        let mut left_src = s.indices(Side::Source, numeric);
        let mut left_tgt = s.indices(Side::Target, numeric);
        let m1 = matching::greedy(&left_src, &left_tgt, &SameValue(s));
        remove_paired(&mut left_src, &mut left_tgt, &m1);
        let m2 = matching::greedy(&left_src, &left_tgt, &AcrossKinds(s));
        remove_paired(&mut left_src, &mut left_tgt, &m2);
        let role_changes = matching::greedy(&left_src, &left_tgt, &RoleChange(s));
        remove_paired(&mut left_src, &mut left_tgt, &role_changes);
        Numbers {
            left_src,
            left_tgt,
            role_changes,
        }
    }

    /// Pairs what is left into mismatches (same role, different value), then
    /// reports the rest as missing or extra. Weak mentions are never reported alone.
    pub fn report(mut self, s: &Sides, ctx: &mut Ctx<'_>) {
        // Digit runs each text holds outside its mentions, found once per text and
        // only when there is a leftover to look up.
        let src_runs = OnceCell::new();
        let tgt_runs = OnceCell::new();
        let free_src = || src_runs.get_or_init(|| free_runs(s.src_text, &s.src));
        let free_tgt = || tgt_runs.get_or_init(|| free_runs(s.tgt_text, &s.tgt));
        // A number of three or more digits that the other text holds verbatim was
        // misread on one side (a phone number, a code, digit grouping): drop it
        // before pairing mismatches.
        // Only plain numbers: `89.4 billion` against `89.4亿` is a scale slip, not a misreading.
        // The other text's runs are asked for only once the mention's own tests pass.
        fn long_verbatim<'r>(m: &Mention, other: &dyn Fn() -> &'r HashSet<String>) -> bool {
            let plain = m.kind == Kind::Number
                && m.num()
                    .is_some_and(|n| n.unit.is_none() && n.quantum <= Decimal::ONE);
            plain && m.text.chars().filter(char::is_ascii_digit).count() >= 3 && verbatim(m, other)
        }
        // (Unless the other side has a leftover of the same value: then both were
        // read, and differ in kind, such as 0.25 percent against 0.25 points.)
        let values = |left: &[usize], ms: &[Mention]| -> HashSet<Decimal> {
            left.iter()
                .filter_map(|&o| ms[o].num())
                .map(|n| n.value.normalize())
                .collect()
        };
        let (ls, lt) = (
            values(&self.left_src, &s.src),
            values(&self.left_tgt, &s.tgt),
        );
        let same_value_left = |m: &Mention, others: &HashSet<Decimal>| {
            m.num()
                .is_some_and(|x| others.contains(&x.value.normalize()))
        };
        self.left_src
            .retain(|&i| same_value_left(&s.src[i], &lt) || !long_verbatim(&s.src[i], &free_tgt));
        self.left_tgt
            .retain(|&j| same_value_left(&s.tgt[j], &ls) || !long_verbatim(&s.tgt[j], &free_src));
        // Mismatches pair leftovers of both sides: none without both.
        let pairs = if self.left_src.is_empty() || self.left_tgt.is_empty() {
            Vec::new()
        } else {
            // Among mismatches, pair the numbers written with the same digits first
            // (`138亿` with `138 billion`, not with `143 billion`).
            let sig = |ms: &[Mention]| -> Vec<u64> {
                ms.iter()
                    .map(|m| {
                        m.num().map_or(u64::MAX, |n| {
                            crate::finding::fnv1a(&[&digit_signature(n.value)])
                        })
                    })
                    .collect()
            };
            let role = SameRole {
                s,
                src_sig: sig(&s.src),
                tgt_sig: sig(&s.tgt),
                src_pos: ranked_positions(&self.left_src, &s.src_rel),
                tgt_pos: ranked_positions(&self.left_tgt, &s.tgt_rel),
                tgt_units: {
                    let mut u: Vec<u64> = self
                        .left_tgt
                        .iter()
                        .map(|&j| unit_bits(&s.tgt[j]))
                        .collect();
                    u.sort_unstable();
                    u.dedup();
                    u
                },
            };
            matching::greedy(&self.left_src, &self.left_tgt, &role)
        };
        remove_paired(&mut self.left_src, &mut self.left_tgt, &pairs);
        // A number the other side states anyway (repeated in one language, said once
        // in the other) is not missing (checked after
        // mismatches are paired, so a changed repeat is still a mismatch).
        // Each side's values indexed only when the other has leftovers to look up.
        if !self.left_src.is_empty() {
            let tgt_values = ValueIndex::new(&s.tgt);
            self.left_src
                .retain(|&i| !tgt_values.states(&s.src[i]) && !verbatim(&s.src[i], &free_tgt));
        }
        if !self.left_tgt.is_empty() {
            let src_values = ValueIndex::new(&s.src);
            self.left_tgt
                .retain(|&j| !src_values.states(&s.tgt[j]) && !verbatim(&s.tgt[j], &free_src));
        }
        type Event<'m> = (
            usize,
            usize,
            Rule,
            String,
            Option<&'m Mention<'m>>,
            Option<&'m Mention<'m>>,
        );
        let mut events: Vec<Event<'_>> = Vec::new();
        for (i, j) in pairs {
            let (a, b) = (&s.src[i], &s.tgt[j]);
            events.push((
                s.src_char[i],
                0,
                Rule::NumberMismatch,
                format!("{} ≠ {}", describe("source", a), describe("target", b)),
                Some(a),
                Some(b),
            ));
        }
        for &(i, j) in &self.role_changes {
            let (a, b) = (&s.src[i], &s.tgt[j]);
            events.push((
                s.src_char[i],
                0,
                Rule::NumberMismatch,
                format!(
                    "{} ≠ {}: {} against {}",
                    describe("source", a),
                    describe("target", b),
                    role_name(a),
                    role_name(b)
                ),
                Some(a),
                Some(b),
            ));
        }
        for &i in &self.left_src {
            let a = &s.src[i];
            if a.strength == Strength::Strong {
                events.push((
                    s.src_char[i],
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
                let at = (s.tgt_rel[j] as usize * s.src_len.max(1)) / 1000;
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

/// The numbers of one side by class and order of magnitude, for asking whether
/// the side states a value.
struct ValueIndex<'m, 'p> {
    ms: &'m [Mention<'p>],
    buckets: HashMap<u64, Vec<usize>>,
}

impl<'m, 'p> ValueIndex<'m, 'p> {
    fn new(ms: &'m [Mention<'p>]) -> Self {
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut keys = Vec::new();
        for (i, m) in ms.iter().enumerate() {
            if !m.kind.is_numeric() {
                continue;
            }
            keys.clear();
            if let Some(sp) = value_span(m) {
                span_keys(6, class(m.kind) as u64, sp, &mut keys, false);
                keys.push(all_key(6, class(m.kind) as u64));
            }
            keys.sort_unstable();
            keys.dedup();
            for &k in &keys {
                buckets.entry(k).or_default().push(i);
            }
        }
        ValueIndex { ms, buckets }
    }

    /// True when a mention of the same kind class has the same value as `m` (read
    /// nearest magnitude first, at most [`matching::BUDGET`] mentions).
    fn states(&self, m: &Mention) -> bool {
        let Some(sp) = value_span(m) else {
            return false;
        };
        let Some(x) = m.num() else { return false };
        let mut keys = Vec::new();
        span_keys(6, class(m.kind) as u64, sp, &mut keys, true);
        let mut read = 0;
        for k in keys {
            for &o in self.buckets.get(&k).map(Vec::as_slice).unwrap_or(&[]) {
                read += 1;
                if read > matching::BUDGET {
                    return false;
                }
                let other = &self.ms[o];
                if other.num().is_some_and(|y| x.same_value(y)) {
                    return true;
                }
            }
        }
        false
    }
}

/// Two leftover numbers in the same role: same kind class, at least one strong, and
/// compatible units. A weak number (`两`, `two`) pairs only when its unit matches.
fn same_role(a: &Mention, b: &Mention) -> bool {
    if class(a.kind) != class(b.kind) {
        return false;
    }
    let (Some(x), Some(y)) = (a.num(), b.num()) else {
        return false;
    };
    if roles_conflict(a, b) {
        return false;
    }
    // Two counts of things (`三艘`, `two carriers`; `七天`, `six days`) disagree even
    // when both are single numerals; two money amounts whatever their currencies.
    let both_counted = counted(a) && counted(b) && x.unit == y.unit;
    let both_money = a.kind == Kind::Money && b.kind == Kind::Money;
    if a.strength == Strength::Weak && b.strength == Strength::Weak && !both_counted {
        return false;
    }
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
        return units_agree
            || both_counted
            || both_money
            || matches!(a.kind, Kind::Ordinal | Kind::Fraction | Kind::Percent);
    }
    true
}

fn is_part(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || c == ','
}

/// The first run of digits (with `.` and `,`) of a mention's text, full-width
/// digits folded, without leading or trailing `.` and `,`.
fn digit_run(text: &str) -> String {
    let ascii = crate::text::fold_digits(text);
    ascii
        .split(|c: char| !is_part(c))
        .find(|r| r.chars().any(|c| c.is_ascii_digit()))
        .unwrap_or("")
        .trim_matches(|c| c == '.' || c == ',')
        .to_string()
}

/// The digit runs of a text (full-width digits folded, leading and trailing `.`
/// and `,` trimmed) that no mention covers: found in one pass over the bytes,
/// a run copied only when it is free.
fn free_runs(text: &str, ms: &[Mention]) -> HashSet<String> {
    runs_outside(text, ms.len(), |k| (ms[k].start, ms[k].end))
}

/// [`free_runs`] outside `n` spans in order, span `k` being `span(k)`.
fn runs_outside(text: &str, n: usize, span: impl Fn(usize) -> (usize, usize)) -> HashSet<String> {
    let b = text.as_bytes();
    // The length of the run character at byte `i`, 0 for none: an ASCII digit,
    // `.`, `,`, or a full-width digit (EF BC 90–99). No continuation byte is
    // one, so a run starts and ends on character boundaries.
    let part = |i: usize| match b[i] {
        b'0'..=b'9' | b'.' | b',' => 1,
        0xEF if b.get(i + 1) == Some(&0xBC)
            && b.get(i + 2).is_some_and(|x| (0x90..=0x99).contains(x)) =>
        {
            3
        }
        _ => 0,
    };
    let mut out = HashSet::new();
    let mut k = 0; // mentions ending at or before the current run are behind `k`
    let mut i = 0;
    while i < b.len() {
        if part(i) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() {
            match part(i) {
                0 => break,
                n => i += n,
            }
        }
        while k < n && span(k).1 <= start {
            k += 1;
        }
        if !(k < n && span(k).0 < i) {
            let run = crate::text::fold_digits(&text[start..i]);
            out.insert(run.trim_matches(|c| c == '.' || c == ',').to_string());
        }
    }
    out
}

/// A number written in digits whose digit string the other text holds verbatim
/// outside every mention found there, that is where it was not read as a number
/// (`windows 11` beside `windows11`, a code the other language glued to letters):
/// not reported as missing or extra.
/// `other_free_runs` gives the other text's runs, found when first asked for.
fn verbatim<'r>(m: &Mention, other_free_runs: &dyn Fn() -> &'r HashSet<String>) -> bool {
    let run = digit_run(m.text);
    !run.is_empty() && other_free_runs().contains(&run)
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

#[cfg(test)]
mod run_tests {
    use super::*;
    use proptest::prelude::*;

    /// The free runs as first found, one character at a time.
    fn by_chars(text: &str, spans: &[(usize, usize)]) -> HashSet<String> {
        let mut out = HashSet::new();
        let mut k = 0;
        let mut it = text.char_indices().peekable();
        let fold = |c: char| {
            if ('\u{FF10}'..='\u{FF19}').contains(&c) {
                crate::text::fold_char(c)
            } else {
                c
            }
        };
        while let Some((start, c)) = it.next() {
            if !is_part(fold(c)) {
                continue;
            }
            let mut run = String::new();
            run.push(fold(c));
            let mut end = start + c.len_utf8();
            while let Some(&(b, n)) = it.peek() {
                if !is_part(fold(n)) {
                    break;
                }
                run.push(fold(n));
                end = b + n.len_utf8();
                it.next();
            }
            while k < spans.len() && spans[k].1 <= start {
                k += 1;
            }
            if spans.get(k).is_none_or(|m| m.0 >= end) {
                out.insert(run.trim_matches(|c| c == '.' || c == ',').to_string());
            }
        }
        out
    }

    proptest! {
        #[test]
        fn runs_by_bytes_are_runs_by_characters(
            text in "[0-9.,a 中０１９，．￼]{0,24}",
            mut spans in proptest::collection::vec((0usize..80, 0usize..80), 0..4),
        ) {
            spans.sort_unstable();
            let got = runs_outside(&text, spans.len(), |k| spans[k]);
            prop_assert_eq!(got, by_chars(&text, &spans));
        }
    }
}
