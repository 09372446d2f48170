//! Chinese, Korean and Japanese personal names written in Chinese characters,
//! found without a list of the people: a surname (`data/sinonym/surnames.tsv`, a
//! few compound surnames, Japanese surnames from IPAdic) followed by one or two
//! given-name characters (`data/sinonym/given.tsv`) or a Japanese given name, where
//! the words of the jieba dictionary do not read the characters otherwise
//! (`高度重视` is not a Gao, `马上` not a Ma) and the name is not a transliteration
//! (`马克龙`). Three-character names are sure; two-character ones only next to a
//! title or a verb of saying (`记者陈姗`, `何莹说`).
//!
//! Each name carries the ways Latin text writes it ([`PersonReadings`]): pinyin
//! in either order, the Wade-Giles and Cantonese surname spellings of
//! `data/sinonym/romanizations.tsv`, Korean readings (Unihan) and Japanese ones.

use crate::lang::PersonReadings;
use crate::lexicon::{GIVEN, JAPANESE, KOREAN, ROMANIZATIONS, SURNAMES, is_name_tag};
use std::sync::LazyLock;

/// Compound surnames (the sinonym list also holds given names of two characters).
const COMPOUND: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "皇甫", "司徒", "令狐", "宇文", "慕容", "夏侯", "尉迟", "长孙",
    "公孙", "端木", "独孤", "南宫", "轩辕", "东方",
];

/// Characters that mark a transliterated foreign name rather than a Chinese
/// given name (`马克龙`, `贝拉斯`).
const TRANSLIT: &str =
    "斯尔克特拉尼娅夫基诺姆布里乌蒂卡塔萨普奇科茨兹伯瓦维莱洛纳索杰迪艾埃奥赫德阿罗米慕";

/// Words before a name that show it is one (`记者`, `患者`, `总统`).
const TITLES_BEFORE: &[&str] = &[
    "记者",
    "患者",
    "教授",
    "医生",
    "老师",
    "主任",
    "经理",
    "局长",
    "部长",
    "总理",
    "主席",
    "书记",
    "总统",
    "市长",
    "省长",
    "董事长",
    "院长",
    "校长",
    "同学",
    "网友",
    "市民",
    "村民",
    "居民",
    "嘉宾",
    "主持人",
    "作者",
    "导演",
    "演员",
    "选手",
    "运动员",
    "教练",
    "律师",
    "法官",
    "专家",
    "研究员",
    "工程师",
    "博士",
    "委员",
    "代表",
    "发言人",
    "通讯员",
    "女儿",
    "儿子",
    "妻子",
    "丈夫",
    "夫人",
];
/// Words after a name that show it is one (`何莹说`, `陈先生`).
const CUES_AFTER: &[&str] = &[
    "说", "表示", "称", "介绍", "指出", "认为", "告诉", "透露", "强调", "坦言", "先生", "女士",
    "教授", "同志", "总统", "主席", "等人", "回忆", "笑着", "出席", "会见", "主持", "发表", "致辞",
    "宣布", "提出", "访问", "参加", "会谈", "通话", "当选",
];

/// Korean spellings of common surnames beside their Revised Romanization.
const KOREAN_SURNAMES: &[(&str, &[&str])] = &[
    ("金", &["kim"]),
    ("李", &["lee", "yi", "rhee", "ri", "i"]),
    ("朴", &["park", "pak", "bak"]),
    ("崔", &["choi", "choe"]),
    ("郑", &["jung", "chung", "jeong"]),
    ("姜", &["kang"]),
    ("赵", &["cho", "jo"]),
    ("尹", &["yoon", "yun"]),
    ("张", &["jang", "chang"]),
    ("林", &["lim", "im"]),
    ("吴", &["oh"]),
    ("申", &["shin"]),
    ("权", &["kwon"]),
    ("黄", &["hwang"]),
    ("安", &["ahn"]),
    ("柳", &["ryu", "yoo"]),
    ("全", &["jeon", "chun"]),
    ("高", &["ko"]),
    ("文", &["moon", "mun"]),
    ("孙", &["son"]),
    ("裴", &["bae"]),
    ("白", &["baek", "paek"]),
    ("许", &["heo", "hur"]),
    ("卢", &["roh", "noh"]),
    ("具", &["koo"]),
    ("成", &["sung"]),
    ("禹", &["woo"]),
    ("朱", &["joo"]),
    ("罗", &["na", "ra"]),
    ("闵", &["min"]),
    ("俞", &["yoo"]),
];

