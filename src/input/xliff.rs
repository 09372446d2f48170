//! XLIFF 1.2 (and 1.0, 1.1) and 2.x, told apart by the root's `version` (or its
//! namespace). One pair per unit: `<trans-unit>` (1.x) or `<unit>` (2.x), its id
//! the pair id, after the `<file>`'s `original` when there is one
//! (`guide.html#12`).
//!
//! - 1.x: `<source>` (or `<seg-source>`, with its `<mrk mtype="seg">` segments,
//!   where present) and `<target>`; `<alt-trans>`, notes and context are read
//!   past.
//! - 2.x: the `<segment>`s and `<ignorable>`s of a unit joined in order, each with
//!   its `<source>` and `<target>`.
//!
//! Units with `translate="no"` (on the unit or inherited from its group or file)
//! are skipped and counted; a unit without a target is a pair with an empty
//! target. Inline codes (`<x/>`, `<bx/>`, `<ex/>`, `<ph>`, `<bpt>`, `<ept>`,
//! `<it>`, `<sc/>`, `<ec/>`, `<cp/>`, `<sm/>`, `<em/>`) are left out of the text
//! with their content; `<g>`, `<pc>` and `<mrk>` keep their text.

use super::xml::{Ev, Xml};
use super::{InputError, RawPair};

/// Inline elements whose content is native code, not text.
const CODES: &[&str] = &[
    "bpt", "ept", "ph", "it", "sub", "sc", "ec", "cp", "sm", "em",
];

/// One element open around the units: what it passes down.
struct Scope {
    translate: bool,
    original: Option<String>,
}

pub(crate) struct Xliff {
    xml: Xml,
    v2: bool,
    scopes: Vec<Scope>,
    pub source: Option<String>,
    pub target: Option<String>,
    /// Units skipped for `translate="no"`.
    pub skipped: usize,
    /// A unit read while looking for the languages.
    ahead: Option<RawPair>,
    done: bool,
}

fn translate(attrs: &[(String, String)], inherited: bool) -> bool {
    match Ev::attr(attrs, "translate") {
        Some(v) => !v.trim().eq_ignore_ascii_case("no"),
        None => inherited,
    }
}

impl Xliff {
    /// Starts after the root `<xliff>` start tag (its attributes given); reads up to
    /// the first `<file>` of XLIFF 1.x for the languages.
    pub fn new(xml: Xml, root: &[(String, String)]) -> Result<Xliff, InputError> {
        let version = Ev::attr(root, "version").unwrap_or_default();
        let ns = Ev::attr(root, "xmlns").unwrap_or_default();
        let v2 = version.trim().starts_with('2') || ns.contains(":xliff:document:2");
        let mut x = Xliff {
            xml,
            v2,
            scopes: vec![Scope {
                translate: translate(root, true),
                original: None,
            }],
            source: Ev::attr(root, "srcLang"),
            target: Ev::attr(root, "trgLang"),
            skipped: 0,
            ahead: None,
            done: false,
        };
        if !v2 {
            // XLIFF 1.x names the languages on each <file>: the first one's.
            x.ahead = x.next_unit()?;
        }
        Ok(x)
    }

    fn inherited(&self) -> &Scope {
        self.scopes.last().expect("the root scope")
    }

    pub fn next_pair(&mut self) -> Result<Option<RawPair>, InputError> {
        if let Some(p) = self.ahead.take() {
            return Ok(Some(p));
        }
        self.next_unit()
    }

    fn next_unit(&mut self) -> Result<Option<RawPair>, InputError> {
        while !self.done {
            match self.xml.next()? {
                Ev::Start { name, attrs, empty } => {
                    let up = self.inherited();
                    let tr = translate(&attrs, up.translate);
                    let mut original = up.original.clone();
                    if name == "file" {
                        original = Ev::attr(&attrs, "original");
                        if !self.v2 {
                            if self.source.is_none() {
                                self.source = Ev::attr(&attrs, "source-language");
                            }
                            if self.target.is_none() {
                                self.target = Ev::attr(&attrs, "target-language");
                            }
                        }
                    }
                    let unit = if self.v2 { "unit" } else { "trans-unit" };
                    if name == unit {
                        let line = self.xml.line();
                        let id = Ev::attr(&attrs, "id").map(|id| match &original {
                            Some(o) if !o.is_empty() => format!("{o}#{id}"),
                            _ => id,
                        });
                        let pair = if empty {
                            RawPair {
                                id,
                                source: String::new(),
                                target: String::new(),
                                source_line: line,
                                target_line: line,
                                index: None,
                            }
                        } else if self.v2 {
                            self.unit2(id, line)?
                        } else {
                            self.unit1(id, line)?
                        };
                        if !tr {
                            self.skipped += 1;
                            continue;
                        }
                        return Ok(Some(pair));
                    }
                    let skip = matches!(
                        name.as_str(),
                        "skeleton" | "notes" | "originalData" | "header" | "metadata"
                    );
                    if empty {
                        continue;
                    }
                    if skip {
                        self.xml.skip()?;
                        continue;
                    }
                    self.scopes.push(Scope {
                        translate: tr,
                        original,
                    });
                }
                Ev::End => {
                    if self.scopes.len() > 1 {
                        self.scopes.pop();
                    }
                }
                Ev::Text(_) => {}
                Ev::Eof => self.done = true,
            }
        }
        Ok(None)
    }

