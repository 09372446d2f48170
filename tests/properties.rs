//! Properties of extraction and checking on arbitrary Unicode (proptest):
//! - the extractors never panic, and every span lies on character boundaries
//!   inside its text, is the text it quotes, and mentions are sorted and disjoint;
//! - normalisation (the fold, fingerprint text, canonical decimals) is idempotent;
//! - a pair checked against itself gives no number, date or name finding;
//! - swapping source and target swaps missing and extra, and nothing else.
//!
//! `PROPTEST_CASES` raises the number of cases (the default here is modest so
//! that `cargo test` stays quick; the fuzz targets run the same invariants longer).

mod common;

use paracheck::check::Checker;
use paracheck::check::codes::Rule;
use paracheck::extract::Mention;
use paracheck::finding::Finding;
use paracheck::input::Pair;
use paracheck::lang;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "1",
    "2022",
    "1,750",
    "9.5",
    "0.",
    "-",
    "−",
    "/",
    "%",
    "$",
    "¥",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "两",
    "〇",
    "廿",
    "第",
    "余",
    "多",
    "约",
    "点",
    "年",
    "月",
    "日",
    "号",
    "中旬",
    "世纪",
    "年代",
    "百分之",
    "成",
    "中",
    "俄",
    "美",
    "普京",
    "哈萨克斯坦",
    "联合国",
    "·",
    "《",
    "》",
    "，",
    "。",
    "\u{FF10}",
    "\u{FF15}",
    " ",
    "\t",
    "\n",
    "\u{a0}",
    "million",
    "billion",
    "percent",
    "January",
    "March 2, 2022",
    "the 1800s",
    "19th",
    "century",
    "Russia",
    "Putin",
    "Kazakhstan",
    "UN",
    "U.S.",
    "G20",
    "COVID-19",
    "10/12/21",
    "a quarter",
    "two-thirds",
    "hundred",
    "thousand",
    // Combining marks, right-to-left text and controls, NUL, joiners.
    "\u{301}",
    "\u{332}",
    "e\u{301}",
    "\u{20DD}",
    "مرحبا",
    "١٢٣",
    "۴۵",
    "שלום",
    "\u{200F}",
    "\u{202B}",
    "\u{202E}",
    "\u{2066}",
    "\u{0}",
    "\u{200D}",
    "\u{FEFF}",
    "👍🏽",
    "🇨🇳",
    "\u{FFFD}",
    "\u{1F600}",
    "\u{E000}",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        // Pieces the extractors look for, mixed with arbitrary characters.
        4 => prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(PIECES).prop_map(str::to_string),
                1 => any::<char>().prop_map(|c| c.to_string()),
            ],
            0..48,
        )
        .prop_map(|v| v.concat()),
        // Arbitrary UTF-16 code units, unpaired surrogates included, decoded as
        // a reader that accepted UTF-16 would (U+FFFD for a lone surrogate).
        1 => prop::collection::vec(any::<u16>(), 0..64)
            .prop_map(|u| String::from_utf16_lossy(&u)),
        1 => any::<String>(),
    ]
}

/// Every mention lies on character boundaries inside `text`, quotes it, and the
/// mentions are sorted and disjoint.
fn spans_hold(text: &str, ms: &[Mention]) -> Result<(), TestCaseError> {
    let mut last = 0;
    for m in ms {
        prop_assert!(m.start < m.end && m.end <= text.len(), "{m:?}");
        prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        prop_assert_eq!(&text[m.start..m.end], m.text);
        prop_assert!(m.start >= last, "overlap: {:?}", m);
        last = m.end;
        let _ = (m.canonical(), m.display_value());
    }
    Ok(())
}

fn extract_all(text: &str) -> Result<(), TestCaseError> {
    for code in ["en", "zh"] {
        let l = lang::by_code(code).unwrap();
        spans_hold(text, &lang::extract_quantities(l, text))?;
        let names = lang::extract_names(l, text, paracheck::gazetteer::Gazetteer::bundled());
        spans_hold(text, &names)?;
    }
    Ok(())
}

fn pair(source: &str, target: &str, zh_first: bool) -> Pair {
    common::en_zh_pair(source, target, zh_first, "prop")
}

/// Finding spans are character ranges of their side's text holding what they quote.
fn finding_spans_hold(p: &Pair, fs: &[Finding]) -> Result<(), TestCaseError> {
    for f in fs {
        for (span, text) in [(&f.source, &p.source), (&f.target, &p.target)] {
            if let Some(s) = span {
                let chars: Vec<char> = text.chars().collect();
                prop_assert!(s.start <= s.end && s.end <= chars.len(), "{f:?}");
                let quoted: String = chars[s.start..s.end].iter().collect();
                prop_assert_eq!(&quoted, &s.text);
            }
        }
    }
    Ok(())
}

/// The rule a finding becomes when source and target change places.
fn swapped(r: Rule) -> Rule {
    match r {
        Rule::NumberMissing => Rule::NumberExtra,
        Rule::NumberExtra => Rule::NumberMissing,
        Rule::DateMissing => Rule::DateExtra,
        Rule::DateExtra => Rule::DateMissing,
        Rule::EntityMissing => Rule::EntityExtra,
        Rule::EntityExtra => Rule::EntityMissing,
        r => r,
    }
}

