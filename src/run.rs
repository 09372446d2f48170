//! The pipeline: inputs → pairs → checks (in parallel, in bounded batches) → a [`Run`]
//! ready for any report writer. Output order is input order whatever the thread count.

use crate::check::Checker;
use crate::config::IgnorePatterns;
use crate::input::{self, Input, InputError, Item, LangChoice};
use crate::report::{InputInfo, PairText, Run};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;

/// Pairs checked per parallel batch: bounds memory on large inputs.
const BATCH: usize = 4096;

/// What a run reads and how.
pub struct Config {
    pub inputs: Vec<Input>,
    pub langs: LangChoice,
    pub checker: Checker,
    /// Keep the texts of every pair (for reports that show all pairs), not only of
    /// pairs with findings.
    pub keep_all_texts: bool,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Pairs, paragraphs and findings to leave out (`ignore-patterns`).
    pub ignore: IgnorePatterns,
}

/// What happened to one item of a batch.
enum Outcome {
    Pair {
        index: usize,
        findings: Vec<crate::finding::Finding>,
        text: Option<PairText>,
        ignored: usize,
    },
    Skipped,
    Unpaired(Vec<crate::finding::Finding>, usize),
}

/// Runs the checks over all inputs.
pub fn run(cfg: &Config) -> Result<Run, InputError> {
    let bar = if cfg.progress && std::io::stderr().is_terminal() {
        let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        b.set_style(
            ProgressStyle::with_template("{spinner} {pos} pairs checked ({per_sec}) {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let mut run = Run {
        version: env!("CARGO_PKG_VERSION").to_string(),
        ..Default::default()
    };
    let ignore = &cfg.ignore;
    // Drops findings whose fingerprint `ignore-patterns` lists; returns how many.
    let drop_ignored = |fs: &mut Vec<crate::finding::Finding>| {
        let before = fs.len();
        if !ignore.fingerprint.is_empty() {
            fs.retain(|f| !ignore.fingerprint.contains(&f.fingerprint));
        }
        before - fs.len()
    };
    let mut offset = 0;
    for inp in &cfg.inputs {
        let (path, file, target_file) = match inp {
            Input::File { path, .. } => {
                let p = input::display(path);
                (p.clone(), p.clone(), p)
            }
            Input::Parallel { source, target } => {
                let (s, t) = (input::display(source), input::display(target));
                (format!("{s} + {t}"), s, t)
            }
        };
        bar.set_message(path.clone());
        let mut items = input::open(inp, cfg.langs)?;
        let mut info = InputInfo {
            path,
            file,
            source_lang: None,
            target_lang: None,
            pairs: 0,
        };
        let mut total = 0;
        loop {
            let mut batch = Vec::with_capacity(BATCH);
            for it in items.by_ref() {
                batch.push(it?);
                if batch.len() >= BATCH {
                    break;
                }
            }
            if batch.is_empty() {
                break;
            }
            for it in batch.iter_mut() {
                match it {
                    Item::Pair(p) => {
                        p.index += offset;
                        info.source_lang = Some(p.source_lang.code());
                        info.target_lang = Some(p.target_lang.code());
                        total += 1;
                    }
                    Item::Unpaired(u) => u.next_pair += offset,
                }
            }
            let results: Vec<Outcome> = batch
                .par_iter()
                .map(|it| match it {
                    Item::Pair(p) => {
                        if ignore.skips_pair(p.id.as_deref(), &p.source, &p.target) {
                            return Outcome::Skipped;
                        }
                        let mut findings = cfg.checker.check_pair(p);
                        let ignored = drop_ignored(&mut findings);
                        let keep = cfg.keep_all_texts || !findings.is_empty();
                        let text = keep.then(|| PairText {
                            id: p.id.clone(),
                            source: p.source.clone(),
                            target: p.target.clone(),
                            file: p.location.file.to_string(),
                            target_file: target_file.clone(),
                            source_line: p.location.source_line,
                            target_line: p.location.target_line,
                            source_lang: p.source_lang.code(),
                            target_lang: p.target_lang.code(),
                        });
                        Outcome::Pair {
                            index: p.index,
                            findings,
                            text,
                            ignored,
                        }
                    }
                    Item::Unpaired(u) => {
                        if ignore.skips_text(&u.text) {
                            return Outcome::Unpaired(Vec::new(), 0);
                        }
                        let mut fs: Vec<_> = cfg.checker.unpaired(u).into_iter().collect();
                        let ignored = drop_ignored(&mut fs);
                        Outcome::Unpaired(fs, ignored)
                    }
                })
                .collect();
            for r in results {
                match r {
                    Outcome::Pair {
                        index,
                        findings,
                        text,
                        ignored,
                    } => {
                        bar.inc(1);
                        run.pairs += 1;
                        info.pairs += 1;
                        run.ignored_findings += ignored;
                        if let Some(t) = text {
                            run.texts.insert(index, t);
                        }
                        run.findings.extend(findings);
                    }
                    Outcome::Skipped => run.skipped_pairs += 1,
                    Outcome::Unpaired(fs, ignored) => {
                        run.ignored_findings += ignored;
                        run.findings.extend(fs);
                    }
                }
            }
            if batch.len() < BATCH {
                break;
            }
        }
        offset += total;
        run.inputs.push(info);
    }
    bar.finish_and_clear();
    Ok(run)
}
