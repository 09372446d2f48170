//! Helpers shared by the fuzz targets: the invariants every output must keep.
#![allow(dead_code)]

use paracheck::extract::Mention;
use paracheck::finding::Finding;
use paracheck::input::{Location, Pair};
use paracheck::lang;

/// Text from fuzz bytes: UTF-8 as it is, anything else lossily (the readers refuse
/// invalid UTF-8, so the extractors only ever see valid text).
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Every mention lies on character boundaries inside its text and is the slice
/// it says; after overlap resolution they are sorted and disjoint.
pub fn check_mentions(text: &str, ms: &[Mention]) {
    let mut last_end = 0;
    for m in ms {
        assert!(m.start < m.end && m.end <= text.len(), "{m:?}");
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end), "{m:?}");
        assert_eq!(&text[m.start..m.end], m.text, "{m:?}");
        assert!(m.start >= last_end, "overlapping mentions: {m:?}");
        last_end = m.end;
        // Values print without panicking.
        let _ = m.canonical();
        let _ = m.display_value();
    }
}

/// Runs a language's extractors on the text of `data`.
pub fn extract(code: &str, data: &[u8]) {
    let text = text(data);
    let l = lang::by_code(code).expect("language");
    let q = lang::extract_quantities(l, &text);
    check_mentions(&text, &q);
    let n = lang::extract_names(l, &text, paracheck::gazetteer::Gazetteer::bundled());
    check_mentions(&text, &n);
}

/// A pair of the two languages, source first.
pub fn pair(source: String, target: String, zh_first: bool) -> Pair {
    let (en, zh) = (lang::by_code("en").unwrap(), lang::by_code("zh").unwrap());
    let (source_lang, target_lang) = if zh_first { (zh, en) } else { (en, zh) };
    Pair {
        index: 0,
        id: None,
        source,
        target,
        location: Location {
            file: "fuzz".into(),
            source_line: 1,
            target_line: 1,
        },
        source_lang,
        target_lang,
    }
}

/// Every finding's spans are character ranges of its side's text holding the text
/// they quote.
pub fn check_findings(p: &Pair, fs: &[Finding]) {
    for f in fs {
        for (span, text) in [(&f.source, &p.source), (&f.target, &p.target)] {
            if let Some(s) = span {
                let chars: Vec<char> = text.chars().collect();
                assert!(s.start <= s.end && s.end <= chars.len(), "{f:?}");
                let quoted: String = chars[s.start..s.end].iter().collect();
                assert_eq!(quoted, s.text, "{f:?}");
            }
        }
        assert_eq!(f.fingerprint.len(), 16, "{f:?}");
    }
}

/// Read options with small limits, so that inputs reach them.
pub fn read_options() -> paracheck::input::ReadOptions {
    paracheck::input::ReadOptions {
        limits: paracheck::limits::Limits {
            max_line_bytes: 4096,
            max_file_bytes: 1 << 16,
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Languages given (English to Chinese) or, for inputs of odd length, detected.
pub fn langs(data: &[u8]) -> paracheck::input::LangChoice {
    if data.len() % 2 == 1 {
        return Default::default();
    }
    paracheck::input::LangChoice {
        source: lang::by_code("en"),
        target: lang::by_code("zh"),
    }
}

/// Drains a reader's items, checking what every pair holds.
pub fn drain(items: paracheck::input::Items) {
    use paracheck::input::Item;
    for it in items {
        match it {
            Ok(Item::Pair(p)) => {
                assert!(!p.source.contains('\0') && !p.target.contains('\0'));
            }
            Ok(Item::Unpaired(u)) => assert!(!u.text.is_empty()),
            Err(e) => {
                // Every error says something.
                assert!(!e.to_string().is_empty());
                break;
            }
        }
    }
}

/// Reads `data` as a file of `format`: the first byte picks `--columns` (for TSV
/// and CSV).
pub fn read(format: paracheck::input::Format, name: &str, data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let mut opts = read_options();
    opts.columns = match first % 4 {
        1 => "source,target".parse().ok(),
        2 => "id,source,target".parse().ok(),
        3 => "source,target,ignore".parse().ok(),
        _ => None,
    };
    if let Ok(o) = paracheck::input::read_bytes(rest, name, format, langs(data), &opts) {
        drain(o.items);
    }
}
