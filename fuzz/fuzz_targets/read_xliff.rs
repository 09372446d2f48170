//! The XLIFF reader on any bytes (quick-xml underneath: inline codes, encodings,
//! DTDs and entities refused).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::read(paracheck::input::Format::Xliff, "input.xlf", data);
});
