//! Alignment checks: whether a pair is a translation of its source at all, and
//! whether the pairs are aligned.
//!
//! - Per pair ([`check_pair`]): an empty side (A002), a target that is the source
//!   unchanged (A003), a side in the wrong language or script (A004), source and
//!   target swapped (A005). A pair found broken this way gets no number, date or
//!   name findings: they would only repeat it.
//! - Across pairs ([`Aligner`]): a post-pass over the pairs in input order that
//!   compares each pair's numbers with its neighbours' (A006, shifts, swaps,
//!   splits and merges) and each pair's length ratio with the file's (A007,
//!   A008). It holds at most [`WINDOW`] pairs (their findings and texts) while it
//!   decides, so memory stays bounded and findings stay in input order; it sees
//!   every pair of an input in order whatever the thread count or shard, so its
//!   findings are the same for any `--jobs` and a shard reports those of its
//!   pairs.
//!
//! Both sides are judged on their text without markup: tags (`<b>`, `</td>`,
//! `<br/>`) and character entities (`&nbsp;`) count for nothing, so a Chinese
//! column that is mostly HTML is still Chinese.

use super::Ctx;
use super::codes::Rule;
use crate::finding::{Category, Finding, Severity, assign_fingerprints, normalize_for_fingerprint};
use crate::input::Pair;
use crate::lang::{self, Language};
use crate::report::PairText;
use crate::text::{ScriptCounts, char_at, fold_char, is_han, is_kana};
use std::collections::{BTreeMap, VecDeque};

/// The text without markup: the byte ranges of `text` outside tags (`<` then a
/// letter, `/`, `!` or `?`, up to the next `>` on the same 512 bytes) and outside
/// character entities (`&name;`, `&#123;`).
fn outside_markup(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut start = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            // Only `<` and `&` can start markup: jump to the next of them.
            match memchr::memchr2(b'<', b'&', &b[i..]) {
                Some(k) => i += k,
                None => {
                    i = b.len();
                    break;
                }
            }
            let skip = match b[i] {
                b'<' if b.get(i + 1).is_some_and(|c| {
                    c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?')
                }) =>
                {
                    let end = (i + 512).min(b.len());
                    memchr::memchr(b'>', &b[i..end]).map(|k| k + 1)
                }
                b'&' => {
                    let end = (i + 12).min(b.len());
                    memchr::memchr(b';', &b[i..end])
                        .filter(|&k| {
                            k > 1
                                && b[i + 1..i + k]
                                    .iter()
                                    .all(|c| c.is_ascii_alphanumeric() || *c == b'#')
                        })
                        .map(|k| k + 1)
                }
                _ => None,
            };
            if let Some(len) = skip {
                let piece = &text[start..i];
                i += len;
                start = i;
                if !piece.is_empty() {
                    return Some(piece);
                }
            } else {
                i += 1;
            }
        }
        if start < b.len() {
            let piece = &text[start..];
            start = b.len();
            return Some(piece);
        }
        None
    })
}

/// Script counts of a text without its markup.
pub fn script_counts(text: &str) -> ScriptCounts {
    let mut c = ScriptCounts::default();
    add_counts(&mut c, text);
    c
}

/// Adds the script counts of a text without its markup.
pub fn add_counts(c: &mut ScriptCounts, text: &str) {
    for piece in outside_markup(text) {
        c.add(piece);
    }
}

/// Letters weighted as language detection weighs them: a Han character counts
/// three Latin letters.
fn weighted(c: &ScriptCounts) -> usize {
    c.han * 3 + c.total() - c.han
}

/// The language of a text when it is clear: enough letters (20, weighted), and a
/// language that fits with at least 0.8, or another script that makes up 80 % of
/// the letters. `Err` names an unsupported script.
fn clear_language(c: &ScriptCounts) -> Option<Result<&'static dyn Language, &'static str>> {
    if weighted(c) < 20 {
        return None;
    }
    match lang::detect_counts(c) {
        Ok(l) if l.script_fit(c) >= 0.8 => Some(Ok(l)),
        Ok(_) => None,
        Err(script) => {
            let n = match script {
                "Japanese kana" => c.kana + c.han,
                "Hangul" => c.hangul,
                "Cyrillic" => c.cyrillic,
                "a script" => c.other_letters,
                _ => 0,
            };
            (n * 10 >= c.total() * 8).then_some(Err(script))
        }
    }
}

/// Whether a text holds letters of a language's own script (5 % of its letters
/// or more): a Chinese text naming `BBC Scotland` and `Alasdair Lamont` is still
/// Chinese.
fn writes_in(l: &dyn Language, c: &ScriptCounts) -> bool {
    let own = match l.code() {
        "zh" => c.han,
        "ja" => c.han + c.kana,
        "ko" => c.hangul,
        "ru" | "uk" | "bg" => c.cyrillic,
        _ => c.latin,
    };
    own * 20 >= c.total()
}

fn language_name(l: Result<&'static dyn Language, &'static str>) -> String {
    match l {
        Ok(l) => l.name().to_string(),
        Err(script) => format!("{script} script"),
    }
}

