//! Chinese (Simplified and Traditional): Arabic and Chinese numerals, 万/亿 scales,
//! fractions, percentages, ordinals, money, approximations, ranges, and dates.

/// Whether the character `$c` is one of the characters of the string `$set` (a
/// constant), through a [`CharSet`] built once for the call site: `str::contains`
/// searches for a non-ASCII character's bytes as a substring and pays a
/// searcher's set-up on every call.
macro_rules! one_of {
    ($set:expr, $c:expr) => {{
        // Items are not hygienic: a name no caller's set has.
        static ONE_OF_CHAR_SET: std::sync::LazyLock<$crate::lang::zh::CharSet> =
            std::sync::LazyLock::new(|| $crate::lang::zh::CharSet::new($set.chars()));
        ONE_OF_CHAR_SET.contains($c)
    }};
}

mod dates;
mod names;
mod numbers;
mod persons;

/// True when a Latin-script name reads as a Chinese or Korean person's name: a
/// listed surname spelling first or last, and a given name of pinyin syllables or
/// two hyphenated syllables (`Zhou Haitao`, `Haitao Zhou`, `Kim Ju-ae`,
/// `Tsai Ing-wen`).
pub(crate) fn persons_romanized(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    if !(2..=3).contains(&words.len())
        || !words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
        })
    {
        return false;
    }
    let lower = |w: &str| w.to_lowercase();
    let given_ok = |ws: &[&str]| {
        ws.len() <= 2
            && ws.iter().all(|w| {
                let parts: Vec<&str> = w.split('-').collect();
                (parts.len() == 2 && parts.iter().all(|p| (1..=5).contains(&p.len())))
                    || names::is_pinyin_name(w)
                    || (w.len() <= 6 && names::is_pinyin_name(&format!("{w} {w}")))
            })
    };
    (persons::is_surname_spelling(&lower(words[0])) && given_ok(&words[1..]))
        || (persons::is_surname_spelling(&lower(words[words.len() - 1]))
            && given_ok(&words[..words.len() - 1]))
}

/// The consonant skeleton of a romanized name (see `names::skeleton`).
pub(crate) fn skeleton_of(s: &str) -> String {
    names::skeleton(s)
}

/// A small set of characters, tested per character of a text: a 1,024-bit
/// filter on the low bits of the code point rejects most characters (Han
/// characters spread evenly over those bits) before a binary search of the
/// sorted set.
pub(crate) struct CharSet {
    mask: [u64; 16],
    chars: Vec<char>,
}

impl CharSet {
    pub(crate) fn new(chars: impl Iterator<Item = char>) -> Self {
        let mut chars: Vec<char> = chars.collect();
        chars.sort_unstable();
        chars.dedup();
        let mut mask = [0u64; 16];
        for &c in &chars {
            let bit = c as usize & 1023;
            mask[bit >> 6] |= 1 << (bit & 63);
        }
        CharSet { mask, chars }
    }

    pub(crate) fn contains(&self, c: char) -> bool {
        let bit = c as usize & 1023;
        self.mask[bit >> 6] & (1 << (bit & 63)) != 0 && self.chars.binary_search(&c).is_ok()
    }
}

use super::Language;
use crate::extract::Mention;
use crate::extract::number::{parse_decimal, pow10};
use crate::gazetteer::Gazetteer;
use crate::text::{Folded, ScriptCounts};
use rust_decimal::Decimal;

/// Chinese.
#[derive(Debug)]
pub struct Chinese;

