//! The csv reader on any bytes (the first byte picks `--columns`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::read(paracheck::input::Format::Csv, "input.csv", data);
});
