//! Generated documentation stays current.

use std::path::Path;

#[test]
fn rules_reference_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let on_disk = std::fs::read_to_string(&path).expect("docs/rules.md");
    assert!(
        on_disk == paracheck::check::codes::markdown(),
        "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}
