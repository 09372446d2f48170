//! Checks: compare the mentions of a pair's source and target into findings.

pub mod codes;
mod date;
mod entity;
mod glossary;
mod number;

use crate::extract::{Kind, Mention};
use crate::finding::{Finding, Severity, SpanRef, assign_fingerprints, normalize_for_fingerprint};
use crate::input::{Pair, Side, Unpaired};
use crate::lang;
use codes::Rule;
use std::collections::BTreeMap;

/// How to read numeric dates whose day and month could be either way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Month first: 03/02/2022 is March 2 (United States).
    Mdy,
    /// Day first: 03/02/2022 is 3 February (most other places).
    Dmy,
}

/// Which rules run and at what severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Severity per rule; a rule absent from the map is disabled.
    pub severities: BTreeMap<Rule, Severity>,
    pub date_order: Option<DateOrder>,
    /// Required and forbidden terms (`--glossary`).
    pub glossary: Option<std::sync::Arc<crate::glossary::Glossary>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            severities: Rule::ALL
                .iter()
                .map(|r| (*r, r.default_severity()))
                .collect(),
            date_order: None,
            glossary: None,
        }
    }
}

impl Options {
    pub fn enabled(&self, rule: Rule) -> bool {
        self.severities.contains_key(&rule)
    }
}

/// Checks pairs. Cheap to share between threads.
#[derive(Debug, Clone, Default)]
pub struct Checker {
    pub options: Options,
}

/// Collects the findings of one pair.
pub(crate) struct Ctx<'a> {
    pair: &'a Pair,
    options: &'a Options,
    out: Vec<Finding>,
}

impl Ctx<'_> {
    pub(crate) fn emit(
        &mut self,
        rule: Rule,
        message: String,
        source: Option<&Mention>,
        target: Option<&Mention>,
    ) {
        let Some(&severity) = self.options.severities.get(&rule) else {
            return;
        };
        self.out.push(Finding {
            rule,
            severity,
            pair_index: self.pair.index,
            pair_id: self.pair.id.clone(),
            file: self.pair.location.file.to_string(),
            source_line: Some(self.pair.location.source_line),
            target_line: Some(self.pair.location.target_line),
            message,
            source: source.map(span_ref),
            target: target.map(span_ref),
            fingerprint: String::new(),
        });
    }
}

fn span_ref(m: &Mention) -> SpanRef {
    SpanRef {
        text: m.text.clone(),
        start: m.start,
        end: m.end,
        value: Some(m.canonical()),
        display: Some(m.display_value()),
    }
}

/// `source "47 million tons" (47000000 t)`
pub(crate) fn describe(side: &str, m: &Mention) -> String {
    format!("{side} \"{}\" ({})", m.text, m.display_value())
}

/// Relative position of a mention in its text, 0..=1000.
pub(crate) fn rel_pos(m: &Mention, len: usize) -> i64 {
    if len == 0 {
        0
    } else {
        (m.start as i64 * 1000) / len as i64
    }
}

/// Greedy one-to-one matching: among all (i, j) with a cost, take the cheapest
/// first (ties by i then j), skipping used items. Deterministic.
pub(crate) fn greedy_match(
    left: &[usize],
    right: &[usize],
    mut cost: impl FnMut(usize, usize) -> Option<i64>,
) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for &i in left {
        for &j in right {
            if let Some(c) = cost(i, j) {
                cands.push((c, i, j));
            }
        }
    }
    cands.sort();
    let mut used_l = Vec::new();
    let mut used_r = Vec::new();
    let mut out = Vec::new();
    for (_, i, j) in cands {
        if !used_l.contains(&i) && !used_r.contains(&j) {
            used_l.push(i);
            used_r.push(j);
            out.push((i, j));
        }
    }
    out
}

/// The mentions of both sides of a pair, split by kind.
pub(crate) struct Sides<'p> {
    pub src: Vec<Mention>,
    pub tgt: Vec<Mention>,
    pub src_text: &'p str,
    pub tgt_text: &'p str,
    pub src_len: usize,
    pub tgt_len: usize,
}

impl Sides<'_> {
    pub fn indices(&self, side: Side, f: impl Fn(&Mention) -> bool) -> Vec<usize> {
        let v = match side {
            Side::Source => &self.src,
            Side::Target => &self.tgt,
        };
        v.iter()
            .enumerate()
            .filter(|(_, m)| f(m))
            .map(|(i, _)| i)
            .collect()
    }
}

fn is_date(m: &Mention) -> bool {
    matches!(m.kind, Kind::Date | Kind::DateRange)
}

