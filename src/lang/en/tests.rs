//! English extraction, case by case. Each case lists every mention expected in the
//! text as `kind:value` (the value as messages show it), in order.

use super::English;
use crate::extract::Strength;
use crate::lang::extract_quantities;

fn found(text: &str) -> Vec<String> {
    extract_quantities(&English, text)
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
fn digits_separators_and_signs() {
    check(&[
        ("received 1,750 drones", &["number:1750"]),
        ("a rise of 9.5 percent", &["percent:9.5%"]),
        ("about 1\u{202f}000 tonnes", &["quantity:~1000 t"]),
        ("some 2 000 copies", &["number:~2000"]),
        ("received １，７５０ drones", &["number:1750"]),
        ("the index moved -3.5 points", &["quantity:-3.5 point"]),
        ("the index closed at -3.5.", &["number:-3.5"]),
    ]);
}

#[test]
fn scale_words_and_money() {
    check(&[
        (
            "reached 153.9385 billion U.S. dollars",
            &["money:153938500000 USD"],
        ),
        ("47 million tons of coal", &["quantity:47000000 t"]),
        ("invest $40 billion in oil", &["money:40000000000 USD"]),
        (
            "a $3bn deal and £125m",
            &["money:3000000000 USD", "money:125000000 GBP"],
        ),
        ("2 trillion yuan", &["money:2000000000000 CNY"]),
        ("€3.1billion", &["money:3100000000 EUR"]),
        ("27 billion cubic meters", &["quantity:27000000000 m3"]),
        ("10k followers", &["number:10000"]),
    ]);
}

#[test]
fn number_words() {
    check(&[
        ("nine members", &["number:9"]),
        ("twenty-one states", &["number:21"]),
        ("a dozen agreements", &["number:12"]),
        ("two hundred and fifty delegates", &["number:250"]),
        ("a hundred thousand years", &["quantity:100000 year"]),
        ("two and a half million parts", &["number:2500000"]),
        ("half a million people", &["quantity:500000 person"]),
        ("the past two decades", &["quantity:20 year"]),
    ]);
}

#[test]
fn fractions_percentages_and_points() {
    check(&[
        ("reduce 2/3 of imports", &["fraction:2/3"]),
        ("two-thirds of the vote", &["fraction:2/3"]),
        ("one in five children", &["fraction:1/5"]),
        ("90 percent of imports", &["percent:90%"]),
        ("90% of imports", &["percent:90%"]),
        ("ninety per cent", &["percent:90%"]),
        ("up 2 percentage points", &["percent:2 pp"]),
        ("up to 2 percent", &["percent:<2%"]),
    ]);
}

#[test]
fn ordinals() {
    check(&[
        ("the Sixth Caspian Sea Summit", &["ordinal:6"]),
        ("the 11th session", &["ordinal:11"]),
        ("the Eleventh Emergency Special Session", &["ordinal:11"]),
        ("the twenty-first century", &["ordinal:21"]),
    ]);
    // Discourse ordinals and `first` are weak: never reported on their own.
    let ms = extract_quantities(&English, "First, it advocates restraint.");
    assert_eq!(ms.len(), 1);
    assert_eq!(ms[0].strength, Strength::Weak);
}

#[test]
fn ranges_and_approximations() {
    check(&[
        (
            "may reach 165 billion to 170 billion U.S. dollars",
            &["money:165000000000 USD", "money:170000000000 USD"],
        ),
        (
            "between 165 and 170 billion dollars",
            &["money:165000000000 USD", "money:170000000000 USD"],
        ),
        ("3 to 5 years", &["quantity:3 year", "quantity:5 year"]),
        ("More than 1,000 companies", &["number:>1000"]),
        ("nearly 30 years", &["quantity:<30 year"]),
        ("about 100 people", &["quantity:~100 person"]),
        ("1,000-plus firms", &["number:>1000"]),
        ("more than a dozen declarations", &["number:>12"]),
    ]);
}

#[test]
fn things_that_are_not_quantities() {
    check(&[
        // Footnote markers glued to the end of a sentence.
        (
            "integrity of Ukraine.”1 On October 12, the",
            &["date:XXXX-10-12"],
        ),
        ("reparations to Ukraine.3", &[]),
        // List and section numbers.
        ("1. The Large-Scale Deterioration", &[]),
        // Codes and names holding digits.
        ("the G20 and COVID-19 and ISO 9001 and F-16", &[]),
        ("GB/T 13000 and 0x81", &[]),
        // A quotation mark opening a title is not a footnote marker.
        ("told \"60 Minutes\" that", &["number:60"]),
    ]);
}

#[test]
fn dates() {
    check(&[
        ("On March 2, 2022, the assembly", &["date:2022-03-02"]),
        ("on 2 March 2022", &["date:2022-03-02"]),
        ("on Mar. 2 it met", &["date:XXXX-03-02"]),
        ("dated 2022-03-02", &["date:2022-03-02"]),
        ("in June 2022", &["date:2022-06"]),
        ("in 2022", &["date:2022"]),
        ("by 2027.", &["date:2027"]),
        ("in the 1990s", &["date_range:199X"]),
        ("in mid-January 2022", &["date_range:mid 2022-01"]),
        ("the end of October 2022", &["date_range:end 2022-10"]),
        ("early 2022", &["date_range:early 2022"]),
        (
            "the first nine months of 2022",
            &["date_range:2022-01/2022-09"],
        ),
        ("Q3 2022", &["date_range:2022-Q3"]),
        ("the third quarter", &["date_range:XXXX-Q3"]),
        ("last July", &["date:XXXX-07 (last year)"]),
        ("on Monday", &["date:XXXX-WXX-1"]),
        ("at 7:45 p.m.", &["date:T19:45"]),
        ("at 7.55am", &["date:T07:55"]),
        ("a quarter past eight", &["date:T08:15"]),
        ("October last year", &["date:XXXX-10 (last year)"]),
    ]);
}

#[test]
fn ambiguous_and_invalid_dates() {
    let ms = extract_quantities(&English, "signed on 03/02/2022 and 13/02/2022");
    let d: Vec<_> = ms.iter().filter_map(|m| m.date()).collect();
    assert_eq!(d.len(), 2);
    assert!(d[0].ambiguous, "03/02 could be either way round");
    assert!(!d[1].ambiguous && d[1].month == Some(2) && d[1].day == Some(13));
    let feb30 = extract_quantities(&English, "on February 30, 2022");
    assert!(feb30[0].date().unwrap().invalid);
}

#[test]
fn dates_share_and_inherit_years() {
    check(&[
        (
            "on March 2, October 12, and November 14, 2022",
            &["date:2022-03-02", "date:2022-10-12", "date:2022-11-14"],
        ),
        (
            "in June and November 2022",
            &["date:2022-06", "date:2022-11"],
        ),
        (
            "In June 2022 it met. In September it met again.",
            &["date:2022-06", "date:2022-09"],
        ),
    ]);
    let ms = extract_quantities(&English, "In June 2022 it met. In September it met again.");
    assert!(ms[1].date().unwrap().year_inherited);
}

#[test]
fn may_and_march_as_verbs() {
    check(&[
        ("Prices may rise", &[]),
        ("the protesters march on", &[]),
        ("in May the talks resumed", &["date:XXXX-05"]),
    ]);
}

#[test]
fn names_with_accented_letters_are_whole_words() {
    let g = crate::gazetteer::Gazetteer::bundled();
    let text = "Talks in Kraków with Łukasz Nowak, then Dvořák in Brno; Türkiye agreed.";
    let folded = crate::text::Folded::new(text);
    let names: Vec<&str> = crate::lang::names(&English, &folded, g)
        .iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(
        names,
        ["Kraków", "Łukasz Nowak", "Dvořák", "Brno", "Türkiye"]
    );
}