    /// The rest of a 1.x `<trans-unit>`.
    fn unit1(&mut self, id: Option<String>, line: usize) -> Result<RawPair, InputError> {
        let (mut source, mut seg_source, mut target) = (None, None, None);
        loop {
            match self.xml.next()? {
                Ev::Start { name, empty, .. } => {
                    let slot = match name.as_str() {
                        "source" => &mut source,
                        "seg-source" => &mut seg_source,
                        "target" => &mut target,
                        _ => {
                            if !empty {
                                self.xml.skip()?;
                            }
                            continue;
                        }
                    };
                    let at = self.xml.line();
                    let text = if empty {
                        String::new()
                    } else {
                        self.xml.text(CODES)?
                    };
                    if slot.is_none() {
                        *slot = Some((text, at));
                    }
                }
                Ev::End => break,
                Ev::Text(_) => {}
                Ev::Eof => unreachable!("Xml::next reports an early end"),
            }
        }
        let (source, source_line) = seg_source.or(source).unwrap_or((String::new(), line));
        let (target, target_line) = target.unwrap_or((String::new(), source_line));
        Ok(RawPair {
            id,
            source,
            target,
            source_line,
            target_line,
            index: None,
        })
    }

    /// The rest of a 2.x `<unit>`: its segments and ignorables joined.
    fn unit2(&mut self, id: Option<String>, line: usize) -> Result<RawPair, InputError> {
        let (mut source, mut target) = (String::new(), String::new());
        let (mut source_line, mut target_line) = (None, None);
        loop {
            match self.xml.next()? {
                Ev::Start { name, empty, .. } => {
                    let part = matches!(name.as_str(), "segment" | "ignorable");
                    if !part {
                        if !empty {
                            self.xml.skip()?;
                        }
                        continue;
                    }
                    if empty {
                        continue;
                    }
                    let ignorable = name == "ignorable";
                    let (mut s, mut t) = (None, None);
                    loop {
                        match self.xml.next()? {
                            Ev::Start { name, empty, .. } => {
                                let slot = match name.as_str() {
                                    "source" => &mut s,
                                    "target" => &mut t,
                                    _ => {
                                        if !empty {
                                            self.xml.skip()?;
                                        }
                                        continue;
                                    }
                                };
                                let at = self.xml.line();
                                let text = if empty {
                                    String::new()
                                } else {
                                    self.xml.text(CODES)?
                                };
                                if slot.is_none() {
                                    *slot = Some((text, at));
                                }
                            }
                            Ev::End => break,
                            Ev::Text(_) => {}
                            Ev::Eof => unreachable!("Xml::next reports an early end"),
                        }
                    }
                    if let Some((text, at)) = &s {
                        source_line.get_or_insert(*at);
                        source.push_str(text);
                    }
                    match (&t, ignorable) {
                        (Some((text, at)), _) => {
                            if !ignorable {
                                target_line.get_or_insert(*at);
                            }
                            target.push_str(text);
                        }
                        // An ignorable without a target stands as it is on both sides.
                        (None, true) => target.push_str(s.as_ref().map_or("", |x| x.0.as_str())),
                        (None, false) => {}
                    }
                }
                Ev::End => break,
                Ev::Text(_) => {}
                Ev::Eof => unreachable!("Xml::next reports an early end"),
            }
        }
        // Only ignorable text and no translated segment: the unit has no target.
        if target_line.is_none() {
            target.clear();
        }
        Ok(RawPair {
            id,
            source,
            target,
            source_line: source_line.unwrap_or(line),
            target_line: target_line.or(source_line).unwrap_or(line),
            index: None,
        })
    }
}

impl Xliff {
    pub fn is_v2(&self) -> bool {
        self.v2
    }
}
