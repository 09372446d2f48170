//! User glossaries (`--glossary FILE`): required term pairs and forbidden target
//! terms.
//!
//! Formats:
//! - CSV or TSV (`.csv`, `.tsv`, `.txt`): `source,target[,note]` per row, an optional
//!   header row naming the columns. A row whose note is `forbidden` (or
//!   `deprecated`, `do not use`) forbids its target term; its source term may then
//!   be empty.
//! - TBX basic (`.tbx`, `.xml`): `termEntry` (TBX v3: `conceptEntry`) elements
//!   holding `langSet xml:lang` (`langSec`) with `tig/term` (`ntig/termGrp/term`,
//!   `termSec/term`); a term whose
//!   `termNote type="administrativeStatus"` is `deprecatedTerm-admn-sts` or
//!   `supersededTerm-admn-sts` is forbidden.

use quick_xml::events::Event;
use std::path::Path;

/// One term in one language of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Language code for TBX terms; `None` for CSV/TSV terms, whose column says
    /// whether they are source or target.
    pub lang: Option<String>,
    /// For CSV/TSV: true for the target column.
    pub target_column: bool,
    pub text: String,
    pub forbidden: bool,
}

/// One glossary entry: terms that translate each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub terms: Vec<Term>,
    pub note: Option<String>,
    /// Where the entry was read, for messages: `terms.csv:12`.
    pub origin: String,
}

#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    /// The automata that find every term in a text in one pass, built on first use.
    index: std::sync::OnceLock<std::sync::Arc<TermIndex>>,
}

impl PartialEq for Glossary {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl Eq for Glossary {}

/// Every term of a glossary in two automata: lowercased (for terms matched
/// without case) and as written.
#[derive(Debug)]
pub struct TermIndex {
    pub folded: aho_corasick::AhoCorasick,
    pub exact: aho_corasick::AhoCorasick,
    /// For each term (entry, term): its pattern in both automata.
    pub pattern: foldhash::HashMap<(usize, usize), usize>,
}

impl Glossary {
    /// A glossary of these entries.
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        Glossary {
            entries,
            ..Default::default()
        }
    }

    /// The term automata (built once).
    pub fn index(&self) -> &TermIndex {
        self.index.get_or_init(|| {
            let mut texts: Vec<&str> = Vec::new();
            let mut at: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
            let mut pattern = foldhash::HashMap::default();
            for (e, entry) in self.entries.iter().enumerate() {
                for (t, term) in entry.terms.iter().enumerate() {
                    let p = *at.entry(term.text.as_str()).or_insert_with(|| {
                        texts.push(term.text.as_str());
                        texts.len() - 1
                    });
                    pattern.insert((e, t), p);
                }
            }
            let build = |pats: Vec<String>| {
                aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::Standard)
                    .build(pats)
                    .expect("term automaton")
            };
            std::sync::Arc::new(TermIndex {
                folded: build(texts.iter().map(|t| t.to_lowercase()).collect()),
                exact: build(texts.iter().map(|t| t.to_string()).collect()),
                pattern,
            })
        })
    }
}

/// A glossary file that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}{}: {message}", .line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct GlossaryError {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

fn forbidden_note(note: &str) -> bool {
    matches!(
        note.trim().to_ascii_lowercase().as_str(),
        "forbidden" | "deprecated" | "do not use" | "do-not-use"
    )
}

impl Glossary {
    /// Reads glossary files and merges their entries.
    pub fn load(paths: &[impl AsRef<Path>]) -> Result<Glossary, GlossaryError> {
        Glossary::load_limited(paths, crate::limits::Limits::default().max_file_bytes)
    }

    /// Reads glossary files of at most `max` bytes each and merges their entries.
    pub fn load_limited(paths: &[impl AsRef<Path>], max: u64) -> Result<Glossary, GlossaryError> {
        let mut g = Glossary::default();
        for p in paths {
            let p = p.as_ref();
            let text = crate::limits::read_file(p, max).map_err(|e| GlossaryError {
                path: p.display().to_string(),
                line: e.line(),
                message: e.message("max-file-bytes in [limits] of the configuration"),
            })?;
            let entries = Glossary::parse(p, &text)?;
            if entries.is_empty() {
                return Err(GlossaryError {
                    path: p.display().to_string(),
                    line: None,
                    message: "no terms".into(),
                });
            }
            g.entries.extend(entries);
        }
        Ok(g)
    }

