//! English date and time mentions.

use super::numbers::ordinal_word;
use super::{Tk, Tok, Toks};
use crate::extract::date::{DateValue, Part, is_valid, month_day};
use crate::extract::{Kind, Mention, Value};
use crate::text::Folded;

fn month_name(w: &str) -> Option<(u8, bool)> {
    // (month, abbreviated)
    Some(match w {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

fn weekday(w: &str) -> Option<u8> {
    // `on Sundays` names the same weekday.
    Some(match w.strip_suffix('s').unwrap_or(w) {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    })
}

fn small_cardinal(w: &str) -> Option<u8> {
    Some(match w {
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
        _ => return None,
    })
}

/// Words before a month name that make it a month (`in May`, `until Oct.`).
#[rustfmt::skip]
const MONTH_CUES: &[&str] = &[
    "in", "on", "by", "since", "until", "till", "from", "to", "of", "early", "mid", "late", "during",
    "before", "after", "through", "and", "or", "last", "next", "this", "between", "as", "throughout",
];

/// Words before a bare four-digit number that make it a year.
#[rustfmt::skip]
const YEAR_CUES: &[&str] = &[
    "in", "by", "since", "until", "till", "through", "from", "to", "of", "during", "before",
    "after", "around", "circa", "year", "fiscal", "fy", "spring", "summer", "autumn", "fall",
    "winter", "between", "and", "early", "late", "mid", "for", "end", "beginning", "start",
    "throughout", "within", "across", "than", "as", "on", "at", "over", "the",
];

/// Lowercase words after a year that keep it a year (`in 2022 alone`); any other
/// lowercase word suggests a count (`in 2000 cities`).
#[rustfmt::skip]
const AFTER_YEAR_OK: &[&str] = &[
    "and", "or", "to", "as", "when", "with", "the", "a", "was", "is", "were", "are", "has", "had",
    "saw", "will", "in", "on", "at", "for", "from", "through", "alone", "onwards", "onward",
    "compared", "than", "levels", "level", "figures", "data", "budget", "election", "elections",
    "summit", "report", "season", "edition", "census", "survey", "plan", "consultation",
    "agreement", "games", "olympics", "world", "cup", "it", "they", "he", "she", "we", "this",
    "that", "but", "after", "before", "while", "until", "because", "so", "if", "where", "which",
    "who", "amid", "despite", "due", "under", "by", "of", "however", "also", "only", "itself",
    "vote", "votes", "referendum", "campaign", "war", "crisis", "tournament", "championship",
    "championships", "midterms", "midterm", "presidential", "general", "financial", "annual",
    "winter", "summer", "spring", "autumn", "fall", "film", "movie", "novel", "album", "act", "law",
    "rally", "race", "conference", "forum", "expo", "congress", "revision", "version", "standard",
    "edition",
];

struct P<'a> {
    t: &'a [Tok<'a>],
}

/// A date parsed at some tokens.
struct Found {
    t0: usize,
    t1: usize,
    value: DateValue,
}

impl P<'_> {
    fn num(&self, i: usize) -> Option<u32> {
        let t = self.t.get(i)?;
        if t.kind != Tk::Num || t.s.contains([',', '.', '\u{a0}']) || t.s.len() > 4 {
            return None;
        }
        t.s.parse().ok()
    }

    /// A month name at `i`; returns (month, index after it).
    fn month(&self, i: usize) -> Option<(u8, usize)> {
        let tok = self.t.get(i)?;
        if tok.kind != Tk::Word {
            return None;
        }
        let (m, abbr) = month_name(&tok.low)?;
        // Month names are capitalized; lowercase `march` and `may` are verbs and
        // `sept`/`dec`… abbreviations need their capital too.
        if !tok.s.starts_with(|c: char| c.is_uppercase()) && (matches!(m, 3 | 5) || abbr) {
            return None;
        }
        let mut j = i + 1;
        if abbr {
            if self.t.punct(j, ".") && self.t.glued(j) {
                j += 1;
            }
            // An abbreviation needs a day or year after it, or a cue word before it
            // (`until Oct.`).
            let cue = i > 0 && self.t.word(i - 1).is_some_and(|w| MONTH_CUES.contains(&w));
            if self.day(j).is_none() && self.year(j).is_none() && !cue {
                return None;
            }
        }
        Some((m, j))
    }

    /// A day of month at `i`: `2`, `2nd`, `second` is not accepted.
    fn day(&self, i: usize) -> Option<(u8, usize)> {
        let t = self.t.get(i)?;
        if t.kind != Tk::Num || t.s.len() > 2 {
            return None;
        }
        let d: u8 = t.s.parse().ok()?;
        if d == 0 || d > 31 {
            return None;
        }
        let mut j = i + 1;
        if self.t.glued(j)
            && self
                .t
                .word(j)
                .is_some_and(|w| matches!(w, "st" | "nd" | "rd" | "th"))
        {
            j += 1;
        } else if self.t.glued(j) && self.t.get(j).is_some_and(|n| n.kind == Tk::Word) {
            return None;
        }
        // `2.5` or `2,000` are not days.
        if self.t.glued(j) && (self.t.punct(j, ":") || self.t.punct(j, "%")) {
            return None;
        }
        Some((d, j))
    }

    /// A four-digit year at `i` (1000–2999), not glued to letters or digits.
    fn year(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.t.get(i)?;
        if t.kind != Tk::Num || t.s.len() != 4 {
            return None;
        }
        let y: i32 = t.s.parse().ok()?;
        if !(1000..=2999).contains(&y) {
            return None;
        }
        if let Some(n) = self.t.get(i + 1) {
            if !n.space_before && (n.kind == Tk::Word || n.kind == Tk::Num) {
                return None;
            }
            if !n.space_before && matches!(n.s, "%" | "/") {
                return None;
            }
        }
        if i > 0 && !t.space_before && self.t[i - 1].kind == Tk::Word {
            return None;
        }
        Some((y, i + 1))
    }

    /// A qualifier before a month or year: `early`, `mid-`, `late`, `the end of`, `the beginning of`.
    fn qualifier(&self, i: usize) -> Option<(Part, usize)> {
        let t = self.t;
        let start = if t.is(i, "the") { i + 1 } else { i };
        let w = t.word(start)?;
        let (part, mut j) = match w {
            "early" => (Part::Early, start + 1),
            "mid" => (Part::Mid, start + 1),
            "late" => (Part::Late, start + 1),
            "middle" if t.is(start + 1, "of") => (Part::Mid, start + 2),
            "end" if t.is(start + 1, "of") => (Part::End, start + 2),
            "beginning" | "start" if t.is(start + 1, "of") => (Part::Begin, start + 2),
            "end" if t.punct(start + 1, "-") && t.glued(start + 1) => (Part::End, start + 1),
            _ => return None,
        };
        if t.punct(j, "-") && t.glued(j) {
            j += 1;
        }
        Some((part, j))
    }

    fn found(&self, t0: usize, t1: usize, value: DateValue) -> Found {
        Found { t0, t1, value }
    }

    /// Tries every date form at token `i`.
    fn at(&self, i: usize) -> Vec<Found> {
        let t = self.t;
        let mut v = Vec::new();
        // Qualified month or year: `mid-January 2022`, `the end of October 2022`, `early 2022`.
        if let Some((part, j)) = self.qualifier(i) {
            if let Some((m, k)) = self.month(j) {
                let mut d = DateValue {
                    month: Some(m),
                    part: Some(part),
                    ..Default::default()
                };
                let mut end = k;
                if let Some((y, k2)) = self.year(k) {
                    d.year = Some(y);
                    end = k2;
                }
                v.push(self.found(i, end, d));
                return v;
            }
            if let Some((y, k)) = self.year(j) {
                v.push(self.found(
                    i,
                    k,
                    DateValue {
                        year: Some(y),
                        part: Some(part),
                        ..Default::default()
                    },
                ));
                return v;
            }
            // `the end of the year`, `the beginning of this year`, `late last year`
            let rel = if t.seq(j, &["the", "year"]).is_some() {
                Some((0, j + 2))
            } else {
                self.relative_year(j)
            };
            if let Some((r, k)) = rel {
                v.push(self.found(
                    i,
                    k,
                    DateValue {
                        relative_year: Some(r),
                        part: Some(part),
                        ..Default::default()
                    },
                ));
                return v;
            }
        }
        // `the first nine months of 2022`, `the first half of 2022`, `the third quarter`.
        if let Some(f) = self.period(i) {
            v.push(f);
            return v;
        }
        // Relative: `last July`, `next year`.
        if let Some(w) = t.word(i) {
            let rel = match w {
                "last" => Some(-1),
                "this" => Some(0),
                "next" => Some(1),
                _ => None,
            };
            if let Some(r) = rel {
                if let Some((m, k)) = self.month(i + 1) {
                    v.push(self.found(
                        i,
                        k,
                        DateValue {
                            month: Some(m),
                            relative_year: Some(r),
                            ..Default::default()
                        },
                    ));
                    return v;
                }
                let season = matches!(
                    t.word(i + 1),
                    Some("spring" | "summer" | "autumn" | "fall" | "winter")
                );
                if t.is(i + 1, "year") || season {
                    v.push(self.found(
                        i,
                        i + 2,
                        DateValue {
                            relative_year: Some(r),
                            ..Default::default()
                        },
                    ));
                    return v;
                }
            }
        }
        // Month first: `March 2, 2022`, `March 2`, `October, 1st`, `May twenty nine`,
        // `June 2022`, `June`.
        if let Some((m, j)) = self.month(i) {
            let day_here = self.day(j).or_else(|| self.day_words(j)).or_else(|| {
                if t.punct(j, ",") {
                    self.day(j + 1)
                        .filter(|(_, k)| t.get(*k).is_none_or(|n| n.kind != Tk::Num))
                } else {
                    None
                }
            });
            if let Some((day, k)) = day_here {
                let mut d = DateValue {
                    month: Some(m),
                    day: Some(day),
                    ..Default::default()
                };
                let mut end = k;
                let comma = if t.punct(k, ",") { k + 1 } else { k };
                if let Some((y, k2)) = self.year(comma) {
                    d.year = Some(y);
                    end = k2;
                }
                d.invalid = !is_valid(d.year, m, day);
                // Day ranges: `June 24-26`, `June 24 and 25`.
                let mut extra = None;
                let the = usize::from(t.is(k, "to") && t.is(k + 1, "the"));
                if ((t.punct(k, "-") || t.punct(k, "–")) && t.glued(k + 1) || t.is(k, "to"))
                    && let Some((d2, k3)) = self.day(k + 1 + the)
                    && d2 > day
                {
                    let mut e = d.clone();
                    e.day = Some(d2);
                    let comma2 = if t.punct(k3, ",") { k3 + 1 } else { k3 };
                    let mut end2 = k3;
                    if let Some((y, k4)) = self.year(comma2) {
                        e.year = Some(y);
                        d.year = Some(y);
                        end2 = k4;
                    }
                    e.invalid = !is_valid(e.year, m, d2);
                    d.invalid = !is_valid(d.year, m, day);
                    extra = Some(self.found(k + 1, end2, e));
                    end = k;
                }
                v.push(self.found(i, end, d));
                v.extend(extra);
                return v;
            }
            let of = if t.is(j, "of") { j + 1 } else { j };
            if let Some((y, k)) = self.year(of) {
                v.push(self.found(
                    i,
                    k,
                    DateValue {
                        year: Some(y),
                        month: Some(m),
                        ..Default::default()
                    },
                ));
                return v;
            }
            // `October last year`, `May this year`.
            let comma = if t.punct(j, ",") { j + 1 } else { j };
            if let Some((r, k)) = self.relative_year(comma) {
                v.push(self.found(
                    i,
                    k,
                    DateValue {
                        month: Some(m),
                        relative_year: Some(r),
                        ..Default::default()
                    },
                ));
                return v;
            }
            // A month alone. `May` alone is too often the verb; it needs a cue word.
            let cue = i > 0
                && t.word(i - 1).is_some_and(|w| {
                    matches!(
                        w,
                        "in" | "on"
                            | "by"
                            | "since"
                            | "until"
                            | "till"
                            | "from"
                            | "to"
                            | "of"
                            | "early"
                            | "mid"
                            | "late"
                            | "during"
                            | "before"
                            | "after"
                            | "through"
                            | "and"
                            | "or"
                            | "last"
                            | "next"
                            | "this"
                            | "between"
                            | "as"
                            | "throughout"
                    )
                });
            let ends = t
                .get(j)
                .is_none_or(|n| matches!(n.s, "." | "!" | "?" | ";"));
            if m != 5 || cue || ends {
                v.push(self.found(
                    i,
                    j,
                    DateValue {
                        month: Some(m),
                        ..Default::default()
                    },
                ));
                return v;
            }
        }
        // Day first: `2 March 2022`, `the 2nd of March`.
        let (di, the) = if t.is(i, "the") {
            (i + 1, true)
        } else {
            (i, false)
        };
        // `05-Aug-2016`
        if let Some((day, j)) = self.day(di)
            && t.punct(j, "-")
            && t.glued(j)
            && let Some((m, k)) = self.month(j + 1)
            && t.punct(k, "-")
            && let Some((y, k2)) = self.year(k + 1)
        {
            let d = DateValue {
                year: Some(y),
                month: Some(m),
                day: Some(day),
                invalid: !is_valid(Some(y), m, day),
                ..Default::default()
            };
            v.push(self.found(i, k2, d));
            return v;
        }
        if let Some((day, j)) = self
            .day(di)
            .or_else(|| self.day_words(di).filter(|(_, j)| t.is(*j, "of")))
        {
            // `the 2nd of March` needs `of`; `2 March` does not.
            let of = if t.is(j, "of") { j + 1 } else { j };
            if (!the || of > j)
                && let Some((m, k)) = self.month(of)
            {
                let mut d = DateValue {
                    month: Some(m),
                    day: Some(day),
                    ..Default::default()
                };
                let mut end = k;
                let comma = if t.punct(k, ",") { k + 1 } else { k };
                if let Some((y, k2)) = self.year(comma) {
                    d.year = Some(y);
                    end = k2;
                }
                d.invalid = !is_valid(d.year, m, day);
                v.push(self.found(i, end, d));
                return v;
            }
        }
        // Numeric dates: 2022-03-02, 2022/03/02, 03/02/2022.
        if let Some(f) = self.numeric(i) {
            v.push(f);
            return v;
        }
        // `on 11/20`, `Friday 7/6`, `Oct/2`: a day and month without a year, after a cue.
        if let Some(f) = self.numeric_short(i) {
            v.push(f);
            return v;
        }
        // `on the 18th`: a day of the month alone.
        if t.is(i, "the")
            && i > 0
            && t.word(i - 1).is_some_and(|w| {
                matches!(
                    w,
                    "on" | "by"
                        | "until"
                        | "till"
                        | "around"
                        | "before"
                        | "after"
                        | "since"
                        | "from"
                        | "to"
                )
            })
            && let Some((day, k)) = self.day(i + 1).filter(|(_, k)| *k > i + 2)
            && t.get(k).is_none_or(|n| {
                n.kind != Tk::Word
                    || matches!(n.low.as_ref(), "this" | "next" | "of" | "and" | "or")
            })
        {
            v.push(self.found(
                i,
                k,
                DateValue {
                    day: Some(day),
                    ..Default::default()
                },
            ));
            return v;
        }
        if let Some(f) = self.cohort(i) {
            v.push(f);
            return v;
        }
        // Decades: `the 1990s`, `1990s`, `the '90s`, `the nineties`.
        if let Some(f) = self.decade(i) {
            v.push(f);
            return v;
        }
        // Centuries: `the 19th century`, `the nineteenth century`, `19th-century`.
        if let Some(f) = self.century(i) {
            v.push(f);
            return v;
        }
        // Weekdays; `Black Friday`, `Good Friday`, `Cyber Monday` name days of
        // their own.
        let holiday = i > 0
            && t[i - 1].s.starts_with(|c: char| c.is_uppercase())
            && t.word(i - 1).is_some_and(|w| {
                matches!(
                    w,
                    "black"
                        | "good"
                        | "cyber"
                        | "super"
                        | "ash"
                        | "holy"
                        | "maundy"
                        | "easter"
                        | "palm"
                        | "bloody"
                        | "giving"
                        | "shrove"
                        | "whit"
                        | "low"
                        | "fat"
                        | "small"
                        | "blue"
                )
            });
        if let Some(w) = t.word(i).and_then(weekday)
            && t[i].s.starts_with(|c: char| c.is_uppercase())
            && !holiday
        {
            v.push(self.found(
                i,
                i + 1,
                DateValue {
                    weekday: Some(w),
                    ..Default::default()
                },
            ));
            return v;
        }
        // Times of day.
        if let Some(f) = self.time(i) {
            v.push(f);
            return v;
        }
        // Bare years with a cue: `in 2022`, `by 2027`, year ranges `2019-2022`.
        if let Some((y, j)) = self.year(i) {
            let cue = i > 0 && t.word(i - 1).is_some_and(|w| YEAR_CUES.contains(&w));
            // After a strong cue (`in 2022 led to`), only a plural noun makes it a
            // count (`in 2000 cities`).
            let strong_cue = i > 0
                && t.word(i - 1).is_some_and(|w| {
                    matches!(
                        w,
                        "in" | "by"
                            | "since"
                            | "until"
                            | "during"
                            | "before"
                            | "after"
                            | "from"
                            | "through"
                    )
                })
                && (1900..=2100).contains(&y);
            let after_ok = match t.get(j) {
                None => true,
                Some(n) if n.kind == Tk::Punct => !matches!(n.s, "%" | "$"),
                Some(n) if n.kind == Tk::Word => {
                    n.s.starts_with(|c: char| c.is_uppercase())
                        || AFTER_YEAR_OK.contains(&n.low.as_ref())
                        || (strong_cue && !(n.low.len() > 3 && n.low.ends_with('s')))
                }
                Some(_) => false,
            };
            let range_next =
                (t.punct(j, "-") || t.punct(j, "–") || t.is(j, "to")) && self.year(j + 1).is_some();
            // `1950-53`: the second year shares the century.
            if (t.punct(j, "-") || t.punct(j, "–"))
                && t.glued(j)
                && t.glued(j + 1)
                && let Some(yy) = t.get(j + 1).filter(|n| n.kind == Tk::Num && n.s.len() == 2)
                && let Ok(yy) = yy.s.parse::<i32>()
                && yy > y % 100
                && !t.glued(j + 2)
            {
                let first = DateValue {
                    year: Some(y),
                    ..Default::default()
                };
                let second = DateValue {
                    year: Some(y / 100 * 100 + yy),
                    ..Default::default()
                };
                v.push(self.found(i, j, first));
                v.push(self.found(j + 1, j + 2, second));
                return v;
            }
            if (cue || i == 0 || range_next || t[i].line_start) && after_ok || range_next {
                v.push(self.found(
                    i,
                    j,
                    DateValue {
                        year: Some(y),
                        ..Default::default()
                    },
                ));
                if range_next && let Some((y2, k)) = self.year(j + 1) {
                    v.push(self.found(
                        j + 1,
                        k,
                        DateValue {
                            year: Some(y2),
                            ..Default::default()
                        },
                    ));
                }
                return v;
            }
        }
        v
    }

    /// `the first nine months of 2022`, `the first half of 2022`, `Q3 2022`, `the third quarter`.
    fn period(&self, i: usize) -> Option<Found> {
        let t = self.t;
        let start = if t.is(i, "the") { i + 1 } else { i };
        let mut part = None;
        let mut j = start;
        if let Some(w) = t.word(start) {
            if w == "first" {
                // `first nine months`, `first 10 months`
                let n = t.word(start + 1).and_then(small_cardinal).or_else(|| {
                    self.num(start + 1)
                        .filter(|n| (1..=12).contains(n))
                        .map(|n| n as u8)
                });
                if let Some(n) = n
                    && t.is(start + 2, "months")
                {
                    part = Some(Part::FirstMonths(n));
                    j = start + 3;
                }
                // `the first three quarters`
                if let Some(n) = n.filter(|n| (1..=4).contains(n))
                    && t.is(start + 2, "quarters")
                {
                    part = Some(Part::FirstMonths(n * 3));
                    j = start + 3;
                }
                if part.is_none() && t.is(start + 1, "half") {
                    part = Some(Part::Half(1));
                    j = start + 2;
                }
            }
            if part.is_none() && (w == "second" || w == "latter") && t.is(start + 1, "half") {
                part = Some(Part::Half(2));
                j = start + 2;
            }
            if part.is_none()
                && let Some(q) = ordinal_word(w).filter(|q| (1..=4).contains(q))
                && t.is(start + 1, "quarter")
            {
                part = Some(Part::Quarter(q as u8));
                j = start + 2;
            }
            if part.is_none() && t[start].s.len() == 2 {
                // Q3, H1
                let s = t[start].s;
                let (c, d) = (s.as_bytes()[0], s.as_bytes()[1]);
                if (c == b'Q' || c == b'H') && d.is_ascii_digit() {
                    let n = d - b'0';
                    if c == b'Q' && (1..=4).contains(&n) {
                        part = Some(Part::Quarter(n));
                        j = start + 1;
                    } else if c == b'H' && (1..=2).contains(&n) {
                        part = Some(Part::Half(n));
                        j = start + 1;
                    }
                }
            }
        }
        // `Q3` tokenizes as one word plus a glued number: handle `Q` `3`.
        if part.is_none()
            && (t.is(start, "q") || t.is(start, "h"))
            && t[start].s.chars().all(|c| c.is_uppercase())
            && let Some(n) = self.num(start + 1).filter(|_| t.glued(start + 1))
        {
            if t.is(start, "q") && (1..=4).contains(&n) {
                part = Some(Part::Quarter(n as u8));
                j = start + 2;
            } else if t.is(start, "h") && (1..=2).contains(&n) {
                part = Some(Part::Half(n as u8));
                j = start + 2;
            }
        }
        let part = part?;
        let mut d = DateValue {
            part: Some(part),
            ..Default::default()
        };
        let of = if t.is(j, "of") || t.is(j, "in") {
            j + 1
        } else {
            j
        };
        if let Some((y, k)) = self.year(of) {
            d.year = Some(y);
            j = k;
        } else if let Some((r, k)) = self.relative_year(of) {
            d.relative_year = Some(r);
            j = k;
        } else if let (Part::Half(_), Some((m, k))) = (part, self.month(of).filter(|_| of > j)) {
            // `the first half of October (2022)`
            d.month = Some(m);
            j = k;
            if let Some((y, k2)) = self.year(k) {
                d.year = Some(y);
                j = k2;
            }
        } else if of > j && t.seq(of, &["the", "year"]).is_some() {
            j = of + 2;
        } else if matches!(part, Part::Half(_)) {
            // `the second half` alone is a half of a match, not of a year.
            return None;
        }
        Some(self.found(i, j, d))
    }

    /// `last year`, `this year`, `next year` (after `of`).
    fn relative_year(&self, i: usize) -> Option<(i8, usize)> {
        let t = self.t;
        let r = match t.word(i)? {
            "last" => -1,
            "this" => 0,
            "next" => 1,
            _ => return None,
        };
        t.is(i + 1, "year").then_some((r, i + 2))
    }

    /// A day written in words after a month: `twenty nine`, `twenty-second`, `first`.
    fn day_words(&self, i: usize) -> Option<(u8, usize)> {
        let t = self.t;
        let unit = |w: &str| {
            small_cardinal(w)
                .map(u32::from)
                .or_else(|| ordinal_word(w).filter(|v| *v < 20))
        };
        let w = t.word(i)?;
        let tens = match w {
            "twenty" => Some(20),
            "thirty" => Some(30),
            _ => None,
        };
        let (v, j) = if let Some(tn) = tens {
            let k = if t.punct(i + 1, "-") && t.glued(i + 1) {
                i + 2
            } else {
                i + 1
            };
            match t.word(k).and_then(unit).filter(|u| *u < 10) {
                Some(u) => (tn + u, k + 1),
                None => (tn, i + 1),
            }
        } else if w == "twentieth" || w == "thirtieth" {
            (if w == "twentieth" { 20 } else { 30 }, i + 1)
        } else {
            let u = unit(w).or(match w {
                "thirteen" => Some(13),
                "fourteen" => Some(14),
                "fifteen" => Some(15),
                "sixteen" => Some(16),
                "seventeen" => Some(17),
                "eighteen" => Some(18),
                "nineteen" => Some(19),
                _ => None,
            })?;
            (u, i + 1)
        };
        (1..=31).contains(&v).then_some((v as u8, j))
    }

    fn numeric_short(&self, i: usize) -> Option<Found> {
        let t = self.t;
        let cue = i > 0
            && t.word(i - 1).is_some_and(|w| {
                matches!(
                    w,
                    "on" | "by" | "until" | "till" | "from" | "to" | "before" | "after" | "since"
                ) || weekday(w).is_some()
            });
        // `Oct/2`
        if let Some((m, j)) = self.month(i)
            && t.punct(j, "/")
            && t.glued(j)
            && let Some((d, k)) = self.day(j + 1)
        {
            let v = DateValue {
                month: Some(m),
                day: Some(d),
                invalid: !is_valid(None, m, d),
                ..Default::default()
            };
            return Some(self.found(i, k, v));
        }
        if !cue {
            return None;
        }
        let a = self.num(i).filter(|_| t[i].s.len() <= 2)?;
        if !((t.punct(i + 1, "/") || t.punct(i + 1, "-") || t.punct(i + 1, "."))
            && t.glued(i + 1)
            && t.glued(i + 2))
        {
            return None;
        }
        let b = self.num(i + 2).filter(|_| t[i + 2].s.len() <= 2)?;
        if t.glued(i + 3)
            && t.get(i + 3)
                .is_some_and(|n| matches!(n.s, "/" | "-" | ".") || n.kind != Tk::Punct)
        {
            return None;
        }
        let (month, day, ambiguous) = month_day(a, b)?;
        let mut d = DateValue {
            month: Some(month),
            day: Some(day),
            ambiguous,
            ..Default::default()
        };
        d.invalid = !is_valid(None, d.month?, d.day?);
        Some(self.found(i, i + 3, d))
    }

    fn numeric(&self, i: usize) -> Option<Found> {
        let t = self.t;
        let sep_at = |k: usize| {
            (t.punct(k, "-") || t.punct(k, "/") || t.punct(k, ".")) && t.glued(k) && t.glued(k + 1)
        };
        let a = self.num(i)?;
        if !(sep_at(i + 1) && sep_at(i + 3)) {
            return None;
        }
        let sep1 = t[i + 1].s;
        if t[i + 3].s != sep1 {
            return None;
        }
        let b = self.num(i + 2)?;
        let c = self.num(i + 4)?;
        let (la, lc) = (t[i].s.len(), t[i + 4].s.len());
        let mut d = DateValue::default();
        if la == 4 {
            // ISO order: year-month-day.
            if !(1..=12).contains(&b) || !(1..=31).contains(&c) {
                return None;
            }
            d.year = Some(a as i32);
            d.month = Some(b as u8);
            d.day = Some(c as u8);
        } else if lc == 4 || lc == 2 {
            let y = if lc == 4 { c as i32 } else { 2000 + c as i32 };
            if sep1 == "." && lc == 2 {
                return None;
            }
            d.year = Some(y);
            let (month, day, ambiguous) = month_day(a, b)?;
            d.month = Some(month);
            d.day = Some(day);
            d.ambiguous = ambiguous;
        } else {
            return None;
        }
        d.invalid = !is_valid(d.year, d.month?, d.day?);
        Some(self.found(i, i + 5, d))
    }

    fn century(&self, i: usize) -> Option<Found> {
        let t = self.t;
        let start = if t.is(i, "the") { i + 1 } else { i };
        let (n, k) = match self.num(start) {
            Some(n)
                if t.glued(start + 1)
                    && matches!(t.word(start + 1), Some("st" | "nd" | "rd" | "th")) =>
            {
                (n, start + 2)
            }
            Some(_) => return None,
            None => (ordinal_word(t.word(start)?)?, start + 1),
        };
        let k = if t.punct(k, "-") && t.glued(k) {
            k + 1
        } else {
            k
        };
        if !(1..=21).contains(&n) || !t.is(k, "century") {
            return None;
        }
        Some(self.found(
            i,
            k + 1,
            DateValue {
                year: Some((n as i32 - 1) * 100),
                part: Some(Part::Century),
                ..Default::default()
            },
        ))
    }

    /// `post-90s`, `post-1990s`, `post-95`: a generation by birth years (`90后`).
    fn cohort(&self, i: usize) -> Option<Found> {
        let t = self.t;
        if !(t.is(i, "post") && t.punct(i + 1, "-") && t.glued(i + 1) && t.glued(i + 2)) {
            return None;
        }
        let k = if t.punct(i + 2, "'") && t.glued(i + 3) {
            i + 3
        } else {
            i + 2
        };
        let n = self.num(k)?;
        let len = t[k].s.len();
        let year = match len {
            2 if n < 30 => 2000 + n,
            2 => 1900 + n,
            4 if (1900..=2099).contains(&n) => n,
            _ => return None,
        } as i32;
        let plural = t.is(k + 1, "s") && t.glued(k + 1);
        let end = if plural { k + 2 } else { k + 1 };
        let decade = year % 10 == 0;
        if year % 5 != 0 {
            return None;
        }
        Some(self.found(
            i,
            end,
            DateValue {
                year: Some(year),
                part: decade.then_some(Part::Decade),
                cohort: true,
                ..Default::default()
            },
        ))
    }

    fn decade(&self, i: usize) -> Option<Found> {
        let t = self.t;
        let start = if t.is(i, "the") { i + 1 } else { i };
        // 1990s
        if let Some(n) = self.num(start)
            && t.is(start + 1, "s")
            && t.glued(start + 1)
        {
            let s = t[start].s;
            if s.len() == 4 && n % 10 == 0 {
                return Some(self.found(
                    i,
                    start + 2,
                    DateValue {
                        year: Some(n as i32),
                        part: Some(Part::Decade),
                        ..Default::default()
                    },
                ));
            }
            if s.len() == 2 && n % 10 == 0 && start > i {
                return Some(self.found(
                    i,
                    start + 2,
                    DateValue {
                        decade_of_century: Some((n / 10) as u8),
                        part: Some(Part::Decade),
                        ..Default::default()
                    },
                ));
            }
        }
        // the '90s
        if start > i
            && t.punct(start, "'")
            && let Some(n) = self.num(start + 1)
            && t[start + 1].s.len() == 2
            && n % 10 == 0
            && t.is(start + 2, "s")
        {
            return Some(self.found(
                i,
                start + 3,
                DateValue {
                    decade_of_century: Some((n / 10) as u8),
                    part: Some(Part::Decade),
                    ..Default::default()
                },
            ));
        }
        // `the nineties`, `a nineties sitcom` (not `in his nineties`, an age).
        {
            let mut k = start;
            if k > 0 && matches!(t.word(k - 1), Some("early" | "mid" | "late")) {
                k -= 1;
            }
            if k > 0
                && matches!(
                    t.word(k - 1),
                    Some("his" | "her" | "their" | "my" | "your" | "our")
                )
            {
                return None;
            }
            let d = match t.word(start)? {
                "twenties" => 2,
                "thirties" => 3,
                "forties" => 4,
                "fifties" => 5,
                "sixties" => 6,
                "seventies" => 7,
                "eighties" => 8,
                "nineties" => 9,
                _ => return None,
            };
            Some(self.found(
                i,
                start + 1,
                DateValue {
                    decade_of_century: Some(d),
                    part: Some(Part::Decade),
                    ..Default::default()
                },
            ))
        }
    }

    /// `7:45 p.m.`, `19:45`, `7 pm`, `noon`, `midnight`, `7 o'clock`.
    fn time(&self, i: usize) -> Option<Found> {
        let t = self.t;
        if t.is(i, "noon") || t.is(i, "midday") {
            return Some(self.found(i, i + 1, time_value(12, 0)));
        }
        if t.is(i, "midnight") {
            return Some(self.found(i, i + 1, time_value(0, 0)));
        }
        // `a quarter past eight`, `half past seven`, `a quarter to nine`
        {
            let (m, k) = if t.seq(i, &["a", "quarter"]).is_some() {
                (15, i + 2)
            } else if t.is(i, "quarter") {
                (15, i + 1)
            } else if t.is(i, "half") {
                (30, i + 1)
            } else {
                (0, i)
            };
            let past = t.is(k, "past");
            if m > 0
                && (past || (m == 15 && t.is(k, "to")))
                && let Some(h) = t
                    .word(k + 1)
                    .and_then(small_cardinal)
                    .map(u32::from)
                    .or_else(|| self.num(k + 1).filter(|h| (1..=12).contains(h)))
            {
                // `a quarter to nine` is 8:45.
                let (h, m) = if past {
                    (h, m)
                } else {
                    (if h == 1 { 12 } else { h - 1 }, 45)
                };
                return Some(self.found(i, k + 2, time_value(h as u8, m)));
            }
        }
        // `six in the morning`, `7 in the evening`
        let hour_word = t.word(i).and_then(small_cardinal).map(u32::from);
        if let Some(h) = hour_word.or_else(|| self.num(i).filter(|h| (1..=12).contains(h)))
            && t.is(i + 1, "in")
            && t.is(i + 2, "the")
        {
            let pm = match t.word(i + 3) {
                Some("morning") => Some(false),
                Some("afternoon" | "evening") => Some(true),
                _ => None,
            };
            if let Some(pm) = pm {
                return Some(self.found(i, i + 4, time_value(clock_hour(h, Some(pm))?, 0)));
            }
        }
        // `7.55am`: British clock times with a point.
        if let Some(tok) = t.get(i).filter(|x| x.kind == Tk::Num && x.s.len() <= 5)
            && let Some((hh, mm)) = tok.s.split_once('.')
            && mm.len() == 2
            && matches!(t.word(i + 1), Some("am" | "pm"))
            && let (Ok(h), Ok(m)) = (hh.parse::<u32>(), mm.parse::<u32>())
            && m < 60
        {
            let hour = clock_hour(h, Some(t.is(i + 1, "pm")))?;
            return Some(self.found(i, i + 2, time_value(hour, m as u8)));
        }
        let h = self.num(i).filter(|h| *h <= 24 && t[i].s.len() <= 2)?;
        let mut j = i + 1;
        let mut m = 0;
        let mut clock = false;
        if t.punct(j, ":") && t.glued(j) && t.glued(j + 1) {
            let mm = self
                .num(j + 1)
                .filter(|m| *m < 60 && t[j + 1].s.len() == 2)?;
            m = mm;
            j += 2;
            clock = true;
        }
        // a.m. / p.m. / am / pm
        let mut pm = None;
        let w = t.word(j);
        if matches!(w, Some("am") | Some("pm")) {
            pm = Some(w == Some("pm"));
            j += 1;
        } else if matches!(w, Some("a") | Some("p")) && t.punct(j + 1, ".") && t.is(j + 2, "m") {
            pm = Some(w == Some("p"));
            j += 3;
            if t.punct(j, ".") && t.glued(j) {
                j += 1;
            }
        } else if t.is(j, "o") && t.punct(j + 1, "'") && t.is(j + 2, "clock") {
            clock = true;
            j += 3;
        }
        if !clock && pm.is_none() {
            return None;
        }
        Some(self.found(i, j, time_value(clock_hour(h, pm)?, m as u8)))
    }
}

