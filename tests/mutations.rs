//! Correct translations stay silent, and any single number or date changed by hand
//! on either side is caught. Runs on the bundled `fixtures/policy-brief.md` and,
//! when `../shared/seed/` exists beside the project, on the seed article.

mod common;

use paracheck::check::Checker;
use paracheck::check::codes::Rule;
use paracheck::extract::Strength;
use paracheck::extract::entity::EntityType;
use paracheck::finding::{Category, Severity};
use paracheck::gazetteer::Gazetteer;
use paracheck::input::{self, Format, Input, Item, LangChoice, Pair};
use paracheck::lang;
use regex::Regex;
use std::path::{Path, PathBuf};

fn pairs_and_unpaired(path: &Path) -> (Vec<Pair>, usize) {
    let input = Input::File {
        path: path.to_path_buf(),
        format: Format::Auto,
    };
    let (mut pairs, mut unpaired) = (Vec::new(), 0);
    for item in input::open(&input, LangChoice::default()).expect("opens") {
        match item.expect("reads") {
            Item::Pair(p) => pairs.push(p),
            Item::Unpaired(_) => unpaired += 1,
        }
    }
    (pairs, unpaired)
}

/// Number and date findings at warning or above.
fn quantity_findings(checker: &Checker, p: &Pair) -> Vec<String> {
    checker
        .check_pair(p)
        .into_iter()
        .filter(|f| {
            matches!(f.category(), Category::Number | Category::Date)
                && f.severity >= Severity::Warning
        })
        .map(|f| format!("{} {}", f.rule.code(), f.message))
        .collect()
}

/// Every hand edit of a number or date in a text: the last digit of each digit run
/// (not footnote markers or codes like G20), 万↔亿, million↔billion, the next
/// month name, 中旬→下旬, the next ordinal numeral after 第.
fn mutations(text: &str, chinese: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let digits = Regex::new(r"[0-9]+").unwrap();
    for m in digits.find_iter(text) {
        let before = text[..m.start()].chars().last();
        if before.is_some_and(|c| c.is_ascii_alphabetic()) {
            continue; // G20, COVID-19
        }
        if !chinese && m.as_str().len() <= 2 && before.is_some_and(|c| matches!(c, '.' | '”' | '"'))
        {
            continue; // a footnote marker
        }
        if m.start() == 0 && text[m.end()..].starts_with(". ") {
            continue; // a section number: `2. Energy` ↔ `二、能源`
        }
        let last = m.as_str().chars().last().unwrap().to_digit(10).unwrap();
        let new = format!(
            "{}{}{}",
            &text[..m.end() - 1],
            (last + 1) % 10,
            &text[m.end()..]
        );
        out.push((format!("digit {}", m.as_str()), new));
    }
    let swaps: &[(&str, &str)] = if chinese {
        &[
            ("亿", "万"),
            ("万", "亿"),
            ("中旬", "下旬"),
            ("第六", "第七"),
            ("第五", "第六"),
            // Counted things, discounts, ages and multiples (issue 10).
            ("三艘", "四艘"),
            ("两艘", "三艘"),
            ("五所", "六所"),
            ("八折", "七折"),
            ("八十多岁", "七十多岁"),
            ("的2倍", "的3倍"),
        ]
    } else {
        &[
            ("billion", "million"),
            ("million", "billion"),
            ("Three ", "Four "),
            ("two tugs", "three tugs"),
            ("five universities", "six universities"),
            ("eighties", "seventies"),
            ("tripled", "quadrupled"),
            ("double", "triple"),
            ("ninety-nine", "ninety-eight"),
        ]
    };
    for (from, to) in swaps {
        for (at, _) in text.match_indices(from) {
            let new = format!("{}{}{}", &text[..at], to, &text[at + from.len()..]);
            out.push((format!("{from}→{to}"), new));
        }
    }
    if !chinese {
        let months = [
            "January",
            "February",
            "March",
            "April",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        for (k, mo) in months.iter().enumerate() {
            for (at, _) in text.match_indices(mo) {
                let next = months[(k + 1) % months.len()];
                out.push((
                    format!("{mo}→{next}"),
                    format!("{}{}{}", &text[..at], next, &text[at + mo.len()..]),
                ));
            }
        }
    }
    out
}

fn check_document(path: &Path, expect_pairs: usize, expect_unpaired: usize) {
    let checker = Checker::default();
    let (pairs, unpaired) = pairs_and_unpaired(path);
    assert_eq!(
        (pairs.len(), unpaired),
        (expect_pairs, expect_unpaired),
        "{}",
        path.display()
    );
    let mut silent_failures = Vec::new();
    let mut missed = Vec::new();
    let mut total = 0;
    for p in &pairs {
        let f = quantity_findings(&checker, p);
        if !f.is_empty() {
            silent_failures.push(format!("pair {}: {f:?}", p.index));
        }
        for (side_is_target, text, chinese) in [
            (false, &p.source, p.source_lang.code() == "zh"),
            (true, &p.target, p.target_lang.code() == "zh"),
        ] {
            for (what, new) in mutations(text, chinese) {
                total += 1;
                let mut q = p.clone();
                if side_is_target {
                    q.target = new;
                } else {
                    q.source = new;
                }
                if quantity_findings(&checker, &q).is_empty() {
                    let side = if side_is_target { "target" } else { "source" };
                    let edited = if side_is_target { &q.target } else { &q.source };
                    missed.push(format!("pair {} {side} {what}: {edited}", p.index));
                }
            }
        }
    }
    assert!(
        silent_failures.is_empty(),
        "{}: a correct translation was flagged:\n{}",
        path.display(),
        silent_failures.join("\n")
    );
    assert!(
        missed.is_empty(),
        "{}: {} of {total} hand edits went unnoticed:\n{}",
        path.display(),
        missed.len(),
        missed.join("\n")
    );
    assert!(total > 50, "too few mutations ({total})");
    eprintln!("{}: {total} hand edits, every one caught", path.display());
}

#[test]
fn bundled_brief_is_silent_and_every_edit_is_caught() {
    check_document(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/policy-brief.md"),
        8,
        3,
    );
}

#[test]
fn machine_translation_forms_are_silent_and_every_edit_is_caught() {
    check_document(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/mt-forms.md"),
        8,
        0,
    );
}

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/seed is not beside the project");
        None
    }
}

