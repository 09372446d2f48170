//! `--format gitlab`: GitLab Code Quality JSON (a subset of the Code Climate issue
//! format): an array of issues with `description`, `check_name`, `fingerprint`
//! (unique within the report), `severity` and `location.path` + `location.lines`.

use super::{Report, Run};
use crate::finding::Severity;
use serde_json::{Value, json};
use std::io::{self, Write};

pub(super) struct Gitlab;

/// Code Quality severity: `info`, `minor`, `major`, `critical` or `blocker`.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

impl Report for Gitlab {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let fingerprints = run.unique_fingerprints();
        let issues: Vec<Value> = run
            .findings
            .iter()
            .zip(fingerprints)
            .map(|(f, fp)| {
                let r = run.primary_region(f);
                json!({
                    "type": "issue",
                    "engine_name": "paracheck",
                    "check_name": f.rule.code(),
                    "description": format!("{} {}: {}", f.rule.code(), f.rule.name(), f.message),
                    "categories": ["Bug Risk"],
                    "fingerprint": fp,
                    "severity": severity(f.severity),
                    "location": {
                        "path": r.file.trim_start_matches("./"),
                        "lines": {"begin": r.start_line, "end": r.end_line},
                    },
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &issues)?;
        writeln!(out)
    }
}
