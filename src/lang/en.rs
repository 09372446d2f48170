//! English: numbers (digits, number words, scale words, fractions, percentages,
//! ordinals, money, approximations, ranges) and dates.

mod dates;
pub(crate) mod names;
mod numbers;

use super::Language;
use crate::extract::Mention;
use crate::gazetteer::Gazetteer;
use crate::text::{Folded, ScriptCounts};
use regex::Regex;
use std::sync::LazyLock;

/// English.
#[derive(Debug)]
pub struct English;

impl Language for English {
    fn code(&self) -> &'static str {
        "en"
    }

    fn name(&self) -> &'static str {
        "English"
    }

    fn script_fit(&self, c: &ScriptCounts) -> f64 {
        let total = c.total() as f64;
        let latin = c.latin as f64 / total;
        if latin >= 0.6 { latin } else { 0.0 }
    }

    fn extract_quantities<'t>(&self, text: &Folded<'t>) -> Vec<Mention<'t>> {
        let toks = tokenize(text);
        let mut used = vec![false; toks.len()];
        let mut out = dates::find(text, &toks, &mut used);
        out.extend(numbers::find(text, &toks, &mut used));
        out
    }

    fn joins_list(&self, between: &str) -> bool {
        let b = between.trim().trim_start_matches(',').trim();
        matches!(
            b.to_ascii_lowercase().as_str(),
            "" | "and" | "or" | "&" | "to" | "through" | "until" | "-" | "–" | "—"
        )
    }

    fn extract_names<'t>(&self, text: &Folded<'t>, gazetteer: &Gazetteer) -> Vec<Mention<'t>> {
        names::find(text, gazetteer)
    }

    fn is_name_char(&self, c: char) -> bool {
        crate::text::is_word_char(c)
    }

    fn name_inside(&self, inner: &str, outer: &str) -> bool {
        let words = inner.split([' ', '-']).count();
        let inner = inner.replace('-', " ");
        outer.len() > inner.len()
            && outer
                .split([' ', '-'])
                .collect::<Vec<_>>()
                .windows(words)
                .any(|w| w.join(" ") == inner)
    }

    fn name_index<'a>(&self, text: &'a str, _free: &[bool]) -> Box<dyn super::NameIndex + 'a> {
        Box::new(names::Index::new(text))
    }

    fn loose_index<'a>(&self, masked: &'a str) -> Box<dyn super::LooseIndex + 'a> {
        Box::new(names::Loose::new(masked))
    }

    fn romanize(&self, text: &str) -> Vec<String> {
        vec![
            text.chars()
                .filter(char::is_ascii_alphabetic)
                .map(|c| c.to_ascii_lowercase())
                .collect(),
        ]
    }
}

/// Token classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tk {
    /// Digits with optional `,`/`.`/no-break-space groups: `1,750`, `9.5`.
    Num,
    /// Letters: `million`, `January`, `U`.
    Word,
    /// Any other single non-space character.
    Punct,
}

/// One token of the folded text.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub kind: Tk,
    /// Folded text of the token.
    pub s: &'a str,
    /// Lowercased text (words only; otherwise same as `s`).
    pub low: String,
    /// Folded byte range.
    pub b0: usize,
    pub b1: usize,
    /// Byte range in the original text.
    pub o0: usize,
    pub o1: usize,
    /// Whitespace precedes the token.
    pub space_before: bool,
    /// The token starts a line (only whitespace since the last newline or the start).
    pub line_start: bool,
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    // Digit groups join only as thousands (`1,750`, `1 000` with a no-break
    // space, `3,000m` before a unit), so `1,2,3` stays three numbers (a group
    // followed by a fourth digit is not one: see `tokenize`); dotted runs
    // (`192.168.1.2`) stay one token and are read as a code.
    Regex::new(
        r"[0-9]{1,3}(?:[,\u{00A0}][0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)*|[A-Za-z\u{C0}-\u{24F}]+|\S",
    ).expect("token regex")
});

static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9]+").expect("digits regex"));

pub(crate) fn tokenize<'a>(f: &'a Folded<'_>) -> Vec<Tok<'a>> {
    let text: &str = &f.folded;
    let mut out = Vec::new();
    let mut prev_end = 0;
    let mut pos = 0;
    while let Some(mut m) = TOKEN.find_at(text, pos) {
        // `1,2345` is not a thousands group: take the leading digits alone.
        if m.as_str().contains([',', '\u{a0}'])
            && text[m.end()..].starts_with(|c: char| c.is_ascii_digit())
            && let Some(d) = DIGITS.find_at(text, m.start())
        {
            m = d;
        }
        pos = m.end();
        let s = m.as_str();
        let first = s.chars().next().unwrap_or(' ');
        let kind = if first.is_ascii_digit() {
            Tk::Num
        } else if first.is_alphabetic() {
            Tk::Word
        } else {
            Tk::Punct
        };
        let gap = &text[prev_end..m.start()];
        let space_before = !gap.is_empty() || m.start() == 0;
        let line_start = out.is_empty() || gap.contains('\n');
        out.push(Tok {
            kind,
            s,
            low: if kind == Tk::Word {
                s.to_lowercase()
            } else {
                s.to_string()
            },
            b0: m.start(),
            b1: m.end(),
            o0: f.orig(m.start()),
            o1: f.orig(m.end()),
            space_before,
            line_start,
        });
        prev_end = m.end();
    }
    out
}

/// Helpers over a token slice.
pub(crate) trait Toks {
    fn word(&self, i: usize) -> Option<&str>;
    fn is(&self, i: usize, w: &str) -> bool;
    fn punct(&self, i: usize, p: &str) -> bool;
    fn glued(&self, i: usize) -> bool;
    /// Matches a sequence of lowercased words/punctuation starting at `i`;
    /// returns the index after it.
    fn seq(&self, i: usize, words: &[&str]) -> Option<usize>;
}

impl Toks for [Tok<'_>] {
    fn word(&self, i: usize) -> Option<&str> {
        self.get(i)
            .filter(|t| t.kind == Tk::Word)
            .map(|t| t.low.as_str())
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.get(i).is_some_and(|t| t.low == w)
    }

    fn punct(&self, i: usize, p: &str) -> bool {
        self.get(i).is_some_and(|t| t.kind == Tk::Punct && t.s == p)
    }

    /// Token `i` follows token `i - 1` without whitespace.
    fn glued(&self, i: usize) -> bool {
        i > 0 && self.get(i).is_some_and(|t| !t.space_before)
    }

    fn seq(&self, i: usize, words: &[&str]) -> Option<usize> {
        let mut j = i;
        for w in words {
            if !self.is(j, w) {
                return None;
            }
            j += 1;
        }
        Some(j)
    }
}

#[cfg(test)]
mod tests;
