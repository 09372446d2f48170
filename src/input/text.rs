//! Interleaved bilingual text (`.txt`, `.md`): paragraphs separated by blank lines,
//! each in one language, each source paragraph followed by its translation.
//!
//! Each paragraph's language is detected by script. The two most frequent languages
//! are the pair's languages; paragraphs are paired in order when a paragraph of the
//! first language is directly followed by one of the second. Every paragraph left
//! without a partner (titles, page boilerplate, an untranslated summary) is yielded
//! as [`Item::Unpaired`].

use super::{
    InputError, Item, Items, LangChoice, Location, Pair, Side, Source, Unpaired, read_to_string,
};
use crate::lang::{self, Language};
use crate::text::ScriptCounts;
use std::sync::Arc;

struct Para {
    line: usize,
    text: String,
    lang: Option<&'static dyn Language>,
    weight: f64,
    /// ASCII digit runs, for judging which neighbours translate each other.
    digits: Vec<String>,
}

fn paragraphs(text: &str) -> Vec<Para> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, line) in text.split('\n').enumerate() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push((start, cur.join("\n")));
                cur.clear();
            }
        } else {
            if cur.is_empty() {
                start = i + 1;
            }
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        out.push((start, cur.join("\n")));
    }
    out.into_iter()
        .map(|(line, text)| {
            let lang = lang::detect(&text);
            let digits = text
                .split(|c: char| !c.is_ascii_digit())
                .filter(|d| !d.is_empty())
                .map(str::to_string)
                .collect();
            Para {
                line,
                weight: weight(&text),
                text,
                lang,
                digits,
            }
        })
        .collect()
}

fn same(a: Option<&'static dyn Language>, b: &'static dyn Language) -> bool {
    a.is_some_and(|a| a.code() == b.code())
}

/// Length of a text weighted by script: a Han character carries about as much as
/// three Latin letters.
fn weight(text: &str) -> f64 {
    let c = ScriptCounts::of(text);
    (c.han * 3 + c.total() - c.han) as f64
        + text.chars().filter(char::is_ascii_digit).count() as f64
}

/// How plausible it is that two paragraphs translate each other: the ratio of their
/// weighted lengths, plus a bonus for digit runs they share.
fn similarity(a: &Para, b: &Para) -> f64 {
    let (wa, wb) = (a.weight.max(1.0), b.weight.max(1.0));
    let ratio = wa.min(wb) / wa.max(wb);
    let shared = a.digits.iter().filter(|d| b.digits.contains(d)).count();
    let union = a.digits.len() + b.digits.len() - shared;
    let digits = if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    };
    ratio + 0.5 * digits
}

/// Below this similarity two neighbours are not paired.
const MIN_SIMILARITY: f64 = 0.15;

/// Pairs each `first`-language paragraph with a directly following `second`-language
/// one, choosing the pairing with the highest total similarity (dynamic
/// programming over the paragraph sequence). Returns each paragraph's partner and
/// the total score.
fn pairing(
    paras: &[Para],
    first: &'static dyn Language,
    second: &'static dyn Language,
) -> (Vec<Option<usize>>, f64) {
    let n = paras.len();
    // best[i]: best score for paragraphs i.. ; take[i]: pair i with i+1.
    let mut best = vec![0.0f64; n + 2];
    let mut take = vec![false; n + 1];
    for i in (0..n).rev() {
        best[i] = best[i + 1];
        if i + 1 < n && same(paras[i].lang, first) && same(paras[i + 1].lang, second) {
            let sim = similarity(&paras[i], &paras[i + 1]);
            if sim >= MIN_SIMILARITY && sim + best[i + 2] > best[i] {
                best[i] = sim + best[i + 2];
                take[i] = true;
            }
        }
    }
    let mut partner = vec![None; n];
    let mut i = 0;
    while i < n {
        if take[i] {
            partner[i] = Some(i + 1);
            partner[i + 1] = Some(i);
            i += 2;
        } else {
            i += 1;
        }
    }
    (partner, best[0])
}

