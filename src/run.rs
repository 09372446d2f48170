//! The pipeline: inputs → pairs → checks (in parallel, in bounded batches) → findings
//! handed on batch by batch, in input order, as soon as each batch is checked.
//!
//! A reader thread parses the input ahead of the checks (at most [`BATCH`] items
//! wait); the checks take what has arrived, up to [`BATCH`] items, so a slow pipe
//! gets its findings out early and a fast file keeps every core busy. Findings and
//! their order do not depend on how the items were batched, so the output is the
//! same byte for byte whatever the thread count.

use crate::check::Checker;
use crate::check::alignment::{Aligner, Held, Sig};
use crate::check::codes::Rule;
use crate::config::IgnorePatterns;
use crate::finding::{Finding, fnv1a};
use crate::input::{self, Input, InputError, Item, LangChoice, ReadOptions};
use crate::report::{InputInfo, PairText, Run, ShardInfo};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, sync_channel};
use std::time::{Duration, Instant};

/// Most items checked per parallel batch, and most items read ahead: bounds memory
/// on large inputs.
pub const BATCH: usize = 4096;

/// What a run reads and how.
pub struct Config {
    pub inputs: Vec<Input>,
    pub langs: LangChoice,
    pub checker: Checker,
    /// Keep the texts of every pair (for reports that show all pairs), not only of
    /// pairs with findings.
    pub keep_all_texts: bool,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal, and only
    /// once the run has taken more than a second).
    pub progress: bool,
    /// Pairs, paragraphs and findings to leave out (`ignore-patterns`).
    pub ignore: IgnorePatterns,
    /// Columns, JSONL field names, the name of standard input.
    pub read: ReadOptions,
    /// Check only one slice of the input (`--shard K/N`).
    pub shard: Option<Shard>,
}

impl Config {
    /// A run of `inputs` with everything else as by default.
    pub fn new(inputs: Vec<Input>, checker: Checker) -> Config {
        Config {
            inputs,
            langs: LangChoice::default(),
            checker,
            keep_all_texts: false,
            progress: false,
            ignore: IgnorePatterns::default(),
            read: ReadOptions::default(),
            shard: None,
        }
    }
}

/// One of `count` deterministic slices of the input: pair `i` (its `pair_index`)
/// belongs to slice `i mod count`, and an unpaired paragraph to the slice of the pair
/// that follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    /// 0-based.
    pub index: usize,
    pub count: usize,
    /// Everything besides the input's content that shapes the findings (version,
    /// options, configuration), so that `merge` can tell shards of different runs
    /// apart.
    pub key: String,
}

impl Shard {
    fn owns(&self, pair_index: usize) -> bool {
        pair_index % self.count == self.index
    }
}

/// Findings of consecutive items, in input order, with the texts of their pairs.
#[derive(Debug, Default)]
pub struct Batch {
    pub findings: Vec<Finding>,
    pub texts: BTreeMap<usize, PairText>,
}

/// What a run hands on while it goes.
#[derive(Debug)]
pub enum Event {
    /// How an input was read where the file did not say (for stderr).
    Note(String),
    /// The next findings.
    Batch(Batch),
}

/// Why a run stopped.
#[derive(Debug)]
pub enum RunError<E> {
    Input(InputError),
    /// The receiver of the events failed (a report that cannot be written).
    Sink(E),
}

impl<E> From<InputError> for RunError<E> {
    fn from(e: InputError) -> Self {
        RunError::Input(e)
    }
}

/// What happened to one item of a batch. Pairs carry what the alignment
/// post-pass needs of them (when it runs), whoever checks them.
enum Outcome {
    Pair {
        index: usize,
        findings: Vec<Finding>,
        text: Option<PairText>,
        ignored: usize,
        sig: Option<Sig>,
    },
    Skipped(usize, Option<Sig>),
    Unpaired(usize, Vec<Finding>, usize),
    /// Another shard's pair (with its index) or paragraph.
    Elsewhere(Option<(usize, Option<Sig>)>),
}

/// Runs the checks over all inputs and keeps every finding: the run as any report
/// writer takes it.
pub fn run(cfg: &Config) -> Result<Run, InputError> {
    let mut findings = Vec::new();
    let mut texts = BTreeMap::new();
    let mut result = run_with(cfg, |e| {
        if let Event::Batch(b) = e {
            findings.extend(b.findings);
            texts.extend(b.texts);
        }
        Ok::<(), std::convert::Infallible>(())
    })
    .map_err(|e| match e {
        RunError::Input(e) => e,
        RunError::Sink(never) => match never {},
    })?;
    result.findings = findings;
    result.texts = texts;
    Ok(result)
}