impl Language for Chinese {
    fn code(&self) -> &'static str {
        "zh"
    }

    fn name(&self) -> &'static str {
        "Chinese"
    }

    fn script_fit(&self, c: &ScriptCounts) -> f64 {
        if c.kana > 0 && c.kana * 20 >= c.han {
            // Japanese mixes kana into Han text.
            return 0.0;
        }
        let total = c.total() as f64;
        // Han characters carry more per letter than Latin ones: weigh them up.
        let han = c.han as f64 * 3.0;
        let share = han / (han + (total - c.han as f64));
        if share >= 0.5 { share } else { 0.0 }
    }

    fn extract_quantities<'t>(&self, text: &Folded<'t>) -> Vec<Mention<'t>> {
        let view = View::new(text);
        let mut used = vec![false; view.cs.len()];
        let mut out = dates::find(&view, &mut used);
        out.extend(numbers::find(&view, &mut used));
        out
    }

    fn extract_names<'t>(&self, text: &Folded<'t>, gazetteer: &Gazetteer) -> Vec<Mention<'t>> {
        names::find(text, gazetteer)
    }

    fn is_name_char(&self, c: char) -> bool {
        // A Latin name in Chinese text stands between Han characters or spaces.
        c.is_ascii_alphanumeric()
    }

    fn name_inside(&self, inner: &str, outer: &str) -> bool {
        inner.chars().count() >= 2 && outer.len() > inner.len() && outer.contains(inner)
    }

    fn name_index<'a>(&self, text: &'a str, free: &[bool]) -> Box<dyn super::NameIndex + 'a> {
        Box::new(names::Index::new(text, free))
    }

    fn loose_index<'a>(&self, masked: &'a str) -> Box<dyn super::LooseIndex + 'a> {
        Box::new(names::Loose::new(masked))
    }

    fn loose_abbreviations(
        &self,
        text: &str,
        free: &[bool],
        gazetteer: &Gazetteer,
    ) -> Vec<Vec<String>> {
        names::loose(text, free, gazetteer)
    }

    fn is_romanized_name(&self, name: &str) -> bool {
        names::is_pinyin_name(name)
    }

    fn romanized_person(&self, name: &str) -> bool {
        persons_romanized(name)
    }

    fn person_readings(&self, name: &str) -> Option<super::PersonReadings> {
        names::has_han(name).then(|| persons::readings(name))
    }

    fn transliterates(&self, written: &str, latin: &str) -> bool {
        if !names::has_han(written) || !latin.is_ascii() {
            return false;
        }
        let mut words = super::name_words(latin);
        // `Reporter Zhao Haitao`: a title before the name.
        let tail = latin.split_once(' ').map(|(_, t)| t);
        if !persons_romanized(latin) && tail.is_some_and(persons_romanized) {
            words.remove(0);
        }
        if persons_romanized(latin)
            || tail.is_some_and(persons_romanized)
            || names::is_pinyin_name(latin)
        {
            let at = super::word_positions(&words);
            return super::writes_person(&words, &at, &persons::readings(written));
        }
        // A foreign name in Chinese characters: a close consonant skeleton.
        let letters: String = words.iter().map(|w| w.lower.as_str()).collect();
        let sk = names::skeleton(&letters);
        names::pinyin(written).iter().any(|r| {
            let rk = names::skeleton(r);
            sk.len() >= 2
                && crate::text::levenshtein_at_least(&sk, &rk, 0.75)
                && strsim::jaro_winkler(&letters, r) >= 0.6
        })
    }

    fn home(&self) -> Option<&'static [&'static str]> {
        Some(&["CN", "TW", "HK", "MO"])
    }

    fn implies_home(&self, text: &str) -> bool {
        [
            "回国", "归国", "国内", "我国", "本国", "全国", "国产", "在华", "来华", "访华",
        ]
        .iter()
        .any(|w| text.contains(w))
    }

    fn romanize(&self, text: &str) -> Vec<String> {
        if names::has_han(text) {
            names::pinyin(text)
        } else {
            vec![text.to_ascii_lowercase()]
        }
    }

    fn joins_list(&self, between: &str) -> bool {
        matches!(
            between.trim(),
            "" | "、"
                | "和"
                | "及"
                | "以及"
                | "与"
                | "或"
                | "至"
                | "到"
                | "-"
                | "—"
                | "－"
                | "~"
                | "～"
                | "，"
        )
    }
}

/// The folded text with the spaces that typesetting puts between digits and Han
/// characters removed (`2018 年 9 月`, `38 万`, `3.70 %`), so patterns need not
/// allow for them. Positions map back to the original text.
pub(crate) struct View<'a, 'b> {
    f: &'a Folded<'b>,
    /// Characters of the compacted text.
    pub cs: Vec<char>,
    /// The compacted text as a string, for automata.
    pub text: String,
    /// Folded byte offset of each compacted character.
    map: Vec<u32>,
    /// Byte offset in `text` of each compacted character, plus the end.
    starts: Vec<u32>,
}

