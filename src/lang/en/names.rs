//! English names: gazetteer entities (case-sensitive, whole words), Latin-script
//! codes and acronyms, and other capitalised names.

use crate::extract::Mention;
use crate::extract::entity::{EntityType, entity_mention, is_code, longest_first, other_mention};
use crate::gazetteer::Gazetteer;
use crate::text::Folded;
use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

/// Capitalised words that start sentences or titles and are not names.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "For", "But", "And", "Or", "As", "It", "Its", "He", "She",
    "They", "We", "I", "You", "This", "That", "These", "Those", "There", "Here", "However",
    "Meanwhile", "Also", "Finally", "First", "Second", "Third", "Fourth", "Fifth", "Then", "Thus",
    "Therefore", "Moreover", "Furthermore", "Although", "While", "When", "If", "After", "Before",
    "Since", "During", "With", "Without", "From", "To", "Of", "By", "About", "Over", "Under",
    "According", "Some", "Many", "Most", "All", "Both", "Each", "Every", "Other", "Such", "No",
    "Not", "Yes", "Mr", "Mrs", "Ms", "Dr", "Sir", "President", "Minister", "Prime", "Foreign",
    "Deputy", "General", "Secretary", "Chairman", "Premier", "Vice", "Director", "Ambassador",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Summit", "Conference", "Forum", "Session", "Assembly", "Council",
    "Committee", "Organization", "Organisation", "Union", "Republic", "Kingdom", "State",
    "States", "National", "International", "Central", "East", "West", "North", "South",
    "Eastern", "Western", "Northern", "Southern", "New", "Old", "Great", "Special", "Emergency",
    "Economic", "Cooperation", "Security", "Treaty", "Party", "Government", "Ministry", "Bank",
    "Fund", "Court", "Justice", "Chapter", "Article", "Section", "Part", "Table", "Figure",
    "Annex", "Appendix", "Note", "Notes", "Source", "Sources", "See", "Cite", "Page", "What",
    "Why", "How", "Who", "Where", "Which", "Our", "Their", "His", "Her", "My", "Your", "One",
    "Two", "Three", "Despite", "Given", "Like", "Unlike", "Yet", "Still", "Even", "Only", "Just",
    "Now", "Today", "Tomorrow", "Yesterday", "Last", "Next", "Year", "Years",
];

/// [`NOT_NAMES`] for look-ups.
static NOT_NAME: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| NOT_NAMES.iter().copied().collect());

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(crate::text::is_word_char)
}

/// Whether a character is a Latin letter with a diacritic (`ë`, `ü`, `ó`, `ł`,
/// `ş`, `ệ`): Latin-1 Supplement, Latin Extended-A and -B, Latin Extended
/// Additional, without `×` and `÷`.
fn is_accented_latin(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && c != '×' && c != '÷'
}

