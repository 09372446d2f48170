//! Chinese numeric mentions.

use super::{View, big_unit, digit, is_numeral, parse_int, parse_numeral, small_unit, starts_with};
use crate::extract::number::{Approx, NumValue, Role, checked_pow10, parse_decimal, pow10};
use crate::extract::{Kind, Mention, Strength, Value};
use aho_corasick::{AhoCorasick, MatchKind};
use rust_decimal::Decimal;
use std::sync::LazyLock;

/// Words that contain numeral characters but are not quantities (or are names
/// holding a number, such as `二十国集团`, G20). Numerals inside them are skipped.
const NOT_QUANTITIES: &[&str] = &[
    "一些",
    "一切",
    "一样",
    "一直",
    "一定",
    "一起",
    "一般",
    "一致",
    "一旦",
    "一向",
    "一贯",
    "一再",
    "一度",
    "一系列",
    "一道",
    "一同",
    "一律",
    "一时",
    "一边",
    "一面",
    "一方面",
    "一体",
    "统一",
    "唯一",
    "万一",
    "之一",
    "一带一路",
    "一国两制",
    "三心二意",
    "千方百计",
    "四面八方",
    "五花八门",
    "七上八下",
    "一举",
    "一下",
    "一点",
    "一番",
    "一味",
    "一手",
    "一口气",
    "一流",
    "一带",
    "一线",
    "一揽子",
    "一经",
    "一概",
    "一阵",
    "一心",
    "一路",
    "十分",
    "万分",
    "千万",
    "万物",
    "万象",
    "一一",
    "不一",
    "进一步",
    "一行",
    "三农",
    "一把手",
    "两岸",
    "两会",
    "二十国集团",
    "七国集团",
    "八国集团",
    "77国集团",
    "十国集团",
    "一战",
    "二战",
    "第一时间",
    "一方",
    "另一",
    "同一",
    "某一",
    "单一",
    "一旁",
    "一刀切",
    "一窝蜂",
    "一目了然",
    "一如既往",
    "一脉相承",
    "一席之地",
    "首当其冲",
    "九死一生",
    "十全十美",
    "百花齐放",
    "千载难逢",
    "万无一失",
    "一分为二",
    "两面",
    "两极",
    "一手抓",
    "一伙",
    "一帆风顺",
    "一言一行",
    "千家万户",
    "三番五次",
    "一五一十",
    "五湖四海",
    "七嘴八舌",
    "乱七八糟",
    "一鼓作气",
    "一蹴而就",
    "一筹莫展",
    "独一无二",
    "一概而论",
    "百年大计",
    "千禧",
    "万岁",
    "百货",
    "百科",
    "百姓",
    "八卦",
    "九州",
    "三角",
    "四周",
    "十字",
    "七彩",
    "一成不变",
    "一大批",
    "一大早",
    "一共",
    "一齐",
    "一并",
    "一概",
    "一些",
    "一则",
    "一来",
    "一致性",
    "一体化",
    "一年一度",
    "一号文件",
    "一侧",
    "一端",
    "一头",
    "一角",
    "一半以上",
    "日复一日",
    "一日三餐",
    "二元",
    "多元",
    "一元化",
    "三星",
    "一波三折",
    "七折八扣",
];

static BLOCK: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // A DFA: scanned over every Chinese text, where the default automaton
    // (no prefilter helps: the idioms start with many bytes) cost several times
    // as much per byte.
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(NOT_QUANTITIES)
        .expect("idiom automaton")
});

