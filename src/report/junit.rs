//! `--format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure).
//!
//! One `<testsuite>` per input file, one failed `<testcase>` per finding (named by
//! rule and fingerprint, with `file` and `line` attributes; its `<failure type>` is
//! the severity), and one passing testcase for an input without findings so that
//! every input shows up.

use super::{Report, Run, Side, printable};
use std::collections::BTreeMap;
use std::io::{self, Write};

pub(super) struct Junit;

/// Escapes text for XML content and attribute values; characters XML 1.0 cannot
/// carry become U+FFFD.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in printable(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes an attribute value: as [`xml`], with line breaks and tabs as character
/// references so that they survive attribute-value normalization.
pub fn attr(s: &str) -> String {
    xml(s)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

impl Report for Junit {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        // Suites in input order: the inputs, then any other file a finding names.
        let mut order: Vec<String> = Vec::new();
        let mut by_file: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for i in &run.inputs {
            let file = i.file.clone();
            if !order.contains(&file) {
                order.push(file.clone());
                by_file.entry(file).or_default();
            }
        }
        for (n, f) in run.findings.iter().enumerate() {
            if !by_file.contains_key(&f.file) {
                order.push(f.file.clone());
            }
            by_file.entry(f.file.clone()).or_default().push(n);
        }
        let total = run.findings.len();
        let empty = order.iter().filter(|f| by_file[*f].is_empty()).count();
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="paracheck" tests="{}" failures="{total}" errors="0">"#,
            total + empty
        )?;
        for file in &order {
            let idx = &by_file[file];
            writeln!(
                out,
                r#"  <testsuite name="{}" tests="{}" failures="{}" errors="0" skipped="0">"#,
                attr(file),
                idx.len().max(1),
                idx.len()
            )?;
            if idx.is_empty() {
                writeln!(
                    out,
                    r#"    <testcase name="no findings" classname="paracheck" file="{}"/>"#,
                    attr(file)
                )?;
            }
            for &n in idx {
                let f = &run.findings[n];
                let r = run.primary_region(f);
                // Named by rule and fingerprint, not line, so that CI can follow a
                // test across runs when pairs move.
                let name = format!("{} {} {}", f.rule.code(), f.rule.name(), f.fingerprint);
                writeln!(
                    out,
                    r#"    <testcase name="{}" classname="paracheck.{}" file="{}" line="{}">"#,
                    attr(&name),
                    f.category().as_str(),
                    attr(&r.file),
                    r.start_line
                )?;
                let mut body = format!("{}\n", f.message);
                for (side, label) in [(Side::Source, "source"), (Side::Target, "target")] {
                    if let (Some(text), Some(reg)) = (run.side_text(f, side), run.region(f, side)) {
                        body.push_str(&format!(
                            "{label} ({}:{}): {}\n",
                            reg.file, reg.start_line, text
                        ));
                    }
                }
                body.push_str(&format!("fingerprint: {}", f.fingerprint));
                writeln!(
                    out,
                    r#"      <failure type="{}" message="{}">{}</failure>"#,
                    f.severity.as_str(),
                    attr(&f.message),
                    xml(&body)
                )?;
                writeln!(out, "    </testcase>")?;
            }
            writeln!(out, "  </testsuite>")?;
        }
        writeln!(out, "</testsuites>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_carry() {
        assert_eq!(
            xml("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(xml("a\u{1}b\u{b}c\td"), "a\u{fffd}b\u{fffd}c\td");
        assert_eq!(attr("a\nb\tc"), "a&#10;b&#9;c");
    }
}
