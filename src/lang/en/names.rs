//! English names: gazetteer entities (case-sensitive, whole words), Latin-script
//! codes and acronyms, and other capitalised names.

use crate::extract::Mention;
use crate::extract::entity::{EntityType, entity_mention, is_code, longest_first, other_mention};
use crate::gazetteer::Gazetteer;
use crate::text::Folded;
use regex::Regex;
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

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z][A-Za-z'’\-]*").expect("word regex"));
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    // Acronyms and codes: APEC, SWIFT, G20, MH17, COVID-19, F-16, LP700.
    Regex::new(r"[A-Za-z0-9][A-Za-z0-9]*(?:[-/+.][A-Za-z0-9]+)*\+?").expect("code regex")
});

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(crate::text::is_word_char)
}

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

pub(super) fn find(f: &Folded<'_>, gazetteer: &Gazetteer) -> Vec<Mention> {
    let text = f.folded.as_str();
    let set_phrases: Vec<(usize, usize)> = SET_PHRASES
        .iter()
        .flat_map(|p| text.match_indices(p).map(|(at, p)| (at, at + p.len())))
        .collect();
    let names = gazetteer.names("en");
    // Gazetteer names as whole words.
    let mut found = Vec::new();
    for m in names.automaton.find_overlapping_iter(text) {
        let before = text[..m.start()].chars().last();
        let after = text[m.end()..].chars().next();
        // `AU$500`, `US$`, `HK$`: a currency, not the African Union.
        if is_word_char(before)
            || is_word_char(after)
            || after == Some('$')
            || set_phrases
                .iter()
                .any(|&(a, b)| a <= m.start() && m.end() <= b)
        {
            continue;
        }
        found.push((m.start(), m.end(), m.pattern().as_usize()));
    }
    let mut out = Vec::new();
    let mut covered: Vec<(usize, usize)> = Vec::new();
    let chosen = longest_first(found);
    // A capitalised word right before or after a place name, not itself a name the
    // lists know, makes it part of a person's or a team's name (`Jordan Spieth`,
    // `Michael Jordan`).
    let next_word = |e: usize| {
        WORD.find(&text[e..])
            .filter(|w| text[e..e + w.start()] == *" ")
            .map(|w| (e + w.start(), e + w.end()))
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
        let w = WORD.find_iter(&before[from..]).last()?;
        (from + w.end() == before.len()).then_some((from + w.start(), from + w.end()))
    };
    let in_name = |span: Option<(usize, usize)>| {
        span.is_some_and(|(a, b)| {
            let w = &text[a..b];
            w.starts_with(|c: char| c.is_uppercase())
                && !NOT_NAMES.contains(&w)
                && !chosen.iter().any(|&(s, e, _)| s <= a && b <= e)
        })
    };
    for (s, e, p) in chosen.iter().copied() {
        let ids = &names.entries[p];
        let place = ids.iter().any(|&i| {
            matches!(
                gazetteer.entries[i].etype,
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
        let strong = !part_of_name && !common && ids.iter().any(|&i| gazetteer.entries[i].strong);
        let (cs, ce) = (f.char_at(s), f.char_at(e));
        out.push(entity_mention(
            gazetteer,
            ids,
            cs,
            ce,
            f.original_slice(cs, ce).to_string(),
            strong,
            "gazetteer",
        ));
        covered.push((s, e));
    }
    let free = |s: usize, e: usize, covered: &[(usize, usize)]| {
        covered.iter().all(|&(a, b)| e <= a || s >= b)
    };
    // Latin codes and acronyms outside gazetteer names.
    for m in CODE.find_iter(text) {
        let tok = m.as_str().trim_end_matches(['.', '/', '-']);
        let end = m.start() + tok.len();
        if tok.chars().count() < 2 || !is_code(tok) || !free(m.start(), end, &covered) {
            continue;
        }
        if is_word_char(text[..m.start()].chars().last()) {
            continue;
        }
        let (cs, ce) = (f.char_at(m.start()), f.char_at(end));
        out.push(other_mention(
            format!("latin:{tok}"),
            cs,
            ce,
            f.original_slice(cs, ce).to_string(),
            "latin",
        ));
        covered.push((m.start(), end));
    }
    // Other capitalised names (`Feng Yujun`, `Tianwan`), outside sentence starts and
    // titles: checked against the other side by transliteration.
    let words: Vec<regex::Match<'_>> = WORD.find_iter(text).collect();
    let capitalised = words
        .iter()
        .filter(|w| w.as_str().starts_with(|c: char| c.is_uppercase()))
        .count();
    let title = words.len() >= 3 && capitalised * 10 >= words.len() * 6;
    if !title {
        let mut k = 0;
        while k < words.len() {
            let w = words[k];
            let cap = |m: &regex::Match<'_>| {
                let s = m.as_str();
                s.starts_with(|c: char| c.is_uppercase())
                    && s.chars().skip(1).any(|c| c.is_lowercase())
                    && !NOT_NAMES.contains(&s)
                    && free(m.start(), m.end(), &covered)
            };
            if !cap(&w) {
                k += 1;
                continue;
            }
            let mut j = k + 1;
            while j < words.len()
                && j - k < 4
                && cap(&words[j])
                && text[words[j - 1].end()..words[j].start()] == *" "
            {
                j += 1;
            }
            let (s, e) = (w.start(), words[j - 1].end());
            let before = text[..s].trim_end();
            let sentence_start =
                before.is_empty() || before.ends_with(['.', '!', '?', ':', '"', '“', '\n']);
            if !(sentence_start && j == k + 1) {
                let (cs, ce) = (f.char_at(s), f.char_at(e));
                let name = f
                    .original_slice(cs, ce)
                    .trim_end_matches(['\'', '’'])
                    .to_string();
                let ce = cs + name.chars().count();
                out.push(other_mention(format!("name:{name}"), cs, ce, name, "name"));
            }
            k = j;
        }
    }
    out
}
