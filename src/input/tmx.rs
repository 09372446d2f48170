//! TMX 1.4b (and 1.1): `<tu tuid>` units holding one `<tuv xml:lang>` (`lang` in
//! TMX 1.1) per language, each with a `<seg>`. The source language is the one asked
//! for, else the header's `srclang`; the target language the one asked for, else
//! the first other language the units hold. Inline codes (`<bpt>`, `<ept>`,
//! `<ph>`, `<it>`, `<ut>`, with their native code, and `<sub>`) are left out of
//! the text; `<hi>` keeps its text.

use super::xml::{Ev, Xml, primary, same_lang};
use super::{InputError, RawPair};
use std::collections::VecDeque;

/// Inline elements whose content is native code, not text.
const CODES: &[&str] = &["bpt", "ept", "ph", "it", "ut", "sub"];

/// Units read ahead to find the target language.
const LOOK_AHEAD: usize = 256;

struct Tuv {
    lang: String,
    text: String,
    line: usize,
}

struct Tu {
    id: Option<String>,
    line: usize,
    tuvs: Vec<Tuv>,
}

pub(crate) struct Tmx {
    xml: Xml,
    pub source: Option<String>,
    pub target: Option<String>,
    ahead: VecDeque<Tu>,
    done: bool,
    header_srclang: Option<String>,
}

impl Tmx {
    /// Starts reading after the root `<tmx>`; decides the languages (reading units
    /// ahead when the target language is not given).
    pub fn new(
        xml: Xml,
        want_source: Option<&str>,
        want_target: Option<&str>,
    ) -> Result<Tmx, InputError> {
        let mut t = Tmx {
            xml,
            source: None,
            target: None,
            ahead: VecDeque::new(),
            done: false,
            header_srclang: None,
        };
        // Read up to the first unit (the header comes before it).
        if let Some(tu) = t.next_tu()? {
            t.ahead.push_back(tu);
        }
        let header = t
            .header_srclang
            .clone()
            .filter(|s| !s.trim().is_empty() && s.trim() != "*all*");
        let first_lang = t
            .ahead
            .front()
            .and_then(|tu| tu.tuvs.first())
            .map(|v| v.lang.clone());
        t.source = match (want_source, header) {
            (Some(w), Some(h)) if same_lang(&h, w) => Some(h),
            (Some(w), _) => Some(w.to_string()),
            (None, Some(h)) => Some(h),
            (None, None) => first_lang,
        };
        t.target = match want_target {
            Some(w) => Some(w.to_string()),
            None => {
                let mut found;
                loop {
                    found = t.other_lang();
                    if found.is_some() || t.ahead.len() >= LOOK_AHEAD {
                        break;
                    }
                    match t.next_tu()? {
                        Some(tu) => t.ahead.push_back(tu),
                        None => break,
                    }
                }
                found
            }
        };
        Ok(t)
    }

    /// The first language of the units read ahead that is not the source's: by
    /// primary subtag first (`fr-ca` for `en-us`), else any other tag (`en-gb`).
    fn other_lang(&self) -> Option<String> {
        let src = self.source.as_deref().unwrap_or("");
        let langs = self
            .ahead
            .iter()
            .flat_map(|tu| tu.tuvs.iter().map(|v| &v.lang));
        langs
            .clone()
            .find(|l| primary(l) != primary(src))
            .or_else(|| langs.clone().find(|l| !same_lang(l, src)))
            .cloned()
    }

    fn next_tu(&mut self) -> Result<Option<Tu>, InputError> {
        if self.done {
            return Ok(None);
        }
        loop {
            match self.xml.next()? {
                Ev::Start { name, attrs, empty } => match name.as_str() {
                    "header" => {
                        self.header_srclang = Ev::attr(&attrs, "srclang");
                        if !empty {
                            self.xml.skip()?;
                        }
                    }
                    "tu" => {
                        let line = self.xml.line();
                        let id = Ev::attr(&attrs, "tuid");
                        let tuvs = if empty { Vec::new() } else { self.tuvs()? };
                        return Ok(Some(Tu { id, line, tuvs }));
                    }
                    _ => {}
                },
                Ev::End | Ev::Text(_) => {}
                Ev::Eof => {
                    self.done = true;
                    return Ok(None);
                }
            }
        }
    }

    /// The `<tuv>`s of the unit just started, up to its end.
    fn tuvs(&mut self) -> Result<Vec<Tuv>, InputError> {
        let mut out = Vec::new();
        loop {
            match self.xml.next()? {
                Ev::Start { name, attrs, empty } => {
                    if name == "tuv" && !empty {
                        let lang = Ev::attr(&attrs, "xml:lang")
                            .or_else(|| Ev::attr(&attrs, "lang"))
                            .unwrap_or_default();
                        let mut seg = None;
                        loop {
                            match self.xml.next()? {
                                Ev::Start { name, empty, .. } => {
                                    if name == "seg" {
                                        let line = self.xml.line();
                                        let text = if empty {
                                            String::new()
                                        } else {
                                            self.xml.text(CODES)?
                                        };
                                        seg.get_or_insert((text, line));
                                    } else if !empty {
                                        self.xml.skip()?;
                                    }
                                }
                                Ev::End => break,
                                Ev::Text(_) => {}
                                Ev::Eof => unreachable!("Xml::next reports an early end"),
                            }
                        }
                        if let Some((text, line)) = seg {
                            out.push(Tuv { lang, text, line });
                        }
                    } else if !empty {
                        self.xml.skip()?;
                    }
                }
                Ev::End => return Ok(out),
                Ev::Text(_) => {}
                Ev::Eof => unreachable!("Xml::next reports an early end"),
            }
        }
    }

    /// The next unit as a pair of the source and target languages; a side the unit
    /// does not hold is empty.
    pub fn next_pair(&mut self) -> Result<Option<RawPair>, InputError> {
        let tu = match self.ahead.pop_front() {
            Some(tu) => tu,
            None => match self.next_tu()? {
                Some(tu) => tu,
                None => return Ok(None),
            },
        };
        let pick = |want: Option<&str>, tuvs: &[Tuv]| -> Option<usize> {
            let w = want?;
            tuvs.iter()
                .position(|v| v.lang.trim().eq_ignore_ascii_case(w.trim()))
                .or_else(|| tuvs.iter().position(|v| same_lang(&v.lang, w)))
        };
        let s = pick(self.source.as_deref(), &tu.tuvs);
        let t = pick(self.target.as_deref(), &tu.tuvs).filter(|&t| Some(t) != s);
        let line = s.or(t).map_or(tu.line, |i| tu.tuvs[i].line);
        let side = |i: Option<usize>| match i {
            Some(i) => (tu.tuvs[i].text.clone(), tu.tuvs[i].line),
            None => (String::new(), line),
        };
        let (source, source_line) = side(s);
        let (target, target_line) = side(t);
        Ok(Some(RawPair {
            id: tu.id,
            source,
            target,
            source_line,
            target_line,
            index: None,
        }))
    }
}