impl<'a, 'b> View<'a, 'b> {
    pub fn new(f: &'a Folded<'b>) -> Self {
        let folded: &str = &f.folded;
        let is_space = |c: char| matches!(c, ' ' | '\u{a0}' | '\t');
        let digitish = |c: char| c.is_ascii_digit();
        // Spaces inside a numeral: 一百 五 十 二, 二十 億, 十 余 万.
        let numeral =
            |c: char| is_numeral(c) || c.is_ascii_digit() || matches!(c, '余' | '多' | '几' | '点');
        let joinable = |c: char| crate::text::is_han(c) || matches!(c, '%' | ':');
        let mut cs = Vec::with_capacity(folded.len() / 2);
        let mut map: Vec<u32> = Vec::with_capacity(folded.len() / 2 + 1);
        // Whether a run of spaces was left out: until one is, the compacted text is
        // the folded one, and its character starts are the folded offsets.
        let mut dropped = false;
        let mut push = |cs: &mut Vec<char>, b: usize, c: char| {
            cs.push(c);
            map.push(b as u32);
        };
        let mut it = folded.char_indices().peekable();
        while let Some((b, c)) = it.next() {
            if is_space(c) {
                // The run of spaces, and the character after it.
                let mut run = vec![(b, c)];
                while let Some(&(b2, c2)) = it.peek() {
                    if !is_space(c2) {
                        break;
                    }
                    run.push((b2, c2));
                    it.next();
                }
                let (a, n) = (cs.last().copied(), it.peek().map(|&(_, n)| n));
                let drop = match (a, n) {
                    (Some(a), Some(n)) => {
                        (digitish(a) && joinable(n))
                            || (joinable(a) && a != '%' && digitish(n))
                            || (numeral(a) && numeral(n) && !(digitish(a) && digitish(n)))
                    }
                    _ => false,
                };
                if drop {
                    dropped = true;
                } else {
                    for (b, c) in run {
                        push(&mut cs, b, c);
                    }
                }
                continue;
            }
            push(&mut cs, b, c);
        }
        let (text, starts) = if dropped {
            let mut text = String::with_capacity(folded.len());
            let mut starts = Vec::with_capacity(cs.len() + 1);
            for &c in &cs {
                starts.push(text.len() as u32);
                text.push(c);
            }
            starts.push(text.len() as u32);
            (text, starts)
        } else {
            let mut starts = map.clone();
            starts.push(folded.len() as u32);
            (folded.to_owned(), starts)
        };
        View {
            f,
            cs,
            text,
            map,
            starts,
        }
    }

    /// Original byte span and text of the compacted range `[s, e)`.
    pub fn span(&self, s: usize, e: usize) -> (usize, usize, &'b str) {
        let end_of_text = self.f.folded.len();
        let fs = self.map.get(s).map_or(end_of_text, |&b| b as usize);
        let fe = if e == 0 {
            fs
        } else {
            self.map
                .get(e - 1)
                .map_or(end_of_text, |&b| b as usize + self.cs[e - 1].len_utf8())
        };
        let (os, oe) = self.f.span(fs, fe.max(fs));
        (os, oe, &self.f.original[os..oe])
    }

    /// Compacted character offset of a byte offset in `text`.
    pub fn char_at(&self, b: usize) -> usize {
        self.starts.partition_point(|&x| (x as usize) < b)
    }
}

/// True when the characters at `i` spell `w` (compared as they come, so that a
/// mismatch on the first character costs one comparison).
/// The words of the jieba dictionary that start at character `k` of `text`
/// (`bs`: the characters' byte offsets), as (length in characters, frequency, tag).
pub(crate) fn words_at<'a>(
    text: &'a str,
    bs: &'a [usize],
    k: usize,
) -> impl Iterator<Item = (usize, u32, &'static str)> + 'a {
    use crate::lexicon::WORDS;
    let from = bs.get(k).copied().unwrap_or(text.len());
    WORDS.prefixes(&text[from..]).filter_map(move |(len, row)| {
        let chars = bs[k..].partition_point(|&b| b < from + len);
        let freq: u32 = WORDS.column(row, 1)?.parse().ok()?;
        Some((chars, freq, WORDS.column(row, 2).unwrap_or("")))
    })
}

pub(crate) fn starts_with(cs: &[char], i: usize, w: &str) -> bool {
    (i..).zip(w.chars()).all(|(k, c)| cs.get(k) == Some(&c))
}

/// Value of a Chinese digit character (including formal and `两`, `〇`).
pub(crate) fn digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '0' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '貳' | '贰' | '兩' | '俩' | '倆' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Small unit characters: 十, 百, 千 (and formal forms).
pub(crate) fn small_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 1,
        '百' | '佰' => 2,
        '千' | '仟' => 3,
        _ => return None,
    })
}

