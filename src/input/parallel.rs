//! Two line-aligned files: line N of the source file is translated by line N of the
//! target file.

use super::{InputError, Lines, RawIter, RawPair, Source};

pub(super) fn read(
    source: Source,
    target: Source,
    limits: &crate::limits::Limits,
) -> Result<RawIter, InputError> {
    let (sname, tname) = (source.name.clone(), target.name.clone());
    let mut s = Lines::new(source.reader, &sname, limits.max_line_bytes);
    let mut t = Lines::new(target.reader, &tname, limits.max_line_bytes);
    // Counting the lines of the longer file reads at most this much more of it (it
    // may be a stream that never ends).
    let count_limit = limits.max_file_bytes;
    let mut done = false;
    let iter = std::iter::from_fn(move || {
        if done {
            return None;
        }
        loop {
            let a = s.next();
            let b = t.next();
            match (a, b) {
                (None, None) => {
                    done = true;
                    return None;
                }
                (Some(Err(e)), _) | (_, Some(Err(e))) => {
                    done = true;
                    return Some(Err(e));
                }
                (Some(Ok((line, src))), Some(Ok((_, tgt)))) => {
                    if src.trim().is_empty() && tgt.trim().is_empty() {
                        continue;
                    }
                    return Some(Ok(RawPair {
                        id: None,
                        source: src,
                        target: tgt,
                        source_line: line,
                        target_line: line,
                        index: None,
                    }));
                }
                _ => {
                    // One file ended first: read the rest of the other to name both
                    // counts (up to a limit).
                    done = true;
                    let mut ended = true;
                    for lines in [&mut s, &mut t] {
                        let start = lines.bytes_read();
                        while let Some(r) = lines.next() {
                            if let Err(e) = r {
                                return Some(Err(e));
                            }
                            if lines.bytes_read() - start > count_limit {
                                ended = false;
                                break;
                            }
                        }
                    }
                    if !ended {
                        let (short, long, n) = if s.lines_read() < t.lines_read() {
                            (&sname, &tname, s.lines_read())
                        } else {
                            (&tname, &sname, t.lines_read())
                        };
                        return Some(Err(InputError::File {
                            path: long.clone(),
                            message: format!(
                                "line counts differ: {short} has {n} lines, {long} more than {} lines",
                                n.max(s.lines_read()).max(t.lines_read())
                            ),
                        }));
                    }
                    return Some(Err(InputError::LineCount {
                        source_path: sname.clone(),
                        source_lines: s.lines_read(),
                        target_path: tname.clone(),
                        target_lines: t.lines_read(),
                    }));
                }
            }
        }
    });
    Ok(Box::new(iter))
}