/// The length in bytes of the Latin letter at byte `i` (ASCII or accented), or 0.
fn letter_len(text: &str, i: usize) -> usize {
    match text.as_bytes().get(i) {
        Some(c) if c.is_ascii_alphabetic() => 1,
        // Lead bytes of U+00C0–U+024F (0xC3–0xC9) and of U+1E00–U+1EFF (0xE1).
        Some(0xC3..=0xC9 | 0xE1) => text[i..]
            .chars()
            .next()
            .filter(|&c| is_accented_latin(c))
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// The end of the word starting at `i` (a Latin letter), as the pattern
/// `[A-Za-zÀ-ɏḀ-ỿ][A-Za-zÀ-ɏḀ-ỿ'’\-]*` reads it (`Kraków`, `Zelenskyy`, `O'Neill`).
fn word_end(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let mut e = i + letter_len(text, i).max(1);
    loop {
        match b.get(e) {
            Some(c) if c.is_ascii_alphabetic() => e += 1,
            Some(b'\'' | b'-') => e += 1,
            // ’ (U+2019)
            Some(0xE2) if b.get(e + 1) == Some(&0x80) && b.get(e + 2) == Some(&0x99) => e += 3,
            Some(_) => match letter_len(text, e) {
                0 => return e,
                n => e += n,
            },
            None => return e,
        }
    }
}

/// The character boundaries of `text` not preceded by a word character
/// ([`crate::text::is_word_char`]), the start included: where a gazetteer name
/// may start. ASCII bytes are tested directly, other characters decoded.
fn after_non_word(text: &str) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    let mut after_word = false;
    let mut s = 0;
    std::iter::from_fn(move || {
        while s < b.len() {
            let (word, n) = match b[s] {
                c @ 0..0x80 => (c.is_ascii_alphanumeric(), 1),
                _ => text[s..]
                    .chars()
                    .next()
                    .map_or((false, 1), |c| (crate::text::is_word_char(c), c.len_utf8())),
            };
            let at = s;
            let open = !after_word;
            after_word = word;
            s += n;
            if open {
                return Some(at);
            }
        }
        None
    })
}

/// The words of `text[from..to]` (see [`word_end`]), as `(start, end)`.
fn words_in(text: &str, from: usize, to: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let text = &text[..to];
    let mut i = from;
    let b = text.as_bytes();
    std::iter::from_fn(move || {
        // A letter is an ASCII one or starts with a lead byte `letter_len` tests;
        // no continuation byte (0x80–0xBF) is either, so the loop stops only on
        // character boundaries.
        while i < b.len()
            && !(b[i].is_ascii_alphabetic()
                || matches!(b[i], 0xC3..=0xC9 | 0xE1) && letter_len(text, i) > 0)
        {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let s = i;
        i = word_end(text, s);
        Some((s, i))
    })
}

/// Last words of the names of news outlets, companies and associations.
#[rustfmt::skip]
const ORG_HEADS: &[&str] = &[
    "News", "Daily", "Times", "Post", "Herald", "Finance", "Group", "Bank", "Securities",
    "Association", "Corporation", "Corp", "Company", "Holdings", "Insurance", "Media",
    "Network", "Television", "Technology", "Technologies", "Chamber",
];

/// Names that are also common English words (or, for languages, more often the
/// language than the country): at the start of a sentence their capital letter
/// says nothing.
#[rustfmt::skip]
const COMMON_WORDS: &[&str] = &[
    "Fed", "Quad", "Chad", "Nice", "Male", "Split", "Reading", "Mobile", "Van", "English",
    "French", "Polish",
];

/// Set phrases in which a country's name or adjective names no country.
#[rustfmt::skip]
const SET_PHRASES: &[&str] = &[
    "French fries", "French toast", "French horn", "French window", "French kiss",
    "Greek to me", "India ink", "Indian summer", "Turkish delight", "Swiss cheese",
    "Dutch courage", "go Dutch", "Chinese whispers", "Brussels sprouts", "Danish pastry",
    "Panama hat", "Scotch tape", "Russian roulette", "Mexican wave", "Spanish fly",
];

/// Every part of a set phrase (any run of its characters), with the phrases
/// holding it and where: a name lies inside a set phrase only if it is one of
/// these. With them, a bit for each pair of a part's first and last bytes,
/// tested before the map is.
type PhraseParts = (HashMap<&'static str, Vec<(&'static str, usize)>>, Vec<u64>);

static SET_PHRASE_PARTS: LazyLock<PhraseParts> = LazyLock::new(|| {
    let mut parts: HashMap<&'static str, Vec<(&'static str, usize)>> = HashMap::default();
    let mut ends = vec![0u64; 256 * 256 / 64];
    for p in SET_PHRASES {
        let bounds: Vec<usize> = p.char_indices().map(|(b, _)| b).chain([p.len()]).collect();
        for (k, &a) in bounds.iter().enumerate() {
            for &b in &bounds[k + 1..] {
                parts.entry(&p[a..b]).or_default().push((p, a));
                let bit = end_bytes(&p[a..b]);
                ends[bit / 64] |= 1 << (bit % 64);
            }
        }
    }
    (parts, ends)
});

