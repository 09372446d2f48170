//! Languages: detection by script and per-language extractors.
//!
//! A language is one module under `src/lang/` implementing [`Language`], listed once
//! in [`LANGUAGES`]. Nothing else in the crate names a language.

pub mod en;
pub mod zh;

use crate::extract::{DocumentDate, Kind, Mention, Value, resolve_overlaps};
use crate::gazetteer::Gazetteer;
use crate::text::{Folded, ScriptCounts};

/// A language paracheck can read.
pub trait Language: Send + Sync {
    /// BCP 47 code: `en`, `zh`.
    fn code(&self) -> &'static str;
    /// English name for messages.
    fn name(&self) -> &'static str;
    /// How well text with these script counts fits the language, 0.0 to 1.0.
    fn script_fit(&self, counts: &ScriptCounts) -> f64;
    /// Number and date mentions (spans: byte ranges of the original text), in any
    /// order, possibly overlapping: [`extract_quantities`] resolves them.
    fn extract_quantities<'t>(&self, text: &Folded<'t>) -> Vec<Mention<'t>>;
    /// True when the text between two dates only joins them into a list
    /// (`, `, ` and `, `、`, `和`): such dates share a year.
    fn joins_list(&self, between: &str) -> bool;
    /// Names: gazetteer entities, Latin-script codes, and (where the script shows
    /// them) other proper names, sorted by position, without overlaps.
    fn extract_names<'t>(&self, text: &Folded<'t>, gazetteer: &Gazetteer) -> Vec<Mention<'t>>;
    /// True for a character that, next to a name written in Latin letters, makes
    /// it part of a longer word: letters and digits in English, ASCII letters and
    /// digits in Chinese (where Han characters abut names).
    fn is_name_char(&self, c: char) -> bool;
    /// True when the text holds `name` as a name: not inside a longer word (see
    /// [`Language::is_name_char`]).
    fn contains_verbatim(&self, text: &str, name: &str) -> bool {
        !name.is_empty()
            && text.match_indices(name).any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + name.len()..].chars().next();
                !before.is_some_and(|c| self.is_name_char(c))
                    && !after.is_some_and(|c| self.is_name_char(c))
            })
    }
    /// True when `inner` is written inside the longer name `outer`: as whole words
    /// in English (`Europe` in `Council of Europe`), as a substring in Chinese.
    fn name_inside(&self, inner: &str, outer: &str) -> bool;
    /// The look-ups the entity check makes in one text of this language, built on
    /// first use (`free` marks, per character, those no recognised name covers).
    fn name_index<'a>(&self, text: &'a str, free: &[bool]) -> Box<dyn NameIndex + 'a>;
    /// Loose renderings of names in a text whose names that the other side also
    /// names are masked out (see [`LooseIndex`]).
    fn loose_index<'a>(&self, masked: &'a str) -> Box<dyn LooseIndex + 'a>;
    /// Romanizations of a span of this language's text for comparing names across
    /// scripts: pinyin readings for Chinese, lowercase letters for English.
    fn romanize(&self, text: &str) -> Vec<String>;
    /// True when a glossary term of this language is matched without regard to
    /// case and as whole words (Latin-script terms); otherwise it is matched as
    /// written, anywhere (Han terms, which have no case and no spaces).
    fn folds_term(&self, term: &str) -> bool {
        term.is_ascii()
    }
    /// True when a Latin-script name reads as a romanization of a name in this
    /// language (`Feng Yujun`, `Tianwan` for Chinese): such a name, absent from the
    /// name lists, should still be found in this language's text.
    fn is_romanized_name(&self, _name: &str) -> bool {
        false
    }
    /// True when a Latin-script name reads as the romanized name of a person of
    /// this language (`Zhou Haitao` for Chinese): it is then a sure person's name.
    fn romanized_person(&self, _name: &str) -> bool {
        false
    }
    /// How Latin-script text writes a person's name written in this language's
    /// script (`周海涛`: Zhou Haitao, Haitao Zhou, Chou Hai-t'ao); `None` for a name
    /// not in this language's script.
    fn person_readings(&self, _name: &str) -> Option<PersonReadings> {
        None
    }
    /// True when `written`, a name in this language's script, is a rendering of the
    /// Latin-script name `latin`: the same person's name in pinyin (surnames
    /// compared exactly), or a transliterated foreign name.
    fn transliterates(&self, _written: &str, _latin: &str) -> bool {
        false
    }
    /// The keys of the country (and its territories) whose texts in this language
    /// name it only by implication (`国内`, domestic, is China in Chinese text): a
    /// name of it in a translation is an explicitation. None for a language of
    /// many countries.
    fn home(&self) -> Option<&'static [&'static str]> {
        None
    }
    /// True when `text` refers to the home country only by implication (`回国`,
    /// `国内`): a translation may then name it.
    fn implies_home(&self, _text: &str) -> bool {
        false
    }
    /// For each one-character abbreviation in loose use outside recognised names
    /// (`free` marks the characters no name covers), the keys it names: Chinese
    /// writes `脱欧` (leave the EU) or `中餐` (Chinese food). Other languages: none.
    fn loose_abbreviations(
        &self,
        _text: &str,
        _free: &[bool],
        _gazetteer: &Gazetteer,
    ) -> Vec<Vec<String>> {
        Vec::new()
    }
}