fn preview(s: &str) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one.chars().take(60).collect();
    if one.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Whether a text is worth translating: words with letters (two or more, or four
/// Han characters), not a URL, an e-mail address, a code or a short run of
/// capitalised words (a name, a title).
fn non_trivial(s: &str) -> bool {
    let c = script_counts(s);
    if c.han + c.kana + c.hangul >= 4 {
        return true;
    }
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    if words.len() < 2 || c.total() < 6 {
        return false;
    }
    if words
        .iter()
        .any(|w| w.contains("://") || w.starts_with("www.") || w.contains('@'))
        && words.len() < 4
    {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    !(capitalised == words.len() && words.len() <= 4)
}

/// The per-pair alignment checks; true when the pair is broken (empty side,
/// untranslated, swapped, wrong language) and its facts should not be compared.
pub(crate) fn check_pair(ctx: &mut Ctx, pair: &Pair) -> bool {
    let (s, t) = (pair.source.trim(), pair.target.trim());
    if s.is_empty() || t.is_empty() {
        if s.is_empty() && t.is_empty() {
            return true;
        }
        let (empty, other, text) = if t.is_empty() {
            ("target", "source", s)
        } else {
            ("source", "target", t)
        };
        ctx.emit(
            Rule::EmptySegment,
            format!(
                "the {empty} is empty; the {other} reads \"{}\"",
                preview(text)
            ),
            None,
            None,
        );
        return true;
    }
    let same_lang = pair.source_lang.code() == pair.target_lang.code();
    // The same words start with the same character (both sides are trimmed): most
    // pairs differ there, before either side is split.
    let unchanged =
        || s.chars().next() == t.chars().next() && s.split_whitespace().eq(t.split_whitespace());
    if !same_lang && unchanged() {
        if non_trivial(s) {
            ctx.emit(
                Rule::Untranslated,
                format!("the target is the source, unchanged: \"{}\"", preview(s)),
                None,
                None,
            );
            return true;
        }
        return false;
    }
    if same_lang {
        return false;
    }
    let is = |l: Option<Result<&'static dyn Language, &'static str>>, want: &dyn Language| matches!(l, Some(Ok(x)) if x.code() == want.code());
    let (sc, tc) = (script_counts(s), script_counts(t));
    let (sl, tl) = (clear_language(&sc), clear_language(&tc));
    if is(sl, pair.target_lang) && is(tl, pair.source_lang) {
        ctx.emit(
            Rule::SwappedLanguages,
            format!(
                "source and target are swapped: the source is {} and the target {}",
                pair.target_lang.name(),
                pair.source_lang.name()
            ),
            None,
            None,
        );
        return true;
    }
    for (side, got, want, counts) in [
        ("target", tl, pair.target_lang, &tc),
        ("source", sl, pair.source_lang, &sc),
    ] {
        if let Some(l) = got
            && !is(got, want)
            && !writes_in(want, counts)
        {
            ctx.emit(
                Rule::WrongLanguage,
                format!(
                    "the {side} is in {}, not {}: \"{}\"",
                    language_name(l),
                    want.name(),
                    preview(if side == "target" { t } else { s })
                ),
                None,
                None,
            );
            return true;
        }
    }
    false
}

/// What the post-pass knows of a pair: the values of each side's numbers, dates
/// and names (as the checks extract them, [`super::Facts`]), and the length of each
/// side in words (letters of alphabetic scripts) and characters (Han, kana,
/// Hangul), markup left out.
#[derive(Debug, Clone, Default)]
pub struct Sig {
    pub src: Values,
    pub tgt: Values,
    pub src_len: u32,
    pub tgt_len: u32,
    /// `en>zh`: the length statistics are per language pair.
    pub langs: (&'static str, &'static str),
    /// Whether the pair's own checks found it broken (the length is not judged).
    pub broken: bool,
}

/// The length of one text in words (letters of alphabetic scripts, and numbers
/// with their separators) and characters (Han, kana, Hangul), markup left out.
fn length(text: &str) -> u32 {
    /// The character at byte `i` of `s`, folded, and its length in bytes.
    #[inline(always)]
    fn at(s: &str, i: usize) -> (char, usize) {
        let (c, n) = char_at(s, i);
        (if n == 1 { c } else { fold_char(c) }, n)
    }
    let mut len = 0u32;
    for piece in outside_markup(text) {
        let mut in_word = false;
        let mut in_number = false;
        let mut i = 0;
        while i < piece.len() {
            // ASCII letters first (most of an alphabetic text), as the tests below
            // would take them: a letter ends a number and starts a word.
            if piece.as_bytes()[i].is_ascii_alphabetic() {
                i += 1;
                in_number = false;
                len += u32::from(!in_word);
                in_word = true;
                continue;
            }
            // The common Han block next (most of a Chinese text), from its bytes:
            // one character, no word or number goes on across it.
            if crate::text::common_han_at(piece.as_bytes(), i) {
                i += 3;
                len += 1;
                in_word = false;
                in_number = false;
                continue;
            }
            let (c, n) = at(piece, i);
            i += n;
            if c.is_ascii_digit() {
                in_number = true;
                if !in_word {
                    len += 1;
                    in_word = true;
                }
                continue;
            }
            if in_number
                && matches!(c, ',' | '.')
                && i < piece.len()
                && at(piece, i).0.is_ascii_digit()
            {
                continue;
            }
            in_number = false;
            if c.is_ascii() {
                if c.is_ascii_alphabetic() {
                    len += u32::from(!in_word);
                    in_word = true;
                } else {
                    in_word = false;
                }
            } else if is_han(c) || is_kana(c) || ('\u{AC00}'..='\u{D7AF}').contains(&c) {
                len += 1;
                in_word = false;
            } else if crate::text::is_alphanumeric(c) {
                len += u32::from(!in_word);
                in_word = true;
            } else {
                in_word = false;
            }
        }
    }
    len
}

/// A side's values in the order the checks found them, and that order sorted by
/// value (found once per pair, in the parallel stage): the post-pass counts the
/// values two sides share by merging sorted runs, without building maps.
#[derive(Debug, Clone, Default)]
pub struct Values {
    list: Vec<String>,
    by_value: Vec<u32>,
}

impl Values {
    pub fn new(list: Vec<String>) -> Values {
        let mut by_value: Vec<u32> = (0..list.len() as u32).collect();
        by_value.sort_by(|&a, &b| list[a as usize].cmp(&list[b as usize]));
        Values { list, by_value }
    }

    /// The values, smallest first (equal ones next to each other).
    fn sorted(&self) -> impl Iterator<Item = &str> {
        self.by_value
            .iter()
            .map(|&k| self.list[k as usize].as_str())
    }
}

impl std::ops::Deref for Values {
    type Target = [String];

    fn deref(&self) -> &[String] {
        &self.list
    }
}

/// Counts, in one forward pass over sorted values, how often each of a rising
/// sequence of values occurs.
struct Tally<'a, I: Iterator<Item = &'a str>> {
    rest: std::iter::Peekable<I>,
}

impl<'a, I: Iterator<Item = &'a str>> Tally<'a, I> {
    fn new(sorted: I) -> Self {
        Tally {
            rest: sorted.peekable(),
        }
    }

    /// How often `x` occurs; `x` must not be smaller than the value asked before.
    fn count(&mut self, x: &str) -> usize {
        while self.rest.peek().is_some_and(|y| *y < x) {
            self.rest.next();
        }
        let mut n = 0;
        while self.rest.peek() == Some(&x) {
            self.rest.next();
            n += 1;
        }
        n
    }
}

impl Sig {
    /// The lengths of a pair's sides and the values of its facts.
    pub fn of(pair: &Pair, facts: super::Facts) -> Sig {
        let src_len = length(&pair.source);
        let tgt_len = length(&pair.target);
        Sig {
            src: Values::new(facts.src),
            tgt: Values::new(facts.tgt),
            src_len,
            tgt_len,
            langs: (pair.source_lang.code(), pair.target_lang.code()),
            broken: false,
        }
    }
}

/// Numbers two lists share (as multisets).
fn shared<'a>(a: &'a [String], b: &[String]) -> Vec<&'a str> {
    let mut left = counts(b);
    let mut out = Vec::new();
    for x in a {
        if let Some(n) = left.get_mut(x.as_str())
            && *n > 0
        {
            *n -= 1;
            out.push(x.as_str());
        }
    }
    out
}