pub(super) fn read(
    src: Source,
    choice: LangChoice,
    limits: &crate::limits::Limits,
) -> Result<Items, InputError> {
    let name = src.name.clone();
    let content = read_to_string(src, limits.max_file_bytes)?;
    let paras = paragraphs(&content);
    if paras.is_empty() {
        return Err(InputError::Empty { path: name });
    }
    // The languages present, most frequent first (ties: first seen first).
    let mut counts: Vec<(&'static dyn Language, usize, usize)> = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        if let Some(l) = p.lang {
            match counts.iter_mut().find(|(x, _, _)| x.code() == l.code()) {
                Some(c) => c.1 += 1,
                None => counts.push((l, 1, i)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let (a, b) = match (choice.source, choice.target) {
        (Some(s), Some(t)) => (s, t),
        (Some(s), None) => (
            s,
            counts
                .iter()
                .map(|c| c.0)
                .find(|l| l.code() != s.code())
                .ok_or_else(|| one_language(&name, s))?,
        ),
        (None, Some(t)) => (
            counts
                .iter()
                .map(|c| c.0)
                .find(|l| l.code() != t.code())
                .ok_or_else(|| one_language(&name, t))?,
            t,
        ),
        (None, None) => match counts.as_slice() {
            [] => {
                return Err(InputError::File {
                    path: name,
                    message: format!(
                        "no paragraph in a supported language (supported: {}); pass --source-lang and --target-lang",
                        lang::supported_codes()
                    ),
                });
            }
            [only] => return Err(one_language(&name, only.0)),
            [x, y, ..] => (x.0, y.0),
        },
    };
    if a.code() == b.code() {
        return Err(InputError::File {
            path: name,
            message:
                "source and target languages are the same; an interleaved file needs two languages"
                    .into(),
        });
    }
    // Which language comes first in each pair: the order whose pairing scores higher.
    let (ab, ab_score) = pairing(&paras, a, b);
    let (ba, ba_score) = pairing(&paras, b, a);
    let (partner, first) = if ba_score > ab_score {
        (ba, b)
    } else {
        (ab, a)
    };
    // Orientation: the source is the chosen source language, else the one written first.
    let source =
        choice
            .source
            .unwrap_or(if choice.target.is_some_and(|t| t.code() == first.code()) {
                if first.code() == a.code() { b } else { a }
            } else {
                first
            });
    let target = if source.code() == a.code() { b } else { a };
    let file: Arc<str> = name.into();
    let mut items = Vec::new();
    let mut next_pair = 0;
    let mut i = 0;
    while i < paras.len() {
        match partner[i] {
            Some(j) if j > i => {
                let (s, t) = if same(paras[i].lang, source) {
                    (&paras[i], &paras[j])
                } else {
                    (&paras[j], &paras[i])
                };
                items.push(Item::Pair(Pair {
                    index: next_pair,
                    id: None,
                    source: s.text.clone(),
                    target: t.text.clone(),
                    location: Location {
                        file: file.clone(),
                        source_line: s.line,
                        target_line: t.line,
                    },
                    source_lang: source,
                    target_lang: target,
                }));
                next_pair += 1;
                i = j + 1;
            }
            _ => {
                let p = &paras[i];
                let side = if same(p.lang, source) {
                    Some(Side::Source)
                } else if same(p.lang, target) {
                    Some(Side::Target)
                } else {
                    None
                };
                items.push(Item::Unpaired(Unpaired {
                    file: file.clone(),
                    line: p.line,
                    text: p.text.clone(),
                    side,
                    lang: p.lang.map(|l| l.code()),
                    next_pair,
                }));
                i += 1;
            }
        }
    }
    Ok(Box::new(items.into_iter().map(Ok)))
}

fn one_language(path: &str, l: &'static dyn Language) -> InputError {
    InputError::File {
        path: path.to_string(),
        message: format!(
            "every paragraph is {}; an interleaved file needs paragraphs in two languages (for other layouts use TSV, CSV or --source/--target)",
            l.name()
        ),
    }
}
