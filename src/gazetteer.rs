//! The bundled name lists (`data/`), merged by key and indexed for matching.
//!
//! Every file under `data/` has the columns `key type`, then one column of names
//! per language, headed by the language's code (`en`, `zh`), and `abbr`, the
//! one-character Chinese abbreviations (see `data/README.md`). A new language is a
//! new column. Rows with the same key in different files describe the same entity
//! and are merged. The name automata are built once per process, on first use. Entities from the curated files (`supplement.tsv`, CLDR,
//! iso-codes) are *strong*: their absence or substitution is reported. Entities
//! known only from CC-CEDICT are used to recognise and match names but never
//! reported on their own.

use crate::extract::entity::EntityType;
use foldhash::{HashMap, HashMapExt};
use std::sync::LazyLock;

/// A data file bundled into the binary.
struct Source {
    name: &'static str,
    text: &'static str,
    curated: bool,
}

static SOURCES: &[Source] = &[
    Source {
        name: "supplement.tsv",
        text: include_str!("../data/supplement.tsv"),
        curated: true,
    },
    Source {
        name: "cldr/territories.tsv",
        text: include_str!("../data/cldr/territories.tsv"),
        curated: true,
    },
    Source {
        name: "iso-codes/countries.tsv",
        text: include_str!("../data/iso-codes/countries.tsv"),
        curated: true,
    },
    Source {
        name: "cedict/names.tsv",
        text: include_str!("../data/cedict/names.tsv"),
        curated: false,
    },
];

/// Names that stand for others: capitals for their country (`Moscow said…`), a
/// region for those it spans.
static RELATIONS: &str = include_str!("../data/relations.tsv");

/// Sources and licences of the bundled name data (`paracheck licenses`).
pub static NOTICE: &str = include_str!("../data/NOTICE");

/// One entity.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub etype: EntityType,
    /// Names per language column ([`Gazetteer::languages`]), English display
    /// form first.
    pub names: Vec<Vec<String>>,
    /// One-character Chinese abbreviations (`俄`).
    pub abbr: Vec<char>,
    /// From a curated source and not of type `other`: reported when missing or
    /// substituted.
    pub strong: bool,
    /// Keys of entities this one also stands for (a capital for its country).
    pub stands_for: Vec<String>,
}

/// Words of Latin-script names too generic to show which name is meant
/// (lowercase): `Republic`, `Council`, `River`.
#[rustfmt::skip]
pub const GENERIC_WORDS: &[&str] = &[
    "north", "south", "east", "west", "new", "great", "republic", "united", "kingdom",
    "islands", "island", "saint", "democratic", "people's", "state", "states", "federal",
    "federation", "union", "central", "the", "of", "and", "countries", "country",
    "organization", "organisation", "council", "committee", "commission", "association",
    "international", "national", "nations", "community", "bank", "fund", "forum", "agency",
    "ministry", "department", "office", "party", "people", "economic", "cooperation",
    "security", "world", "general", "assembly", "conference", "summit", "treaty",
    "institute", "university", "news", "group", "company", "corporation", "region",
    "province", "city", "county", "river", "lake", "mountain", "sea", "ocean", "peninsula",
    "bay", "strait", "sheikh", "president", "prime", "minister", "south-east", "north-east",
    "south-west", "north-west", "eastern", "western", "northern", "southern", "upper",
    "lower", "old", "high", "court", "house", "center", "centre", "trade", "development",
    "human", "rights", "free", "social", "democracy", "liberal",
    "league", "alliance", "front", "movement", "army", "force", "forces", "navy", "air",
    "station", "port", "airport", "square", "street", "road", "bridge", "park", "church",
    "palace", "hall", "tower", "temple",
];

/// The language columns of the data files, in order. The first is the language
/// of display names.
pub const LANGUAGES: &[&str] = &["en", "zh"];

