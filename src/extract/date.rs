//! Date values: year, month, day (each optional) with a part-of-period qualifier,
//! compared as intervals of days.

use serde_json::{Map, Value as Json, json};

/// A part of a month or year named by a qualifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// `the beginning of`, `月初`, `年初`.
    Begin,
    /// `early`, `上旬`.
    Early,
    /// `mid-`, `中旬`, `年中`.
    Mid,
    /// `late`, `下旬`.
    Late,
    /// `the end of`, `月底`, `月末`, `年底`.
    End,
    /// `Q3`, `the third quarter`, `第三季度`.
    Quarter(u8),
    /// `the first half`, `上半年` (1) and `下半年` (2).
    Half(u8),
    /// `the first nine months`, `前9个月`.
    FirstMonths(u8),
    /// `the 1990s`, `90年代`: the year field holds the decade's first year.
    Decade,
    /// `the 19th century`, `19世纪`: the year field holds the first year of its
    /// hundreds (1800), as `the 1800s` does.
    Century,
}

impl Part {
    pub fn name(self) -> String {
        match self {
            Part::Begin => "begin".into(),
            Part::Early => "early".into(),
            Part::Mid => "mid".into(),
            Part::Late => "late".into(),
            Part::End => "end".into(),
            Part::Quarter(q) => format!("Q{q}"),
            Part::Half(h) => format!("H{h}"),
            Part::FirstMonths(n) => format!("first {n} months"),
            Part::Decade => "decade".into(),
            Part::Century => "century".into(),
        }
    }

    /// Qualifiers that name the same part in different words (`early` ≈ `beginning`,
    /// `late` ≈ `end`).
    pub fn compatible(self, other: Part) -> bool {
        use Part::*;
        self == other
            || matches!(
                (self, other),
                (Begin, Early) | (Early, Begin) | (Late, End) | (End, Late)
            )
    }
}

/// The canonical value of a date or time mention.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateValue {
    pub year: Option<i32>,
    /// The year was not written in this mention but taken from the paragraph.
    pub year_inherited: bool,
    /// For decades written without a century (`90年代`): the decade within a century.
    pub decade_of_century: Option<u8>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// Relative year: -1 for `last July`/`去年7月`, 0 for `this year`, 1 for `next year`.
    pub relative_year: Option<i8>,
    pub part: Option<Part>,
    /// ISO weekday, 1 = Monday.
    pub weekday: Option<u8>,
    /// Time of day, 24-hour clock.
    pub time: Option<(u8, u8)>,
    /// Written as `03/02/2022`: month and day could be either way round. `month` and
    /// `day` hold the month-first reading; `alt` says the other reading is also valid.
    pub ambiguous: bool,
    /// Not a calendar date (`February 30`).
    pub invalid: bool,
    /// A day of the month without its month (`8日`, `the 9th`) that took the month
    /// from an earlier date of its paragraph (a dateline: `2月8日电 … 9日`) or from
    /// the document's date.
    pub month_inherited: bool,
    /// A generation by birth years: `90后`, `post-90s`, `born after 1995` (the year
    /// field holds the first year).
    pub cohort: bool,
}

/// The date a document was written (`--document-date`): day-only dates without a
/// month in their paragraph take its month, and dates without a year its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DocumentDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl std::str::FromStr for DocumentDate {
    type Err = String;

    /// `2023-02-11`.
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("not a date (YYYY-MM-DD): {s:?}");
        let d: jiff::civil::Date = s.trim().parse().map_err(|_| bad())?;
        Ok(DocumentDate {
            year: i32::from(d.year()),
            month: d.month() as u8,
            day: d.day() as u8,
        })
    }
}

impl std::fmt::Display for DocumentDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Month and day of a numeric date written `a/b` whose order is not stated:
/// month first when both could be a month (then `ambiguous` unless equal), else
/// whichever order makes a date. Returns (month, day, ambiguous).
pub fn month_day(a: u32, b: u32) -> Option<(u8, u8, bool)> {
    match (a, b) {
        (1..=12, 1..=12) => Some((a as u8, b as u8, a != b)),
        (1..=12, 13..=31) => Some((a as u8, b as u8, false)),
        (13..=31, 1..=12) => Some((b as u8, a as u8, false)),
        _ => None,
    }
}

