//! TSV: IANA tab-separated values, no quoting. `source<TAB>target` or
//! `id<TAB>source<TAB>target` per line; an optional first line naming the columns
//! (`source`, `target`, `id`) is a header.

use super::{InputError, Lines, RawIter, RawPair, display, open_file};
use std::path::Path;

/// Column positions.
#[derive(Debug, Clone, Copy)]
struct Columns {
    id: Option<usize>,
    source: usize,
    target: usize,
    width: usize,
}

/// Reads a header line, if the line is one: every field names a column and both
/// `source` and `target` are present.
fn header(fields: &[&str]) -> Option<Columns> {
    let names: Vec<String> = fields
        .iter()
        .map(|f| f.trim().to_ascii_lowercase())
        .collect();
    if !names
        .iter()
        .all(|n| matches!(n.as_str(), "source" | "target" | "id"))
    {
        return None;
    }
    let pos = |n: &str| names.iter().position(|x| x == n);
    Some(Columns {
        id: pos("id"),
        source: pos("source")?,
        target: pos("target")?,
        width: fields.len(),
    })
}

fn default_columns(width: usize) -> Option<Columns> {
    match width {
        2 => Some(Columns {
            id: None,
            source: 0,
            target: 1,
            width,
        }),
        3 => Some(Columns {
            id: Some(0),
            source: 1,
            target: 2,
            width,
        }),
        _ => None,
    }
}

pub(super) fn read(path: &Path) -> Result<RawIter, InputError> {
    let lines = Lines::new(open_file(path)?, path);
    let name = display(path);
    let mut cols: Option<Columns> = None;
    let mut first = true;
    let iter = lines.filter_map(move |r| {
        let (line, text) = match r {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        if text.trim().is_empty() {
            return None;
        }
        let fields: Vec<&str> = text.split('\t').collect();
        if first {
            first = false;
            if let Some(h) = header(&fields) {
                cols = Some(h);
                return None;
            }
        }
        let c = match cols {
            Some(c) => c,
            None => match default_columns(fields.len()) {
                Some(c) => {
                    cols = Some(c);
                    c
                }
                None => {
                    return Some(Err(InputError::Malformed {
                        path: name.clone(),
                        line,
                        message: format!(
                            "expected 2 tab-separated fields (source, target) or 3 (id, source, target), found {}",
                            fields.len()
                        ),
                    }));
                }
            },
        };
        if fields.len() != c.width {
            return Some(Err(InputError::Malformed {
                path: name.clone(),
                line,
                message: format!(
                    "expected {} tab-separated fields like the lines before, found {}",
                    c.width,
                    fields.len()
                ),
            }));
        }
        Some(Ok(RawPair {
            id: c.id.map(|i| fields[i].to_string()),
            source: fields[c.source].to_string(),
            target: fields[c.target].to_string(),
            source_line: line,
            target_line: line,
        }))
    });
    Ok(Box::new(iter))
}
