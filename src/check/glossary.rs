//! The glossary check: required term pairs and forbidden target terms.

use super::Ctx;
use crate::check::codes::Rule;
use crate::extract::entity::{EntityType, EntityValue};
use crate::extract::{Kind, Mention, Strength, Value};
use crate::glossary::{Glossary, Term};
use crate::input::Pair;

/// Character spans of `term` in `text`: case-insensitive whole words for Latin
/// terms, plain substrings for Chinese.
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
        let before = hay[..at].chars().last();
        let after = hay[at + needle.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin && (word(before) || word(after)) {
            continue;
        }
        let s = text[..at].chars().count();
        out.push((s, s + term.chars().count()));
    }
    out
}

fn exact(text: &str, term: &str) -> Vec<(usize, usize)> {
    text.match_indices(term)
        .map(|(at, _)| {
            let s = text[..at].chars().count();
            (s, s + term.chars().count())
        })
        .collect()
}

fn mention(text: &str, (s, e): (usize, usize), term: &str) -> Mention {
    let t: String = text.chars().skip(s).take(e - s).collect();
    Mention {
        kind: Kind::Entity,
        start: s,
        end: e,
        text: t.clone(),
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
    let mut out = [Vec::new(), Vec::new()];
    for entry in &glossary.entries {
        let src: Vec<(usize, usize)> = entry
            .terms
            .iter()
            .filter(|t| !t.forbidden && side(t, sl, false))
            .flat_map(|t| find(&pair.source, &t.text))
            .collect();
        if src.is_empty() {
            continue;
        }
        out[0].extend(src);
        out[1].extend(
            entry
                .terms
                .iter()
                .filter(|t| !t.forbidden && side(t, tl, true))
                .flat_map(|t| find(&pair.target, &t.text)),
        );
    }
    out
}

pub(super) fn check(ctx: &mut Ctx<'_>, glossary: &Glossary, pair: &Pair) {
    let (sl, tl) = (pair.source_lang.code(), pair.target_lang.code());
    for entry in &glossary.entries {
        // Forbidden target terms, whatever the source says.
        for t in entry
            .terms
            .iter()
            .filter(|t| t.forbidden && side(t, tl, true))
        {
            if let Some(span) = find(&pair.target, &t.text).first() {
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
        let required: Vec<&Term> = entry
            .terms
            .iter()
            .filter(|t| !t.forbidden && side(t, tl, true))
            .collect();
        if required.is_empty() {
            continue;
        }
        let Some((t, span)) = entry
            .terms
            .iter()
            .filter(|t| !t.forbidden && side(t, sl, false))
            .find_map(|t| find(&pair.source, &t.text).first().map(|s| (t, *s)))
        else {
            continue;
        };
        if required
            .iter()
            .any(|r| !find(&pair.target, &r.text).is_empty())
        {
            continue;
        }
        let m = mention(&pair.source, span, &t.text);
        let want: Vec<&str> = required.iter().map(|r| r.text.as_str()).collect();
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
    use super::find;

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
        assert_eq!(find("共建一带一路倡议", "一带一路倡议"), vec![(2, 8)]);
    }
}
