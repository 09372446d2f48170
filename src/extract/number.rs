//! Numeric values: exact decimals with an interval for approximate statements.

use rust_decimal::Decimal;
use std::fmt;

/// How a number was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    /// The value as written: `47 million`, `4700万`.
    Exact,
    /// `about 100`, `约100`, `100左右`.
    About,
    /// `more than 1,000`, `1000多`, `逾1000`, `at least 5`.
    Over,
    /// `nearly 100`, `不到100`, `less than 5`.
    Under,
}

/// What a number does in its sentence, when the text shows it. A change of role
/// across a pair is a change of value: `五人小组` (a group of five) is not `the
/// fifth group`, `二十大` (the 20th Congress) is not `20 major ideals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A count of things: a Chinese numeral with a measure word (`三艘`), an
    /// English number before a noun (`three carriers`).
    Count,
    /// A number that names an item rather than counting: `No. 31`, `number 14`.
    Label,
    /// An anniversary: `the 75th anniversary`, `75周年`.
    Anniversary,
    /// A discourse ordinal listing points: `First,`, `一是`.
    Discourse,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Count => "count",
            Role::Label => "label",
            Role::Anniversary => "anniversary",
            Role::Discourse => "discourse",
        }
    }
}

/// The canonical value of a numeric mention.
///
/// Values are exact decimals (`rust_decimal`), never binary floating point, so
/// `153.9385 billion` and `1539.385亿` are the same value. `lo..=hi` is the interval
/// the statement allows: a single point for exact values, wider for approximations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumValue {
    /// The number as stated, after scale words: `1000` for `more than 1,000`.
    pub value: Decimal,
    pub approx: Approx,
    /// Lower bound of the interval the statement allows.
    pub lo: Decimal,
    /// Upper bound of the interval the statement allows.
    pub hi: Decimal,
    /// The upper bound itself is excluded: `more than 100` does not reach 1000,
    /// `1000多` does not reach 2000.
    pub hi_open: bool,
    /// A loose statement (`a dozen`, `两三`, `几十`) matches any overlapping one; an
    /// anchored approximation (`more than 1,000`, `约100`) matches another
    /// approximation only with the same stated number.
    pub loose: bool,
    /// For fractions: the exact numerator and denominator (`2/3`, `三分之二`).
    pub ratio: Option<(Decimal, Decimal)>,
    /// Canonical unit or currency, when written: `USD`, `CNY`, `t`, `m3`, `pp`.
    pub unit: Option<&'static str>,
    /// The place value of the last digit written: 10000 for `19.93 million`, 100
    /// for `1993.03万`, 1 for `1,750`. A number written with fewer digits may be
    /// the rounding of the other.
    pub quantum: Decimal,
    /// What the number does, when the text shows it (see [`Role`]).
    pub role: Option<Role>,
}

impl NumValue {
    pub fn exact(value: Decimal) -> Self {
        NumValue {
            value,
            approx: Approx::Exact,
            lo: value,
            hi: value,
            hi_open: false,
            loose: false,
            ratio: None,
            unit: None,
            quantum: Decimal::new(1, value.scale()),
            role: None,
        }
    }

    /// Sets the place value of the last written digit from the number as written
    /// (`19.93`) and the power of ten of its scale word (`million` = 6).
    pub fn with_quantum(mut self, written: Decimal, scale: u32) -> Self {
        let q = Decimal::new(1, written.scale()).checked_mul(pow10(scale));
        if let Some(q) = q {
            self.quantum = q;
        }
        self
    }

    /// Significant digits of the value at its quantum (`19.93 million` has 4).
    fn significant(&self) -> u32 {
        let Some(n) = self.value.checked_div(self.quantum) else {
            return 0;
        };
        let n = n.abs().trunc();
        n.to_string().trim_start_matches('0').len() as u32
    }

    /// True when the coarser of two exact values is the other rounded to its last
    /// written digit, and states at least four significant digits: `19.93 million`
    /// for `1993.03万`. (`2 billion` for `25亿` is not a rounding.)
    pub fn rounds_to(&self, other: &NumValue) -> bool {
        let (coarse, fine) = if self.quantum >= other.quantum {
            (self, other)
        } else {
            (other, self)
        };
        if coarse.quantum <= fine.quantum || coarse.significant() < 4 {
            return false;
        }
        let q = coarse.quantum;
        match fine.value.checked_div(q) {
            Some(x) => x
                .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                .checked_mul(q)
                .is_some_and(|r| r == coarse.value),
            None => false,
        }
    }

