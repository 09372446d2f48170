//! Configuration files and how they combine with the command line.
//!
//! `paracheck check` looks for `paracheck.toml`, then `.paracheck.toml`, then a
//! `pyproject.toml` with a `[tool.paracheck]` table, in the directory of its first
//! input and then in each parent directory up to the filesystem root; the first
//! found is used. `--config FILE` names one explicitly, `--isolated` ignores them
//! all. Command-line flags override the file. Unknown keys, unknown rules and bad
//! patterns are errors naming the file, line and key. The reference is docs/ci.md.

use crate::check::DateOrder;
use crate::check::codes::Rule;
use crate::finding::Severity;
use crate::report;
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// File names looked for in each directory, in order.
pub const FILE_NAMES: &[&str] = &["paracheck.toml", ".paracheck.toml"];

/// When to exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Findings of severity error.
    Error,
    /// Findings of severity warning or error.
    Warning,
    /// Any finding.
    Info,
    /// Never fail because of findings (errors still exit 2).
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Info => "info",
            FailOn::Never => "never",
        }
    }
}

/// A rule's level in the `[rules]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

/// The keys of a configuration file (kebab-case), as read.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileConfig {
    pub source_lang: Option<String>,
    pub target_lang: Option<String>,
    pub fail_on: Option<FailOn>,
    pub max_findings: Option<usize>,
    pub date_order: Option<DateOrder>,
    pub document_date: Option<String>,
    #[serde(default)]
    pub select: Vec<Spanned<String>>,
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    #[serde(default)]
    pub rules: BTreeMap<Spanned<String>, Level>,
    #[serde(default)]
    pub glossary: Vec<PathBuf>,
    #[serde(default)]
    pub ignore_patterns: PatternsConfig,
    pub format: Option<report::Format>,
    pub html_all_pairs: Option<bool>,
    pub html_max_findings: Option<usize>,
    pub baseline: Option<PathBuf>,
    #[serde(default)]
    pub jsonl: JsonlConfig,
    #[serde(default)]
    pub limits: LimitsConfig,
}

/// A size in the configuration: bytes, or a string with a unit (`"64 MiB"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Size {
    Bytes(u64),
    Text(String),
}

/// `[limits]` as read (see [`crate::limits::Limits`]).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LimitsConfig {
    pub max_line_bytes: Option<Spanned<Size>>,
    pub max_file_bytes: Option<Spanned<Size>>,
    pub max_pair_bytes: Option<Spanned<Size>>,
    pub max_pair_findings: Option<Spanned<usize>>,
}

/// `[jsonl]` as read: the field names of JSONL records.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct JsonlConfig {
    pub source: Option<Spanned<String>>,
    pub target: Option<Spanned<String>>,
    pub id: Option<Spanned<String>>,
    pub pair_index: Option<Spanned<String>>,
    pub source_line: Option<Spanned<String>>,
    pub target_line: Option<Spanned<String>>,
}

/// `[ignore-patterns]` as read.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PatternsConfig {
    #[serde(default)]
    pub pair_id: Vec<Spanned<String>>,
    #[serde(default)]
    pub text: Vec<Spanned<String>>,
    #[serde(default)]
    pub fingerprint: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
struct Pyproject {
    tool: Option<PyTool>,
}

#[derive(Deserialize)]
struct PyTool {
    paracheck: Option<FileConfig>,
}

#[derive(Deserialize)]
struct PyprojectProbe {
    tool: Option<PyToolProbe>,
}

#[derive(Deserialize)]
struct PyToolProbe {
    paracheck: Option<serde::de::IgnoredAny>,
}

/// A configuration error: the message names the file, and the line and key where
/// there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// A configuration file that was read.
#[derive(Debug)]
pub struct Loaded {
    pub path: PathBuf,
    pub config: FileConfig,
    text: String,
}

/// Which rules run and what else to skip: what `ignore-patterns` says, compiled.
#[derive(Debug, Clone, Default)]
pub struct IgnorePatterns {
    /// A pair whose id matches one of these is not checked.
    pub pair_id: Vec<Regex>,
    /// A pair whose source or target text matches one of these is not checked, and an
    /// unpaired paragraph whose text matches is not reported.
    pub text: Vec<Regex>,
    /// Findings with these fingerprints are dropped.
    pub fingerprint: BTreeSet<String>,
}

