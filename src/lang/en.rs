//! English: numbers (digits, number words, scale words, fractions, percentages,
//! ordinals, money, approximations, ranges) and dates.

mod dates;
pub(crate) mod names;
mod numbers;

use super::Language;
use crate::extract::Mention;
use crate::gazetteer::Gazetteer;
use crate::text::{Folded, ScriptCounts};
#[cfg(test)]
use regex::Regex;
use std::borrow::Cow;
#[cfg(test)]
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
        let lower = lowercase_in_place(&text.folded);
        let toks = tokenize(text, &lower);
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
    /// Lowercased text (words only; otherwise same as `s`): borrowed from the
    /// lowercased text, owned only where lowercasing changes a character's length.
    pub low: Cow<'a, str>,
    /// Folded byte range (the original text's is `Folded::orig` of its ends,
    /// computed only for the tokens that start and end a mention).
    pub b0: usize,
    pub b1: usize,
    /// Whitespace precedes the token.
    pub space_before: bool,
    /// The token starts a line (only whitespace since the last newline or the start).
    pub line_start: bool,
}

/// The text with every character lowercased where that keeps its length (all of
/// ASCII, nearly all Latin letters): byte offsets stay those of the text.
pub(crate) fn lowercase_in_place(text: &str) -> String {
    // ASCII letters in one vectorised pass; then each character outside ASCII
    // whose lowercase is one character of the same length is written over it.
    // A string throughout (a character replaced by one of the same length keeps
    // it one), so it is never validated again.
    let mut out = text.to_owned();
    out.make_ascii_lowercase();
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|c| !c.is_ascii()) {
        i += k;
        let c = text[i..]
            .chars()
            .next()
            .expect("a character at a lead byte");
        let n = c.len_utf8();
        let mut low = c.to_lowercase();
        if let (Some(l), None) = (low.next(), low.next())
            && l.len_utf8() == n
            && l != c
        {
            out.replace_range(i..i + n, l.encode_utf8(&mut [0; 4]));
        }
        i += n;
    }
    out
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c)
}

/// The end of the token starting at `p` (a non-whitespace character), by the
/// rules of the pattern
/// `[0-9]{1,3}(?:[,\u{A0}][0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)*|[A-Za-z\u{C0}-\u{24F}]+|\S`:
/// thousands groups (`1,750`, `1 000` with a no-break space, `3,000m` before a
/// unit), digits with dotted parts (`192.168.1.2`, read later as a code), a
/// run of Latin letters, or one other character.
fn token_end(text: &str, p: usize) -> usize {
    let b = text.as_bytes();
    let digits = |from: usize| {
        let mut e = from;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
        e
    };
    // A `.` and at least one digit, as often as they come.
    let dotted = |mut e: usize, repeat: bool| {
        while e + 1 < b.len() && b[e] == b'.' && b[e + 1].is_ascii_digit() {
            e = digits(e + 1);
            if !repeat {
                break;
            }
        }
        e
    };
    if b[p].is_ascii_digit() {
        let run = digits(p);
        // A separator: `,` or a no-break space (U+00A0, bytes C2 A0).
        let sep = |at: usize| -> Option<usize> {
            match b.get(at) {
                Some(b',') => Some(at + 1),
                Some(0xC2) if b.get(at + 1) == Some(&0xA0) => Some(at + 2),
                _ => None,
            }
        };
        if run - p <= 3 {
            let mut e = run;
            let mut groups = 0;
            while let Some(g) = sep(e) {
                if digits(g) >= g + 3 && b[g..g + 3].iter().all(u8::is_ascii_digit) {
                    e = g + 3;
                    groups += 1;
                } else {
                    break;
                }
            }
            if groups > 0 {
                return dotted(e, false);
            }
        }
        return dotted(run, true);
    }
    // A Latin letter is an ASCII one or U+00C0–U+024F, whose lead bytes are
    // C3–C9: the run is read byte by byte, a character decoded only there.
    let latin_at = |i: usize| -> usize {
        match b.get(i) {
            Some(c) if c.is_ascii_alphabetic() => 1,
            Some(0xC3..=0xC9) => text[i..]
                .chars()
                .next()
                .filter(|&c| is_latin_letter(c))
                .map_or(0, char::len_utf8),
            _ => 0,
        }
    };
    let mut e = p;
    loop {
        match latin_at(e) {
            0 => break,
            n => e += n,
        }
    }
    if e > p {
        return e;
    }
    p + text[p..].chars().next().map_or(1, char::len_utf8)
}