    /// The entries of one glossary file's text; `path`'s extension says its format
    /// (`.tbx`, `.xml`: TBX; `.tsv`, `.tab`, `.txt`: TSV; anything else: CSV).
    pub fn parse(path: &Path, text: &str) -> Result<Vec<Entry>, GlossaryError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match ext.as_str() {
            "tbx" | "xml" => read_tbx(path, text),
            "tsv" | "tab" | "txt" => read_delimited(path, text, b'\t'),
            _ => read_delimited(path, text, b','),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn read_delimited(path: &Path, text: &str, delimiter: u8) -> Result<Vec<Entry>, GlossaryError> {
    let name = path.display().to_string();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .quoting(delimiter == b',')
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    // Lines are counted forwards from the last record, never from the start.
    let (mut seen_at, mut seen_line) = (0usize, 1usize);
    for (k, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| GlossaryError {
            path: name.clone(),
            line: e.position().map(|p| p.line() as usize),
            message: format!("malformed row: {e}"),
        })?;
        // The reader's position is where it started looking for the record, before
        // any blank or comment lines: step over them to the record's own line.
        let line = rec.position().map_or(k + 1, |p| {
            let mut at = (p.byte() as usize).min(text.len());
            while let Some(end) = text[at..].find('\n') {
                let l = text[at..at + end].trim();
                if !(l.is_empty() || l.starts_with('#')) {
                    break;
                }
                at += end + 1;
            }
            let at = at.max(seen_at);
            seen_line += memchr::memchr_iter(b'\n', &text.as_bytes()[seen_at..at]).count();
            seen_at = at;
            seen_line
        });
        let f: Vec<&str> = rec.iter().map(str::trim).collect();
        if f.iter().all(|x| x.is_empty()) {
            continue;
        }
        if k == 0 && f.first().is_some_and(|x| x.eq_ignore_ascii_case("source")) {
            continue; // header
        }
        if f.len() < 2 || f.len() > 3 {
            return Err(GlossaryError {
                path: name.clone(),
                line: Some(line),
                message: format!(
                    "expected source, target and an optional note, found {} fields",
                    f.len()
                ),
            });
        }
        let note = f.get(2).filter(|n| !n.is_empty()).map(|n| n.to_string());
        let forbidden = note.as_deref().is_some_and(forbidden_note);
        if f[1].is_empty() || (f[0].is_empty() && !forbidden) {
            return Err(GlossaryError {
                path: name.clone(),
                line: Some(line),
                message:
                    "empty term (a source term may only be left empty for a forbidden target term)"
                        .into(),
            });
        }
        let mut terms = Vec::new();
        if !f[0].is_empty() {
            terms.push(Term {
                lang: None,
                target_column: false,
                text: f[0].to_string(),
                forbidden: false,
            });
        }
        terms.push(Term {
            lang: None,
            target_column: true,
            text: f[1].to_string(),
            forbidden,
        });
        out.push(Entry {
            terms,
            note,
            origin: format!("{name}:{line}"),
        });
    }
    Ok(out)
}

fn read_tbx(path: &Path, text: &str) -> Result<Vec<Entry>, GlossaryError> {
    let name = path.display().to_string();
    // The line of the reader's position, counted forwards from the last one asked.
    let lines = std::cell::Cell::new((0usize, 1usize));
    let line_at = |reader: &quick_xml::Reader<&[u8]>| {
        let pos = (reader.buffer_position() as usize).min(text.len());
        let (at, line) = lines.get();
        let line = if pos >= at {
            line + memchr::memchr_iter(b'\n', &text.as_bytes()[at..pos]).count()
        } else {
            memchr::memchr_iter(b'\n', &text.as_bytes()[..pos]).count() + 1
        };
        lines.set((pos, line));
        line
    };
    let err = |reader: &quick_xml::Reader<&[u8]>, message: String| GlossaryError {
        path: name.clone(),
        line: Some(line_at(reader)),
        message,
    };
    let mut rules = crate::xml::Rules::default();
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut out = Vec::new();
    let mut entry: Option<Entry> = None;
    let mut lang: Option<String> = None;
    let mut in_term = false;
    let mut in_status = false;
    let mut term = String::new();
    loop {
        let ev = reader.read_event().map_err(|e| {
            err(
                &reader,
                format!(
                    "malformed TBX: {}",
                    crate::limits::shorten(&e.to_string(), 200)
                ),
            )
        })?;
        rules.check(&ev).map_err(|m| err(&reader, m))?;
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let tag = e.local_name();
                match tag.as_ref() {
                    "termEntry" | "conceptEntry" => {
                        let line = line_at(&reader);
                        entry = Some(Entry {
                            terms: Vec::new(),
                            note: None,
                            origin: format!("{name}:{line}"),
                        });
                    }
                    "langSet" | "langSec" => {
                        lang = match e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == "lang")
                        {
                            Some(a) => Some(
                                crate::xml::attribute(&a)
                                    .map_err(|m| err(&reader, m))?
                                    .to_ascii_lowercase(),
                            ),
                            None => None,
                        };
                    }
                    "term" => {
                        in_term = true;
                        term.clear();
                    }
                    "termNote" => {
                        in_status = e.attributes().flatten().any(|a| {
                            a.key.as_ref() == "type" && a.value.as_ref() == "administrativeStatus"
                        });
                    }
                    _ => {}
                }
            }
            Event::GeneralRef(r) if in_term => {
                // `&amp;`, `&#x4E2D;`: entity references arrive as their own events
                // (any other was refused above).
                term.push_str(&crate::xml::reference(&r).map_err(|m| err(&reader, m))?);
            }
            Event::Text(t) => {
                let s = t.into_inner();
                if in_term {
                    term.push_str(&s);
                } else if in_status
                    && matches!(
                        s.trim(),
                        "deprecatedTerm-admn-sts" | "supersededTerm-admn-sts"
                    )
                    && let Some(last) = entry.as_mut().and_then(|e| e.terms.last_mut())
                {
                    last.forbidden = true;
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "term" => {
                    in_term = false;
                    let Some(en) = entry.as_mut() else { continue };
                    let Some(l) = lang.clone() else {
                        return Err(err(
                            &reader,
                            "a term outside a langSet with xml:lang".into(),
                        ));
                    };
                    if !term.trim().is_empty() {
                        en.terms.push(Term {
                            lang: Some(l),
                            target_column: false,
                            text: term.trim().to_string(),
                            forbidden: false,
                        });
                    }
                }
                "termNote" => in_status = false,
                "termEntry" | "conceptEntry" => {
                    if let Some(en) = entry.take().filter(|e| !e.terms.is_empty()) {
                        out.push(en);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file(ext: &str, body: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::Builder::new().suffix(ext).tempfile().unwrap();
        f.write_all(body.as_bytes()).unwrap();
        f
    }

    #[test]
    fn csv_with_header_and_forbidden_terms() {
        let f = file(
            ".csv",
            "source,target,note\nBelt and Road Initiative,一带一路倡议,\n,一带一路战略,forbidden\n",
        );
        let g = Glossary::load(&[f.path()]).unwrap();
        assert_eq!(g.entries.len(), 2);
        assert_eq!(g.entries[0].terms.len(), 2);
        assert!(g.entries[1].terms[0].forbidden && g.entries[1].terms[0].target_column);
    }

    #[test]
    fn tbx_basic() {
        let f = file(
            ".tbx",
            r#"<?xml version="1.0"?><martif type="TBX-Basic"><text><body>
<termEntry id="1"><langSet xml:lang="en"><tig><term>Shanghai Cooperation Organization</term></tig></langSet>
<langSet xml:lang="zh"><tig><term>上海合作组织</term></tig><tig><term>上合组织</term></tig>
<tig><term>上海合作组织机构</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet></termEntry>
</body></text></martif>"#,
        );
        let g = Glossary::load(&[f.path()]).unwrap();
        let t = &g.entries[0].terms;
        assert_eq!(t.len(), 4);
        assert_eq!(t[0].lang.as_deref(), Some("en"));
        assert!(t[3].forbidden && !t[1].forbidden);
    }

    #[test]
    fn bad_files_name_file_and_line() {
        let f = file(".csv", "source,target\nonly one\n");
        let e = Glossary::load(&[f.path()]).unwrap_err().to_string();
        assert!(
            e.ends_with(":2: expected source, target and an optional note, found 1 fields"),
            "{e}"
        );
        let f = file(
            ".tbx",
            "<martif><termEntry><langSet xml:lang='en'><term>x</langSet></martif>",
        );
        assert!(Glossary::load(&[f.path()]).is_err());
        assert!(
            Glossary::load(&["/nonexistent/terms.csv"])
                .unwrap_err()
                .to_string()
                .contains("cannot read")
        );
    }
}