    pub fn fraction(num: Decimal, den: Decimal) -> Option<Self> {
        if den.is_zero() {
            return None;
        }
        let v = num.checked_div(den)?;
        let mut n = NumValue::exact(v);
        n.ratio = Some((num, den));
        Some(n)
    }

    /// Applies an approximation qualifier, widening the interval.
    pub fn with_approx(mut self, approx: Approx) -> Self {
        self.approx = approx;
        let v = self.value;
        let (lo, hi) = match approx {
            Approx::Exact => (v, v),
            // Lenient on purpose: an approximation matches anything plausibly meant.
            Approx::About => (
                v * Decimal::new(8, 1),
                v.checked_mul(Decimal::new(12, 1))
                    .unwrap_or(if v.is_sign_negative() {
                        Decimal::MIN
                    } else {
                        Decimal::MAX
                    }),
            ),
            Approx::Over => (v, v.checked_mul(Decimal::TEN).unwrap_or(Decimal::MAX)),
            Approx::Under => (v * Decimal::new(5, 1), v),
        };
        self.lo = lo.min(hi);
        self.hi = hi.max(lo);
        self.hi_open = approx == Approx::Over;
        self
    }

    /// `1000多`, `十余`: from the number up to the next step of its last significant digit.
    pub fn with_more_suffix(mut self) -> Self {
        let step = trailing_step(self.value);
        self.approx = Approx::Over;
        self.lo = self.value;
        self.hi = self.value.checked_add(step).unwrap_or(Decimal::MAX);
        self.hi_open = true;
        self
    }

    /// True when the two statements can describe the same quantity.
    pub fn same_value(&self, other: &NumValue) -> bool {
        if let (Some((a, b)), Some((c, d))) = (self.ratio, other.ratio) {
            return match (a.checked_mul(d), c.checked_mul(b)) {
                (Some(x), Some(y)) => x == y,
                _ => false,
            };
        }
        if self.approx == Approx::Exact && other.approx == Approx::Exact {
            return self.value == other.value || self.rounds_to(other);
        }
        // Two anchored approximations: `more than 1,000` and `1000多` state the same
        // number; `more than 41%` and `40%以上` do not, though their intervals overlap.
        if self.approx != Approx::Exact
            && other.approx != Approx::Exact
            && !self.loose
            && !other.loose
        {
            return self.value == other.value || self.rounds_to(other);
        }
        let below = |lo: Decimal, hi: Decimal, open: bool| if open { lo < hi } else { lo <= hi };
        below(self.lo, other.hi, other.hi_open) && below(other.lo, self.hi, self.hi_open)
    }

    /// The canonical decimal string of the stated value.
    pub fn canonical(&self) -> String {
        canonical(self.value)
    }
}

/// The step of the last significant integer digit: 1000 → 1000, 1500 → 100, 12 → 1.
fn trailing_step(v: Decimal) -> Decimal {
    let mut step = Decimal::ONE;
    let t = v.trunc();
    if t != v || t.is_zero() {
        return step;
    }
    let mut x = t;
    while (x % Decimal::TEN).is_zero() && !x.is_zero() {
        x /= Decimal::TEN;
        step *= Decimal::TEN;
    }
    step
}

/// A decimal as a plain string without trailing zeros or exponent: `153938500000`, `9.5`.
pub fn canonical(v: Decimal) -> String {
    let n = v.normalize();
    n.to_string()
}

impl fmt::Display for NumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self.approx {
            Approx::Exact => "",
            Approx::About => "~",
            Approx::Over => ">",
            Approx::Under => "<",
        };
        match self.ratio {
            Some((n, d)) => write!(f, "{}{}/{}", prefix, canonical(n), canonical(d))?,
            None => write!(f, "{}{}", prefix, canonical(self.value))?,
        }
        if let Some(u) = self.unit {
            if u == "%" || u == "pp" {
                write!(f, "{}", if u == "%" { "%" } else { " pp" })?;
            } else {
                write!(f, " {}", u)?;
            }
        }
        Ok(())
    }
}

/// Parses an ASCII decimal with optional `,`/no-break-space group separators and sign.
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    let cleaned: String = s
        .chars()
        .filter(|c| !matches!(c, ',' | '\u{00A0}' | ' ' | '_'))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let cleaned = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    if cleaned.is_empty() {
        return None;
    }
    cleaned.parse::<Decimal>().ok()
}