impl IgnorePatterns {
    pub fn is_empty(&self) -> bool {
        self.pair_id.is_empty() && self.text.is_empty() && self.fingerprint.is_empty()
    }

    /// Whether a pair is left unchecked.
    pub fn skips_pair(&self, id: Option<&str>, source: &str, target: &str) -> bool {
        id.is_some_and(|id| self.pair_id.iter().any(|r| r.is_match(id)))
            || self
                .text
                .iter()
                .any(|r| r.is_match(source) || r.is_match(target))
    }

    /// Whether an unpaired paragraph is left unreported.
    pub fn skips_text(&self, text: &str) -> bool {
        self.text.iter().any(|r| r.is_match(text))
    }
}

/// The message for a `select`/`ignore` entry that names no rule.
pub fn unknown_rule(s: &str) -> String {
    format!(
        "unknown rule `{s}`: not a code, name or code prefix (codes {}; a prefix such as `N` or `E00` names a group; see `paracheck rules`)",
        Rule::code_ranges()
    )
}

/// A 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn show(path: &Path) -> String {
    relative(path).display().to_string()
}

/// `path` relative to the working directory when it lies below it (so that messages
/// and reports do not carry absolute paths), else as it is.
pub fn relative(path: &Path) -> PathBuf {
    if path.is_absolute()
        && let Ok(cwd) = std::env::current_dir()
        && let Ok(rest) = path.strip_prefix(&cwd)
    {
        return rest.to_path_buf();
    }
    path.to_path_buf()
}

impl Loaded {
    /// Reads a configuration file: `pyproject.toml` by its `[tool.paracheck]` table,
    /// any other name as a whole.
    pub fn read(path: &Path) -> Result<Loaded, ConfigError> {
        let text = read_config_text(path, "the configuration")?;
        Loaded::parse(path, text)
    }

    /// Reads the text of a configuration file named `path`.
    pub fn parse(path: &Path, text: String) -> Result<Loaded, ConfigError> {
        let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
        let parsed = if is_pyproject {
            toml::from_str::<Pyproject>(&text)
                .map(|p| p.tool.and_then(|t| t.paracheck).unwrap_or_default())
        } else {
            toml::from_str::<FileConfig>(&text)
        };
        let config = parsed.map_err(|e| {
            let at = match e.span() {
                Some(s) => {
                    let (l, c) = line_col(&text, s.start);
                    format!(":{l}:{c}")
                }
                None => String::new(),
            };
            ConfigError(format!(
                "{}{at}: {}",
                show(path),
                crate::limits::shorten(&e.message().trim().replace('\n', " "), 300)
            ))
        })?;
        Ok(Loaded {
            path: path.to_path_buf(),
            config,
            text,
        })
    }

    /// `FILE:LINE: ` for a spanned value.
    fn at<T>(&self, v: &Spanned<T>) -> String {
        let (l, _) = line_col(&self.text, v.span().start);
        format!("{}:{l}", show(&self.path))
    }

    /// The directory relative paths in the file are resolved against.
    pub fn dir(&self) -> PathBuf {
        let abs = std::path::absolute(&self.path).unwrap_or_else(|_| self.path.clone());
        abs.parent().map(Path::to_path_buf).unwrap_or_default()
    }

    /// `select`/`ignore`: codes, names or code prefixes (`N`, `E00`), as on the
    /// command line.
    fn rules(&self, list: &[Spanned<String>], key: &str) -> Result<Vec<Rule>, ConfigError> {
        let mut out = Vec::new();
        for s in list {
            let rules = Rule::matching(s.get_ref()).ok_or_else(|| {
                ConfigError(format!(
                    "{}: {key}: {}",
                    self.at(s),
                    unknown_rule(&crate::limits::shorten(s.get_ref(), 80))
                ))
            })?;
            out.extend(rules);
        }
        Ok(out)
    }

    /// The `[rules]` table with rules resolved.
    pub fn levels(&self) -> Result<BTreeMap<Rule, Level>, ConfigError> {
        let mut out = BTreeMap::new();
        for (k, v) in &self.config.rules {
            let r = Rule::find(k.get_ref().trim()).ok_or_else(|| {
                ConfigError(format!(
                    "{}: rules: unknown rule `{}` (see `paracheck rules`)",
                    self.at(k),
                    crate::limits::shorten(k.get_ref(), 80)
                ))
            })?;
            out.insert(r, *v);
        }
        Ok(out)
    }