/// A 24-hour clock hour from a 12-hour one with a.m./p.m. (or a 24-hour one without).
fn clock_hour(h: u32, pm: Option<bool>) -> Option<u8> {
    let hour = match pm {
        Some(_) if h == 0 || h > 12 => return None,
        Some(true) if h == 12 => 12,
        Some(true) => h + 12,
        Some(false) if h == 12 => 0,
        _ => h,
    };
    (hour <= 23).then_some(hour as u8)
}

fn time_value(h: u8, m: u8) -> DateValue {
    DateValue {
        time: Some((h, m)),
        ..Default::default()
    }
}

/// False for a word no date form of [`P::at`] can start with (most words of a
/// text), and for punctuation, which starts none (`the '90s` starts at `the`):
/// the forms are not tried there. Numbers are always tried. Debug builds check
/// that `at` finds nothing where this says no.
fn may_start(tok: &Tok<'_>) -> bool {
    match tok.kind {
        Tk::Num => return true,
        Tk::Punct => return false,
        Tk::Word => {}
    }
    let w: &str = &tok.low;
    matches!(
        w,
        // Qualifiers, periods, relative dates, quarters and halves.
        "the" | "a" | "early" | "mid" | "late" | "middle" | "end" | "beginning" | "start"
            | "latter" | "last" | "this" | "next" | "q" | "h" | "post"
            // Days in words, decades and times of day.
            | "twenty" | "thirty" | "twenties" | "thirties" | "forties" | "fifties"
            | "sixties" | "seventies" | "eighties" | "nineties"
            | "noon" | "midday" | "midnight" | "quarter" | "half"
    ) || month_name(w).is_some()
        || weekday(w).is_some()
        || small_cardinal(w).is_some()
        || ordinal_word(w).is_some()
}