/// Runs the checks over all inputs, handing each batch of findings to `sink` in
/// input order once it is checked: while the next batch is checked, or at once
/// when the input has nothing more yet. The returned run has the counts and the
/// inputs, and no findings.
pub fn run_with<E>(
    cfg: &Config,
    mut sink: impl FnMut(Event) -> Result<(), E>,
) -> Result<Run, RunError<E>> {
    let mut progress = Progress::new(cfg.progress, total_size(&cfg.inputs));
    let mut run = Run {
        version: env!("CARGO_PKG_VERSION").to_string(),
        ..Default::default()
    };
    let ignore = &cfg.ignore;
    // Drops findings whose fingerprint `ignore-patterns` lists; returns how many.
    let drop_ignored = |fs: &mut Vec<Finding>| {
        let before = fs.len();
        if !ignore.fingerprint.is_empty() {
            fs.retain(|f| !ignore.fingerprint.contains(&f.fingerprint));
        }
        before - fs.len()
    };
    // A shard hashes everything it reads, in its slice or not, so that `merge` can
    // tell whether all shards read the same input.
    let mut content: u64 = fnv1a(&[]);
    let mut offset = 0;
    // The alignment post-pass (shifts, length ratios) runs when one of its rules does.
    let aligned = [
        Rule::Misaligned,
        Rule::LengthRatio,
        Rule::LengthRatioExtreme,
    ]
    .iter()
    .any(|r| cfg.checker.options.enabled(*r));
    // Shifts are judged on the facts of every pair, another shard's too.
    let shifts = cfg.checker.options.enabled(Rule::Misaligned);
    let sig = |p: &input::Pair, broken: bool, facts: Option<crate::check::Facts>| {
        aligned.then(|| {
            let facts = match facts {
                Some(f) => f,
                None if shifts => cfg.checker.facts(p),
                None => Default::default(),
            };
            Sig {
                broken,
                ..Sig::of(p, facts)
            }
        })
    };
    for inp in &cfg.inputs {
        let target_file = inp.target_file(&cfg.read);
        let opened = input::open_at(inp, cfg.langs, &cfg.read, offset)?;
        for n in opened.notes {
            sink(Event::Note(n)).map_err(RunError::Sink)?;
        }
        let read = Arc::new(AtomicU64::new(0));
        progress.next_input(opened.bytes_read.clone(), read.clone());
        let items = read_ahead(opened.items, read);
        let mut info = InputInfo {
            path: inp.shown(&cfg.read),
            file: inp.file(&cfg.read),
            source_lang: None,
            target_lang: None,
            pairs: 0,
        };
        let mut total = 0;
        let mut aligner = Aligner::new(&cfg.checker.options, cfg.keep_all_texts);
        // Items of this input checked (or passed over) so far, for the progress bar.
        let mut done = 0;
        // Checks one batch, in parallel. The batch is consumed: a pair's texts move
        // into what the post-pass keeps of it instead of being copied.
        let check = |batch: Vec<Item>| -> Vec<Outcome> {
            batch
                .into_par_iter()
                .map(|it| match it {
                    Item::Pair(p) => {
                        if cfg.shard.as_ref().is_some_and(|s| !s.owns(p.index)) {
                            return Outcome::Elsewhere(Some((p.index, sig(&p, false, None))));
                        }
                        if ignore.skips_pair(p.id.as_deref(), &p.source, &p.target) {
                            return Outcome::Skipped(p.index, sig(&p, true, None));
                        }
                        let judged = cfg.checker.check_pair_judged(&p, shifts);
                        let (mut findings, broken) = (judged.findings, judged.broken);
                        let ignored = drop_ignored(&mut findings);
                        let sig = sig(&p, broken, judged.facts.or(Some(Default::default())));
                        // The post-pass may add findings: it drops the texts it does
                        // not need.
                        let keep = aligned || cfg.keep_all_texts || !findings.is_empty();
                        let text = keep.then(|| PairText {
                            file: p.location.file.to_string(),
                            target_file: target_file.clone(),
                            source_line: p.location.source_line,
                            target_line: p.location.target_line,
                            source_lang: p.source_lang.code(),
                            target_lang: p.target_lang.code(),
                            id: p.id,
                            source: p.source,
                            target: p.target,
                        });
                        Outcome::Pair {
                            index: p.index,
                            findings,
                            text,
                            ignored,
                            sig,
                        }
                    }
                    Item::Unpaired(u) => {
                        if cfg.shard.as_ref().is_some_and(|s| !s.owns(u.next_pair)) {
                            return Outcome::Elsewhere(None);
                        }
                        if ignore.skips_text(&u.text) {
                            return Outcome::Unpaired(u.next_pair, Vec::new(), 0);
                        }
                        let mut fs: Vec<_> = cfg.checker.unpaired(&u).into_iter().collect();
                        let ignored = drop_ignored(&mut fs);
                        Outcome::Unpaired(u.next_pair, fs, ignored)
                    }
                })
                .collect()
        };
        // Hands one checked batch, in input order, to the post-pass and the sink:
        // the serial part of a run.
        let mut settle = |results: Vec<Outcome>, done: u64| -> Result<(), RunError<E>> {
            let mut held = Vec::with_capacity(results.len());
            for r in results {
                let h = match r {
                    Outcome::Pair {
                        index,
                        findings,
                        text,
                        ignored,
                        sig,
                    } => {
                        run.pairs += 1;
                        info.pairs += 1;
                        run.ignored_findings += ignored;
                        Held::new(index, sig, findings, text, true)
                    }
                    Outcome::Skipped(index, sig) => {
                        run.skipped_pairs += 1;
                        Held::new(index, sig, Vec::new(), None, true)
                    }
                    Outcome::Unpaired(index, fs, ignored) => {
                        run.ignored_findings += ignored;
                        Held::new(index, None, fs, None, true)
                    }
                    Outcome::Elsewhere(Some((index, sig))) => {
                        Held::new(index, sig, Vec::new(), None, false)
                    }
                    Outcome::Elsewhere(None) => Held::new(0, None, Vec::new(), None, false),
                };
                if aligned {
                    aligner.push(h, &mut held);
                } else {
                    held.push(h);
                }
            }
            let out = released(held, &mut run, &drop_ignored);
            sink(Event::Batch(out)).map_err(RunError::Sink)?;
            progress.update(run.pairs, done);
            Ok(())
        };
        // The serial part of one batch runs while the next batch is checked, so that
        // the threads do not wait for it: `pending` is the batch checked last, with
        // the count of items done once it is settled.
        let mut pending: Option<(Vec<Outcome>, u64)> = None;
        loop {
            let first = match items.try_recv() {
                Ok(it) => Some(it),
                Err(TryRecvError::Disconnected) => None,
                Err(TryRecvError::Empty) => {
                    // Nothing is read yet: what is checked goes out before the wait
                    // (a stream's findings come as its records do).
                    if let Some((results, done)) = pending.take() {
                        settle(results, done)?;
                    }
                    items.recv().ok()
                }
            };
            let batch = match next_batch(&items, first) {
                Ok(b) => b,
                Err(e) => {
                    if let Some((results, done)) = pending.take() {
                        settle(results, done)?;
                    }
                    return Err(e.into());
                }
            };
            let Some(batch) = batch else {
                if let Some((results, done)) = pending.take() {
                    settle(results, done)?;
                }
                break;
            };
            done += batch.len() as u64;
            for it in &batch {
                if let Item::Pair(p) = it {
                    info.source_lang = Some(p.source_lang.code());
                    info.target_lang = Some(p.target_lang.code());
                    total += 1;
                }
                if cfg.shard.is_some() {
                    content = hash_item(content, it);
                }
            }
            let mut checked = Vec::new();
            let mut settled = Ok(());
            rayon::in_place_scope(|s| {
                s.spawn(|_| checked = check(batch));
                if let Some((results, done)) = pending.take() {
                    settled = settle(results, done);
                }
            });
            settled?;
            pending = Some((checked, done));
        }
        if aligned {
            let mut held = Vec::new();
            aligner.finish(&mut held);
            let out = released(held, &mut run, &drop_ignored);
            if !out.findings.is_empty() || !out.texts.is_empty() {
                sink(Event::Batch(out)).map_err(RunError::Sink)?;
            }
        }
        offset += total;
        run.inputs.push(info);
    }
    progress.finish();
    if let Some(s) = &cfg.shard {
        run.shard = Some(ShardInfo {
            index: s.index + 1,
            count: s.count,
            inputs: run.inputs.iter().map(|i| i.path.clone()).collect(),
            digest: format!(
                "{:016x}",
                fnv1a(&[&run.version, &s.key, &format!("{content:016x}")])
            ),
        });
    }
    Ok(run)
}

