//! Chinese date and time mentions.

use super::{View, digit, parse_int, starts_with};
use crate::extract::date::{DateValue, Part, is_valid, month_day};
use crate::extract::{Kind, Mention, Value};

/// A small number (month, day, hour): ASCII digits (1–2) or a Chinese numeral (1–3 chars).
fn small_num(cs: &[char], i: usize) -> Option<(u32, usize)> {
    let c = *cs.get(i)?;
    if c.is_ascii_digit() {
        let mut e = i;
        while e < cs.len() && cs[e].is_ascii_digit() {
            e += 1;
        }
        if e - i > 2 || (e < cs.len() && cs[e] == '.') {
            return None;
        }
        if i > 0 && (cs[i - 1].is_ascii_digit() || cs[i - 1] == '.') {
            return None;
        }
        let s: String = cs[i..e].iter().collect();
        return Some((s.parse().ok()?, e));
    }
    let mut e = i;
    while e < cs.len()
        && e - i < 3
        && (digit(cs[e]).is_some() || cs[e] == '十' || cs[e] == '廿' || cs[e] == '卅')
    {
        e += 1;
    }
    if e == i {
        return None;
    }
    let v = parse_int(&cs[i..e])?;
    let v: u32 = v.try_into().ok()?;
    Some((v, e))
}

/// A four-digit year followed by 年: `2022年`, `二〇二二年`.
fn year(cs: &[char], i: usize) -> Option<(i32, usize)> {
    let c = *cs.get(i)?;
    if i > 0 && (cs[i - 1].is_ascii_digit() || digit(cs[i - 1]).is_some()) {
        return None;
    }
    let e = if c.is_ascii_digit() {
        let mut e = i;
        while e < cs.len() && cs[e].is_ascii_digit() {
            e += 1;
        }
        e
    } else {
        let mut e = i;
        while e < cs.len() && digit(cs[e]).is_some() {
            e += 1;
        }
        e
    };
    if e - i != 4 || cs.get(e) != Some(&'年') || cs.get(e + 1) == Some(&'代') {
        return None;
    }
    let v: i32 = parse_int(&cs[i..e])
        .or_else(|| cs[i..e].iter().collect::<String>().parse().ok())?
        .try_into()
        .ok()?;
    (1000..=2999).contains(&v).then_some((v, e + 1))
}

/// A two-digit year: `19年3月` (2019, March) always; `19年` alone only after a
/// full year of the same text that it follows within a decade (`2016年…到现在19年`:
/// 2019), where nothing around it makes it a duration (`了19年`, `19年来`, `19年间`).
fn short_year(cs: &[char], i: usize, last_year: Option<i32>) -> Option<(i32, usize)> {
    if i > 0 && (cs[i - 1].is_ascii_digit() || matches!(cs[i - 1], '.' | '-' | '/')) {
        return None;
    }
    let e = digits_end(cs, i);
    if e - i != 2 || cs.get(e) != Some(&'年') || cs.get(e + 1) == Some(&'代') {
        return None;
    }
    let n = digits_value(&cs[i..e])? as i32;
    if month(cs, e + 1).is_some() {
        let y = match last_year {
            Some(y) => {
                let base = y / 100 * 100;
                // The century that puts it nearest the text's year.
                [base - 100, base, base + 100]
                    .into_iter()
                    .map(|b| b + n)
                    .min_by_key(|c| (c - y).abs())?
            }
            None if n < 40 => 2000 + n,
            None => 1900 + n,
        };
        return Some((y, e + 1));
    }
    let y0 = last_year?;
    let y = y0 / 100 * 100 + n;
    if !(1..=9).contains(&(y - y0)) {
        return None;
    }
    let anchored = i == 0
        || one_of!("到至于在是从自，,、：:（( ", cs[i - 1])
        || ["现在", "今年", "到了", "截至", "直到"]
            .iter()
            .any(|w| i >= 2 && starts_with(cs, i - 2, w));
    let duration_after = cs
        .get(e + 1)
        .is_some_and(|&c| one_of!("来多间内里后前了之半零期度代级的个中底初末", c));
    (anchored && !duration_after).then_some((y, e + 1))
}