/// An inclusive interval of days as (year, month, day) triples.
pub type DayInterval = ((i32, u8, u8), (i32, u8, u8));

impl DateValue {
    /// True when the mention names a calendar point or period (not only a time or weekday).
    pub fn has_calendar(&self) -> bool {
        self.year.is_some()
            || self.month.is_some()
            || self.day.is_some()
            || self.relative_year.is_some()
            || self.decade_of_century.is_some()
    }

    /// A relative year alone (`last year`, `今年`) is background that translations
    /// freely add or drop: weak. Every other date is strong.
    pub fn strength(&self) -> crate::extract::Strength {
        let no_year = self.year.is_none() && self.decade_of_century.is_none();
        // `last year`, `今年`: a relative year alone.
        let relative_alone = self.relative_year.is_some()
            && self.month.is_none()
            && self.day.is_none()
            && self.part.is_none();
        // `9日` (the 9th): a day without its month, often dropped from datelines.
        let day_alone = self.day.is_some() && self.month.is_none() && no_year;
        // `年末`, `上半年` without a year: part of whichever year is meant.
        let part_alone = self.part.is_some()
            && self.month.is_none()
            && no_year
            && self.relative_year.is_none()
            && !matches!(self.part, Some(Part::Decade | Part::Century));
        let vague = relative_alone || day_alone || part_alone;
        if vague {
            crate::extract::Strength::Weak
        } else {
            crate::extract::Strength::Strong
        }
    }

    /// True when it denotes a period with a qualifier or a span (kind `date_range`).
    pub fn is_period(&self) -> bool {
        self.part.is_some()
    }

    /// TIMEX-like value: `2022-03-02`, `XXXX-10-12`, `2022-01`, `2022-Q3`, `199X`,
    /// `XXXX-WXX-1`, `T19:45`.
    pub fn timex(&self) -> String {
        let mut s = String::new();
        let year = match (self.year, self.relative_year) {
            (Some(y), _) => format!("{y:04}"),
            (None, _) => "XXXX".to_string(),
        };
        match self.part {
            Some(Part::Decade) => {
                return match (self.year, self.decade_of_century) {
                    (Some(y), _) => format!("{:03}X", y / 10),
                    (None, Some(d)) => format!("XX{d}X"),
                    _ => "XXXX".into(),
                };
            }
            Some(Part::Century) => {
                return match self.year {
                    Some(y) => format!("{:02}XX", y / 100),
                    None => "XXXX".into(),
                };
            }
            Some(Part::Quarter(q)) => return format!("{year}-Q{q}"),
            Some(Part::Half(h)) if self.month.is_none() => return format!("{year}-H{h}"),
            Some(Part::FirstMonths(n)) => return format!("{year}-01/{year}-{n:02}"),
            _ => {}
        }
        if self.has_calendar() {
            s.push_str(&year);
            if let Some(m) = self.month {
                s.push_str(&format!("-{m:02}"));
                if let Some(d) = self.day {
                    s.push_str(&format!("-{d:02}"));
                }
            } else if let Some(d) = self.day {
                s.push_str(&format!("-XX-{d:02}"));
            }
        } else if let Some(w) = self.weekday {
            s.push_str(&format!("XXXX-WXX-{w}"));
        }
        if let Some((h, m)) = self.time {
            s.push_str(&format!("T{h:02}:{m:02}"));
        }
        if s.is_empty() {
            s.push_str("XXXX");
        }
        s
    }

    /// The qualifier that the TIMEX value does not show: `mid` in `mid-January`,
    /// `first half` in `the first half of October`.
    pub fn modifier(&self) -> Option<String> {
        match self.part? {
            p @ (Part::Begin | Part::Early | Part::Mid | Part::Late | Part::End) => Some(p.name()),
            Part::Half(1) if self.month.is_some() => Some("first half".into()),
            Part::Half(_) if self.month.is_some() => Some("second half".into()),
            _ => None,
        }
    }