/// How often each value occurs in a list: one pass, so that comparing the values
/// of two pairs stays linear however many they hold.
fn counts(v: &[String]) -> foldhash::HashMap<&str, usize> {
    let mut m = foldhash::HashMap::default();
    for x in v {
        *m.entry(x.as_str()).or_insert(0) += 1;
    }
    m
}

/// One item the post-pass holds: a pair (with its signature) or anything else
/// (an unpaired paragraph, a pair of another shard), in input order.
pub struct Held {
    pub index: usize,
    pub sig: Option<Sig>,
    pub findings: Vec<Finding>,
    pub text: Option<PairText>,
    /// Whether this run reports this pair's findings (false: another shard's).
    pub owned: bool,
    /// Filled in by the post-pass.
    votes: Option<Votes>,
}

impl Held {
    pub fn new(
        index: usize,
        sig: Option<Sig>,
        findings: Vec<Finding>,
        text: Option<PairText>,
        owned: bool,
    ) -> Held {
        Held {
            index,
            sig,
            findings,
            text,
            owned,
            votes: None,
        }
    }
}

/// How well a pair's source numbers match its own target and its neighbours'.
#[derive(Debug, Clone, Copy, Default)]
struct Votes {
    own: usize,
    prev: usize,
    next: usize,
}

impl Votes {
    /// The neighbour (`-1`, `+1`) the source matches better than its own target.
    fn dir(&self) -> i8 {
        if self.next > self.own && self.next > self.prev {
            1
        } else if self.prev > self.own && self.prev > self.next {
            -1
        } else {
            0
        }
    }

    /// Neither for `d` nor clearly against it (by two values or more): a pair a
    /// run may pass over.
    fn weakly_against(&self, d: i8) -> bool {
        let best_other = self.own.max(self.toward(-d));
        best_other < self.toward(d) + 2
    }