    pub fn select(&self) -> Result<Vec<Rule>, ConfigError> {
        self.rules(&self.config.select, "select")
    }

    pub fn ignore(&self) -> Result<Vec<Rule>, ConfigError> {
        self.rules(&self.config.ignore, "ignore")
    }

    /// `[ignore-patterns]`, compiled.
    pub fn patterns(&self) -> Result<IgnorePatterns, ConfigError> {
        let p = &self.config.ignore_patterns;
        let compile = |list: &[Spanned<String>], key: &str| -> Result<Vec<Regex>, ConfigError> {
            list.iter()
                .map(|s| {
                    Regex::new(s.get_ref()).map_err(|e| {
                        let msg = e.to_string();
                        let last = msg.lines().last().unwrap_or("").trim().to_string();
                        ConfigError(format!(
                            "{}: ignore-patterns.{key}: invalid regular expression `{}`: {}",
                            self.at(s),
                            crate::limits::shorten(s.get_ref(), 80),
                            crate::limits::shorten(&last, 200)
                        ))
                    })
                })
                .collect()
        };
        let mut fingerprint = BTreeSet::new();
        for f in &p.fingerprint {
            let v = f.get_ref().trim().to_ascii_lowercase();
            if v.len() != 16 || !v.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(ConfigError(format!(
                    "{}: ignore-patterns.fingerprint: `{}` is not a fingerprint (16 hex digits)",
                    self.at(f),
                    crate::limits::shorten(f.get_ref(), 80)
                )));
            }
            fingerprint.insert(v);
        }
        Ok(IgnorePatterns {
            pair_id: compile(&p.pair_id, "pair-id")?,
            text: compile(&p.text, "text")?,
            fingerprint,
        })
    }

    /// The field names of JSONL records: `[jsonl]` over the defaults. Names must be
    /// non-empty and distinct.
    pub fn jsonl(&self) -> Result<crate::input::JsonlFields, ConfigError> {
        let c = &self.config.jsonl;
        let mut f = crate::input::JsonlFields::default();
        let keys: [(&Option<Spanned<String>>, &str, &mut String); 6] = [
            (&c.source, "source", &mut f.source),
            (&c.target, "target", &mut f.target),
            (&c.id, "id", &mut f.id),
            (&c.pair_index, "pair-index", &mut f.pair_index),
            (&c.source_line, "source-line", &mut f.source_line),
            (&c.target_line, "target-line", &mut f.target_line),
        ];
        let mut seen: Vec<(String, &str, Option<&Spanned<String>>)> = Vec::new();
        for (given, key, slot) in keys {
            if let Some(v) = given {
                if v.get_ref().is_empty() {
                    return Err(ConfigError(format!(
                        "{}: jsonl.{key}: a field name cannot be empty",
                        self.at(v)
                    )));
                }
                *slot = v.get_ref().clone();
            }
            if let Some((_, other, other_given)) = seen.iter().find(|(n, _, _)| n == slot) {
                // Named at the key that was set (both cannot be defaults).
                let at = given
                    .as_ref()
                    .or(*other_given)
                    .map_or_else(|| show(&self.path), |v| self.at(v));
                return Err(ConfigError(format!(
                    "{at}: jsonl: `{}` names two fields, {other} and {key}",
                    crate::limits::shorten(slot, 80)
                )));
            }
            seen.push((slot.clone(), key, given.as_ref()));
        }
        Ok(f)
    }

    /// `[limits]` over the defaults. Limits must be at least 1.
    pub fn limits(&self) -> Result<crate::limits::Limits, ConfigError> {
        let c = &self.config.limits;
        let mut l = crate::limits::Limits::default();
        let size = |v: &Option<Spanned<Size>>, key: &str, slot: &mut u64| {
            let Some(v) = v else { return Ok(()) };
            let n = match v.get_ref() {
                Size::Bytes(n) => *n,
                Size::Text(t) => crate::limits::parse_size(t)
                    .map_err(|e| ConfigError(format!("{}: limits.{key}: {e}", self.at(v))))?,
            };
            if n == 0 {
                return Err(ConfigError(format!(
                    "{}: limits.{key}: must be at least 1 byte",
                    self.at(v)
                )));
            }
            *slot = n;
            Ok(())
        };
        size(&c.max_line_bytes, "max-line-bytes", &mut l.max_line_bytes)?;
        size(&c.max_file_bytes, "max-file-bytes", &mut l.max_file_bytes)?;
        size(&c.max_pair_bytes, "max-pair-bytes", &mut l.max_pair_bytes)?;
        if let Some(v) = &c.max_pair_findings {
            if *v.get_ref() == 0 {
                return Err(ConfigError(format!(
                    "{}: limits.max-pair-findings: must be at least 1",
                    self.at(v)
                )));
            }
            l.max_pair_findings = *v.get_ref();
        }
        Ok(l)
    }

    /// A path from the file, resolved against the file's directory.
    pub fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            relative(&self.dir().join(p))
        }
    }
}