/// A non-empty string's first and last bytes, as one index.
fn end_bytes(s: &str) -> usize {
    let b = s.as_bytes();
    usize::from(b[0]) << 8 | usize::from(b[b.len() - 1])
}

/// True when the name at `[s, e)` of `text` lies inside a set phrase (`French`
/// of `French fries`): a phrase holding the name at some offset is written in
/// the text from that offset before the name.
fn in_set_phrase(text: &str, s: usize, e: usize) -> bool {
    let (parts, ends) = &*SET_PHRASE_PARTS;
    let bit = end_bytes(&text[s..e]);
    if ends[bit / 64] & (1 << (bit % 64)) == 0 {
        return false;
    }
    parts.get(&text[s..e]).is_some_and(|holders| {
        holders
            .iter()
            .any(|&(p, at)| s >= at && text.as_bytes()[s - at..].starts_with(p.as_bytes()))
    })
}

pub(super) fn find<'t>(f: &Folded<'t>, gazetteer: &Gazetteer) -> Vec<Mention<'t>> {
    let text: &str = &f.folded;
    let Some(names) = gazetteer.names("en") else {
        return Vec::new();
    };
    // Gazetteer names as whole words: looked up only where a word can start.
    let mut found = Vec::new();
    for s in after_non_word(text) {
        for (e, p) in names.starting_at(text, s) {
            let after = text[e..].chars().next();
            // `AU$500`, `US$`, `HK$`: a currency, not the African Union.
            if is_word_char(after) || after == Some('$') || in_set_phrase(text, s, e) {
                continue;
            }
            found.push((s, e, p));
        }
    }
    let mut out = Vec::new();
    let mut covered = crate::extract::Covered::new(text.len());
    let chosen = longest_first(found);
    // A capitalised word right before or after a place name, not itself a name the
    // lists know, makes it part of a person's or a team's name (`Jordan Spieth`,
    // `Michael Jordan`).
    let next_word = |e: usize| {
        let b = text.as_bytes();
        (b.get(e) == Some(&b' ') && letter_len(text, e + 1) > 0)
            .then(|| (e + 1, word_end(text, e + 1)))
    };
    let prev_word = |s: usize| {
        let before = text[..s].strip_suffix(' ')?;
        // The word ending right there: look back only over its own letters.
        let from = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| !c.is_whitespace())
            .last()
            .map_or(before.len(), |(i, _)| i);
        let w = words_in(before, from, before.len()).last()?;
        (w.1 == before.len()).then_some(w)
    };
    // `chosen` is sorted and without overlaps: the one that can hold a span is the
    // last starting at or before it.
    let in_chosen = |a: usize, b: usize| {
        let k = chosen.partition_point(|&(s, _, _)| s <= a);
        k > 0 && chosen[k - 1].1 >= b
    };
    let in_name = |span: Option<(usize, usize)>| {
        span.is_some_and(|(a, b)| {
            let w = &text[a..b];
            w.starts_with(|c: char| c.is_uppercase()) && !NOT_NAME.contains(w) && !in_chosen(a, b)
        })
    };
    for (s, e, p) in chosen.iter().copied() {
        let ids = names.entries(p);
        let place = ids.iter().any(|&i| {
            matches!(
                gazetteer.entries[i as usize].etype,
                EntityType::Country | EntityType::Place | EntityType::Region
            )
        });
        let part_of_name = place && (in_name(next_word(e)) || in_name(prev_word(s)));
        // A name that is also a common word, capitalised only because it starts
        // a sentence (`Fed up with…`, `Turkey is…`), is not sure.
        let before = text[..s].trim_end();
        let sentence_start =
            before.is_empty() || before.ends_with(['.', '!', '?', ':', '"', '“', '\n']);
        let common = sentence_start && COMMON_WORDS.contains(&&text[s..e]);
        let strong =
            !part_of_name && !common && ids.iter().any(|&i| gazetteer.entries[i as usize].strong);
        let (cs, ce) = f.span(s, e);
        out.push(entity_mention(
            gazetteer,
            ids,
            cs,
            ce,
            &f.original[cs..ce],
            strong,
            "gazetteer",
        ));
        covered.cover(s, e);
    }
    // Latin codes and acronyms outside gazetteer names.
    // A code has a capital letter (`is_code`): most words have none, and only
    // the runs around capitals are read.
    for (start, end) in crate::extract::entity::latin_runs_with_capital(text) {
        let tok = text[start..end].trim_end_matches(['.', '/', '-']);
        let end = start + tok.len();
        if tok.chars().count() < 2 || !is_code(tok) || !covered.free(start, end) {
            continue;
        }
        if is_word_char(text[..start].chars().next_back()) {
            continue;
        }
        let (cs, ce) = f.span(start, end);
        out.push(other_mention(
            format!("latin:{tok}"),
            cs,
            ce,
            &f.original[cs..ce],
            "latin",
        ));
        covered.cover(start, end);
    }
    // Other capitalised names (`Feng Yujun`, `Tianwan`), outside sentence starts:
    // checked against the other side by transliteration. In a title, where most
    // words are capitalised, only runs of two or more (`Reporter Zhao Haitao`).
    // Only the words with a capital letter first are kept: a name's words and
    // the surnames `He` and `You` all have one, and two of them stand next to
    // each other in the text exactly when one space separates them.
    let upper = |&(s, _): &(usize, usize)| text[s..].starts_with(|c: char| c.is_uppercase());
    let mut n_words = 0;
    let mut words: Vec<(usize, usize)> = Vec::new();
    for w in words_in(text, 0, text.len()) {
        n_words += 1;
        if upper(&w) {
            words.push(w);
        }
    }
    let capitalised = words.len();
    let title = n_words >= 3 && capitalised * 10 >= n_words * 6;
    {
        let mut k = 0;
        while k < words.len() {
            let w = words[k];
            // (Every word kept starts with a capital.)
            let cap = |&(s, e): &(usize, usize)| {
                let word = &text[s..e];
                word.chars().skip(1).any(|c| c.is_lowercase())
                    && !NOT_NAME.contains(word)
                    && covered.free(s, e)
            };
            // A surname that is also a pronoun, before a capitalised word (`the
            // lawyer He Ying`, `You Quan said`), outside titles.
            let pronoun_surname = !title
                && matches!(&text[w.0..w.1], "He" | "You")
                && covered.free(w.0, w.1)
                && words
                    .get(k + 1)
                    .is_some_and(|n| cap(n) && text[w.1..n.0] == *" ");
            if !cap(&w) && !pronoun_surname {
                k += 1;
                continue;
            }
            let mut j = k + 1;
            while j < words.len()
                && j - k < 4
                && cap(&words[j])
                && text[words[j - 1].1..words[j].0] == *" "
            {
                j += 1;
            }
            let (s, e) = (w.0, words[j - 1].1);
            let before = text[..s].trim_end();
            let sentence_start =
                before.is_empty() || before.ends_with(['.', '!', '?', ':', '"', '“', '\n']);
            if !((sentence_start || title) && j == k + 1) {
                let (cs, ce) = f.span(s, e);
                let name = f.original[cs..ce].trim_end_matches(['\'', '’']);
                let ce = cs + name.len();
                let mut m = other_mention(format!("name:{name}"), cs, ce, name, "name");
                // A name of two or more words ending in a word of an organisation's
                // name (`Tianmu News`, `Pisen Group`) is an organisation's.
                if let crate::extract::Value::Entity(e) = &mut m.value
                    && name.contains(' ')
                    && name
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| ORG_HEADS.contains(&w))
                {
                    e.etype = EntityType::Org;
                }
                out.push(m);
            }
            k = j;
        }
    }
    out
}

