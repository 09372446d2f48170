//! Text helpers shared by the extractors and the checks: a character-preserving
//! fold, and indexes from byte offsets to characters and lines.
//!
//! Spans inside paracheck are byte ranges into the text as given. Extractors run
//! their patterns on a *folded* copy of the text in which every character maps to
//! exactly one character (full-width digits and letters become ASCII, typographic
//! minus signs become `-`, and so on); [`Folded`] maps folded byte offsets back to
//! the original. Character offsets, which reports show, are computed at the edge
//! with a [`CharIndex`], never by counting from the start of a text per mention.

use std::borrow::Cow;

/// A text prepared for extraction.
#[derive(Debug, Clone)]
pub struct Folded<'a> {
    /// The text as given.
    pub original: &'a str,
    /// The folded text: the same characters as `original`, one for one. Borrowed
    /// when folding changes nothing (most English text).
    pub folded: Cow<'a, str>,
    /// Where byte offsets of the two texts start to differ by a new amount:
    /// `(folded byte, original byte)` at the end of every character whose folded
    /// form has another length. Empty when the lengths agree everywhere.
    shifts: Vec<(u32, u32)>,
}

/// The characters of `s` from byte `from` on that may fold, with their byte
/// offsets: every character outside ASCII and outside the common Han block
/// (neither folds; a test checks the Han block). ASCII runs are passed over with
/// [`find_byte`], Han characters by their bytes ([`common_han_at`]).
fn may_fold(s: &str, from: usize) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = s.as_bytes();
    let mut i = from;
    std::iter::from_fn(move || {
        loop {
            if i >= b.len() {
                return None;
            }
            if b[i] < 0x80 {
                i = find_byte(b, i, |c| c >= 0x80);
                continue;
            }
            if common_han_at(b, i) {
                i += 3;
                continue;
            }
            let (c, n) = char_at(s, i);
            let at = i;
            i += n;
            return Some((at, c));
        }
    })
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str) -> Self {
        // Most texts hold nothing to fold: ASCII, or Han text without full-width
        // forms. Find the first character that folds; none means borrow.
        let first = may_fold(original, 0).find(|&(_, c)| fold_char(c) != c || c == '\u{FF0C}');
        let Some((at, _)) = first else {
            return Folded {
                original,
                folded: Cow::Borrowed(original),
                shifts: Vec::new(),
            };
        };
        // From there, runs of characters that stay as they are are copied whole;
        // only a character that folds is written on its own.
        let mut folded = String::with_capacity(original.len());
        let mut shifts = Vec::new();
        let mut run = 0;
        for (i, c) in may_fold(original, at) {
            // A full-width comma between digits groups thousands: １，７５０.
            let f = if c == '\u{FF0C}' {
                let next_digit = original[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|n| fold_char(n).is_ascii_digit());
                // The character before, as folded: the last one written out once
                // the run is copied (an ASCII digit byte is a whole character).
                let prev_digit = original.as_bytes()[run..i]
                    .last()
                    .or(folded.as_bytes().last())
                    .is_some_and(u8::is_ascii_digit);
                if prev_digit && next_digit { ',' } else { c }
            } else {
                fold_char(c)
            };
            if f == c {
                continue;
            }
            folded.push_str(&original[run..i]);
            folded.push(f);
            run = i + c.len_utf8();
            if f.len_utf8() != c.len_utf8() {
                shifts.push((folded.len() as u32, run as u32));
            }
        }
        folded.push_str(&original[run..]);
        let folded = if shifts.is_empty() && folded == original {
            Cow::Borrowed(original)
        } else {
            Cow::Owned(folded)
        };
        Folded {
            original,
            folded,
            shifts,
        }
    }

    /// The original byte offset of a byte offset in the folded text (a character
    /// boundary).
    pub fn orig(&self, folded_byte: usize) -> usize {
        if self.shifts.is_empty() {
            return folded_byte;
        }
        let k = self
            .shifts
            .partition_point(|&(f, _)| f as usize <= folded_byte);
        match k.checked_sub(1) {
            Some(k) => {
                let (f, o) = self.shifts[k];
                o as usize + (folded_byte - f as usize)
            }
            None => folded_byte,
        }
    }

    /// The folded byte offset of a byte offset in the original text (a character
    /// boundary): the inverse of [`Folded::orig`].
    pub fn fold_pos(&self, original_byte: usize) -> usize {
        if self.shifts.is_empty() {
            return original_byte;
        }
        let k = self
            .shifts
            .partition_point(|&(_, o)| o as usize <= original_byte);
        match k.checked_sub(1) {
            Some(k) => {
                let (f, o) = self.shifts[k];
                f as usize + (original_byte - o as usize)
            }
            None => original_byte,
        }
    }

    /// The folded text between two original byte offsets.
    pub fn folded_between(&self, start: usize, end: usize) -> &str {
        let (s, e) = (self.fold_pos(start), self.fold_pos(end.max(start)));
        &self.folded[s..e]
    }

    /// The original byte range of the folded byte range `[start, end)`.
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        (self.orig(start), self.orig(end.max(start)))
    }

    /// The original text of the folded byte range `[start, end)`.
    pub fn original_slice(&self, start: usize, end: usize) -> &'a str {
        let (s, e) = self.span(start, end);
        &self.original[s..e]
    }
}