/// The batch of the items the post-pass has passed on: their findings (less those
/// `ignore-patterns` lists, counted) and the texts of the pairs that have any.
fn released(
    held: Vec<Held>,
    run: &mut Run,
    drop_ignored: &dyn Fn(&mut Vec<Finding>) -> usize,
) -> Batch {
    let mut out = Batch::default();
    for mut h in held {
        run.ignored_findings += drop_ignored(&mut h.findings);
        if let Some(t) = h.text {
            out.texts.insert(h.index, t);
        }
        out.findings.extend(h.findings);
    }
    out
}

/// Hashes what a shard read: every pair and paragraph, with its position.
fn hash_item(h: u64, it: &Item) -> u64 {
    let item = match it {
        Item::Pair(p) => fnv1a(&[
            "pair",
            &p.index.to_string(),
            p.id.as_deref().unwrap_or("\u{0}"),
            &p.source,
            &p.target,
            &p.location.source_line.to_string(),
            &p.location.target_line.to_string(),
        ]),
        Item::Unpaired(u) => fnv1a(&[
            "unpaired",
            &u.next_pair.to_string(),
            &u.line.to_string(),
            &u.text,
        ]),
    };
    fnv1a(&[&format!("{h:016x}"), &format!("{item:016x}")])
}

/// Reads items on a thread of their own, at most [`BATCH`] ahead, counting them in
/// `read`. The thread is not joined: when the run stops early (bad input, a report
/// that cannot be written) it may be waiting on a pipe that stays open, and it ends
/// with the process.
fn read_ahead(items: input::Items, read: Arc<AtomicU64>) -> Receiver<Result<Item, InputError>> {
    let (tx, rx) = sync_channel(BATCH);
    std::thread::spawn(move || {
        for it in items {
            let failed = it.is_err();
            read.fetch_add(1, Ordering::Relaxed);
            if tx.send(it).is_err() || failed {
                break;
            }
        }
    });
    rx
}