    /// Human form for messages: the TIMEX value plus qualifiers.
    pub fn display(&self) -> String {
        let mut s = self.timex();
        if let Some(m) = self.modifier() {
            s = format!("{m} {s}");
        }
        match self.relative_year {
            Some(-1) => s.push_str(" (last year)"),
            Some(0) => s.push_str(" (this year)"),
            Some(1) => s.push_str(" (next year)"),
            Some(r) => s.push_str(&format!(" (year {r:+})")),
            None => {}
        }
        if self.ambiguous {
            s.push_str(" (or day/month swapped)");
        }
        s
    }

    /// The interval of days this value covers, when its year is known.
    pub fn interval(&self) -> Option<DayInterval> {
        let y = self.year?;
        let last = |m: u8| days_in_month(y, m);
        let (m0, m1) = match (self.part, self.month) {
            (Some(Part::Decade), _) => return Some(((y, 1, 1), (y + 9, 12, 31))),
            (Some(Part::Century), _) => return Some(((y, 1, 1), (y + 99, 12, 31))),
            (Some(Part::Quarter(q)), _) => (q * 3 - 2, q * 3),
            (Some(Part::Half(h)), None) => (h * 6 - 5, h * 6),
            (Some(Part::FirstMonths(n)), _) => (1, n.clamp(1, 12)),
            (_, Some(m)) => (m, m),
            (Some(p), None) => match p {
                Part::Begin => (1, 2),
                Part::Early => (1, 4),
                Part::Mid => (5, 8),
                Part::Late => (9, 12),
                Part::End => (11, 12),
                _ => (1, 12),
            },
            (None, None) => (1, 12),
        };
        if let (Some(m), Some(d)) = (self.month, self.day) {
            return Some(((y, m, d), (y, m, d)));
        }
        if self.month.is_some() {
            let m = m0;
            let (d0, d1) = match self.part {
                Some(Part::Begin) => (1, 5),
                Some(Part::Early) => (1, 10),
                Some(Part::Mid) => (11, 20),
                Some(Part::Late) => (21, last(m)),
                Some(Part::Half(1)) => (1, 15),
                Some(Part::Half(_)) => (16, last(m)),
                Some(Part::End) => (25, last(m)),
                _ => (1, last(m)),
            };
            return Some(((y, m, d0), (y, m, d1.min(last(m)))));
        }
        Some(((y, m0, 1), (y, m1, last(m1))))
    }

    /// Start and end ISO dates of the interval, when known.
    pub fn iso_bounds(&self) -> Option<(String, String)> {
        let ((y0, m0, d0), (y1, m1, d1)) = self.interval()?;
        Some((
            format!("{y0:04}-{m0:02}-{d0:02}"),
            format!("{y1:04}-{m1:02}-{d1:02}"),
        ))
    }

    pub fn json_fields(&self, m: &mut Map<String, Json>) {
        if let Some(md) = self.modifier() {
            m.insert("mod".into(), json!(md));
        }
        if self.is_period()
            && let Some((s, e)) = self.iso_bounds()
        {
            m.insert("start_date".into(), json!(s));
            m.insert("end_date".into(), json!(e));
        }
        if self.year_inherited {
            m.insert("year_inherited".into(), json!(true));
        }
        if self.month_inherited {
            m.insert("month_inherited".into(), json!(true));
        }
        if self.cohort {
            m.insert("cohort".into(), json!(true));
        }
        if let Some(r) = self.relative_year {
            m.insert("relative_year".into(), json!(r));
        }
        if self.ambiguous {
            m.insert("ambiguous".into(), json!(true));
        }
        if self.invalid {
            m.insert("invalid".into(), json!(true));
        }
    }
}