    fn toward(&self, d: i8) -> usize {
        if d > 0 { self.next } else { self.prev }
    }
}

/// Most items held while a shift is decided.
pub const WINDOW: usize = 64;

/// Neutral pairs (no numbers either way) a run may pass over.
const GAP: usize = 3;

/// Buckets of source length (in words or characters) with their own spread.
const BUCKETS: [u32; 4] = [6, 15, 40, 100];
/// Log-ratio histogram: bins of 0.02 over [-4, 4].
const BINS: usize = 400;
const BIN: f64 = 0.02;

/// The file's length ratios so far, per source-length bucket, in constant memory.
struct LengthStats {
    /// (source, target) languages these are for.
    langs: (&'static str, &'static str),
    hist: [[u32; BINS]; 4],
    count: [u32; 4],
}

/// What the log ratio (target/source, in words or characters) usually is for a
/// language pair, and how much it spreads by source length, before the file has
/// said: measured on the clean corpora (docs/measurements.md).
fn prior(langs: (&str, &str)) -> (f64, [f64; 4]) {
    match langs {
        ("en", "zh") => (0.36, [0.22, 0.15, 0.11, 0.09]),
        ("zh", "en") => (-0.36, [0.22, 0.15, 0.11, 0.09]),
        _ => (0.0, [0.25, 0.18, 0.13, 0.10]),
    }
}

/// Weight of the prior, in pairs.
const PRIOR_WEIGHT: f64 = 30.0;

fn bucket(src_len: u32) -> Option<usize> {
    (src_len >= BUCKETS[0]).then(|| BUCKETS.iter().rposition(|&b| src_len >= b).unwrap_or(0))
}

fn bin(r: f64) -> usize {
    (((r + 4.0) / BIN).floor().max(0.0) as usize).min(BINS - 1)
}

fn center(b: usize) -> f64 {
    (b as f64 + 0.5) * BIN - 4.0
}

impl LengthStats {
    fn new(langs: (&'static str, &'static str)) -> Self {
        LengthStats {
            langs,
            hist: [[0; BINS]; 4],
            count: [0; 4],
        }
    }

    /// The median log ratio over all buckets, blended with the prior.
    fn median(&self) -> f64 {
        let n: u32 = self.count.iter().sum();
        let (p, _) = prior(self.langs);
        if n == 0 {
            return p;
        }
        let half = n.div_ceil(2);
        let mut seen = 0;
        let mut med = 0.0;
        for b in 0..BINS {
            seen += self.hist.iter().map(|h| h[b]).sum::<u32>();
            if seen >= half {
                med = center(b);
                break;
            }
        }
        (n as f64 * med + PRIOR_WEIGHT * p) / (n as f64 + PRIOR_WEIGHT)
    }

    /// The median absolute deviation from `med` in one bucket, blended with the
    /// prior.
    fn mad(&self, k: usize, med: f64) -> f64 {
        let (_, spread) = prior(self.langs);
        let n = self.count[k];
        if n == 0 {
            return spread[k];
        }
        // Deviations by distance in bins from the median's bin.
        let m = bin(med);
        let half = n.div_ceil(2);
        let h = &self.hist[k];
        let mut seen = h[m];
        let mut d = 0;
        while seen < half && d < BINS {
            d += 1;
            if m >= d {
                seen += h[m - d];
            }
            if m + d < BINS {
                seen += h[m + d];
            }
        }
        let mad = (d as f64 * BIN).max(BIN / 2.0);
        (n as f64 * mad + PRIOR_WEIGHT * spread[k]) / (n as f64 + PRIOR_WEIGHT)
    }

    fn add(&mut self, k: usize, r: f64) {
        self.hist[k][bin(r)] += 1;
        self.count[k] += 1;
    }
}

/// The post-pass over one input's pairs.
pub struct Aligner {
    severities: BTreeMap<Rule, Severity>,
    keep_all_texts: bool,
    held: VecDeque<Held>,
    /// A confirmed run still going on past the window: its direction and how many
    /// neutral pairs it has passed since its last vote.
    continuing: Option<(i8, usize)>,
    /// The last pair's target numbers (for the first held pair's `prev` vote).
    before: Option<Values>,
    stats: Option<LengthStats>,
}

/// Categories whose findings a misalignment explains.
fn explained(f: &Finding) -> bool {
    matches!(
        f.category(),
        Category::Number | Category::Date | Category::Entity | Category::Glossary
    ) || matches!(f.rule, Rule::LengthRatio | Rule::LengthRatioExtreme)
}

impl Aligner {
    pub fn new(options: &super::Options, keep_all_texts: bool) -> Aligner {
        Aligner {
            severities: options.severities.clone(),
            keep_all_texts,
            held: VecDeque::new(),
            continuing: None,
            before: None,
            stats: None,
        }
    }

    /// Takes the next item; what is decided goes to `out`, in input order.
    pub fn push(&mut self, mut h: Held, out: &mut Vec<Held>) {
        if let Some(sig) = &h.sig {
            let lengths = (sig.src_len, sig.tgt_len, sig.langs, sig.broken);
            self.length(&mut h, lengths);
        }
        self.held.push_back(h);
        self.votes();
        self.decide(false, out);
    }