/// The next batch: its first item (`None` at the end of the input), then what
/// else has arrived, up to [`BATCH`] items.
fn next_batch(
    rx: &Receiver<Result<Item, InputError>>,
    first: Option<Result<Item, InputError>>,
) -> Result<Option<Vec<Item>>, InputError> {
    let Some(first) = first else {
        return Ok(None);
    };
    let mut batch = Vec::with_capacity(BATCH.min(1024));
    batch.push(first?);
    while batch.len() < BATCH {
        match rx.try_recv() {
            Ok(it) => batch.push(it?),
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
        }
    }
    Ok(Some(batch))
}

/// The sum of the inputs' sizes, when every one is a regular file.
fn total_size(inputs: &[Input]) -> Option<u64> {
    let size = |p: &std::path::Path| {
        if input::is_stdin(p) {
            return None;
        }
        std::fs::metadata(p)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len())
    };
    inputs
        .iter()
        .map(|i| match i {
            Input::File { path, .. } => size(path),
            Input::Parallel { source, target } => Some(size(source)? + size(target)?),
        })
        .sum()
}

/// The progress bar: pairs checked, pairs per second, and with a known input size a
/// bar and an ETA by bytes. Drawn on stderr only when it is a terminal, and only
/// after the first second, so that short runs and CI logs never show it.
struct Progress {
    bar: ProgressBar,
    enabled: bool,
    shown: bool,
    start: Instant,
    /// Bytes of the inputs already done.
    done_bytes: u64,
    /// The current input's bytes read and items read (the reader runs ahead of the
    /// checks: the bytes checked are estimated from the items checked).
    current: Option<(Arc<AtomicU64>, Arc<AtomicU64>)>,
    sized: bool,
}

impl Progress {
    fn new(wanted: bool, size: Option<u64>) -> Progress {
        let bar = ProgressBar::hidden();
        let template = match size {
            Some(n) => {
                bar.set_length(n);
                "{spinner} [{wide_bar}] {percent:>3}% {msg}, ETA {eta}"
            }
            None => "{spinner} {msg}",
        };
        bar.set_style(
            ProgressStyle::with_template(template)
                .unwrap_or_else(|_| ProgressStyle::default_spinner())
                .progress_chars("=> "),
        );
        Progress {
            bar,
            enabled: wanted && std::io::stderr().is_terminal(),
            shown: false,
            start: Instant::now(),
            done_bytes: 0,
            current: None,
            sized: size.is_some(),
        }
    }

    fn next_input(&mut self, bytes: Arc<AtomicU64>, items: Arc<AtomicU64>) {
        if let Some((b, _)) = self.current.take() {
            self.done_bytes += b.load(Ordering::Relaxed);
        }
        self.current = Some((bytes, items));
    }

    /// `pairs` checked in all, `items` of the current input checked or passed over.
    fn update(&mut self, pairs: usize, items: u64) {
        if !self.enabled {
            return;
        }
        let elapsed = self.start.elapsed();
        if !self.shown && elapsed < Duration::from_secs(1) {
            return;
        }
        let bytes = self.done_bytes
            + self.current.as_ref().map_or(0, |(b, read)| {
                let (b, read) = (b.load(Ordering::Relaxed), read.load(Ordering::Relaxed));
                if read == 0 {
                    0
                } else {
                    (b as u128 * items.min(read) as u128 / read as u128) as u64
                }
            });
        if self.sized {
            self.bar.set_position(bytes);
        }
        let rate = pairs as f64 / elapsed.as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{} pairs checked, {}",
            crate::report::group_digits(pairs as u64),
            crate::report::pairs_per_second(rate)
        ));
        if !self.shown {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(250));
            self.shown = true;
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
