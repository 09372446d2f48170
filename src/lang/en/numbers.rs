//! English numeric mentions.

use super::{Tk, Tok, Toks};
use crate::extract::number::{Approx, NumValue, Role, parse_decimal, pow10};
use crate::extract::{Kind, Mention, Strength, Value};
use crate::text::Folded;
use regex::Regex;
use rust_decimal::Decimal;
use std::sync::LazyLock;

/// Cardinal number words below one hundred.
fn small_word(w: &str) -> Option<u32> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "twice" => 2,
        "thrice" => 3,
        _ => return None,
    })
}

/// Ordinal words below one hundred.
pub(super) fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        "thousandth" => 1000,
        _ => return None,
    })
}

/// Scale words, as powers of ten.
fn scale_word(w: &str) -> Option<u32> {
    Some(match w {
        "hundred" => 2,
        "thousand" => 3,
        "million" => 6,
        "billion" => 9,
        "trillion" => 12,
        _ => return None,
    })
}

/// Abbreviated scales glued to or following a number (`$40bn`, `3 mln`).
fn scale_abbrev(w: &str, money: bool) -> Option<u32> {
    Some(match w {
        "bn" | "bln" => 9,
        "tn" | "trn" => 12,
        "mn" | "mln" => 6,
        "m" | "b" | "k" if !money => return None,
        "m" => 6,
        "b" => 9,
        "k" => 3,
        _ => return None,
    })
}

/// Denominators of spelled fractions.
fn denominator(w: &str) -> Option<u32> {
    Some(match w {
        "half" | "halves" => 2,
        "third" | "thirds" => 3,
        "quarter" | "quarters" | "fourth" | "fourths" => 4,
        "fifth" | "fifths" => 5,
        "sixth" | "sixths" => 6,
        "seventh" | "sevenths" => 7,
        "eighth" | "eighths" => 8,
        "ninth" | "ninths" => 9,
        "tenth" | "tenths" => 10,
        "hundredth" | "hundredths" => 100,
        _ => return None,
    })
}

/// A small whole value as `u32` (0 for anything else).
fn value_u32(v: Decimal) -> u32 {
    if v.fract().is_zero() && v >= Decimal::ZERO && v <= Decimal::from(10_000) {
        v.mantissa() as u32 / 10u32.pow(v.scale())
    } else {
        0
    }
}

/// Things counted in millions after a glued `m` (`45m barrels`, `3m people`): the
/// `m` is a million, not a metre.
#[rustfmt::skip]
const COUNTED_IN_MILLIONS: &[&str] = &[
    "barrels", "tons", "tonnes", "people", "users", "residents", "viewers", "subscribers",
    "visitors", "tourists", "passengers", "customers", "voters", "households", "homes", "jobs",
    "workers", "children", "cases", "doses", "units", "vehicles", "cars", "phones", "copies",
    "shares", "yuan", "dollars", "euros", "pounds", "rupees", "yen", "won", "roubles", "rubles",
];

/// Letters that may follow digits directly without making them a code (`6th`,
/// `1990s`, `$40bn`, `3.1billion`, `5km`, `7pm`).
const GLUED_SUFFIXES: &[&str] = &[
    "st", "nd", "rd", "th", "s", "bn", "bln", "tn", "trn", "mn", "mln", "m", "b", "k", "km", "kg",
    "t", "mw", "gw", "kwh", "pp", "bp", "bps", "am", "pm", "a", "p", "hundred", "thousand",
    "million", "billion", "trillion", "usd", "eur", "gbp", "cny", "rmb", "jpy", "inr", "rub",
    "hkd",
];

fn is_currency_code(s: &str) -> bool {
    matches!(
        s,
        "USD" | "EUR" | "GBP" | "CNY" | "RMB" | "JPY" | "INR" | "RUB" | "HKD" | "US"
    )
}

/// Approximation phrases before a number, longest first.
static APPROX_PREFIX: &[(&[&str], Approx)] = &[
    (&["more", "than"], Approx::Over),
    (&["greater", "than"], Approx::Over),
    (&["in", "excess", "of"], Approx::Over),
    (&["upwards", "of"], Approx::Over),
    (&["at", "least"], Approx::Over),
    (&["no", "less", "than"], Approx::Over),
    (&["not", "less", "than"], Approx::Over),
    (&["no", "fewer", "than"], Approx::Over),
    (&["just", "over"], Approx::Over),
    (&["well", "over"], Approx::Over),
    (&["over"], Approx::Over),
    (&["above"], Approx::Over),
    (&["exceeding"], Approx::Over),
    (&["less", "than"], Approx::Under),
    (&["fewer", "than"], Approx::Under),
    (&["no", "more", "than"], Approx::Under),
    (&["not", "more", "than"], Approx::Under),
    (&["at", "most"], Approx::Under),
    (&["up", "to"], Approx::Under),
    (&["just", "under"], Approx::Under),
    (&["close", "to"], Approx::Under),
    (&["nearly"], Approx::Under),
    (&["almost"], Approx::Under),
    (&["under"], Approx::Under),
    (&["below"], Approx::Under),
    (&["about"], Approx::About),
    (&["around"], Approx::About),
    (&["approximately"], Approx::About),
    (&["approx"], Approx::About),
    (&["roughly"], Approx::About),
    (&["some"], Approx::About),
    (&["circa"], Approx::About),
    (&["an", "estimated"], Approx::About),
    (&["estimated"], Approx::About),
];

static CURRENCY_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\A(?:(?P<usd>US ?\$|U\.S\. ?\$|USD ?|\$)|(?P<eur>€|EUR ?)|(?P<gbp>£|GBP ?)|(?P<cny>RMB ?|CNY ?|CN¥|¥)|(?P<jpy>JPY ?)|(?P<inr>₹|Rs\.? ?|INR ?)|(?P<rub>₽|RUB ?)|(?P<hkd>HK\$ ?)|(?P<krw>₩))",
    )
    .expect("currency prefix regex")
});

/// Whether [`CURRENCY_PREFIX`] can match a text starting with byte `b`: the first
/// bytes of its alternatives (`U`, `$`, `E`, `G`, `R`, `C`, `J`, `I`, `H`, and the
/// lead bytes of `€ ₹ ₽ ₩` and `£ ¥`). Most tokens start with none, and the
/// regular expression (captures allocated per call) is not run for them; the
/// test `currency_prefilter_keeps_every_match` checks the set against the regex.
fn may_start_currency(b: u8) -> bool {
    matches!(
        b,
        b'U' | b'$' | b'E' | b'G' | b'R' | b'C' | b'J' | b'I' | b'H' | 0xE2 | 0xC2
    )
}

static CURRENCY_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\A[ \u{a0}]*(?:(?P<usd>U\.?S\.? dollars?|US dollars?|American dollars?|dollars?|bucks\b|USD\b)|(?P<cny>yuan\b|RMB\b|renminbi\b|CNY\b)|(?P<eur>euros?\b|EUR\b)|(?P<gbp>pounds? sterling|GBP\b)|(?P<rub>r[o]?ubles?\b|RUB\b)|(?P<jpy>yen\b|JPY\b)|(?P<inr>rupees?\b|INR\b)|(?P<krw>won\b)|(?P<chf>Swiss francs?))",
    )
    .expect("currency suffix regex")
});

