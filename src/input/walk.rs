//! `paracheck check DIR`: the supported files under a directory, in sorted path
//! order, skipping what `.gitignore` (and `.ignore`, and git's global excludes)
//! ignore and hidden files, as ripgrep does.

use super::Format;
use std::path::{Path, PathBuf};

/// The extensions a directory walk picks up (interleaved text, `.txt` and `.md`,
/// only with `--input-format text`: any prose file would be taken for one).
pub const EXTENSIONS: &[&str] = &[
    "tsv", "tab", "csv", "jsonl", "ndjson", "tmx", "xlf", "xliff", "sdlxliff", "mqxliff", "mxliff",
];

/// The extensions as messages show them.
pub const EXTENSIONS_SHOWN: &str =
    ".tsv, .tab, .csv, .jsonl, .ndjson, .tmx, .xlf, .xliff, .sdlxliff, .mqxliff, .mxliff";

fn wanted(path: &Path, format: Format) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match format {
        Format::Auto => EXTENSIONS.contains(&ext.as_str()),
        // A format given picks the files of its extensions (and text any file).
        f => Format::for_path(path) == f,
    }
}

/// The files under `dir` to check, sorted by path.
pub fn files(dir: &Path, format: Format) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(true)
        .require_git(false)
        .build();
    for entry in walker {
        let entry =
            entry.map_err(|e| format!("{}: cannot walk the directory: {e}", dir.display()))?;
        if entry.file_type().is_some_and(|t| t.is_file()) && wanted(entry.path(), format) {
            out.push(entry.into_path());
        }
    }
    out.sort();
    Ok(out)
}