/// Currencies after a number, longest first.
const CURRENCIES: &[(&str, &str)] = &[
    ("亿美元", "USD"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("人民币", "CNY"),
    ("欧元", "EUR"),
    ("英镑", "GBP"),
    ("日元", "JPY"),
    ("日圆", "JPY"),
    ("卢布", "RUB"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("韩元", "KRW"),
    ("卢比", "INR"),
    ("澳元", "AUD"),
    ("加元", "CAD"),
    ("瑞郎", "CHF"),
    ("新台币", "TWD"),
    ("元", "CNY"),
    ("块钱", "CNY"),
];

/// Units after a number, longest first.
const UNITS: &[(&str, &str)] = &[
    ("立方米", "m3"),
    ("平方公里", "km2"),
    ("平方千米", "km2"),
    ("平方米", "m2"),
    ("千瓦时", "kWh"),
    ("兆瓦", "MW"),
    ("吉瓦", "GW"),
    ("千瓦", "kW"),
    ("公里", "km"),
    ("千米", "km"),
    ("公斤", "kg"),
    ("千克", "kg"),
    ("公顷", "ha"),
    ("吨", "t"),
    ("桶", "bbl"),
    ("个月", "month"),
    ("小时", "hour"),
    ("年", "year"),
    ("天", "day"),
    ("岁", "age"),
    ("倍", "times"),
    ("人", "person"),
    ("票", "vote"),
];

/// Measure words: a numeral followed by one is a count.
const CLASSIFIERS: &str = "个项名位次届家所条件架艘辆台部座只头张本篇份场轮批种类处国州省市县期起例支枚颗套股笔间层级段片根道封首幅户栋幢周遍圈声步组对双副群队枚季年月日天人票元吨米克桶倍岁星";

fn ends_with(cs: &[char], i: usize, w: &str) -> bool {
    let mut k = i;
    for c in w.chars().rev() {
        if k == 0 || cs.get(k - 1) != Some(&c) {
            return false;
        }
        k -= 1;
    }
    true
}

fn lookup<'a>(cs: &[char], i: usize, table: &'a [(&'a str, &'a str)]) -> Option<(usize, &'a str)> {
    table
        .iter()
        .find(|(w, _)| starts_with(cs, i, w))
        .map(|(w, u)| (i + w.chars().count(), *u))
}

/// A number read at some characters.
#[derive(Debug, Clone)]
struct Core {
    s: usize,
    e: usize,
    value: Decimal,
    bare: Decimal,
    scale: u32,
    digits: bool,
    numeral_chars: usize,
    /// `1000多`, `10余万`: open-ended upwards.
    more: bool,
    /// `两三`, `三四`: an approximate pair of digits.
    pair_hi: Option<Decimal>,
    /// `十来`, `十几`, `二十几万`: a loose lower bound.
    loose: bool,
    /// `一万六七千`, `三十五六`: a pair of digits after a stated magnitude, a range
    /// as definite as its ends (strong, unlike `两三`).
    anchored: bool,
}

fn ascii_run(cs: &[char], i: usize) -> Option<(usize, Decimal)> {
    let digit_at = |k: usize| cs.get(k).is_some_and(|c| c.is_ascii_digit());
    let mut e = i;
    while digit_at(e) {
        e += 1;
    }
    if e == i {
        return None;
    }
    // Thousands groups (`1,750`, `1 000`) only: `1,2,3` is a list. Plain spaces group
    // as in English, so `116 123` reads the same on both sides.
    if e - i <= 3 {
        while matches!(cs.get(e), Some(',' | '\u{a0}' | ' '))
            && (1..=3).all(|k| digit_at(e + k))
            && !digit_at(e + 4)
        {
            e += 4;
        }
    }
    if cs.get(e) == Some(&'.') && digit_at(e + 1) {
        e += 1;
        while digit_at(e) {
            e += 1;
        }
    }
    let s: String = cs[i..e].iter().collect();
    Some((e, parse_decimal(&s)?))
}

/// Scale characters after a number: 万, 亿, 万亿, 千万, 百万, 千亿, 千, 百.
fn scale_run(cs: &[char], i: usize, after_digits: bool) -> (usize, u32) {
    let mut e = i;
    let mut pow = 0;
    while e < cs.len() {
        let c = cs[e];
        // 千米, 千克, 千瓦, 万吨 stay units: 23千米 is 23 km, not 23000 metres.
        if c == '千' && matches!(cs.get(e + 1), Some('米' | '克' | '瓦')) {
            break;
        }
        if let Some(p) = big_unit(c) {
            pow += p;
            e += 1;
        } else if let Some(p) = small_unit(c).filter(|_| after_digits) {
            // 3千, 5百万: a small unit only before a big one or as the last scale.
            // `十` after digits is unusual; accept only 百 and 千.
            if p == 1 {
                break;
            }
            pow += p;
            e += 1;
        } else {
            break;
        }
    }
    (e, pow)
}

fn core_at(cs: &[char], i: usize) -> Option<Core> {
    let c = *cs.get(i)?;
    if c.is_ascii_digit() {
        let (mut e, v) = ascii_run(cs, i)?;
        let mut more = false;
        if matches!(cs.get(e), Some('多') | Some('余'))
            && cs
                .get(e + 1)
                .is_some_and(|&n| big_unit(n).is_some() || small_unit(n).is_some_and(|p| p > 1))
        {
            more = true;
            e += 1;
        }
        let (mut e2, pow) = scale_run(cs, e, true);
        let mut value = v.checked_mul(checked_pow10(pow)?)?;
        // 2万4801, 75万7千, 5亿1万4千6百: digits after a unit fill in the lower places.
        let mut last_pow = pow;
        while last_pow >= 2
            && !more
            && let Some((e3, low)) = ascii_run(cs, e2).filter(|(_, low)| low.fract().is_zero())
        {
            let (e4, low_pow) = scale_run(cs, e3, true);
            let low = low.checked_mul(checked_pow10(low_pow)?)?;
            if low >= pow10(last_pow) || (low_pow == 0 && last_pow < 4) {
                break;
            }
            value = value.checked_add(low)?;
            e2 = e4;
            if low_pow == 0 {
                break;
            }
            last_pow = low_pow;
        }
        return Some(Core {
            s: i,
            e: e2,
            value,
            bare: v,
            scale: pow,
            digits: true,
            numeral_chars: 0,
            more,
            pair_hi: None,
            loose: false,
            anchored: false,
        });
    }
    // A Chinese numeral starts with a digit character, 十, 廿 or 卅; or with 百, 千 or
    // 万 standing for one of them (百年, 千人), which is read as a weak count.
    if !numeral_start(c) {
        return None;
    }
    let leading_unit = matches!(c, '百' | '千' | '万');
    let mut e = i;
    let mut dot = None;
    while e < cs.len() {
        let ch = cs[e];
        if is_numeral(ch) {
            e += 1;
        } else if (ch == '点' || ch == '點')
            && dot.is_none()
            && cs.get(e + 1).is_some_and(|&n| digit(n).is_some())
            && e > i
        {
            dot = Some(e);
            e += 1;
        } else {
            break;
        }
    }
    let run = &cs[i..e];
    if leading_unit {
        // 百年, 千人; 百万 and 千亿 only after 几/数 (几百万, several million).
        let vague = i > 0 && matches!(cs[i - 1], '几' | '数');
        if run.len() != 1 && !vague {
            return None;
        }
        let mut one = vec!['一'];
        one.extend_from_slice(run);
        let v = parse_int(&one)?;
        return Some(Core {
            s: i,
            e,
            value: v,
            bare: v,
            scale: 0,
            digits: false,
            numeral_chars: 1,
            more: false,
            pair_hi: None,
            loose: false,
            anchored: false,
        });
    }
    // `两三`, `三四`: two consecutive digits give an approximate count; `七八十`,
    // `三四百万` the same with a unit after them.
    if run.len() >= 2
        && let (Some(a), Some(b)) = (digit(run[0]), digit(run[1]))
        && b == a + 1
        && a > 0
    {
        let unit = if run.len() == 2 {
            Decimal::ONE
        } else {
            let mut one = vec!['一'];
            one.extend_from_slice(&run[2..]);
            match parse_int(&one) {
                Some(u)
                    if run[2..]
                        .iter()
                        .all(|&c| small_unit(c).is_some() || big_unit(c).is_some()) =>
                {
                    u
                }
                _ => return None,
            }
        };
        return Some(Core {
            s: i,
            e,
            value: Decimal::from(a) * unit,
            bare: Decimal::from(a) * unit,
            scale: 0,
            digits: false,
            numeral_chars: if run.len() == 2 { 1 } else { run.len() },
            more: false,
            pair_hi: Some(Decimal::from(b) * unit),
            loose: true,
            anchored: false,
        });
    }
    // `一万六七千` (16,000 to 17,000), `三十五六` (35 or 36), `一百七八十`: two consecutive
    // digits after a unit give the two ends.
    if let Some(k) = (1..run.len().saturating_sub(1)).find(|&k| {
        let (a, b) = (digit(run[k]), digit(run[k + 1]));
        a.is_some_and(|a| a > 0 && b == Some(a + 1))
            && (small_unit(run[k - 1]).is_some() || big_unit(run[k - 1]).is_some())
    }) {
        let with = |d: char| {
            let mut v = run[..k].to_vec();
            v.push(d);
            v.extend_from_slice(&run[k + 2..]);
            parse_int(&v)
        };
        // “十四五” (the 14th Five-Year Plan) is a plan's number, not 14 or 15.
        let plan = k + 2 == run.len()
            && run[k + 1] == '五'
            && (cs.get(e).is_some_and(|&c| one_of!("”’\"'", c))
                || ["规划", "计划", "时期", "期间"]
                    .iter()
                    .any(|w| starts_with(cs, e, w)));
        if plan {
            let v = parse_int(&run[..k + 1])?;
            return Some(Core {
                s: i,
                e: i + k + 1,
                value: v,
                bare: v,
                scale: 0,
                digits: false,
                numeral_chars: k + 1,
                more: false,
                pair_hi: None,
                loose: false,
                anchored: false,
            });
        }
        if let (Some(lo), Some(hi)) = (with(run[k]), with(run[k + 1]))
            && lo < hi
        {
            return Some(Core {
                s: i,
                e,
                value: lo,
                bare: lo,
                scale: 0,
                digits: false,
                numeral_chars: run.len(),
                more: false,
                pair_hi: Some(hi),
                loose: true,
                anchored: true,
            });
        }
    }
    // Digit-by-digit numerals (`二〇二二`) are years, read by the date pass; elsewhere
    // (`六一` Children's Day, `一二三年级`) they are not quantities.
    if run.len() >= 2 && run.iter().all(|&c| digit(c).is_some()) {
        return None;
    }
    // Trailing scale after a decimal part: 一千五百三十九点三八五亿.
    let (mut num_end, mut pow) = (e, 0);
    if dot.is_some() {
        while num_end > i && big_unit(cs[num_end - 1]).is_some() {
            num_end -= 1;
        }
        pow = cs[num_end..e].iter().filter_map(|&c| big_unit(c)).sum();
    }
    // 十多万, 三千余万: 多/余 between the numeral and its scale.
    let mut more = false;
    let mut end = e;
    if matches!(cs.get(e), Some('多' | '余' | '几'))
        && cs.get(e + 1).is_some_and(|&n| big_unit(n).is_some())
    {
        more = true;
        let (e2, p) = scale_run(cs, e + 1, false);
        pow += p;
        end = e2;
    }
    let bare = parse_numeral(&cs[i..num_end])?;
    let value = bare.checked_mul(checked_pow10(pow)?)?;
    Some(Core {
        s: i,
        e: end,
        value,
        bare,
        scale: pow
            + cs[i..num_end]
                .iter()
                .filter_map(|&c| big_unit(c))
                .sum::<u32>(),
        digits: false,
        numeral_chars: num_end - i,
        more,
        pair_hi: None,
        loose: more && cs.get(e) == Some(&'几'),
        anchored: false,
    })
}

/// Approximation words before a number, longest first.
const APPROX_BEFORE: &[(&str, Approx)] = &[
    ("大约", Approx::About),
    ("大概", Approx::About),
    ("约合", Approx::About),
    ("约", Approx::About),
    ("将近", Approx::Under),
    ("接近", Approx::Under),
    ("不到", Approx::Under),
    ("不足", Approx::Under),
    ("最多", Approx::Under),
    ("近", Approx::Under),
    ("超过", Approx::Over),
    ("不少于", Approx::Over),
    ("至少", Approx::Over),
    ("逾", Approx::Over),
    ("超", Approx::Over),
];

/// Approximation words after a number (or after its unit), longest first.
const APPROX_AFTER: &[(&str, Approx)] = &[
    ("左右", Approx::About),
    ("上下", Approx::About),
    ("以上", Approx::Over),
    ("出头", Approx::Over),
    ("以下", Approx::Under),
];

struct Phrase {
    s: usize,
    e: usize,
    cores: Vec<Core>,
    approx: Approx,
    percent: Option<&'static str>,
    unit: Option<&'static str>,
    currency: Option<&'static str>,
    ordinal: bool,
    fraction: Option<(Decimal, Decimal)>,
    classifier: bool,
    discourse: bool,
    /// Preceded by 几 or 数: an order of magnitude, not a count.
    vague: bool,
    /// Preceded by 负 or a minus sign.
    negative: bool,
    /// What the number does, when its neighbours show it.
    role: Option<Role>,
    /// An ordinal named by its word (`六中全会`): strong even as one numeral.
    named: bool,
}

/// `下跌2点`, `涨了30点`, `报3200点`: points of an index (after a verb of change, or
/// too many to be an hour); other `N点` are clock times or decimal points.
fn index_points(cs: &[char], s: usize, core: &Core) -> bool {
    let change = (1..=2).any(|b| s >= b && matches!(cs[s - b], '涨' | '跌' | '升' | '降'));
    change || (core.digits && core.value > Decimal::from(24))
}

/// Measure words that rank as often as they count: `二级` (second-level), `9层` (nine
/// floors or the ninth), `三期` (phase three), `十届` (ten editions or the tenth),
/// `二次` (secondary; `两次` is twice), `3号`, `四代` (fourth generation).
fn ranked_measure(cs: &[char], s: usize, e: usize) -> bool {
    match cs.get(e) {
        Some('级' | '层' | '期' | '届' | '号' | '代' | '档' | '楼' | '版' | '线' | '区') => {
            true
        }
        Some('次') => cs.get(s) == Some(&'二'),
        _ => false,
    }
}

/// The end of the word that makes a numeral written without 第 an ordinal: `中全会`
/// (`六中全会`, the sixth plenary session), a numbered body after `届` (`十九届中央`,
/// `十四届全国人大`), a session `次会议` of such a body, and `大` after a party
/// congress number (`二十大`, `党的十九大`; `十大` is as often `the top ten`).
fn unmarked_ordinal(cs: &[char], core: &Core) -> Option<usize> {
    if core.more || core.pair_hi.is_some() || core.scale > 0 || core.loose {
        return None;
    }
    let (s, e) = (core.s, core.e);
    if starts_with(cs, e, "中全会") {
        return Some(e + 3);
    }
    // 十四五: the fourteenth five-year plan.
    if cs.get(e) == Some(&'五') && !core.digits {
        return Some(e + 1);
    }
    let numeral_at = |k: usize| {
        cs.get(k)
            .is_some_and(|&c| is_numeral(c) || c.is_ascii_digit())
    };
    if cs.get(e) == Some(&'届') {
        const BODIES: &[&str] = &[
            "全国人大",
            "全国人民代表大会",
            "人大",
            "中央",
            "中共中央",
            "全国政协",
            "政协",
            "党代会",
            "代表大会",
            "常委会",
            "全会",
        ];
        let k = e + 1;
        if BODIES.iter().any(|b| starts_with(cs, k, b))
            || (numeral_at(k) && starts_with(cs, k + 1, "中全会"))
        {
            return Some(e);
        }
    }
    let session = ["会议", "全体会议", "全会"]
        .iter()
        .any(|w| starts_with(cs, e + 1, w));
    if cs.get(e) == Some(&'次') && session && cs[s.saturating_sub(12)..s].contains(&'届') {
        return Some(e);
    }
    if cs.get(e) == Some(&'大')
        && !core.digits
        && core.value >= Decimal::from(11)
        && core.value <= Decimal::from(30)
        && core.value.fract().is_zero()
    {
        let party =
            ends_with(cs, s, "党的") || ends_with(cs, s, "中共") || (s > 0 && cs[s - 1] == '党');
        let next_ok = cs.get(e + 1).is_none_or(|&c| {
            !crate::text::is_han(c)
                || one_of!(
                    "精神报告以来代表召开上期间的会后前闭开胜提强部确作为是和与及",
                    c
                )
        });
        if party || next_ok {
            return Some(e + 1);
        }
    }
    None
}

fn line_start(cs: &[char], i: usize) -> bool {
    let mut k = i;
    while k > 0 {
        k -= 1;
        match cs[k] {
            '\n' => return true,
            ' ' | '\t' | '（' | '(' => continue,
            _ => return false,
        }
    }
    true
}

fn is_ascii_letter(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphabetic())
}

