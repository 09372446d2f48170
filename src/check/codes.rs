//! The rule registry: every rule paracheck can report, with its stable code.
//!
//! Codes never change meaning once released. The doc comment of each rule is its
//! documentation (`paracheck rules`, `docs/rules.md`).

use crate::finding::{Category, Severity};

macro_rules! rules {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = ($code:literal, $name:literal, $category:ident, $severity:ident);
    )*) => {
        /// A rule paracheck can report.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Rule {
            /// Every rule, in code order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable code: `N001`.
            pub fn code(self) -> &'static str {
                match self { $(Rule::$variant => $code,)* }
            }

            /// The kebab-case name: `number-mismatch`.
            pub fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name,)* }
            }

            pub fn category(self) -> Category {
                match self { $(Rule::$variant => Category::$category,)* }
            }

            /// Severity unless configuration says otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }

            /// The rule's documentation (its doc comment).
            pub fn doc(self) -> &'static str {
                match self { $(Rule::$variant => concat!($($doc, "\n",)*),)* }
            }
        }
    };
}

rules! {
    /// A paragraph of an interleaved bilingual text has no partner in the other
    /// language: a title, page boilerplate, an untranslated summary, or a translation
    /// that was left out. The finding carries the paragraph's line and text; its
    /// `pair_index` is the index the next pair will have.
    UnpairedParagraph = ("A001", "unpaired-paragraph", Alignment, Warning);

    /// One side of a pair is empty while the other has text: a CAT-file unit without
    /// a `<target>` (or with an empty one), a TMX unit without the target
    /// language, an empty field of a TSV or CSV row. The pair's numbers, dates and
    /// names are then not reported one by one.
    EmptySegment = ("A002", "empty-segment", Alignment, Warning);

    /// The target is the source, unchanged: a segment left untranslated. Only
    /// texts of two words or more (or four Han characters) with letters are
    /// reported; numbers, codes, URLs, a single name and short capitalised names
    /// are legitimately the same in both languages.
    Untranslated = ("A003", "untranslated", Alignment, Warning);

    /// One side is clearly written in another language or script than the pair's
    /// (a Chinese target that is English, a target in Cyrillic): judged on the
    /// letters alone, without markup, and only on texts of 20 letters or more
    /// (a Han character counts three).
    WrongLanguage = ("A004", "wrong-language", Alignment, Warning);

    /// Source and target are swapped: the source is in the target language and the
    /// target in the source language (same bounds as `wrong-language`). The pair's
    /// numbers, dates and names are then not reported one by one.
    SwappedLanguages = ("A005", "swapped-languages", Alignment, Warning);

    /// The alignment itself is off: the numbers of a run of pairs match the
    /// targets of their neighbours much better than their own (a dropped or an
    /// inserted line, two swapped lines, a line split in two or two merged). One
    /// finding at the first pair of each run, with the suggested realignment; the
    /// number, date, name and length findings of the pairs it explains are left
    /// out ([alignment.md](alignment.md#misaligned-runs-a006)).
    Misaligned = ("A006", "misaligned", Alignment, Error);

    /// The target is unusually long or short for its source, judged against the
    /// file's own pairs (median and MAD of the log length ratio, English words
    /// against Chinese characters, by source length): a dropped or added sentence
    /// ([alignment.md](alignment.md#length-ratios-a007-a008)).
    LengthRatio = ("A007", "length-ratio", Alignment, Info);

    /// The target is far too long or too short for its source (a stronger bound
    /// than `length-ratio`): most of the text is missing or added.
    LengthRatioExtreme = ("A008", "length-ratio-extreme", Alignment, Warning);

    /// A pair larger than the `max-pair-bytes` limit (`[limits]` in the
    /// configuration; 16 MiB of source and target together by default) was not
    /// checked. Nothing of it is compared: raise the limit, or split the pair.
    PairNotChecked = ("A009", "pair-not-checked", Alignment, Error);

    /// A pair had more findings than the `max-pair-findings` limit (1,000 by
    /// default); the first ones are listed and this finding counts the rest, which
    /// are not reported.
    FindingsNotListed = ("A010", "findings-not-listed", Alignment, Warning);

    /// A number in the source has a different value in the same role in the target:
    /// `153.9385 billion` translated as `1593.385亿`, or a 万/亿 scale slip. Values are
    /// compared exactly (decimal arithmetic) after scale words; approximations
    /// (`more than 1,000` ↔ `1000多`) match when their intervals overlap.
    NumberMismatch = ("N001", "number-mismatch", Number, Error);

    /// A number in the source has no counterpart in the target. Only numbers written
    /// with digits, scale words, percentages or money, or several number words, are
    /// reported; a lone `two` or `两` is not.
    NumberMissing = ("N002", "number-missing", Number, Warning);

    /// A number in the target has no counterpart in the source (same strength rules as
    /// `number-missing`).
    NumberExtra = ("N003", "number-extra", Number, Warning);

    /// A code that mixes letters and digits (`win8.1`, `A320`, `H5N1`, `COVID-19`)
    /// is written on the other side with the same letters but other digits (`win8`,
    /// `H1N1`). Codes are copied, not translated: they must match verbatim (case,
    /// `-` and `/` aside). A code the other side does not write at all is left to
    /// `entity-unverified`.
    CodeMismatch = ("N004", "code-mismatch", Number, Warning);

    /// A date in the source differs from the date in the same role in the target:
    /// day, month, year or qualifier (`中旬` ↔ `late January`). Dates are compared as
    /// intervals of days with their stated parts; a year a date inherits from its
    /// paragraph (`In June 2022 … In September`) counts as stated.
    DateMismatch = ("D001", "date-mismatch", Date, Error);

    /// A date in the source has no counterpart in the target.
    DateMissing = ("D002", "date-missing", Date, Warning);

    /// A date in the target has no counterpart in the source.
    DateExtra = ("D003", "date-extra", Date, Warning);

    /// A numeric date whose day and month can be read either way round
    /// (`03/02/2022`); set `--date-order` to read it one way.
    DateAmbiguous = ("D004", "date-ambiguous", Date, Warning);

    /// A date that does not exist in the calendar (`February 30`).
    DateInvalid = ("D005", "date-invalid", Date, Warning);

    /// A name in the source is rendered as a different name of the same type in the
    /// target (`Uzbekistan` translated as `哈萨克斯坦`).
    EntitySubstitution = ("E001", "entity-substitution", Entity, Error);

    /// A name in the source has no rendering in the target.
    EntityMissing = ("E002", "entity-missing", Entity, Warning);

    /// A name in the target has no counterpart in the source. Translations often
    /// name what the source only implies (`the President` → `特朗普总统`, `the two
    /// sides` → `中俄双方`), so this is a note by default; raise it with a config.
    EntityExtra = ("E003", "entity-extra", Entity, Info);

    /// A capitalised name or Latin code outside the bundled name lists was not
    /// found in the target, neither verbatim nor transliterated. paracheck cannot be
    /// sure it is missing, so this is a note, never an error.
    EntityUnverified = ("E004", "entity-unverified", Entity, Info);

    /// A glossary term appears in the source but its required translation is absent
    /// from the target.
    GlossaryMissing = ("G001", "glossary-missing", Glossary, Error);

    /// The target uses a term the glossary forbids.
    GlossaryForbidden = ("G002", "glossary-forbidden", Glossary, Error);
}

