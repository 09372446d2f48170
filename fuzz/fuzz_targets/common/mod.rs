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