/// Names of one text, looked up by the entity check.
pub trait NameIndex {
    /// True when a Latin-script name (`Feng Yujun`, `Rahmon`) is found
    /// transliterated in the text, outside recognised names. `budget` bounds the
    /// work of all such look-ups in a pair: when it runs out, the answer is yes
    /// (a name not checked is not reported).
    fn romanized(&self, name: &str, budget: &std::cell::Cell<usize>) -> bool;
    /// True when the text writes `name` (of this language) with one character
    /// replaced by another, or by characters read the same: a variant
    /// transliteration (`肖尔茨` for `朔尔茨`). Languages without such variants: no.
    fn variant(&self, _name: &str, _budget: &std::cell::Cell<usize>) -> bool {
        false
    }
    /// True when the text writes the person's name (see [`writes_person`]).
    /// Languages written in Latin letters answer; others: no.
    fn person(&self, _readings: &PersonReadings) -> bool {
        false
    }
}

/// One text with the names the other side also names masked out, for finding a
/// name written loosely: in another case or inside a longer word (`Macedonians`
/// for `Macedonia`) in English, without a prefix or generic suffix in Chinese
/// (`圣马丁` for `法属圣马丁`).
pub trait LooseIndex {
    /// True when the text holds one of `names` (an entity's names in this
    /// language) loosely; `written` is the mention as the other side wrote it, and
    /// `place` says the entity is a place rather than an organisation.
    fn holds(&self, names: &[&str], written: &str, place: bool) -> bool;
}

/// Names (entities) in a text.
pub fn extract_names<'t>(
    lang: &dyn Language,
    text: &'t str,
    gazetteer: &Gazetteer,
) -> Vec<Mention<'t>> {
    names(lang, &Folded::new(text), gazetteer)
}

/// Names (entities) in a folded text.
pub fn names<'t>(
    lang: &dyn Language,
    folded: &Folded<'t>,
    gazetteer: &Gazetteer,
) -> Vec<Mention<'t>> {
    resolve_overlaps(lang.extract_names(folded, gazetteer))
}

/// Every language, in a fixed order.
pub static LANGUAGES: &[&dyn Language] = &[&en::English, &zh::Chinese];

/// Looks a language up by code (case-insensitive; `zh-CN`, `zh-Hans` and `en-US`
/// resolve to their base language).
pub fn by_code(code: &str) -> Option<&'static dyn Language> {
    let base = code
        .split(['-', '_'])
        .next()
        .unwrap_or(code)
        .to_ascii_lowercase();
    LANGUAGES.iter().copied().find(|l| l.code() == base)
}

/// Codes of all supported languages, for messages.
pub fn supported_codes() -> String {
    LANGUAGES
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Detects the language of a text from its scripts.
pub fn detect(text: &str) -> Option<&'static dyn Language> {
    detect_counts(&ScriptCounts::of(text)).ok()
}

/// Detects a language from script counts; on failure says which script was seen.
pub fn detect_counts(c: &ScriptCounts) -> Result<&'static dyn Language, &'static str> {
    if c.total() == 0 {
        return Err("no letters");
    }
    let mut best: Option<(&'static dyn Language, f64)> = None;
    for l in LANGUAGES {
        let fit = l.script_fit(c);
        if fit > 0.0 && best.is_none_or(|(_, b)| fit > b) {
            best = Some((*l, fit));
        }
    }
    match best {
        Some((l, _)) => Ok(l),
        None => Err(dominant_script(c)),
    }
}

fn dominant_script(c: &ScriptCounts) -> &'static str {
    let all = [
        (c.kana, "Japanese kana"),
        (c.hangul, "Hangul"),
        (c.cyrillic, "Cyrillic"),
        (c.other_letters, "a script"),
        (c.han, "Han"),
        (c.latin, "Latin"),
    ];
    all.iter()
        .max_by_key(|(n, _)| *n)
        .map(|(_, s)| *s)
        .unwrap_or("unknown")
}

