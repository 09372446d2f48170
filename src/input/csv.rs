//! CSV: RFC 4180 with quoting. A header row is required and must name `source` and
//! `target` columns (and optionally `id`), in any order and case; with `--columns`
//! the columns are taken by position and the header's names are not read.

use super::columns::{ColumnSpec, Role};
use super::{InputError, RawIter, RawPair, Source};

pub(super) fn read(src: Source, given: Option<&ColumnSpec>) -> Result<RawIter, InputError> {
    let name = src.name.clone();
    let mut rdr = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(src.reader);
    let headers = rdr.byte_headers().map_err(|e| csv_error(&name, e))?.clone();
    if headers.is_empty() {
        return Err(InputError::Empty { path: name });
    }
    let names: Vec<String> = headers
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim()
                .trim_start_matches('\u{feff}')
                .to_ascii_lowercase()
        })
        .collect();
    let pos = |n: &str| names.iter().position(|x| x == n);
    let (source, target, id) = match given {
        Some(c) => {
            if c.width() != names.len() {
                return Err(InputError::Malformed {
                    path: name,
                    line: 1,
                    message: format!(
                        "the header has {} columns, --columns {c} names {}",
                        names.len(),
                        c.width()
                    ),
                });
            }
            (
                c.position(Role::Source),
                c.position(Role::Target),
                c.position(Role::Id),
            )
        }
        None => (pos("source"), pos("target"), pos("id")),
    };
    let (Some(source), Some(target)) = (source, target) else {
        return Err(InputError::Malformed {
            path: name,
            line: 1,
            message: format!(
                "the header must name `source` and `target` columns; found: {}",
                names.join(", ")
            ),
        });
    };
    let iter = rdr.into_byte_records().map(move |r| {
        let rec = r.map_err(|e| csv_error(&name, e))?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let field = |i: usize| -> Result<String, InputError> {
            let b = rec.get(i).unwrap_or(b"");
            String::from_utf8(b.to_vec()).map_err(|_| InputError::NotText {
                path: name.clone(),
                line,
            })
        };
        Ok(RawPair {
            id: match id {
                Some(i) => Some(field(i)?),
                None => None,
            },
            source: field(source)?,
            target: field(target)?,
            source_line: line,
            target_line: line,
            index: None,
        })
    });
    Ok(Box::new(iter))
}

fn csv_error(path: &str, e: ::csv::Error) -> InputError {
    let line = e.position().map_or(0, |p| p.line() as usize);
    match e.kind() {
        ::csv::ErrorKind::Io(_) => InputError::File {
            path: path.to_string(),
            message: e.to_string(),
        },
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => InputError::Malformed {
            path: path.to_string(),
            line,
            message: format!("expected {expected_len} fields like the header, found {len}"),
        },
        ::csv::ErrorKind::Utf8 { .. } => InputError::NotText {
            path: path.to_string(),
            line,
        },
        _ => InputError::Malformed {
            path: path.to_string(),
            line,
            message: format!("malformed CSV: {e}"),
        },
    }
}
