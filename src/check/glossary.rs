//! The glossary check: required term pairs and forbidden target terms.

use super::Ctx;
use crate::check::codes::Rule;
use crate::extract::entity::{EntityType, EntityValue};
use crate::extract::{Kind, Mention, Strength, Value};
use crate::glossary::{Glossary, Term, TermIndex};
use crate::input::Pair;
use foldhash::{HashMap, HashMapExt};

/// Byte spans of `term` in `text`: case-insensitive whole words for Latin
/// terms, plain substrings for Chinese. (The search for one term; the check finds
/// every term at once with [`Terms`].)
#[cfg(test)]
fn find(text: &str, term: &str) -> Vec<(usize, usize)> {
    let latin = term.is_ascii();
    let hay = if latin {
        text.to_lowercase()
    } else {
        text.to_string()
    };
    let needle = if latin {
        term.to_lowercase()
    } else {
        term.to_string()
    };
    if needle.is_empty() || hay.len() != text.len() {
        // Lowercasing changed byte lengths (rare scripts): fall back to exact search.
        return exact(text, term);
    }
    let mut out = Vec::new();
    for (at, _) in hay.match_indices(&needle) {
        if latin && !word_bounded(&hay, at, needle.len()) {
            continue;
        }
        out.push((at, at + term.len()));
    }
    out
}

fn word_bounded(hay: &str, at: usize, len: usize) -> bool {
    let before = hay[..at].chars().next_back();
    let after = hay[at + len..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    !(word(before) || word(after))
}

#[cfg(test)]
fn exact(text: &str, term: &str) -> Vec<(usize, usize)> {
    text.match_indices(term)
        .map(|(at, _)| (at, at + term.len()))
        .collect()
}

/// Every glossary term's occurrences in one text, found in one pass of each of
/// the glossary's automata (on first use).
struct Terms<'g, 't> {
    text: &'t str,
    index: &'g TermIndex,
    lower: std::cell::OnceCell<Option<String>>,
    folded: std::cell::OnceCell<HashMap<usize, Vec<(usize, usize)>>>,
    exact: std::cell::OnceCell<HashMap<usize, Vec<(usize, usize)>>>,
}

/// Occurrences by pattern, as `match_indices` finds them for each pattern alone:
/// leftmost first, not overlapping one another.
fn occurrences(ac: &aho_corasick::AhoCorasick, hay: &str) -> HashMap<usize, Vec<(usize, usize)>> {
    let mut out: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for m in ac.find_overlapping_iter(hay) {
        let v = out.entry(m.pattern().as_usize()).or_default();
        if v.last().is_none_or(|&(_, e)| m.start() >= e) {
            v.push((m.start(), m.end()));
        }
    }
    out
}

impl<'g, 't> Terms<'g, 't> {
    fn new(text: &'t str, index: &'g TermIndex) -> Self {
        Terms {
            text,
            index,
            lower: std::cell::OnceCell::new(),
            folded: std::cell::OnceCell::new(),
            exact: std::cell::OnceCell::new(),
        }
    }

    /// The spans of term `t` of entry `e`, matched as the language decides.
    fn find(
        &self,
        lang: &dyn crate::lang::Language,
        e: usize,
        t: usize,
        term: &str,
    ) -> Vec<(usize, usize)> {
        let Some(&p) = self.index.pattern.get(&(e, t)) else {
            return Vec::new();
        };
        let exact = || {
            self.exact
                .get_or_init(|| occurrences(&self.index.exact, self.text))
                .get(&p)
                .cloned()
                .unwrap_or_default()
        };
        if !lang.folds_term(term) {
            return exact();
        }
        let lower = self.lower.get_or_init(|| {
            let l = self.text.to_lowercase();
            (l.len() == self.text.len()).then_some(l)
        });
        let Some(lower) = lower else {
            // Lowercasing changed byte lengths (rare scripts): exact search.
            return exact();
        };
        let occ = self
            .folded
            .get_or_init(|| occurrences(&self.index.folded, lower));
        occ.get(&p)
            .into_iter()
            .flatten()
            .filter(|&&(s, e)| word_bounded(lower, s, e - s))
            .copied()
            .collect()
    }
}

fn mention<'t>(text: &'t str, (s, e): (usize, usize), term: &str) -> Mention<'t> {
    Mention {
        kind: Kind::Entity,
        start: s,
        end: e,
        text: &text[s..e],
        value: Value::Entity(EntityValue {
            key: format!("glossary:{term}"),
            keys: vec![format!("glossary:{term}")],
            etype: EntityType::Other,
            display: term.to_string(),
            source: "glossary",
        }),
        strength: Strength::Strong,
    }
}

