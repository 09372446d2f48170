//! TSV: IANA tab-separated values, no quoting. `source<TAB>target` or
//! `id<TAB>source<TAB>target` per line; an optional first line naming the columns
//! (`source`, `target`, `id`, `ignore`, or any other name for a column to read past)
//! is a header. `--columns` gives the columns by position instead.
//!
//! Three columns without a header are read by what they hold: ids first and two
//! texts is `id, source, target`; two texts in two languages first and anything else
//! third is `source, target, id` or `source, target, ignore`, said in a note; any
//! other file is refused with a request for a header or `--columns`.

use super::columns::{ColumnSpec, Role};
use super::{InputError, Lines, RawIter, RawPair, Source};
use crate::text::ScriptCounts;

/// Reads a header line, if the line is one: it names a `source` and a `target`
/// column, and every other field is `id`, `ignore` or another short name (a column
/// to read past).
fn header(fields: &[&str]) -> Option<ColumnSpec> {
    let name_like = |f: &str| {
        let f = f.trim();
        f.len() <= 32
            && f.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && f.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.'))
    };
    if !fields.iter().all(|f| name_like(f)) {
        return None;
    }
    let roles = fields
        .iter()
        .map(|f| Role::from_name(f).unwrap_or(Role::Ignore))
        .collect();
    ColumnSpec::new(roles).ok()
}

fn spec(roles: &[Role]) -> ColumnSpec {
    ColumnSpec {
        roles: roles.to_vec(),
    }
}

/// Lines sampled to decide the layout of three columns without a header.
const SAMPLE: usize = 256;

/// Whether a field looks like an identifier: short, no spaces, letters, digits and
/// `-_.:/#` only, with a digit or a separator, and not ending like a sentence.
fn id_like(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/' | '#'))
        && !s.ends_with(['.', '!', '?', ':'])
        && s.chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '-' | '_' | ':' | '/' | '#'))
}

/// What a column of the sample holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Content {
    Ids,
    /// Text in a language (its code) or a script paracheck does not read (its name).
    Text(String),
    /// Neither ids nor letters (numbers, scores, empty).
    Other,
}