/// False where `the` or `a`, the commonest words [`may_start`] lets through,
/// cannot start a date form: `the` starts one only before a word or number one
/// can start with, or the apostrophe of `the '90s` (`the end of 2022`, `the 1990s`,
/// `the 2nd of March`); `a` only before `quarter` (`a quarter past eight`).
/// Debug builds check that `at` finds nothing where this says no.
fn article_opens(toks: &[Tok<'_>], i: usize) -> bool {
    let next = toks.get(i + 1);
    match toks[i].low.as_ref() {
        "the" => next.is_some_and(|n| (n.kind != Tk::Punct && may_start(n)) || n.s == "'"),
        "a" => next.is_some_and(|n| n.low == "quarter"),
        _ => true,
    }
}

pub(super) fn find<'t>(f: &Folded<'t>, toks: &[Tok<'_>], used: &mut [bool]) -> Vec<Mention<'t>> {
    let p = P { t: toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !may_start(&toks[i]) || !article_opens(toks, i) {
            debug_assert!(p.at(i).is_empty(), "a date starts at {:?}", toks[i].s);
            i += 1;
            continue;
        }
        let found = p.at(i);
        if found.is_empty() {
            i += 1;
            continue;
        }
        let mut next = i + 1;
        for fd in found {
            if fd.t1 <= fd.t0 {
                continue;
            }
            for u in used.iter_mut().take(fd.t1).skip(fd.t0) {
                *u = true;
            }
            let (c0, c1) = (f.orig(toks[fd.t0].b0), f.orig(toks[fd.t1 - 1].b1));
            let kind = if fd.value.is_period() {
                Kind::DateRange
            } else {
                Kind::Date
            };
            out.push(Mention {
                kind,
                start: c0,
                end: c1,
                text: &f.original[c0..c1],
                strength: fd.value.strength(),
                value: Value::Date(fd.value),
            });
            next = next.max(fd.t1);
        }
        i = next;
    }
    out
}