fn column(lang: &str) -> Option<usize> {
    LANGUAGES.iter().position(|l| *l == lang)
}

impl Entry {
    /// The names of this entity in a language (none for a language without a column).
    pub fn names(&self, lang: &str) -> &[String] {
        column(lang)
            .and_then(|c| self.names.get(c))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The one-character abbreviations of this entity written in a language.
    pub fn abbreviations(&self, lang: &str) -> &[char] {
        if lang == "zh" { &self.abbr } else { &[] }
    }

    pub fn display(&self) -> &str {
        self.names
            .first()
            .and_then(|n| n.first())
            .map(String::as_str)
            .unwrap_or(&self.key)
    }
}

/// The names of one language, in a double-array trie built at compile time
/// (`build.rs`): a name's pattern is its index in the sorted list of the
/// language's names of two or more characters.
pub struct Names {
    trie: yada::DoubleArray<&'static [u8]>,
    /// For each pattern: the entries it names.
    pub entries: Vec<Vec<usize>>,
}

/// The tries `build.rs` made, per language column, and the sorted names.
static TRIES: &[(&str, &[u8], &str)] = &[
    (
        "en",
        include_bytes!(concat!(env!("OUT_DIR"), "/names-en.da")),
        include_str!(concat!(env!("OUT_DIR"), "/names-en.txt")),
    ),
    (
        "zh",
        include_bytes!(concat!(env!("OUT_DIR"), "/names-zh.da")),
        include_str!(concat!(env!("OUT_DIR"), "/names-zh.txt")),
    ),
];

impl Names {
    /// The pattern of a name, if it is one.
    pub fn pattern(&self, name: &str) -> Option<usize> {
        self.trie.exact_match_search(name).map(|v| v as usize)
    }

    /// The names written at byte `start` of `text` (a character boundary), as
    /// `(end, pattern)`, shortest first.
    pub fn starting_at<'a>(
        &'a self,
        text: &'a str,
        start: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.trie
            .common_prefix_search(&text.as_bytes()[start..])
            .map(move |(v, len)| (start + len, v as usize))
    }

    /// Every occurrence of every name in `text`, overlapping ones included, as
    /// `(start, end, pattern)` in order of start, then end.
    pub fn overlapping<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        text.char_indices()
            .flat_map(move |(s, _)| self.starting_at(text, s).map(move |(e, p)| (s, e, p)))
    }
}

/// The merged, indexed name lists.
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    /// One automaton per language column.
    names: Vec<Names>,
    /// Entries each one-character abbreviation can stand for.
    abbr: HashMap<char, Vec<usize>>,
}

/// A problem in a bundled data file (a bug in the data, caught by tests).
#[derive(Debug)]
pub struct DataError(pub String);

/// One line of a data file.
struct Row {
    key: String,
    etype: EntityType,
    /// Names per language column.
    names: Vec<Vec<String>>,
    abbr: Vec<char>,
    curated: bool,
}

fn parse(src: &Source, rows: &mut Vec<Row>) -> Result<(), DataError> {
    // For each field of the file's header: the language column it holds.
    let mut layout: Option<Vec<Option<usize>>> = None;
    for (n, line) in src.text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let Some(cols) = &layout else {
            let langs: Vec<Option<usize>> = f.iter().map(|h| column(h)).collect();
            let ok = f.len() == LANGUAGES.len() + 3
                && f[0] == "key"
                && f[1] == "type"
                && f[f.len() - 1] == "abbr"
                && (0..LANGUAGES.len()).all(|c| langs[2..f.len() - 1].contains(&Some(c)));
            if !ok {
                return Err(DataError(format!(
                    "data/{}:{}: unexpected header {line:?} (expected key, type, a column per language: {}, and abbr)",
                    src.name,
                    n + 1,
                    LANGUAGES.join(", ")
                )));
            }
            layout = Some(langs);
            continue;
        };
        if f.len() != cols.len() {
            return Err(DataError(format!(
                "data/{}:{}: expected {} fields, found {}",
                src.name,
                n + 1,
                cols.len(),
                f.len()
            )));
        }
        let etype = EntityType::parse(f[1]).ok_or_else(|| {
            DataError(format!(
                "data/{}:{}: unknown type {:?}",
                src.name,
                n + 1,
                f[1]
            ))
        })?;
        let list = |s: &str| {
            s.split('|')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let abbr: Vec<char> = f[f.len() - 1]
            .split('|')
            .filter_map(|s| s.trim().chars().next())
            .collect();
        let mut names = vec![Vec::new(); LANGUAGES.len()];
        for (field, col) in f.iter().zip(cols) {
            if let Some(c) = col {
                names[*c] = list(field);
            }
        }
        rows.push(Row {
            key: f[0].to_string(),
            etype,
            names,
            abbr,
            curated: src.curated,
        });
    }
    Ok(())
}