impl Checker {
    pub fn new(options: Options) -> Self {
        Checker { options }
    }

    /// All findings of one pair, in a fixed order.
    pub fn check_pair(&self, pair: &Pair) -> Vec<Finding> {
        let sides = Sides {
            src: lang::extract_quantities(pair.source_lang, &pair.source),
            tgt: lang::extract_quantities(pair.target_lang, &pair.target),
            src_text: &pair.source,
            tgt_text: &pair.target,
            src_len: pair.source.chars().count(),
            tgt_len: pair.target.chars().count(),
        };
        let mut ctx = Ctx {
            pair,
            options: &self.options,
            out: Vec::new(),
        };
        let dates = date::Dates::new(&sides, self.options.date_order);
        let nums = number::Numbers::new(&sides);
        // Years and dates written as plain numbers on one side and as dates on the
        // other are the same fact: reconcile before reporting either.
        let (nums, dates, years) = reconcile(&sides, nums, dates);
        for (i, j) in years {
            let (a, b) = (&sides.src[i], &sides.tgt[j]);
            ctx.emit(
                Rule::DateMismatch,
                format!("{} ≠ {}", describe("source", a), describe("target", b)),
                Some(a),
                Some(b),
            );
        }
        dates.report(&sides, &mut ctx);
        nums.report(&sides, &mut ctx);
        let entity_rules = [
            Rule::EntitySubstitution,
            Rule::EntityMissing,
            Rule::EntityExtra,
            Rule::EntityUnverified,
        ];
        if entity_rules.iter().any(|r| self.options.enabled(*r)) {
            let gazetteer = crate::gazetteer::Gazetteer::bundled();
            // Names inside a number or date (`11日中午` is not 日中, Japan-China) are
            // dropped, and so are names a glossary entry decides (its own rules
            // report them).
            let [src_terms, tgt_terms] = match &self.options.glossary {
                Some(g) => glossary::decided_spans(g, pair),
                None => Default::default(),
            };
            let side = |lang: &'static dyn lang::Language,
                        text,
                        quantities: &[Mention],
                        terms: &[(usize, usize)]| {
                let mut mentions = lang::extract_names(lang, text, gazetteer);
                mentions.retain(|n| {
                    !quantities
                        .iter()
                        .any(|q| n.start < q.end && q.start < n.end)
                        && !terms.iter().any(|&(a, b)| n.start < b && a < n.end)
                });
                entity::NameSide::new(lang, text, mentions)
            };
            let s = side(pair.source_lang, &pair.source, &sides.src, &src_terms);
            let t = side(pair.target_lang, &pair.target, &sides.tgt, &tgt_terms);
            entity::check(&mut ctx, gazetteer, &s, &t);
        }
        if let Some(g) = &self.options.glossary {
            glossary::check(&mut ctx, g, pair);
        }
        let key = match &pair.id {
            Some(id) => format!("id:{id}"),
            None => normalize_for_fingerprint(&pair.source),
        };
        assign_fingerprints(&mut ctx.out, &key);
        ctx.out
    }

    /// The finding for a paragraph without a partner.
    pub fn unpaired(&self, u: &Unpaired) -> Option<Finding> {
        let rule = Rule::UnpairedParagraph;
        let severity = *self.options.severities.get(&rule)?;
        let preview: String = u
            .text
            .chars()
            .take(60)
            .collect::<String>()
            .replace('\n', " ");
        let ellipsis = if u.text.chars().count() > 60 {
            "…"
        } else {
            ""
        };
        let lang = u.lang.map(|l| format!("{l} ")).unwrap_or_default();
        let span = SpanRef {
            text: u.text.clone(),
            start: 0,
            end: u.text.chars().count(),
            value: None,
            display: None,
        };
        let (source, target, sl, tl) = match u.side {
            Some(Side::Target) => (None, Some(span), None, Some(u.line)),
            _ => (Some(span), None, Some(u.line), None),
        };
        let mut f = vec![Finding {
            rule,
            severity,
            pair_index: u.next_pair,
            pair_id: None,
            file: u.file.to_string(),
            source_line: sl,
            target_line: tl,
            message: format!(
                "{lang}paragraph at line {} has no translation next to it: \"{preview}{ellipsis}\"",
                u.line
            ),
            source,
            target,
            fingerprint: String::new(),
        }];
        assign_fingerprints(&mut f, &normalize_for_fingerprint(&u.text));
        f.pop()
    }
}

