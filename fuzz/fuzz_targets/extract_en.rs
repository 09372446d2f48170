//! The English extractors (numbers, dates, names) on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::extract("en", data);
});