#[test]
fn seed_article_is_silent_and_every_edit_is_caught() {
    let Some(dir) = shared() else { return };
    check_document(&dir.join("000_a99887a930e7fcc5.txt"), 27, 7);
}

#[test]
fn seed_pairs_tsv_is_silent() {
    let Some(dir) = shared() else { return };
    let checker = Checker::default();
    let (pairs, _) = pairs_and_unpaired(&dir.join("seed_pairs.tsv"));
    assert_eq!(pairs.len(), 27);
    for p in &pairs {
        assert!(
            checker.check_pair(p).is_empty(),
            "pair {}: {:?}",
            p.index,
            checker.check_pair(p)
        );
    }
}

/// Replacements by entity type and language: a name of the same type that the
/// bundled texts do not mention.
fn replacement(etype: EntityType, chinese: bool, text: &str) -> Option<&'static str> {
    let options: &[(&str, &str)] = match etype {
        EntityType::Country => &[("Brazil", "巴西"), ("Norway", "挪威")],
        EntityType::Person => &[("Angela Merkel", "默克尔"), ("Justin Trudeau", "特鲁多")],
        EntityType::Org => &[("OPEC", "欧佩克"), ("African Union", "非洲联盟")],
        _ => return None,
    };
    options
        .iter()
        .map(|(en, zh)| if chinese { *zh } else { *en })
        .find(|r| !text.contains(r))
}