    /// The input ended: decides the rest.
    pub fn finish(&mut self, out: &mut Vec<Held>) {
        self.votes_at_end();
        self.decide(true, out);
        self.before = None;
        self.continuing = None;
        self.stats = None;
    }

    /// Judges a pair's length ratio against the pairs before it, then counts it.
    fn length(
        &mut self,
        h: &mut Held,
        (src_len, tgt_len, langs, broken): (u32, u32, (&'static str, &'static str), bool),
    ) {
        let stats = self.stats.get_or_insert_with(|| LengthStats::new(langs));
        if broken || tgt_len == 0 {
            return;
        }
        let Some(k) = bucket(src_len) else {
            return;
        };
        let r = ((tgt_len as f64 + 1.0) / (src_len as f64 + 1.0)).ln();
        let med = stats.median();
        let mad = stats.mad(k, med) * 1.4826;
        let dev = r - med;
        stats.add(k, r);
        if !h.owned {
            return;
        }
        let (rule, bound) = if dev.abs() > (6.0 * mad).max(0.9) {
            (Rule::LengthRatioExtreme, 6.0)
        } else if dev.abs() > (4.0 * mad).max(0.35) {
            (Rule::LengthRatio, 4.0)
        } else {
            return;
        };
        let Some(&severity) = self.severities.get(&rule) else {
            return;
        };
        let expected = (src_len as f64 + 1.0) * med.exp() - 1.0;
        let unit = |l: &str| {
            if matches!(l, "zh" | "ja" | "ko") {
                "characters"
            } else {
                "words"
            }
        };
        let message = format!(
            "the target is {} for its source: {} {} for {} {} (the file's pairs suggest about {:.0}; {:.1} spreads from the median, more than {bound:.0})",
            if dev < 0.0 { "short" } else { "long" },
            tgt_len,
            unit(langs.1),
            src_len,
            unit(langs.0),
            expected.max(1.0),
            dev.abs() / mad.max(1e-9),
        );
        if let Some(f) = finding(h, rule, severity, message) {
            h.findings.push(f);
        }
    }

    /// Fills in the votes of held pairs whose neighbours are known.
    fn votes(&mut self) {
        let n = self.held.len();
        for i in 0..n {
            if self.held[i].votes.is_some() || self.held[i].sig.is_none() {
                continue;
            }
            // The next pair (items without a signature are passed over).
            let Some(j) = (i + 1..n).find(|&j| self.held[j].sig.is_some()) else {
                break;
            };
            let v = self.vote(i, Some(j));
            self.held[i].votes = Some(v);
        }
    }

    fn votes_at_end(&mut self) {
        for i in 0..self.held.len() {
            if self.held[i].votes.is_none() && self.held[i].sig.is_some() {
                let v = self.vote(i, None);
                self.held[i].votes = Some(v);
            }
        }
    }

    /// How many of pair `i`'s source values its own target, the previous and the
    /// next pair's target hold, beyond what all of them hold (a year or a country
    /// every pair of a text names tells nothing about which target is whose).
    fn vote(&self, i: usize, next: Option<usize>) -> Votes {
        let sig = self.held[i].sig.as_ref().expect("a pair");
        let prev_tgt = (0..i)
            .rev()
            .find_map(|k| self.held[k].sig.as_ref().map(|s| &s.tgt))
            .or(self.before.as_ref());
        let next_tgt = next.and_then(|j| self.held[j].sig.as_ref()).map(|s| &s.tgt);
        let mut own_c = Tally::new(sig.tgt.sorted());
        let mut prev_c = prev_tgt.map(|t| Tally::new(t.sorted()));
        let mut next_c = next_tgt.map(|t| Tally::new(t.sorted()));
        let mut votes = Votes::default();
        // Each distinct source value once, in sorted order (the tallies move
        // forward with it); the sums do not depend on the order.
        let mut src = sig.src.sorted().peekable();
        while let Some(x) = src.next() {
            let mut n = 1;
            while src.next_if_eq(&x).is_some() {
                n += 1;
            }
            let own = own_c.count(x).min(n);
            let prev = prev_c.as_mut().map(|t| t.count(x).min(n));
            let next = next_c.as_mut().map(|t| t.count(x).min(n));
            let base = [Some(own), prev, next]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(0);
            votes.own += own - base;
            votes.prev += prev.map_or(0, |p| p - base);
            votes.next += next.map_or(0, |p| p - base);
        }
        votes
    }

    fn sig_at(&self, k: usize) -> &Sig {
        self.held[k].sig.as_ref().expect("a pair")
    }