static UNIT_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\A[ \u{a0}]*(?:(?P<m3>cubic met(?:er|re)s?\b|m3\b|m³)|(?P<km2>square kilomet(?:er|re)s?\b|sq\.? ?km\b|km2\b|km²)|(?P<t>(?:metric )?tons?\b|(?:metric )?tonnes?\b)|(?P<bbl>barrels?\b|bbl\b)|(?P<km>kilomet(?:er|re)s?\b|km\b)|(?P<kg>kilograms?\b|kg\b)|(?P<ha>hectares?\b)|(?P<mi>miles?\b)|(?P<kwh>kilowatt[- ]hours?\b|kWh\b)|(?P<mw>megawatts?\b|MW\b)|(?P<gw>gigawatts?\b|GW\b)|(?P<decade>decades?\b)|(?P<century>centur(?:y|ies)\b)|(?P<year>years?\b)|(?P<month>months?\b)|(?P<week>weeks?\b)|(?P<day>days?\b)|(?P<hour>hours?\b)|(?P<person>people\b|persons\b)|(?P<vote>votes?\b)|(?P<point>points?\b)|(?P<times>times\b))",
    )
    .expect("unit suffix regex")
});

static PERCENT_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\A(?:[ \u{a0}]*%|[ \u{a0}]+(?P<pp>percentage points?\b|pp\b)|[ \u{a0}]+(?P<bp>basis points?\b|bps?\b)|[ \u{a0}]+(?:percents?\b|per cent\b|pct\b|percentage\b))")
        .expect("percent regex")
});

/// The canonical name of the first named group that matched.
fn group_name(re: &Regex, caps: &regex::Captures<'_>) -> Option<&'static str> {
    // The groups and their names side by side, in order (looking each name up in
    // the captures hashed it).
    caps.iter()
        .zip(re.capture_names())
        .find_map(|(m, name)| m.and(name))
        .map(canonical_unit)
}

fn canonical_unit(group: &str) -> &'static str {
    match group {
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "cny" => "CNY",
        "jpy" => "JPY",
        "inr" => "INR",
        "rub" => "RUB",
        "hkd" => "HKD",
        "krw" => "KRW",
        "chf" => "CHF",
        "m3" => "m3",
        "km2" => "km2",
        "t" => "t",
        "bbl" => "bbl",
        "km" => "km",
        "kg" => "kg",
        "ha" => "ha",
        "mi" => "mi",
        "kwh" => "kWh",
        "mw" => "MW",
        "gw" => "GW",
        "year" => "year",
        "decade" => "decade",
        "century" => "century",
        "week" => "week",
        "month" => "month",
        "day" => "day",
        "hour" => "hour",
        "person" => "person",
        "vote" => "vote",
        "point" => "point",
        "times" => "times",
        _ => "",
    }
}

/// A bare number parsed at a token: digits or words, with scale applied.
#[derive(Debug, Clone)]
struct Core {
    /// First token and the index after the last token.
    t0: usize,
    t1: usize,
    value: Decimal,
    /// Value before scale words, and the scale applied (power of ten).
    bare: Decimal,
    scale: u32,
    digits: bool,
    words: usize,
    ordinal: bool,
    fraction: Option<(Decimal, Decimal)>,
    /// Capitalized word inside a title (`the Sixth Summit`).
    titled: bool,
    /// Never reported on its own (`per million`).
    weak: bool,
    /// A loose count (`a dozen`): matches any overlapping approximation.
    loose: bool,
}

struct Parser<'a, 'b> {
    f: &'a Folded<'b>,
    t: &'a [Tok<'a>],
}

impl Parser<'_, '_> {
    /// Index of the first token starting at or after byte `b`.
    fn tok_at_byte(&self, b: usize) -> usize {
        self.t.partition_point(|t| t.b0 < b)
    }

    fn rest(&self, i: usize) -> &str {
        match self.t.get(i) {
            Some(t) => &self.f.folded[t.b0..],
            None => "",
        }
    }

    fn rest_after(&self, i: usize) -> (&str, usize) {
        // Text after token i-1 (including the whitespace before token i).
        let b = if i == 0 { 0 } else { self.t[i - 1].b1 };
        (&self.f.folded[b..], b)
    }

    /// A digit token is a footnote marker glued to a sentence end: `Ukraine.”1 On`.
    fn is_footnote(&self, i: usize) -> bool {
        let t = &self.t[i];
        if t.space_before || i == 0 || t.s.len() > 3 || t.s.contains(['.', ',']) {
            return false;
        }
        let prev = &self.t[i - 1];
        // Punctuation that closes a word or quote (`Ukraine.”1`), not one that opens a
        // quotation (`"60 Minutes"`).
        let closes = matches!(
            prev.s,
            "." | "”" | "\"" | "'" | ")" | "]" | ";" | "!" | "?" | ":"
        ) && !prev.space_before;
        let next_ok = match self.t.get(i + 1) {
            None => true,
            Some(n) => n.space_before && !matches!(n.low.as_ref(), "%" | "percent"),
        };
        // `.5` is a decimal, not a marker.
        let dot_decimal = prev.s == "."
            && (i < 2 || !self.t[i - 2].kind.eq(&Tk::Word) && self.t[i - 2].kind != Tk::Punct);
        closes && next_ok && !dot_decimal
    }

    /// `1.` or `(1)` or `1)` at the start of a line: a list or section number.
    fn is_list_number(&self, i: usize) -> bool {
        let t = &self.t[i];
        let paren_open = i > 0 && self.t.punct(i - 1, "(") && self.t[i - 1].line_start;
        let starts = t.line_start || paren_open;
        starts
            && t.s.len() <= 3
            && (self.t.punct(i + 1, ".") || self.t.punct(i + 1, ")"))
            && self.t.get(i + 2).is_none_or(|n| n.space_before)
    }

    /// Digits that are part of a name or code: `G20`, `COVID-19`, `5G`, `ISO 9001`.
    fn is_identifier(&self, i: usize) -> bool {
        let t = &self.t[i];
        // Letters glued before: G20, MH17; or letters-hyphen before: COVID-19, F-16.
        if !t.space_before && i > 0 {
            let p = &self.t[i - 1];
            // USD115 is an amount, not a code.
            if p.kind == Tk::Word && !is_currency_code(p.s) {
                return true;
            }
            if (p.s == "-" || p.s == "/")
                && !p.space_before
                && i > 1
                && self.t[i - 2].kind == Tk::Word
            {
                // COVID-19, F-16, GB/T: a code has a capital letter; `mid-2022`,
                // `par-3` and `under-21` are not codes.
                return self.t[i - 2].s.chars().any(char::is_uppercase);
            }
        }
        // Letters glued after, except units, scales and ordinal suffixes.
        if let Some(n) = self.t.get(i + 1)
            && !n.space_before
            && n.kind == Tk::Word
        {
            let ok = GLUED_SUFFIXES.contains(&n.low.as_ref());
            if !ok {
                return true;
            }
        }
        // Dotted sequences like 192.168.1.2 or 1.2.3.
        if t.s.matches('.').count() > 1
            || (t.s.contains('.')
                && self.t.punct(i + 1, ".")
                && self.t.get(i + 2).is_some_and(|n| {
                    n.kind == Tk::Num && !n.space_before && !self.t[i + 1].space_before
                }))
        {
            return true;
        }
        // Standard and document codes: ISO 9001, GB/T 13000, RFC 2616.
        if i > 0 && t.space_before {
            let p = &self.t[i - 1];
            if p.kind == Tk::Word
                && matches!(
                    p.s,
                    "ISO"
                        | "IEC"
                        | "GB"
                        | "T"
                        | "EN"
                        | "DIN"
                        | "RFC"
                        | "ANSI"
                        | "IEEE"
                        | "ASTM"
                        | "BS"
                        | "JIS"
                        | "CVE"
                        | "UNSCR"
                        | "ECE"
                        | "SAE"
                        | "ICD"
                )
            {
                return true;
            }
        }
        false
    }