fn numbers_dates_and_names(r: Rule) -> bool {
    matches!(
        r,
        Rule::NumberMismatch
            | Rule::NumberMissing
            | Rule::NumberExtra
            | Rule::DateMismatch
            | Rule::DateMissing
            | Rule::DateExtra
            | Rule::EntitySubstitution
            | Rule::EntityMissing
            | Rule::EntityExtra
    )
}

/// (rule, source span text, target span text) of the number, date and name findings,
/// sorted: what swapping must preserve (with the rule and sides swapped).
fn shape(fs: &[Finding], swap: bool) -> Vec<(Rule, String, String)> {
    let mut v: Vec<_> = fs
        .iter()
        .filter(|f| numbers_dates_and_names(f.rule))
        .map(|f| {
            let s = f
                .source
                .as_ref()
                .map(|s| s.text.clone())
                .unwrap_or_default();
            let t = f
                .target
                .as_ref()
                .map(|s| s.text.clone())
                .unwrap_or_default();
            if swap {
                (swapped(f.rule), t, s)
            } else {
                (f.rule, s, t)
            }
        })
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000)
    ))]

    #[test]
    fn extraction_never_panics_and_spans_lie_on_boundaries(t in text()) {
        extract_all(&t)?;
    }

    #[test]
    fn folding_is_idempotent_and_keeps_characters(t in text()) {
        let once = paracheck::text::Folded::new(&t);
        let twice = paracheck::text::Folded::new(&once.folded);
        prop_assert_eq!(&twice.folded, &once.folded);
        prop_assert_eq!(once.folded.chars().count(), t.chars().count());
        for c in t.chars() {
            let f = paracheck::text::fold_char(c);
            prop_assert_eq!(paracheck::text::fold_char(f), f);
        }
        let n = paracheck::finding::normalize_for_fingerprint(&t);
        prop_assert_eq!(paracheck::finding::normalize_for_fingerprint(&n), n.clone());
    }

    #[test]
    fn canonical_values_are_fixed_points(t in text()) {
        for code in ["en", "zh"] {
            let l = lang::by_code(code).unwrap();
            for m in lang::extract_quantities(l, &t) {
                if let Some(v) = m.num() {
                    let c = paracheck::extract::number::canonical(v.value);
                    let back = paracheck::extract::number::parse_decimal(&c);
                    prop_assert_eq!(back, Some(v.value), "{}", c);
                    prop_assert_eq!(paracheck::extract::number::canonical(back.unwrap()), c);
                }
            }
        }
    }

    #[test]
    fn a_pair_checked_against_itself_has_no_number_date_or_name_finding(
        t in text(), zh in any::<bool>()
    ) {
        // The same text on both sides, in one language.
        let l = lang::by_code(if zh { "zh" } else { "en" }).unwrap();
        let mut p = pair(&t, &t, false);
        p.source_lang = l;
        p.target_lang = l;
        let fs = Checker::default().check_pair(&p);
        finding_spans_hold(&p, &fs)?;
        for f in &fs {
            prop_assert!(
                !matches!(f.category(), paracheck::finding::Category::Number
                    | paracheck::finding::Category::Date
                    | paracheck::finding::Category::Entity),
                "{:?} on {:?}", f, t
            );
        }
    }

    #[test]
    fn swapping_source_and_target_swaps_missing_and_extra(
        a in text(), b in text(), zh_first in any::<bool>()
    ) {
        let checker = Checker::default();
        let ab = pair(&a, &b, zh_first);
        let ba = pair(&b, &a, !zh_first);
        let fab = checker.check_pair(&ab);
        let fba = checker.check_pair(&ba);
        finding_spans_hold(&ab, &fab)?;
        finding_spans_hold(&ba, &fba)?;
        prop_assert_eq!(shape(&fab, false), shape(&fba, true), "{:?} / {:?}", a, b);
    }
}

/// 1 MB lines of hostile text: checked whole, in both directions, without panics
/// and with every span in place.
#[test]
fn one_megabyte_lines() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for round in 0..2 {
        let mut s = String::new();
        while s.len() < 1 << 20 {
            s.push_str(&text().new_tree(&mut runner).unwrap().current());
        }
        extract_all(&s).unwrap();
        {
            // Checking a 1 MB pair takes half a minute unoptimised (the matching is
            // super-linear below its budget: tests/linear.rs); a quarter of it here.
            s.truncate(
                (s.len() / 4..s.len())
                    .find(|&i| s.is_char_boundary(i))
                    .unwrap(),
            );
        }
        let half = s.len() / 2;
        let cut = (half..s.len()).find(|&i| s.is_char_boundary(i)).unwrap();
        let p = pair(&s[..cut], &s[cut..], round % 2 == 1);
        let fs = Checker::default().check_pair(&p);
        finding_spans_hold(&p, &fs).unwrap();
    }
}
