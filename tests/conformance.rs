//! CAT-file conformance: every file of `../shared/conformance/{xliff,tmx}/*/` read as
//! its `MANIFEST.tsv` says. A well-formed file lists the manifest's unit count
//! (pairs plus units skipped for `translate="no"`); a malformed one ends with
//! status 2 and a message naming the file, line and column, never a panic.
//! Skips when `../shared` is absent.

mod common;

use std::path::Path;

fn manifests() -> Option<Vec<std::path::PathBuf>> {
    let base = common::root().join("../shared/conformance");
    if !base.is_dir() {
        eprintln!("skipping: ../shared/conformance is not beside the project");
        return None;
    }
    let mut out = Vec::new();
    for kind in ["xliff", "tmx"] {
        let Ok(dirs) = std::fs::read_dir(base.join(kind)) else {
            continue;
        };
        for d in dirs.flatten() {
            let m = d.path().join("MANIFEST.tsv");
            if m.is_file() {
                out.push(m);
            }
        }
    }
    out.sort();
    Some(out)
}

/// Pairs listed and units skipped, from `paracheck pairs`.
fn read(file: &Path) -> (i32, usize, usize, String) {
    let (code, out, err) = common::run(&["pairs", "--format", "jsonl", file.to_str().unwrap()]);
    let pairs = out.lines().count();
    let skipped = err
        .split(", ")
        .find_map(|p| {
            p.strip_suffix(" skipped (translate=\"no\")\n")
                .or(p.strip_suffix(" skipped (translate=\"no\")"))
        })
        .and_then(|p| p.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (code, pairs, skipped, err)
}

#[test]
fn cat_files_read_as_their_manifests_say() {
    let Some(manifests) = manifests() else { return };
    let (mut good, mut bad, mut total) = (0, 0, 0);
    let mut failures = Vec::new();
    for m in &manifests {
        let dir = m.parent().unwrap();
        let text = std::fs::read_to_string(m).unwrap();
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
        let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
        let (path_c, units_c, wf_c) = (col("path"), col("units"), col("wellformed"));
        for line in lines.filter(|l| !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            let file = dir.join(f[path_c]);
            if !file.is_file() {
                continue;
            }
            total += 1;
            let (code, pairs, skipped, err) = read(&file);
            assert!(
                !err.contains("panicked"),
                "{}: panic: {err}",
                file.display()
            );
            if f[wf_c] == "yes" {
                let want: usize = f[units_c].parse().unwrap();
                if code == 0 && pairs + skipped == want {
                    good += 1;
                } else {
                    failures.push(format!(
                        "{}: expected {want} units, read {pairs} pairs + {skipped} skipped (exit {code}) {}",
                        file.display(),
                        err.trim()
                    ));
                }
            } else {
                // Malformed: status 2 and file:line:column.
                let name = file.display().to_string();
                let located = err.contains(&format!("{name}:")) && err.matches(':').count() >= 3;
                if code == 2 && located {
                    bad += 1;
                } else {
                    failures.push(format!("{name}: malformed but exit {code}: {}", err.trim()));
                }
            }
        }
    }
    eprintln!(
        "conformance: {total} files, {good} well-formed read with their unit counts, {bad} malformed refused"
    );
    assert!(total > 0, "no conformance file found");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