/// A personal name found in a text: its character range, whether it is sure,
/// and how Latin text writes it.
pub(super) struct Person {
    pub start: usize,
    pub end: usize,
    pub strong: bool,
}

/// The jieba words starting at character `k` (see [`super::words_at`]), as (length
/// in characters, frequency, is a name, tag).
fn words_at<'a>(
    text: &'a str,
    bs: &'a [usize],
    k: usize,
) -> impl Iterator<Item = (usize, u32, bool, &'static str)> + 'a {
    super::words_at(text, bs, k).map(|(chars, freq, tag)| {
        // The dictionary tags some frequent words as people (`周转`, `谢谢`,
        // `石英`): a frequent two-character `nr` is an ordinary word.
        let name = is_name_tag(tag) && !(chars == 2 && tag.starts_with("nr") && freq >= 300);
        (chars, freq, name, tag)
    })
}

/// True when a dictionary word that is not a name reads across the name's start
/// or end, or covers its first characters (`高度`, `马上`, `王国`).
fn vetoed(
    text: &str,
    bs: &[usize],
    cs: &[char],
    a: usize,
    b: usize,
    surname: usize,
    titled: bool,
) -> bool {
    let han = |k: usize| cs.get(k).is_some_and(|&c| crate::text::is_han(c));
    // A word (a name too: `亚马逊`) from the character before into the name, unless
    // a title ends there (`主任何立峰` is not `任何`).
    if !titled
        && a > 0
        && han(a - 1)
        && words_at(text, bs, a - 1).any(|(l, f, _, _)| l >= 2 && f >= 30)
    {
        return true;
    }
    // After a title, a frequent place name read across the title's end and the
    // name's start (`交通运输部长江航务管理局`: 长江, not a minister 江航务).
    if titled
        && a > 0
        && han(a - 1)
        && words_at(text, bs, a - 1)
            .any(|(l, f, _, tag)| l >= 2 && f >= 1000 && matches!(tag, "ns" | "nt"))
    {
        return true;
    }
    // A word starting at the name: the surname and the first given character, or
    // the whole name, read as a word.
    if words_at(text, bs, a).any(|(l, f, n, _)| l > surname && l <= b - a && !n && f >= 30) {
        return true;
    }
    // The given name as a very common word (`明天`), or a word from inside the name
    // past its end.
    for k in a + surname..b {
        for (l, f, n, _) in words_at(text, bs, k) {
            if l < 2 {
                continue;
            }
            if k + l > b && f >= 100 {
                return true;
            }
            if !n && k == a + surname && k + l == b && f >= 100 {
                return true;
            }
        }
    }
    false
}

fn starts(cs: &[char], k: usize, w: &str) -> bool {
    super::starts_with(cs, k, w)
}

/// True when a title stands before `a` (spaces between allowed).
fn titled(cs: &[char], a: usize) -> bool {
    let mut a = a;
    while a > 0 && cs[a - 1] == ' ' {
        a -= 1;
    }
    // The titles by their last character: only those ending right before `a`
    // are compared.
    static TITLES: LazyLock<foldhash::HashMap<char, Vec<(&str, usize)>>> = LazyLock::new(|| {
        let mut by_last: foldhash::HashMap<char, Vec<(&str, usize)>> = Default::default();
        for t in TITLES_BEFORE {
            if let Some(c) = t.chars().next_back() {
                by_last.entry(c).or_default().push((*t, t.chars().count()));
            }
        }
        by_last
    });
    a > 0
        && TITLES
            .get(&cs[a - 1])
            .is_some_and(|ts| ts.iter().any(|&(t, n)| a >= n && starts(cs, a - n, t)))
}

/// True when one of [`CUES_AFTER`] starts at `b`.
fn cue_after(cs: &[char], b: usize) -> bool {
    // The cues by their first character: only those starting with the one at `b`
    // are compared.
    static CUES: LazyLock<foldhash::HashMap<char, Vec<&str>>> = LazyLock::new(|| {
        let mut by_first: foldhash::HashMap<char, Vec<&str>> = Default::default();
        for w in CUES_AFTER {
            if let Some(c) = w.chars().next() {
                by_first.entry(c).or_default().push(*w);
            }
        }
        by_first
    });
    cs.get(b)
        .and_then(|c| CUES.get(c))
        .is_some_and(|ws| ws.iter().any(|w| starts(cs, b, w)))
}

/// True when a title stands before `a` or a cue after `b`.
fn cued(cs: &[char], a: usize, b: usize) -> bool {
    titled(cs, a) || cue_after(cs, b)
}

/// Characters after which a name ends its phrase (`金主爱一度`, `周海涛的`).
const AFTER_NAME: &str = "的在是和与也都就说还一等已曾则对向将被把于及称";

/// True when the name at `[a, b)` stands apart: nothing Han before it (the start,
/// punctuation or a space) and after it a particle, punctuation or the end.
fn bounded(cs: &[char], a: usize, b: usize) -> bool {
    let han = |k: usize| cs.get(k).is_some_and(|&c| crate::text::is_han(c));
    !(a > 0 && han(a - 1)) && (!han(b) || one_of!(AFTER_NAME, cs[b]))
}

/// A character common in given names (50 or more per million names).
fn is_given(c: char) -> bool {
    static GIVEN_CHARS: LazyLock<foldhash::HashSet<char>> = LazyLock::new(|| {
        first_rows(&GIVEN)
            .filter(|(_, cols)| number(cols.first()) >= 50.0)
            .map(|(c, _)| c)
            .collect()
    });
    GIVEN_CHARS.contains(&c)
}

/// A single-character surname common in names and not mostly an ordinary word:
/// its share of names (ppm) against its frequency as a word alone (`周`, `何`,
/// `金`; not `和`, `全`, `时`).
fn surname_char(c: char) -> bool {
    static SURNAME_CHARS: LazyLock<foldhash::HashSet<char>> = LazyLock::new(|| {
        first_rows(&SURNAMES)
            .filter(|(_, cols)| {
                let (ppm, freq) = (number(cols.first()), number(cols.get(1)));
                ppm >= 100.0 && ppm >= 0.1 * freq
            })
            .map(|(c, _)| c)
            .collect()
    });
    SURNAME_CHARS.contains(&c)
}

/// The rows of a lexicon keyed by one character, the first row of each key only
/// (as [`crate::lexicon::Lexicon::first`] reads), with their other columns: read
/// once into a set instead of a look-up per character of every text.
fn first_rows(
    lexicon: &'static crate::lexicon::Lexicon,
) -> impl Iterator<Item = (char, Vec<&'static str>)> {
    let mut last = None;
    lexicon.text_rows().filter_map(move |r| {
        let mut cols = r.split('\t');
        let mut key = cols.next()?.chars();
        let (Some(c), None) = (key.next(), key.next()) else {
            return None;
        };
        if last == Some(c) {
            return None;
        }
        last = Some(c);
        Some((c, cols.collect()))
    })
}

/// A number column (0 when absent or not a number).
fn number(col: Option<&&str>) -> f64 {
    col.and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

/// The personal names of a text, on the characters `covered` leaves free.
pub(super) fn find(text: &str, bs: &[usize], cs: &[char], covered: &[bool]) -> Vec<Person> {
    let mut out = Vec::new();
    let about_japan = ["日本", "日方", "东京", "首相", "日相"]
        .iter()
        .any(|w| text.contains(w));
    let free = |k: usize| k < cs.len() && !covered[k] && crate::text::is_han(cs[k]);
    let dot = |k: usize| cs.get(k).is_some_and(|c| matches!(c, '·' | '•' | '・'));
    let mut k = 0;
    while k < cs.len() {
        if !free(k) || (k > 0 && free(k - 1) && dot(k - 1)) {
            k += 1;
            continue;
        }
        // Japanese: a surname of two or three characters and a given name, in a
        // text about Japan.
        if about_japan && let Some(p) = japanese(text, bs, cs, k, &free) {
            k = p.end;
            out.push(p);
            continue;
        }
        let from = bs[k];
        let rest = &text[from..];
        static COMPOUND_FIRST: LazyLock<super::CharSet> =
            LazyLock::new(|| super::CharSet::new(COMPOUND.iter().filter_map(|c| c.chars().next())));
        let surname = if COMPOUND_FIRST.contains(cs[k])
            && COMPOUND.iter().any(|c| rest.starts_with(c))
            && free(k + 1)
        {
            2
        } else if surname_char(cs[k]) {
            1
        } else {
            k += 1;
            continue;
        };
        let g = k + surname;
        let given = (0..2)
            .take_while(|&i| free(g + i) && is_given(cs[g + i]))
            .count();
        let translit = |a: usize, b: usize| cs[a..b].iter().any(|&c| one_of!(TRANSLIT, c));
        // The first part of a foreign name written with a middle dot (`易卜` of
        // `易卜拉欣·莱西`): the run of Han characters goes on to the dot.
        let before_dot = |b: usize| {
            let mut k = b;
            while k < cs.len() && k < b + 6 && crate::text::is_han(cs[k]) {
                k += 1;
            }
            k > b && dot(k)
        };
        let mut found = None;
        for len in (1..=given).rev() {
            let (a, b) = (k, g + len);
            if dot(b)
                || before_dot(b)
                || translit(g, b)
                || vetoed(text, bs, cs, a, b, surname, titled(cs, a))
            {
                continue;
            }
            if cued(cs, a, b) || (len == 2 && bounded(cs, a, b)) {
                // A two-character name (a one-character given name) is sure only
                // where both its ends are clear: it may go on (`叶红专`, not `叶红`),
                // or end a word that began before it (`校董会主席`, not a person
                // `董会`). Three characters are sure as found.
                let han = |k: usize| cs.get(k).is_some_and(|&c| crate::text::is_han(c));
                let left = a == 0 || !han(a - 1) || titled(cs, a) || one_of!(AFTER_NAME, cs[a - 1]);
                let right = !han(b) || one_of!(AFTER_NAME, cs[b]) || cue_after(cs, b);
                found = Some(Person {
                    start: a,
                    end: b,
                    strong: len == 2 || (left && right),
                });
            }
            break;
        }
        match found {
            Some(p) => {
                k = p.end;
                out.push(p);
            }
            None => k += 1,
        }
    }
    out
}

fn japanese(
    text: &str,
    bs: &[usize],
    cs: &[char],
    k: usize,
    free: &dyn Fn(usize) -> bool,
) -> Option<Person> {
    let rest = &text[bs[k]..];
    let chars_of = |len: usize| bs[k..].partition_point(|&b| b < bs[k] + len);
    let surname = JAPANESE
        .prefixes(rest)
        .filter(|&(len, _)| JAPANESE.has(&rest[..len], "surname"))
        .map(|(len, _)| chars_of(len))
        .filter(|&n| n >= 2 && (k..k + n).all(free))
        .max()?;
    // A surname that is also a Chinese word (`中央`, `在原`) is not taken.
    if words_at(text, bs, k).any(|(l, ..)| l >= surname) {
        return None;
    }
    let common = false;
    let g = k + surname;
    let from = bs.get(g).copied()?;
    let listed = JAPANESE
        .prefixes(&text[from..])
        .filter(|&(len, _)| JAPANESE.has(&text[from..from + len], "given"))
        .map(|(len, _)| bs[g..].partition_point(|&b| b < from + len))
        .filter(|&n| (g..g + n).all(free))
        .max();
    // A given name the list lacks: two characters before a cue or the end of
    // the phrase (`西村康稔表示`).
    // A one-character given name listed (`康`) that a second character and a cue
    // follow is the first of two (`西村康稔出席`).
    let two = !common
        && (g..g + 2).all(free)
        && (cued(cs, k, g + 2) || cs.get(g + 2).is_none_or(|c| !crate::text::is_han(*c)));
    let given = match listed {
        Some(n) if n >= 2 => n,
        _ if two => 2,
        Some(n) => n,
        None => return None,
    };
    let b = g + given;
    if given < 2 && common {
        return None;
    }
    if vetoed(text, bs, cs, k, b, surname, titled(cs, k)) {
        return None;
    }
    Some(Person {
        start: k,
        end: b,
        strong: true,
    })
}

/// The ways Latin-script text writes the name `name` (Han characters).
pub(super) fn readings(name: &str) -> PersonReadings {
    let cs: Vec<char> = name.chars().collect();
    let mut out = PersonReadings::default();
    let push = |v: &mut Vec<String>, s: String| {
        if !s.is_empty() && !v.contains(&s) {
            v.push(s);
        }
    };
    // Japanese: a listed surname and given name.
    for n in (2..cs.len()).rev() {
        let (sur, giv): (String, String) = (cs[..n].iter().collect(), cs[n..].iter().collect());
        let sr: Vec<&str> = JAPANESE
            .get(&sur)
            .filter(|c| c.first() == Some(&"surname"))
            .flat_map(|c| c.get(1).copied().unwrap_or("").split('|'))
            .collect();
        let gr: Vec<&str> = JAPANESE
            .get(&giv)
            .filter(|c| c.first() == Some(&"given"))
            .flat_map(|c| c.get(1).copied().unwrap_or("").split('|'))
            .collect();
        if !sr.is_empty() && !gr.is_empty() {
            for s in sr {
                push(&mut out.surnames, s.to_string());
            }
            for g in gr {
                push(&mut out.given, g.to_string());
            }
        } else if n >= 2 && cs.len() - n == 2 {
            // `西村康稔`: the surname is listed, the given name is not.
            for s in sr {
                push(&mut out.open_surnames, s.to_string());
            }
        }
    }
    let n = if COMPOUND.iter().any(|c| name.starts_with(c)) {
        2
    } else {
        1
    };
    if cs.len() <= n {
        return out;
    }
    let sur: String = cs[..n].iter().collect();
    let giv: String = cs[n..].iter().collect();
    for p in super::names::pinyin(&sur) {
        if let Some(vs) = ROMANIZATIONS.first(&p) {
            for v in vs.split('|') {
                push(&mut out.surnames, v.to_string());
            }
        }
        push(&mut out.surnames, p);
    }
    for g in super::names::pinyin(&giv).into_iter().take(8) {
        push(&mut out.given, g);
    }
    // Korean readings.
    if n == 1 {
        if let Some((_, vs)) = KOREAN_SURNAMES.iter().find(|(c, _)| *c == sur) {
            for v in *vs {
                push(&mut out.surnames, v.to_string());
            }
        }
        for r in KOREAN.first(&sur).unwrap_or("").split('|') {
            push(&mut out.surnames, r.to_string());
        }
    }
    let mut kr = vec![String::new()];
    for c in giv.chars() {
        let rs: Vec<&str> = KOREAN
            .first(c.encode_utf8(&mut [0u8; 4]))
            .map(|r| r.split('|').collect())
            .unwrap_or_default();
        if rs.is_empty() {
            kr.clear();
            break;
        }
        kr = kr
            .iter()
            .flat_map(|p| rs.iter().map(move |r| format!("{p}{r}")))
            .take(8)
            .collect();
    }
    for g in kr {
        push(&mut out.given, g);
    }
    out
}

/// True when the surname of `name` is a listed one (for a Latin name read as a
/// Chinese person's: `Zhou Haitao`, `Tsai Ing-wen`, `Kim Ju-ae`).
pub(super) fn is_surname_spelling(word: &str) -> bool {
    static SPELLINGS: LazyLock<foldhash::HashSet<String>> = LazyLock::new(|| {
        let mut set = foldhash::HashSet::default();
        for line in crate::lexicon::SURNAMES.text_rows() {
            let mut cols = line.split('\t');
            let (Some(s), Some(ppm)) = (cols.next(), cols.next()) else {
                continue;
            };
            if s.chars().count() != 1 || ppm.parse::<f64>().unwrap_or(0.0) < 300.0 {
                continue;
            }
            for p in super::names::pinyin(s) {
                if let Some(vs) = ROMANIZATIONS.first(&p) {
                    set.extend(vs.split('|').map(str::to_string));
                }
                set.insert(p);
            }
        }
        for (_, vs) in KOREAN_SURNAMES {
            set.extend(vs.iter().map(|v| v.to_string()));
        }
        set
    });
    SPELLINGS.contains(word)
}

#[cfg(test)]
mod cue_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The indexed look-ups answer as comparing every title and cue does.
        #[test]
        fn titles_and_cues_as_the_lists_say(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "记者", "教授", "主任", "部长", "说", "表示", "先生", "总统", "王", "明",
                    "者", "长", " ",
                ]),
                0..6,
            ),
            k in 0usize..14,
        ) {
            let cs: Vec<char> = words.concat().chars().collect();
            let a = k.min(cs.len());
            let mut at = a;
            while at > 0 && cs[at - 1] == ' ' {
                at -= 1;
            }
            let titled_by_list = TITLES_BEFORE.iter().any(|t| {
                let n = t.chars().count();
                at >= n && starts(&cs, at - n, t)
            });
            prop_assert_eq!(titled(&cs, a), titled_by_list);
            let cued_by_list = CUES_AFTER.iter().any(|w| starts(&cs, a, w));
            prop_assert_eq!(cue_after(&cs, a), cued_by_list);
        }
    }
}
