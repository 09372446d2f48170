//! The entity check: names in the source must have their counterpart in the
//! target, and must not be swapped for another name.
//!
//! A name is matched when the other side holds a name sharing one of its keys (a
//! gazetteer entity under any of its names, abbreviations, or a place standing for
//! its country), the same Latin code verbatim, or, for names outside the
//! gazetteer, the same name transliterated (pinyin, or a phonetic comparison for
//! foreign names written in Chinese characters). Only names from the curated lists
//! are reported as missing or extra; names recognised less surely only match or
//! show a substitution.

use super::{Ctx, rel_pos};
use crate::check::codes::Rule;
use crate::extract::entity::EntityType;
use crate::extract::{Mention, Strength};
use crate::gazetteer::Gazetteer;
use crate::lang::Language;
use crate::text::is_han;

/// Types that can stand in for each other in a substitution.
fn group(t: EntityType) -> u8 {
    match t {
        EntityType::Country => 0,
        EntityType::Region | EntityType::Place => 1,
        EntityType::Person => 2,
        EntityType::Org => 3,
        EntityType::Event => 4,
        EntityType::Other => 5,
    }
}

/// One side of a pair, for matching names.
pub(crate) struct NameSide<'a> {
    pub lang: &'static dyn Language,
    pub text: &'a str,
    pub mentions: Vec<Mention>,
}

impl NameSide<'_> {
    fn keys(&self) -> impl Iterator<Item = &String> {
        self.mentions.iter().filter_map(|m| m.entity()).flat_map(|e| e.keys.iter())
    }

    /// Every key this side states, including one-character abbreviations anywhere
    /// in Chinese text: absence must be sure before it is reported.
    fn presence(&self, gazetteer: &Gazetteer) -> Vec<String> {
        let mut keys: Vec<String> = self.keys().cloned().collect();
        if self.lang.code() == "zh" {
            for c in self.text.chars() {
                for &i in gazetteer.abbreviation(c) {
                    keys.extend(gazetteer.keys_of(i));
                }
            }
        }
        keys.sort();
        keys.dedup();
        keys
    }
}

/// The consonant skeleton of a romanized name, for comparing a foreign name with
/// its Chinese transliteration (`Rahmon` ↔ `lahemeng`, `Kovykta` ↔ `keweiketa`).
fn skeleton(s: &str) -> String {
    let s = s.to_ascii_lowercase();
    let b: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let (class, step) = match (c, next) {
            ('c' | 'z', Some('h')) => ('j', 2),
            ('s', Some('h')) => ('s', 2),
            ('n', Some('g')) => ('n', 2),
            ('p' | 'b', _) => ('p', 1),
            ('t' | 'd', _) => ('t', 1),
            ('k' | 'g' | 'c', _) => ('k', 1),
            // Pinyin q and j are `ch`/`j` sounds, x an `sh`.
            ('j' | 'q', _) => ('j', 1),
            ('s' | 'z' | 'x', _) => ('s', 1),
            ('f' | 'v' | 'w', _) => ('f', 1),
            ('r' | 'l', _) => ('l', 1),
            ('m', _) => ('m', 1),
            ('n', _) => ('n', 1),
            _ => ('\0', 1),
        };
        if class != '\0' && !out.ends_with(class) {
            out.push(class);
        }
        i += step;
    }
    out
}

/// True when `name` (romanized) is found transliterated in the other side's text.
fn transliterated(name: &str, other: &NameSide<'_>) -> bool {
    let target: String = name.chars().filter(char::is_ascii_alphabetic).collect::<String>().to_ascii_lowercase();
    if target.len() < 3 {
        return false;
    }
    if other.lang.code() != "zh" {
        return other.lang.romanize(other.text).iter().any(|r| r.contains(&target));
    }
    let cs: Vec<char> = other.text.chars().collect();
    let mut free = vec![true; cs.len()];
    for m in &other.mentions {
        for f in free.iter_mut().take(m.end.min(cs.len())).skip(m.start) {
            *f = false;
        }
    }
    let sk = skeleton(&target);
    for start in 0..cs.len() {
        if !is_han(cs[start]) || !free[start] {
            continue;
        }
        for len in 2..=6 {
            let end = start + len;
            if end > cs.len() || !(start..end).all(|k| is_han(cs[k]) && free[k]) {
                break;
            }
            let window: String = cs[start..end].iter().collect();
            for r in other.lang.romanize(&window) {
                // A Chinese name in pinyin: the same letters.
                if r == target {
                    return true;
                }
                // A foreign name in Chinese characters: a close consonant skeleton of
                // comparable length.
                let rs = skeleton(&r);
                if sk.len() >= 2
                    && (sk.len() >= 3 || strsim::jaro_winkler(&target, &r) >= 0.8)
                    && rs.chars().next() == sk.chars().next()
                    && strsim::normalized_levenshtein(&sk, &rs) >= 0.75
                    && strsim::jaro_winkler(&target, &r) >= 0.6
                    && (r.len() as f64) <= target.len() as f64 * 2.2
                {
                    return true;
                }
            }
        }
    }
    false
}

