//! Where a run's findings go while it runs: a baseline leaves out the findings it
//! records and `--write-baseline` records them, as they stream past; then a
//! streaming format (`text`, `jsonl`, `csv`, `github`) writes each batch at once,
//! and an aggregate format (`json`, `html`, `sarif`, `junit`, `gitlab`, `markdown`)
//! keeps the findings (and the texts of their pairs, not of clean pairs) for the end.
//!
//! Standard output gets a streamed report as it is written, flushed after every
//! batch; a report file is written to a temporary file renamed into place only when
//! the run has finished, so a failed run never leaves a partial file.

use crate::baseline::{Baseline, Recorder, Suppressor};
use crate::finding::Finding;
use crate::report::{self, AtomicFile, BaselineInfo, Format, PairText, Run, Stream, Style, Tally};
use crate::run::Batch;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A write that failed: of the report or of the baseline file.
#[derive(Debug)]
pub enum OutputError {
    Report(io::Error),
    Baseline(io::Error),
}

/// Where a streamed report goes.
enum Dest {
    Stdout(io::BufWriter<io::Stdout>),
    File(AtomicFile),
}

impl Dest {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Dest::Stdout(w) => w,
            Dest::File(f) => f,
        }
    }
}

enum Mode {
    /// An aggregate report: findings kept for the end, written by the format's
    /// writer or by `instead` (`--statistics`).
    Keep {
        findings: Vec<Finding>,
        texts: BTreeMap<usize, PairText>,
        instead: Option<Box<dyn report::Report + Send>>,
    },
    Stream {
        writer: Box<dyn Stream>,
        dest: Dest,
        started: bool,
    },
}

/// The receiver of a run's batches.
pub struct Output {
    format: Format,
    style: Style,
    path: Option<PathBuf>,
    mode: Mode,
    suppress: Option<Suppressor>,
    record: Option<Recorder>,
    tally: Tally,
}

/// What the output did, for the exit status and the notes on stderr.
pub struct Done {
    /// The findings reported (after the baseline).
    pub tally: Tally,
    pub baseline: Option<BaselineInfo>,
    /// Entries written to the new baseline, with `--write-baseline`.
    pub recorded: Option<usize>,
}

impl Output {
    /// Opens the report (`path`, else stdout) and the baseline file to write, if any.
    pub fn new(
        format: Format,
        style: Style,
        path: Option<&Path>,
        baseline: Option<Baseline>,
        write_baseline: Option<&Path>,
        instead: Option<Box<dyn report::Report + Send>>,
    ) -> Result<Output, OutputError> {
        let record = write_baseline
            .map(Recorder::create)
            .transpose()
            .map_err(OutputError::Baseline)?;
        let streamed = if instead.is_some() {
            None
        } else {
            report::stream(format, style)
        };
        let mode = match streamed {
            Some(writer) => Mode::Stream {
                writer,
                dest: match path {
                    Some(p) => Dest::File(AtomicFile::create(p).map_err(OutputError::Report)?),
                    None => Dest::Stdout(io::BufWriter::with_capacity(1 << 16, io::stdout())),
                },
                started: false,
            },
            None => Mode::Keep {
                findings: Vec::new(),
                texts: BTreeMap::new(),
                instead,
            },
        };
        Ok(Output {
            format,
            style,
            path: path.map(Path::to_path_buf),
            mode,
            suppress: baseline.map(Suppressor::new),
            record,
            tally: Tally::default(),
        })
    }

    /// Takes the next batch of findings.
    pub fn batch(&mut self, b: Batch) -> Result<(), OutputError> {
        let mut kept = Vec::with_capacity(b.findings.len());
        for f in b.findings {
            if let Some(r) = &mut self.record {
                r.add(&f.fingerprint, f.rule.code(), &f.file, &f.message)
                    .map_err(OutputError::Baseline)?;
            }
            if let Some(s) = &mut self.suppress
                && !s.keep(&f.fingerprint)
            {
                continue;
            }
            self.tally.add(&f);
            kept.push(f);
        }
        match &mut self.mode {
            Mode::Keep {
                findings, texts, ..
            } => {
                findings.extend(kept);
                texts.extend(b.texts);
                Ok(())
            }
            Mode::Stream {
                writer,
                dest,
                started,
            } => {
                let out = dest.writer();
                if !*started {
                    writer.start(out).map_err(OutputError::Report)?;
                    *started = true;
                }
                if !kept.is_empty() {
                    let part = Run {
                        findings: kept,
                        texts: b.texts,
                        ..Default::default()
                    };
                    writer.findings(&part, out).map_err(OutputError::Report)?;
                }
                if let Dest::Stdout(w) = dest {
                    w.flush().map_err(OutputError::Report)?;
                }
                Ok(())
            }
        }
    }

    /// Ends the report with the run's counts (`run` has no findings) and puts the
    /// files in place: the baseline first, then the report.
    pub fn finish(self, mut run: Run) -> Result<Done, OutputError> {
        let baseline = self.suppress.map(Suppressor::finish);
        let recorded = self
            .record
            .map(Recorder::commit)
            .transpose()
            .map_err(OutputError::Baseline)?;
        run.baseline = baseline.clone();
        match self.mode {
            Mode::Keep {
                findings,
                texts,
                instead,
            } => {
                run.findings = findings;
                run.texts = texts;
                let written = match instead {
                    Some(w) => report::emit(w.as_ref(), &run, self.path.as_deref()),
                    None => {
                        let w = report::writer(self.format, self.style);
                        report::emit(w.as_ref(), &run, self.path.as_deref())
                    }
                };
                written.map_err(OutputError::Report)?;
            }
            Mode::Stream {
                mut writer,
                mut dest,
                started,
            } => {
                let out = dest.writer();
                if !started {
                    writer.start(out).map_err(OutputError::Report)?;
                }
                writer
                    .finish(&run, &self.tally, out)
                    .map_err(OutputError::Report)?;
                match dest {
                    Dest::Stdout(mut w) => w.flush().map_err(OutputError::Report)?,
                    Dest::File(f) => f.commit().map_err(OutputError::Report)?,
                }
            }
        }
        Ok(Done {
            tally: self.tally,
            baseline,
            recorded,
        })
    }
}
