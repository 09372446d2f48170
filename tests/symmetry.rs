//! Swapping source and target swaps missing and extra names (`E002` ↔ `E003`)
//! and changes nothing else of the entity findings: the same substitutions
//! (`E001`), the same unverified names (`E004`), at the same spans. Checked on
//! random sentences built from names of both languages and on every entity
//! fixture.

mod common;

use paracheck::check::Checker;
use paracheck::finding::{Category, Finding};
use paracheck::input::{self, Format, Input, Item, LangChoice, Pair};
use proptest::prelude::*;
use std::path::Path;

const EN: &[&str] = &[
    "The meeting was held in ",
    "Malaysia",
    "Cambodia",
    "Vietnam",
    "Laos",
    " and ",
    "Reporter ",
    "Zhou Haitao",
    "Zhao Haitao",
    "Kim Ju-ae",
    "Kim Jong-un",
    "Russia",
    "Putin",
    "WeChat",
    "Weibo",
    "Shaanxi",
    "Shanxi",
    "Chicago",
    "Houston",
    " said. ",
    ", ",
    "the UN",
    "Kazakhstan",
    "Uzbekistan",
    "NATO",
    "Beijing",
];
const ZH: &[&str] = &[
    "会议在",
    "马来西亚",
    "柬埔寨",
    "越南",
    "老挝",
    "和",
    "记者",
    "周海涛",
    "赵海涛",
    "女儿金主爱",
    "金正恩",
    "俄罗斯",
    "普京",
    "微信",
    "微博",
    "陕西",
    "山西",
    "芝加哥",
    "休斯敦",
    "表示。",
    "，",
    "联合国",
    "哈萨克斯坦",
    "乌兹别克斯坦",
    "北约",
    "北京",
    "举行。",
];

fn sentence(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 1..10).prop_map(|v| v.concat())
}

fn pair(source: String, target: String, zh_first: bool) -> Pair {
    common::en_zh_pair(source, target, zh_first, "symmetry")
}

/// The entity findings of a pair as (code, source span, target span), the code
/// of missing and extra names exchanged when `swapped`.
fn entity_findings(findings: &[Finding], swapped: bool) -> Vec<(String, String, String)> {
    let span = |s: &Option<paracheck::finding::SpanRef>| {
        s.as_ref()
            .map(|s| format!("{}@{}", s.text, s.start))
            .unwrap_or_default()
    };
    let mut v: Vec<(String, String, String)> = findings
        .iter()
        .filter(|f| f.category() == Category::Entity)
        .map(|f| {
            let code = f.rule.code().to_string();
            let (s, t) = (span(&f.source), span(&f.target));
            if swapped {
                let code = match code.as_str() {
                    "E002" => "E003".to_string(),
                    "E003" => "E002".to_string(),
                    _ => code,
                };
                (code, t, s)
            } else {
                (code, s, t)
            }
        })
        .collect();
    v.sort();
    v
}

fn assert_symmetric(p: &Pair) {
    let checker = Checker::default();
    let mut q = p.clone();
    std::mem::swap(&mut q.source, &mut q.target);
    std::mem::swap(&mut q.source_lang, &mut q.target_lang);
    let there = entity_findings(&checker.check_pair(p), false);
    let back = entity_findings(&checker.check_pair(&q), true);
    assert_eq!(there, back, "{:?} ⇄ {:?}", p.source, p.target);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn swapping_sides_swaps_missing_and_extra(en in sentence(EN), zh in sentence(ZH), zh_first: bool) {
        let p = if zh_first { pair(zh, en, true) } else { pair(en, zh, false) };
        assert_symmetric(&p);
    }
}

#[test]
fn entity_fixtures_are_symmetric() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/entities");
    let mut n = 0;
    for name in ["en-zh.tsv", "zh-en.tsv"] {
        let input = Input::File {
            path: root.join(name),
            format: Format::Tsv,
        };
        for item in input::open(&input, LangChoice::default()).expect("opens") {
            if let Item::Pair(p) = item.expect("reads") {
                assert_symmetric(&p);
                n += 1;
            }
        }
    }
    assert!(n > 50, "{n}");
}