/// Swapping a country, person or organisation name of a pair (on either side,
/// outside amounts) for another name of the same type. When the replaced name is the only
/// mention of its entity on that side, the swap must be an entity-substitution
/// error. When the entity is named again elsewhere on that side, the swap must
/// still be reported at the inserted name: as a substitution when the counts
/// of the replaced entity now differ between the sides, else as a missing or
/// extra name (a repeated name is as often dropped or added by translators as
/// swapped, so that is all the pair shows).
fn check_entity_swaps(path: &Path) {
    let checker = Checker::default();
    let gazetteer = Gazetteer::bundled();
    let (pairs, _) = pairs_and_unpaired(path);
    let mut missed = Vec::new();
    let (mut unique, mut repeated, mut repeated_as_swap) = (0, 0, 0);
    for p in &pairs {
        for target_side in [false, true] {
            let (lang, text) = if target_side {
                (p.target_lang, &p.target)
            } else {
                (p.source_lang, &p.source)
            };
            let chinese = lang.code() == "zh";
            let names = lang::extract_names(lang, text, gazetteer);
            let quantities = lang::extract_quantities(lang, text);
            for m in &names {
                let Some(e) = m.entity() else { continue };
                // A name inside an amount (`U.S. dollars`) is its currency: the number
                // rules check it.
                let in_amount = quantities
                    .iter()
                    .any(|q| q.start < m.end && m.start < q.end);
                if m.strength != Strength::Strong || in_amount {
                    continue;
                }
                let Some(r) = replacement(e.etype, chinese, &format!("{} {}", p.source, p.target))
                else {
                    continue;
                };
                let occurrences = names
                    .iter()
                    .filter(|o| {
                        o.entity()
                            .is_some_and(|oe| oe.keys.iter().any(|k| e.keys.contains(k)))
                    })
                    .count();
                // Mentions hold byte spans; findings report character offsets.
                let swapped = format!("{}{r}{}", &text[..m.start], &text[m.end..]);
                let char_start = text[..m.start].chars().count();
                let mut q = p.clone();
                if target_side {
                    q.target = swapped;
                } else {
                    q.source = swapped;
                }
                let findings = checker.check_pair(&q);
                let at_inserted = |f: &&paracheck::finding::Finding| {
                    let span = if target_side { &f.target } else { &f.source };
                    f.category() == Category::Entity
                        && span
                            .as_ref()
                            .is_some_and(|s| s.start == char_start && s.text == r)
                };
                let swap = findings
                    .iter()
                    .filter(at_inserted)
                    .any(|f| f.rule == Rule::EntitySubstitution && f.severity == Severity::Error);
                let reported = findings.iter().any(|f| at_inserted(&f));
                let ok = if occurrences == 1 {
                    unique += 1;
                    swap
                } else {
                    repeated += 1;
                    repeated_as_swap += usize::from(swap);
                    reported
                };
                if !ok {
                    missed.push(format!(
                        "pair {} {} \"{}\" ({occurrences}×) → {r}: {:?}\n    {}\n    {}",
                        p.index,
                        if target_side { "target" } else { "source" },
                        m.text,
                        findings.iter().map(|f| &f.message).collect::<Vec<_>>(),
                        q.source,
                        q.target
                    ));
                }
            }
        }
    }
    eprintln!(
        "{}: {unique} swaps of a name named once, {repeated} of a repeated name \
         ({repeated_as_swap} of them reported as substitutions)",
        path.display()
    );
    assert!(unique >= 5, "too few swaps of names named once ({unique})");
    assert!(
        missed.is_empty(),
        "{}: {} of {} name swaps went unnoticed:\n{}",
        path.display(),
        missed.len(),
        unique + repeated,
        missed.join("\n")
    );
}

