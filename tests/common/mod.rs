//! Helpers shared by the integration tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// An English–Chinese pair, Chinese first when `zh_first`, located in `file` at
/// line 1: the pair the property, mutation and work-count tests build.
pub fn en_zh_pair(
    source: impl Into<String>,
    target: impl Into<String>,
    zh_first: bool,
    file: &str,
) -> paracheck::input::Pair {
    let (en, zh) = (
        paracheck::lang::by_code("en").unwrap(),
        paracheck::lang::by_code("zh").unwrap(),
    );
    let (source_lang, target_lang) = if zh_first { (zh, en) } else { (en, zh) };
    paracheck::input::Pair {
        index: 0,
        id: None,
        source: source.into(),
        target: target.into(),
        location: paracheck::input::Location {
            file: file.into(),
            source_line: 1,
            target_line: 1,
        },
        source_lang,
        target_lang,
    }
}

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the project root.
pub fn paracheck() -> Command {
    let mut c = Command::cargo_bin("paracheck").expect("binary");
    c.current_dir(root());
    c
}

/// Runs the binary; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    run_in(root(), args)
}

/// Runs the binary in `dir`; returns (exit code, stdout, stderr).
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    // Reports depend on these (width, colour); tests that need them set them.
    let out = Command::cargo_bin("paracheck")
        .expect("binary")
        .current_dir(dir)
        .args(args)
        .env_remove("COLUMNS")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .output()
        .expect("runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

/// Compares `actual` with the file at `path` (relative to the project root); with
/// the environment variable `update_var` set, rewrites the file instead.
pub fn compare_file(path: &str, actual: &str, update_var: &str, command: &str) {
    let full: PathBuf = root().join(path);
    if std::env::var_os(update_var).is_some() {
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(&full, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&full).unwrap_or_default();
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{path} is stale (first difference at line {}):\n  expected: {:?}\n  actual:   {:?}\nrun `{command}` to update it, and review the diff",
            line + 1,
            expected.lines().nth(line).unwrap_or("<end of file>"),
            actual.lines().nth(line).unwrap_or("<end of file>"),
        );
    }
}
