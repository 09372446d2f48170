//! Chinese names: gazetteer entities, one-character country abbreviations in
//! compounds (`中俄`, `俄乌`, `中蒙俄`) and known patterns (`俄方`, `对俄`), and Latin
//! codes written in Chinese text (`G20峰会`, `SWIFT系统`).

use crate::extract::Mention;
use crate::gazetteer::Gazetteer;
use crate::extract::entity::{entity_mention, is_code, longest_first, other_mention};
use crate::text::{Folded, is_han};
use regex::Regex;
use std::sync::LazyLock;

static LATIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9]+(?:[-/+.][A-Za-z0-9]+)*\+?").expect("latin regex"));

/// Two-character names that are reliable on their own. Longer names, names ending
/// in 国 or 洲, and these are reported when missing or added; shorter names that
/// can straddle two words (`增加纳税` holds 加纳, Ghana) only match.
#[rustfmt::skip]
const SAFE_TWO: &[&str] = &[
    "日本", "印度", "印尼", "埃及", "伊朗", "古巴", "蒙古", "朝鲜", "欧盟", "北约", "东盟", "非盟",
    "中亚", "东亚", "南亚", "北非", "中东", "欧洲", "亚洲", "非洲", "普京", "莫迪",
    "拜登", "欧安", "上合", "金砖", "联大",
];

fn robust(alias: &str) -> bool {
    let n = alias.chars().count();
    n >= 3 || alias.ends_with('国') || alias.ends_with('洲') || SAFE_TWO.contains(&alias)
}

/// One-character abbreviations that form compounds and patterns (中俄, 美欧, 俄方).
const COMPOUND: &str = "中俄美欧日韩朝印巴英法德意澳乌蒙越泰菲伊哈吉塔";

/// Pairs of abbreviations that are ordinary words (美德 virtue, 中意 to like).
const NOT_COMPOUNDS: &[&str] = &["美德", "中意", "意中", "美中不足"];

/// Characters that, before an abbreviation, make it a country (`对俄`, `访华`).
const BEFORE: &str = "对自从赴访驻抵离援反亲抗制来";
/// Characters that, after an abbreviation, make it a country (`俄方`, `美军`).
const AFTER: &str = "方军媒企籍商资";

