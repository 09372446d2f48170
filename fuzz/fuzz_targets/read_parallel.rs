//! Two line-aligned files: the source, a NUL byte, the target.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (s, t) = match data.iter().position(|&b| b == 0) {
        Some(k) => (&data[..k], &data[k + 1..]),
        None => (data, &data[data.len()..]),
    };
    let opts = common::read_options();
    if let Ok(items) = paracheck::input::read_parallel_bytes(s, t, common::langs(data), &opts) {
        common::drain(items);
    }
});