/// Extracts number and date mentions of a text and fills in years that dates
/// inherit from their paragraph.
pub fn extract_quantities<'t>(lang: &dyn Language, text: &'t str) -> Vec<Mention<'t>> {
    quantities(lang, &Folded::new(text))
}

/// Number and date mentions of a folded text, with inherited years.
pub fn quantities<'t>(lang: &dyn Language, folded: &Folded<'t>) -> Vec<Mention<'t>> {
    quantities_dated(lang, folded, None)
}

/// Number and date mentions of a folded text, with months and years inherited
/// from the paragraph and, failing that, from the document's date.
pub fn quantities_dated<'t>(
    lang: &dyn Language,
    folded: &Folded<'t>,
    document: Option<DocumentDate>,
) -> Vec<Mention<'t>> {
    let mut mentions = resolve_overlaps(lang.extract_quantities(folded));
    inherit_months(&mut mentions, document);
    let mut mentions = inherit_years(lang, folded, mentions);
    if let Some(doc) = document {
        document_years(&mut mentions, doc);
    }
    mentions
}

/// A day of the month alone (`9日`, `on the 9th`) takes the month of the nearest
/// date before it in the same text that states a month and no part of it (a
/// dateline: `新华社北京2月8日电 … 9日`), with its year; failing that, the month of
/// the document's date when the day is not after the document's day (a later day
/// may be this month's future or last month's past, so it stays without a month).
fn inherit_months(ms: &mut [Mention<'_>], document: Option<DocumentDate>) {
    let mut last: Option<(u8, Option<i32>, Option<i8>)> = None;
    for m in ms.iter_mut() {
        let Value::Date(d) = &mut m.value else {
            continue;
        };
        let day_alone = d.day.is_some()
            && d.month.is_none()
            && d.year.is_none()
            && d.relative_year.is_none()
            && d.part.is_none();
        if day_alone {
            let from_doc = || {
                document
                    .filter(|doc| d.day.is_some_and(|x| x <= doc.day))
                    .map(|doc| (doc.month, Some(doc.year), None))
            };
            if let Some((mo, y, rel)) = last.or_else(from_doc) {
                d.month = Some(mo);
                d.month_inherited = true;
                if let Some(y) = y {
                    d.year = Some(y);
                    d.year_inherited = true;
                }
                d.relative_year = rel;
                if let Some(day) = d.day {
                    d.invalid = !crate::extract::date::is_valid(d.year, mo, day);
                }
            }
        } else if let Some(mo) = d.month.filter(|_| d.part.is_none() && !d.month_inherited) {
            last = Some((mo, d.year, d.relative_year));
        }
    }
}

/// Dates still without a year (`2月11日`) take the document's year when their
/// month is not after the document's month.
fn document_years(ms: &mut [Mention<'_>], doc: DocumentDate) {
    for m in ms.iter_mut() {
        let Value::Date(d) = &mut m.value else {
            continue;
        };
        if d.year.is_none()
            && d.relative_year.is_none()
            && d.decade_of_century.is_none()
            && d.month.is_some_and(|mo| mo <= doc.month)
        {
            d.year = Some(doc.year);
            d.year_inherited = true;
            if let (Some(mo), Some(day)) = (d.month, d.day) {
                d.invalid = !crate::extract::date::is_valid(d.year, mo, day);
            }
        }
    }
}

/// A date without a year takes one from its list (`March 2, October 12, and
/// November 14, 2022`) or else from the nearest explicit year before it in the
/// same text (`In June 2022 … In September`), or after it when none precedes.
fn inherit_years<'t>(
    lang: &dyn Language,
    f: &Folded<'t>,
    mut ms: Vec<Mention<'t>>,
) -> Vec<Mention<'t>> {
    let dates: Vec<usize> = ms
        .iter()
        .enumerate()
        .filter(|(_, m)| matches!(m.kind, Kind::Date | Kind::DateRange))
        .map(|(i, _)| i)
        .collect();
    let year_of = |m: &Mention| match &m.value {
        Value::Date(d) if d.relative_year.is_none() && !d.year_inherited => d.year,
        _ => None,
    };
    // Groups of dates joined into a list.
    let mut group_year: Vec<Option<i32>> = vec![None; ms.len()];
    let mut g_start = 0;
    while g_start < dates.len() {
        let mut g_end = g_start;
        while g_end + 1 < dates.len() {
            let (a, b) = (&ms[dates[g_end]], &ms[dates[g_end + 1]]);
            if lang.joins_list(f.folded_between(a.end, b.start)) {
                g_end += 1;
            } else {
                break;
            }
        }
        let group = &dates[g_start..=g_end];
        let years: Vec<i32> = group.iter().filter_map(|&i| year_of(&ms[i])).collect();
        if let Some(&y) = years.first()
            && years.iter().all(|&x| x == y)
        {
            for &i in group {
                group_year[i] = Some(y);
            }
        }
        g_start = g_end + 1;
    }
    let explicit: Vec<(usize, i32)> = dates
        .iter()
        .filter_map(|&i| year_of(&ms[i]).map(|y| (ms[i].start, y)))
        .collect();
    for &i in &dates {
        let m = &ms[i];
        let Value::Date(d) = &m.value else { continue };
        let wants_year = d.year.is_none()
            && d.relative_year.is_none()
            && d.decade_of_century.is_none()
            && (d.month.is_some() || d.part.is_some());
        if !wants_year {
            continue;
        }
        // `explicit` is in text order: the last one before, else the first after.
        let k = explicit.partition_point(|(pos, _)| *pos < m.start);
        let inherited = group_year[i].or_else(|| {
            k.checked_sub(1)
                .map(|k| explicit[k])
                .or_else(|| {
                    explicit[k..]
                        .iter()
                        .find(|(pos, _)| *pos > m.start)
                        .copied()
                })
                .map(|(_, y)| y)
        });
        if let (Some(y), Value::Date(d)) = (inherited, &mut ms[i].value) {
            d.year = Some(y);
            // A list states its year for every member; only a year taken from
            // elsewhere in the paragraph is marked as inherited.
            d.year_inherited = group_year[i].is_none();
            if let (Some(mo), Some(day)) = (d.month, d.day) {
                d.invalid = !crate::extract::date::is_valid(Some(y), mo, day);
            }
        }
    }
    ms
}

