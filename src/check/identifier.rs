//! The code check: identifiers that mix letters and digits (`win8.1`, `A320`,
//! `H5N1`, `COVID-19`, `5G`) are copied, not translated, so a code must appear on
//! the other side as written. A code one side writes and the other side writes
//! with the same letters but other digits (`win8.1` as `win8`, `H5N1` as `H1N1`)
//! is a `code-mismatch`. Codes the other side does not write at all are left to
//! the name rules (`entity-unverified`).
//!
//! Each text is scanned once for its codes; codes are paired through
//! [`super::matching::greedy`], bucketed by their letters.

use super::matching::{self, Candidates, key};
use super::{Ctx, rel};
use crate::check::codes::Rule;
use crate::extract::Mention;
use crate::extract::entity::other_mention;
use crate::text::{CharIndex, Folded};
use foldhash::HashSet;

/// One code of a text.
struct Code<'t> {
    /// Byte span in the original text.
    start: usize,
    end: usize,
    text: &'t str,
    /// Lowercased, without `-` and `/`: how codes are compared.
    norm: String,
    /// The letters alone, lowercased: codes with the same letters can pair.
    letters: String,
}

fn part(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// A number with a unit, scale or ordinal suffix (`3km`, `10am`, `5th`, `1990s`,
/// `$40bn`, `13-year-old`) or a lowercase prefix (`mid-2022`, `top-10`,
/// `covid-19` is written `COVID-19`) is not a code; `No.1` neither.
fn is_code(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    if letters == 0 || digits == 0 {
        return false;
    }
    let upper = b.iter().any(u8::is_ascii_uppercase);
    let lower_letters = b
        .iter()
        .filter(|c| c.is_ascii_alphabetic())
        .all(u8::is_ascii_lowercase);
    // Digits first, then lowercase letters only: a number and its unit.
    if b[0].is_ascii_digit() && lower_letters {
        return false;
    }
    // `mid-2022`, `under-21`, `top-10`: a lowercase word joined to a number.
    if !upper && s.contains('-') {
        return false;
    }
    let word: String = s
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    // `No.1`, `no.5`, `Nos.3`, `p.12`, `vol.2`: a label and its number.
    if s[word.len()..].starts_with('.')
        && matches!(word.as_str(), "no" | "nos" | "p" | "pp" | "vol")
    {
        return false;
    }
    true
}

/// The codes of a folded text: maximal runs of ASCII letters and digits, joined
/// by single `.`, `-` or `/` between letters or digits, that hold both.
fn codes<'t>(f: &Folded<'t>) -> Vec<Code<'t>> {
    let text: &str = &f.folded;
    let b = text.as_bytes();
    let mut out = Vec::new();
    // A code holds a digit: the chains are found from the digits (a chain is a
    // maximal sequence of runs joined by single separators, whichever end one
    // starts reading from), not by trying every run of the text.
    let sep = |c: u8| matches!(c, b'.' | b'-' | b'/');
    let mut from = 0;
    loop {
        let mut i = crate::text::find_byte(b, from, |c| c.is_ascii_digit());
        if i >= b.len() {
            break;
        }
        loop {
            while i > 0 && part(b[i - 1]) {
                i -= 1;
            }
            if i >= 2 && sep(b[i - 1]) && part(b[i - 2]) {
                i -= 1;
            } else {
                break;
            }
        }
        let mut e = i;
        loop {
            while e < b.len() && part(b[e]) {
                e += 1;
            }
            if e + 1 < b.len() && sep(b[e]) && part(b[e + 1]) {
                e += 1;
            } else {
                break;
            }
        }
        let s = &text[i..e];
        if is_code(s) {
            let (os, oe) = f.span(i, e);
            out.push(Code {
                start: os,
                end: oe,
                text: &f.original[os..oe],
                norm: s
                    .chars()
                    .filter(|c| !matches!(c, '-' | '/'))
                    .map(|c| c.to_ascii_lowercase())
                    .collect(),
                letters: s
                    .chars()
                    .filter(char::is_ascii_alphabetic)
                    .map(|c| c.to_ascii_lowercase())
                    .collect(),
            });
        }
        from = e.max(i + 1);
    }
    out
}

/// The codes of one side that the other side does not write, first occurrence of
/// each, with their relative positions.
fn unmatched<'c, 't>(
    codes: &'c [Code<'t>],
    other: &HashSet<&str>,
    text: &str,
    chars: &CharIndex,
) -> (Vec<&'c Code<'t>>, Vec<i64>) {
    let mut seen: HashSet<&str> = HashSet::default();
    let len = chars.len_chars();
    let mut left = Vec::new();
    let mut pos = Vec::new();
    for c in codes {
        if other.contains(c.norm.as_str()) || !seen.insert(c.norm.as_str()) {
            continue;
        }
        left.push(c);
        pos.push(rel(chars.char_of(text, c.start), len));
    }
    (left, pos)
}

struct SameLetters<'a, 'c, 't> {
    src: &'a [&'c Code<'t>],
    tgt: &'a [&'c Code<'t>],
    src_pos: &'a [i64],
    tgt_pos: &'a [i64],
}

fn letters_key(c: &Code) -> u64 {
    key(12, 0, crate::finding::fnv1a(&[&c.letters]))
}