#[test]
fn bundled_brief_name_swaps_are_errors() {
    check_entity_swaps(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/policy-brief.md"));
}

#[test]
fn seed_article_name_swaps_are_errors() {
    let Some(dir) = shared() else { return };
    check_entity_swaps(&dir.join("000_a99887a930e7fcc5.txt"));
}

/// Sentences of our own, each naming a person outside the lists (found by form
/// on the Chinese side, by its romanization on the English side) and a city:
/// (Chinese, English, person zh, person en, city zh, city en).
const NAMED: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "据记者周海涛报道，芝加哥的新机场昨天正式启用。",
        "According to the reporter Zhou Haitao, the new airport in Chicago officially opened yesterday.",
        "周海涛",
        "Zhou Haitao",
        "芝加哥",
        "Chicago",
    ),
    (
        "教授李明华上周在墨尔本发表了一场演讲。",
        "Professor Li Minghua gave a speech in Melbourne last week.",
        "李明华",
        "Li Minghua",
        "墨尔本",
        "Melbourne",
    ),
    (
        "工程师张卫国说，曼彻斯特的工厂将扩建。",
        "The engineer Zhang Weiguo said that the factory in Manchester would be expanded.",
        "张卫国",
        "Zhang Weiguo",
        "曼彻斯特",
        "Manchester",
    ),
    (
        "律师何莹表示，她下个月将前往成都。",
        "The lawyer He Ying said that she would travel to Chengdu next month.",
        "何莹",
        "He Ying",
        "成都",
        "Chengdu",
    ),
];

/// Replacements: another person (a different surname), another city.
const OTHER_PERSON: (&str, &str) = ("王建国", "Wang Jianguo");
const OTHER_CITY: (&str, &str) = ("休斯敦", "Houston");
/// A two-character Chinese city, sure where it stands as a place word.
const OTHER_CITY_TWO: (&str, &str) = ("杭州", "Hangzhou");

fn named_pair(source: &str, target: &str, zh_source: bool) -> Pair {
    common::en_zh_pair(source, target, zh_source, "mutations")
}

/// Asserts that the correct pair `s`, `t` has no entity finding.
fn assert_no_entity_finding(checker: &Checker, s: &str, t: &str, zh_source: bool) {
    let clean = checker.check_pair(&named_pair(s, t, zh_source));
    assert!(
        clean.iter().all(|f| f.category() != Category::Entity),
        "{s} | {t}: {:?}",
        clean.iter().map(|f| &f.message).collect::<Vec<_>>()
    );
}