/// How a person's name may be written in Latin letters: the spellings of the
/// surname (pinyin, Wade-Giles, Cantonese, Korean, Japanese) and of the given
/// name, as lowercase letters without spaces or hyphens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonReadings {
    pub surnames: Vec<String>,
    pub given: Vec<String>,
    /// Surnames whose given name no list reads (a Japanese surname of two or more
    /// characters before a given name the list lacks): any capitalised word
    /// beside them is taken as the given name.
    pub open_surnames: Vec<String>,
}

/// One word of a Latin-script text for finding a person's name: lowercase
/// letters without diacritics, whether it was capitalised, and whether a hyphen
/// joins it to the next word (`Ju-ae`, `Ing-wen`).
#[derive(Debug, Clone)]
pub struct NameWord {
    pub lower: String,
    pub capital: bool,
    pub hyphen: bool,
}

/// The words of a Latin-script text (letters of any script, tone marks and
/// other diacritics removed: `Zhōu` is `zhou`).
pub fn name_words(text: &str) -> Vec<NameWord> {
    use unicode_normalization::UnicodeNormalization;
    let mut out: Vec<NameWord> = Vec::new();
    let mut cur: Option<NameWord> = None;
    for c in text.chars() {
        if c.is_alphabetic() && !crate::text::is_han(c) {
            let w = cur.get_or_insert_with(|| NameWord {
                lower: String::new(),
                capital: c.is_uppercase(),
                hyphen: false,
            });
            for d in c.to_lowercase().nfd() {
                if d.is_alphabetic() && !unicode_normalization::char::is_combining_mark(d) {
                    w.lower.push(d);
                }
            }
        } else if c == '\'' || c == '’' {
            // `T'ang`, `Ts'ai`: Wade-Giles aspiration marks stay inside the word.
            if cur.is_none() {
                continue;
            }
        } else if let Some(mut w) = cur.take() {
            w.hyphen = matches!(c, '-' | '‐' | '–');
            out.push(w);
        }
    }
    out.extend(cur);
    out
}