/// `10^n` as a decimal, for scale words; past the largest decimal (`n` > 28) the
/// largest decimal, so that stacked scales (`亿亿亿亿`) never overflow. Values are
/// built with [`checked_pow10`].
pub fn pow10(n: u32) -> Decimal {
    checked_pow10(n).unwrap_or(Decimal::MAX)
}

/// `10^n` as a decimal; `None` past the largest decimal (`n` > 28).
pub fn checked_pow10(n: u32) -> Option<Decimal> {
    let mut v = Decimal::ONE;
    for _ in 0..n {
        v = v.checked_mul(Decimal::TEN)?;
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn exact_decimal_equality_across_scales() {
        let a = NumValue::exact(d("153.9385") * pow10(9));
        let b = NumValue::exact(d("1539.385") * pow10(8));
        assert!(a.same_value(&b));
        assert_eq!(a.canonical(), "153938500000");
        let c = NumValue::exact(d("1593.385") * pow10(8));
        assert!(!a.same_value(&c));
    }

    #[test]
    fn approximations_overlap() {
        let more_than_1000 = NumValue::exact(d("1000")).with_approx(Approx::Over);
        let chinese_1000_duo = NumValue::exact(d("1000")).with_more_suffix();
        assert!(more_than_1000.same_value(&chinese_1000_duo));
        assert_eq!(chinese_1000_duo.hi, d("2000"));
        let mut more_than_dozen = NumValue::exact(d("12")).with_approx(Approx::Over);
        more_than_dozen.loose = true;
        // Anchored approximations compare the number they state.
        let over_41 = NumValue::exact(d("41")).with_approx(Approx::Over);
        let over_40 = NumValue::exact(d("40")).with_approx(Approx::Over);
        assert!(!over_41.same_value(&over_40));
        assert!(over_40.same_value(&NumValue::exact(d("40")).with_more_suffix()));
        let shi_duo = NumValue::exact(d("10")).with_more_suffix();
        assert!(more_than_dozen.same_value(&shi_duo));
        let exact_500 = NumValue::exact(d("500"));
        assert!(!more_than_1000.same_value(&exact_500));
        assert_eq!(NumValue::exact(d("1500")).with_more_suffix().hi, d("1600"));
    }

    #[test]
    fn rounding_to_three_significant_digits_matches() {
        let en = NumValue::exact(d("19.93") * pow10(6)).with_quantum(d("19.93"), 6);
        let zh = NumValue::exact(d("1993.03") * pow10(4)).with_quantum(d("1993.03"), 4);
        assert!(en.same_value(&zh));
        // Two significant digits are too coarse to call a difference rounding.
        let two_bn = NumValue::exact(d("2") * pow10(9)).with_quantum(d("2"), 9);
        let zh25 = NumValue::exact(d("25") * pow10(8)).with_quantum(d("25"), 8);
        assert!(!two_bn.same_value(&zh25));
        // A scale slip is never a rounding.
        let wan = NumValue::exact(d("1539.385") * pow10(4)).with_quantum(d("1539.385"), 4);
        let yi = NumValue::exact(d("153.9385") * pow10(9)).with_quantum(d("153.9385"), 9);
        assert!(!wan.same_value(&yi));
        let off = NumValue::exact(d("19.94") * pow10(6)).with_quantum(d("19.94"), 6);
        assert!(!off.same_value(&zh));
    }

    #[test]
    fn fractions_compare_exactly() {
        let a = NumValue::fraction(d("2"), d("3")).unwrap();
        let b = NumValue::fraction(d("4"), d("6")).unwrap();
        let c = NumValue::fraction(d("3"), d("4")).unwrap();
        assert!(a.same_value(&b));
        assert!(!a.same_value(&c));
        assert!(NumValue::fraction(d("1"), d("0")).is_none());
    }

    #[test]
    fn parse_decimal_forms() {
        assert_eq!(parse_decimal("1,750"), Some(d("1750")));
        assert_eq!(parse_decimal("1\u{a0}000"), Some(d("1000")));
        assert_eq!(parse_decimal("-9.5"), Some(d("-9.5")));
        assert_eq!(parse_decimal("+3"), Some(d("3")));
        assert_eq!(parse_decimal(""), None);
        assert_eq!(parse_decimal("99999999999999999999999999999999999"), None);
    }
}
