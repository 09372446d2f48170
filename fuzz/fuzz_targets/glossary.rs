//! CSV and TSV glossaries (an even first byte: CSV, odd: TSV); the terms read are
//! compiled into the automata the glossary check uses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paracheck::glossary::Glossary;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = paracheck::limits::read_text(rest, 1 << 20) else {
        return;
    };
    let name = if first % 2 == 1 { "terms.tsv" } else { "terms.csv" };
    if let Ok(entries) = Glossary::parse(Path::new(name), &text) {
        for e in &entries {
            assert!(e.terms.iter().all(|t| !t.text.trim().is_empty()));
        }
        let _ = Glossary::from_entries(entries).index();
    }
});
