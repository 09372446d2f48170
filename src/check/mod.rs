//! Checks: compare the mentions of a pair's source and target into findings.

pub mod alignment;
pub mod codes;
mod date;
mod entity;
mod glossary;
mod identifier;
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
    /// The documents' date (`--document-date`): the month of day-only dates and
    /// the year of dates without one, where their paragraph gives none.
    pub document_date: Option<crate::extract::DocumentDate>,
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
            document_date: None,
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

impl Ctx<'_> {
    /// Raises the severity of the last finding, when it is of `rule`, to at least
    /// `floor` (evidence that makes a note a warning).
    pub(crate) fn raise_last(&mut self, rule: Rule, floor: Severity) {
        if let Some(f) = self.out.last_mut().filter(|f| f.rule == rule) {
            f.severity = f.severity.max(floor);
        }
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
        lang: None,
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

/// Drops the numbers and dates that lie inside a name recognised surely and longer
/// than them (`77` in `the Group of 77`). (Names inside a number, such as `U.S.` in
/// `89.4 billion U.S. dollars`, are the number's: the entity check drops those.)
/// `names` is sorted by start and free of overlaps.
fn drop_inside_names(quantities: &mut Vec<Mention>, names: &[Mention]) {
    if names.is_empty() {
        return;
    }
    quantities.retain(|q| {
        let k = names.partition_point(|n| n.end <= q.start);
        !names.get(k).is_some_and(|n| {
            n.strength == crate::extract::Strength::Strong
                && n.start <= q.start
                && q.end <= n.end
                && n.end - n.start > q.end - q.start
        })
    });
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
        self.check_pair_judged(pair, false).findings
    }

    /// The facts of a pair the alignment post-pass compares with its neighbours',
    /// without checking it (a pair of another shard): the same values
    /// [`Checker::check_pair_judged`] gives.
    pub fn facts(&self, pair: &Pair) -> Facts {
        if self.too_large(pair) {
            return Facts::default();
        }
        let st = SideText::new(&pair.source);
        let tt = SideText::new(&pair.target);
        let mut ctx = Ctx {
            pair,
            options: &self.options,
            chars: [&st.chars, &tt.chars],
            out: Vec::new(),
        };
        if alignment::check_pair(&mut ctx, pair) {
            return self.broken_facts(pair, &st, &tt);
        }
        Facts {
            src: self.side_values(pair.source_lang, &st),
            tgt: self.side_values(pair.target_lang, &tt),
        }
    }

    /// The facts of a broken pair: those of its one side that has text (the other
    /// is empty), for a shift that left a side empty; none for a pair in the wrong
    /// languages.
    fn broken_facts(&self, pair: &Pair, st: &SideText, tt: &SideText) -> Facts {
        let (s, t) = (pair.source.trim().is_empty(), pair.target.trim().is_empty());
        Facts {
            src: if t && !s {
                self.side_values(pair.source_lang, st)
            } else {
                Vec::new()
            },
            tgt: if s && !t {
                self.side_values(pair.target_lang, tt)
            } else {
                Vec::new()
            },
        }
    }

    /// One side's numbers and dates, and its names when a rule needs them: numbers
    /// inside a recognised name are part of the name (`the Group of 77` =
    /// `77国集团`), matched through it and never numbers of their own.
    fn side_mentions<'p>(
        &self,
        lang: &'static dyn lang::Language,
        text: &SideText<'p>,
        names_on: bool,
    ) -> (Vec<Mention<'p>>, Vec<Mention<'p>>) {
        let mut q = lang::quantities_dated(lang, &text.folded, self.options.document_date);
        let names = if names_on {
            lang::names(lang, &text.folded, crate::gazetteer::Gazetteer::bundled())
        } else {
            Vec::new()
        };
        drop_inside_names(&mut q, &names);
        (q, names)
    }

    /// The values of one side's numbers, dates and names, as the checks extract them.
    fn side_values(&self, lang: &'static dyn lang::Language, text: &SideText) -> Vec<String> {
        let (q, mut names) = self.side_mentions(lang, text, self.names_needed());
        let mut out = values(&q);
        if self.names_enabled() {
            names.retain(|n| !overlaps_any(&q, n.start, n.end));
            out.extend(values(&names));
        }
        out
    }

    fn quantities_enabled(&self) -> bool {
        use crate::finding::Category;
        self.options
            .severities
            .keys()
            .any(|r| matches!(r.category(), Category::Number | Category::Date))
    }

    fn names_enabled(&self) -> bool {
        [
            Rule::EntitySubstitution,
            Rule::EntityMissing,
            Rule::EntityExtra,
            Rule::EntityUnverified,
        ]
        .iter()
        .any(|r| self.options.enabled(*r))
    }

    /// Whether names are read: for their rules, or to keep the numbers inside them
    /// out of the number and date rules.
    fn names_needed(&self) -> bool {
        self.names_enabled() || self.quantities_enabled()
    }

    /// All findings of one pair, whether the pair is broken (an empty side,
    /// untranslated, swapped or in the wrong language: its facts are then not
    /// compared), and with `want_facts` the values of its numbers, dates and
    /// names for the alignment post-pass.
    pub fn check_pair_judged(&self, pair: &Pair, want_facts: bool) -> Judged {
        if self.too_large(pair) {
            let bytes = (pair.source.len() + pair.target.len()) as u64;
            let finding = self.limit_finding(
                pair,
                Rule::PairNotChecked,
                format!(
                    "pair not checked: its source and target hold {}, more than max-pair-bytes ({}); raise the limit in [limits] of the configuration, or split the pair",
                    crate::limits::size(bytes),
                    crate::limits::size(self.options.max_pair_bytes),
                ),
            );
            return Judged {
                findings: finding.into_iter().collect(),
                broken: true,
                facts: want_facts.then(Facts::default),
            };
        }
        let st = SideText::new(&pair.source);
        let tt = SideText::new(&pair.target);
        let mut ctx = Ctx {
            pair,
            options: &self.options,
            chars: [&st.chars, &tt.chars],
            out: Vec::new(),
        };
        if alignment::check_pair(&mut ctx, pair) {
            if !ctx.out.is_empty() {
                assign_fingerprints(&mut ctx.out, &pair_key(pair));
            }
            return Judged {
                findings: ctx.out,
                broken: true,
                facts: want_facts.then(|| self.broken_facts(pair, &st, &tt)),
            };
        }
        // A rule that is not selected costs nothing: numbers and dates are read
        // only for their rules, to keep names inside them out of the name rules,
        // or for the alignment post-pass; names for their rules or the numbers'.
        let quantity_rules = self.quantities_enabled();
        let entity_rules = self.names_enabled();
        let code_rule = self.options.enabled(Rule::CodeMismatch);
        let ((src, src_names), (tgt, tgt_names)) = if quantity_rules || entity_rules || want_facts {
            let names_on = self.names_needed();
            (
                self.side_mentions(pair.source_lang, &st, names_on),
                self.side_mentions(pair.target_lang, &tt, names_on),
            )
        } else {
            Default::default()
        };
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
        let mut facts = want_facts.then(|| Facts {
            src: values(&sides.src),
            tgt: values(&sides.tgt),
        });
        if quantity_rules {
            let dates = date::Dates::new(&sides, self.options.date_order);
            let nums = number::Numbers::new(&sides);
            // Years and dates written as plain numbers on one side and as dates on
            // the other are the same fact: reconcile before reporting either.
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
        }
        let mut code_spans: [Vec<(usize, usize)>; 2] = Default::default();
        if code_rule {
            // A code that is a recognised name (`G20` as `G7`) is the entity check's
            // to report, when it runs.
            let (sn, tn): (&[Mention], &[Mention]) = if entity_rules {
                (&src_names, &tgt_names)
            } else {
                (&[], &[])
            };
            code_spans = identifier::check(
                &mut ctx,
                (&st.folded, &st.chars, sn),
                (&tt.folded, &tt.chars, tn),
            );
        }
        if entity_rules {
            let gazetteer = crate::gazetteer::Gazetteer::bundled();
            // Names inside a number or date (`11日中午` is not 日中, Japan-China) are
            // dropped, and so are names a glossary entry decides (its own rules
            // report them), and codes the code check has paired (`H5N1` as `H1N1`).
            let [mut src_terms, mut tgt_terms] = match &self.options.glossary {
                Some(g) => glossary::decided_spans(g, pair),
                None => Default::default(),
            };
            let [src_codes, tgt_codes] = code_spans;
            src_terms.extend(src_codes);
            tgt_terms.extend(tgt_codes);
            fn side<'p>(
                lang: &'static dyn lang::Language,
                text: &SideText<'p>,
                mut mentions: Vec<Mention<'p>>,
                quantities: &[Mention],
                terms: &[(usize, usize)],
                facts: Option<&mut Vec<String>>,
            ) -> entity::NameSide<'p> {
                mentions.retain(|n| !overlaps_any(quantities, n.start, n.end));
                // The post-pass sees every name, a glossary's too (as `facts` does).
                if let Some(f) = facts {
                    f.extend(values(&mentions));
                }
                mentions.retain(|n| !terms.iter().any(|&(a, b)| n.start < b && a < n.end));
                let (_, rel) = text.positions(&mentions);
                entity::NameSide::new(lang, text.text, mentions, rel)
            }
            let (fs, ft) = match facts.as_mut() {
                Some(f) => (Some(&mut f.src), Some(&mut f.tgt)),
                None => (None, None),
            };
            let mut s = side(pair.source_lang, &st, src_names, &sides.src, &src_terms, fs);
            let mut t = side(pair.target_lang, &tt, tgt_names, &sides.tgt, &tgt_terms, ft);
            entity::prepare(&mut s, &mut t);
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
        Judged {
            findings: ctx.out,
            broken: false,
            facts,
        }
    }

    /// Whether a pair is over `max-pair-bytes`: it is not read at all.
    fn too_large(&self, pair: &Pair) -> bool {
        (pair.source.len() + pair.target.len()) as u64 > self.options.max_pair_bytes
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
            lang: u.lang,
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

/// What [`Checker::check_pair_judged`] finds.
pub struct Judged {
    pub findings: Vec<Finding>,
    pub broken: bool,
    pub facts: Option<Facts>,
}

/// The canonical values of a pair's numbers, dates and names (strong mentions
/// only), per side, for the alignment post-pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub src: Vec<String>,
    pub tgt: Vec<String>,
}