    /// A valid digit token value (`1,750` yes, `1,75` no).
    fn digit_value(&self, i: usize) -> Option<Decimal> {
        let s = self.t[i].s;
        if s.contains(',') {
            let mut parts = s.split('.');
            let int = parts.next()?;
            let groups: Vec<&str> = int.split(',').collect();
            if groups[0].is_empty()
                || groups[0].len() > 3
                || groups[1..].iter().any(|g| g.len() != 3)
            {
                return None;
            }
            if parts.clone().count() > 1 {
                return None;
            }
        }
        if s.contains('\u{a0}') {
            let groups: Vec<&str> = s.split('.').next()?.split('\u{a0}').collect();
            if groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
                return None;
            }
        }
        parse_decimal(s)
    }

    /// Parses number words from token `i`: `twenty-one`, `two hundred and fifty`,
    /// `a dozen`, `one million`, `Sixth`.
    fn words(&self, i: usize) -> Option<Core> {
        let t = self.t;
        let first = t.word(i)?;
        // `a hundred`, `a million`, `a dozen`.
        if first == "a" || first == "an" {
            let next = t.word(i + 1)?;
            if next == "dozen" {
                let mut c = self.core_words(i, i + 2, Decimal::from(12), 1, false);
                c.loose = true;
                return Some(c);
            }
            // `an hour`, `a year`, `a decade`: one of a unit (the unit is read as a suffix).
            if matches!(
                next,
                "hour" | "day" | "week" | "month" | "year" | "decade" | "century" | "minute"
            ) {
                return Some(self.core_words(i, i + 1, Decimal::ONE, 1, false));
            }
            // `a hundred thousand`: `a` stands for `one` before a scale word.
            scale_word(next)?;
        }
        if first == "dozen" {
            return None;
        }
        // `half a dozen`
        if first == "half" && matches!(t.word(i + 1), Some("a")) && t.is(i + 2, "dozen") {
            return Some(self.core_words(i, i + 3, Decimal::from(6), 3, false));
        }
        // `half a million`
        if first == "half"
            && matches!(t.word(i + 1), Some("a" | "an"))
            && let Some(s) = t.word(i + 2).and_then(scale_word)
        {
            let mut c = self.core_words(i, i + 3, pow10(s) / Decimal::TWO, 3, false);
            c.bare = Decimal::new(5, 1);
            c.scale = s;
            return Some(c);
        }
        let mut total = Decimal::ZERO;
        let mut current = Decimal::ZERO;
        let mut j = i;
        let mut nwords = 0;
        let mut last_small: Option<u32> = None;
        let mut ordinal = false;
        let mut any = false;
        let mut top_scale = 0;
        while let Some(w) = t.word(j) {
            let a_before_scale = (w == "a" || w == "an") && j == i;
            if a_before_scale {
                current = Decimal::ONE;
                last_small = Some(1);
            } else if w == "and"
                && any
                && last_small.is_some()
                && t.seq(j + 1, &["a", "half"]).is_some()
            {
                // `two and a half million`
                current = current.checked_add(Decimal::new(5, 1))?;
                last_small = None;
                nwords += 3;
                j += 3;
                continue;
            } else if w == "and"
                && any
                && let Some(f) = self.word_fraction(j + 1).filter(|f| f.fraction.is_some())
            {
                // `five and a quarter`, `one hundred and three quarters`
                current = current.checked_add(f.value)?;
                last_small = None;
                nwords += f.words + 1;
                j = f.t1;
                continue;
            } else if let Some(v) = small_word(w) {
                // `twenty one` / `twenty-one` is one number; `one two` is not.
                if let Some(prev) = last_small
                    && !(prev >= 20 && prev % 10 == 0 && v < 10 && v > 0)
                {
                    break;
                }
                current = current.checked_add(Decimal::from(v))?;
                last_small = Some(v);
            } else if let Some(v) = ordinal_word(w).filter(|v| {
                // `first` after `twenty-`: twenty-first; `two hundredth`.
                *v >= 100 || last_small.is_none_or(|p| p >= 20 && p % 10 == 0)
            }) {
                if v >= 100 {
                    current = current.max(Decimal::ONE).checked_mul(Decimal::from(v))?;
                } else {
                    current = current.checked_add(Decimal::from(v))?;
                }
                ordinal = true;
                any = true;
                nwords += 1;
                j += 1;
                break;
            } else if let Some(s) = scale_word(w).filter(|_| any) {
                if s == 2 {
                    current = current
                        .max(Decimal::ONE)
                        .checked_mul(Decimal::ONE_HUNDRED)?;
                } else {
                    total = total.checked_add(current.max(Decimal::ONE).checked_mul(pow10(s))?)?;
                    current = Decimal::ZERO;
                }
                top_scale = top_scale.max(s);
                last_small = None;
            } else if w == "and" && any && last_small.is_none() {
                // `two hundred and fifty`
                if t.word(j + 1).and_then(small_word).is_some() {
                    j += 1;
                    continue;
                }
                break;
            } else {
                break;
            }
            any = true;
            nwords += 1;
            j += 1;
            // Hyphen joining tens and units: twenty-one, twenty-first.
            if t.punct(j, "-") && t.glued(j) && t.glued(j + 1) {
                let next = t.word(j + 1);
                if next.is_some_and(|n| small_word(n).is_some() || ordinal_word(n).is_some())
                    && last_small.is_some_and(|p| p >= 20)
                {
                    j += 1;
                }
            } else if t.punct(j, "-")
                && last_small.is_some_and(|p| p >= 20 && p % 10 == 0)
                && t.word(j + 1)
                    .and_then(small_word)
                    .is_some_and(|v| (1..10).contains(&v))
            {
                // `fifty - two`: the hyphen written with spaces (a range would not
                // fall from fifty to two).
                j += 1;
            }
        }
        if !any {
            return None;
        }
        let mut value = total.checked_add(current)?;
        // A year said in two halves: `nineteen ninety-seven`, `nineteen-ninety-seven`,
        // `twenty twenty-three` (1997, 2023).
        // (From thirteen: `eleven thirty`, `twelve fifteen` are clock times.)
        if !ordinal && top_scale == 0 && nwords == 1 && (13..=20).contains(&value_u32(value)) {
            let k = if t.punct(j, "-") && t.glued(j) && t.glued(j + 1) {
                j + 1
            } else {
                j
            };
            if t.get(k)
                .is_some_and(|n| n.kind == Tk::Word && (k > j || n.space_before))
                && t.word(k).and_then(small_word).is_some_and(|v| v >= 10)
                && let Some(second) = self.words(k).filter(|c| {
                    !c.ordinal && c.scale == 0 && (10..=99).contains(&value_u32(c.value))
                })
            {
                value = value
                    .checked_mul(Decimal::ONE_HUNDRED)?
                    .checked_add(second.value)?;
                nwords += second.words;
                j = second.t1;
            }
        }
        // `three dozen`, `five dozens`: twelve each.
        if !ordinal && top_scale == 0 && matches!(t.word(j), Some("dozen" | "dozens")) {
            value = value.checked_mul(Decimal::from(12))?;
            nwords += 1;
            j += 1;
        }
        let mut c = self.core_words(i, j, value, nwords, ordinal);
        c.scale = top_scale.max(if top_scale == 0 { 0 } else { top_scale });
        c.bare = if top_scale >= 3 {
            value / pow10(top_scale)
        } else {
            value
        };
        Some(c)
    }

    fn core_words(
        &self,
        t0: usize,
        t1: usize,
        value: Decimal,
        words: usize,
        ordinal: bool,
    ) -> Core {
        let first = &self.t[t0];
        let titled =
            first.s.chars().next().is_some_and(char::is_uppercase) && !self.sentence_start(t0);
        Core {
            t0,
            t1,
            value,
            bare: value,
            scale: 0,
            digits: false,
            words,
            ordinal,
            fraction: None,
            titled,
            weak: false,
            loose: false,
        }
    }

    /// Token `i` begins a sentence.
    fn sentence_start(&self, i: usize) -> bool {
        if i == 0 || self.t[i].line_start {
            return true;
        }
        let mut j = i;
        while j > 0 {
            j -= 1;
            match self.t[j].s {
                "\"" | "“" | "'" | "(" | "‘" => continue,
                "." | "!" | "?" | ":" | ";" => return true,
                // A dateline's dash: `BEIJING, March 4 -- Four ferries …`.
                "-" | "—" | "–" if self.t[j].space_before || (j > 0 && self.t[j - 1].s == "-") =>
                {
                    return self.t[j + 1].space_before || self.t[j + 1].s == "-";
                }
                _ => return false,
            }
        }
        true
    }

    /// Spelled fractions: `two-thirds`, `one third`, `a quarter of`, `half`.
    fn word_fraction(&self, i: usize) -> Option<Core> {
        let t = self.t;
        let w = t.word(i)?;
        // `half a million`, `half million`, `a quarter million`, `three quarters billion`:
        // a share of a scale word is a plain number.
        let share_of_scale = |c: Core| -> Core {
            match t.word(c.t1).and_then(scale_word) {
                Some(s) if s >= 3 => {
                    let mut n =
                        self.core_words(c.t0, c.t1 + 1, c.value * pow10(s), c.words + 1, false);
                    n.bare = c.value;
                    n.scale = s;
                    n
                }
                _ => c,
            }
        };
        if w == "half" {
            if matches!(t.word(i + 1), Some("a" | "an"))
                && (t.word(i + 2).and_then(scale_word).is_some() || t.is(i + 2, "dozen"))
            {
                return None; // `half a million`, `half a dozen` are read by `words`
            }
            let mut c = self.core_words(i, i + 1, Decimal::new(5, 1), 1, false);
            c.fraction = Some((Decimal::ONE, Decimal::TWO));
            let n = share_of_scale(c.clone());
            return Some(if n.t1 > c.t1 { n } else { c });
        }
        if w == "quarter" && t.word(i + 1).and_then(scale_word).is_some_and(|s| s >= 3) {
            let c = self.core_words(i, i + 1, Decimal::new(25, 2), 1, false);
            return Some(share_of_scale(c));
        }
        let (mut num, explicit) = match w {
            "a" | "an" => (1, false),
            _ => (small_word(w).filter(|v| (1..=99).contains(v))?, true),
        };
        let mut j = i + 1;
        // `twenty-three fifths`: a numerator of tens and units.
        if num >= 20
            && num % 10 == 0
            && t.punct(j, "-")
            && t.glued(j)
            && t.glued(j + 1)
            && let Some(u) = t
                .word(j + 1)
                .and_then(small_word)
                .filter(|u| (1..10).contains(u))
            && t.word(j + 2).and_then(denominator).is_some()
        {
            num += u;
            j += 2;
        }
        let hyphen = t.punct(j, "-") && t.glued(j) && t.glued(j + 1);
        if hyphen {
            j += 1;
        }
        let dw = t.word(j)?;
        let den = denominator(dw)?;
        if den == 2 && w != "one" {
            return None;
        }
        let plural = dw.ends_with('s');
        if (num > 1) != plural {
            return None;
        }
        // `a third` needs `of` (or a hyphen, or the end of the phrase) to be a fraction
        // and not an ordinal (`a third country`); `one fifth` is a fraction.
        let ends = t.get(j + 1).is_none_or(|n| n.kind == Tk::Punct);
        let scale_next = t.word(j + 1).and_then(scale_word).is_some();
        if num == 1 && !explicit && !hyphen && !t.is(j + 1, "of") && !ends && !scale_next {
            return None;
        }
        let (n, d) = (Decimal::from(num), Decimal::from(den));
        let mut c = self.core_words(i, j + 1, n / d, 2, false);
        c.fraction = Some((n, d));
        let scaled = share_of_scale(c.clone());
        Some(if scaled.t1 > c.t1 { scaled } else { c })
    }

    /// Parses a number at token `i` (digits with scale, or words).
    fn core(&self, i: usize, money: bool) -> Option<Core> {
        let t = self.t;
        let tok = t.get(i)?;
        if tok.kind == Tk::Num {
            if self.is_identifier(i) || self.is_footnote(i) || self.is_list_number(i) {
                return None;
            }
            let mut v = self.digit_value(i)?;
            // `.08`: a decimal written without its leading zero (after a space or
            // at the start, not `2.5.08` or a sentence's full stop glued to a word).
            let bare_point = i > 0
                && t.punct(i - 1, ".")
                && t.glued(i)
                && t[i - 1].space_before
                && !tok.s.contains(['.', ','])
                && !(i > 1 && t[i - 2].kind == Tk::Num);
            if bare_point {
                v = parse_decimal(&format!("0.{}", tok.s))?;
            }
            let mut c = Core {
                t0: if bare_point { i - 1 } else { i },
                t1: i + 1,
                value: v,
                bare: v,
                scale: 0,
                digits: true,
                words: 0,
                ordinal: false,
                fraction: None,
                titled: false,
                weak: false,
                loose: false,
            };
            // Negative sign: `-5` with the minus glued to the number, not to a word;
            // `minus 120`, `negative 120` (not `10 minus 3`, a subtraction).
            let glued_minus = i > 0
                && t.punct(i - 1, "-")
                && !tok.space_before
                && (i == 1 || t[i - 1].space_before);
            let minus_word = i > 0
                && (t.is(i - 1, "minus") || t.is(i - 1, "negative"))
                && !(i > 1 && t[i - 2].kind == Tk::Num);
            if glued_minus || minus_word {
                c.t0 = i - 1;
                c.value = -v;
                c.bare = -v;
            }
            // Ordinal suffix: 6th, 21st.
            if let Some(n) = t.get(i + 1)
                && !n.space_before
                && matches!(n.low.as_ref(), "st" | "nd" | "rd" | "th")
                && !v.to_string().contains('.')
            {
                c.t1 = i + 2;
                c.ordinal = true;
                return Some(c);
            }
            // Digit fraction: 2/3 (not a date 3/2/2022).
            if t.punct(i + 1, "/")
                && t.glued(i + 1)
                && t.glued(i + 2)
                && t.get(i + 2).is_some_and(|n| n.kind == Tk::Num)
            {
                if t.punct(i + 3, "/") && t.glued(i + 3) {
                    return None;
                }
                let den = self.digit_value(i + 2)?;
                // `-4/5`: the sign is the numerator's.
                let num = c.value;
                let fr = NumValue::fraction(num, den)?;
                c.t1 = i + 3;
                c.value = fr.value;
                c.bare = fr.value;
                c.fraction = Some((num, den));
                return Some(c);
            }
            // Thousands grouped with plain spaces: `2 000`, `1 250 000`.
            if !tok.s.contains(['.', ',', '\u{a0}']) && tok.s.len() <= 3 {
                let mut j = i + 1;
                let mut s = tok.s.to_string();
                while let Some(n) = t.get(j)
                    && n.kind == Tk::Num
                    && n.s.len() == 3
                    && n.s.bytes().all(|b| b.is_ascii_digit())
                    && self.f.folded[t[j - 1].b1..n.b0] == *" "
                {
                    s.push_str(n.s);
                    j += 1;
                }
                if j > i + 1
                    && let Some(v) = parse_decimal(&s)
                {
                    c.value = v;
                    c.bare = v;
                    c.t1 = j;
                }
            }
            // A whole number and a fraction: `2 1/4` (2.25).
            if c.t1 == i + 1
                && c.fraction.is_none()
                && !tok.s.contains(['.', ','])
                && t.get(i + 1)
                    .is_some_and(|n| n.kind == Tk::Num && n.space_before)
                && t.punct(i + 2, "/")
                && t.glued(i + 2)
                && t.glued(i + 3)
                && !(t.punct(i + 4, "/") && t.glued(i + 4))
                && let (Some(n), Some(d)) = (
                    self.digit_value(i + 1),
                    t.get(i + 3).and_then(|_| self.digit_value(i + 3)),
                )
                && t[i + 3].kind == Tk::Num
                && n < d
                && n.fract().is_zero()
                && d.fract().is_zero()
            {
                let whole = c.value;
                let sign = if whole.is_sign_negative() {
                    -Decimal::ONE
                } else {
                    Decimal::ONE
                };
                let num = whole.checked_mul(d)?.checked_add(sign * n)?;
                let fr = NumValue::fraction(num, d)?;
                // A mixed number that ends as a decimal is a plain number (`2 1/4` =
                // `2.25`); `220 2/3` stays two numbers, as the Chinese reading has it.
                if fr.value.checked_mul(d) == Some(num) {
                    c.value = fr.value;
                    c.bare = fr.value;
                    c.t1 = i + 4;
                    return Some(c);
                }
            }
            // `3 dozen`, `3 dozens`: twelve each.
            if t.word(c.t1)
                .is_some_and(|w| matches!(w, "dozen" | "dozens"))
            {
                c.value = c.value.checked_mul(Decimal::from(12))?;
                c.bare = c.value;
                c.t1 += 1;
                return Some(c);
            }
            // Scale words: `1.5 million`, `40 billion`, `$40bn`; `45m barrels` (a glued
            // `m` before what is counted in millions, not metres).
            let mut j = c.t1;
            let mut scale = 0;
            let millions_of =
                |k: usize| t.word(k).is_some_and(|w| COUNTED_IN_MILLIONS.contains(&w));
            while let Some(n) = t.get(j) {
                if n.kind != Tk::Word {
                    break;
                }
                // `10k`, `1.2b` glued to the digits are scales even without a currency.
                let glued_m = n.low == "m" && !n.space_before && millions_of(j + 1);
                let s = scale_word(&n.low).or_else(|| {
                    scale_abbrev(&n.low, money || glued_m || !n.space_before && n.low != "m")
                });
                match s {
                    Some(s) => {
                        scale += s;
                        j += 1;
                    }
                    None => break,
                }
            }
            if scale > 0 {
                c.value = c.bare.checked_mul(pow10(scale))?;
                c.scale = scale;
                c.t1 = j;
            }
            return Some(c);
        }
        self.word_fraction(i).or_else(|| self.words(i))
    }

    /// Approximation phrase ending right before token `i`; returns (start token, approx).
    fn approx_before(&self, i: usize) -> Option<(usize, Approx)> {
        for (words, a) in APPROX_PREFIX {
            if i < words.len() {
                continue;
            }
            let s = i - words.len();
            if self.t.seq(s, words) == Some(i) {
                // `some` only before digits, `over`/`under`/`above`/`below` not after a verb of motion.
                if *words == ["some"] && self.t[i].kind != Tk::Num {
                    continue;
                }
                return Some((s, *a));
            }
        }
        None
    }

    /// Currency symbol or code starting at token `s`: (token after it, currency).
    fn currency_at(&self, s: usize) -> Option<(usize, &'static str)> {
        let rest = self.rest(s);
        if !rest
            .as_bytes()
            .first()
            .is_some_and(|&b| may_start_currency(b))
        {
            return None;
        }
        let caps = CURRENCY_PREFIX.captures(rest)?;
        let end = self.t.get(s)?.b0 + caps.get(0)?.end();
        Some((self.tok_at_byte(end), group_name(&CURRENCY_PREFIX, &caps)?))
    }

    /// Currency symbol or code right before token `i` (up to four tokens: `U.S.$`).
    fn currency_before(&self, i: usize) -> Option<(usize, &'static str)> {
        (1..=4.min(i)).rev().map(|back| i - back).find_map(|s| {
            self.currency_at(s)
                .filter(|(next, _)| *next == i)
                .map(|(_, c)| (s, c))
        })
    }
}