/// The rule reference as Markdown (`docs/rules.md`), generated from the registry.
pub fn markdown() -> String {
    let mut s = String::from(
        "# Rules\n\nGenerated by `paracheck rules --format markdown` from the rule registry\n\
         (`src/check/codes.rs`); a test fails when this file is stale.\n\n\
         | code | name | category | default severity |\n|---|---|---|---|\n",
    );
    for r in Rule::ALL {
        s.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} |\n",
            r.code(),
            r.code().to_lowercase(),
            r.name(),
            r.category().as_str(),
            r.default_severity()
        ));
    }
    for r in Rule::ALL {
        s.push_str(&format!(
            "\n## {}\n\n`{}` · {} · default {}\n\n",
            r.code(),
            r.name(),
            r.category().as_str(),
            r.default_severity()
        ));
        let doc: Vec<&str> = r.doc().lines().map(str::trim).collect();
        s.push_str(doc.join("\n").trim());
        s.push('\n');
    }
    s
}

impl Rule {
    /// Looks a rule up by code or name (case-insensitive).
    pub fn find(s: &str) -> Option<Rule> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.code().eq_ignore_ascii_case(s) || r.name().eq_ignore_ascii_case(s))
    }

    /// The rules a `--select`/`--ignore` entry names: a code or name
    /// (case-insensitive), or a prefix of codes as in ruff (`N` for N001–N003, `E00`
    /// for E001–E004, `ALL` for every rule). `None` when it names no rule.
    pub fn matching(s: &str) -> Option<Vec<Rule>> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        if let Some(r) = Rule::find(s) {
            return Some(vec![r]);
        }
        if s.eq_ignore_ascii_case("ALL") {
            return Some(Rule::ALL.to_vec());
        }
        let up = s.to_ascii_uppercase();
        let found: Vec<Rule> = Rule::ALL
            .iter()
            .copied()
            .filter(|r| r.code().starts_with(&up))
            .collect();
        (!found.is_empty()).then_some(found)
    }

    /// The codes by prefix, for error messages: `A001, N001–N003, D001–D005, …`.
    pub fn code_ranges() -> String {
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < Rule::ALL.len() {
            let first = Rule::ALL[i].code();
            let mut j = i;
            while j + 1 < Rule::ALL.len() && Rule::ALL[j + 1].code()[..1] == first[..1] {
                j += 1;
            }
            out.push(if i == j {
                first.to_string()
            } else {
                format!("{first}–{}", Rule::ALL[j].code())
            });
            i = j + 1;
        }
        out.join(", ")
    }

    /// The first line of the documentation.
    pub fn summary(self) -> &'static str {
        self.doc().lines().next().unwrap_or("").trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_documented() {
        let codes: HashSet<_> = Rule::ALL.iter().map(|r| r.code()).collect();
        let names: HashSet<_> = Rule::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(codes.len(), Rule::ALL.len());
        assert_eq!(names.len(), Rule::ALL.len());
        for r in Rule::ALL {
            assert!(r.doc().len() > 40, "{} lacks documentation", r.code());
            assert_eq!(Rule::find(r.code()), Some(*r));
            assert_eq!(Rule::find(r.name()), Some(*r));
        }
    }

    #[test]
    fn prefixes_select_groups_of_codes() {
        let codes = |s: &str| {
            Rule::matching(s).map(|v| v.iter().map(|r| r.code()).collect::<Vec<_>>().join(","))
        };
        assert_eq!(codes("N").as_deref(), Some("N001,N002,N003,N004"));
        assert_eq!(codes("e00").as_deref(), Some("E001,E002,E003,E004"));
        assert_eq!(codes("D00").map(|c| c.len()), Some(24));
        assert_eq!(codes("N001").as_deref(), Some("N001"));
        assert_eq!(codes("date-mismatch").as_deref(), Some("D001"));
        assert_eq!(
            Rule::matching("ALL").map(|v| v.len()),
            Some(Rule::ALL.len())
        );
        for bad in ["", "X", "N9", "N0011", "number"] {
            assert_eq!(Rule::matching(bad), None, "{bad}");
        }
        assert_eq!(
            Rule::code_ranges(),
            "A001–A010, N001–N004, D001–D005, E001–E004, G001–G002"
        );
    }
}
