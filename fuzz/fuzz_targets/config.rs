//! Configuration files: parsed, then every table resolved (rules, patterns, JSONL
//! field names, limits). Odd first bytes read the text as a pyproject.toml.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paracheck::config::Loaded;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = paracheck::limits::read_text(rest, 1 << 20) else {
        return;
    };
    let name = if first % 2 == 1 { "pyproject.toml" } else { "paracheck.toml" };
    let Ok(l) = Loaded::parse(Path::new(name), text) else {
        return;
    };
    let _ = l.levels();
    let _ = l.select();
    let _ = l.ignore();
    let _ = l.patterns();
    let _ = l.jsonl();
    let _ = l.limits();
});