/// A parsed numeric phrase before it becomes one or two mentions.
struct Phrase {
    t0: usize,
    t1: usize,
    cores: Vec<Core>,
    approx: Approx,
    percent: Option<&'static str>,
    unit: Option<&'static str>,
    currency: Option<&'static str>,
    range: bool,
    /// Followed by `World War`.
    world_war: bool,
}

pub(super) fn find<'t>(f: &Folded<'t>, toks: &[Tok<'_>], used: &mut [bool]) -> Vec<Mention<'t>> {
    let p = Parser { f, t: toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if used[i] {
            i += 1;
            continue;
        }
        match phrase(&p, i, used) {
            Some(ph) => {
                for u in used.iter_mut().take(ph.t1).skip(ph.t0) {
                    *u = true;
                }
                out.extend(mentions(&p, &ph));
                i = ph.t1.max(i + 1);
            }
            None => {
                // Skip a whole identifier or footnote so its parts are not read.
                i += 1;
            }
        }
    }
    out
}

fn phrase(p: &Parser<'_, '_>, i: usize, used: &[bool]) -> Option<Phrase> {
    let t = p.t;
    let tok = &t[i];
    // Cheap filter: only digits, number words, `a`/`an`, `half`.
    let plausible = tok.kind == Tk::Num
        || (tok.kind == Tk::Word
            && (small_word(&tok.low).is_some()
                || ordinal_word(&tok.low).is_some()
                || matches!(tok.low.as_ref(), "a" | "an" | "half")));
    // `15 per million`: the base of a rate.
    if tok.kind == Tk::Word
        && i > 0
        && t.is(i - 1, "per")
        && let Some(s) = scale_word(&tok.low)
    {
        let mut c = p.core_words(i, i + 1, pow10(s), 1, false);
        c.weak = true;
        return Some(Phrase {
            t0: i,
            t1: i + 1,
            cores: vec![c],
            approx: Approx::Exact,
            percent: None,
            unit: None,
            currency: None,
            range: false,
            world_war: false,
        });
    }
    if let Some(ph) = vague_plural(p, i) {
        return Some(ph);
    }
    if let Some(ph) = multiple_or_age(p, i) {
        return Some(ph);
    }
    // `the Group of Seven`, `Group of 77`: the number names the group (七国集团,
    // 77国集团), it is not a count of its own.
    if i >= 2 && t.is(i - 1, "of") && t.is(i - 2, "group") && t[i - 2].s.starts_with('G') {
        return None;
    }
    if !plausible {
        return None;
    }
    let currency = p
        .currency_before(i)
        .filter(|(s, _)| (*s..i).all(|k| !used[k]));
    let core = p.core(i, currency.is_some())?;
    let core_end = core.t1;
    // Words that look like numbers but are not: `one` as a pronoun is kept (weak).
    let mut ph = Phrase {
        t0: core.t0,
        t1: core.t1,
        cores: vec![core],
        approx: Approx::Exact,
        percent: None,
        unit: None,
        currency: currency.map(|c| c.1),
        range: false,
        world_war: t.seq(core_end, &["world", "war"]).is_some(),
    };
    if let Some((s, _)) = currency {
        ph.t0 = s;
    }
    if let Some((s, a)) = p
        .approx_before(ph.t0)
        .filter(|(s, _)| (*s..ph.t0).all(|k| !used[k]))
    {
        ph.t0 = s;
        ph.approx = a;
    }
    let first_ordinal = ph.cores[0].ordinal;
    // Percent directly after the first number: `5% to 10%`.
    suffixes(p, &mut ph, true);
    // `one in five`: a fraction.
    if ph.percent.is_none() && !first_ordinal && ph.cores[0].fraction.is_none() && t.is(ph.t1, "in")
    {
        let num = ph.cores[0].value;
        if let Some(den) = p
            .core(ph.t1 + 1, false)
            .filter(|c| {
                !c.ordinal && c.fraction.is_none() && c.value > num && c.value.fract().is_zero()
            })
            .filter(|c| (ph.t1..c.t1).all(|x| !used[x]))
        {
            let c = &mut ph.cores[0];
            c.fraction = Some((num, den.value));
            c.value = num / den.value;
            c.words += den.words;
            c.digits = c.digits && den.digits;
            ph.t1 = den.t1;
            return Some(ph);
        }
    }
    // Range: `165 billion to 170 billion`, `10-15`, `between 3 and 5`.
    if !first_ordinal && ph.cores[0].fraction.is_none() {
        let j = ph.t1;
        let between = ph.t0 > 0 && (t.is(ph.t0 - 1, "between") || t.is(ph.t0 - 1, "from"));
        let word_conn = t.is(j, "to") || t.is(j, "through") || (t.is(j, "and") && between);
        let dash_conn = (t.punct(j, "-") || t.punct(j, "–") || t.punct(j, "—"))
            && t.get(j + 1).is_some_and(|n| n.kind == Tk::Num);
        let conn = (word_conn || dash_conn).then_some(j + 1);
        if let Some(k) = conn {
            // A currency may be repeated on the second number: `$5 to $10 billion`.
            let second_currency = p.currency_at(k);
            let k2 = second_currency.map_or(k, |(next, _)| next);
            // A range carries its unit to a bare end only: after `rose 12%`, `to $4.5
            // billion` (or `to 4.5 billion`) is the level reached, not the range's end.
            let clash = |c2: &Core| {
                let caps = PERCENT_SUFFIX.captures(p.rest_after(c2.t1).0);
                let second_percent = caps.is_some();
                let kind = caps.map(|c| {
                    if c.name("pp").is_some() {
                        "pp"
                    } else if c.name("bp").is_some() {
                        "bp"
                    } else {
                        "%"
                    }
                });
                (ph.percent.is_some() && ph.percent != kind)
                    || (second_currency.is_some() && ph.currency.is_none())
                    || (ph.currency.is_some() && second_percent)
            };
            if let Some(c2) = p
                .core(k2, ph.currency.is_some())
                .filter(|c| !c.ordinal && c.fraction.is_none())
                && c2.digits == ph.cores[0].digits
                && (k..c2.t1).all(|x| !used[x])
                && !clash(&c2)
            {
                // The first end's span takes in its own suffix: `3%` in `3% to 5%`.
                ph.cores[0].t1 = ph.t1;
                ph.t1 = c2.t1;
                ph.cores.push(c2);
                ph.range = true;
            }
        }
    }
    suffixes(p, &mut ph, false);
    Some(ph)
}

/// `double`, `tripled`, `quadrupling` (2倍, 3倍, as a multiple of `times`), and a
/// decade of someone's age, `in his nineties` (九十多岁: 90 and over, in years of
/// age). Both weak and loose: they meet a number of the other side, they are never
/// reported alone (`a double room`, `she lived through the nineties`).
fn multiple_or_age(p: &Parser<'_, '_>, i: usize) -> Option<Phrase> {
    let t = p.t;
    let w = t.word(i)?;
    let stem = w
        .strip_suffix("ed")
        .or_else(|| w.strip_suffix("ing"))
        .or_else(|| w.strip_suffix('s'))
        .map_or(w, |s| s);
    let times = match stem {
        "double" | "doubl" => Some(2),
        "triple" | "tripl" => Some(3),
        "quadruple" | "quadrupl" => Some(4),
        _ => None,
    };
    let (value, unit, t1) = if let Some(n) = times {
        // `double-digit`, `double-check`: a word of its own.
        if t.punct(i + 1, "-") && t.glued(i + 1) {
            return None;
        }
        (n, "times", i + 1)
    } else {
        let tens = match w {
            "twenties" => 20,
            "thirties" => 30,
            "forties" => 40,
            "fifties" => 50,
            "sixties" => 60,
            "seventies" => 70,
            "eighties" => 80,
            "nineties" => 90,
            _ => return None,
        };
        let mut k = i;
        if k > 0 && matches!(t.word(k - 1), Some("early" | "mid" | "late")) {
            k -= 1;
        }
        let owner = k > 0
            && matches!(
                t.word(k - 1),
                Some("his" | "her" | "their" | "my" | "your" | "our")
            );
        if !owner {
            return None;
        }
        (tens, "age", i + 1)
    };
    let mut c = p.core_words(i, t1, Decimal::from(value), 1, false);
    c.weak = true;
    // `tripled` is 增长了两倍 as well as 3倍 (Chinese counts the growth or the
    // result): a loose multiple, read from one less.
    c.loose = unit == "age" || (unit == "times" && stem != w && !w.ends_with('s'));
    let approx = if unit == "age" {
        Approx::Over
    } else if c.loose {
        Approx::About
    } else {
        Approx::Exact
    };
    Some(Phrase {
        t0: i,
        t1,
        cores: vec![c],
        approx,
        percent: None,
        unit: Some(unit),
        currency: None,
        range: false,
        world_war: false,
    })
}

/// `thousands of`, `tens of thousands of yuan`, `hundreds of millions`, `dozens of`: an
/// open order of magnitude, loose and never reported on its own (like `数万`,
/// `成千上万`), read so that it can meet `上万元` or `近百`.
fn vague_plural(p: &Parser<'_, '_>, i: usize) -> Option<Phrase> {
    let t = p.t;
    let scale_of = |w: &str| match w {
        "dozens" => Some(None),
        "hundreds" => Some(Some(2)),
        "thousands" => Some(Some(3)),
        "millions" => Some(Some(6)),
        "billions" => Some(Some(9)),
        _ => None,
    };
    let (lo, end) = if t.is(i, "tens") && t.is(i + 1, "of") {
        let s = t.word(i + 2).and_then(scale_of)??;
        (pow10(s + 1), i + 3)
    } else {
        let w = t.word(i)?;
        let first = match scale_of(w)? {
            Some(s) => pow10(s),
            None => Decimal::from(24),
        };
        // `hundreds of thousands`
        match (t.is(i + 1, "of"), t.word(i + 2).and_then(scale_of)) {
            (true, Some(Some(s))) if first > Decimal::from(24) => (first * pow10(s), i + 3),
            _ => (first, i + 1),
        }
    };
    // Needs `of` after it, or a plural noun: `thousands of people`, `in the thousands`.
    if !(t.is(end, "of") || t.get(end).is_none_or(|n| n.kind == Tk::Punct)) {
        return None;
    }
    let mut c = p.core_words(i, end, lo, end - i, false);
    c.weak = true;
    c.loose = true;
    let mut ph = Phrase {
        t0: i,
        t1: end,
        cores: vec![c],
        approx: Approx::Over,
        percent: None,
        unit: None,
        currency: None,
        range: false,
        world_war: false,
    };
    if t.is(end, "of") {
        let (rest, base) = p.rest_after(end + 1);
        if let Some(caps) = CURRENCY_SUFFIX.captures(rest) {
            ph.currency = group_name(&CURRENCY_SUFFIX, &caps);
            ph.t1 = p.tok_at_byte(base + caps.get(0).map_or(0, |m| m.end()));
        } else if let Some(caps) = UNIT_SUFFIX.captures(rest) {
            ph.unit = group_name(&UNIT_SUFFIX, &caps);
            ph.t1 = p.tok_at_byte(base + caps.get(0).map_or(0, |m| m.end()));
        }
    }
    Some(ph)
}

/// Reads percent, currency, unit and approximation suffixes after the phrase.
fn suffixes(p: &Parser<'_, '_>, ph: &mut Phrase, percent_only: bool) {
    let (rest, base) = p.rest_after(ph.t1);
    if let Some(caps) = PERCENT_SUFFIX.captures(rest) {
        let kind = if caps.name("pp").is_some() {
            "pp"
        } else if caps.name("bp").is_some() {
            "bp"
        } else {
            "%"
        };
        if ph.percent.is_none() || ph.range {
            ph.percent = Some(kind);
            ph.t1 = p.tok_at_byte(base + caps.get(0).map_or(0, |m| m.end()));
        }
        return;
    }
    if percent_only {
        return;
    }
    if ph.currency.is_none() {
        if let Some(caps) = CURRENCY_SUFFIX.captures(rest) {
            ph.currency = group_name(&CURRENCY_SUFFIX, &caps);
            ph.t1 = p.tok_at_byte(base + caps.get(0).map_or(0, |m| m.end()));
            return;
        }
        if let Some(caps) = UNIT_SUFFIX.captures(rest) {
            ph.unit = group_name(&UNIT_SUFFIX, &caps);
            ph.t1 = p.tok_at_byte(base + caps.get(0).map_or(0, |m| m.end()));
        }
    }
    // `1,000-plus`, `1000+`, `20-odd`, `or so`, `or more`.
    let t = p.t;
    let j = ph.t1;
    if ph.approx == Approx::Exact {
        if t.punct(j, "+") && t.glued(j) {
            ph.approx = Approx::Over;
            ph.t1 = j + 1;
        } else if t.punct(j, "-") && t.glued(j) && (t.is(j + 1, "plus") || t.is(j + 1, "odd")) {
            ph.approx = if t.is(j + 1, "plus") {
                Approx::Over
            } else {
                Approx::About
            };
            ph.t1 = j + 2;
        } else if t.seq(j, &["or", "so"]).is_some() {
            ph.approx = Approx::About;
            ph.t1 = j + 2;
        } else if t.seq(j, &["or", "more"]).is_some() {
            ph.approx = Approx::Over;
            ph.t1 = j + 2;
        }
    }
}

fn mentions<'t>(p: &Parser<'_, 't>, ph: &Phrase) -> Vec<Mention<'t>> {
    let t = p.t;
    let mut cores = ph.cores.clone();
    // Scale and sign distribute over a range: `165 to 170 billion`.
    if cores.len() == 2 {
        let (a, b) = (&cores[0], &cores[1]);
        if a.scale == 0 && b.scale > 0 && a.bare < b.bare {
            let s = b.scale;
            if let Some(v) = cores[0].value.checked_mul(pow10(s)) {
                cores[0].value = v;
                cores[0].scale = s;
            }
        }
    }
    let n = cores.len();
    let mut out = Vec::with_capacity(n);
    for (k, c) in cores.iter().enumerate() {
        // Spans: the first mention starts at the phrase start, the last ends at the phrase end.
        let c0 = p.f.orig(if k == 0 { t[ph.t0].b0 } else { t[c.t0].b0 });
        let c1 = if k + 1 == n {
            p.f.orig(t[ph.t1 - 1].b1)
        } else {
            p.f.orig(t[c.t1 - 1].b1)
        };
        let mut v = match c.fraction {
            Some((a, b)) => match NumValue::fraction(a, b) {
                Some(v) => v,
                None => continue,
            },
            None => NumValue::exact(c.value).with_quantum(c.bare, c.scale),
        };
        if !ph.range {
            v = v.with_approx(ph.approx);
        }
        v.loose = c.loose;
        if c.loose && ph.unit == Some("times") {
            v.lo = v.value - Decimal::ONE;
            v.hi = v.value;
        }
        // `in his sixties`: from 60 up to 70.
        if c.loose && ph.unit == Some("age") {
            v.hi = v.value + Decimal::TEN;
            v.hi_open = true;
        }
        let kind = if c.ordinal {
            Kind::Ordinal
        } else if ph.percent.is_some() {
            v.unit = ph.percent.filter(|u| *u != "%").or(Some("%"));
            Kind::Percent
        } else if c.fraction.is_some() {
            Kind::Fraction
        } else if let Some(cur) = ph.currency {
            v.unit = Some(cur);
            Kind::Money
        } else if let Some(u) = ph.unit {
            // Decades and centuries are counted in years: `two decades` = `20年`.
            let years = match u {
                "decade" => Some(Decimal::TEN),
                "century" => Some(Decimal::ONE_HUNDRED),
                _ => None,
            };
            match years.and_then(|f| v.value.checked_mul(f).map(|x| (f, x))) {
                Some((f, x)) => {
                    v.value = x;
                    v.lo = v.lo.checked_mul(f).unwrap_or(v.lo);
                    v.hi = v.hi.checked_mul(f).unwrap_or(v.hi);
                    v.unit = Some("year");
                }
                None => v.unit = Some(u),
            }
            Kind::Quantity
        } else {
            Kind::Number
        };
        v.role = role(p, ph, c, kind);
        let strength = strength(c, kind, ph);
        out.push(Mention {
            kind,
            start: c0,
            end: c1,
            text: &p.f.original[c0..c1],
            value: Value::Num(v),
            strength,
        });
    }
    out
}

/// Words after a number that do not make it a count of what follows (`12 of
/// them`, `5 to 10`, `2 percent`, `3 or more`).
#[rustfmt::skip]
const NOT_COUNTED: &[&str] = &[
    "and", "or", "to", "of", "in", "on", "at", "for", "by", "with", "from", "than", "as", "is",
    "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could",
    "may", "might", "should", "must", "do", "did", "does", "percent", "per", "times", "more",
    "less", "fewer", "but", "that", "which", "who", "out", "over", "under", "up", "down", "off",
    "ago", "a", "an", "the", "this", "these", "those", "it", "its", "so", "too", "also", "not",
    "am", "pm", "p", "minus", "plus", "if", "when", "while", "then", "there", "here", "each",
    "apiece", "all", "both", "now", "against", "into", "onto", "after", "before", "since",
    "until", "between", "among", "about", "around", "like", "just", "only", "even", "still",
    "again", "yet", "ever", "never", "o", "s", "th", "st", "nd", "rd", "x",
    "percentage", "points", "point", "basis", "dozen", "hundred", "thousand", "million",
    "billion", "trillion", "you", "we", "they", "he", "she", "i", "me", "us", "them", "him",
    "her", "my", "our", "your", "their", "his", "inches", "inch", "feet", "foot", "degrees",
    "degree", "minutes", "minute", "seconds", "second", "yards", "meters", "metres", "cm",
    "mm", "km", "kg", "g", "lb", "lbs", "oz",
];

/// Nouns before a number that name numbered things: `article 5`, `phase 2`.
#[rustfmt::skip]
const LABEL_NOUNS: &[&str] = &[
    "article", "chapter", "section", "clause", "paragraph", "page", "table", "figure", "room",
    "gate", "platform", "exit", "floor", "level", "grade", "phase", "size", "round", "episode",
    "season", "version", "model", "type",
];

/// The role a number's neighbours show (see [`Role`]): `No. 31` names, `the 75th
/// anniversary` is an anniversary, `First,` lists, `three carriers` counts.
fn role(p: &Parser<'_, '_>, ph: &Phrase, c: &Core, kind: Kind) -> Option<Role> {
    let t = p.t;
    let next = t.get(ph.t1);
    if kind == Kind::Ordinal {
        if next.is_some_and(|n| n.low == "anniversary" || n.low == "anniversaries") {
            return Some(Role::Anniversary);
        }
        // `First, …`, `Secondly`: a point in a list, not a rank.
        let discourse_word = c.words > 0 && (t.punct(ph.t1, ",") || t.punct(ph.t1, ":"));
        if discourse_word && p.sentence_start(ph.t0) {
            return Some(Role::Discourse);
        }
        return None;
    }
    if kind != Kind::Number || c.fraction.is_some() {
        return None;
    }
    // `No. 31`, `number 14`, `#5`, `Nos. 3 and 4`.
    let i = ph.t0;
    let label = (i >= 2 && t.punct(i - 1, ".") && matches!(t.word(i - 2), Some("no" | "nos")))
        || (i >= 1 && matches!(t.word(i - 1), Some("number" | "no" | "nos" | "num")))
        || (i >= 1 && t.punct(i - 1, "#") && t.glued(i));
    // `article 5`, `phase 2`, `size 40`: after a word that names numbered things.
    let named = i >= 1
        && !t.glued(i)
        && t.get(i - 1)
            .is_some_and(|p0| p0.kind == Tk::Word && LABEL_NOUNS.contains(&p0.low.as_ref()));
    if label || named {
        return Some(Role::Label);
    }
    // `Title 42`, `Radio 4`, `Five Piece`: a number in a name or title shows no role.
    let capital = |k: usize| t[k].s.starts_with(|ch: char| ch.is_uppercase());
    let opener = |k: usize| p.sentence_start(k) && NOT_COUNTED.contains(&t[k].low.as_ref());
    if (i >= 1 && t[i - 1].kind == Tk::Word && capital(i - 1) && !opener(i - 1))
        || (c.words > 0 && capital(c.t0) && !p.sentence_start(c.t0))
    {
        return None;
    }
    // `twice`, `thrice` say how often, not how many.
    if c.words == 1 && matches!(t[c.t0].low.as_ref(), "twice" | "thrice") {
        return None;
    }
    let n = next?;
    let counted = n.kind == Tk::Word
        && n.space_before
        && !n.s.starts_with(|ch: char| ch.is_uppercase())
        && !NOT_COUNTED.contains(&n.low.as_ref());
    counted.then_some(Role::Count)
}

fn strength(c: &Core, kind: Kind, ph: &Phrase) -> Strength {
    if c.weak {
        return Strength::Weak;
    }
    if c.digits {
        // A bare `1` (`Category 1`, `1-piece`) is as often `a`/`one` as a quantity.
        let bare_one =
            c.value == Decimal::ONE && kind == Kind::Number && ph.approx == Approx::Exact;
        return if bare_one {
            Strength::Weak
        } else {
            Strength::Strong
        };
    }
    if c.ordinal {
        // `the Second World War` names a war, not a rank.
        if ph.unit.is_none() && c.words > 0 && ph.world_war {
            return Strength::Weak;
        }
        return if c.titled && c.value > Decimal::ONE {
            Strength::Strong
        } else {
            Strength::Weak
        };
    }
    if matches!(kind, Kind::Percent | Kind::Money) || c.scale >= 3 {
        return Strength::Strong;
    }
    if let Some((_, d)) = c.fraction {
        return if d > Decimal::from(4) || c.value > Decimal::new(5, 1) {
            Strength::Strong
        } else {
            Strength::Weak
        };
    }
    if c.words >= 2 || c.value > Decimal::TEN {
        Strength::Strong
    } else {
        Strength::Weak
    }
}

#[cfg(test)]
mod currency_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// No text the prefix regex matches starts with a byte the prefilter
        /// turns away.
        #[test]
        fn currency_prefilter_keeps_every_match(
            text in "(US ?\\$|U\\.S\\. ?\\$|USD|\\$|€|EUR|£|GBP|RMB|CNY|CN¥|¥|JPY|₹|Rs\\.?|INR|₽|RUB|HK\\$|₩|[a-zA-Z0-9 .$¥€£])[a-zA-Z0-9 .$]{0,6}",
        ) {
            if CURRENCY_PREFIX.is_match(&text) {
                prop_assert!(may_start_currency(text.as_bytes()[0]), "{text:?}");
            }
        }
    }

    /// Every byte the prefilter lets through starts some match, so the set is no
    /// wider than the alternatives.
    #[test]
    fn currency_prefilter_is_the_first_bytes_of_the_alternatives() {
        for sample in [
            "US$", "$", "€", "EUR", "£", "GBP", "RMB", "CNY", "¥", "JPY", "₹", "INR", "₽", "RUB",
            "HK$", "₩",
        ] {
            assert!(CURRENCY_PREFIX.is_match(sample), "{sample}");
            assert!(may_start_currency(sample.as_bytes()[0]), "{sample}");
        }
        let starts: Vec<u8> = (0..=255u8).filter(|&b| may_start_currency(b)).collect();
        assert_eq!(starts.len(), 11);
    }
}