    /// Releases the items at the front whose fate is known.
    fn decide(&mut self, end: bool, out: &mut Vec<Held>) {
        loop {
            let Some(front) = self.held.front() else {
                return;
            };
            if front.sig.is_none() {
                self.release(1, false, out);
                continue;
            }
            let Some(v) = front.votes else { return };
            // A run that went on past the window: its pairs are explained while
            // they follow it.
            if let Some((d, gap)) = self.continuing {
                let vd = v.dir();
                if vd == d {
                    self.continuing = Some((d, 0));
                    self.release(1, true, out);
                    continue;
                }
                if v.weakly_against(d) && gap < GAP {
                    self.continuing = Some((d, gap + 1));
                    self.release(1, true, out);
                    continue;
                }
                self.continuing = None;
            }
            match self.find_run(end) {
                Scan::Wait => return,
                Scan::None => self.release(1, false, out),
                Scan::Run(run) => {
                    let f = self.misaligned(&run);
                    let count = run.len;
                    if let Some(f) = f {
                        let head = &mut self.held[0];
                        // Before the pair's own findings.
                        head.findings.insert(0, f);
                    }
                    if run.open {
                        self.continuing = Some((run.dir, 0));
                    }
                    self.release(count, true, out);
                }
            }
        }
    }

    /// Passes `n` items on; with `explained`, drops the findings a misalignment
    /// explains (but not the misalignment finding itself).
    fn release(&mut self, n: usize, explain: bool, out: &mut Vec<Held>) {
        for _ in 0..n {
            let Some(mut h) = self.held.pop_front() else {
                return;
            };
            if explain {
                h.findings
                    .retain(|f| f.rule == Rule::Misaligned || !explained(f));
            }
            if !h.owned {
                h.findings.clear();
            }
            if h.findings.is_empty() && !self.keep_all_texts {
                h.text = None;
            }
            // Nothing reads a released pair's signature: its target values move
            // to `before`.
            if let Some(s) = h.sig.take() {
                self.before = Some(s.tgt);
            }
            out.push(h);
        }
    }

    /// Looks for a misaligned run starting at the front (the front pair is the
    /// first whose target is wrong).
    fn find_run(&self, end: bool) -> Scan {
        let pairs: Vec<usize> = (0..self.held.len())
            .filter(|&k| self.held[k].sig.is_some())
            .collect();
        let votes = |p: usize| self.held[pairs[p]].votes;
        let known = pairs
            .iter()
            .take_while(|&&k| self.held[k].votes.is_some())
            .count();
        let full = self.held.len() >= WINDOW;
        let v0 = votes(0).expect("checked");
        // Needs the next pair's votes to decide: wait for them (unless the front
        // clearly matches its own target and not the next one).
        let wait = || {
            if end || full { Scan::None } else { Scan::Wait }
        };
        // Nothing of the front's source in the next target, nothing of the next
        // source in the front's target: no run can start here (decided as soon as
        // the next pair is in, before its own votes are).
        if v0.next == 0
            && let Some(&p1) = pairs.get(1)
        {
            let (s1, t0) = (&self.held[p1].sig, &self.held[pairs[0]].sig);
            if let (Some(s1), Some(t0)) = (s1, t0)
                && shared(&s1.src, &t0.tgt).is_empty()
            {
                return Scan::None;
            }
        }
        if known < 2 {
            return wait();
        }
        let v1 = votes(1).expect("known");
        // Two swapped targets: the front matches the next target, the next the front's.
        if v1.dir() == -1 && v0.next >= v0.own && v0.next + v1.prev >= 3 {
            // …and the pair after is aligned again (or there is none).
            let after = votes(2).map(|v| v.dir());
            if known < 3 && !(end || full) {
                return Scan::Wait;
            }
            if after != Some(1) && after != Some(-1) {
                return Scan::Run(Run {
                    dir: 0,
                    kind: Kind::Swap,
                    pairs: vec![pairs[0], pairs[1]],
                    len: pairs[1] + 1,
                    open: false,
                });
            }
        }
        // A run toward the next targets starts at the front; toward the previous
        // ones at the pair after it (the front's target belongs to that pair); a run
        // toward the next targets after a front whose target holds part of its
        // source: the front's target was split in two.
        // The front's own target matches little of its source (four values or
        // more): it may start a run whose next pairs say little (headings).
        let n0 = self.sig_at(pairs[0]).src.len();
        let poor = n0 >= 4 && v0.own * 4 < n0;
        let mut candidates = Vec::new();
        if v0.dir() == 1 || (v0.own == 0 && v0.next > 0 && v1.dir() == 1) || (poor && v1.dir() >= 0)
        {
            candidates.push((1i8, 0usize, Kind::Inserted));
        }
        // The next source's values in the front's target must be more than what the
        // front's own source also says (neighbouring paragraphs share names).
        let fresh = || {
            let (s0, s1) = (self.sig_at(pairs[0]), self.sig_at(pairs[1]));
            let mut t0 = s0.tgt.to_vec();
            for x in s0.src.iter() {
                if let Some(k) = t0.iter().position(|y| y == x) {
                    t0.swap_remove(k);
                }
            }
            shared(&s1.src, &t0).len()
        };
        if (v1.dir() == -1 && (poor || fresh() > 0)) || (poor && v1.dir() == 0) {
            let merged = v0.own >= 1 && v0.own * 2 >= v1.prev;
            candidates.push((-1, 1, if merged { Kind::Merged } else { Kind::Dropped }));
        }
        if v0.dir() == 0 && v1.dir() == 1 && v0.own > 0 && v0.next > 0 {
            candidates.push((1, 1, Kind::Split));
        }
        if candidates.is_empty() {
            return if v0.own == 0 && known < 3 {
                wait()
            } else {
                Scan::None
            };
        }
        for (d, first, kind) in candidates {
            match self.scan(&pairs, known, d, first, end, full) {
                Some(Ok((last, open))) => {
                    return Scan::Run(Run {
                        dir: d,
                        kind,
                        pairs: pairs[..=last].to_vec(),
                        len: pairs[last] + 1,
                        open,
                    });
                }
                Some(Err(())) => return Scan::Wait,
                None => {}
            }
        }
        Scan::None
    }

