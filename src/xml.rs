//! What every XML reader (TBX glossaries today; TMX and XLIFF) accepts of XML.
//!
//! quick-xml does not process DTDs: it never expands an entity it was not told
//! about and never fetches anything. These rules make that explicit instead of
//! silent: a document type declaration (`<!DOCTYPE …>`, where billion-laughs
//! entities and external entities such as `SYSTEM "file:///etc/passwd"` are
//! declared) is refused, so is every entity reference other than XML's five
//! (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;`) and character references (`&#x4E2D;`),
//! and so are elements nested deeper than [`MAX_DEPTH`]. Readers pass every event
//! through [`Rules::check`] and read entity references with [`reference`] and
//! attribute values with [`attribute`].

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesRef, Event};

/// The deepest nesting of elements read (TBX needs about eight).
pub const MAX_DEPTH: usize = 256;

/// The rules, with the nesting depth of the events seen so far.
#[derive(Debug, Default)]
pub struct Rules {
    depth: usize,
}

impl Rules {
    /// Checks one event; the error says what is refused and why.
    pub fn check(&mut self, ev: &Event<'_>) -> Result<(), String> {
        match ev {
            Event::DocType(_) => Err(
                "a document type declaration (<!DOCTYPE …>) is not read: paracheck reads no DTDs, so no declared or external entities; remove it".into(),
            ),
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(format!("elements nested deeper than {MAX_DEPTH}"));
                }
                Ok(())
            }
            Event::End(_) => {
                self.depth = self.depth.saturating_sub(1);
                Ok(())
            }
            Event::GeneralRef(r) => reference(r).map(|_| ()),
            _ => Ok(()),
        }
    }
}

/// The text of an entity or character reference: one of XML's five entities, or a
/// character reference to a character XML allows.
pub fn reference(r: &BytesRef<'_>) -> Result<String, String> {
    let name: &str = r.as_ref();
    let name = name.to_string();
    let shown = crate::limits::shorten(&name, 40);
    if r.is_char_ref() {
        return match r.resolve_char_ref() {
            Ok(Some(c)) if allowed(c) => Ok(c.to_string()),
            _ => Err(format!(
                "`&{shown};` is not a character reference to a character XML allows"
            )),
        };
    }
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_string)
        .ok_or_else(|| {
            format!(
                "unknown entity `&{shown};`: only &amp; &lt; &gt; &quot; &apos; and character references (&#x4E2D;) are read, since paracheck reads no DTDs"
            )
        })
}

/// An attribute's value with its references resolved (see [`reference`]).
pub fn attribute(a: &Attribute<'_>) -> Result<String, String> {
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map(|v| v.into_owned())
        .map_err(|e| {
            format!(
                "attribute `{}`: {}",
                crate::limits::shorten(&String::from_utf8_lossy(a.key.as_ref().as_ref()), 40),
                crate::limits::shorten(&e.to_string(), 200)
            )
        })
}

/// Characters XML 1.0 documents may hold.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(xml: &str) -> Result<Vec<String>, String> {
        let mut r = quick_xml::Reader::from_str(xml);
        let mut rules = Rules::default();
        let mut out = Vec::new();
        loop {
            let ev = r.read_event().map_err(|e| e.to_string())?;
            rules.check(&ev)?;
            match ev {
                Event::Eof => return Ok(out),
                Event::GeneralRef(g) => out.push(reference(&g)?),
                Event::Text(t) => out.push(t.into_inner().into_owned()),
                _ => {}
            }
        }
    }

    #[test]
    fn refuses_dtds_unknown_entities_and_deep_nesting() {
        assert_eq!(
            events("<a>x &amp; &#x4E2D;</a>").unwrap().concat(),
            "x & 中"
        );
        let e = events("<a>&co; Group</a>").unwrap_err();
        assert!(e.contains("unknown entity `&co;`"), "{e}");
        let e = events(r#"<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>"#)
            .unwrap_err();
        assert!(e.contains("document type declaration"), "{e}");
        assert!(events("<a>&#0;</a>").is_err());
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(events(&deep).unwrap_err().contains("nested deeper"));
        assert!(events(&"<a>".repeat(MAX_DEPTH)).is_ok());
    }
}