/// ASCII digits that belong to a code or name: G20, 5G, COVID-19, ISO 9001.
fn is_identifier(cs: &[char], c: &Core) -> bool {
    if !c.digits {
        return false;
    }
    let before = if c.s > 0 { cs.get(c.s - 1) } else { None };
    if is_ascii_letter(before) {
        return true;
    }
    // COVID-19, GB/T, A.1 (an appendix section).
    if matches!(before, Some('-' | '/' | '.')) && c.s >= 2 && is_ascii_letter(cs.get(c.s - 2)) {
        return true;
    }
    // Letters right after, except unit abbreviations.
    if is_ascii_letter(cs.get(c.e)) {
        let word: String = cs[c.e..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let w = word.to_ascii_lowercase();
        if !matches!(
            w.as_str(),
            "km" | "kg" | "t" | "mw" | "gw" | "kwh" | "m" | "cm" | "mm" | "g"
        ) {
            return true;
        }
    }
    // A code after an upper-case standard name: ISO 9001, GB/T 13000.
    if c.s >= 2 && cs[c.s - 1] == ' ' {
        let word: String = cs[..c.s - 1]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_uppercase() || **c == '/')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if matches!(
            word.as_str(),
            "ISO"
                | "IEC"
                | "GB"
                | "GB/T"
                | "RFC"
                | "EN"
                | "DIN"
                | "ANSI"
                | "IEEE"
                | "ASTM"
                | "JIS"
                | "CVE"
        ) {
            return true;
        }
    }
    // Dotted sequences: 192.168.1.2, 1.2.3.
    if cs.get(c.e) == Some(&'.') && cs.get(c.e + 1).is_some_and(|n| n.is_ascii_digit()) {
        return true;
    }
    false
}