/// Large unit characters: 万, 亿.
pub(crate) fn big_unit(c: char) -> Option<u32> {
    Some(match c {
        '万' | '萬' => 4,
        '亿' | '億' => 8,
        _ => return None,
    })
}

/// Any character that can be part of a Chinese numeral.
pub(crate) fn is_numeral(c: char) -> bool {
    digit(c).is_some() || small_unit(c).is_some() || big_unit(c).is_some() || c == '廿' || c == '卅'
}

/// Parses a Chinese integer numeral: `一千五百三十九`, `两万`, `十二亿三千四百万`,
/// `二〇二二` (digit by digit), `廿一`.
pub(crate) fn parse_int(cs: &[char]) -> Option<Decimal> {
    // No numeral is this long (the largest decimal has 29 digits); a longer run
    // (`亿亿亿…`) is no number, and is not read in time and stack of its length.
    if cs.is_empty() || cs.len() > 64 {
        return None;
    }
    // Digit-by-digit form: 二〇二二, 一九九零.
    if cs.len() >= 2 && cs.iter().all(|&c| digit(c).is_some()) {
        let mut v = Decimal::ZERO;
        for &c in cs {
            v = v
                .checked_mul(Decimal::TEN)?
                .checked_add(Decimal::from(digit(c)?))?;
        }
        return Some(v);
    }
    // Split at the last 亿, then the last 万.
    for (unit, pow) in [('亿', 8), ('億', 8), ('万', 4), ('萬', 4)] {
        if let Some(pos) = cs.iter().rposition(|&c| c == unit) {
            let high = if pos == 0 {
                Decimal::ONE
            } else {
                parse_int(&cs[..pos])?
            };
            let low = if pos + 1 < cs.len() {
                parse_low(&cs[pos + 1..], pow)?
            } else {
                Decimal::ZERO
            };
            return high.checked_mul(pow10(pow))?.checked_add(low);
        }
    }
    parse_section(cs)
}

/// The part after a 万/亿: `三千四百` in `十二亿三千四百万`; a lone digit after a
/// unit is an abbreviation (`一万五` = 15000).
fn parse_low(cs: &[char], pow: u32) -> Option<Decimal> {
    if cs.len() == 1
        && let Some(d) = digit(cs[0])
    {
        return Some(Decimal::from(d) * pow10(pow - 1));
    }
    parse_int(cs)
}

/// A numeral below ten thousand: `一千五百三十九`, `十五`, `三百零五`, `廿一`.
fn parse_section(cs: &[char]) -> Option<Decimal> {
    let mut total: u32 = 0;
    let mut num: Option<u32> = None;
    let mut last_unit = 4;
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if let Some(d) = digit(c) {
            if num.is_some() && d != 0 {
                return None;
            }
            if d != 0 {
                num = Some(d);
            }
        } else if let Some(u) = small_unit(c) {
            if u >= last_unit {
                return None;
            }
            let n = match num {
                Some(n) => n,
                // 十五 = 15: a leading 十 stands alone.
                None if u == 1 => 1,
                None => return None,
            };
            total += n * 10u32.pow(u);
            num = None;
            last_unit = u;
        } else if c == '廿' {
            total += 20;
            last_unit = 1;
        } else if c == '卅' {
            total += 30;
            last_unit = 1;
        } else {
            return None;
        }
        i += 1;
    }
    if let Some(n) = num {
        // 一千五 = 1500 (abbreviated trailing digit).
        let last_is_unit_after_unit = cs.len() >= 2
            && small_unit(cs[cs.len() - 2]).is_some()
            && digit(cs[cs.len() - 1]).is_some()
            && last_unit >= 2
            && !cs.contains(&'零')
            && !cs.contains(&'〇');
        if last_is_unit_after_unit {
            total += n * 10u32.pow(last_unit - 1);
        } else {
            total += n;
        }
    }
    Some(Decimal::from(total))
}

/// Parses a numeral with an optional decimal part: `一千五百三十九点三八五`.
pub(crate) fn parse_numeral(cs: &[char]) -> Option<Decimal> {
    if let Some(p) = cs.iter().position(|&c| c == '点' || c == '點') {
        let int = parse_int(&cs[..p])?;
        let frac = &cs[p + 1..];
        if frac.is_empty() {
            return None;
        }
        let mut s = String::from("0.");
        for &c in frac {
            s.push(char::from_digit(digit(c)?, 10)?);
        }
        return int.checked_add(parse_decimal(&s)?);
    }
    parse_int(cs)
}

#[cfg(test)]
mod tests;