fn values(ms: &[Mention]) -> Vec<String> {
    ms.iter()
        .filter(|m| m.strength == crate::extract::Strength::Strong)
        .map(|m| m.canonical())
        .collect()
}

/// What a pair's fingerprints are keyed on: its id, else its source text.
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
    // (Not a label: `No. 31` is not the 31st, nor a year.)
    let plain = |m: &Mention| -> Option<i64> {
        let n = m.num()?;
        if n.unit.is_some()
            || n.ratio.is_some()
            || !n.value.fract().is_zero()
            || n.role == Some(crate::extract::Role::Label)
        {
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
            // A day alone (`11日`, `the 27th`, also when it took its month from
            // the paragraph) against a bare number on the other side.
            if (d.month.is_none() || d.month_inherited) && (d.year.is_none() || d.year_inherited) {
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
    // A day (`31号`) the other side turned into a label (`No. 31`): the date is
    // missing there, however weak a lone day is; the label is that day, not a
    // number of its own.
    let label = |m: &Mention| {
        m.num()
            .filter(|n| n.role == Some(crate::extract::Role::Label))
            .and_then(|n| i64::try_from(n.value).ok())
    };
    for (nl, dl, ns, ds, lost) in [
        (
            &mut nums.left_tgt,
            &dates.left_src,
            &s.tgt,
            &s.src,
            &mut dates.lost_src,
        ),
        (
            &mut nums.left_src,
            &dates.left_tgt,
            &s.src,
            &s.tgt,
            &mut dates.lost_tgt,
        ),
    ] {
        let mut labels: foldhash::HashMap<i64, Vec<usize>> = Default::default();
        for &i in nl.iter().rev() {
            if let Some(v) = label(&ns[i]) {
                labels.entry(v).or_default().push(i);
            }
        }
        if labels.is_empty() {
            continue;
        }
        let mut used = Vec::new();
        for &j in dl.iter() {
            if let Some(d) = ds[j].date()
                && d.year.is_none()
                && d.month.is_none()
                && let Some(i) = d
                    .day
                    .and_then(|x| labels.get_mut(&i64::from(x)))
                    .and_then(Vec::pop)
            {
                lost.push(j);
                used.push(i);
            }
        }
        if !used.is_empty() {
            let used: HashSet<usize> = used.into_iter().collect();
            nl.retain(|i| !used.contains(i));
        }
    }
    // `18.12` (day and month, as much of Europe writes them) against a date of that
    // day and month on the other side: the same date.
    let day_month = |m: &Mention| -> Option<[(u8, u8); 2]> {
        if m.kind != Kind::Number {
            return None;
        }
        let (a, b) = m.text.split_once('.')?;
        let ok = |x: &str| (1..=2).contains(&x.len()) && x.bytes().all(|c| c.is_ascii_digit());
        if !ok(a) || !ok(b) {
            return None;
        }
        let (a, b): (u8, u8) = (a.parse().ok()?, b.parse().ok()?);
        Some([(b, a), (a, b)])
    };
    for (nl, dl, ns, ds) in [
        (&mut nums.left_src, &mut dates.left_tgt, &s.src, &s.tgt),
        (&mut nums.left_tgt, &mut dates.left_src, &s.tgt, &s.src),
    ] {
        let mut by_month_day: foldhash::HashMap<(u8, u8), Vec<usize>> = Default::default();
        for &j in dl.iter().rev() {
            if let Some(d) = ds[j].date()
                && let (Some(mo), Some(day)) = (d.month, d.day)
            {
                by_month_day.entry((mo, day)).or_default().push(j);
            }
        }
        let mut pairs = Vec::new();
        for &i in nl.iter() {
            let Some(readings) = day_month(&ns[i]) else {
                continue;
            };
            if let Some(j) = readings
                .iter()
                .find_map(|k| by_month_day.get_mut(k).and_then(Vec::pop))
            {
                pairs.push((i, j));
            }
        }
        remove_paired(nl, dl, &pairs);
    }
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