/// The entity check's look-ups in an English text.
pub(super) struct Index<'a> {
    /// The text's letters, lowercased, for finding a romanized name.
    letters: std::cell::OnceCell<String>,
    /// The text's words, and where each occurs, for finding a person's name.
    people: std::cell::OnceCell<(Vec<crate::lang::NameWord>, crate::lang::WordPositions)>,
    text: &'a str,
}

impl<'a> Index<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Index {
            letters: std::cell::OnceCell::new(),
            people: std::cell::OnceCell::new(),
            text,
        }
    }
}

impl crate::lang::NameIndex for Index<'_> {
    fn person(&self, readings: &crate::lang::PersonReadings) -> bool {
        let (words, at) = self.people.get_or_init(|| {
            let words = crate::lang::name_words(self.text);
            let at = crate::lang::word_positions(&words);
            (words, at)
        });
        crate::lang::writes_person(words, at, readings)
    }

    fn romanized(&self, name: &str, _budget: &std::cell::Cell<usize>) -> bool {
        let target: String = name
            .chars()
            .filter(char::is_ascii_alphabetic)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if target.len() < 3 {
            return false;
        }
        let letters = self.letters.get_or_init(|| {
            self.text
                .chars()
                .filter(char::is_ascii_alphabetic)
                .map(|c| c.to_ascii_lowercase())
                .collect()
        });
        memchr::memmem::find(letters.as_bytes(), target.as_bytes()).is_some()
    }
}