/// The names a text is expected to render an entity as, for messages: up to three.
fn expected(gazetteer: &Gazetteer, m: &Mention, lang: &str) -> String {
    let Some(e) = m.entity() else { return String::new() };
    let mut names: Vec<String> = Vec::new();
    for k in &e.keys {
        if let Some(entry) = gazetteer.get(k) {
            for n in entry.names(lang).iter().take(2) {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
            if lang == "zh" {
                names.extend(entry.abbr.iter().take(1).map(|c| c.to_string()));
            }
        }
    }
    names.truncate(3);
    if names.is_empty() { e.display.clone() } else { names.join("/") }
}

struct Side<'s, 'a> {
    side: &'s NameSide<'a>,
    presence: Vec<String>,
}

impl Side<'_, '_> {
    /// True when this side holds a name of the entity written loosely: in another
    /// case (`gulf states`), as part of a longer word (`Macedonians` for
    /// `Macedonia`), or part of a longer Chinese name (`圣马丁` for `法属圣马丁`).
    /// Used only to keep a name from being reported as missing or extra.
    fn loosely_renders(&self, gazetteer: &Gazetteer, m: &Mention) -> bool {
        let Some(e) = m.entity() else { return false };
        let lang = self.side.lang.code();
        let text_lower = self.side.text.to_lowercase();
        let mut names: Vec<String> = Vec::new();
        for k in &e.keys {
            if let Some(entry) = gazetteer.get(k) {
                names.extend(entry.names(lang).iter().cloned());
            }
        }
        if lang != "zh" {
            // Another side's name written in Latin letters, or a source mention
            // that is itself English (an unknown name): compare words.
            if m.text.is_ascii() {
                names.push(m.text.clone());
            }
            const GENERIC: &[&str] = &["north", "south", "east", "west", "new", "great", "republic", "united", "kingdom",
                "islands", "island", "saint", "democratic", "people's", "state", "states", "federal", "federation",
                "union", "central", "the", "of", "and"];
            return names.iter().any(|n| {
                let lower = n.to_lowercase();
                text_lower.contains(&lower)
                    || lower
                        .split([' ', '-'])
                        .filter(|w| w.len() >= 4 && !GENERIC.contains(w))
                        .any(|w| self.side.lang.contains_verbatim(&text_lower, w) || text_lower.split(|c: char| !c.is_alphanumeric()).any(|t| t.starts_with(w) && t.len() <= w.len() + 3))
            });
        }
        names.iter().any(|n| {
            let cs: Vec<char> = n.chars().collect();
            cs.len() >= 3 && cs.windows(3).any(|w| self.side.text.contains(&w.iter().collect::<String>()))
        })
    }

    /// True when this side renders the mention from the other side.
    fn renders(&self, m: &Mention, from: &NameSide<'_>) -> bool {
        let Some(e) = m.entity() else { return false };
        if e.keys.iter().any(|k| self.presence.binary_search(k).is_ok()) {
            return true;
        }
        // A Latin name or code written the same way (SWIFT, G20, Redmi AirDots 2).
        if m.text.is_ascii() && self.side.lang.contains_verbatim(self.side.text, &m.text) {
            return true;
        }
        // Transliteration, only for names outside the gazetteer written in Latin
        // letters on one side and Chinese characters on the other, and only against
        // text that no recognised name covers.
        from.lang.code() != self.side.lang.code() && m.text.is_ascii() && transliterated(&m.text, self.side)
    }
}

pub(super) fn check(ctx: &mut Ctx<'_>, gazetteer: &Gazetteer, src: &NameSide<'_>, tgt: &NameSide<'_>) {
    let s = Side { side: src, presence: src.presence(gazetteer) };
    let t = Side { side: tgt, presence: tgt.presence(gazetteer) };
    let (slen, tlen) = (src.text.chars().count(), tgt.text.chars().count());
    // Source names the target lacks, target names the source lacks (one per entity).
    let mut missing: Vec<&Mention> = Vec::new();
    for m in &src.mentions {
        if !t.renders(m, src) && !missing.iter().any(|x| same_entity(x, m)) {
            missing.push(m);
        }
    }
    let mut extra: Vec<&Mention> = Vec::new();
    for m in &tgt.mentions {
        if !s.renders(m, tgt) && !extra.iter().any(|x| same_entity(x, m)) {
            extra.push(m);
        }
    }
    // Substitutions: a reportable name missing, and an unmatched name of the same
    // type in the target recognised surely (a curated name, or an abbreviation in
    // a compound or pattern such as 中美 or 美方).
    let mut used = vec![false; extra.len()];
    let mut substituted = vec![false; missing.len()];
    for (mi, m) in missing.iter().enumerate() {
        let Some(me) = m.entity() else { continue };
        if !reportable(m) {
            continue;
        }
        let best = extra
            .iter()
            .enumerate()
            .filter(|(j, x)| {
                !used[*j]
                    && (reportable(x) || x.entity().is_some_and(|xe| xe.source == "abbreviation"))
                    && x.entity().is_some_and(|xe| group(xe.etype) == group(me.etype))
            })
            .min_by_key(|(_, x)| (rel_pos(m, slen) - rel_pos(x, tlen)).abs());
        if let Some((j, x)) = best {
            used[j] = true;
            substituted[mi] = true;
            let xe = x.entity().expect("entity");
            ctx.emit(
                Rule::EntitySubstitution,
                format!(
                    "source \"{}\" expects {}; target has \"{}\" ({}) instead",
                    m.text,
                    expected(gazetteer, m, tgt.lang.code()),
                    x.text,
                    xe.display
                ),
                Some(m),
                Some(x),
            );
        }
    }
    for (mi, m) in missing.iter().enumerate() {
        if substituted[mi] || (reportable(m) && t.loosely_renders(gazetteer, m)) {
            continue;
        }
        if reportable(m) {
            ctx.emit(
                Rule::EntityMissing,
                format!(
                    "source \"{}\" ({}) has no counterpart in the target; expected {}",
                    m.text,
                    m.entity().map(|e| e.display.as_str()).unwrap_or(""),
                    expected(gazetteer, m, tgt.lang.code())
                ),
                Some(m),
                None,
            );
        } else if m.entity().is_some_and(|e| {
            // Only names the target's language should render recognisably: a
            // romanized Chinese name, or a code written in Latin letters.
            // A romanized Chinese person's name (`Feng Yujun`: two or three words), or
            // a code with digits.
            let words = m.text.split(' ').count();
            (e.source == "name" && (2..=3).contains(&words) && tgt.lang.is_romanized_name(&m.text))
                || (e.source == "latin" && m.text.chars().any(|c| c.is_ascii_digit()))
        }) {
            ctx.emit(
                Rule::EntityUnverified,
                format!("source \"{}\" was not found in the target (not in the name lists, no transliteration found)", m.text),
                Some(m),
                None,
            );
        }
    }
    for (j, x) in extra.iter().enumerate() {
        // A target name the source names in part (`Kim` for 金正恩) is not extra.
        let partly = src.mentions.iter().any(|m| m.text.is_ascii() && x.entity().is_some_and(|xe| {
            xe.keys.iter().filter_map(|k| gazetteer.get(k)).any(|entry| entry.en.iter().any(|n| n.split(' ').any(|w| w.len() >= 3 && m.text.split(' ').any(|v| v == w))))
        }));
        if !used[j] && reportable(x) && !partly && !s.loosely_renders(gazetteer, x) {
            ctx.emit(
                Rule::EntityExtra,
                format!(
                    "target \"{}\" ({}) has no counterpart in the source",
                    x.text,
                    x.entity().map(|e| e.display.as_str()).unwrap_or("")
                ),
                None,
                Some(x),
            );
        }
    }
}

/// Names from the curated lists, recognised surely: their absence is reported.
fn reportable(m: &Mention) -> bool {
    m.strength == Strength::Strong
}

fn same_entity(a: &Mention, b: &Mention) -> bool {
    match (a.entity(), b.entity()) {
        (Some(x), Some(y)) => x.keys.iter().any(|k| y.keys.contains(k)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_compare_transliterations() {
        assert_eq!(skeleton("rahmon"), skeleton("lahemeng"));
        assert_eq!(skeleton("kovykta"), skeleton("keweiketa"));
        assert_eq!(skeleton("chayanda"), skeleton("qiayangda"));
        // Skeletons alone can coincide (Putin, Biden): transliteration is only tried
        // for names outside the gazetteer, against text no other name covers.
        assert_eq!(skeleton("putin"), skeleton("baideng"));
    }
}
