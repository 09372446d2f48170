//! Terminal columns: display widths (CJK characters take two columns, as
//! `unicode-width` counts them), the width to fit, wrapping, and excerpts that fit.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The display width of a string (East Asian wide characters count two columns).
pub fn str_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The display width of a character as the text report prints it: control
/// characters are shown as spaces.
fn char_width(c: char) -> usize {
    if c.is_control() {
        1
    } else {
        UnicodeWidthChar::width(c).unwrap_or(0)
    }
}

/// `COLUMNS` when it is set to a positive number.
fn columns_env(env: &dyn Fn(&str) -> Option<std::ffi::OsString>) -> Option<usize> {
    env("COLUMNS")
        .and_then(|v| v.to_str().and_then(|s| s.trim().parse::<usize>().ok()))
        .filter(|n| *n > 0)
}

/// The width of stdout when it is a terminal.
fn stdout_columns() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0 as usize)
}

/// The width the text report fits its lines to: `COLUMNS` when set, else the
/// terminal's width when stdout is one; `None` (not a terminal, or `--output FILE`)
/// keeps the fixed context of 28 characters either side of a span.
pub fn report_width(to_stdout: bool) -> Option<usize> {
    if !to_stdout {
        return None;
    }
    columns_env(&|k| std::env::var_os(k)).or_else(stdout_columns)
}

/// The width tables are wrapped to: `COLUMNS`, else the terminal's width, else 80.
pub fn table_width() -> usize {
    columns_env(&|k| std::env::var_os(k))
        .or_else(stdout_columns)
        .unwrap_or(80)
}

/// Whether a line may break before `c` (after `prev`): after a space, and between
/// two wide (CJK) characters unless `c` is punctuation that closes (`，。）`).
fn breaks_before(prev: char, c: char) -> bool {
    prev == ' '
        || (char_width(c) == 2
            && char_width(prev) == 2
            && !"，。、；：！？）》」』】”’".contains(c))
}

/// Wraps `text` into lines of at most `width` columns, breaking at spaces and
/// around wide characters; a word longer than a line is cut. Lines after the first
/// are meant to be indented by the caller; spaces at a break are dropped.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    // Unbreakable pieces, each with the spaces that follow it.
    let mut pieces: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev = ' ';
    for c in text.chars() {
        let c = if c.is_control() { ' ' } else { c };
        if !cur.is_empty() && breaks_before(prev, c) && !(prev == ' ' && c == ' ') {
            pieces.push(std::mem::take(&mut cur));
        }
        cur.push(c);
        prev = c;
    }
    pieces.push(cur);
    let mut lines = Vec::new();
    let mut line = String::new();
    for piece in pieces {
        let w = str_width(piece.trim_end());
        if !line.is_empty() && str_width(&line) + w > width {
            lines.push(line.trim_end().to_string());
            line.clear();
        }
        if line.is_empty() {
            // A piece wider than a line on its own is cut.
            let mut rest = piece.trim_start();
            while str_width(rest.trim_end()) > width {
                let mut cols = 0;
                let cut = rest
                    .char_indices()
                    .find(|(_, c)| {
                        cols += char_width(*c);
                        cols > width
                    })
                    .map_or(rest.len(), |(i, _)| {
                        i.max(rest.chars().next().map_or(0, char::len_utf8))
                    });
                lines.push(rest[..cut].to_string());
                rest = &rest[cut..];
            }
            line.push_str(rest);
        } else {
            line.push_str(&piece);
        }
    }
    lines.push(line.trim_end().to_string());
    if lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// The range of characters around `start..end` of `chars` that fits in `columns`
/// together with the span itself (`span_extra` more columns for its brackets) and
/// an ellipsis (one column) on each side that is cut: context is added one
/// character at a time on either side, so it is balanced unless the text ends.
pub fn fit_context(
    chars: &[char],
    start: usize,
    end: usize,
    columns: usize,
    span_extra: usize,
) -> (usize, usize) {
    let len = chars.len();
    let (s, e) = (start.min(len), end.clamp(start.min(len), len));
    let span_w: usize = chars[s..e].iter().map(|c| char_width(*c)).sum::<usize>() + span_extra;
    let (mut from, mut to) = (s, e);
    let mut used = span_w;
    let cost =
        |from: usize, to: usize, used: usize| used + usize::from(from > 0) + usize::from(to < len);
    loop {
        let mut grew = false;
        if from > 0 {
            let w = char_width(chars[from - 1]);
            if cost(from - 1, to, used + w) <= columns {
                from -= 1;
                used += w;
                grew = true;
            }
        }
        if to < len {
            let w = char_width(chars[to]);
            if cost(from, to + 1, used + w) <= columns {
                to += 1;
                used += w;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters_take_two_columns() {
        assert_eq!(str_width("abc"), 3);
        assert_eq!(str_width("贸易额"), 6);
        assert_eq!(str_width("89.4亿美元"), 10);
        assert_eq!(str_width("…"), 1);
    }

    #[test]
    fn wrap_breaks_at_spaces_and_around_wide_characters() {
        assert_eq!(
            wrap("the quick brown fox jumps", 10),
            vec!["the quick", "brown fox", "jumps"]
        );
        // Chinese breaks between characters; each line at most 10 columns.
        let lines = wrap("2023年，中国与中亚五国贸易额达到89.4亿美元", 10);
        assert!(lines.iter().all(|l| str_width(l) <= 10), "{lines:?}");
        assert_eq!(lines.concat(), "2023年，中国与中亚五国贸易额达到89.4亿美元");
        // A word longer than the line is cut.
        assert_eq!(wrap("abcdefghij klm", 4), vec!["abcd", "efgh", "ij", "klm"]);
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(wrap("short", 80), vec!["short"]);
    }

    #[test]
    fn context_fits_the_columns_and_stays_balanced() {
        let text: Vec<char> = "aaaaaaaaaa[span]bbbbbbbbbb".chars().collect();
        let (s, e) = (10, 16);
        // 6 for the span, 2 ellipses, 4 either side.
        assert_eq!(fit_context(&text, s, e, 16, 0), (6, 20));
        // Wide characters count double.
        let zh: Vec<char> = "一二三四五六七八九十span十九八七六五四三二一"
            .chars()
            .collect();
        let (from, to) = fit_context(&zh, 10, 14, 16, 0);
        let w: usize = zh[from..to].iter().map(|c| char_width(*c)).sum::<usize>() + 2;
        assert!(w <= 16, "{w}");
        assert_eq!((from, to), (7, 16));
        // Near the start, the other side gets the room.
        let (from, to) = fit_context(&text, 1, 2, 12, 0);
        assert_eq!(from, 0);
        assert_eq!(to, 11);
        // Everything fits: no cut.
        assert_eq!(fit_context(&text, s, e, 100, 2), (0, text.len()));
        // A span wider than the room is shown alone.
        assert_eq!(fit_context(&text, s, e, 3, 2), (s, e));
    }
}