/// Korean spellings compared loosely: the Revised Romanization and the older
/// McCune–Reischauer forms real texts use (`Sol-ju` for 설주 `seolju`, `Jong-un`),
/// and the `oo` of informal spellings (`Joo-ae` for 주애 `juae`).
fn korean_key(s: &str) -> String {
    let s = s
        .replace("oo", "u")
        .replace("wu", "u")
        .replace("eo", "o")
        .replace("eu", "u")
        .replace("ae", "e")
        .replace("oe", "e")
        .replace("ch", "j");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            'g' => 'k',
            'd' => 't',
            'b' => 'p',
            'r' => 'l',
            c => c,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// True when `written` (a given name as letters) reads as one of `given`: the
/// same letters, the same Korean key, or a close consonant skeleton (Wade-Giles
/// and Cantonese spellings of a given name: `Ing-wen` for `yingwen`, `Hsien Loong`
/// for `xianlong`). The surname is compared exactly elsewhere: a skeleton never
/// decides whose family a name belongs to.
pub fn given_matches(written: &str, given: &[String]) -> bool {
    given.iter().any(|g| {
        g == written
            || korean_key(g) == korean_key(written)
            // `Jung`, `Sung`, `Hyun` for 정 `jeong`, 성 `seong`, 현 `hyeon`.
            || (g.contains("eo") && korean_key(&g.replace("eo", "u")) == korean_key(written))
            || (g.len() >= 4 && written.len() >= 4 && {
                let (a, b) = (
                    crate::lang::zh::skeleton_of(g),
                    crate::lang::zh::skeleton_of(written),
                );
                a.len() >= 2
                    && crate::text::levenshtein_at_least(&a, &b, 0.75)
                    && strsim::jaro_winkler(g, written) >= 0.75
            })
    })
}

/// Where each lowercase word of a text occurs.
pub type WordPositions = foldhash::HashMap<String, Vec<u32>>;

/// The positions of each word.
pub fn word_positions(words: &[NameWord]) -> WordPositions {
    let mut at = WordPositions::default();
    for (i, w) in words.iter().enumerate() {
        at.entry(w.lower.clone()).or_default().push(i as u32);
    }
    at
}

/// Titles after which a surname alone names the person (`Mr Zhou`).
const TITLES: &[&str] = &[
    "mr",
    "ms",
    "mrs",
    "miss",
    "dr",
    "prof",
    "professor",
    "president",
    "premier",
    "minister",
    "chairman",
    "chairwoman",
    "director",
    "reporter",
    "secretary",
    "general",
    "madam",
    "mister",
    "governor",
    "mayor",
    "ambassador",
    "judge",
    "coach",
];

/// True when the words write the person: a surname spelling as a capitalised
/// word with the given name in the one or two capitalised words after it or
/// before it (`Zhou Haitao`, `Haitao Zhou`, `Kim Ju-ae`), or the surname alone
/// after a title (`Mr Zhou`). `at` lists where each lowercase word occurs.
pub fn writes_person(words: &[NameWord], at: &WordPositions, p: &PersonReadings) -> bool {
    let joined =
        |a: usize, b: usize| -> String { words[a..b].iter().map(|w| w.lower.as_str()).collect() };
    let open = p.open_surnames.iter().any(|s| {
        at.get(s.as_str()).is_some_and(|ps| {
            ps.iter().any(|&i| {
                let i = i as usize;
                words[i].capital
                    && ((i + 1 < words.len() && words[i + 1].capital)
                        || (i >= 1 && words[i - 1].capital))
            })
        })
    });
    open || p.surnames.iter().any(|s| {
        at.get(s.as_str()).is_some_and(|ps| {
            ps.iter().any(|&i| {
                let i = i as usize;
                if !words[i].capital {
                    return false;
                }
                // The given name after the surname (one word, or two joined by a
                // hyphen or both capitalised), or before it.
                let mut forms: Vec<String> = Vec::new();
                if i + 1 < words.len() && words[i + 1].capital {
                    forms.push(joined(i + 1, i + 2));
                    if i + 2 < words.len() && (words[i + 1].hyphen || words[i + 2].capital) {
                        forms.push(joined(i + 1, i + 3));
                    }
                }
                if i >= 1 && words[i - 1].capital {
                    forms.push(joined(i - 1, i));
                    if i >= 2 && (words[i - 2].hyphen || words[i - 2].capital) {
                        forms.push(joined(i - 2, i));
                    }
                }
                if forms.iter().any(|f| given_matches(f, &p.given)) {
                    return true;
                }
                // A given name no list reads (a Japanese one): the surname decides.
                if p.given.is_empty() && !forms.is_empty() {
                    return true;
                }
                let titled = i >= 1 && TITLES.contains(&words[i - 1].lower.as_str());
                titled && !(i + 1 < words.len() && words[i + 1].capital)
            })
        })
    })
}
