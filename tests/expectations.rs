//! Fixture expectations: in `fixtures/numbers/*.tsv` and `fixtures/dates/*.tsv`
//! every pair's id says what paracheck must report for it: `ok-…` nothing at all,
//! `N001-…` (any rule code) exactly that rule once, `N001+D001-…` those rules.
//! Correct translations must stay silent; every slip must be caught by its rule.

use paracheck::check::Checker;
use paracheck::input::{self, Format, Input, Item, LangChoice};
use std::path::{Path, PathBuf};

fn fixture_files(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(dir);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no fixtures in {}", root.display());
    v
}

/// The rule codes an id asks for: `N001-scale` → ["N001"], `ok-x` → [].
fn expected(id: &str) -> Vec<String> {
    let head = id.split('-').next().unwrap_or("");
    if head == "ok" {
        return Vec::new();
    }
    let mut v: Vec<String> = head.split('+').map(str::to_string).collect();
    v.sort();
    v
}

fn run_dir(dir: &str) {
    let checker = Checker::default();
    let mut failures = Vec::new();
    let mut pairs = 0;
    for path in fixture_files(dir) {
        let input = Input::File {
            path: path.clone(),
            format: Format::Tsv,
        };
        for item in input::open(&input, LangChoice::default()).expect("fixture opens") {
            let Item::Pair(p) = item.expect("fixture reads") else {
                continue;
            };
            pairs += 1;
            let id = p.id.clone().expect("fixtures have ids");
            let mut got: Vec<String> = checker
                .check_pair(&p)
                .iter()
                .map(|f| f.rule.code().to_string())
                .collect();
            got.sort();
            let want = expected(&id);
            if got != want {
                let msgs: Vec<String> = checker
                    .check_pair(&p)
                    .iter()
                    .map(|f| format!("{} {}", f.rule.code(), f.message))
                    .collect();
                failures.push(format!(
                    "{}:{} [{id}] want {want:?} got {got:?}\n      {}",
                    path.display(),
                    p.location.source_line,
                    msgs.join("\n      ")
                ));
            }
        }
    }
    assert!(pairs > 20, "too few fixture pairs in {dir}");
    assert!(
        failures.is_empty(),
        "{} of {pairs} fixture pairs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn number_fixtures() {
    run_dir("numbers");
}

#[test]
fn date_fixtures() {
    run_dir("dates");
}

#[test]
fn entity_fixtures() {
    run_dir("entities");
}
