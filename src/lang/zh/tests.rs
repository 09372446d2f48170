//! Chinese extraction, case by case. Each case lists every mention expected in the
//! text as `kind:value` (the value as messages show it), in order.

use super::*;
use crate::extract::Strength;
use crate::lang::extract_quantities;

fn found(text: &str) -> Vec<String> {
    extract_quantities(&Chinese, text)
        .iter()
        .map(|m| format!("{}:{}", m.kind.as_str(), m.display_value()))
        .collect()
}

fn check(cases: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = found(text);
        if got != *want {
            failures.push(format!("{text:?}\n    want {want:?}\n    got  {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn numeral_parsing() {
    let p = |s: &str| parse_numeral(&s.chars().collect::<Vec<_>>()).map(|d| d.to_string());
    assert_eq!(p("一千五百三十九点三八五").as_deref(), Some("1539.385"));
    assert_eq!(p("两百万").as_deref(), Some("2000000"));
    assert_eq!(p("十二亿三千四百万五千").as_deref(), Some("1234005000"));
    assert_eq!(p("三百零五").as_deref(), Some("305"));
    assert_eq!(p("一万五").as_deref(), Some("15000"));
    assert_eq!(p("一千五").as_deref(), Some("1500"));
    assert_eq!(p("十五").as_deref(), Some("15"));
    assert_eq!(p("廿一").as_deref(), Some("21"));
    assert_eq!(p("二〇二二").as_deref(), Some("2022"));
    assert_eq!(p("一万亿").as_deref(), Some("1000000000000"));
    assert_eq!(p("百"), None);
}

#[test]
fn digits_scales_and_money() {
    check(&[
        ("贸易总额达到1539.385亿美元", &["money:153938500000 USD"]),
        ("进口煤炭4700万吨", &["quantity:47000000 t"]),
        ("投资400亿美元", &["money:40000000000 USD"]),
        ("人口超过 38 万", &["number:>380000"]),
        ("共发出2万4801张", &["number:24801"]),
        ("1.2万人", &["quantity:12000 person"]),
        ("２万亿元", &["money:2000000000000 CNY"]),
        ("1,750架无人机", &["number:1750"]),
        ("震源距地面23千米", &["quantity:23 km"]),
        ("一千五百三十九点三八五亿美元", &["money:153938500000 USD"]),
    ]);
}

#[test]
fn numerals_with_measure_words() {
    check(&[
        ("两国元首", &["number:2"]),
        ("五轮东扩", &["number:5"]),
        ("十多项重要声明", &["number:>10"]),
        ("1000多家跨国公司", &["number:>1000"]),
        ("十几个国家", &["number:>10"]),
        ("两三天", &["quantity:~2 day"]),
        ("百分之七八十", &["percent:~70%"]),
        ("三四百万人", &["quantity:~3000000 person"]),
        ("百年奋斗", &["quantity:100 year"]),
    ]);
    // A single numeral without a measure word is not read (一系列, 统一).
    check(&[("一系列西方国家实现统一", &[]), ("他说了一下", &[])]);
    let two = extract_quantities(&Chinese, "两国元首");
    assert_eq!(two[0].strength, Strength::Weak);
}

#[test]
fn fractions_percentages_ordinals() {
    check(&[
        ("压缩2/3自俄天然气进口", &["fraction:2/3"]),
        ("三分之二的选票", &["fraction:2/3"]),
        ("90%自俄海上石油进口", &["percent:90%"]),
        ("百分之九十", &["percent:90%"]),
        ("百分之百确定", &["percent:100%"]),
        ("九成的人", &["percent:90%"]),
        ("千分之二", &["percent:0.2%"]),
        ("上涨2个百分点", &["percent:2 pp"]),
        ("第六届里海峰会", &["ordinal:6"]),
        ("第11次紧急特别会议", &["ordinal:11"]),
        (
            "一是主张尊重主权；二是倡导安全观",
            &["ordinal:1", "ordinal:2"],
        ),
    ]);
}

#[test]
fn ranges_and_approximations() {
    check(&[
        (
            "可能达到1650亿至1700亿美元",
            &["money:165000000000 USD", "money:170000000000 USD"],
        ),
        (
            "可能达到1650至1700亿美元",
            &["money:165000000000 USD", "money:170000000000 USD"],
        ),
        ("3至5年", &["quantity:3 year", "quantity:5 year"]),
        ("近30年", &["quantity:<30 year"]),
        ("约100人", &["quantity:~100 person"]),
        ("100人左右", &["quantity:~100 person"]),
        ("逾1000家", &["number:>1000"]),
        ("1000余家", &["number:>1000"]),
        ("负三十二度", &["number:-32"]),
    ]);
}

#[test]
fn things_that_are_not_quantities() {
    check(&[
        ("一、俄罗斯国际环境大面积恶化", &[]),
        ("（二）加强合作", &[]),
        ("G20峰会和二十国集团", &[]),
        ("新冠病毒COVID-19", &[]),
        ("符合GB/T 13000标准", &[]),
        ("六一儿童节", &[]),
        ("生物非二元", &[]),
    ]);
}

#[test]
fn dates() {
    check(&[
        ("2022年3月2日", &["date:2022-03-02"]),
        ("2022年3月2号", &["date:2022-03-02"]),
        ("二〇二二年三月二日", &["date:2022-03-02"]),
        ("2018 年 9 月 29 日", &["date:2018-09-29"]),
        ("3月2日", &["date:XXXX-03-02"]),
        ("2022年6月", &["date:2022-06"]),
        ("2022年", &["date:2022"]),
        ("2022年初", &["date_range:begin 2022"]),
        ("2022年底", &["date_range:end 2022"]),
        ("2022年1月中旬", &["date_range:mid 2022-01"]),
        ("1月下旬", &["date_range:late XXXX-01"]),
        ("10月底", &["date_range:end XXXX-10"]),
        ("2022年前9个月", &["date_range:2022-01/2022-09"]),
        ("前三季度", &["date_range:XXXX-01/XXXX-09"]),
        ("第三季度", &["date_range:XXXX-Q3"]),
        ("去年7月", &["date:XXXX-07 (last year)"]),
        ("上世纪90年代", &["date_range:199X"]),
        ("周一", &["date:XXXX-WXX-1"]),
        ("星期一", &["date:XXXX-WXX-1"]),
        ("晚上7点45分", &["date:T19:45"]),
        ("2010/01/29", &["date:2010-01-29"]),
        ("3至6月", &["date:XXXX-03", "date:XXXX-06"]),
        ("1950-53年", &["date:1950", "date:1953"]),
    ]);
}

#[test]
fn dates_share_and_inherit_years() {
    check(&[
        (
            "2022年3月2日、10月12日和11月14日",
            &["date:2022-03-02", "date:2022-10-12", "date:2022-11-14"],
        ),
        ("2022年6月和11月", &["date:2022-06", "date:2022-11"]),
        (
            "2022年6月访问；9月赴乌兹别克斯坦",
            &["date:2022-06", "date:2022-09"],
        ),
    ]);
}

#[test]
fn counts_are_not_dates() {
    check(&[
        ("一周四天工作制", &["number:1", "quantity:4 day"]),
        ("他这个星期一直很忙", &[]),
        ("快一点", &[]),
        ("提出三点意见", &[]),
        ("6个月", &["quantity:6 month"]),
        ("持续了300年", &["quantity:300 year"]),
        ("日复一日", &[]),
    ]);
}

proptest::proptest! {
    /// `one_of!` answers as `str::contains` does, for characters of the set and
    /// others, ASCII, Han and beyond the Basic Multilingual Plane.
    #[test]
    fn one_of_is_str_contains(c in "[中俄美欧日方军a,，“\"'の𠀀 ]") {
        let c = c.chars().next().unwrap();
        const SET: &str = "中俄美欧日,“\"'𠀀";
        proptest::prop_assert_eq!(one_of!(SET, c), SET.contains(c));
        proptest::prop_assert_eq!(one_of!("方军媒企", c), "方军媒企".contains(c));
    }

    /// A set of some size, against any character and each of its own.
    #[test]
    fn char_set_is_str_contains(c in proptest::prelude::any::<char>(), k in 0usize..40) {
        const SET: &str = "中美俄欧日韩朝英法德意加澳印巴越泰非新老柬缅哈吉塔塞波土叙埃沙à€𝄞";
        let set = super::CharSet::new(SET.chars());
        proptest::prop_assert_eq!(set.contains(c), SET.contains(c));
        let own = SET.chars().nth(k % SET.chars().count()).unwrap();
        proptest::prop_assert!(set.contains(own));
    }
}

proptest::proptest! {
    /// The compacted view is consistent whether or not a run of spaces was left
    /// out: its text is its characters, `starts` their offsets there, `map` their
    /// offsets in the folded text.
    #[test]
    fn view_text_starts_and_map_agree(
        parts in proptest::collection::vec(proptest::sample::select(vec![
            "一", "百", " ", "  ", "\u{a0}", "五", "十", "2", "亿", "a", "%", "中文", "，", "\t",
        ]), 0..16)
    ) {
        let text: String = parts.concat();
        let f = Folded::new(&text);
        let v = View::new(&f);
        proptest::prop_assert_eq!(&v.text, &v.cs.iter().collect::<String>());
        let offsets: Vec<u32> = v.text.char_indices().map(|(b, _)| b as u32).chain([v.text.len() as u32]).collect();
        proptest::prop_assert_eq!(&v.starts, &offsets);
        for (k, &c) in v.cs.iter().enumerate() {
            proptest::prop_assert_eq!(f.folded[v.map[k] as usize..].chars().next(), Some(c));
        }
    }
}
