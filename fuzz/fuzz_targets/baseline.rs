//! Baseline files: parsed, then applied to findings with their fingerprints.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = paracheck::limits::read_text(data, 1 << 20) else {
        return;
    };
    if let Ok(b) = paracheck::baseline::parse("baseline.json", &text) {
        let fps: Vec<String> = b.entries.iter().map(|e| e.fingerprint.clone()).collect();
        let mut s = paracheck::baseline::Suppressor::new(b);
        for f in &fps {
            assert!(!s.keep(f), "each entry leaves out one finding");
        }
        let info = s.finish();
        assert!(info.stale.is_empty());
    }
});