/// Finds the configuration file for an input: the first of [`FILE_NAMES`] or a
/// `pyproject.toml` with `[tool.paracheck]`, in the input's directory or the
/// nearest parent that has one.
pub fn discover(input: &Path) -> Result<Option<PathBuf>, ConfigError> {
    let abs = std::path::absolute(input).unwrap_or_else(|_| input.to_path_buf());
    let start = if abs.is_dir() {
        abs
    } else {
        abs.parent().map(Path::to_path_buf).unwrap_or(abs)
    };
    for dir in start.ancestors() {
        for name in FILE_NAMES {
            let p = dir.join(name);
            if p.is_file() {
                return Ok(Some(p));
            }
        }
        let py = dir.join("pyproject.toml");
        if py.is_file() {
            let text = read_config_text(&py, "it")?;
            let probe: PyprojectProbe = toml::from_str(&text).map_err(|e| {
                ConfigError(format!(
                    "{}: not valid TOML: {}",
                    show(&py),
                    e.message().trim()
                ))
            })?;
            if probe.tool.and_then(|t| t.paracheck).is_some() {
                return Ok(Some(py));
            }
        }
    }
    Ok(None)
}

/// Reads a configuration file's text, at most [`crate::limits::MAX_CONFIG_BYTES`].
fn read_config_text(path: &Path, what: &str) -> Result<String, ConfigError> {
    use crate::limits::ReadError;
    crate::limits::read_file(path, crate::limits::MAX_CONFIG_BYTES).map_err(|e| {
        let at = e.line().map(|l| format!(":{l}")).unwrap_or_default();
        ConfigError(match e {
            ReadError::Io(e) => format!("{}: cannot read {what}: {e}", show(path)),
            ReadError::TooLarge { limit } => format!(
                "{}: larger than {}, too large for a configuration file",
                show(path),
                crate::limits::size(limit)
            ),
            e => format!("{}{at}: {}", show(path), e),
        })
    })
}