    /// The run of pairs voting `d` from `first` (over at most [`GAP`] neutral
    /// ones): its last pair and whether it goes on past the window, when the
    /// evidence confirms it; `Err` to wait for more pairs.
    #[allow(clippy::type_complexity)]
    fn scan(
        &self,
        pairs: &[usize],
        known: usize,
        d: i8,
        first: usize,
        end: bool,
        full: bool,
    ) -> Option<Result<(usize, bool), ()>> {
        let votes = |p: usize| self.held[pairs[p]].votes.expect("known");
        let (mut evidence, mut own, mut voters) = (0, 0, 0);
        let (mut last, mut gap) = (first, 0);
        let mut open = false;
        let mut p = first;
        loop {
            if p >= known {
                if end {
                    break;
                }
                if full {
                    open = true;
                    break;
                }
                return Some(Err(()));
            }
            let v = votes(p);
            if v.dir() == d {
                evidence += v.toward(d);
                own += v.own;
                voters += 1;
                last = p;
                gap = 0;
            } else if v.weakly_against(d) && gap < GAP {
                gap += 1;
            } else {
                break;
            }
            p += 1;
        }
        let confirmed =
            voters > 0 && evidence >= 3 && evidence >= 2 * own + 2 && (voters >= 2 || own == 0);
        confirmed.then_some(Ok((last, open)))
    }

    /// The finding of a misaligned run, at its first pair.
    fn misaligned(&self, run: &Run) -> Option<Finding> {
        let &severity = self.severities.get(&Rule::Misaligned)?;
        let head = &self.held[run.pairs[0]];
        if !head.owned {
            return None;
        }
        let idx = |k: usize| self.held[run.pairs[k]].index;
        let line = |k: usize| {
            self.held[run.pairs[k]]
                .text
                .as_ref()
                .map_or(0, |t| t.target_line)
        };
        let sig = |k: usize| self.held[run.pairs[k]].sig.as_ref().expect("a pair");
        let facts = |a: usize, b: usize| -> String {
            let mut v: Vec<&str> = Vec::new();
            for x in shared(&sig(a).src, &sig(b).tgt) {
                if !v.contains(&x) && v.len() < 4 {
                    v.push(x);
                }
            }
            v.join(", ")
        };
        let last = run.pairs.len() - 1;
        let extent = if run.open {
            format!("pairs {} on (past {WINDOW} pairs)", idx(0))
        } else if last == 0 {
            format!("pair {}", idx(0))
        } else {
            format!("pairs {}–{}", idx(0), idx(last))
        };
        let message = match run.kind {
            Kind::Swap => format!(
                "the targets of pairs {} and {} are swapped: the source of pair {} matches the target of pair {} ({}) and the other way round; swap the two targets",
                idx(0),
                idx(1),
                idx(0),
                idx(1),
                facts(0, 1)
            ),
            Kind::Inserted => format!(
                "alignment shifted by one over {extent}: each source matches the next pair's target (source {} ↔ target {}: {}); a target was inserted at line {} (or a source dropped before pair {}): realign each source with the next target from pair {} on",
                idx(0),
                idx(0) + 1,
                facts_next(self, run),
                line(0),
                idx(0),
                idx(0)
            ),
            Kind::Split => format!(
                "the target of pair {} is split over pairs {} and {}, and the alignment is shifted by one after it over {extent}: join the targets of pairs {} and {}, then realign each source with the next target",
                idx(0),
                idx(0),
                idx(0) + 1,
                idx(0),
                idx(0) + 1
            ),
            Kind::Dropped => format!(
                "alignment shifted by one over {extent}: each target belongs to the next pair's source (source {} ↔ target {}: {}); the target of pair {} is missing (dropped before line {}, or a source inserted): realign each target with the next source from pair {} on",
                idx(1.min(last)),
                idx(0),
                facts(1.min(last), 0),
                idx(0),
                line(0),
                idx(0)
            ),
            Kind::Merged => format!(
                "the target of pair {} also holds the translation of the next source (two targets merged, or a source split in two), and the alignment is shifted by one after it over {extent} (source {} ↔ target {}: {}): split the target of pair {}, then realign",
                idx(0),
                idx(1.min(last)),
                idx(0),
                facts(1.min(last), 0),
                idx(0)
            ),
        };
        finding(head, Rule::Misaligned, severity, message)
    }
}

