//! `--format jsonl`: one finding per line, the same objects as the `json` report's
//! `findings`, then one last line with the run's summary (docs/formats.md). Written
//! as the pairs are checked.

use super::json::{SCHEMA, finding, summary_of};
use super::{Report, Run, Stream, Tally};
use serde_json::json;
use std::io::{self, Write};

pub(super) struct Jsonl;

impl Report for Jsonl {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        super::write_streamed(&mut Jsonl, run, out)
    }
}

impl Stream for Jsonl {
    fn findings(&mut self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        for f in &run.findings {
            serde_json::to_writer(&mut *out, &finding(f))?;
            writeln!(out)?;
        }
        Ok(())
    }

    fn finish(&mut self, run: &Run, tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
        // The summary line has no `code`: readers tell it apart by its `summary` key.
        let last = json!({
            "paracheck": {"version": run.version, "schema": SCHEMA},
            "summary": summary_of(run.pairs, tally),
        });
        serde_json::to_writer(&mut *out, &last)?;
        writeln!(out)
    }
}
