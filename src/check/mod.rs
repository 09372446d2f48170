//! Checks: compare the mentions of a pair's source and target into findings.

pub mod codes;
mod date;
mod entity;
mod glossary;
pub mod matching;
mod number;

use crate::extract::{Kind, Mention};
use crate::finding::{Finding, Severity, SpanRef, assign_fingerprints, normalize_for_fingerprint};
use crate::input::{Pair, Side, Unpaired};
use crate::lang;
use crate::text::{CharIndex, Folded};
use codes::Rule;
use foldhash::HashSet;
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
    /// A pair whose source and target hold more bytes is not checked (`A009`).
    pub max_pair_bytes: u64,
    /// Findings listed per pair; the rest are counted in one finding (`A010`).
    pub max_pair_findings: usize,
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
            max_pair_bytes: crate::limits::Limits::default().max_pair_bytes,
            max_pair_findings: crate::limits::Limits::default().max_pair_findings,
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
    /// Character indexes of the source and target texts: findings report
    /// character offsets (the JSON contract), mentions hold byte offsets.
    chars: [&'a CharIndex; 2],
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
        let (st, tt) = (self.pair.source.as_str(), self.pair.target.as_str());
        let [sc, tc] = self.chars;
        self.out.push(Finding {
            rule,
            severity,
            pair_index: self.pair.index,
            pair_id: self.pair.id.clone(),
            file: self.pair.location.file.to_string(),
            source_line: Some(self.pair.location.source_line),
            target_line: Some(self.pair.location.target_line),
            message,
            source: source.map(|m| span_ref(m, st, sc)),
            target: target.map(|m| span_ref(m, tt, tc)),
            fingerprint: String::new(),
        });
    }
}

/// A mention as reported: its byte span turned into character offsets.
fn span_ref(m: &Mention, text: &str, chars: &CharIndex) -> SpanRef {
    SpanRef {
        text: m.text.to_string(),
        start: chars.char_of(text, m.start),
        end: chars.char_of(text, m.end),
        value: Some(m.canonical()),
        display: Some(m.display_value()),
    }
}

/// `source "47 million tons" (47000000 t)`
pub(crate) fn describe(side: &str, m: &Mention) -> String {
    format!("{side} \"{}\" ({})", m.text, m.display_value())
}

/// Relative position of a character offset in a text of `len` characters, 0..=1000.
pub(crate) fn rel(char_start: usize, len: usize) -> i64 {
    if len == 0 {
        0
    } else {
        (char_start as i64 * 1000) / len as i64
    }
}

/// One text of a pair, prepared once for every check: folded for the
/// extractors, and indexed for character offsets.
pub(crate) struct SideText<'p> {
    pub text: &'p str,
    pub folded: Folded<'p>,
    pub chars: CharIndex,
}

impl<'p> SideText<'p> {
    fn new(text: &'p str) -> Self {
        SideText {
            text,
            folded: Folded::new(text),
            chars: CharIndex::new(text),
        }
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.chars.len_chars()
    }

    /// Character starts and relative positions of mentions of this text.
    pub fn positions(&self, ms: &[Mention]) -> (Vec<usize>, Vec<i64>) {
        let len = self.len();
        let starts: Vec<usize> = ms
            .iter()
            .map(|m| self.chars.char_of(self.text, m.start))
            .collect();
        let rels = starts.iter().map(|&c| rel(c, len)).collect();
        (starts, rels)
    }
}

/// The mentions of both sides of a pair.
pub(crate) struct Sides<'p> {
    pub src: Vec<Mention<'p>>,
    pub tgt: Vec<Mention<'p>>,
    pub src_text: &'p str,
    pub tgt_text: &'p str,
    /// Characters of the source text.
    pub src_len: usize,
    /// Character starts (source) and relative positions of the mentions.
    pub src_char: Vec<usize>,
    pub src_rel: Vec<i64>,
    pub tgt_rel: Vec<i64>,
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

    /// Distance of the relative positions of source mention `i` and target mention `j`.
    pub fn dist(&self, i: usize, j: usize) -> i64 {
        (self.src_rel[i] - self.tgt_rel[j]).abs()
    }
}