/// The tokens of a folded text; `lower` is [`lowercase_in_place`] of it.
pub(crate) fn tokenize<'a>(f: &'a Folded<'_>, lower: &'a str) -> Vec<Tok<'a>> {
    let text: &str = &f.folded;
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut prev_end = 0;
    let mut pos = 0;
    while pos < text.len() {
        // Skip whitespace (ASCII quickly, the rest by character).
        let c = bytes[pos];
        if c.is_ascii() {
            if c.is_ascii_whitespace() || c == 0x0B {
                pos += 1;
                continue;
            }
        } else {
            let ch = text[pos..].chars().next().expect("a character");
            if ch.is_whitespace() {
                pos += ch.len_utf8();
                continue;
            }
        }
        let mut start = pos;
        let mut end = token_end(text, start);
        // `1,2345` is not a thousands group: take the leading digits alone. (A
        // comma right before digits gives way to them: `a,5` reads `a`, `5`.)
        let s = &text[start..end];
        if bytes.get(end).is_some_and(u8::is_ascii_digit) && s.contains([',', '\u{a0}']) {
            if s.as_bytes()[0].is_ascii_digit() {
                end = start + s.bytes().take_while(u8::is_ascii_digit).count();
            } else {
                start = end;
                end += bytes[end..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
            }
        }
        pos = end;
        let s = &text[start..end];
        let first = s.chars().next().unwrap_or(' ');
        let kind = if first.is_ascii_digit() {
            Tk::Num
        } else if crate::text::is_alphabetic(first) {
            Tk::Word
        } else {
            Tk::Punct
        };
        let gap = &text[prev_end..start];
        let space_before = !gap.is_empty() || start == 0;
        let line_start = out.is_empty() || gap.contains('\n');
        let low = if kind != Tk::Word {
            Cow::Borrowed(s)
        } else if s.is_ascii() {
            Cow::Borrowed(&lower[start..end])
        } else {
            let l = s.to_lowercase();
            if l == lower[start..end] {
                Cow::Borrowed(&lower[start..end])
            } else {
                Cow::Owned(l)
            }
        };
        out.push(Tok {
            kind,
            s,
            low,
            b0: start,
            b1: end,
            space_before,
            line_start,
        });
        prev_end = end;
    }
    out
}

/// The tokenizer as one regular expression, the reference the hand-written one
/// is tested against.
#[cfg(test)]
pub(crate) fn tokenize_reference(text: &str) -> Vec<(usize, usize)> {
    static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"[0-9]{1,3}(?:[,\u{00A0}][0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)*|[A-Za-z\u{C0}-\u{24F}]+|\S",
        )
        .expect("token regex")
    });
    static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9]+").expect("digits regex"));
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(mut m) = TOKEN.find_at(text, pos) {
        if m.as_str().contains([',', '\u{a0}'])
            && text[m.end()..].starts_with(|c: char| c.is_ascii_digit())
            && let Some(d) = DIGITS.find_at(text, m.start())
        {
            m = d;
        }
        pos = m.end();
        out.push((m.start(), m.end()));
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
        self.get(i).filter(|t| t.kind == Tk::Word).map(|t| &*t.low)
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

#[cfg(test)]
mod tokenizer_tests {
    use super::*;
    use proptest::prelude::*;

    fn spans(text: &str) -> Vec<(usize, usize)> {
        let f = Folded::new(text);
        let lower = lowercase_in_place(&f.folded);
        tokenize(&f, &lower).iter().map(|t| (t.b0, t.b1)).collect()
    }

    #[test]
    fn hand_tokenizer_is_the_pattern() {
        for text in [
            "1,750 and 1\u{a0}000 t, 1,2345 or 1,23; 3,000m, 192.168.1.2 and 9.5%.",
            "a,5 ×÷ Ça va; İstanbul, 12.3.4.x 1,234.56.7 ,,5 \u{b}x\u{85}y 中文 5",
            "",
            "   ",
        ] {
            let f = Folded::new(text);
            assert_eq!(spans(text), tokenize_reference(&f.folded), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn hand_tokenizer_is_the_pattern_on_random_text(
            parts in prop::collection::vec(prop::sample::select(vec![
                "1", "23", "456", "7890", ",", ".", "\u{a0}", " ", "\n", "a", "Ab", "É", "ÿ",
                "×", "İ", "Ⱥ", "ɏ", "ɐ", "¿", "中", "\u{3000}", "\u{b}", "%", "-", "$", "１", "，",
            ]), 0..40)
        ) {
            let text: String = parts.concat();
            let f = Folded::new(&text);
            prop_assert_eq!(spans(&text), tokenize_reference(&f.folded));
            let lower = lowercase_in_place(&f.folded);
            for t in tokenize(&f, &lower) {
                if t.kind == Tk::Word {
                    prop_assert_eq!(t.low.as_ref(), t.s.to_lowercase());
                }
            }
        }

        #[test]
        fn lowercase_keeps_every_length(text in "[aZ É ÿİẞΣ中\u{a0}1]{0,30}") {
            // Character by character: a character whose lowercase is one character
            // of the same length is lowered, any other is kept.
            let reference: String = text
                .chars()
                .map(|c| {
                    let mut low = c.to_lowercase();
                    match (low.next(), low.next()) {
                        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                        _ => c,
                    }
                })
                .collect();
            prop_assert_eq!(lowercase_in_place(&text), reference);
        }
    }
}