/// Numbers left over on one side that a date on the other side states (a year
/// written `2022` beside `2022年`, a day `the 24th` beside `24日`), and year-only
/// dates left over that the other side writes as a plain number, count as matched.
/// Years: see [`Checker::check_pair`]. Returns the numbers and dates left, and the
/// (source, target) pairs of a plain-number year against a different year.
fn reconcile(
    s: &Sides,
    mut nums: number::Numbers,
    mut dates: date::Dates,
) -> (number::Numbers, date::Dates, Vec<(usize, usize)>) {
    use rust_decimal::Decimal;
    // A plain integer: no unit, not a fraction.
    let plain = |m: &Mention| -> Option<i64> {
        let n = m.num()?;
        if n.unit.is_some() || n.ratio.is_some() || !n.value.fract().is_zero() {
            return None;
        }
        matches!(m.kind, Kind::Number | Kind::Ordinal).then(|| n.value.try_into().ok())?
    };
    // The parts of a date a number can stand for: a plain number can be a written
    // year or a clock's hour or minute; a day ordinal (`the 24th`, not `第24次`) a day.
    let parts = |d: &crate::extract::DateValue, m: &Mention| -> Vec<i64> {
        let mut v = Vec::new();
        if m.kind == Kind::Number {
            if let Some(y) = d.year.filter(|_| !d.year_inherited) {
                v.push(y as i64);
            }
            // A day alone (`11日`, `the 27th`) against a bare number on the other side.
            if d.month.is_none() && d.year.is_none() {
                v.extend(d.day.map(i64::from));
            }
            if let Some((h, mi)) = d.time {
                v.push(h as i64);
                v.push(mi as i64);
                if h > 12 {
                    v.push(h as i64 - 12);
                }
            }
        } else if !m.text.starts_with('第') {
            v.extend(d.day.map(i64::from));
        }
        v
    };
    let date_states = |ms: &[Mention], m: &Mention, x: i64| {
        ms.iter()
            .filter_map(|o| o.date())
            .any(|d| parts(d, m).contains(&x))
    };
    nums.left_src
        .retain(|&i| !plain(&s.src[i]).is_some_and(|x| date_states(&s.tgt, &s.src[i], x)));
    nums.left_tgt
        .retain(|&j| !plain(&s.tgt[j]).is_some_and(|x| date_states(&s.src, &s.tgt[j], x)));
    // A year or a clock time the other side writes as plain numbers.
    let numbers_state = |ms: &[Mention], d: &crate::extract::DateValue| {
        let has = |x: i64| {
            ms.iter().any(|m| {
                m.kind.is_numeric()
                    && m.num()
                        .is_some_and(|n| n.unit.is_none() && n.value == Decimal::from(x))
            })
        };
        let year_only =
            d.month.is_none() && d.day.is_none() && d.part.is_none() && d.time.is_none();
        match (d.year, d.time) {
            (Some(y), None) if year_only && !d.year_inherited => has(y as i64),
            (None, Some((h, m))) if !d.has_calendar() => {
                (has(h as i64) || (h > 12 && has(h as i64 - 12))) && (m == 0 || has(m as i64))
            }
            _ => false,
        }
    };
    dates
        .left_src
        .retain(|&i| !s.src[i].date().is_some_and(|d| numbers_state(&s.tgt, d)));
    dates
        .left_tgt
        .retain(|&j| !s.tgt[j].date().is_some_and(|d| numbers_state(&s.src, d)));
    // A year written as a plain number on one side (`Russia spent 2023 …`) and a
    // different year-only date on the other (`2022年`) are a date mismatch.
    let year_number =
        |m: &Mention| plain(m).filter(|v| (1000..=2999).contains(v) && m.kind == Kind::Number);
    let year_date = |m: &Mention| {
        m.date()
            .filter(|d| {
                d.month.is_none()
                    && d.day.is_none()
                    && d.part.is_none()
                    && d.relative_year.is_none()
            })
            .and_then(|d| d.year)
    };
    let mut cross = Vec::new();
    for (nl, dl, ns, ds, flip) in [
        (
            &mut nums.left_src,
            &mut dates.left_tgt,
            &s.src,
            &s.tgt,
            false,
        ),
        (
            &mut nums.left_tgt,
            &mut dates.left_src,
            &s.tgt,
            &s.src,
            true,
        ),
    ] {
        let pairs = greedy_match(nl, dl, |i, j| {
            (year_number(&ns[i]).is_some() && year_date(&ds[j]).is_some()).then_some(0)
        });
        for (i, j) in pairs {
            nl.retain(|x| *x != i);
            dl.retain(|x| *x != j);
            cross.push(if flip { (j, i) } else { (i, j) });
        }
    }
    (nums, dates, cross)
}