/// Words of an English text found in one pass, for loose look-ups: the text
/// lowercased, its runs of word characters (the boundaries of
/// [`crate::lang::Language::contains_verbatim`]) by their text, and its
/// alphanumeric tokens by their first four bytes.
pub(super) struct Loose {
    lower: String,
    runs: foldhash::HashMap<String, Vec<usize>>,
    tokens: foldhash::HashMap<[u8; 4], Vec<(usize, usize)>>,
}

fn word_runs(text: &str) -> foldhash::HashMap<String, Vec<usize>> {
    let mut runs: foldhash::HashMap<String, Vec<usize>> = foldhash::HashMap::default();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (crate::text::is_word_char(c) && i < text.len(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.entry(text[s..i].to_string()).or_default().push(s);
                start = None;
            }
            _ => {}
        }
    }
    runs
}

impl Loose {
    pub(super) fn new(masked: &str) -> Self {
        let lower = masked.to_lowercase();
        let runs = word_runs(&lower);
        let mut tokens: foldhash::HashMap<[u8; 4], Vec<(usize, usize)>> =
            foldhash::HashMap::default();
        let mut start = None;
        for (i, c) in lower
            .char_indices()
            .chain(std::iter::once((lower.len(), ' ')))
        {
            match (c.is_alphanumeric() && i < lower.len(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    if i - s >= 4 {
                        let b = lower.as_bytes();
                        tokens
                            .entry([b[s], b[s + 1], b[s + 2], b[s + 3]])
                            .or_default()
                            .push((s, i));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        Loose {
            lower,
            runs,
            tokens,
        }
    }

    /// `contains_verbatim` of the lowercased text, from the word runs: an
    /// occurrence of `name` as a name starts with a whole run.
    fn verbatim(&self, name: &str) -> bool {
        let first_end = name
            .char_indices()
            .find(|&(_, c)| !crate::text::is_word_char(c))
            .map_or(name.len(), |(i, _)| i);
        if first_end == 0 {
            // A name starting with punctuation: search the text.
            return crate::lang::en::English.contains_verbatim(&self.lower, name);
        }
        let Some(at) = self.runs.get(&name[..first_end]) else {
            return false;
        };
        at.iter().any(|&p| {
            self.lower[p..].starts_with(name)
                && !self.lower[p + name.len()..]
                    .chars()
                    .next()
                    .is_some_and(crate::text::is_word_char)
        })
    }

    /// A token of the text starting with `w` and at most three bytes longer.
    fn token_starting(&self, w: &str) -> bool {
        let b = w.as_bytes();
        if b.len() < 4 {
            return false;
        }
        self.tokens
            .get(&[b[0], b[1], b[2], b[3]])
            .is_some_and(|ts| {
                ts.iter().any(|&(s, e)| {
                    let t = &self.lower[s..e];
                    t.starts_with(w) && t.len() <= w.len() + 3
                })
            })
    }
}

use crate::lang::Language;

impl crate::lang::LooseIndex for Loose {
    fn holds(&self, names: &[&str], written: &str, _place: bool) -> bool {
        let generic = crate::gazetteer::GENERIC_WORDS;
        // Another side's name written in Latin letters, or a source mention that is
        // itself English (an unknown name): compare words.
        let own = written.is_ascii().then_some(written);
        names.iter().copied().chain(own).any(|n| {
            let lower = n.to_lowercase();
            self.verbatim(&lower)
                || lower
                    .split([' ', '-'])
                    .filter(|w| w.len() >= 4 && !generic.contains(w))
                    .any(|w| self.verbatim(w) || self.token_starting(w))
        })
    }
}

#[cfg(test)]
mod word_tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition [`words_in`] implements: from each character boundary, skip
    /// what is not a letter, then take the word as [`word_end`] reads it,
    /// written per character.
    fn words_by_chars(text: &str) -> Vec<(usize, usize)> {
        let letter = |c: char| c.is_ascii_alphabetic() || is_accented_latin(c);
        let mut out = Vec::new();
        let mut it = text.char_indices().peekable();
        while let Some((s, c)) = it.next() {
            if !letter(c) {
                continue;
            }
            let mut e = s + c.len_utf8();
            while let Some(&(i, c)) = it.peek() {
                if letter(c) || matches!(c, '\'' | '-' | '’') {
                    e = i + c.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push((s, e));
        }
        out
    }

    proptest! {
        #[test]
        fn words_are_the_letter_runs(text in "[a-zA-Z'’\\- .,0-9éÀłɏḀỿ×÷ÿ中Ā]{0,40}") {
            let got: Vec<(usize, usize)> = words_in(&text, 0, text.len()).collect();
            prop_assert_eq!(got, words_by_chars(&text));
        }

        #[test]
        fn name_starts_follow_no_word_character(
            text in "[a-zA-Z0-9 .,'\\-éÀłɏ×÷中あ１\u{a0}\u{2019}\u{300}]{0,40}"
        ) {
            // The definition, by characters.
            let mut want = Vec::new();
            let mut before: Option<char> = None;
            for (s, c) in text.char_indices() {
                if !is_word_char(before) {
                    want.push(s);
                }
                before = Some(c);
            }
            prop_assert_eq!(after_non_word(&text).collect::<Vec<_>>(), want);
        }
    }
}

#[cfg(test)]
mod set_phrase_tests {
    use super::{SET_PHRASES, in_set_phrase};
    use proptest::prelude::*;

    /// The set phrases of a text, as they were first looked for: all of them
    /// over the whole text.
    fn by_scan(text: &str) -> Vec<(usize, usize)> {
        let ac = aho_corasick::AhoCorasick::new(SET_PHRASES).unwrap();
        ac.find_overlapping_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    proptest! {
        /// Texts of phrases, their words and pieces, and other words: every span
        /// on character boundaries.
        #[test]
        fn set_phrases_cover_what_a_scan_finds(
            pieces in proptest::collection::vec(0usize..17, 0..8),
        ) {
            const PIECES: &[&str] = &[
                "French fries", "French", " fries", "go Dutch", "Dutch courage", "Dutch",
                "Russian roulette", "Russia", "n roulette", " ", "é", "Indian summer",
                "India", "go", " frie", "Dutch courag", "Russian roulett",
            ];
            let text: String = pieces.iter().map(|&p| PIECES[p]).collect();
            let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
            let phrases = by_scan(&text);
            for (k, &s) in bounds.iter().enumerate() {
                for &e in &bounds[k + 1..] {
                    let covered = phrases.iter().any(|&(a, b)| a <= s && e <= b);
                    prop_assert_eq!(in_set_phrase(&text, s, e), covered, "{:?} {}..{}", text, s, e);
                }
            }
        }
    }
}
