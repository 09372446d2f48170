//! Text helpers shared by the extractors: a character-preserving fold and
//! conversions between byte offsets and character offsets.
//!
//! Extractors run their patterns on a *folded* copy of the text in which every
//! character maps to exactly one character (full-width digits and letters become
//! ASCII, typographic minus signs become `-`, and so on). Because the mapping is
//! one character to one character, a character offset in the folded text is the
//! same character offset in the original, which is what reports show.

/// A text prepared for extraction.
#[derive(Debug, Clone)]
pub struct Folded<'a> {
    /// The text as given.
    pub original: &'a str,
    /// The folded text, same number of characters as `original`.
    pub folded: String,
    /// Byte offset in `folded` of every character, plus one entry for the end.
    folded_starts: Vec<usize>,
    /// Byte offset in `original` of every character, plus one entry for the end.
    original_starts: Vec<usize>,
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str) -> Self {
        let mut folded = String::with_capacity(original.len());
        let mut folded_starts = Vec::with_capacity(original.len() + 1);
        let mut original_starts = Vec::with_capacity(original.len() + 1);
        let chars: Vec<char> = original.chars().collect();
        let is_digit = |c: Option<&char>| c.is_some_and(|c| fold_char(*c).is_ascii_digit());
        for (k, (i, c)) in original.char_indices().enumerate() {
            original_starts.push(i);
            folded_starts.push(folded.len());
            // A full-width comma between digits groups thousands: １，７５０.
            let grouping = c == '\u{FF0C}'
                && k > 0
                && is_digit(chars.get(k - 1))
                && is_digit(chars.get(k + 1));
            folded.push(if grouping { ',' } else { fold_char(c) });
        }
        original_starts.push(original.len());
        folded_starts.push(folded.len());
        Folded {
            original,
            folded,
            folded_starts,
            original_starts,
        }
    }

    /// Number of characters.
    pub fn len_chars(&self) -> usize {
        self.original_starts.len() - 1
    }

    /// Character offset of a byte offset in the folded text (must be a char boundary).
    pub fn char_at(&self, folded_byte: usize) -> usize {
        match self.folded_starts.binary_search(&folded_byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset in the folded text of a character offset.
    pub fn folded_byte(&self, ch: usize) -> usize {
        self.folded_starts[ch.min(self.folded_starts.len() - 1)]
    }

    /// The original text of the character range `[start, end)`.
    pub fn original_slice(&self, start: usize, end: usize) -> &'a str {
        let n = self.original_starts.len() - 1;
        let (s, e) = (start.min(n), end.min(n));
        &self.original[self.original_starts[s]..self.original_starts[e.max(s)]]
    }

    /// The folded text of the character range `[start, end)`.
    pub fn folded_slice(&self, start: usize, end: usize) -> &str {
        &self.folded[self.folded_byte(start)..self.folded_byte(end.max(start))]
    }
}

/// Folds one character to the form the extractors' patterns expect.
pub fn fold_char(c: char) -> char {
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

/// True for CJK unified ideographs (the Han script).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF
        | 0xF900..=0xFAFF | 0x3007)
}

/// True for a letter or digit of an alphabetic script: what joins a Latin word.
/// Han characters and kana next to a Latin name do not (`丨Beijing`).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c) && !is_kana(c)
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
        for c in text.chars() {
            if is_han(c) {
                self.han += 1;
            } else if is_kana(c) {
                self.kana += 1;
            } else if c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c) {
                self.latin += 1;
            } else if ('\u{400}'..='\u{4FF}').contains(&c) {
                self.cyrillic += 1;
            } else if ('\u{AC00}'..='\u{D7AF}').contains(&c)
                || ('\u{1100}'..='\u{11FF}').contains(&c)
            {
                self.hangul += 1;
            } else if c.is_alphabetic() {
                self.other_letters += 1;
            }
        }
    }

    pub fn total(&self) -> usize {
        self.han + self.kana + self.hangul + self.latin + self.cyrillic + self.other_letters
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_character_offsets() {
        let f = Folded::new("增长３３％，共１，７５０架");
        assert_eq!(f.folded, "增长33%，共1,750架");
        assert_eq!(f.len_chars(), 13);
        let b = f.folded.find("33").unwrap();
        let c = f.char_at(b);
        assert_eq!(c, 2);
        assert_eq!(f.original_slice(c, c + 3), "３３％");
        assert_eq!(f.folded_slice(c, c + 3), "33%");
    }

    #[test]
    fn script_counts() {
        let s = ScriptCounts::of("Putin 普京 Путин");
        assert_eq!((s.latin, s.han, s.cyrillic), (5, 2, 5));
    }
}
