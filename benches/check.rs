//! Micro-benchmarks: extraction and checking of one pair, per language and direction.
//! Run with `cargo bench --bench check`. For whole-corpus throughput against the peer
//! tools, see `benches/throughput.sh` and docs/measurements.md.

use paracheck::check::Checker;
use paracheck::input::{self, Format, Input, Item, LangChoice, Pair};
use paracheck::lang;
use std::path::Path;

fn main() {
    divan::main();
}

fn brief_pairs() -> Vec<Pair> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/policy-brief.md");
    let input = Input::File {
        path,
        format: Format::Text,
    };
    input::open(&input, LangChoice::default())
        .expect("fixture opens")
        .filter_map(|i| match i.expect("fixture reads") {
            Item::Pair(p) => Some(p),
            Item::Unpaired(_) => None,
        })
        .collect()
}

#[divan::bench]
fn extract_english(bencher: divan::Bencher) {
    let pairs = brief_pairs();
    let en = lang::by_code("en").unwrap();
    bencher.bench(|| {
        for p in &pairs {
            divan::black_box(lang::extract_quantities(en, &p.source));
        }
    });
}

#[divan::bench]
fn extract_chinese(bencher: divan::Bencher) {
    let pairs = brief_pairs();
    let zh = lang::by_code("zh").unwrap();
    bencher.bench(|| {
        for p in &pairs {
            divan::black_box(lang::extract_quantities(zh, &p.target));
        }
    });
}

#[divan::bench]
fn check_pairs(bencher: divan::Bencher) {
    let pairs = brief_pairs();
    let checker = Checker::default();
    bencher.bench(|| {
        for p in &pairs {
            divan::black_box(checker.check_pair(p));
        }
    });
}
