//! The pipeline: inputs → pairs → checks (in parallel, in bounded batches) → a [`Run`]
//! ready for any report writer. Output order is input order whatever the thread count.

use crate::check::Checker;
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
    let mut offset = 0;
    for inp in &cfg.inputs {
        let path = match inp {
            Input::File { path, .. } => input::display(path),
            Input::Parallel { source, target } => {
                format!("{} + {}", input::display(source), input::display(target))
            }
        };
        bar.set_message(path.clone());
        let mut items = input::open(inp, cfg.langs)?;
        let mut info = InputInfo {
            path,
            source_lang: None,
            target_lang: None,
            pairs: 0,
        };
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
                        info.pairs += 1;
                    }
                    Item::Unpaired(u) => u.next_pair += offset,
                }
            }
            let results: Vec<_> = batch
                .par_iter()
                .map(|it| match it {
                    Item::Pair(p) => {
                        let fs = cfg.checker.check_pair(p);
                        let keep = cfg.keep_all_texts || !fs.is_empty();
                        let text = keep.then(|| PairText {
                            id: p.id.clone(),
                            source: p.source.clone(),
                            target: p.target.clone(),
                            file: p.location.file.to_string(),
                            source_line: p.location.source_line,
                            target_line: p.location.target_line,
                            source_lang: p.source_lang.code(),
                            target_lang: p.target_lang.code(),
                        });
                        (Some(p.index), fs, text)
                    }
                    Item::Unpaired(u) => {
                        (None, cfg.checker.unpaired(u).into_iter().collect(), None)
                    }
                })
                .collect();
            for (index, fs, text) in results {
                if let Some(i) = index {
                    run.pairs += 1;
                    bar.inc(1);
                    if let Some(t) = text {
                        run.texts.insert(i, t);
                    }
                }
                run.findings.extend(fs);
            }
            if batch.len() < BATCH {
                break;
            }
        }
        offset += info.pairs;
        run.inputs.push(info);
    }
    bar.finish_and_clear();
    Ok(run)
}