/// Character offsets of byte offsets in one text, in constant time after one pass.
///
/// For ASCII text a byte is a character; otherwise the index keeps the character
/// count before every block of 64 bytes and counts within the block.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Characters before each 64-byte block; empty for ASCII text.
    blocks: Vec<u32>,
    len_chars: usize,
}

const BLOCK: usize = 64;

impl CharIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                blocks: Vec::new(),
                len_chars: text.len(),
            };
        }
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut n = 0u32;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(n);
            n += chunk.iter().filter(|&&b| (b as i8) >= -0x40).count() as u32;
        }
        CharIndex {
            blocks,
            len_chars: n as usize,
        }
    }

    /// Number of characters of the text.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// The character offset of byte offset `byte` of `text` (the text the index
    /// was built from; `byte` a character boundary or the end).
    pub fn char_of(&self, text: &str, byte: usize) -> usize {
        if self.blocks.is_empty() {
            return byte;
        }
        let b = byte.min(text.len());
        let k = b / BLOCK;
        let Some(&before) = self.blocks.get(k) else {
            return self.len_chars;
        };
        before as usize
            + text.as_bytes()[k * BLOCK..b]
                .iter()
                .filter(|&&x| (x as i8) >= -0x40)
                .count()
    }
}

/// Line starts of one text, for turning offsets into lines and columns (as ruff's
/// `LineIndex` does): found once with memchr.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of every line after the first.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        LineIndex {
            starts: memchr::memchr_iter(b'\n', text.as_bytes())
                .map(|i| i + 1)
                .collect(),
        }
    }

    /// 0-based line of a byte offset, and the byte offset its line starts at.
    pub fn line_of(&self, byte: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= byte);
        let start = if line == 0 { 0 } else { self.starts[line - 1] };
        (line, start)
    }
}

/// Folds one character to the form the extractors' patterns expect.
pub fn fold_char(c: char) -> char {
    // Most characters (ASCII, Latin letters, Han, kana) fold to themselves: the
    // ranges below hold no character `fold_by_table` changes (the test
    // `unchanged_ranges_fold_to_themselves` checks every one).
    if folds_to_itself(c) {
        return c;
    }
    fold_by_table(c)
}

/// Code points below U+02BC and from U+3001 to U+FF03, outside every range
/// [`fold_by_table`] changes.
fn folds_to_itself(c: char) -> bool {
    let x = c as u32;
    x < 0x2BC || (0x3001..=0xFF03).contains(&x)
}

fn fold_by_table(c: char) -> char {
    match c {
        // Full-width digits and Latin letters.
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '\u{FF05}' => '%',
        '\u{FF0B}' => '+',
        '\u{FF0D}' | '\u{2212}' | '\u{2010}' | '\u{2011}' => '-',
        '\u{FF0E}' => '.',
        '\u{FF0F}' => '/',
        '\u{FF1A}' => ':',
        '\u{FF04}' => '$',
        '\u{FFE5}' => '¥',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        // Narrow no-break, thin and figure spaces used as digit group separators.
        '\u{202F}' | '\u{2009}' | '\u{2007}' => '\u{00A0}',
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The text with full-width digits folded to ASCII (other characters unchanged).
pub fn fold_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            if ('\u{FF10}'..='\u{FF19}').contains(&c) {
                fold_char(c)
            } else {
                c
            }
        })
        .collect()
}

