//! The command-line interface. `main.rs` only calls [`main`].

use crate::check::codes::Rule;
use crate::check::{Checker, DateOrder, Options};
use crate::finding::Severity;
use crate::input::{self, Input, LangChoice};
use crate::lang::{self, Language};
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
pub enum Command {
    /// Check aligned pairs and report mismatches.
    Check(CheckArgs),
    /// Print the numbers and dates found in one text (for debugging and conformance).
    Extract(ExtractArgs),
    /// List the rules, or explain one.
    Rules(RulesArgs),
}

/// When to fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

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
  FILE.tsv             source<TAB>target or id<TAB>source<TAB>target per line
  FILE.csv             RFC 4180 CSV with a header naming source and target (and id)
  --source A --target B  two line-aligned files

Exit status: 0 no finding at or above --fail-on, 1 findings at or above it,
2 usage, input or configuration error.")]
pub struct CheckArgs {
    /// Input files (format from the extension; see --input-format).
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

    /// Source language (`en`, `zh`); detected from the text when not given.
    #[arg(long, value_name = "LANG")]
    pub source_lang: Option<String>,

    /// Target language (`en`, `zh`); detected from the text when not given.
    #[arg(long, value_name = "LANG")]
    pub target_lang: Option<String>,

    /// Report format.
    #[arg(long, short = 'f', value_enum, default_value_t = report::Format::Text)]
    pub format: report::Format,

    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit with status 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Read numeric dates like 03/02/2022 month-first (mdy) or day-first (dmy)
    /// instead of reporting them as ambiguous.
    #[arg(long, value_enum)]
    pub date_order: Option<DateOrder>,

    /// Only run these rules (codes or names, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Do not run these rules (codes or names, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    /// Colour in the text report.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    /// Do not show a progress bar (it is only shown when stderr is a terminal).
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
        Command::Rules(a) => rules(a).map(|_| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(msg)) => {
            eprintln!("paracheck: error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn language(code: &str, flag: &str) -> Result<&'static dyn Language, Fatal> {
    lang::by_code(code).ok_or_else(|| {
        Fatal(format!(
            "{flag}: unsupported language `{code}` (supported: {})",
            lang::supported_codes()
        ))
    })
}

fn rule_list(items: &[String], flag: &str) -> Result<Vec<Rule>, Fatal> {
    items
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            Rule::find(s.trim()).ok_or_else(|| {
                Fatal(format!(
                    "{flag}: unknown rule `{s}` (see `paracheck rules`)"
                ))
            })
        })
        .collect()
}

fn check(a: CheckArgs) -> Result<ExitCode, Fatal> {
    let mut inputs: Vec<Input> = a
        .inputs
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
    let langs = LangChoice {
        source: a
            .source_lang
            .as_deref()
            .map(|c| language(c, "--source-lang"))
            .transpose()?,
        target: a
            .target_lang
            .as_deref()
            .map(|c| language(c, "--target-lang"))
            .transpose()?,
    };
    let mut options = Options {
        date_order: a.date_order,
        ..Options::default()
    };
    let select = rule_list(&a.select, "--select")?;
    if !select.is_empty() {
        options.severities.retain(|r, _| select.contains(r));
    }
    for r in rule_list(&a.ignore, "--ignore")? {
        options.severities.remove(&r);
    }
    let mut run_options = vec![(
        "fail-on".to_string(),
        format!("{:?}", a.fail_on).to_lowercase(),
    )];
    if let Some(o) = a.date_order {
        run_options.push(("date-order".into(), format!("{o:?}").to_lowercase()));
    }
    let cfg = run::Config {
        inputs,
        langs,
        checker: Checker::new(options),
        keep_all_texts: false,
        progress: !a.quiet,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.unwrap_or(0))
        .build()
        .map_err(|e| Fatal(format!("cannot start worker threads: {e}")))?;
    let mut result = pool.install(|| run::run(&cfg))?;
    result.options = run_options;
    let color = match a.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            a.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let writer = report::writer(a.format, Style { color });
    report::emit(writer.as_ref(), &result, a.output.as_deref()).map_err(|e| match &a.output {
        Some(p) => Fatal(format!("{}: cannot write the report: {e}", p.display())),
        None => Fatal(format!("cannot write the report: {e}")),
    })?;
    let failed = a
        .fail_on
        .threshold()
        .is_some_and(|t| result.findings.iter().any(|f| f.severity >= t));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn extract(a: ExtractArgs) -> Result<(), Fatal> {
    let lang = language(&a.lang, "--lang")?;
    let text = match (&a.file, &a.text) {
        (Some(p), _) => {
            let s = std::fs::read(p)
                .map_err(|e| Fatal(format!("{}: cannot read: {e}", p.display())))?;
            String::from_utf8(s).map_err(|_| Fatal(format!("{}: not UTF-8 text", p.display())))?
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
    match a.format {
        ExtractFormat::Json => {
            let doc = serde_json::json!({
                "lang": lang.code(),
                "mentions": mentions.iter().map(|m| m.to_json()).collect::<Vec<_>>(),
            });
            println!("{doc}");
        }
        ExtractFormat::Text => {
            for m in &mentions {
                let weak = if m.strength == crate::extract::Strength::Weak {
                    " (weak)"
                } else {
                    ""
                };
                println!(
                    "{}-{}\t{}\t{}\t{}{weak}",
                    m.start,
                    m.end,
                    m.kind.as_str(),
                    m.text,
                    m.display_value()
                );
            }
        }
    }
    Ok(())
}

fn rules(a: RulesArgs) -> Result<(), Fatal> {
    let list: Vec<Rule> = match &a.rule {
        Some(r) => vec![
            Rule::find(r)
                .ok_or_else(|| Fatal(format!("unknown rule `{r}` (see `paracheck rules`)")))?,
        ],
        None => Rule::ALL.to_vec(),
    };
    match a.format {
        RulesFormat::Markdown => print!("{}", crate::check::codes::markdown()),
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
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        RulesFormat::Text if a.rule.is_some() => {
            let r = list[0];
            println!(
                "{} {} ({}, default {})\n",
                r.code(),
                r.name(),
                r.category().as_str(),
                r.default_severity()
            );
            println!(
                "{}",
                r.doc()
                    .lines()
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        RulesFormat::Text => {
            for r in list {
                println!(
                    "{}  {:<22} {:<9} {:<7}  {}",
                    r.code(),
                    r.name(),
                    r.category().as_str(),
                    r.default_severity().as_str(),
                    r.summary()
                );
            }
        }
    }
    Ok(())
}