pub(super) fn find<'t>(view: &View<'_, 't>, used: &mut [bool]) -> Vec<Mention<'t>> {
    let cs = view.cs.as_slice();
    let mut blocked = vec![false; cs.len()];
    for m in BLOCK.find_iter(&view.text) {
        let (a, b) = (view.char_at(m.start()), view.char_at(m.end()));
        // 四千万, 一百零一万一千: inside a numeral, 千万 and 万一 are not idioms.
        if a > 0 && (is_numeral(cs[a - 1]) || cs[a - 1].is_ascii_digit()) && is_numeral(cs[a]) {
            continue;
        }
        for x in blocked.iter_mut().take(b).skip(a) {
            *x = true;
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if used[i] || blocked[i] {
            i += 1;
            continue;
        }
        // Most characters start no number: skip them without trying every form
        // (debug builds check that none would have been read).
        if !may_start(cs[i]) {
            debug_assert!(phrase(cs, i, used, &blocked).is_none(), "a phrase at {i}");
            i += 1;
            continue;
        }
        match phrase(cs, i, used, &blocked) {
            Some(ph) => {
                for u in used.iter_mut().take(ph.e).skip(ph.s) {
                    *u = true;
                }
                let next = ph.e.max(i + 1);
                out.extend(mentions(view, ph));
                i = next;
            }
            None => {
                // Skip the rest of a digit run so `2022` in `G2022` is not read as `022`.
                let mut k = i + 1;
                if cs[i].is_ascii_digit() {
                    while k < cs.len() && (cs[k].is_ascii_digit() || cs[k] == '.' || cs[k] == ',') {
                        k += 1;
                    }
                }
                i = k;
            }
        }
    }
    out
}

/// Whether a Chinese numeral can start with `c` (in [`core_at`]): a digit
/// character, 十, 廿 or 卅, or 百, 千 or 万 standing for one of them.
fn numeral_start(c: char) -> bool {
    digit(c).is_some() || matches!(c, '十' | '拾' | '廿' | '卅' | '百' | '千' | '万')
}

/// Whether a phrase can start with `c`: a digit or a numeral ([`core_at`]), or the
/// first character of a percentage, per mille or idiom [`phrase`] reads that is no
/// numeral's (百分之, 千分之 and 万分之 start with one; 仟分之, 萬分之 and 成千上万 do not).
fn may_start(c: char) -> bool {
    c.is_ascii_digit() || numeral_start(c) || matches!(c, '仟' | '萬' | '成')
}

fn phrase(cs: &[char], i: usize, used: &[bool], blocked: &[bool]) -> Option<Phrase> {
    let mut percent = None;
    let mut per_mille: Option<Decimal> = None;
    let mut start = i;
    let mut at = i;
    // 百分之百, 百分百: one hundred percent (百分百 is also `absolutely`, so it is
    // only matched, never reported on its own).
    let full = ["百分之百", "百分百"]
        .iter()
        .find(|w| starts_with(cs, i, w))
        .map(|w| i + w.chars().count());
    if let Some(e) = full {
        let idiom = e - i == 3;
        let core = Core {
            s: i,
            e,
            value: Decimal::ONE_HUNDRED,
            bare: Decimal::ONE_HUNDRED,
            scale: 0,
            digits: false,
            numeral_chars: 2,
            more: false,
            pair_hi: None,
            loose: false,
            anchored: false,
        };
        return Some(Phrase {
            s: i,
            e,
            cores: vec![core],
            approx: Approx::Exact,
            percent: Some("%"),
            unit: None,
            currency: None,
            ordinal: false,
            fraction: None,
            classifier: true,
            discourse: idiom,
            vague: false,
            negative: false,
            role: None,
            named: false,
        });
    }
    // 成千上万 (thousands upon thousands), 成百上千 (hundreds upon hundreds): loose,
    // open magnitudes, never reported on their own.
    for (w, lo, hi) in [("成千上万", 3, 6), ("成百上千", 2, 4), ("成千成万", 3, 6)] {
        if starts_with(cs, i, w) {
            let e = i + 4;
            let v = pow10(lo);
            let core = Core {
                s: i,
                e,
                value: v,
                bare: v,
                scale: 0,
                digits: false,
                numeral_chars: 2,
                more: false,
                pair_hi: Some(pow10(hi)),
                loose: true,
                anchored: false,
            };
            let mut ph = Phrase {
                s: i,
                e,
                cores: vec![core],
                approx: Approx::Over,
                percent: None,
                unit: None,
                currency: None,
                ordinal: false,
                fraction: None,
                classifier: true,
                discourse: false,
                vague: false,
                negative: false,
                role: None,
                named: false,
            };
            if let Some((e2, cur)) = lookup(cs, e, CURRENCIES) {
                ph.currency = Some(cur);
                ph.e = e2;
            }
            return Some(ph);
        }
    }
    // 百分之九十, 百分之9.5
    if starts_with(cs, i, "百分之") {
        percent = Some("%");
        at = i + 3;
    } else if starts_with(cs, i, "千分之") || starts_with(cs, i, "仟分之") {
        // Per mille, as a percentage: 千分之2.4 = 0.24%.
        per_mille = Some(Decimal::TEN);
        at = i + 3;
    } else if starts_with(cs, i, "万分之") || starts_with(cs, i, "萬分之") {
        per_mille = Some(Decimal::ONE_HUNDRED);
        at = i + 3;
    }
    let mut core = core_at(cs, at)?;
    if (core.s..core.e).any(|k| used[k] || blocked[k]) {
        return None;
    }
    // X分之Y: 三分之二 = 2/3.
    if percent.is_none()
        && per_mille.is_none()
        && starts_with(cs, core.e, "分之")
        && let Some(num) = core_at(cs, core.e + 2)
    {
        let den = core.value;
        let ph_end = num.e;
        let fr = NumValue::fraction(num.value, den)?;
        let c = Core {
            s: i,
            e: ph_end,
            value: fr.value,
            bare: fr.value,
            scale: 0,
            digits: core.digits && num.digits,
            numeral_chars: core.numeral_chars + num.numeral_chars,
            more: false,
            pair_hi: None,
            loose: false,
            anchored: false,
        };
        return Some(Phrase {
            s: i,
            e: ph_end,
            cores: vec![c],
            approx: Approx::Exact,
            percent: None,
            unit: None,
            currency: None,
            ordinal: false,
            fraction: Some((num.value, den)),
            classifier: true,
            discourse: false,
            vague: false,
            negative: false,
            role: None,
            named: false,
        });
    }
    if let Some(div) = per_mille {
        core.value /= div;
        core.bare = core.value;
        core.s = i;
        core.numeral_chars = core.numeral_chars.max(2);
        let e = core.e;
        return Some(Phrase {
            s: i,
            e,
            cores: vec![core],
            approx: Approx::Exact,
            percent: Some("%"),
            unit: None,
            currency: None,
            ordinal: false,
            fraction: None,
            classifier: true,
            discourse: false,
            vague: false,
            negative: false,
            role: None,
            named: false,
        });
    }
    if is_identifier(cs, &core) {
        return None;
    }
    // List and section markers at a line start: 一、 （一） 1、 1. 6.2 01
    if line_start(cs, core.s)
        && matches!(
            cs.get(core.e),
            Some('、' | '.' | '）' | ')' | ' ' | '\t' | '\u{a0}')
        )
        && core.value < Decimal::from(100)
    {
        return None;
    }
    // Digit fractions: 2/3.
    if core.digits
        && cs.get(core.e) == Some(&'/')
        && cs.get(core.e + 1).is_some_and(|c| c.is_ascii_digit())
    {
        let (e2, den) = ascii_run(cs, core.e + 1)?;
        if cs.get(e2) == Some(&'/') {
            return None;
        }
        let fr = NumValue::fraction(core.value, den)?;
        let num = core.value;
        core.value = fr.value;
        core.e = e2;
        return Some(Phrase {
            s: i,
            e: e2,
            cores: vec![core],
            approx: Approx::Exact,
            percent: None,
            unit: None,
            currency: None,
            ordinal: false,
            fraction: Some((num, den)),
            classifier: true,
            discourse: false,
            vague: false,
            negative: false,
            role: None,
            named: false,
        });
    }
    let mut ordinal = false;
    if i > 0 && cs[i - 1] == '第' && !used[i - 1] {
        ordinal = true;
        start = i - 1;
    }
    // Ordinals written without 第: 二十大 (the 20th Party Congress), 十九届六中全会 (the
    // 19th Central Committee's sixth plenary session), 十四届全国人大一次会议 (its first
    // session). `end` takes in the word that makes them ordinals.
    let mut ordinal_end = None;
    if !ordinal && percent.is_none() {
        ordinal_end = unmarked_ordinal(cs, &core);
        ordinal = ordinal_end.is_some();
    }
    let mut approx = Approx::Exact;
    let mut currency = None;
    let mut up_to = false;
    if !ordinal && percent.is_none() {
        for (w, a) in APPROX_BEFORE {
            if ends_with(cs, start, w) && (start - w.chars().count()..start).all(|k| !used[k]) {
                approx = *a;
                start -= w.chars().count();
                break;
            }
        }
        // 上千, 上万: `up to a thousand`, read as over.
        if approx == Approx::Exact
            && start > 0
            && cs[start - 1] == '上'
            && !core.digits
            && core.numeral_chars == 1
            && matches!(cs[core.s], '百' | '千' | '万')
        {
            approx = Approx::Over;
            start -= 1;
            up_to = true;
        }
        if ends_with(cs, start, "人民币") && (start - 3..start).all(|k| !used[k]) {
            currency = Some("CNY");
            start -= 3;
        } else if start > 0 && matches!(cs[start - 1], '$' | '¥' | '€' | '£') {
            currency = Some(match cs[start - 1] {
                '$' => "USD",
                '¥' => "CNY",
                '€' => "EUR",
                _ => "GBP",
            });
            start -= 1;
            if ends_with(cs, start, "US") {
                start -= 2;
            }
        }
    }
    // 几十, 数百万: `several tens`, `millions`: vague, never reported on its own.
    let vague = core.s > 0 && matches!(cs[core.s - 1], '几' | '数');
    // 负三十二, -10000 (a minus not joining two numbers or a code).
    let mut negative = false;
    if !ordinal && start > 0 && start == core.s {
        let p = cs[start - 1];
        let before = if start >= 2 {
            Some(cs[start - 2])
        } else {
            None
        };
        // A minus sign starts a number: after a space, an opening bracket or
        // punctuation, not after a word (碘-131, 14½-13½).
        let free = before.is_none_or(|c| {
            c.is_whitespace() || one_of!("（(“\"'：:，,、；;=于为是达至到约在和及与或比", c)
        });
        // 负 is `minus` unless it follows a score (18胜20负7平).
        let score = before.is_some_and(|c| c.is_ascii_digit() || is_numeral(c));
        if (p == '负' && !score) || (p == '-' && free) {
            negative = true;
            start -= 1;
        }
    }
    // Discourse ordinals: 一是…二是…
    let discourse = !core.digits
        && core.numeral_chars == 1
        && cs.get(core.e) == Some(&'是')
        && (core.s == 0
            || matches!(
                cs[core.s - 1],
                '，' | '；' | '。' | '：' | ':' | ';' | ',' | '\n' | ' ' | '“'
            ));
    let mut ph = Phrase {
        s: start,
        e: core.e,
        cores: vec![core],
        approx,
        percent,
        unit: None,
        currency,
        ordinal: ordinal || discourse,
        fraction: None,
        classifier: false,
        discourse,
        vague,
        negative,
        role: None,
        named: false,
    };
    if discourse {
        ph.e += 1;
        ph.role = Some(Role::Discourse);
        return Some(ph);
    }
    if let Some(e) = ordinal_end {
        ph.e = e;
        ph.named = true;
        return Some(ph);
    }
    suffix_more(cs, &mut ph);
    // Range: 1650亿至1700亿, 3-5, 两到三年
    let j = ph.e;
    let conn = if matches!(
        cs.get(j),
        Some('至') | Some('到') | Some('~') | Some('～') | Some('-') | Some('—') | Some('–')
    ) {
        Some(j + 1)
    } else {
        None
    };
    if let Some(k) = conn
        && !ordinal
        && ph.percent.is_none()
    {
        let k2 = if starts_with(cs, k, "百分之") {
            k + 3
        } else {
            k
        };
        if let Some(c2) = core_at(cs, k2)
            && (k..c2.e).all(|x| !used[x] && !blocked[x])
            && c2.digits == ph.cores[0].digits
            && !is_identifier(cs, &c2)
        {
            if k2 > k {
                ph.percent = Some("%");
            }
            ph.e = c2.e;
            ph.cores.push(c2);
            suffix_more(cs, &mut ph);
        }
    }
    // Percent, currency, unit, classifier.
    let j = ph.e;
    // 九成 = 90%, 7.2成 = 72%, 三成半 = 35% (but not 成为, 成本, 成员…).
    let tenths = cs.get(j) == Some(&'成')
        && ph.cores.len() == 1
        && ph.cores[0].value > Decimal::ZERO
        && ph.cores[0].value <= Decimal::TEN
        && !ph.ordinal
        && !matches!(
            cs.get(j + 1),
            Some(
                '为' | '立'
                    | '功'
                    | '本'
                    | '员'
                    | '果'
                    | '绩'
                    | '就'
                    | '都'
                    | '年'
                    | '交'
                    | '熟'
                    | '长'
                    | '型'
                    | '效'
                    | '分'
                    | '千'
                    | '百'
                    | '万'
                    | '倍'
                    | '批'
                    | '群'
                    | '形'
                    | '品'
                    | '像'
                    | '才'
                    | '事'
                    | '家'
                    | '语'
                    | '败'
                    | '全'
                    | '色'
                    | '套'
                    | '片'
                    | '真'
                    | '器'
                    | '材'
                    | '药'
                    | '人'
                    | '亲'
                    | '婚'
                    | '名'
                    | '天'
                    | '日'
            )
        );
    if tenths {
        let c = &mut ph.cores[0];
        c.value *= Decimal::TEN;
        c.bare = c.value;
        let mut e = j + 1;
        if cs.get(e) == Some(&'半') {
            c.value += Decimal::from(5);
            c.bare = c.value;
            e += 1;
        }
        c.numeral_chars = c.numeral_chars.max(2);
        ph.percent = Some("%");
        ph.e = e;
    } else if let Some((off, e)) = discount(cs, j, &ph) {
        // 九折 (pay nine tenths) is 10% off, 八五折 15%, 7.5折 25%.
        let c = &mut ph.cores[0];
        c.value = off;
        c.bare = off;
        c.numeral_chars = c.numeral_chars.max(2);
        ph.percent = Some("%");
        ph.e = e;
    } else if cs.get(j) == Some(&'%') {
        ph.percent = Some("%");
        ph.e = j + 1;
    } else if starts_with(cs, j, "个百分点") {
        ph.percent = Some("pp");
        ph.e = j + 4;
    } else if starts_with(cs, j, "百分点") {
        ph.percent = Some("pp");
        ph.e = j + 3;
    } else if let Some((e, cur)) = lookup(cs, j, CURRENCIES) {
        ph.currency = Some(cur);
        ph.e = e;
        ph.classifier = true;
    } else if let Some((e, u)) = lookup(cs, j, UNITS) {
        ph.unit = Some(u);
        ph.e = e;
        ph.classifier = true;
    } else if cs.get(j) == Some(&'点') && index_points(cs, ph.s, &ph.cores[0]) {
        ph.unit = Some("point");
        ph.e = j + 1;
        ph.classifier = true;
    } else if cs.get(j).is_some_and(|c| one_of!(CLASSIFIERS, *c)) || ph.percent.is_some() {
        ph.classifier = true;
    }
    // 上万元 (upwards of ten thousand yuan) states an amount.
    if up_to && ph.currency.is_some() {
        ph.named = true;
    }
    // Approximation after the number or its unit: 100人左右.
    if ph.approx == Approx::Exact {
        let mut k = ph.e;
        if cs.get(k).is_some_and(|c| one_of!(CLASSIFIERS, *c))
            && ph.unit.is_none()
            && ph.currency.is_none()
        {
            k += 1;
        }
        for (w, a) in APPROX_AFTER {
            if starts_with(cs, k, w) {
                ph.approx = *a;
                ph.e = k + w.chars().count();
                break;
            }
        }
    }
    Some(ph)
}

/// The share taken off by a discount written `N折` at `j` (九折 = 10% off, 八五折
/// or 8.5折 = 15%), not 折合 (converted to), 折算, 折旧, 折射, 折返 or 折叠.
fn discount(cs: &[char], j: usize, ph: &Phrase) -> Option<(Decimal, usize)> {
    // 八五折: a second numeral of tenths.
    let second = "一二三四五六七八九"
        .chars()
        .position(|c| cs.get(j) == Some(&c))
        .filter(|_| cs.get(j + 1) == Some(&'折'));
    let k = if second.is_some() { j + 1 } else { j };
    if cs.get(k) != Some(&'折')
        || ph.cores.len() != 1
        || ph.ordinal
        || ph.percent.is_some()
        || matches!(
            cs.get(k + 1),
            Some('合' | '算' | '旧' | '射' | '返' | '叠' | '腾' | '磨' | '服' | '断' | '纸')
        )
    {
        return None;
    }
    // A numeral left before the phrase (八 of 八五折, read apart) makes the share
    // unknown: better silent than 50%.
    if ph.s > 0 && one_of!("一二三四五六七八九", cs[ph.s - 1]) {
        return None;
    }
    let mut v = ph.cores[0].value;
    if let Some(d) = second {
        if !(v > Decimal::ZERO && v < Decimal::TEN && v.fract().is_zero()) {
            return None;
        }
        v = v * Decimal::TEN + Decimal::from(d as u32 + 1);
    }
    let hundred = Decimal::ONE_HUNDRED;
    let tenths = if v > Decimal::ZERO && v < Decimal::TEN {
        v * Decimal::TEN
    } else if v > Decimal::TEN
        && v < hundred
        && v.fract().is_zero()
        && v % Decimal::TEN != Decimal::ZERO
    {
        v // 八五折, 85折
    } else {
        return None;
    };
    Some((hundred - tenths, k + 1))
}

/// `1000多`, `十余`, `十来`: the number is a lower bound.
fn suffix_more(cs: &[char], ph: &mut Phrase) {
    let last = ph.cores.last_mut().expect("core");
    if !last.more && matches!(cs.get(ph.e), Some('多' | '余' | '来' | '几')) {
        // 来 only after a round numeral: 十来个.
        if cs[ph.e] == '来' && !(last.value % Decimal::TEN).is_zero() {
            return;
        }
        last.more = true;
        last.loose = matches!(cs[ph.e], '来' | '几');
        last.e = ph.e + 1;
        ph.e += 1;
    }
}

fn mentions<'t>(view: &View<'_, 't>, ph: Phrase) -> Vec<Mention<'t>> {
    let mut cores = ph.cores.clone();
    if cores.len() == 2 {
        // 1650至1700亿: the scale of the second number applies to the first.
        if cores[0].scale == 0
            && cores[1].scale > 0
            && cores[0].bare < cores[1].bare
            && let Some(v) = cores[0].value.checked_mul(pow10(cores[1].scale))
        {
            cores[0].value = v;
            cores[0].scale = cores[1].scale;
        }
    }
    let n = cores.len();
    let mut out = Vec::new();
    for (k, c) in cores.iter().enumerate() {
        // Single numerals without a measure word are not read as quantities.
        let single = !c.digits && c.numeral_chars <= 1 && c.scale == 0 && c.pair_hi.is_none();
        if single
            && !ph.classifier
            && !ph.ordinal
            && ph.percent.is_none()
            && n == 1
            && !c.more
            && ph.approx == Approx::Exact
        {
            continue;
        }
        let s = if k == 0 { ph.s } else { c.s };
        let e = if k + 1 == n { ph.e } else { c.e };
        let mut v = match ph.fraction {
            Some((a, b)) => match NumValue::fraction(a, b) {
                Some(v) => v,
                None => continue,
            },
            None => NumValue::exact(c.value).with_quantum(c.bare, c.scale),
        };
        if c.more {
            let step = if c.scale > 0 {
                pow10(c.scale)
            } else {
                Decimal::ZERO
            };
            v = v.with_more_suffix();
            if !step.is_zero() && c.bare.trunc() == c.bare {
                // 10余万: from 100000 to the next step of the bare number times the scale.
                let bare_step = NumValue::exact(c.bare).with_more_suffix().hi - c.bare;
                v.hi = bare_step
                    .checked_mul(step)
                    .and_then(|x| c.value.checked_add(x))
                    .unwrap_or(Decimal::MAX);
            }
        } else if let Some(hi) = c.pair_hi {
            v.approx = Approx::About;
            v.loose = true;
            v.lo = c.value;
            v.hi = hi;
        } else if n == 1 {
            v = v.with_approx(ph.approx);
        }
        let kind = if ph.ordinal {
            Kind::Ordinal
        } else if ph.percent.is_some() {
            v.unit = Some(ph.percent.unwrap_or("%"));
            Kind::Percent
        } else if ph.fraction.is_some() {
            Kind::Fraction
        } else if let Some(cur) = ph.currency {
            v.unit = Some(cur);
            Kind::Money
        } else if let Some(u) = ph.unit {
            v.unit = Some(u);
            Kind::Quantity
        } else {
            Kind::Number
        };
        if ph.vague {
            v = v.with_approx(Approx::Over);
            v.loose = true;
        }
        v.loose |= c.loose;
        if ph.negative && k == 0 {
            v.value = -v.value;
            (v.lo, v.hi) = (-v.hi, -v.lo);
        }
        // 75周年: an anniversary; a numeral with a measure word (三艘, 五人): a count.
        let cs = view.cs.as_slice();
        v.role = ph.role.or_else(|| {
            // 表2, 图3, 序号5: a number naming a table, a figure, an item.
            let named = c.s > 0 && matches!(cs[c.s - 1], '表' | '图' | '式')
                || ["序号", "编号", "附录", "号码"]
                    .iter()
                    .any(|w| ends_with(cs, c.s, w));
            if named && !ph.ordinal {
                Some(Role::Label)
            } else if starts_with(cs, ph.e, "周年") {
                Some(Role::Anniversary)
            } else if !ph.ordinal
                && matches!(kind, Kind::Number | Kind::Quantity)
                && (ph.classifier && (ph.unit.is_none() || ph.unit == Some("person")))
                && !ranked_measure(cs, c.s, ph.e)
            {
                Some(Role::Count)
            } else {
                None
            }
        });
        let strength = if (ph.named && c.value > Decimal::ONE) || (c.anchored && !ph.vague) {
            Strength::Strong
        } else if ph.discourse || ph.vague {
            Strength::Weak
        } else if ph.ordinal {
            // 第11次 and 第十一届 are strong; 第一, 第二天 (the next day) are not.
            if c.value > Decimal::ONE && (c.digits || c.numeral_chars >= 2) {
                Strength::Strong
            } else {
                Strength::Weak
            }
        } else if v.loose {
            // 二十几, 两三: loose counts are never reported on their own.
            Strength::Weak
        } else if ph.fraction.is_some() {
            // 2/3 is strong; 三分之一 (a third) is as often a manner of speaking.
            if c.digits {
                Strength::Strong
            } else {
                Strength::Weak
            }
        } else if c.digits || c.scale > 0 || (c.numeral_chars >= 2 && c.pair_hi.is_none()) {
            // A bare 1 (`1个小时`, an hour) is as often `a` as a quantity.
            // (Amounts of money are strong even as single numerals: 五美元.)
            let bare_one = c.digits
                && c.value == Decimal::ONE
                && ph.percent.is_none()
                && ph.currency.is_none();
            if bare_one {
                Strength::Weak
            } else {
                Strength::Strong
            }
        } else if ph.percent.is_some() || (ph.currency.is_some() && ph.currency != Some("CNY")) {
            // 五美元 is an amount; 二元 (binary) is not.
            Strength::Strong
        } else {
            // Single numerals: 五轮, 二元 (binary), 三分之一 (a third).
            Strength::Weak
        };
        let (start, end, text) = view.span(s, e);
        out.push(Mention {
            kind,
            start,
            end,
            text,
            value: Value::Num(v),
            strength,
        });
    }
    out
}