pub(super) fn find(f: &Folded<'_>, gazetteer: &Gazetteer) -> Vec<Mention> {
    let text = f.folded.as_str();
    let names = gazetteer.names("zh");
    let mut found = Vec::new();
    for m in names.automaton.find_overlapping_iter(text) {
        found.push((m.start(), m.end(), m.pattern().as_usize()));
    }
    // Among overlapping names of one length, prefer curated names and names that do
    // not start with a particle (黑河和田湾: 田湾, not 和田).
    let rank = |&(s, _, p): &(usize, usize, usize)| {
        let particle = text[s..].starts_with(['和', '与', '及', '的', '在', '对', '从', '向', '把', '被']);
        let curated = names.entries[p].iter().any(|&i| gazetteer.entries[i].strong);
        (particle, !curated)
    };
    found.sort_by_key(rank);
    let mut out = Vec::new();
    let cs: Vec<char> = text.chars().collect();
    let mut covered = vec![false; cs.len()];
    // 发展中国家 (developing countries) holds 中国 across a word boundary.
    let blocked: Vec<(usize, usize)> = ["发展中国家"]
        .iter()
        .flat_map(|w| text.match_indices(w).map(|(at, w)| (at, at + w.len())))
        .collect();
    found.retain(|&(s, e, _)| !blocked.iter().any(|&(a, b)| s < b && a < e));
    for (s, e, p) in longest_first(found) {
        let ids = &names.entries[p];
        let (a, b) = (f.char_at(s), f.char_at(e));
        let alias = &text[s..e];
        let strong = robust(alias) && ids.iter().any(|&i| gazetteer.entries[i].strong);
        out.push(entity_mention(gazetteer, ids, a, b, f.original_slice(a, b).to_string(), strong, "gazetteer"));
        for c in covered.iter_mut().take(b).skip(a) {
            *c = true;
        }
    }
    // Latin codes: a gazetteer name when it is one (`G20`, `APEC`), else a code.
    let en = gazetteer.names("en");
    for m in LATIN.find_iter(text) {
        let tok = m.as_str().trim_end_matches(['.', '/', '-']);
        let (a, b) = (f.char_at(m.start()), f.char_at(m.start() + tok.len()));
        if tok.chars().count() < 2 || (a..b).any(|k| covered[k]) || !tok.chars().any(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let exact = en
            .automaton
            .find_overlapping_iter(tok)
            .find(|h| h.start() == 0 && h.end() == tok.len())
            .map(|h| h.pattern().as_usize());
        let mention = match exact {
            Some(p) => {
                let ids = &en.entries[p];
                let strong = ids.iter().any(|&i| gazetteer.entries[i].strong);
                entity_mention(gazetteer, ids, a, b, tok.to_string(), strong, "gazetteer")
            }
            None if is_code(tok) => other_mention(format!("latin:{tok}"), a, b, tok.to_string(), "latin"),
            None => continue,
        };
        out.push(mention);
        for c in covered.iter_mut().take(b).skip(a) {
            *c = true;
        }
    }
    // One-character abbreviations: in compounds of two or more (中俄, 中蒙俄) or in a
    // known pattern (俄方, 对俄). They match names on the other side and can show a
    // substitution, but are never reported as missing or extra on their own.
    // Only abbreviations common in compounds count (the data lists more, such as
    // 文 for Brunei or 也 for Yemen, which in running text are ordinary words); 华
    // stands for China only in patterns (访华, 对华), not in compounds, where it is
    // more often part of a transliterated name (霍华德).
    let abbr = |k: usize| !covered[k] && COMPOUND.contains(cs[k]) && !gazetteer.abbreviation(cs[k]).is_empty();
    let mut k = 0;
    while k < cs.len() {
        if !abbr(k) {
            k += 1;
            continue;
        }
        let mut j = k;
        while j < cs.len() && abbr(j) {
            j += 1;
        }
        let pattern = j - k == 1
            && ((k > 0 && BEFORE.contains(cs[k - 1]) && !covered[k - 1])
                || cs.get(k + 1).is_some_and(|c| AFTER.contains(*c)));
        // 访华, 来华, 驻华: 华 after a verb of travel or a preposition.
        let hua = k > 0 && cs[k] == '华' && "访来对赴驻在抵离援".contains(cs[k - 1]);
        if hua && !covered[k] {
            let ids = gazetteer.abbreviation('华');
            out.push(entity_mention(gazetteer, ids, k, k + 1, "华".to_string(), false, "abbreviation"));
            k += 1;
            continue;
        }
        let ordinary = NOT_COMPOUNDS.iter().any(|w| crate::lang::zh::starts_with(&cs, k, w));
        if (j - k >= 2 && !ordinary) || pattern {
            for (i, c) in cs.iter().enumerate().take(j).skip(k) {
                let ids = gazetteer.abbreviation(*c);
                out.push(entity_mention(gazetteer, ids, i, i + 1, c.to_string(), false, "abbreviation"));
            }
        }
        k = j;
    }
    out
}

/// Pinyin readings of a Chinese span, every combination of the readings of
/// characters with several (重庆: zhongqing, chongqing), at most 32.
pub(super) fn pinyin(text: &str) -> Vec<String> {
    use pinyin::ToPinyinMulti;
    let mut out = vec![String::new()];
    for (c, multi) in text.chars().zip(text.to_pinyin_multi()) {
        let readings: Vec<String> = match multi {
            Some(m) => {
                let mut r: Vec<String> = m.into_iter().map(|p| p.plain().to_string()).collect();
                r.dedup();
                r
            }
            None if c.is_ascii_alphanumeric() => vec![c.to_ascii_lowercase().to_string()],
            None => continue,
        };
        let mut next = Vec::new();
        for prefix in &out {
            for r in &readings {
                if next.len() < 32 {
                    next.push(format!("{prefix}{r}"));
                }
            }
        }
        out = next;
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Every toneless pinyin syllable, read from the `pinyin` crate's own tables.
static SYLLABLES: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
    use pinyin::ToPinyin;
    let mut set = std::collections::HashSet::new();
    for cp in 0x4E00u32..=0x9FFF {
        if let Some(p) = char::from_u32(cp).and_then(|c| c.to_pinyin()) {
            set.insert(p.plain().to_string());
        }
    }
    set
});

/// True when a word splits into pinyin syllables (`yujun` = yu+jun).
fn syllables(word: &str) -> Option<usize> {
    let w = word.to_ascii_lowercase();
    let n = w.len();
    // best[i]: fewest syllables covering w[..i].
    let mut best = vec![usize::MAX; n + 1];
    best[0] = 0;
    for i in 0..n {
        if best[i] == usize::MAX {
            continue;
        }
        for j in i + 1..=(i + 6).min(n) {
            if SYLLABLES.contains(&w[i..j]) && best[i] + 1 < best[j] {
                best[j] = best[i] + 1;
            }
        }
    }
    (best[n] != usize::MAX).then_some(best[n])
}

/// A Latin-script name that reads as pinyin: every word splits into syllables and
/// the whole has at least two (`Feng Yujun`, `Tianwan`; not `Sun`, `Bridge`).
pub(super) fn is_pinyin_name(name: &str) -> bool {
    let words: Vec<&str> = name.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || !name.chars().all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-') {
        return false;
    }
    let mut total = 0;
    for w in &words {
        match syllables(w) {
            Some(k) => total += k,
            None => return false,
        }
    }
    // A single short word (`Era` = er+a) is more likely English.
    total >= 2 && (words.len() > 1 || name.len() >= 5)
}

/// True when `text` holds a Han character.
pub(super) fn has_han(text: &str) -> bool {
    text.chars().any(is_han)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_names() {
        for n in ["Feng Yujun", "Tianwan", "Heihe", "Xudabao", "Tongjiang", "Xi Jinping"] {
            assert!(is_pinyin_name(n), "{n}");
        }
        for n in ["Sun", "Era", "Bridge", "Highway Bridge", "Statement", "Rahmon", "Kovykta", "Affairs"] {
            assert!(!is_pinyin_name(n), "{n}");
        }
        assert!(pinyin("重庆").contains(&"chongqing".to_string()));
    }
}
