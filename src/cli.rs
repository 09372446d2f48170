//! The command-line interface. `main.rs` only calls [`main`].

use crate::check::codes::Rule;
use crate::check::{Checker, DateOrder, Options};
use crate::config;
use crate::input::{self, Input, LangChoice};
use crate::lang::{self, Language};
use crate::output::{Output, OutputError};
use crate::report::{self, Style};
use crate::run;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Audits translations: compares the numbers, dates and names of aligned source and
/// target texts by value, and reports each mismatch.
#[derive(Debug, Parser)]
#[command(name = "paracheck", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once
pub enum Command {
    /// Check aligned pairs and report mismatches.
    Check(CheckArgs),
    /// Print the numbers, dates and names found in one text (for debugging and
    /// conformance).
    Extract(ExtractArgs),
    /// Print the pairs a reader sees (id, file, line, source, target), one line
    /// each, without checking them: for debugging, conversion and other tools.
    Pairs(PairsArgs),
    /// Combine the JSON reports of `check --shard K/N` into the report of one run.
    Merge(crate::merge::MergeArgs),
    /// List the rules, or explain one.
    Rules(RulesArgs),
    /// Print the sources and licences of the bundled name data.
    Licenses,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), of paracheck or of one of its commands.
    Man(ManArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "\
Install, for example:
  bash  paracheck completions bash > ~/.local/share/bash-completion/completions/paracheck
  zsh   paracheck completions zsh > ~/.zfunc/_paracheck   (with fpath+=~/.zfunc)
  fish  paracheck completions fish > ~/.config/fish/completions/paracheck.fish")]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Install, for example:
  paracheck man > ~/.local/share/man/man1/paracheck.1
  paracheck man check > ~/.local/share/man/man1/paracheck-check.1")]
pub struct ManArgs {
    /// A command (`check`, `extract`, …) for its own page, paracheck-COMMAND(1).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

pub use crate::config::FailOn;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Inputs:
  FILE.txt / FILE.md   interleaved bilingual paragraphs separated by blank lines
  FILE.tsv             source<TAB>target or id<TAB>source<TAB>target per line;
                       --columns source,target,ignore for other layouts
  FILE.csv             RFC 4180 CSV with a header naming source and target (and id)
  FILE.jsonl           one JSON object per line: {\"source\": ..., \"target\": ..., \"id\": ...}
  FILE.tmx             TMX 1.4b (languages from the header and the units)
  FILE.xlf / .xliff    XLIFF 1.2 or 2.x (also .sdlxliff, .mqxliff); inline codes
                       are left out of the text the checks and reports see
  DIR                  every .tsv .csv .jsonl .tmx .xlf ... file under DIR, in path
                       order, skipping what .gitignore ignores
  -                    standard input: JSONL or TSV by its first line, else
                       --input-format (or the extension of --stdin-filename)
  --source A --target B  two line-aligned files

Output: text, jsonl, csv and github are written as the pairs are checked; the
other formats at the end. --shard K/N checks one slice; `paracheck merge`
combines the shards' JSON reports (docs/scale.md).

Configuration: paracheck.toml, .paracheck.toml or [tool.paracheck] in pyproject.toml,
  in the first input's directory or the nearest parent; flags override it
  (docs/ci.md).

Exit status: 0 no finding at or above --fail-on (and at most --max-findings),
1 findings at or above it (or more than --max-findings), 2 usage, input or
configuration error. --exit-zero turns 1 into 0.")]
pub struct CheckArgs {
    /// Input files (format from the extension; see --input-format); `-` reads
    /// standard input.
    #[arg(value_name = "FILE")]
    pub inputs: Vec<PathBuf>,

    /// Source side as a separate line-aligned file (with --target).
    #[arg(long, value_name = "FILE", requires = "target")]
    pub source: Option<PathBuf>,

    /// Target side as a separate line-aligned file (with --source).
    #[arg(long, value_name = "FILE", requires = "source")]
    pub target: Option<PathBuf>,

    /// Layout of the input files.
    #[arg(long, value_enum, default_value_t = input::Format::Auto)]
    pub input_format: input::Format,

    /// What the columns of TSV and CSV inputs hold, by position: `id`, `source`,
    /// `target` or `ignore`, comma-separated (e.g. `source,target,ignore`).
    #[arg(long, value_name = "ROLES")]
    pub columns: Option<input::ColumnSpec>,

    /// The name standard input (`-`) goes by in reports and messages; its extension
    /// picks the input format, its directory the configuration file.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Check only the K-th of N slices of the input (pair i is in slice i mod N + 1);
    /// `paracheck merge` combines the slices' JSON reports.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,

    /// Source language (`en`, `zh`); detected from the text when not given.
    #[arg(long, value_name = "LANG")]
    pub source_lang: Option<String>,

    /// Target language (`en`, `zh`); detected from the text when not given.
    #[arg(long, value_name = "LANG")]
    pub target_lang: Option<String>,

    /// Report format [default: text] (docs/formats.md).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<report::Format>,

    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit with status 1 when a finding at or above this severity is reported
    /// [default: error].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Exit with status 1 when more than N findings are reported (of any
    /// severity, after --baseline), even if none reaches --fail-on.
    #[arg(long, value_name = "N")]
    pub max_findings: Option<usize>,

    /// Exit with status 0 even when findings would fail the run (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,

    /// Read settings from FILE instead of looking for paracheck.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,

    /// Required and forbidden terms: CSV/TSV rows `source,target[,note]` (note
    /// `forbidden` forbids the target term) or TBX. Repeatable; adds to the
    /// configuration's `glossary` files. See docs/entities.md.
    #[arg(long, value_name = "FILE")]
    pub glossary: Vec<PathBuf>,

    /// Report only findings not recorded in this baseline file, and note its stale
    /// entries.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every current finding in FILE as the new baseline; the run then exits 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// HTML report: include the pairs without findings (hidden behind a filter).
    #[arg(long)]
    pub html_all_pairs: bool,

    /// HTML report: past N findings, render them N at a time (pages; the rest stay
    /// in the page as data until shown); 0 renders all at once [default: 5000].
    #[arg(long, value_name = "N")]
    pub html_max_findings: Option<usize>,

    /// Print the number of findings per rule (count, code, severity, name), most
    /// frequent first, instead of the report; JSON with --format json or jsonl.
    #[arg(long)]
    pub statistics: bool,

    /// Read numeric dates like 03/02/2022 month-first (mdy) or day-first (dmy)
    /// instead of reporting them as ambiguous.
    #[arg(long, value_enum)]
    pub date_order: Option<DateOrder>,

    /// The date the documents were written (YYYY-MM-DD): a day without its month
    /// (`the 9th`) and no earlier month in its paragraph takes this month, and a
    /// date without a year this year.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub document_date: Option<String>,

    /// Only run these rules (codes or names, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Do not run these rules (codes or names, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Pairs checked in parallel by N worker threads (default: one per core). The
    /// output is the same for any N.
    #[arg(long = "jobs", short = 'j', value_name = "N", alias = "threads")]
    pub jobs: Option<usize>,

    /// Colour in the text report.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    /// Do not show a progress bar (it is only shown when stderr is a terminal and the
    /// run takes more than a second).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PairsFormat {
    /// One JSON object per line: `{"id", "file", "line", "target_line", "source",
    /// "target"}` (readable by `paracheck check` as JSONL).
    Jsonl,
    /// A header line, then `id<TAB>file<TAB>line<TAB>source<TAB>target`, with tabs,
    /// line ends and backslashes escaped as `\t`, `\n`, `\r`, `\\`.
    Tsv,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Lists every translatable unit of TMX and XLIFF files (a unit without a target
with an empty target), and the pairs of every other input; a directory is walked
as by `check`. Needs no language support. A count per input goes to stderr.")]
pub struct PairsArgs {
    /// Input files or directories; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub inputs: Vec<PathBuf>,

    /// Source side as a separate line-aligned file (with --target).
    #[arg(long, value_name = "FILE", requires = "target")]
    pub source: Option<PathBuf>,

    /// Target side as a separate line-aligned file (with --source).
    #[arg(long, value_name = "FILE", requires = "source")]
    pub target: Option<PathBuf>,

    /// Layout of the input files.
    #[arg(long, value_enum, default_value_t = input::Format::Auto)]
    pub input_format: input::Format,

    /// What the columns of TSV and CSV inputs hold, by position.
    #[arg(long, value_name = "ROLES")]
    pub columns: Option<input::ColumnSpec>,

    /// The name standard input (`-`) goes by.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = PairsFormat::Jsonl)]
    pub format: PairsFormat,

    /// No count per input on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Language of the text (`en`, `zh`).
    #[arg(long, value_name = "LANG")]
    pub lang: String,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ExtractFormat::Text)]
    pub format: ExtractFormat,

    /// Read the text from FILE instead of the argument.
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    pub file: Option<PathBuf>,

    /// The text to analyse.
    #[arg(value_name = "TEXT", required_unless_present = "file")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule code or name to explain.
    pub rule: Option<String>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

/// An error that ends the program with status 2.
#[derive(Debug)]
pub struct Fatal(pub String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

/// Runs the command line; returns the process exit status.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Check(a) => check(a),
        Command::Extract(a) => extract(a).map(|_| ExitCode::SUCCESS),
        Command::Pairs(a) => pairs(a).map(|_| ExitCode::SUCCESS),
        Command::Merge(a) => crate::merge::merge(a),
        Command::Rules(a) => rules(a).map(|_| ExitCode::SUCCESS),
        Command::Licenses => stdout(crate::gazetteer::NOTICE).map(|_| ExitCode::SUCCESS),
        Command::Completions(a) => completions(a).map(|_| ExitCode::SUCCESS),
        Command::Man(a) => man(a).map(|_| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(msg)) => {
            eprintln!("paracheck: error: {}", report::escape_controls(&msg));
            ExitCode::from(2)
        }
    }
}

/// Prints to stdout; a closed pipe ends the output quietly.
fn stdout(text: &str) -> Result<(), Fatal> {
    report::print_stdout(text.as_bytes()).map_err(|e| Fatal(format!("cannot write to stdout: {e}")))
}

fn completions(a: CompletionsArgs) -> Result<(), Fatal> {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "paracheck", &mut buf);
    report::print_stdout(&buf).map_err(|e| Fatal(format!("cannot write to stdout: {e}")))
}

fn man(a: ManArgs) -> Result<(), Fatal> {
    use clap::CommandFactory;
    let top = Cli::command();
    let cmd = match &a.command {
        None => top,
        Some(name) => {
            let names: Vec<String> = top
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            let sub = top.find_subcommand(name).cloned().ok_or_else(|| {
                Fatal(format!(
                    "man: unknown command `{name}` (commands: {})",
                    names.join(", ")
                ))
            })?;
            // The page of `paracheck check` is paracheck-check(1).
            let full = format!("paracheck-{}", sub.get_name());
            sub.name(full.clone())
                .bin_name(full.replace('-', " "))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut buf)
        .map_err(|e| Fatal(format!("cannot render the manual page: {e}")))?;
    report::print_stdout(&buf).map_err(|e| Fatal(format!("cannot write to stdout: {e}")))
}

fn language(code: &str, flag: &str) -> Result<&'static dyn Language, Fatal> {
    lang::by_code(code).ok_or_else(|| {
        Fatal(format!(
            "{flag}: unsupported language `{code}` (supported: {})",
            lang::supported_codes()
        ))
    })
}

/// `K/N` with 1 ≤ K ≤ N.
fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("`{s}` is not K/N with 1 ≤ K ≤ N (e.g. 1/4)");
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if k == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}