impl Content {
    fn of(values: &[&str]) -> Content {
        let n = values.len().max(1);
        let ids = values.iter().filter(|v| id_like(v)).count();
        let mut distinct: Vec<&str> = values.iter().map(|v| v.trim()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if ids * 10 >= n * 9 && distinct.len() * 20 >= values.len() * 19 {
            return Content::Ids;
        }
        let with_letters = values
            .iter()
            .filter(|v| ScriptCounts::of(v).total() > 0)
            .count();
        if with_letters * 2 < n {
            return Content::Other;
        }
        let mut counts = ScriptCounts::default();
        for v in values {
            counts.add(v);
        }
        Content::Text(match crate::lang::detect_counts(&counts) {
            Ok(l) => l.code().to_string(),
            Err(script) => script.to_string(),
        })
    }

    fn describe(&self) -> String {
        match self {
            Content::Ids => "ids".into(),
            Content::Text(l) => format!("text in {l}"),
            Content::Other => "no text".into(),
        }
    }
}

/// Decides the columns of a headerless three-column sample, with a note when the
/// layout is not the usual `id, source, target`.
fn decide(name: &str, rows: &[Vec<&str>]) -> Result<(ColumnSpec, Option<String>), InputError> {
    let col = |i: usize| Content::of(&rows.iter().map(|r| r[i]).collect::<Vec<_>>());
    let (a, b, c) = (col(0), col(1), col(2));
    let text = |x: &Content| matches!(x, Content::Text(_));
    if a == Content::Ids && text(&b) && text(&c) {
        return Ok((spec(&[Role::Id, Role::Source, Role::Target]), None));
    }
    if text(&a) && text(&b) && a != b {
        let (roles, why) = if c == Content::Ids {
            (
                [Role::Source, Role::Target, Role::Id],
                "the third looks like ids",
            )
        } else {
            (
                [Role::Source, Role::Target, Role::Ignore],
                "the third is left out",
            )
        };
        let s = spec(&roles);
        let note = format!(
            "{name}: no header; read its 3 columns as {s}: the first two hold text in two languages, {why} ({}); add a header line or pass --columns to say otherwise",
            c.describe()
        );
        return Ok((s, Some(note)));
    }
    Err(InputError::File {
        path: name.to_string(),
        message: format!(
            "3 tab-separated columns and no header, and their content does not tell which hold the source and the target (first: {}, second: {}, third: {}); add a header line naming the columns (source, target, id, ignore) or pass --columns, e.g. --columns id,source,target or --columns source,target,ignore",
            a.describe(),
            b.describe(),
            c.describe()
        ),
    })
}

/// Reads a TSV input; the note says how a headerless file's columns were read when
/// that was decided by content.
pub(super) fn read(
    src: Source,
    given: Option<&ColumnSpec>,
    limits: &crate::limits::Limits,
) -> Result<(RawIter, Option<String>), InputError> {
    let name = src.name.clone();
    let mut lines = Lines::new(src.reader, &name, limits.max_line_bytes);
    // The lines read ahead to decide the columns, replayed before the rest.
    let mut ahead: Vec<(usize, String)> = Vec::new();
    let mut first = None;
    for r in lines.by_ref() {
        let (line, text) = r?;
        if !text.trim().is_empty() {
            first = Some((line, text));
            break;
        }
    }
    let Some((line1, text1)) = first else {
        return Ok((Box::new(std::iter::empty()), None));
    };
    let fields1: Vec<&str> = text1.split('\t').collect();
    let mut note = None;
    let (cols, from_option) = if let Some(c) = given {
        if header(&fields1).is_none() {
            ahead.push((line1, text1.clone()));
        }
        (c.clone(), true)
    } else if let Some(h) = header(&fields1) {
        (h, false)
    } else {
        ahead.push((line1, text1.clone()));
        let c = match fields1.len() {
            2 => spec(&[Role::Source, Role::Target]),
            3 => {
                for r in lines.by_ref() {
                    let (line, text) = r?;
                    if text.trim().is_empty() {
                        continue;
                    }
                    let wide = text.split('\t').count() == 3;
                    ahead.push((line, text));
                    if !wide || ahead.len() >= SAMPLE {
                        break;
                    }
                }
                let rows: Vec<Vec<&str>> = ahead
                    .iter()
                    .map(|(_, t)| t.split('\t').collect::<Vec<_>>())
                    .filter(|f| f.len() == 3)
                    .collect();
                let (c, n) = decide(&name, &rows)?;
                note = n;
                c
            }
            n => {
                return Err(InputError::Malformed {
                    path: name,
                    line: line1,
                    message: format!(
                        "expected 2 tab-separated fields (source, target) or 3 (id, source, target), found {n}"
                    ),
                });
            }
        };
        (c, false)
    };
    let (id, source, target) = (
        cols.position(Role::Id),
        cols.position(Role::Source).expect("checked"),
        cols.position(Role::Target).expect("checked"),
    );
    let width = cols.width();
    let iter = ahead.into_iter().map(Ok).chain(lines).filter_map(move |r| {
        let (line, text) = match r {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        if text.trim().is_empty() {
            return None;
        }
        let fields: Vec<&str> = text.split('\t').collect();
        if fields.len() != width {
            return Some(Err(InputError::Malformed {
                path: name.clone(),
                line,
                message: if from_option {
                    format!(
                        "expected {width} tab-separated fields (--columns {cols}), found {}",
                        fields.len()
                    )
                } else {
                    format!(
                        "expected {width} tab-separated fields like the lines before, found {}",
                        fields.len()
                    )
                },
            }));
        }
        Some(Ok(RawPair {
            id: id.map(|i| fields[i].to_string()),
            source: fields[source].to_string(),
            target: fields[target].to_string(),
            source_line: line,
            target_line: line,
            index: None,
        }))
    });
    Ok((Box::new(iter), note))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&'static str]) -> Vec<Vec<&'static str>> {
        lines.iter().map(|l| l.split('\t').collect()).collect()
    }

    #[test]
    fn headers() {
        assert!(header(&["id", "source", "target"]).is_some());
        let h = header(&["Source", "Target", "attribution"]).unwrap();
        assert_eq!(h.roles, vec![Role::Source, Role::Target, Role::Ignore]);
        assert!(header(&["Exports rose 9.5 percent.", "出口增长9.5%。"]).is_none());
        assert!(header(&["source", "notes"]).is_none(), "no target column");
    }

    #[test]
    fn ids_look_like_ids() {
        for s in ["1", "42", "N001-scale", "doc7:p3", "slip-3", "#501"] {
            assert!(id_like(s), "{s}");
        }
        for s in ["Hi.", "Run!", "Hello", "两个", "a b", "OK", ""] {
            assert!(!id_like(s), "{s}");
        }
    }

    #[test]
    fn three_columns_by_content() {
        let ids = rows(&[
            "1\tThe rate rose 5 percent.\t利率上升了5%。",
            "2\tWe met twice.\t我们见了两次面。",
        ]);
        let (c, note) = decide("x.tsv", &ids).unwrap();
        assert_eq!(c.roles, vec![Role::Id, Role::Source, Role::Target]);
        assert!(note.is_none());
        let attributed = rows(&[
            "Hi.\t你好。\tCC-BY 2.0 (France) Attribution: example.org #1 (ann) & #9 (bo)",
            "Run!\t快跑！\tCC-BY 2.0 (France) Attribution: example.org #2 (ann) & #8 (cy)",
        ]);
        let (c, note) = decide("x.tsv", &attributed).unwrap();
        assert_eq!(c.roles, vec![Role::Source, Role::Target, Role::Ignore]);
        assert!(note.unwrap().contains("source,target,ignore"));
        let trailing_ids = rows(&["Hi.\t你好。\ts-1", "Run!\t快跑！\ts-2"]);
        let (c, _) = decide("x.tsv", &trailing_ids).unwrap();
        assert_eq!(c.roles, vec![Role::Source, Role::Target, Role::Id]);
        let unclear = rows(&["news\tHi there.\t你好。", "news\tRun now!\t快跑！"]);
        let e = decide("x.tsv", &unclear).unwrap_err().to_string();
        assert!(e.contains("--columns"), "{e}");
    }
}