impl Gazetteer {
    /// Builds the gazetteer from the bundled files.
    pub fn load() -> Result<Gazetteer, DataError> {
        let mut rows = Vec::new();
        for src in SOURCES {
            parse(src, &mut rows)?;
        }
        let mut entries: Vec<Entry> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for Row {
            key,
            etype,
            names,
            abbr,
            curated,
        } in rows
        {
            let i = *by_key.entry(key.clone()).or_insert_with(|| {
                entries.push(Entry {
                    key: key.clone(),
                    etype,
                    names: vec![Vec::new(); LANGUAGES.len()],
                    abbr: Vec::new(),
                    strong: false,
                    stands_for: Vec::new(),
                });
                entries.len() - 1
            });
            let e = &mut entries[i];
            // `other` (languages, miscellaneous names) helps matching but is never
            // reported on its own.
            e.strong |= curated && etype != EntityType::Other;
            for (have, new) in e.names.iter_mut().zip(names) {
                for n in new {
                    if !have.contains(&n) {
                        have.push(n);
                    }
                }
            }
            for c in abbr {
                if !e.abbr.contains(&c) {
                    e.abbr.push(c);
                }
            }
        }
        for (n, line) in RELATIONS.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() || line.starts_with("key\t") {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let (Some(&from), Some(&to)) = (
                f.first().and_then(|k| by_key.get(*k)),
                f.get(1).and_then(|k| by_key.get(*k)),
            ) else {
                return Err(DataError(format!(
                    "data/relations.tsv:{}: unknown key in {line:?}",
                    n + 1
                )));
            };
            let to_key = entries[to].key.clone();
            entries[from].stands_for.push(to_key);
        }
        let mut names: Vec<Names> = Vec::with_capacity(LANGUAGES.len());
        for (c, lang) in LANGUAGES.iter().enumerate() {
            let Some(&(_, trie, list)) = TRIES.iter().find(|(l, _, _)| l == lang) else {
                return Err(DataError(format!(
                    "no name trie for language column {lang}"
                )));
            };
            let trie = yada::DoubleArray::new(trie);
            let count = list.lines().count();
            let mut ids: Vec<Vec<usize>> = vec![Vec::new(); count];
            for (i, e) in entries.iter().enumerate() {
                for n in &e.names[c] {
                    // One-letter English names and one-character Chinese ones are noise.
                    if n.chars().count() < 2 {
                        continue;
                    }
                    let Some(p) = trie.exact_match_search(n).map(|v| v as usize) else {
                        return Err(DataError(format!(
                            "name {n:?} ({lang}) is not in the compiled trie: rebuild"
                        )));
                    };
                    if ids[p].last() != Some(&i) {
                        ids[p].push(i);
                    }
                }
            }
            names.push(Names { trie, entries: ids });
        }
        let mut abbr: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            for c in &e.abbr {
                abbr.entry(*c).or_default().push(i);
            }
        }
        Ok(Gazetteer {
            entries,
            by_key,
            names,
            abbr,
        })
    }

    /// The gazetteer built from the bundled data (once per process).
    pub fn bundled() -> &'static Gazetteer {
        static G: LazyLock<Gazetteer> =
            LazyLock::new(|| Gazetteer::load().expect("bundled data is valid (checked by tests)"));
        &G
    }

    /// The alias index of a language; `None` for a language without a column.
    pub fn names(&self, lang: &str) -> Option<&Names> {
        column(lang).map(|c| &self.names[c])
    }

    /// Entities a one-character abbreviation can stand for.
    pub fn abbreviation(&self, c: char) -> &[usize] {
        self.abbr.get(&c).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.by_key.get(key).map(|&i| &self.entries[i])
    }

    /// The keys a matched entry counts as: its own and those it stands for.
    pub fn keys_of(&self, i: usize) -> Vec<String> {
        let e = &self.entries[i];
        let mut v = vec![e.key.clone()];
        v.extend(e.stands_for.iter().cloned());
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_data_loads_and_merges_by_key() {
        let g = Gazetteer::load().expect("valid data");
        assert!(g.entries.len() > 5000, "{}", g.entries.len());
        let ru = g.get("RU").expect("Russia");
        assert!(ru.strong);
        assert!(
            ru.names("en").contains(&"Russia".to_string())
                && ru.names("en").contains(&"Russian Federation".to_string())
        );
        assert!(ru.names("zh").contains(&"俄罗斯".to_string()));
        assert_eq!(ru.display(), "Russia");
        assert_eq!(ru.abbr, vec!['俄']);
        assert!(
            g.abbreviation('乌').len() >= 2,
            "乌 is Ukraine or Uzbekistan"
        );
        let moscow = g.get("place:Moscow").expect("Moscow");
        assert!(moscow.stands_for.contains(&"RU".to_string()));
    }

    #[test]
    fn compiled_tries_hold_exactly_the_names_and_find_what_an_automaton_finds() {
        let g = Gazetteer::load().unwrap();
        for (c, lang) in LANGUAGES.iter().enumerate() {
            let names = g.names(lang).unwrap();
            let mut distinct: Vec<&str> = g
                .entries
                .iter()
                .flat_map(|e| e.names[c].iter().map(String::as_str))
                .filter(|n| n.chars().count() >= 2)
                .collect();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(distinct.len(), names.entries.len(), "{lang}");
            // Every pattern names at least one entry.
            assert!(names.entries.iter().all(|ids| !ids.is_empty()), "{lang}");
            let ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::Standard)
                .build(&distinct)
                .unwrap();
            for text in [
                include_str!("../fixtures/policy-brief.md"),
                include_str!("../fixtures/entities/en-zh.tsv"),
                include_str!("../fixtures/entities/zh-en.tsv"),
                "Russia and the Russian Federation; 俄罗斯联邦和俄罗斯, 中亚五国 Central Asia",
            ] {
                let mut want: Vec<(usize, usize, &str)> = ac
                    .find_overlapping_iter(text)
                    .map(|m| (m.start(), m.end(), distinct[m.pattern().as_usize()]))
                    .collect();
                want.sort_unstable();
                let list: Vec<&str> = TRIES
                    .iter()
                    .find(|t| t.0 == *lang)
                    .unwrap()
                    .2
                    .lines()
                    .collect();
                let got: Vec<(usize, usize, &str)> = names
                    .overlapping(text)
                    .map(|(s, e, p)| (s, e, list[p]))
                    .collect();
                assert_eq!(got, want, "{lang}");
            }
        }
    }

    #[test]
    fn every_relation_names_known_keys() {
        // `load` fails on an unknown key; this asserts the file is not empty either.
        let g = Gazetteer::load().unwrap();
        assert!(
            g.entries
                .iter()
                .filter(|e| !e.stands_for.is_empty())
                .count()
                > 20
        );
    }
}