fn facts_next(a: &Aligner, run: &Run) -> String {
    let h = &a.held[run.pairs[0]];
    let next = (run.pairs[0] + 1..a.held.len()).find(|&k| a.held[k].sig.is_some());
    match (h.sig.as_ref(), next.and_then(|k| a.held[k].sig.as_ref())) {
        (Some(s), Some(t)) => {
            let mut v: Vec<&str> = Vec::new();
            for x in shared(&s.src, &t.tgt) {
                if !v.contains(&x) && v.len() < 4 {
                    v.push(x);
                }
            }
            v.join(", ")
        }
        _ => String::new(),
    }
}

enum Kind {
    Swap,
    Inserted,
    Split,
    Dropped,
    Merged,
}

struct Run {
    /// `1`: sources match the next targets; `-1`: the previous ones; `0`: a swap.
    dir: i8,
    kind: Kind,
    /// Held positions of the run's pairs (the first is the first misaligned one).
    pairs: Vec<usize>,
    /// Items the run covers, from the front.
    len: usize,
    /// The run goes on past the window.
    open: bool,
}

enum Scan {
    Wait,
    None,
    Run(Run),
}

/// A finding of the post-pass about one held pair (needs its text).
fn finding(h: &Held, rule: Rule, severity: Severity, message: String) -> Option<Finding> {
    let t = h.text.as_ref()?;
    let mut f = vec![Finding {
        rule,
        severity,
        pair_index: h.index,
        pair_id: t.id.clone(),
        file: t.file.clone(),
        source_line: Some(t.source_line),
        target_line: Some(t.target_line),
        message,
        source: None,
        target: None,
        fingerprint: String::new(),
    }];
    let key = match &t.id {
        Some(id) => format!("id:{id}"),
        None => normalize_for_fingerprint(&t.source),
    };
    assign_fingerprints(&mut f, &key);
    f.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_left_out() {
        let pieces: Vec<&str> = outside_markup("<b>中国</b>&nbsp;a < b &amp; <br/>c").collect();
        assert_eq!(pieces, vec!["中国", "a < b ", " ", "c"]);
        let c = script_counts("<td class=\"x\">中国的出口</td><td>增长</td>");
        assert_eq!((c.han, c.latin), (7, 0));
    }

    /// [`length`] as first written, one folded character at a time: the
    /// reference its ASCII fast path is checked against.
    fn length_by_chars(text: &str) -> u32 {
        let mut len = 0u32;
        for piece in outside_markup(text) {
            let (mut in_word, mut in_number) = (false, false);
            let cs: Vec<char> = piece.chars().map(fold_char).collect();
            for (k, &c) in cs.iter().enumerate() {
                if c.is_ascii_digit() {
                    in_number = true;
                    len += u32::from(!in_word);
                    in_word = true;
                    continue;
                }
                if in_number
                    && matches!(c, ',' | '.')
                    && cs.get(k + 1).is_some_and(char::is_ascii_digit)
                {
                    continue;
                }
                in_number = false;
                let counted = is_han(c) || is_kana(c) || ('\u{AC00}'..='\u{D7AF}').contains(&c);
                if counted {
                    len += 1;
                    in_word = false;
                } else if c.is_alphanumeric() {
                    len += u32::from(!in_word);
                    in_word = true;
                } else {
                    in_word = false;
                }
            }
        }
        len
    }

    proptest::proptest! {
        #[test]
        fn length_is_the_per_character_count(
            text in "[a-zA-Z0-9,. <>&;/b中国か한éЖ０１，．　]{0,40}",
        ) {
            proptest::prop_assert_eq!(length(&text), length_by_chars(&text));
        }
    }

    proptest::proptest! {
        /// The merged tallies give every distinct source value the count the
        /// hash maps gave it.
        #[test]
        fn tallies_count_as_maps_do(
            src in proptest::collection::vec("[abc]{0,2}", 0..8),
            tgt in proptest::collection::vec("[abc]{0,2}", 0..8),
        ) {
            let (s, t) = (Values::new(src.clone()), Values::new(tgt.clone()));
            let mut tally = Tally::new(t.sorted());
            let mut got = Vec::new();
            let mut it = s.sorted().peekable();
            while let Some(x) = it.next() {
                let mut n = 1;
                while it.next_if_eq(&x).is_some() {
                    n += 1;
                }
                got.push((x.to_string(), n, tally.count(x)));
            }
            let (sc, tc) = (counts(&src), counts(&tgt));
            let mut want: Vec<(String, usize, usize)> = sc
                .iter()
                .map(|(x, &n)| (x.to_string(), n, tc.get(x).copied().unwrap_or(0)))
                .collect();
            want.sort();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn lengths() {
        assert_eq!(
            length("In 2022, exports rose 9.50% to 1,234 tons (item 3)."),
            10
        );
        assert_eq!(length("２０２２年出口增长9.5%，达1234吨。"), 10);
        assert_eq!(length("<b>Exports</b> rose&nbsp;9.5%"), 3);
    }

    #[test]
    fn trivial_texts() {
        for s in [
            "OK",
            "Xi Jinping",
            "https://example.org/a",
            "New York Times",
            "12.5%",
        ] {
            assert!(!non_trivial(s), "{s}");
        }
        for s in [
            "The report was published today.",
            "出口增长了",
            "Press the button",
        ] {
            assert!(non_trivial(s), "{s}");
        }
    }
}