impl Candidates for SameLetters<'_, '_, '_> {
    fn left_pos(&self, i: usize) -> i64 {
        self.src_pos[i]
    }
    fn right_pos(&self, j: usize) -> i64 {
        self.tgt_pos[j]
    }
    fn right_keys(&self, j: usize, keys: &mut Vec<u64>) {
        keys.push(letters_key(self.tgt[j]));
    }
    fn left_queries(&self, i: usize, q: &mut Vec<(u64, i64)>) {
        q.push((letters_key(self.src[i]), 0));
    }
    fn cost(&self, i: usize, j: usize) -> Option<i64> {
        (self.src[i].letters == self.tgt[j].letters)
            .then(|| (self.src_pos[i] - self.tgt_pos[j]).abs())
    }
}

/// Reports codes of the pair written with the same letters and other digits, and
/// returns the byte spans of the codes it paired, source and target.
pub(super) fn check(
    ctx: &mut Ctx<'_>,
    src: (&Folded<'_>, &CharIndex, &[Mention]),
    tgt: (&Folded<'_>, &CharIndex, &[Mention]),
) -> [Vec<(usize, usize)>; 2] {
    // Codes inside a name recognised surely are the name's.
    fn outside_names<'t>(mut cs: Vec<Code<'t>>, names: &[Mention]) -> Vec<Code<'t>> {
        if !names.is_empty() {
            // `names` is sorted by start and free of overlaps.
            cs.retain(|c| {
                let k = names.partition_point(|n| n.end <= c.start);
                !names.get(k).is_some_and(|n| {
                    n.strength == crate::extract::Strength::Strong
                        && n.start <= c.start
                        && c.end <= n.end
                })
            });
        }
        cs
    }
    let sc = outside_names(codes(src.0), src.2);
    let tc = outside_names(codes(tgt.0), tgt.2);
    let mut spans: [Vec<(usize, usize)>; 2] = Default::default();
    if sc.is_empty() || tc.is_empty() {
        return spans;
    }
    let s_ref: HashSet<&str> = sc.iter().map(|c| c.norm.as_str()).collect();
    let t_ref: HashSet<&str> = tc.iter().map(|c| c.norm.as_str()).collect();
    let (s_left, s_pos) = unmatched(&sc, &t_ref, src.0.original, src.1);
    let (t_left, t_pos) = unmatched(&tc, &s_ref, tgt.0.original, tgt.1);
    let ids_s: Vec<usize> = (0..s_left.len()).collect();
    let ids_t: Vec<usize> = (0..t_left.len()).collect();
    let pairs = matching::greedy(
        &ids_s,
        &ids_t,
        &SameLetters {
            src: &s_left,
            tgt: &t_left,
            src_pos: &s_pos,
            tgt_pos: &t_pos,
        },
    );
    fn mention<'t>(c: &Code<'t>) -> Mention<'t> {
        other_mention(format!("code:{}", c.text), c.start, c.end, c.text, "code")
    }
    let mut pairs = pairs;
    pairs.sort_by_key(|&(i, _)| s_left[i].start);
    for (i, j) in pairs {
        spans[0].push((s_left[i].start, s_left[i].end));
        spans[1].push((t_left[j].start, t_left[j].end));
        let (a, b) = (mention(s_left[i]), mention(t_left[j]));
        ctx.emit(
            Rule::CodeMismatch,
            format!(
                "source code \"{}\" ≠ target \"{}\": the letters are the same, the digits not",
                a.text, b.text
            ),
            Some(&a),
            Some(&b),
        );
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let f = Folded::new(text);
        codes(&f).iter().map(|c| c.text.to_string()).collect()
    }

    #[test]
    fn codes_mix_letters_and_digits() {
        assert_eq!(
            found("自带的win8.1不太好用, H5N1 and COVID-19, 5G, A320neo."),
            ["win8.1", "H5N1", "COVID-19", "5G", "A320neo"]
        );
        assert!(
            found("3km, 10am, 5th, the 1990s, $40bn, mid-2022, a 13-year-old, No.1").is_empty()
        );
        assert!(found("ISO 9001 and 2022年").is_empty());
    }
}

#[cfg(test)]
mod scan {
    use super::*;
    use proptest::prelude::*;

    /// The codes as the first scanner found them: every run of the text tried as
    /// the start of a chain. The scanner from the digits must find the same.
    fn reference(text: &str) -> Vec<(usize, usize)> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if !part(b[i]) || (i > 0 && part(b[i - 1])) {
                i += 1;
                continue;
            }
            let mut e = i;
            loop {
                while e < b.len() && part(b[e]) {
                    e += 1;
                }
                if e + 1 < b.len() && matches!(b[e], b'.' | b'-' | b'/') && part(b[e + 1]) {
                    e += 1;
                } else {
                    break;
                }
            }
            if is_code(&text[i..e]) {
                out.push((i, e));
            }
            i = e.max(i + 1);
        }
        out
    }

    proptest! {
        #[test]
        fn digits_find_every_chain(text in "[aZ09.\\-/ 中]{0,40}") {
            let f = Folded::new(&text);
            let found: Vec<(usize, usize)> = codes(&f).iter().map(|c| (c.start, c.end)).collect();
            prop_assert_eq!(found, reference(&text));
        }
    }
}