/// Character count of a string.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// The character starting at byte `i` of `text` (a character boundary) and its
/// length in bytes; three-byte characters (all of CJK) are decoded inline.
#[inline]
pub fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes();
    let x = b[i];
    if x < 0x80 {
        return (x as char, 1);
    }
    if (0xE0..0xF0).contains(&x) && i + 2 < b.len() {
        let v = (u32::from(x & 0x0F) << 12)
            | (u32::from(b[i + 1] & 0x3F) << 6)
            | u32::from(b[i + 2] & 0x3F);
        if let Some(c) = char::from_u32(v) {
            return (c, 3);
        }
    }
    let c = text[i..].chars().next().expect("a character at a boundary");
    (c, c.len_utf8())
}

/// True for CJK unified ideographs (the Han script).
pub fn is_han(c: char) -> bool {
    // Everything below U+3007 is outside the ranges (most calls on Latin text).
    (c as u32) >= 0x3007
        && matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF
        | 0xF900..=0xFAFF | 0x3007)
}

/// True for a letter or digit of an alphabetic script: what joins a Latin word.
/// Han characters and kana next to a Latin name do not (`丨Beijing`).
pub fn is_word_char(c: char) -> bool {
    // ASCII first (most calls), then the cheap ranges before the Unicode tables.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_han(c) && !is_kana(c) && is_alphanumeric(c)
}

/// Spaces and punctuation common in English and Chinese text (General
/// Punctuation, CJK Symbols and Punctuation, full-width punctuation): none is a
/// letter or a digit (the test `common_punctuation_is_no_letter_or_digit`
/// checks every one), so the Unicode tables need not be asked.
fn is_common_punctuation(c: char) -> bool {
    matches!(c as u32,
        0x2000..=0x206F | 0x3000..=0x3004 | 0x3008..=0x3020 | 0xFF01..=0xFF0F
        | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// `c.is_alphanumeric()`, common punctuation answered first.
pub fn is_alphanumeric(c: char) -> bool {
    !is_common_punctuation(c) && c.is_alphanumeric()
}

/// `c.is_alphabetic()`, common punctuation answered first.
pub fn is_alphabetic(c: char) -> bool {
    !is_common_punctuation(c) && c.is_alphabetic()
}

/// True for kana (Japanese), used to tell Japanese from Chinese.
pub fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// Counts of letters by script in a text, for language detection.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ScriptCounts {
    pub han: usize,
    pub kana: usize,
    pub hangul: usize,
    pub latin: usize,
    pub cyrillic: usize,
    pub other_letters: usize,
}

impl ScriptCounts {
    pub fn of(text: &str) -> Self {
        let mut s = ScriptCounts::default();
        s.add(text);
        s
    }

    pub fn add(&mut self, text: &str) {
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i].is_ascii() {
                // A run of ASCII, most of an English text, counted without decoding:
                // 16 bytes at a time while a block is all ASCII (a test and a count
                // the compiler vectorises), then byte by byte to the run's end.
                while let Some(block) = b.get(i..i + 16)
                    && block.is_ascii()
                {
                    self.latin += block.iter().filter(|x| x.is_ascii_alphabetic()).count();
                    i += 16;
                }
                while i < b.len() && b[i].is_ascii() {
                    self.latin += usize::from(b[i].is_ascii_alphabetic());
                    i += 1;
                }
                continue;
            }
            // The common Han block first (most of a Chinese text), from its bytes.
            if common_han_at(b, i) {
                self.han += 1;
                i += 3;
                continue;
            }
            let (c, n) = char_at(text, i);
            i += n;
            if is_han(c) {
                self.han += 1;
            } else if is_kana(c) {
                self.kana += 1;
            } else if ('\u{C0}'..='\u{24F}').contains(&c) {
                self.latin += 1;
            } else if ('\u{400}'..='\u{4FF}').contains(&c) {
                self.cyrillic += 1;
            } else if ('\u{AC00}'..='\u{D7AF}').contains(&c)
                || ('\u{1100}'..='\u{11FF}').contains(&c)
            {
                self.hangul += 1;
            } else if is_alphabetic(c) {
                self.other_letters += 1;
            }
        }
    }

    pub fn total(&self) -> usize {
        self.han + self.kana + self.hangul + self.latin + self.cyrillic + self.other_letters
    }
}