/// Days in a month of the proleptic Gregorian calendar, via `jiff`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    let y = year.clamp(-9999, 9999) as i16;
    let m = month.clamp(1, 12) as i8;
    jiff::civil::Date::new(y, m, 1)
        .map(|d| d.days_in_month() as u8)
        .unwrap_or(31)
}

/// True when (year, month, day) is a real calendar date. Without a year, February 29
/// is accepted.
pub fn is_valid(year: Option<i32>, month: u8, day: u8) -> bool {
    let y = year.unwrap_or(2000).clamp(-9999, 9999) as i16;
    if !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    jiff::civil::Date::new(y, month as i8, day as i8).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u8) -> DateValue {
        DateValue {
            year: Some(y),
            month: Some(m),
            ..Default::default()
        }
    }

    #[test]
    fn document_dates_parse() {
        let d: DocumentDate = "2023-02-11".parse().unwrap();
        assert_eq!((d.year, d.month, d.day), (2023, 2, 11));
        assert_eq!(d.to_string(), "2023-02-11");
        assert!("2023-02-30".parse::<DocumentDate>().is_err());
        assert!("Feb 11".parse::<DocumentDate>().is_err());
    }

    #[test]
    fn numeric_month_and_day_orders() {
        assert_eq!(month_day(3, 4), Some((3, 4, true)));
        assert_eq!(month_day(4, 4), Some((4, 4, false)));
        assert_eq!(month_day(3, 14), Some((3, 14, false)));
        assert_eq!(month_day(14, 3), Some((3, 14, false)));
        assert_eq!(month_day(14, 13), None);
        assert_eq!(month_day(0, 3), None);
    }

    #[test]
    fn centuries_span_their_hundred_years() {
        let c = DateValue {
            year: Some(1800),
            part: Some(Part::Century),
            ..Default::default()
        };
        assert_eq!(c.timex(), "18XX");
        assert_eq!(c.interval(), Some(((1800, 1, 1), (1899, 12, 31))));
        assert!(c.strength() == crate::extract::Strength::Strong);
    }

    #[test]
    fn calendar_validity() {
        assert!(is_valid(Some(2022), 2, 28));
        assert!(!is_valid(Some(2022), 2, 29));
        assert!(is_valid(Some(2024), 2, 29));
        assert!(!is_valid(Some(2022), 2, 30));
        assert!(!is_valid(None, 4, 31));
        assert!(is_valid(None, 2, 29));
        assert_eq!(days_in_month(2022, 10), 31);
    }

    #[test]
    fn qualified_periods_are_intervals() {
        let mut mid = ym(2022, 1);
        mid.part = Some(Part::Mid);
        assert_eq!(mid.interval(), Some(((2022, 1, 11), (2022, 1, 20))));
        assert_eq!(mid.timex(), "2022-01");
        let mut end = ym(2022, 10);
        end.part = Some(Part::End);
        assert_eq!(end.interval(), Some(((2022, 10, 25), (2022, 10, 31))));
        let q3 = DateValue {
            year: Some(2022),
            part: Some(Part::Quarter(3)),
            ..Default::default()
        };
        assert_eq!(q3.timex(), "2022-Q3");
        assert_eq!(q3.interval(), Some(((2022, 7, 1), (2022, 9, 30))));
        let nine = DateValue {
            year: Some(2022),
            part: Some(Part::FirstMonths(9)),
            ..Default::default()
        };
        assert_eq!(nine.iso_bounds().unwrap().1, "2022-09-30");
    }

    #[test]
    fn timex_forms() {
        let d = DateValue {
            month: Some(10),
            day: Some(12),
            ..Default::default()
        };
        assert_eq!(d.timex(), "XXXX-10-12");
        let w = DateValue {
            weekday: Some(1),
            ..Default::default()
        };
        assert_eq!(w.timex(), "XXXX-WXX-1");
        let t = DateValue {
            time: Some((19, 45)),
            ..Default::default()
        };
        assert_eq!(t.timex(), "T19:45");
        let dec = DateValue {
            year: Some(1990),
            part: Some(Part::Decade),
            ..Default::default()
        };
        assert_eq!(dec.timex(), "199X");
    }
}