/// The rules that run and their severities: every rule at its default severity,
/// then the `[rules]` levels (`off` disables), then only `select` if it is not
/// empty, minus `ignore`.
pub fn severities(
    levels: &BTreeMap<Rule, Level>,
    select: &[Rule],
    ignore: &[Rule],
) -> BTreeMap<Rule, Severity> {
    Rule::ALL
        .iter()
        .filter(|r| select.is_empty() || select.contains(r))
        .filter(|r| !ignore.contains(r))
        .filter_map(|r| {
            let sev = match levels.get(r) {
                None => r.default_severity(),
                Some(Level::Error) => Severity::Error,
                Some(Level::Warning) => Severity::Warning,
                Some(Level::Info) => Severity::Info,
                Some(Level::Off) => return None,
            };
            Some((*r, sev))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Loaded, ConfigError> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("paracheck.toml");
        std::fs::write(&p, text).unwrap();
        Loaded::read(&p)
    }

    #[test]
    fn reads_every_key() {
        let l = load(
            r#"
source-lang = "en"
target-lang = "zh"
fail-on = "warning"
max-findings = 3
date-order = "dmy"
select = ["N001", "number-missing", "D001", "A001"]
ignore = ["A001"]
glossary = ["terms.tsv"]
format = "html"
html-all-pairs = true
html-max-findings = 200
baseline = "baseline.json"

[rules]
N002 = "error"
D001 = "off"

[ignore-patterns]
pair-id = ["^draft-"]
text = ["Share this page"]
fingerprint = ["3F4C356403E539BB"]
"#,
        )
        .unwrap();
        let c = &l.config;
        assert_eq!(c.fail_on, Some(FailOn::Warning));
        assert_eq!(c.format, Some(report::Format::Html));
        assert_eq!(c.html_max_findings, Some(200));
        let sev = severities(
            &l.levels().unwrap(),
            &l.select().unwrap(),
            &l.ignore().unwrap(),
        );
        assert_eq!(
            sev.into_iter().collect::<Vec<_>>(),
            vec![
                (Rule::NumberMismatch, Severity::Error),
                (Rule::NumberMissing, Severity::Error)
            ]
        );
        let p = l.patterns().unwrap();
        assert!(p.skips_pair(Some("draft-7"), "", ""));
        assert!(!p.skips_pair(Some("final-7"), "a", "b"));
        assert!(p.skips_text("Share this page"));
        assert!(p.fingerprint.contains("3f4c356403e539bb"));
        assert!(l.resolve(Path::new("terms.tsv")).ends_with("terms.tsv"));
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let e = load("fail-on = \"error\"\ncolour = true\n").unwrap_err().0;
        assert!(e.contains("paracheck.toml:2:1"), "{e}");
        assert!(e.contains("unknown field `colour`"), "{e}");
        let e = load("[ignore-patterns]\npair = [\"x\"]\n").unwrap_err().0;
        assert!(
            e.contains("paracheck.toml:2:1") && e.contains("`pair`"),
            "{e}"
        );
        let e = load("fail-on = \"loud\"\n").unwrap_err().0;
        assert!(e.contains(":1:") && e.contains("loud"), "{e}");
        let l = load("\n[rules]\nN999 = \"error\"\n").unwrap();
        let e = l.levels().unwrap_err().0;
        assert!(
            e.contains("paracheck.toml:3: rules: unknown rule `N999`"),
            "{e}"
        );
        let l = load("select = [\"N001\",\n  \"nope\"]\n").unwrap();
        let e = l.select().unwrap_err().0;
        assert!(
            e.contains("paracheck.toml:2: select: unknown rule `nope`"),
            "{e}"
        );
        let l = load("[ignore-patterns]\ntext = [\"(unclosed\"]\n").unwrap();
        let e = l.patterns().unwrap_err().0;
        assert!(
            e.contains("paracheck.toml:2: ignore-patterns.text: invalid regular expression"),
            "{e}"
        );
        let l = load("[ignore-patterns]\nfingerprint = [\"xyz\"]\n").unwrap();
        assert!(l.patterns().unwrap_err().0.contains("16 hex digits"));
        let e = load("[rules]\nN001 = \"loud\"\n").unwrap_err().0;
        assert!(e.contains(":2:") && e.contains("loud"), "{e}");
        let e = load("not toml at all [").unwrap_err().0;
        assert!(e.contains("paracheck.toml:1:"), "{e}");
    }

    #[test]
    fn discovery_walks_up_and_reads_pyproject() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        let input = deep.join("x.tsv");
        std::fs::write(&input, "a\tb\n").unwrap();
        // A pyproject.toml without [tool.paracheck] is passed over.
        std::fs::write(deep.join("pyproject.toml"), "[tool.ruff]\nx = 1\n").unwrap();
        assert_eq!(discover(&input).unwrap(), None);
        std::fs::write(dir.path().join(".paracheck.toml"), "fail-on = \"info\"\n").unwrap();
        assert_eq!(
            discover(&input).unwrap(),
            Some(dir.path().join(".paracheck.toml"))
        );
        std::fs::write(
            dir.path().join("a/pyproject.toml"),
            "[project]\nname = \"x\"\n[tool.paracheck]\nfail-on = \"never\"\n",
        )
        .unwrap();
        let found = discover(&input).unwrap().unwrap();
        assert_eq!(found, dir.path().join("a/pyproject.toml"));
        let l = Loaded::read(&found).unwrap();
        assert_eq!(l.config.fail_on, Some(FailOn::Never));
        std::fs::write(
            dir.path().join("a/pyproject.toml"),
            "[tool.paracheck]\nfail-on = \"never\"\nbogus = 1\n",
        )
        .unwrap();
        let e = Loaded::read(&found).unwrap_err().0;
        assert!(
            e.contains("pyproject.toml:3:1") && e.contains("bogus"),
            "{e}"
        );
        // paracheck.toml wins over .paracheck.toml in the same directory.
        std::fs::write(deep.join("paracheck.toml"), "").unwrap();
        assert_eq!(discover(&input).unwrap(), Some(deep.join("paracheck.toml")));
    }
}
