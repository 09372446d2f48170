//! Bundled word lists looked up by their first column without parsing them:
//! `build.rs` compiles a double-array trie from each distinct first column to its
//! first row, and the byte offsets of the rows. Loading one costs nothing but
//! the pointers; a look-up walks the trie and slices the bundled text.
//!
//! The lists (see `data/README.md`): the jieba dictionary's words (`words`),
//! Chinese surnames and their romanisations, given-name characters, Korean
//! readings and Japanese names.

/// One word list.
pub struct Lexicon {
    trie: &'static [u8],
    offsets: &'static [u8],
    text: &'static str,
}

macro_rules! lexicon {
    ($name:literal, $file:literal) => {
        Lexicon {
            trie: include_bytes!(concat!(env!("OUT_DIR"), "/lex-", $name, ".da")),
            offsets: include_bytes!(concat!(env!("OUT_DIR"), "/lex-", $name, ".off")),
            text: include_str!(concat!("../data/", $file)),
        }
    };
}

pub static WORDS: Lexicon = lexicon!("words", "jieba/words.tsv");
pub static SURNAMES: Lexicon = lexicon!("surnames", "sinonym/surnames.tsv");
pub static ROMANIZATIONS: Lexicon = lexicon!("romanizations", "sinonym/romanizations.tsv");
pub static GIVEN: Lexicon = lexicon!("given", "sinonym/given.tsv");
pub static KOREAN: Lexicon = lexicon!("korean", "unihan/korean.tsv");
pub static JAPANESE: Lexicon = lexicon!("japanese", "ipadic/japanese.tsv");

impl Lexicon {
    fn trie(&self) -> yada::DoubleArray<&'static [u8]> {
        yada::DoubleArray::new(self.trie)
    }

    fn rows(&self) -> usize {
        self.offsets.len() / 4 - 1
    }

    fn offset(&self, i: usize) -> usize {
        let b = &self.offsets[i * 4..i * 4 + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
    }

    /// Row `i` without its line end.
    fn row(&self, i: usize) -> &'static str {
        let (s, e) = (self.offset(i), self.offset(i + 1));
        let text: &'static str = self.text;
        text[s..e].trim_end_matches('\n')
    }

    /// The rows whose first column is `key`, each as its columns after the first.
    pub fn get(&self, key: &str) -> impl Iterator<Item = Vec<&'static str>> + '_ {
        let first = self.trie().exact_match_search(key).map(|v| v as usize);
        let key = key.to_string();
        first
            .into_iter()
            .flat_map(move |f| (f..self.rows()).map(|i| self.row(i)))
            .map_while(move |r| {
                let mut cols = r.split('\t');
                (cols.next() == Some(key.as_str())).then(|| cols.collect())
            })
    }

    /// The second column of the first row of `key`.
    pub fn first(&self, key: &str) -> Option<&'static str> {
        let f = self.trie().exact_match_search(key)? as usize;
        self.row(f).split('\t').nth(1)
    }

    /// True when `key` is a first column.
    pub fn contains(&self, key: &str) -> bool {
        self.trie().exact_match_search(key).is_some()
    }

    /// The keys written at the start of `text`, as `(byte length, first row)`.
    pub fn prefixes(&self, text: &str) -> impl Iterator<Item = (usize, usize)> + use<> {
        // Keys are at most a few characters: look no further than 16 bytes.
        let mut end = text.len().min(16);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let found: Vec<(usize, usize)> = self
            .trie()
            .common_prefix_search(&text.as_bytes()[..end])
            .map(|(v, len)| (len, v as usize))
            .collect();
        found.into_iter()
    }

    /// Column `c` of row `row` (column 0 is the key).
    pub fn column(&self, row: usize, c: usize) -> Option<&'static str> {
        self.row(row).split('\t').nth(c)
    }

    /// Every row (comments left out).
    pub fn text_rows(&self) -> impl Iterator<Item = &'static str> + '_ {
        (0..self.rows()).map(|i| self.row(i))
    }

    /// True when a row of `key` has `value` in its second column.
    pub fn has(&self, key: &str, value: &str) -> bool {
        self.get(key).any(|c| c.first() == Some(&value))
    }
}

/// A word of the jieba dictionary: its frequency and part-of-speech tag.
pub fn word(w: &str) -> Option<(u32, &'static str)> {
    let cols = WORDS.get(w).next()?;
    Some((
        cols.first()?.parse().ok()?,
        cols.get(1).copied().unwrap_or(""),
    ))
}

/// True for a tag of a proper name (person, place, organisation, other name).
pub fn is_name_tag(tag: &str) -> bool {
    matches!(tag, "nr" | "ns" | "nt" | "nz" | "nrt" | "nrfg" | "j")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_look_up_rows() {
        assert_eq!(word("越南").map(|w| w.1), Some("ns"));
        assert!(word("增加").is_some_and(|(f, _)| f > 1000));
        assert!(SURNAMES.contains("周") && SURNAMES.contains("欧阳"));
        assert!(GIVEN.contains("涛"));
        assert!(KOREAN.first("金").is_some_and(|r| r.contains("gim")));
        let jp: Vec<Vec<&str>> = JAPANESE.get("西村").collect();
        assert!(
            jp.iter()
                .any(|c| c[0] == "surname" && c[1].contains("nishimura"))
        );
        let text = "增加纳税";
        assert!(WORDS.prefixes(text).any(|(len, _)| len == "增加".len()));
    }
}
