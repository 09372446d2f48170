//! The whole check of one pair: the first byte picks the direction and options,
//! a NUL byte separates the source from the target.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paracheck::check::{Checker, DateOrder, Options};

#[path = "common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let (s, t) = match rest.iter().position(|&b| b == 0) {
        Some(k) => (&rest[..k], &rest[k + 1..]),
        None => (rest, &rest[rest.len()..]),
    };
    let p = common::pair(common::text(s), common::text(t), flags & 1 == 1);
    let options = Options {
        date_order: match (flags >> 1) & 3 {
            1 => Some(DateOrder::Mdy),
            2 => Some(DateOrder::Dmy),
            _ => None,
        },
        ..Options::default()
    };
    let findings = Checker::new(options).check_pair(&p);
    common::check_findings(&p, &findings);
});