/// Drops from two lists the items paired in `pairs`.
pub(crate) fn remove_paired(
    left: &mut Vec<usize>,
    right: &mut Vec<usize>,
    pairs: &[(usize, usize)],
) {
    let l: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
    let r: HashSet<usize> = pairs.iter().map(|p| p.1).collect();
    left.retain(|i| !l.contains(i));
    right.retain(|j| !r.contains(j));
}

/// True when a mention of `sorted` (sorted by start, without overlaps) overlaps the
/// byte range `[start, end)`.
fn overlaps_any(sorted: &[Mention], start: usize, end: usize) -> bool {
    // The first mention ending after `start` is the only one that can.
    let k = sorted.partition_point(|q| q.end <= start);
    sorted.get(k).is_some_and(|q| q.start < end)
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
        let bytes = (pair.source.len() + pair.target.len()) as u64;
        if bytes > self.options.max_pair_bytes {
            return self.limit_finding(
                pair,
                Rule::PairNotChecked,
                format!(
                    "pair not checked: its source and target hold {}, more than max-pair-bytes ({}); raise the limit in [limits] of the configuration, or split the pair",
                    crate::limits::size(bytes),
                    crate::limits::size(self.options.max_pair_bytes),
                ),
            )
            .into_iter()
            .collect();
        }
        let st = SideText::new(&pair.source);
        let tt = SideText::new(&pair.target);
        let src = lang::quantities(pair.source_lang, &st.folded);
        let tgt = lang::quantities(pair.target_lang, &tt.folded);
        let (src_char, src_rel) = st.positions(&src);
        let (_, tgt_rel) = tt.positions(&tgt);
        let sides = Sides {
            src,
            tgt,
            src_text: &pair.source,
            tgt_text: &pair.target,
            src_len: st.len(),
            src_char,
            src_rel,
            tgt_rel,
        };
        let mut ctx = Ctx {
            pair,
            options: &self.options,
            chars: [&st.chars, &tt.chars],
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
            fn side<'p>(
                lang: &'static dyn lang::Language,
                text: &SideText<'p>,
                quantities: &[Mention],
                terms: &[(usize, usize)],
                gazetteer: &crate::gazetteer::Gazetteer,
            ) -> entity::NameSide<'p> {
                let mut mentions = lang::names(lang, &text.folded, gazetteer);
                mentions.retain(|n| {
                    !overlaps_any(quantities, n.start, n.end)
                        && !terms.iter().any(|&(a, b)| n.start < b && a < n.end)
                });
                let (_, rel) = text.positions(&mentions);
                entity::NameSide::new(lang, text.text, mentions, rel)
            }
            let s = side(pair.source_lang, &st, &sides.src, &src_terms, gazetteer);
            let t = side(pair.target_lang, &tt, &sides.tgt, &tgt_terms, gazetteer);
            entity::check(&mut ctx, gazetteer, &s, &t);
        }
        if let Some(g) = &self.options.glossary {
            glossary::check(&mut ctx, g, pair);
        }
        if !ctx.out.is_empty() {
            assign_fingerprints(&mut ctx.out, &pair_key(pair));
        }
        let max = self.options.max_pair_findings;
        if ctx.out.len() > max {
            let rest = ctx.out.len() - max;
            ctx.out.truncate(max);
            ctx.out.extend(self.limit_finding(
                pair,
                Rule::FindingsNotListed,
                format!(
                    "{rest} more finding{} of this pair not listed: more than max-pair-findings ({max}); raise the limit in [limits] of the configuration to see them",
                    if rest == 1 { "" } else { "s" },
                ),
            ));
        }
        ctx.out
    }

    /// A finding about a limit of the pair (`A009`, `A010`): no spans.
    fn limit_finding(&self, pair: &Pair, rule: Rule, message: String) -> Option<Finding> {
        let severity = *self.options.severities.get(&rule)?;
        let mut f = vec![Finding {
            rule,
            severity,
            pair_index: pair.index,
            pair_id: pair.id.clone(),
            file: pair.location.file.to_string(),
            source_line: Some(pair.location.source_line),
            target_line: Some(pair.location.target_line),
            message,
            source: None,
            target: None,
            fingerprint: String::new(),
        }];
        assign_fingerprints(&mut f, &pair_key(pair));
        f.pop()
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

/// What a pair's fingerprints hash: its id, or its source text.
fn pair_key(pair: &Pair) -> String {
    match &pair.id {
        Some(id) => format!("id:{id}"),
        None => normalize_for_fingerprint(&pair.source),
    }
}

/// Numbers left over on one side that a date on the other side states (a year
/// written `2022` beside `2022年`, a day `the 24th` beside `24日`), and year-only
/// dates left over that the other side writes as a plain number, count as matched.
/// Years: see [`Checker::check_pair`]. Returns the numbers and dates left, and the
/// (source, target) pairs of a plain-number year against a different year.
///
/// Each side's date parts and plain values are collected once into sets, so the
/// look-ups are constant time.
fn reconcile(
    s: &Sides,
    mut nums: number::Numbers,
    mut dates: date::Dates,
) -> (number::Numbers, date::Dates, Vec<(usize, usize)>) {
    use crate::extract::DateValue;
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
    // What a plain number (`as_number`) and a day ordinal can stand for:
    let parts = |d: &DateValue, as_number: bool, v: &mut Vec<i64>| {
        if as_number {
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
        } else {
            v.extend(d.day.map(i64::from));
        }
    };
    // Per side: the values its dates state for a plain number, and for an ordinal.
    let date_parts = |ms: &[Mention]| {
        let (mut num, mut ord) = (Vec::new(), Vec::new());
        for d in ms.iter().filter_map(|o| o.date()) {
            parts(d, true, &mut num);
            parts(d, false, &mut ord);
        }
        let set = |v: Vec<i64>| v.into_iter().collect::<HashSet<i64>>();
        (set(num), set(ord))
    };
    let (src_parts, tgt_parts) = (date_parts(&s.src), date_parts(&s.tgt));
    let date_states = |(num, ord): &(HashSet<i64>, HashSet<i64>), m: &Mention, x: i64| {
        if m.kind == Kind::Number {
            num.contains(&x)
        } else {
            !m.text.starts_with('第') && ord.contains(&x)
        }
    };
    nums.left_src
        .retain(|&i| !plain(&s.src[i]).is_some_and(|x| date_states(&tgt_parts, &s.src[i], x)));
    nums.left_tgt
        .retain(|&j| !plain(&s.tgt[j]).is_some_and(|x| date_states(&src_parts, &s.tgt[j], x)));
    // A year or a clock time the other side writes as plain numbers: the values of
    // each side's numeric mentions without a unit.
    let unitless = |ms: &[Mention]| -> HashSet<Decimal> {
        ms.iter()
            .filter(|m| m.kind.is_numeric())
            .filter_map(|m| m.num())
            .filter(|n| n.unit.is_none())
            .map(|n| n.value.normalize())
            .collect()
    };
    let (src_values, tgt_values) = (unitless(&s.src), unitless(&s.tgt));
    let numbers_state = |values: &HashSet<Decimal>, d: &DateValue| {
        let has = |x: i64| values.contains(&Decimal::from(x).normalize());
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
    dates.left_src.retain(|&i| {
        !s.src[i]
            .date()
            .is_some_and(|d| numbers_state(&tgt_values, d))
    });
    dates.left_tgt.retain(|&j| {
        !s.tgt[j]
            .date()
            .is_some_and(|d| numbers_state(&src_values, d))
    });
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
        // Every candidate costs the same, so the greedy matching pairs the eligible
        // numbers and dates in order.
        let numbers = nl
            .iter()
            .copied()
            .filter(|&i| year_number(&ns[i]).is_some());
        let years = dl.iter().copied().filter(|&j| year_date(&ds[j]).is_some());
        let pairs: Vec<(usize, usize)> = numbers.zip(years).collect();
        remove_paired(nl, dl, &pairs);
        cross.extend(
            pairs
                .iter()
                .map(|&(i, j)| if flip { (j, i) } else { (i, j) }),
        );
    }
    (nums, dates, cross)
}
