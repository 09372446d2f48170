//! TBX glossaries: whatever the XML holds (entities, DTDs, nesting), the reader
//! ends with terms or an error, never with text from outside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paracheck::glossary::Glossary;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = paracheck::limits::read_text(data, 1 << 20) else {
        return;
    };
    if let Ok(entries) = Glossary::parse(Path::new("terms.tbx"), &text) {
        for e in &entries {
            for t in &e.terms {
                assert!(!t.text.trim().is_empty());
            }
        }
        let _ = Glossary::from_entries(entries).index();
    }
});