/// The end of the run of ASCII digits starting at `from`.
fn digits_end(cs: &[char], from: usize) -> usize {
    from + cs[from.min(cs.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// The value of a run of ASCII digits.
fn digits_value(run: &[char]) -> Option<u32> {
    run.iter().collect::<String>().parse().ok()
}

/// `1950-53年`, `2019-2022年`, `2019至2022年`: (first, second, end of first, start
/// and end of second).
fn year_range(cs: &[char], i: usize) -> Option<(i32, i32, usize, usize, usize)> {
    let digits = |from: usize| digits_end(cs, from);
    if i > 0 && cs[i - 1].is_ascii_digit() {
        return None;
    }
    let e1 = digits(i);
    if e1 - i != 4 || !matches!(cs.get(e1), Some('-' | '—' | '–' | '至' | '到' | '~' | '～'))
    {
        return None;
    }
    let e2 = digits(e1 + 1);
    let n2 = e2 - e1 - 1;
    if !(n2 == 2 || n2 == 4) || cs.get(e2) != Some(&'年') || cs.get(e2 + 1) == Some(&'代') {
        return None;
    }
    let y1: i32 = cs[i..e1].iter().collect::<String>().parse().ok()?;
    let mut y2: i32 = cs[e1 + 1..e2].iter().collect::<String>().parse().ok()?;
    if n2 == 2 {
        y2 += y1 / 100 * 100;
    }
    ((1000..=2999).contains(&y1) && y2 > y1).then_some((y1, y2, e1, e1 + 1, e2 + 1))
}

/// A month: `3月`, `十二月`, `6月份` (not `6个月`).
fn month(cs: &[char], i: usize) -> Option<(u8, usize)> {
    let (m, e) = small_num(cs, i)?;
    if !(1..=12).contains(&m) || cs.get(e) != Some(&'月') {
        return None;
    }
    let mut e = e + 1;
    if cs.get(e) == Some(&'份') {
        e += 1;
    }
    Some((m as u8, e))
}

/// `六七月份`: two consecutive months written as two digits before 月; returns the
/// months, the end of the first, and the start and end of the second.
fn month_pair(cs: &[char], i: usize) -> Option<(u8, u8, usize, usize, usize)> {
    let (a, b) = (digit(*cs.get(i)?)?, digit(*cs.get(i + 1)?)?);
    if !(1..=11).contains(&a) || b != a + 1 || cs.get(i + 2) != Some(&'月') {
        return None;
    }
    if i > 0 && (digit(cs[i - 1]).is_some() || matches!(cs[i - 1], '十' | '第')) {
        return None;
    }
    let mut e = i + 3;
    if cs.get(e) == Some(&'份') {
        e += 1;
    }
    Some((a as u8, b as u8, i + 1, i + 1, e))
}

/// A day: `2日`, `2号`, `二十四日`.
fn day(cs: &[char], i: usize) -> Option<(u8, usize)> {
    let (d, e) = small_num(cs, i)?;
    if !(1..=31).contains(&d) || !matches!(cs.get(e), Some('日') | Some('号') | Some('號')) {
        return None;
    }
    Some((d as u8, e + 1))
}

/// A day right after a month without 日: 八月十五 (spoken), 十月初一 (lunar style).
fn bare_day(cs: &[char], i: usize) -> Option<(u8, usize)> {
    let at = if cs.get(i) == Some(&'初') { i + 1 } else { i };
    let (d, e) = small_num(cs, at)?;
    if cs[at].is_ascii_digit() || !(1..=31).contains(&d) || (at > i && d > 10) {
        return None;
    }
    // 八月十五万 or 三月十五个 are counts, not days.
    let next_ok = cs.get(e).is_none_or(|c| {
        !crate::text::is_han(*c)
            || matches!(
                c,
                '晚' | '早'
                    | '夜'
                    | '上'
                    | '下'
                    | '中'
                    | '前'
                    | '后'
                    | '当'
                    | '那'
                    | '这'
                    | '是'
                    | '在'
            )
    });
    next_ok.then_some((d as u8, e))
}

/// `2010/01/29`, `2020-12-1`, `2022.3.2`: year, month, day in digits.
fn numeric(cs: &[char], i: usize) -> Option<(DateValue, usize)> {
    if i > 0 && (cs[i - 1].is_ascii_digit() || cs[i - 1] == '.') {
        return None;
    }
    let run = |from: usize| digits_end(cs, from);
    let e1 = run(i);
    let sep = *cs.get(e1)?;
    if (1..=2).contains(&(e1 - i)) && sep == '/' {
        return slashed(cs, i, e1);
    }
    if e1 - i != 4 || !matches!(sep, '/' | '-' | '.') {
        return None;
    }
    let e2 = run(e1 + 1);
    if cs.get(e2) != Some(&sep) || !(1..=2).contains(&(e2 - e1 - 1)) {
        return None;
    }
    let e3 = run(e2 + 1);
    if !(1..=2).contains(&(e3 - e2 - 1))
        || cs.get(e3).is_some_and(|c| c.is_ascii_digit() || *c == sep)
    {
        return None;
    }
    let num = |a: usize, b: usize| digits_value(&cs[a..b]);
    let (y, m, d) = (num(i, e1)?, num(e1 + 1, e2)?, num(e2 + 1, e3)?);
    if !(1000..=2999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let v = DateValue {
        year: Some(y as i32),
        month: Some(m as u8),
        day: Some(d as u8),
        invalid: !is_valid(Some(y as i32), m as u8, d as u8),
        ..Default::default()
    };
    Some((v, e3))
}

/// `10/12/21`, `3/4/2022` (as English writes them): month and day in an order
/// the text does not state, then a two- or four-digit year.
fn slashed(cs: &[char], i: usize, e1: usize) -> Option<(DateValue, usize)> {
    let digits = |from: usize| digits_end(cs, from);
    let num = |a: usize, b: usize| digits_value(&cs[a..b]);
    let e2 = digits(e1 + 1);
    if cs.get(e2) != Some(&'/') || !(1..=2).contains(&(e2 - e1 - 1)) {
        return None;
    }
    let e3 = digits(e2 + 1);
    let year_len = e3 - e2 - 1;
    if !(year_len == 2 || year_len == 4) || cs.get(e3).is_some_and(|c| *c == '/') {
        return None;
    }
    let (month, day, ambiguous) = month_day(num(i, e1)?, num(e1 + 1, e2)?)?;
    let y = num(e2 + 1, e3)? as i32;
    let year = if year_len == 2 { 2000 + y } else { y };
    let v = DateValue {
        year: Some(year),
        month: Some(month),
        day: Some(day),
        ambiguous,
        invalid: !is_valid(Some(year), month, day),
        ..Default::default()
    };
    Some((v, e3))
}

/// A part of a month after `N月`: 上旬, 中旬, 下旬, 初, 底, 末, 中.
fn month_part(cs: &[char], i: usize) -> Option<(Part, usize)> {
    for (w, p) in [
        ("上旬", Part::Early),
        ("中旬", Part::Mid),
        ("下旬", Part::Late),
        ("初", Part::Begin),
        ("底", Part::End),
        ("末", Part::End),
        ("中", Part::Mid),
    ] {
        if starts_with(cs, i, w) {
            // 月中 is mid-month, but 月中国 (month + China) is not.
            if w == "中"
                && matches!(
                    cs.get(i + 1),
                    Some('国')
                        | Some('方')
                        | Some('俄')
                        | Some('美')
                        | Some('欧')
                        | Some('心')
                        | Some('东')
                        | Some('亚')
                        | Some('共')
                )
            {
                return None;
            }
            return Some((p, i + w.chars().count()));
        }
    }
    None
}

/// A part of a year: 前9个月, 前三季度, 第三季度, 三季度, 上半年, 下半年, 年初, 年底, 年末, 年中,
/// 1-9月 (as the first nine months). `after_year` is true right after `2022年`.
fn year_part(cs: &[char], i: usize, after_year: bool) -> Option<(Part, usize)> {
    if starts_with(cs, i, "前")
        && let Some((n, e)) = small_num(cs, i + 1)
    {
        if starts_with(cs, e, "个月") && (1..=12).contains(&n) {
            return Some((Part::FirstMonths(n as u8), e + 2));
        }
        if starts_with(cs, e, "季度") && (1..=4).contains(&n) {
            return Some((Part::FirstMonths(n as u8 * 3), e + 2));
        }
        if starts_with(cs, e, "个季度") && (1..=4).contains(&n) {
            return Some((Part::FirstMonths(n as u8 * 3), e + 3));
        }
    }
    let (q_at, ordinal) = if starts_with(cs, i, "第") {
        (i + 1, true)
    } else {
        (i, false)
    };
    if let Some((n, e)) = small_num(cs, q_at) {
        if starts_with(cs, e, "季度") && (1..=4).contains(&n) && (ordinal || e - q_at == 1) {
            return Some((Part::Quarter(n as u8), e + 2));
        }
        // 1-9月 / 1至9月: the first N months.
        if n == 1
            && matches!(
                cs.get(e),
                Some('-') | Some('至') | Some('到') | Some('~') | Some('～') | Some('—')
            )
            && let Some((m, e2)) = month(cs, e + 1)
            && m > 1
        {
            return Some((Part::FirstMonths(m), e2));
        }
    }
    for (w, p) in [
        ("上半年", Part::Half(1)),
        ("下半年", Part::Half(2)),
        ("年初", Part::Begin),
        ("年底", Part::End),
        ("年末", Part::End),
        ("年中", Part::Mid),
    ] {
        if starts_with(cs, i, w) {
            return Some((p, i + w.chars().count()));
        }
    }
    if after_year {
        for (w, p) in [("初", Part::Begin), ("底", Part::End), ("末", Part::End)] {
            if starts_with(cs, i, w) {
                return Some((p, i + 1));
            }
        }
    }
    None
}

fn relative(cs: &[char], i: usize) -> Option<(i8, usize)> {
    for (w, r) in [
        ("去年", -1),
        ("今年", 0),
        ("明年", 1),
        ("前年", -2),
        ("后年", 2),
    ] {
        if starts_with(cs, i, w) {
            return Some((r, i + 2));
        }
    }
    None
}

fn weekday(cs: &[char], i: usize) -> Option<(u8, usize)> {
    // 黑色星期五 (Black Friday) is a day's name, not a weekday.
    if i >= 2 && cs[i - 2] == '黑' && cs[i - 1] == '色' {
        return None;
    }
    let after = ["星期", "礼拜", "周"]
        .iter()
        .find(|w| starts_with(cs, i, w))
        .map(|w| i + w.chars().count())?;
    let d = match cs.get(after)? {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '日' | '天' => 7,
        _ => return None,
    };
    // 一周四天 (four days a week), 周四次 are counts; 星期一直 is 星期 + 一直 (always).
    if matches!(
        cs.get(after + 1),
        Some(
            '天' | '个'
                | '次'
                | '年'
                | '岁'
                | '位'
                | '名'
                | '直'
                | '起'
                | '定'
                | '样'
                | '般'
                | '些'
                | '切'
        )
    ) {
        return None;
    }
    // 一周 is `one week`: 一周四天 is not Thursday.
    if i > 0 && (digit(cs[i - 1]).is_some() || cs[i - 1].is_ascii_digit()) {
        return None;
    }
    Some((d, after + 1))
}

/// Words of a time of day before a clock time, and whether they are after noon.
const TIME_WORDS: &[(&str, bool)] = &[
    ("上午", false),
    ("早上", false),
    ("凌晨", false),
    ("清晨", false),
    ("中午", true),
    ("下午", true),
    ("傍晚", true),
    ("晚上", true),
    ("晚间", true),
    ("夜间", true),
    ("夜里", true),
    ("今晚", true),
    ("昨晚", true),
    ("明晚", true),
    ("当晚", true),
    ("今早", false),
];

/// The first characters of [`TIME_WORDS`].
const TIME_WORD_FIRSTS: &str = "上早凌清中下傍晚夜今昨明当";

fn time_of_day(cs: &[char], i: usize) -> Option<(u8, u8, usize)> {
    let mut k = i;
    let mut shift = None;
    // Most positions start none of the words: their first characters first.
    let opens = cs.get(i).is_some_and(|&c| one_of!(TIME_WORD_FIRSTS, c));
    for &(w, pm) in TIME_WORDS {
        if opens && starts_with(cs, k, w) {
            shift = Some((w, pm));
            k += 2;
            break;
        }
    }
    // HH:MM
    if cs.get(k).is_some_and(|c| c.is_ascii_digit())
        && let Some((h, e)) = small_num(cs, k)
        && cs.get(e) == Some(&':')
        && let Some((m, e2)) = small_num(cs, e + 1)
        && e2 - e - 1 == 2
        && h < 24
        && m < 60
    {
        let h = adjust(h, shift);
        return Some((h as u8, m as u8, e2));
    }
    let (h, e) = small_num(cs, k)?;
    if !matches!(cs.get(e), Some('点') | Some('时')) || h > 24 {
        return None;
    }
    // 点 after a numeral is also the decimal point: 9.5 written 九点五.
    let mut end = e + 1;
    let mut m = 0;
    if cs.get(end) == Some(&'半') {
        m = 30;
        end += 1;
    } else if starts_with(cs, end, "一刻") {
        m = 15;
        end += 2;
    } else if starts_with(cs, end, "三刻") {
        m = 45;
        end += 2;
    } else if let Some((before, e2)) = minutes_before(cs, end).filter(|_| h > 0) {
        // 九点差一刻 (a quarter to nine), 九点差五分: minutes before the hour.
        let (h2, m2) = (h - 1, 60 - before);
        end = e2;
        if cs.get(end) == Some(&'钟') {
            end += 1;
        }
        return Some((adjust(h2, shift) as u8, m2 as u8, end));
    } else if let Some((mm, e2)) = small_num(cs, end) {
        if cs.get(e2) == Some(&'分') && mm < 60 {
            m = mm;
            end = e2 + 1;
        } else if cs[e] == '点' && shift.is_none() {
            return None;
        }
    } else if shift.is_none() && cs[e] == '时' {
        // A bare `N时` is too often `when` (时): require a time-of-day word or minutes.
        return None;
    }
    // A bare `N点` is a clock time only in a clock context (九点以后, 六点起床), not
    // in 三点意见 (three points) or 第一点.
    let clock_next = matches!(
        cs.get(end),
        Some(
            '钟' | '整'
                | '前'
                | '后'
                | '以'
                | '左'
                | '起'
                | '开'
                | '到'
                | '至'
                | '了'
                | '来'
                | '去'
                | '回'
                | '见'
                | '上'
                | '下'
                | '出'
                | '打'
                | '吃'
                | '睡'
                | '准'
                | '，'
                | '。'
                | '？'
                | '！'
                | ','
        )
    );
    // 下跌2点, 涨了3点: points of an index, not hours.
    let change = (1..=2).any(|b| i >= b && matches!(cs[i - b], '涨' | '跌' | '升' | '降'));
    let counted = change || (i > 0 && matches!(cs[i - 1], '第' | '几' | '两' | '这' | '那' | '每'));
    // 一点 alone is `a little` (快一点); one o'clock needs 钟, minutes or a time word.
    let a_little = cs[k] == '一' && m == 0 && !matches!(cs.get(end), Some('钟' | '整'));
    if shift.is_none() && m == 0 && cs[e] == '点' && (!clock_next || counted || h > 12 || a_little)
    {
        return None;
    }
    if cs.get(end) == Some(&'钟') || cs.get(end) == Some(&'整') {
        end += 1;
    }
    Some((adjust(h, shift) as u8, m as u8, end))
}

/// `差一刻`, `差5分` after `N点`: (minutes before the hour, end).
fn minutes_before(cs: &[char], i: usize) -> Option<(u32, usize)> {
    if cs.get(i) != Some(&'差') {
        return None;
    }
    if starts_with(cs, i + 1, "一刻") {
        return Some((15, i + 3));
    }
    let (mm, e) = small_num(cs, i + 1)?;
    (cs.get(e) == Some(&'分') && (1..60).contains(&mm)).then_some((mm, e + 1))
}

fn adjust(h: u32, shift: Option<(&str, bool)>) -> u32 {
    match shift {
        Some((_, true)) if h < 12 => h + 12,
        _ => h,
    }
}

/// Tries the date forms at `i`; returns (end, value) pairs (a day range gives two).
fn at(cs: &[char], i: usize, last_year: Option<i32>) -> Vec<(usize, usize, DateValue)> {
    let mut out = Vec::new();
    let mut d = DateValue::default();
    let mut k = i;
    let mut has = false;
    // 上世纪90年代, 19世纪80年代, 二十世纪90年代; 19世纪 alone is the century (上世纪,
    // the last century, only with its decade).
    let last = ["上世纪", "上个世纪"]
        .iter()
        .find(|w| starts_with(cs, i, w));
    let century = match last {
        Some(w) => Some((20, i + w.chars().count())),
        // Not 上一世纪 (the previous century), 半世纪 (half a century).
        None if i > 0 && one_of!("上下本这该前后每半近", cs[i - 1]) => None,
        None => small_num(cs, i)
            .filter(|&(n, e)| (2..=21).contains(&n) && starts_with(cs, e, "世纪"))
            .map(|(n, e)| (n, e + 2)),
    };
    if let Some((n, e)) = century {
        let base = (n as i32 - 1) * 100;
        if let Some((m, e2)) = small_num(cs, e)
            && starts_with(cs, e2, "年代")
            && m % 10 == 0
            && m < 100
        {
            d.year = Some(base + m as i32);
            d.part = Some(Part::Decade);
            out.push((i, e2 + 2, d));
            return out;
        } else if last.is_none()
            // 20世纪六七十年代: decades this reader does not take; not the century.
            && !cs.get(e).is_some_and(|&c| c.is_ascii_digit() || digit(c).is_some())
        {
            d.year = Some(base);
            d.part = Some(Part::Century);
            out.push((i, e, d));
            return out;
        }
    }
    // 90后, 00后, 95后: a generation by birth years.
    if let Some((v, e)) = cohort(cs, i) {
        out.push((i, e, v));
        return out;
    }
    // 1990年代, 90年代
    if let Some((n, e)) = decade_num(cs, i)
        && starts_with(cs, e, "年代")
    {
        if n >= 1000 {
            d.year = Some(n as i32);
        } else {
            d.decade_of_century = Some((n / 10) as u8);
        }
        d.part = Some(Part::Decade);
        out.push((i, e + 2, d));
        return out;
    }
    if let Some((v, e)) = numeric(cs, i) {
        out.push((i, e, v));
        return out;
    }
    // 1950-53年, 2019至2022年: a range of years.
    if let Some((y1, y2, e1, s2, e2)) = year_range(cs, i) {
        let first = DateValue {
            year: Some(y1),
            ..Default::default()
        };
        let second = DateValue {
            year: Some(y2),
            ..Default::default()
        };
        out.push((i, e1, first));
        out.push((s2, e2, second));
        return out;
    }
    // 本年末, 本年度: this year.
    if starts_with(cs, k, "本年") {
        d.relative_year = Some(0);
        k += 2;
        has = true;
    } else if let Some((r, e)) = relative(cs, k) {
        d.relative_year = Some(r);
        k = e;
        has = true;
    } else if let Some((y, e)) = year(cs, k).or_else(|| short_year(cs, k, last_year)) {
        d.year = Some(y);
        k = e;
        has = true;
    }
    let after_year = has;
    // 每年中国 is 每年 + 中国, not 年中; 两年底 is not a year end either.
    let counted = !after_year
        && i > 0
        && matches!(
            cs[i - 1],
            '每' | '两'
                | '几'
                | '多'
                | '数'
                | '一'
                | '近'
                | '前'
                | '后'
                | '全'
                | '半'
                | '跨'
                | '周'
                | '新'
                | '长'
                | '当'
                | '同'
        );
    if let Some((p, e)) = year_part(cs, k, after_year).filter(|_| !counted) {
        d.part = Some(p);
        out.push((i, e, d));
        return out;
    }
    // 3至6月, 7-10月: a range of months (a year before it applies to both).
    if let Some((m1, e)) = small_num(cs, k)
        && (1..=12).contains(&m1)
        && matches!(cs.get(e), Some('至' | '到' | '-' | '—' | '~' | '～'))
        && let Some((m2, e2)) = month(cs, e + 1)
        && u32::from(m2) > m1
    {
        let first = DateValue {
            month: Some(m1 as u8),
            ..d.clone()
        };
        let second = DateValue {
            month: Some(m2),
            ..d.clone()
        };
        out.push((i, e, first));
        out.push((e + 1, e2, second));
        return out;
    }
    // 六七月份, 6、7月: two months (June and July).
    if let Some((m1, m2, e1, s2, e2)) = month_pair(cs, k) {
        let first = DateValue {
            month: Some(m1),
            ..d.clone()
        };
        let second = DateValue {
            month: Some(m2),
            ..d.clone()
        };
        out.push((i, e1, first));
        out.push((s2, e2, second));
        return out;
    }
    if let Some((m, e)) = month(cs, k) {
        d.month = Some(m);
        k = e;
        has = true;
        if let Some((dd, e2)) = day(cs, k).or_else(|| bare_day(cs, k)) {
            d.day = Some(dd);
            k = e2;
            d.invalid = !is_valid(d.year, m, dd);
            // 6月24日至26日
            if matches!(
                cs.get(k),
                Some('至') | Some('到') | Some('-') | Some('—') | Some('~') | Some('～')
            ) && let Some((d2, e3)) = day(cs, k + 1)
                && d2 > dd
            {
                let mut second = d.clone();
                second.day = Some(d2);
                second.invalid = !is_valid(d.year, m, d2);
                out.push((i, k, d));
                out.push((k + 1, e3, second));
                return out;
            }
        } else if let Some((p, e2)) = month_part(cs, k) {
            d.part = Some(p);
            k = e2;
        }
    }
    if has {
        // A weekday or time right after a date is its own mention.
        out.push((i, k, d));
        return out;
    }
    // 27号下单, 3号到的: a day written with 号 before a verb of delivery or an hour
    // word (not 3号楼, 1号线, 5号文件).
    if let Some((dd, e)) = day(cs, i)
        && cs[e - 1] == '号'
        && cs[i].is_ascii_digit()
        && matches!(
            cs.get(e),
            Some(
                '下' | '到'
                    | '收'
                    | '送'
                    | '发'
                    | '晚'
                    | '早'
                    | '上'
                    | '中'
                    | '前'
                    | '后'
                    | '开'
                    | '结'
                    | '出'
                    | '就'
                    | '才'
                    | '，'
                    | '。'
                    | '、'
                    | '的'
            )
        )
        && (i == 0 || !(cs[i - 1].is_ascii_digit() || cs[i - 1] == '第'))
    {
        d.day = Some(dd);
        out.push((i, e, d));
        return out;
    }
    // A day of the month alone: 9日 (after 12月3日…, or 本月6日). Not 日本, 日报, 日元,
    // nor 一日 (one day).
    if let Some((dd, e)) = day(cs, i)
        && cs[e - 1] == '日'
        && !(e - i == 2 && matches!(cs[i], '一' | '两' | '二' | '几' | '数' | '半'))
        && !matches!(
            cs.get(e),
            Some('本' | '报' | '元' | '期' | '益' | '常' | '记' | '子' | '夜' | '前' | '后' | '内')
        )
        && (i == 0
            || !(cs[i - 1].is_ascii_digit()
                || digit(cs[i - 1]).is_some()
                || matches!(cs[i - 1], '每' | '数' | '几' | '.')))
    {
        d.day = Some(dd);
        let start = if i >= 2 && matches!(&cs[i - 2..i], ['本' | '当' | '同', '月']) {
            i - 2
        } else {
            i
        };
        out.push((start, e, d));
        return out;
    }
    // 中午 (noon) and 午夜 (midnight) alone.
    if (starts_with(cs, i, "中午") || starts_with(cs, i, "正午")) && time_of_day(cs, i).is_none()
    {
        d.time = Some((12, 0));
        out.push((i, i + 2, d));
        return out;
    }
    if starts_with(cs, i, "午夜") {
        d.time = Some((0, 0));
        out.push((i, i + 2, d));
        return out;
    }
    if let Some((w, e)) = weekday(cs, i) {
        d.weekday = Some(w);
        out.push((i, e, d));
        return out;
    }
    if let Some((h, m, e)) = time_of_day(cs, i) {
        d.time = Some((h, m));
        out.push((i, e, d));
        return out;
    }
    out
}

/// `90后` (born in the 1990s), `00后`, `95后` (born in 1995 or later), `九零后`: two
/// digits and 后, the years of a generation. Two digits up to 29 are this century's.
fn cohort(cs: &[char], i: usize) -> Option<(DateValue, usize)> {
    if i > 0 && (cs[i - 1].is_ascii_digit() || digit(cs[i - 1]).is_some()) {
        return None;
    }
    let two = |k: usize| -> Option<u32> {
        let c = *cs.get(k)?;
        if c.is_ascii_digit() {
            c.to_digit(10)
        } else if c == '十' {
            None
        } else {
            digit(c)
        }
    };
    let (a, b) = (two(i)?, two(i + 1)?);
    let ascii = cs[i].is_ascii_digit();
    if ascii != cs[i + 1].is_ascii_digit() || cs.get(i + 2) != Some(&'后') {
        return None;
    }
    // Not 3后 of a longer run (1990后), nor 后 starting a word (后来, 后面, 后者…).
    if cs
        .get(i + 3)
        .is_some_and(|&c| one_of!("来面者续期天年月日方边半", c))
    {
        return None;
    }
    let n = a * 10 + b;
    if !n.is_multiple_of(5) {
        return None;
    }
    let year = if n < 30 { 2000 + n } else { 1900 + n } as i32;
    let v = DateValue {
        year: Some(year),
        part: n.is_multiple_of(10).then_some(Part::Decade),
        cohort: true,
        ..Default::default()
    };
    Some((v, i + 3))
}

/// A decade number before 年代: `90`, `九十`, `1990`.
fn decade_num(cs: &[char], i: usize) -> Option<(u32, usize)> {
    if i > 0 && (cs[i - 1].is_ascii_digit() || digit(cs[i - 1]).is_some() || cs[i - 1] == '十') {
        return None;
    }
    let mut e = i;
    while e < cs.len() && (cs[e].is_ascii_digit() || digit(cs[e]).is_some() || cs[e] == '十') {
        e += 1;
    }
    if e == i || e - i > 4 {
        return None;
    }
    let run = &cs[i..e];
    let v: u32 = if run.iter().all(|c| c.is_ascii_digit()) {
        run.iter().collect::<String>().parse().ok()?
    } else {
        parse_int(run)?.try_into().ok()?
    };
    let ok = (v < 100 && v.is_multiple_of(10) && v > 0)
        || ((1000..=2990).contains(&v) && v.is_multiple_of(10));
    ok.then_some((v, e))
}

/// True for a character a date form of [`at`] can start with: a digit of either
/// script, or the first character of one of its words (上世纪, 本年, 去年, 前三季度,
/// 第二季度, 上半年, 年初, 中午, 午夜, 星期, 礼拜, 周, 早上, 凌晨, 清晨, 傍晚, 晚上, 夜间,
/// 今晚, 昨晚, 当晚…). [`find`] tries no other position.
fn can_start(c: char) -> bool {
    c.is_ascii_digit()
        || digit(c).is_some()
        || matches!(
            c,
            '十' | '廿'
                | '卅'
                | '上'
                | '本'
                | '去'
                | '今'
                | '明'
                | '前'
                | '后'
                | '第'
                | '下'
                | '年'
                | '中'
                | '正'
                | '午'
                | '星'
                | '礼'
                | '周'
                | '早'
                | '凌'
                | '清'
                | '傍'
                | '晚'
                | '夜'
                | '昨'
                | '当'
        )
}

/// For a first character of [`can_start`] that is also a common word's (中, 上,
/// 下, 当, 正), whether the character after it can go on to a date form: 中午,
/// 上世纪, 上个世纪, 上半年, 上午, 下半年, 下午, 当晚, 正午. Other first characters:
/// always.
fn second_opens(first: char, second: Option<char>) -> bool {
    let Some(second) = second else {
        return !matches!(first, '中' | '上' | '下' | '当' | '正');
    };
    match first {
        '中' | '正' => second == '午',
        '上' => matches!(second, '世' | '个' | '半' | '午'),
        '下' => matches!(second, '半' | '午'),
        '当' => second == '晚',
        _ => true,
    }
}

pub(super) fn find<'t>(view: &View<'_, 't>, used: &mut [bool]) -> Vec<Mention<'t>> {
    let cs = view.cs.as_slice();
    let mut out = Vec::new();
    // The last year a date of the text stated, for two-digit years.
    let mut last_year = None;
    let mut i = 0;
    while i < cs.len() {
        if !can_start(cs[i]) || !second_opens(cs[i], cs.get(i + 1).copied()) {
            // (Tests check that no form starts elsewhere.)
            debug_assert!(
                at(cs, i, last_year).is_empty(),
                "a date starts at {i} in {cs:?}"
            );
            i += 1;
            continue;
        }
        let found = at(cs, i, last_year);
        if found.is_empty() {
            i += 1;
            continue;
        }
        let mut next = i + 1;
        for (s, e, v) in found {
            if e <= s {
                continue;
            }
            for u in used.iter_mut().take(e).skip(s) {
                *u = true;
            }
            let kind = if v.is_period() {
                Kind::DateRange
            } else {
                Kind::Date
            };
            if let Some(y) = v.year.filter(|_| v.relative_year.is_none() && !v.cohort) {
                last_year = Some(y);
            }
            let (start, end, text) = view.span(s, e);
            out.push(Mention {
                kind,
                start,
                end,
                text,
                strength: v.strength(),
                value: Value::Date(v),
            });
            next = next.max(e);
        }
        i = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{TIME_WORD_FIRSTS, TIME_WORDS};

    /// The date words starting with a character [`super::second_opens`] filters
    /// go on with a character it lets through.
    #[test]
    fn the_words_of_filtered_first_characters_pass_the_filter() {
        let words = TIME_WORDS.iter().map(|(w, _)| *w).chain([
            "上世纪",
            "上个世纪",
            "上半年",
            "下半年",
            "中午",
            "正午",
        ]);
        for w in words {
            let mut cs = w.chars();
            let (a, b) = (cs.next().unwrap(), cs.next());
            assert!(super::second_opens(a, b), "{w}");
        }
    }

    #[test]
    fn every_time_word_starts_with_a_listed_first_character() {
        for (w, _) in TIME_WORDS {
            let first = w.chars().next().expect("a word");
            assert!(TIME_WORD_FIRSTS.contains(first), "{w}");
        }
    }
}