/// Swapping the person or the city of a correct pair for another, on either
/// side and in both directions: the correct pairs are silent, and every swap is
/// an entity-substitution error (`He Ying` included: its surname is also the
/// pronoun `He`).
#[test]
fn person_and_city_swaps_in_both_directions_are_errors() {
    let checker = Checker::default();
    let mut missed = Vec::new();
    let mut swaps = 0;
    for &(zh, en, pzh, pen, czh, cen) in NAMED {
        for zh_source in [true, false] {
            let (s, t) = if zh_source { (zh, en) } else { (en, zh) };
            assert_no_entity_finding(&checker, s, t, zh_source);
            for (from_zh, from_en, to) in [
                (pzh, pen, OTHER_PERSON),
                (czh, cen, OTHER_CITY),
                (czh, cen, OTHER_CITY_TWO),
            ] {
                for on_source in [true, false] {
                    let side_zh = on_source == zh_source;
                    let (from, to) = if side_zh {
                        (from_zh, to.0)
                    } else {
                        (from_en, to.1)
                    };
                    let (mut s2, mut t2) = (s.to_string(), t.to_string());
                    if on_source {
                        s2 = s2.replace(from, to);
                    } else {
                        t2 = t2.replace(from, to);
                    }
                    swaps += 1;
                    let found = checker.check_pair(&named_pair(&s2, &t2, zh_source));
                    let error = found.iter().any(|f| {
                        f.rule == Rule::EntitySubstitution && f.severity == Severity::Error
                    });
                    if !error {
                        missed.push(format!(
                            "{s2} | {t2}: {:?}",
                            found.iter().map(|f| &f.message).collect::<Vec<_>>()
                        ));
                    }
                }
            }
        }
    }
    eprintln!("{swaps} person and city swaps, {} missed", missed.len());
    assert!(
        missed.is_empty(),
        "{} of {swaps} swaps not reported as they should be:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

/// Sentences of our own with a country named by a one-character abbreviation in
/// a context that makes it sure (a compound before a relation or a joint body, a
/// verb of travel): (Chinese, English, abbreviation, its country in English).
const ABBREVIATED: &[(&str, &str, &str, &str)] = &[
    (
        "日中经济协会明年将扩大会员规模。",
        "The Japan-China Economic Association will expand its membership next year.",
        "日",
        "Japan",
    ),
    (
        "两国外长讨论了中俄边境的基础设施建设。",
        "The two foreign ministers discussed infrastructure on the China-Russia border.",
        "俄",
        "Russia",
    ),
    (
        "她计划今年秋天赴美攻读博士学位。",
        "She plans to go to the United States this autumn to study for a doctorate.",
        "美",
        "the United States",
    ),
];

/// Replacement: another country, as an abbreviation and in English.
const OTHER_COUNTRY: (&str, &str) = ("韩", "South Korea");

/// Swapping the abbreviated country of a correct pair for another, on either side
/// and in both directions: the correct pairs are silent and every swap is an
/// entity-substitution error.
#[test]
fn abbreviated_country_swaps_in_both_directions_are_errors() {
    let checker = Checker::default();
    let mut missed = Vec::new();
    let mut swaps = 0;
    for &(zh, en, azh, aen) in ABBREVIATED {
        for zh_source in [true, false] {
            let (s, t) = if zh_source { (zh, en) } else { (en, zh) };
            assert_no_entity_finding(&checker, s, t, zh_source);
            for on_source in [true, false] {
                let (from, to) = if on_source == zh_source {
                    (azh, OTHER_COUNTRY.0)
                } else {
                    (aen, OTHER_COUNTRY.1)
                };
                let (mut s2, mut t2) = (s.to_string(), t.to_string());
                if on_source {
                    s2 = s2.replacen(from, to, 1);
                } else {
                    t2 = t2.replacen(from, to, 1);
                }
                swaps += 1;
                let found = checker.check_pair(&named_pair(&s2, &t2, zh_source));
                if !found
                    .iter()
                    .any(|f| f.rule == Rule::EntitySubstitution && f.severity == Severity::Error)
                {
                    missed.push(format!(
                        "{s2} | {t2}: {:?}",
                        found.iter().map(|f| &f.message).collect::<Vec<_>>()
                    ));
                }
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} of {swaps} abbreviation swaps not reported as substitutions:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

/// An organisation named by its form only (`杉杉股份`, `Shanshan Holdings`), which
/// the other side replaces by an organisation of the lists (`Huawei`, `路透社`): the
/// extra name is a warning, in both directions. Without the form-named
/// organisation, the same extra name stays a note (an explicitation).
#[test]
fn organisation_named_by_form_replaced_is_a_warning_in_both_directions() {
    let checker = Checker::default();
    let cases = [
        (
            "公司去年利润增长了两成，杉杉股份在公告中称。",
            "The company's profit rose by 20% last year, Shanshan Holdings said in an announcement.",
            "The company's profit rose by 20% last year, Huawei said in an announcement.",
            true,
        ),
        (
            "The company's profit rose by 20% last year, Shanshan Holdings said in an announcement.",
            "公司去年利润增长了两成，杉杉控股在公告中称。",
            "公司去年利润增长了两成，路透社在报道中称。",
            false,
        ),
    ];
    for (source, good, bad, zh_source) in cases {
        let clean = checker.check_pair(&named_pair(source, good, zh_source));
        assert!(clean.is_empty(), "{source} | {good}: {clean:?}");
        let found = checker.check_pair(&named_pair(source, bad, zh_source));
        assert!(
            found
                .iter()
                .any(|f| f.rule == Rule::EntityExtra && f.severity == Severity::Warning),
            "{source} | {bad}: {:?}",
            found.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
        // The same extra name beside a source that names no organisation.
        let plain = if zh_source {
            "公司去年利润增长了两成，公告称。"
        } else {
            "The company's profit rose by 20% last year, the group said in an announcement."
        };
        let note = checker.check_pair(&named_pair(plain, bad, zh_source));
        assert!(
            note.iter()
                .all(|f| f.rule != Rule::EntityExtra || f.severity == Severity::Info),
            "{plain} | {bad}: {:?}",
            note.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
    }
}