fn side(t: &Term, lang: &str, target: bool) -> bool {
    match &t.lang {
        Some(l) => l.split(['-', '_']).next().unwrap_or(l) == lang,
        None => t.target_column == target,
    }
}

/// Spans the glossary decides (source, target): the source terms of entries the
/// source uses, and those entries' target terms in the target. Names there are
/// left to the glossary rules, not the entity rules.
pub(super) fn decided_spans(glossary: &Glossary, pair: &Pair) -> [Vec<(usize, usize)>; 2] {
    let (sl, tl) = (pair.source_lang.code(), pair.target_lang.code());
    let index = glossary.index();
    let (src_terms, tgt_terms) = (
        Terms::new(&pair.source, index),
        Terms::new(&pair.target, index),
    );
    let mut out = [Vec::new(), Vec::new()];
    for (e, entry) in glossary.entries.iter().enumerate() {
        let src: Vec<(usize, usize)> = entry
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.forbidden && side(t, sl, false))
            .flat_map(|(k, t)| src_terms.find(pair.source_lang, e, k, &t.text))
            .collect();
        if src.is_empty() {
            continue;
        }
        out[0].extend(src);
        out[1].extend(
            entry
                .terms
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.forbidden && side(t, tl, true))
                .flat_map(|(k, t)| tgt_terms.find(pair.target_lang, e, k, &t.text)),
        );
    }
    out
}

pub(super) fn check(ctx: &mut Ctx<'_>, glossary: &Glossary, pair: &Pair) {
    let (sl, tl) = (pair.source_lang.code(), pair.target_lang.code());
    let index = glossary.index();
    let (src_terms, tgt_terms) = (
        Terms::new(&pair.source, index),
        Terms::new(&pair.target, index),
    );
    for (e, entry) in glossary.entries.iter().enumerate() {
        // Forbidden target terms, whatever the source says.
        for (k, t) in entry
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| t.forbidden && side(t, tl, true))
        {
            if let Some(span) = tgt_terms.find(pair.target_lang, e, k, &t.text).first() {
                let m = mention(&pair.target, *span, &t.text);
                ctx.emit(
                    Rule::GlossaryForbidden,
                    format!(
                        "target uses \"{}\", which the glossary forbids ({})",
                        t.text, entry.origin
                    ),
                    None,
                    Some(&m),
                );
            }
        }
        // Required pairs: a source term present, none of its target terms.
        let required: Vec<(usize, &Term)> = entry
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.forbidden && side(t, tl, true))
            .collect();
        if required.is_empty() {
            continue;
        }
        let Some((t, span)) = entry
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.forbidden && side(t, sl, false))
            .find_map(|(k, t)| {
                src_terms
                    .find(pair.source_lang, e, k, &t.text)
                    .first()
                    .map(|s| (t, *s))
            })
        else {
            continue;
        };
        if required
            .iter()
            .any(|(k, r)| !tgt_terms.find(pair.target_lang, e, *k, &r.text).is_empty())
        {
            continue;
        }
        let m = mention(&pair.source, span, &t.text);
        let want: Vec<&str> = required.iter().map(|(_, r)| r.text.as_str()).collect();
        ctx.emit(
            Rule::GlossaryMissing,
            format!(
                "source \"{}\" requires {} in the target ({})",
                m.text,
                want.join(" or "),
                entry.origin
            ),
            Some(&m),
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{Terms, find};
    use crate::glossary::{Entry, Glossary, Term};

    #[test]
    fn terms_match_whole_words_without_case() {
        assert_eq!(
            find(
                "The Belt and Road Initiative grew",
                "belt and road initiative"
            ),
            vec![(4, 28)]
        );
        assert!(find("Beltway", "belt").is_empty());
        assert_eq!(find("共建一带一路倡议", "一带一路倡议"), vec![(6, 24)]);
    }

    #[test]
    fn the_index_finds_what_the_search_for_one_term_finds() {
        let terms = ["belt", "Belt and Road", "aa", "一带一路", "路", "Road"];
        let g = Glossary::from_entries(vec![Entry {
            terms: terms
                .iter()
                .map(|t| Term {
                    lang: None,
                    target_column: false,
                    text: t.to_string(),
                    forbidden: false,
                })
                .collect(),
            note: None,
            origin: "test".into(),
        }]);
        for text in [
            "The Belt and Road, a beltway; BELT. aaa aa 一带一路，一路",
            "Straße BELT",
            "İstanbul Belt and Road",
            "",
        ] {
            let t = Terms::new(text, g.index());
            for (k, term) in terms.iter().enumerate() {
                assert_eq!(
                    t.find(&crate::lang::en::English, 0, k, term),
                    find(text, term),
                    "{term} in {text}"
                );
            }
        }
    }
}