/// The rules of `--select`/`--ignore`: codes, names or code prefixes (`N`, `E00`).
fn rule_list(items: &[String], flag: &str) -> Result<Vec<Rule>, Fatal> {
    let mut out = Vec::new();
    for s in items.iter().filter(|s| !s.trim().is_empty()) {
        let rules = Rule::matching(s)
            .ok_or_else(|| Fatal(format!("{flag}: {}", config::unknown_rule(s))))?;
        out.extend(rules);
    }
    Ok(out)
}

/// The inputs with every directory replaced by the supported files under it.
fn expand(paths: &[PathBuf], format: input::Format) -> Result<Vec<PathBuf>, Fatal> {
    let mut out = Vec::new();
    for p in paths {
        if !input::is_stdin(p) && p.is_dir() {
            let files = input::walk::files(p, format).map_err(Fatal)?;
            if files.is_empty() {
                return Err(Fatal(format!(
                    "{}: no supported file in the directory ({})",
                    p.display(),
                    input::walk::EXTENSIONS_SHOWN
                )));
            }
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn pairs(a: PairsArgs) -> Result<(), Fatal> {
    use std::io::Write;
    let mut inputs: Vec<Input> = expand(&a.inputs, a.input_format)?
        .into_iter()
        .map(|path| Input::File {
            path,
            format: a.input_format,
        })
        .collect();
    if let (Some(s), Some(t)) = (&a.source, &a.target) {
        inputs.push(Input::Parallel {
            source: s.clone(),
            target: t.clone(),
        });
    }
    if inputs.is_empty() {
        return Err(Fatal(
            "no input: give a FILE, or --source and --target (see --help)".into(),
        ));
    }
    let opts = input::ReadOptions {
        columns: a.columns.clone(),
        jsonl: Default::default(),
        stdin_name: a.stdin_filename.clone(),
        limits: Default::default(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let quiet_pipe = |e: std::io::Error| {
        if report::closed_pipe(&e) {
            None
        } else {
            Some(Fatal(format!("cannot write to stdout: {e}")))
        }
    };
    macro_rules! emit {
        ($($t:tt)*) => {
            if let Err(e) = write!(out, $($t)*) {
                return match quiet_pipe(e) { Some(f) => Err(f), None => Ok(()) };
            }
        };
    }
    if a.format == PairsFormat::Tsv {
        emit!("id\tfile\tline\tsource\ttarget\n");
    }
    for inp in &inputs {
        let listing = input::listing::list(inp, &opts)?;
        for n in &listing.notes {
            eprintln!("paracheck: note: {n}");
        }
        let (mut n, mut no_target) = (0usize, 0usize);
        for r in listing.pairs {
            let p = r?;
            n += 1;
            if p.target.trim().is_empty() {
                no_target += 1;
            }
            match a.format {
                PairsFormat::Jsonl => {
                    let v = serde_json::json!({
                        "id": p.id, "file": &*p.file, "line": p.source_line,
                        "target_line": p.target_line, "source": p.source, "target": p.target,
                    });
                    emit!("{v}\n");
                }
                PairsFormat::Tsv => {
                    let f = input::listing::tsv_field;
                    emit!(
                        "{}\t{}\t{}\t{}\t{}\n",
                        f(p.id.as_deref().unwrap_or("")),
                        f(&p.file),
                        p.source_line,
                        f(&p.source),
                        f(&p.target)
                    );
                }
            }
        }
        if let Err(e) = out.flush() {
            return match quiet_pipe(e) {
                Some(f) => Err(f),
                None => Ok(()),
            };
        }
        if !a.quiet {
            let skipped = listing.skipped.load(std::sync::atomic::Ordering::Relaxed);
            let mut note = format!(
                "{}: {} ({})",
                inp.shown(&opts),
                report::plural(n, "pair", "pairs"),
                listing.kind
            );
            if no_target > 0 {
                note.push_str(&format!(", {no_target} with an empty target"));
            }
            if skipped > 0 {
                note.push_str(&format!(
                    ", {} skipped (translate=\"no\")",
                    report::plural(skipped, "unit", "units")
                ));
            }
            eprintln!("paracheck: {note}");
        }
    }
    Ok(())
}

fn check(a: CheckArgs) -> Result<ExitCode, Fatal> {
    let mut inputs: Vec<Input> = expand(&a.inputs, a.input_format)?
        .iter()
        .map(|p| Input::File {
            path: p.clone(),
            format: a.input_format,
        })
        .collect();
    if let (Some(s), Some(t)) = (&a.source, &a.target) {
        inputs.push(Input::Parallel {
            source: s.clone(),
            target: t.clone(),
        });
    }
    if inputs.is_empty() {
        return Err(Fatal(
            "no input: give a FILE, or --source and --target (see --help)".into(),
        ));
    }
    let loaded = load_config(&a)?;
    let file = loaded.as_ref().map(|l| &l.config);
    let key = |k: &str| match &loaded {
        Some(l) => format!("{}: {k}", config::relative(&l.path).display()),
        None => k.to_string(),
    };
    let lang_setting =
        |flag: &Option<String>, from_file: Option<&String>, name: &str| match (flag, from_file) {
            (Some(c), _) => language(c, &format!("--{name}")).map(Some),
            (None, Some(c)) => language(c, &key(name)).map(Some),
            (None, None) => Ok(None),
        };
    let langs = LangChoice {
        source: lang_setting(
            &a.source_lang,
            file.and_then(|f| f.source_lang.as_ref()),
            "source-lang",
        )?,
        target: lang_setting(
            &a.target_lang,
            file.and_then(|f| f.target_lang.as_ref()),
            "target-lang",
        )?,
    };
    let format = a
        .format
        .or(file.and_then(|f| f.format))
        .unwrap_or(report::Format::Text);
    let fail_on = a
        .fail_on
        .or(file.and_then(|f| f.fail_on))
        .unwrap_or(FailOn::Error);
    let max_findings = a.max_findings.or(file.and_then(|f| f.max_findings));
    let date_order = a.date_order.or(file.and_then(|f| f.date_order));
    let document_date = match (
        &a.document_date,
        file.and_then(|f| f.document_date.as_ref()),
    ) {
        (Some(d), _) => Some((d, "--document-date".to_string())),
        (None, Some(d)) => Some((d, key("document-date"))),
        (None, None) => None,
    }
    .map(|(d, name)| {
        d.parse::<crate::extract::DocumentDate>()
            .map_err(|e| Fatal(format!("{name}: {e}")))
    })
    .transpose()?;
    let html_all_pairs = a.html_all_pairs || file.and_then(|f| f.html_all_pairs) == Some(true);

    // Rules: the file's [rules], select and ignore; --select replaces the file's
    // select (and turns back on the rules it names), --ignore adds to its ignore.
    let (mut levels, mut select, mut ignore) = match &loaded {
        Some(l) => (l.levels()?, l.select()?, l.ignore()?),
        None => Default::default(),
    };
    let cli_select = rule_list(&a.select, "--select")?;
    if !cli_select.is_empty() {
        levels.retain(|r, l| !(cli_select.contains(r) && *l == config::Level::Off));
        select = cli_select;
    }
    ignore.extend(rule_list(&a.ignore, "--ignore")?);
    let (ignore_patterns, mut glossary_files, baseline_path): (_, Vec<PathBuf>, _) = match &loaded {
        Some(l) => (
            l.patterns()?,
            l.config.glossary.iter().map(|p| l.resolve(p)).collect(),
            l.config.baseline.as_ref().map(|p| l.resolve(p)),
        ),
        None => Default::default(),
    };
    glossary_files.extend(a.glossary.iter().cloned());
    let baseline_path = a.baseline.clone().or(baseline_path);
    let limits = match &loaded {
        Some(l) => l.limits()?,
        None => crate::limits::Limits::default(),
    };
    let glossary = if glossary_files.is_empty() {
        None
    } else {
        let g = crate::glossary::Glossary::load_limited(&glossary_files, limits.max_file_bytes)
            .map_err(|e| Fatal(format!("glossary {e}")))?;
        Some(std::sync::Arc::new(g))
    };
    let options = Options {
        severities: config::severities(&levels, &select, &ignore),
        date_order,
        document_date,
        glossary,
        max_pair_bytes: limits.max_pair_bytes,
        max_pair_findings: limits.max_pair_findings,
    };

    let mut run_options = vec![("fail-on".to_string(), fail_on.as_str().to_string())];
    if let Some(n) = max_findings {
        run_options.push(("max-findings".into(), n.to_string()));
    }
    if let Some(o) = date_order {
        run_options.push(("date-order".into(), format!("{o:?}").to_lowercase()));
    }
    if let Some(d) = document_date {
        run_options.push(("document-date".into(), d.to_string()));
    }
    if !glossary_files.is_empty() {
        let names: Vec<String> = glossary_files
            .iter()
            .map(|p| config::relative(p).display().to_string())
            .collect();
        run_options.push(("glossary".into(), names.join(",")));
    }
    let off: Vec<&str> = Rule::ALL
        .iter()
        .filter(|r| !options.severities.contains_key(r))
        .map(|r| r.code())
        .collect();
    if !off.is_empty() {
        run_options.push(("disabled".into(), off.join(",")));
    }
    let changed: Vec<String> = options
        .severities
        .iter()
        .filter(|(r, s)| r.default_severity() != **s)
        .map(|(r, s)| format!("{}={s}", r.code()))
        .collect();
    if !changed.is_empty() {
        run_options.push(("severity".into(), changed.join(",")));
    }
    if let Some(l) = &loaded {
        run_options.push((
            "config".into(),
            config::relative(&l.path).display().to_string(),
        ));
    }

    let read = input::ReadOptions {
        columns: a.columns.clone(),
        jsonl: match &loaded {
            Some(l) => l.jsonl()?,
            None => Default::default(),
        },
        stdin_name: a.stdin_filename.clone(),
        limits,
    };
    let stdin_inputs = a.inputs.iter().filter(|p| input::is_stdin(p)).count()
        + [&a.source, &a.target]
            .iter()
            .filter(|p| p.as_deref().is_some_and(input::is_stdin))
            .count();
    if stdin_inputs > 1 {
        return Err(Fatal(
            "standard input (`-`) can be read only once; give it as one input".into(),
        ));
    }
    let shard = match a.shard {
        Some((k, n)) => {
            let whose = match (&a.baseline, &a.write_baseline) {
                (_, Some(_)) => Some(("--write-baseline", "")),
                (Some(_), _) => Some(("--baseline", "")),
                _ if baseline_path.is_some() => Some((
                    "the configuration's `baseline`",
                    " (--isolated ignores the configuration)",
                )),
                _ => None,
            };
            if let Some((w, tip)) = whose {
                return Err(Fatal(format!(
                    "--shard: {w} applies to the whole run, not to one shard; apply it to the merged report: `paracheck merge --baseline FILE` or `--write-baseline FILE`{tip}"
                )));
            }
            Some(run::Shard {
                index: k - 1,
                count: n,
                key: crate::merge::shard_key(
                    &loaded,
                    &glossary_files,
                    &run_options,
                    &options,
                    &langs,
                    &read,
                    &ignore_patterns,
                    a.input_format,
                ),
            })
        }
        None => None,
    };
    let cfg = run::Config {
        inputs,
        langs,
        checker: Checker::new(options),
        keep_all_texts: html_all_pairs && format == report::Format::Html,
        progress: !a.quiet,
        ignore: ignore_patterns,
        read,
        shard,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Fatal(format!("cannot start worker threads: {e}")))?;

    // A new baseline records every current finding; no baseline is applied.
    let baseline = match (&a.write_baseline, &baseline_path) {
        (None, Some(p)) => Some(crate::baseline::read(p, limits.max_file_bytes).map_err(Fatal)?),
        _ => None,
    };
    let color = use_color(
        a.color,
        a.output.is_none() && std::io::stdout().is_terminal(),
        &|k| std::env::var_os(k),
    );
    let style = Style {
        color,
        all_pairs: html_all_pairs,
        width: if format == report::Format::Text {
            report::width::report_width(a.output.is_none())
        } else {
            None
        },
        html_page: a
            .html_max_findings
            .or(file.and_then(|f| f.html_max_findings))
            .unwrap_or(report::html_default_page()),
    };
    // `--statistics` replaces the report: the counts need the whole run.
    let statistics: Option<Box<dyn report::Report + Send>> = a.statistics.then(|| {
        Box::new(report::stats::Statistics {
            json: matches!(format, report::Format::Json | report::Format::Jsonl),
        }) as Box<dyn report::Report + Send>
    });
    // `paracheck check … | head`: the reader has what it wanted (as ripgrep).
    let to_stdout = a.output.is_none();
    if to_stdout {
        report::stdout_open().map_err(|e| Fatal(format!("cannot write the report: {e}")))?;
    }
    let quiet_pipe = |e: &OutputError| {
        to_stdout && matches!(e, OutputError::Report(e) if report::closed_pipe(e))
    };
    let output_error = |e: OutputError| match (e, &a.output, &a.write_baseline) {
        (OutputError::Baseline(e), _, Some(p)) => {
            Fatal(format!("{}: cannot write the baseline: {e}", p.display()))
        }
        (OutputError::Baseline(e), _, None) => Fatal(format!("cannot write the baseline: {e}")),
        (OutputError::Report(e), Some(p), _) => {
            Fatal(format!("{}: cannot write the report: {e}", p.display()))
        }
        (OutputError::Report(e), None, _) => Fatal(format!("cannot write the report: {e}")),
    };
    let mut out = Output::new(
        format,
        style,
        a.output.as_deref(),
        baseline,
        a.write_baseline.as_deref(),
        statistics,
    )
    .map_err(output_error)?;
    let result = pool.install(|| {
        run::run_with(&cfg, |e| match e {
            run::Event::Note(n) => {
                eprintln!("paracheck: note: {}", report::escape_controls(&n));
                Ok(())
            }
            run::Event::Batch(b) => out.batch(b),
        })
    });
    let mut result = match result {
        Ok(r) => r,
        Err(run::RunError::Input(e)) => return Err(Fatal(e.to_string())),
        Err(run::RunError::Sink(e)) if quiet_pipe(&e) => return Ok(ExitCode::SUCCESS),
        Err(run::RunError::Sink(e)) => return Err(output_error(e)),
    };
    result.options = run_options;
    let done = match out.finish(result) {
        Ok(d) => d,
        Err(e) if quiet_pipe(&e) => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(output_error(e)),
    };
    if let (Some(n), Some(p)) = (done.recorded, &a.write_baseline) {
        eprintln!(
            "paracheck: wrote {} to the baseline {}",
            report::plural(n, "finding", "findings"),
            p.display()
        );
    }
    if let Some(info) = &done.baseline {
        stale_note(info);
    }
    let failed = fail_on
        .threshold()
        .is_some_and(|t| done.tally.any_at_least(t))
        || max_findings.is_some_and(|n| done.tally.total() > n);
    Ok(if failed && !a.exit_zero && a.write_baseline.is_none() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Whether the text report is coloured. `--color always|never` decides; with
/// `auto`: `NO_COLOR` set and non-empty disables colour (no-color.org), then
/// `CLICOLOR_FORCE` set, non-empty and not `0` enables it even when stdout is not a
/// terminal, `TERM=dumb` or `CLICOLOR=0` disables it; otherwise colour when stdout
/// is a terminal.
pub fn use_color(
    choice: Color,
    to_terminal: bool,
    env: &dyn Fn(&str) -> Option<std::ffi::OsString>,
) -> bool {
    let set = |k: &str| env(k).filter(|v| !v.is_empty());
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            if set("NO_COLOR").is_some() {
                false
            } else if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                true
            } else if env("TERM").is_some_and(|v| v == "dumb")
                || set("CLICOLOR").is_some_and(|v| v == "0")
            {
                false
            } else {
                to_terminal
            }
        }
    }
}

/// The configuration file in force: `--config`, else the one found from the first
/// input, unless `--isolated`.
fn load_config(a: &CheckArgs) -> Result<Option<config::Loaded>, Fatal> {
    if a.isolated {
        return Ok(None);
    }
    let path = match &a.config {
        Some(p) => Some(p.clone()),
        None => {
            let first = a.inputs.first().or(a.source.as_ref());
            match (first, &a.stdin_filename) {
                // Standard input: from the directory of the name it goes by, else
                // from the working directory.
                (Some(f), Some(name)) if input::is_stdin(f) => {
                    config::discover(std::path::Path::new(name))?
                }
                (Some(f), _) => config::discover(f)?,
                (None, _) => None,
            }
        }
    };
    Ok(path.map(|p| config::Loaded::read(&p)).transpose()?)
}

/// Tells on stderr which baseline entries matched no finding.
pub(crate) fn stale_note(info: &report::BaselineInfo) {
    if info.stale.is_empty() {
        return;
    }
    eprintln!(
        "paracheck: note: {}: {} no finding any more (fixed, or the text changed); refresh it with --write-baseline",
        report::escape_controls(&info.path),
        if info.stale.len() == 1 {
            "1 entry matches".to_string()
        } else {
            format!("{} entries match", info.stale.len())
        }
    );
    const SHOWN: usize = 20;
    for e in info.stale.iter().take(SHOWN) {
        let esc = report::escape_controls;
        eprintln!(
            "  {} {} {}: {}",
            esc(&e.fingerprint),
            esc(&e.code),
            esc(&e.file),
            esc(&e.message)
        );
    }
    if info.stale.len() > SHOWN {
        eprintln!("  … and {} more", info.stale.len() - SHOWN);
    }
}

fn extract(a: ExtractArgs) -> Result<(), Fatal> {
    let lang = language(&a.lang, "--lang")?;
    let text = match (&a.file, &a.text) {
        (Some(p), _) => {
            let max = crate::limits::Limits::default().max_line_bytes;
            crate::limits::read_file(p, max).map_err(|e| {
                let at = e.line().map(|l| format!(":{l}")).unwrap_or_default();
                Fatal(format!(
                    "{}{at}: {}",
                    p.display(),
                    e.message("max-line-bytes")
                ))
            })?
        }
        (None, Some(t)) => t.clone(),
        (None, None) => return Err(Fatal("give a TEXT or --file".into())),
    };
    let mut mentions = lang::extract_quantities(lang, &text);
    mentions.extend(lang::extract_names(
        lang,
        &text,
        crate::gazetteer::Gazetteer::bundled(),
    ));
    mentions.sort_by_key(|m| (m.start, m.end));
    // Mentions hold byte offsets; the output shows character offsets.
    let chars = crate::text::CharIndex::new(&text);
    let mut out = String::new();
    match a.format {
        ExtractFormat::Json => {
            let doc = serde_json::json!({
                "lang": lang.code(),
                "mentions": mentions.iter().map(|m| m.to_json(&text, &chars)).collect::<Vec<_>>(),
            });
            out = format!("{doc}\n");
        }
        ExtractFormat::Text => {
            for m in &mentions {
                let weak = if m.strength == crate::extract::Strength::Weak {
                    " (weak)"
                } else {
                    ""
                };
                out.push_str(&format!(
                    "{}-{}\t{}\t{}\t{}{weak}\n",
                    chars.char_of(&text, m.start),
                    chars.char_of(&text, m.end),
                    m.kind.as_str(),
                    report::escape_controls(m.text),
                    m.display_value()
                ));
            }
        }
    }
    stdout(&out)
}

fn rules(a: RulesArgs) -> Result<(), Fatal> {
    let list: Vec<Rule> = match &a.rule {
        Some(r) => vec![
            Rule::find(r)
                .ok_or_else(|| Fatal(format!("unknown rule `{r}` (see `paracheck rules`)")))?,
        ],
        None => Rule::ALL.to_vec(),
    };
    let out = match a.format {
        RulesFormat::Markdown => crate::check::codes::markdown(),
        RulesFormat::Json => {
            let v: Vec<_> = list
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code(), "name": r.name(), "category": r.category().as_str(),
                        "severity": r.default_severity().as_str(), "doc": r.doc().trim(),
                    })
                })
                .collect();
            format!("{}\n", serde_json::to_string_pretty(&v)?)
        }
        RulesFormat::Text if a.rule.is_some() => {
            let r = list[0];
            let doc = r.doc().lines().map(str::trim).collect::<Vec<_>>().join(" ");
            let body: Vec<String> = report::width::wrap(doc.trim(), report::width::table_width());
            format!(
                "{} {} ({}, default {})\n\n{}\n",
                r.code(),
                r.name(),
                r.category().as_str(),
                r.default_severity(),
                body.join("\n")
            )
        }
        RulesFormat::Text => rules_table(&list, report::width::table_width()),
    };
    stdout(&out)
}