/// True when the character at byte `i` of a string's bytes `b` (a character
/// boundary) is in the common Han block, U+4E00 to U+9FFF: lead byte E5 to E9,
/// or E4 before a byte of B8 or more. Read from the bytes, without decoding.
#[inline]
pub fn common_han_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        0xE5..=0xE9 => true,
        0xE4 => b.get(i + 1).is_some_and(|&x| x >= 0xB8),
        _ => false,
    }
}

/// The first index from `i` on whose byte satisfies `hit`, or `b.len()`. Blocks of
/// 16 bytes none of which hits are passed over whole (a test of every byte the
/// compiler vectorises, where a search stopping at the first hit is not): most
/// of a Chinese text holds no ASCII letter, most of an English one no capital.
#[inline]
pub fn find_byte(b: &[u8], mut i: usize, hit: impl Fn(u8) -> bool) -> usize {
    while let Some(block) = b.get(i..i + 16) {
        if block.iter().fold(false, |any, &c| any | hit(c)) {
            break;
        }
        i += 16;
    }
    while i < b.len() && !hit(b[i]) {
        i += 1;
    }
    i
}

/// `strsim::normalized_levenshtein(a, b) >= threshold`, with the distance
/// computed only when the strings' letters allow it. The difference of their
/// bags of characters is a lower bound of the edit distance (each edit changes
/// one character in or out), so when that bound alone puts the similarity below
/// `threshold` the answer is no and the full comparison is skipped.
pub fn levenshtein_at_least(a: &str, b: &str, threshold: f64) -> bool {
    if a.is_ascii() && b.is_ascii() && !(a.is_empty() && b.is_empty()) {
        let mut count = [0i32; 128];
        for &x in a.as_bytes() {
            count[usize::from(x)] += 1;
        }
        for &x in b.as_bytes() {
            count[usize::from(x)] -= 1;
        }
        // The surpluses summed over the bytes that occur (a byte `a` has more of
        // occurs in `a`, one `b` has more of in `b`), each taken once.
        let (mut more, mut fewer) = (0, 0);
        for &x in a.as_bytes() {
            more += count[usize::from(x)].max(0);
            count[usize::from(x)] = count[usize::from(x)].min(0);
        }
        for &x in b.as_bytes() {
            fewer -= count[usize::from(x)].min(0);
            count[usize::from(x)] = 0;
        }
        let bound = more.max(fewer) as f64;
        // The same expression as strsim's, with the bound for the distance: the
        // similarity only falls as the distance grows.
        if 1.0 - bound / (a.len().max(b.len()) as f64) < threshold {
            return false;
        }
    }
    strsim::normalized_levenshtein(a, b) >= threshold
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fold as first written, character by character: the reference the
    /// run-copying [`Folded::new`] is checked against.
    fn fold_by_chars(original: &str) -> (String, Vec<(u32, u32)>) {
        let mut folded = String::new();
        let mut shifts = Vec::new();
        let mut prev_digit = false;
        let mut rest = original.char_indices().peekable();
        while let Some((i, c)) = rest.next() {
            let f = if c == '\u{FF0C}' {
                let next_digit = rest
                    .peek()
                    .is_some_and(|&(_, n)| fold_char(n).is_ascii_digit());
                if prev_digit && next_digit { ',' } else { c }
            } else {
                fold_char(c)
            };
            folded.push(f);
            prev_digit = f.is_ascii_digit();
            if f.len_utf8() != c.len_utf8() {
                shifts.push((folded.len() as u32, (i + c.len_utf8()) as u32));
            }
        }
        (folded, shifts)
    }

    /// The script counts one character at a time: the reference the run-counting
    /// [`ScriptCounts::add`] is checked against.
    fn counts_by_chars(text: &str) -> [usize; 6] {
        let mut n = [0usize; 6];
        for c in text.chars() {
            let k = if is_han(c) {
                0
            } else if is_kana(c) {
                1
            } else if ('\u{AC00}'..='\u{D7AF}').contains(&c)
                || ('\u{1100}'..='\u{11FF}').contains(&c)
            {
                2
            } else if c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c) {
                3
            } else if ('\u{400}'..='\u{4FF}').contains(&c) {
                4
            } else if c.is_alphabetic() && !c.is_ascii() {
                5
            } else {
                continue;
            };
            n[k] += 1;
        }
        n
    }

    #[test]
    fn unchanged_ranges_fold_to_themselves() {
        let mut n = 0;
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            if folds_to_itself(c) {
                assert_eq!(fold_by_table(c), c, "U+{:04X}", c as u32);
                n += 1;
            }
        }
        // U+0000–U+02BB, and U+3001–U+FF03 less the 2,048 surrogates.
        assert_eq!(n, 0x2BC + (0xFF03 - 0x3001 + 1) - 2048);
    }

    #[test]
    fn common_punctuation_is_no_letter_or_digit() {
        let mut n = 0;
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            if is_common_punctuation(c) {
                assert!(!c.is_alphanumeric(), "{c:?} U+{:04X}", c as u32);
                n += 1;
            }
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
        // 112 + 5 + 25 + 15 + 7 + 6 + 11 characters in the seven ranges.
        assert_eq!(n, 181);
    }

    /// Every pair of strings of up to four letters of three, at thresholds on
    /// both sides of each similarity they can have: the bound never changes the
    /// answer (repeated letters are where a miscounted bound would show).
    #[test]
    fn levenshtein_bound_keeps_the_answer_on_short_strings() {
        let mut words = vec![String::new()];
        // Breadth first: each of the 40 strings of up to three letters gets its
        // three one-letter-longer children.
        for k in 0..40 {
            for c in ['b', 'd', 'k'] {
                let w = format!("{}{c}", words[k]);
                words.push(w);
            }
        }
        assert_eq!(words.len(), 121);
        for a in &words {
            for b in &words {
                for t in [0.25, 0.34, 0.5, 0.6, 0.67, 0.75, 0.8, 1.0] {
                    assert_eq!(
                        levenshtein_at_least(a, b, t),
                        strsim::normalized_levenshtein(a, b) >= t,
                        "{a:?} {b:?} {t}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn script_counts_are_per_character_counts(
            // Mixed scripts, and long ASCII runs (counted 16 bytes at a time).
            text in proptest::prop_oneof![
                "[a Z1,中国㐀𠀀豈かカ한ᄀéЖα٣\u{3007}]{0,30}",
                "[a-zA-Z0-9 ,.]{0,40}[中éЖ]?[a-zA-Z0-9 ,.]{0,40}[한]?[a-z ]{0,20}",
            ]
        ) {
            let c = ScriptCounts::of(&text);
            let got = [c.han, c.kana, c.hangul, c.latin, c.cyrillic, c.other_letters];
            proptest::prop_assert_eq!(got, counts_by_chars(&text));
        }

        #[test]
        fn folding_runs_matches_folding_characters(
            text in "[a19 ,增长，１７％Ａ\u{2212}\u{2019}\u{202F}\u{3000}\u{FFE5}é]{0,24}"
        ) {
            let f = Folded::new(&text);
            let (want, shifts) = fold_by_chars(&text);
            proptest::prop_assert_eq!(f.folded.as_ref(), want.as_str());
            proptest::prop_assert_eq!(&f.shifts, &shifts);
            proptest::prop_assert_eq!(matches!(f.folded, Cow::Borrowed(_)), want == text);
        }

        #[test]
        fn levenshtein_bound_keeps_the_answer(a in "[bdk]{0,8}", b in "[bdk]{0,8}", t in 0.5f64..1.0) {
            proptest::prop_assert_eq!(
                levenshtein_at_least(&a, &b, t),
                strsim::normalized_levenshtein(&a, &b) >= t
            );
            proptest::prop_assert_eq!(
                levenshtein_at_least(&a, &b, 0.75),
                strsim::normalized_levenshtein(&a, &b) >= 0.75
            );
        }

        #[test]
        fn char_at_decodes_as_chars(text in "[a1 é增长，ｘ\u{2019}\u{10348}\u{FFE5}]{0,12}") {
            let mut i = 0;
            for c in text.chars() {
                proptest::prop_assert_eq!(char_at(&text, i), (c, c.len_utf8()));
                i += c.len_utf8();
            }
        }

        #[test]
        fn script_counts_as_characters(text in "[aZ1 éЖ增ア한，\u{10348}ß]{0,16}") {
            let mut want = ScriptCounts::default();
            for c in text.chars() {
                if is_han(c) {
                    want.han += 1;
                } else if is_kana(c) {
                    want.kana += 1;
                } else if c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c) {
                    want.latin += 1;
                } else if ('\u{400}'..='\u{4FF}').contains(&c) {
                    want.cyrillic += 1;
                } else if ('\u{AC00}'..='\u{D7AF}').contains(&c) || ('\u{1100}'..='\u{11FF}').contains(&c) {
                    want.hangul += 1;
                } else if !c.is_ascii() && c.is_alphabetic() {
                    want.other_letters += 1;
                }
            }
            let got = ScriptCounts::of(&text);
            proptest::prop_assert_eq!(
                (got.han, got.kana, got.latin, got.cyrillic, got.hangul, got.other_letters),
                (want.han, want.kana, want.latin, want.cyrillic, want.hangul, want.other_letters)
            );
        }
    }

    #[test]
    fn fold_maps_bytes_back_to_the_original() {
        let f = Folded::new("增长３３％，共１，７５０架");
        assert_eq!(f.folded, "增长33%，共1,750架");
        let b = f.folded.find("33").unwrap();
        assert_eq!(f.original_slice(b, b + 3), "３３％");
        let g = f.folded.find("1,750").unwrap();
        assert_eq!(f.original_slice(g, g + 5), "１，７５０");
        assert_eq!(f.original_slice(g + 5, f.folded.len()), "架");
        // Nothing to fold: the text is borrowed.
        assert!(matches!(Folded::new("plain 12%").folded, Cow::Borrowed(_)));
        assert!(matches!(Folded::new("增长12%").folded, Cow::Borrowed(_)));
    }

    #[test]
    fn char_and_line_indexes() {
        let text = "ab\n增长３３％\n".repeat(40);
        let ci = CharIndex::new(&text);
        assert_eq!(ci.len_chars(), text.chars().count());
        for (k, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(ci.char_of(&text, b), k);
        }
        assert_eq!(ci.char_of(&text, text.len()), ci.len_chars());
        let li = LineIndex::new("a\nbc\nd");
        assert_eq!(li.line_of(0), (0, 0));
        assert_eq!(li.line_of(3), (1, 2));
        assert_eq!(li.line_of(6), (2, 5));
    }

    #[test]
    fn script_counts() {
        let s = ScriptCounts::of("Putin 普京 Путин");
        assert_eq!((s.latin, s.han, s.cyrillic), (5, 2, 5));
    }
}

#[cfg(test)]
mod find_byte_tests {
    use super::find_byte;
    use proptest::prelude::*;

    proptest! {
        /// The first hit from any start, as a byte-by-byte search finds it, in
        /// texts long enough for whole blocks.
        #[test]
        fn finds_the_first_hit(
            bytes in proptest::collection::vec(
                prop_oneof![8 => Just(b'a'), 1 => Just(b'Z'), 4 => Just(0xE4u8), 4 => Just(b' ')],
                0..80,
            ),
            from in 0usize..90,
        ) {
            let from = from.min(bytes.len());
            let want = (from..bytes.len())
                .find(|&k| bytes[k].is_ascii_uppercase())
                .unwrap_or(bytes.len());
            prop_assert_eq!(find_byte(&bytes, from, |c| c.is_ascii_uppercase()), want);
        }
    }
}

#[cfg(test)]
mod common_han_tests {
    use super::common_han_at;

    /// No character of the common Han block folds ([`super::may_fold`] passes
    /// over them).
    #[test]
    fn the_common_han_block_does_not_fold() {
        let folding: Vec<char> = ('\u{4E00}'..='\u{9FFF}')
            .filter(|c| super::fold_char(*c) != *c)
            .collect();
        assert!(folding.is_empty(), "{folding:?} fold");
    }

    /// Every code point: the bytes say what the character's value says.
    #[test]
    fn common_han_from_bytes_is_the_range() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            assert_eq!(
                common_han_at(s.as_bytes(), 0),
                ('\u{4E00}'..='\u{9FFF}').contains(&c),
                "{c:?}"
            );
        }
    }
}
