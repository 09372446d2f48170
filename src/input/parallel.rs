//! Two line-aligned files: line N of the source file is translated by line N of the
//! target file.

use super::{InputError, Lines, RawIter, RawPair, Source};

pub(super) fn read(source: Source, target: Source) -> Result<RawIter, InputError> {
    let (sname, tname) = (source.name.clone(), target.name.clone());
    let mut s = Lines::new(source.reader, &sname);
    let mut t = Lines::new(target.reader, &tname);
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
                    // One file ended first: read the rest of both to name both counts.
                    done = true;
                    s.by_ref().for_each(drop);
                    t.by_ref().for_each(drop);
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