/// `paracheck rules`: code, name, category, default severity and the rule's
/// one-line description, wrapped to `width` under its column (or under the rule
/// when the width leaves less than 24 columns for it).
fn rules_table(list: &[Rule], width: usize) -> String {
    // `N001  number-mismatch        number    error    `
    const LEFT: usize = 4 + 2 + 22 + 1 + 9 + 1 + 7 + 2;
    let mut out = String::new();
    for r in list {
        let left = format!(
            "{}  {:<22} {:<9} {:<7}  ",
            r.code(),
            r.name(),
            r.category().as_str(),
            r.default_severity().as_str(),
        );
        let summary = report::rule_text(*r).1;
        if width < LEFT + 24 {
            // Too narrow for columns: the description under the rule, indented.
            out.push_str(left.trim_end());
            out.push('\n');
            for line in report::width::wrap(&summary, width.saturating_sub(6).max(10)) {
                out.push_str(&format!("      {line}\n"));
            }
            continue;
        }
        let lines = report::width::wrap(&summary, width - LEFT);
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                out.push_str(&left);
            } else {
                out.push_str(&" ".repeat(LEFT));
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn color(choice: Color, tty: bool, vars: &[(&str, &str)]) -> bool {
        let vars: Vec<(String, OsString)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        use_color(choice, tty, &|k| {
            vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn colour_follows_no_color_clicolor_force_and_term() {
        assert!(color(Color::Auto, true, &[]));
        assert!(!color(Color::Auto, false, &[]));
        // NO_COLOR: set and non-empty disables; empty is as if unset.
        assert!(!color(Color::Auto, true, &[("NO_COLOR", "1")]));
        assert!(color(Color::Auto, true, &[("NO_COLOR", "")]));
        // CLICOLOR_FORCE: non-zero forces colour into a pipe; NO_COLOR still wins.
        assert!(color(Color::Auto, false, &[("CLICOLOR_FORCE", "1")]));
        assert!(!color(Color::Auto, false, &[("CLICOLOR_FORCE", "0")]));
        assert!(!color(Color::Auto, false, &[("CLICOLOR_FORCE", "")]));
        assert!(!color(
            Color::Auto,
            true,
            &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "x")]
        ));
        // A dumb terminal, or CLICOLOR=0, gets none.
        assert!(!color(Color::Auto, true, &[("TERM", "dumb")]));
        assert!(!color(Color::Auto, true, &[("CLICOLOR", "0")]));
        assert!(color(Color::Auto, true, &[("TERM", "xterm-256color")]));
        // The flag wins over the environment.
        assert!(color(
            Color::Always,
            false,
            &[("NO_COLOR", "1"), ("TERM", "dumb")]
        ));
        assert!(!color(Color::Never, true, &[("CLICOLOR_FORCE", "1")]));
    }
}
