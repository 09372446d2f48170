//! No input makes paracheck panic: random texts built from the pieces its
//! extractors look for (numerals, scales, dates, names, abbreviations,
//! separators) and from arbitrary characters, checked in both directions.

mod common;

use paracheck::check::Checker;
use paracheck::input::Pair;
use paracheck::lang;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "1",
    "2022",
    "1,750",
    "3,000m",
    "9.5",
    "0.",
    ".5",
    "-",
    "−",
    "/",
    "%",
    "$",
    "AU$",
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
    "近",
    "负",
    "点",
    "年",
    "月",
    "日",
    "号",
    "中旬",
    "下旬",
    "世纪",
    "年代",
    "周一",
    "今晚",
    "7点",
    "上世纪",
    "前9个月",
    "第三季度",
    "百分之",
    "百分百",
    "折",
    "分之",
    "中",
    "俄",
    "美",
    "欧",
    "乌",
    "以及",
    "华",
    "汉字",
    "脱欧",
    "中俄",
    "俄乌",
    "普京",
    "拜登",
    "哈萨克斯坦",
    "联合国",
    "联合国安理会",
    "·",
    "《",
    "》",
    "“",
    "”",
    "，",
    "、",
    "。",
    "：",
    "（",
    "）",
    "\u{FF10}",
    " ",
    "  ",
    "\t",
    "\n",
    "\u{a0}",
    "million",
    "billion",
    "percent",
    "mid-",
    "January",
    "the 1800s",
    "19th",
    "century",
    "minus",
    "Fed",
    "U.S",
    "U.S.",
    "Russia",
    "Putin",
    "Kazakhstan",
    "UN",
    "Security Council",
    "Zhang Weiguo",
    "G20",
    "COVID-19",
    "10/12/21",
    "March 2, 2022",
    "a quarter",
    "two-thirds",
    "French fries",
    "Sino-Russian",
    "Türkiye",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => any::<char>().prop_map(|c| c.to_string()),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn pair(source: String, target: String, zh_first: bool) -> Pair {
    common::en_zh_pair(source, target, zh_first, "random")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn checking_never_panics(a in text(), b in text(), zh_first: bool) {
        let checker = Checker::default();
        let findings = checker.check_pair(&pair(a.clone(), b.clone(), zh_first));
        // Every span points into its side's text.
        for f in &findings {
            if let Some(s) = &f.source {
                prop_assert!(s.start <= s.end && s.end <= a.chars().count(), "{f:?}");
            }
            if let Some(t) = &f.target {
                prop_assert!(t.start <= t.end && t.end <= b.chars().count(), "{f:?}");
            }
        }
        // The same pair checked again gives the same findings.
        prop_assert_eq!(findings, checker.check_pair(&pair(a, b, zh_first)));
    }
}

/// Issue 14, defect 2: stacked scales overflowed the decimal type and panicked
/// (exit 101, no report). Each is now a mention too large to compare, or none.
#[test]
fn stacked_scales_do_not_overflow() {
    let checker = Checker::default();
    for zh in [
        "两亿亿余",
        "两亿亿多",
        "1万亿亿亿亿",
        "9亿亿亿亿亿亿亿",
        "约9亿亿亿亿亿亿亿",
        "10余亿亿亿亿",
        "九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九",
        "79228162514264337593543950335万",
        "79228162514264337593543950335余万",
        "近79228162514264337593543950335亿",
        "亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿",
    ] {
        for en in [
            "",
            "about 2 billion",
            "79228162514264337593543950335 trillion",
        ] {
            for zh_first in [false, true] {
                let (s, t) = if zh_first { (zh, en) } else { (en, zh) };
                let _ = checker.check_pair(&pair(s.into(), t.into(), zh_first));
            }
        }
        let l = lang::by_code("zh").unwrap();
        let _ = lang::extract_quantities(l, zh);
    }
    // The same in English words: `hundred` multiplies what comes before it.
    let hundreds = format!("one{}", " hundred".repeat(40));
    let thousands = format!("nine hundred ninety-nine{}", " thousand".repeat(40));
    let en = lang::by_code("en").unwrap();
    for t in [
        hundreds.as_str(),
        thousands.as_str(),
        "79228162514264337593543950335 trillion",
        "79,228,162,514,264,337,593,543,950,335 billion and a half",
        "half a trillion trillion trillion trillion",
        "99999999999999999999999999999 hundredth",
    ] {
        let _ = lang::extract_quantities(en, t);
        let _ = checker.check_pair(&pair(t.into(), "两亿亿余".into(), false));
    }
}
