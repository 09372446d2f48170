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
    /// The types whose names from this file are sure: reported when missing or
    /// substituted.
    sure: &'static [EntityType],
}

/// Every type but `other` (languages, miscellaneous names that help matching).
const REPORTED: &[EntityType] = &[
    EntityType::Country,
    EntityType::Region,
    EntityType::Place,
    EntityType::Person,
    EntityType::Org,
    EntityType::Event,
];

static SOURCES: &[Source] = &[
    Source {
        name: "supplement.tsv",
        text: include_str!("../data/supplement.tsv"),
        sure: REPORTED,
    },
    Source {
        name: "cldr/territories.tsv",
        text: include_str!("../data/cldr/territories.tsv"),
        sure: REPORTED,
    },
    Source {
        name: "iso-codes/countries.tsv",
        text: include_str!("../data/iso-codes/countries.tsv"),
        sure: REPORTED,
    },
    Source {
        name: "iso-codes/subdivisions.tsv",
        text: include_str!("../data/iso-codes/subdivisions.tsv"),
        sure: REPORTED,
    },
    Source {
        name: "cedict/brands.tsv",
        text: include_str!("../data/cedict/brands.tsv"),
        sure: REPORTED,
    },
    // CC-CEDICT's names only match: many are historical, rendered by meaning
    // (`党中央`) or under several spellings. Its platforms, brands and media are
    // in `brands.tsv`, which is sure.
    Source {
        name: "cedict/names.tsv",
        text: include_str!("../data/cedict/names.tsv"),
        sure: &[],
    },
    Source {
        name: "geonames/cities.tsv",
        text: include_str!("../data/geonames/cities.tsv"),
        sure: &[EntityType::Place],
    },
    Source {
        name: "geonames/towns.tsv",
        text: include_str!("../data/geonames/towns.tsv"),
        sure: &[],
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
    pub key: &'static str,
    pub etype: EntityType,
    /// Names of every language column ([`LANGUAGES`]) one after the other,
    /// English display form first: slices of the bundled data.
    names: Vec<&'static str>,
    /// Where each language column's names end in `names`.
    ends: [u16; LANGUAGES.len()],
    /// One-character Chinese abbreviations (`俄`).
    pub abbr: Vec<char>,
    /// From a curated source and not of type `other`: reported when missing or
    /// substituted.
    pub strong: bool,
    /// Keys of entities this one also stands for (a capital for its country).
    pub stands_for: Vec<&'static str>,
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
    "palace", "hall", "tower", "temple", "service", "services", "network", "media", "press",
    "daily", "times", "post", "online", "television", "radio", "broadcasting", "finance",
    "financial", "securities", "holdings", "technology", "industry", "industries", "black",
    "white", "green", "blue", "golden", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
];

/// The language columns of the data files, in order. The first is the language
/// of display names.
pub const LANGUAGES: &[&str] = &["en", "zh"];

fn column(lang: &str) -> Option<usize> {
    LANGUAGES.iter().position(|l| *l == lang)
}

impl Entry {
    /// The names of this entity in a language (none for a language without a column).
    pub fn names(&self, lang: &str) -> &[&'static str] {
        column(lang).map_or(&[], |c| self.column_names(c))
    }

    fn column_names(&self, c: usize) -> &[&'static str] {
        let start = if c == 0 { 0 } else { self.ends[c - 1] as usize };
        &self.names[start..self.ends[c] as usize]
    }

    /// The names of this entity in every language.
    pub fn all_names(&self) -> &[&'static str] {
        &self.names
    }

    /// Adds a name to a language column unless it has it.
    fn add_name(&mut self, c: usize, n: &'static str) {
        if self.column_names(c).contains(&n) {
            return;
        }
        self.names.insert(self.ends[c] as usize, n);
        for e in &mut self.ends[c..] {
            *e += 1;
        }
    }

    /// The one-character abbreviations of this entity written in a language.
    pub fn abbreviations(&self, lang: &str) -> &[char] {
        if lang == "zh" { &self.abbr } else { &[] }
    }

    pub fn display(&self) -> &'static str {
        self.column_names(0).first().copied().unwrap_or(self.key)
    }
}

/// The names of one language, in a double-array trie built at compile time
/// (`build.rs`): a name's pattern is its index in the sorted list of the
/// language's names of two or more characters.
pub struct Names {
    trie: yada::DoubleArray<&'static [u8]>,
    /// The entries each pattern names: those of pattern `p` are
    /// `ids[starts[p]..starts[p + 1]]`.
    starts: Vec<u32>,
    ids: Vec<u32>,
    /// A bit per hashed pair of first two characters of a name (see
    /// `gazetteer_pairs.rs`): where a text's two characters have no bit set, no
    /// name starts, and the trie is not walked. A set bit may be another pair's.
    pairs: &'static [u8],
}

include!("gazetteer_pairs.rs");

/// What `build.rs` made for one language column.
struct Compiled {
    lang: &'static str,
    /// The double-array trie of the names.
    trie: &'static [u8],
    /// The names, sorted, one per line: a name's pattern is its line number.
    list: &'static str,
    /// The entries of each name (see [`compiled_entries`]).
    entries: &'static [u8],
    /// The filter of first two characters (see [`Names::may_start_with`]).
    pairs: &'static [u8],
}

static TRIES: &[Compiled] = &[
    Compiled {
        lang: "en",
        trie: include_bytes!(concat!(env!("OUT_DIR"), "/names-en.da")),
        list: include_str!(concat!(env!("OUT_DIR"), "/names-en.txt")),
        entries: include_bytes!(concat!(env!("OUT_DIR"), "/names-en.ids")),
        pairs: include_bytes!(concat!(env!("OUT_DIR"), "/names-en.pairs")),
    },
    Compiled {
        lang: "zh",
        trie: include_bytes!(concat!(env!("OUT_DIR"), "/names-zh.da")),
        list: include_str!(concat!(env!("OUT_DIR"), "/names-zh.txt")),
        entries: include_bytes!(concat!(env!("OUT_DIR"), "/names-zh.ids")),
        pairs: include_bytes!(concat!(env!("OUT_DIR"), "/names-zh.pairs")),
    },
];

/// The entries of each pattern as `build.rs` wrote them (little-endian `u32`s:
/// the number of patterns, `starts`, then the entry indices): `(starts, ids)`,
/// or `None` when the table does not hold `count` patterns.
fn compiled_entries(bytes: &[u8], count: usize) -> Option<(Vec<u32>, Vec<u32>)> {
    let words: Vec<u32> = bytes
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect();
    let (&n, rest) = words.split_first()?;
    if n as usize != count || rest.len() < count + 1 {
        return None;
    }
    let (starts, ids) = rest.split_at(count + 1);
    let ok = starts.windows(2).all(|w| w[0] <= w[1]) && starts[count] as usize == ids.len();
    ok.then(|| (starts.to_vec(), ids.to_vec()))
}

/// The entries of each pattern derived from the entries themselves, each name
/// looked up in the trie: what `build.rs` computes ahead (a test compares the
/// two), as `(starts, ids)`.
#[cfg(test)]
fn pattern_entries(
    entries: &[Entry],
    c: usize,
    trie: &yada::DoubleArray<&'static [u8]>,
    count: usize,
) -> Option<(Vec<u32>, Vec<u32>)> {
    // Two passes over the names: count per pattern, then place.
    let mut pats: Vec<(u32, u32)> = Vec::with_capacity(count * 2);
    for (i, e) in entries.iter().enumerate() {
        for n in e.column_names(c) {
            // One-letter English names and one-character Chinese ones are noise.
            if n.chars().nth(1).is_none() {
                continue;
            }
            pats.push((trie.exact_match_search(n)?, i as u32));
        }
    }
    let mut starts = vec![0u32; count + 1];
    for &(p, _) in &pats {
        starts[p as usize + 1] += 1;
    }
    for k in 0..count {
        starts[k + 1] += starts[k];
    }
    let mut fill = starts.clone();
    let mut ids = vec![0u32; pats.len()];
    for &(p, i) in &pats {
        ids[fill[p as usize] as usize] = i;
        fill[p as usize] += 1;
    }
    Some((starts, ids))
}

impl Names {
    /// The entries a pattern names (indices into [`Gazetteer::entries`]).
    pub fn entries(&self, p: usize) -> &[u32] {
        &self.ids[self.starts[p] as usize..self.starts[p + 1] as usize]
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

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

    /// Whether a name may start with the characters `a`, `b` (false only when
    /// none does).
    pub fn may_start_with(&self, a: char, b: char) -> bool {
        let bit = pair_bit(a, b);
        self.pairs
            .get(bit / 8)
            .is_some_and(|x| x & (1 << (bit % 8)) != 0)
    }

    /// Every occurrence of every name in `text`, overlapping ones included, as
    /// `(start, end, pattern)` in order of start, then end. The trie is walked
    /// only where the pair filter lets the next two characters start a name.
    pub fn overlapping<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let mut cs = text.char_indices().peekable();
        std::iter::from_fn(move || {
            loop {
                let (s, a) = cs.next()?;
                // Every name has two characters or more.
                let &(_, b) = cs.peek()?;
                if self.may_start_with(a, b) {
                    return Some(s);
                }
            }
        })
        .flat_map(move |s| self.starting_at(text, s).map(move |(e, p)| (s, e, p)))
    }
}

/// The merged, indexed name lists.
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    by_key: HashMap<&'static str, usize>,
    /// One automaton per language column.
    names: Vec<Names>,
    /// Entries each one-character abbreviation can stand for.
    abbr: HashMap<char, Vec<u32>>,
    /// The abbreviations below U+10000, one bit each: most characters of a text
    /// are none, and are answered without hashing.
    abbr_bits: Vec<u64>,
}

/// A problem in a bundled data file (a bug in the data, caught by tests).
#[derive(Debug)]
pub struct DataError(pub String);

/// The lines of `s`, found with memchr (the bundled lists are split at start-up),
/// without their line ends.
fn lines(s: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', s.as_bytes()).chain(std::iter::once(s.len()));
    std::iter::from_fn(move || {
        let end = ends.next()?;
        // No empty last line after a final line end (as `str::lines`).
        if end == s.len() && start == end {
            return None;
        }
        // `\n` is ASCII, so both ends are character boundaries.
        let line = &s[start..end];
        start = end + 1;
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// The pieces of a short `s` between occurrences of the ASCII byte `b` (as
/// `str::split`; a byte loop costs less than a search call on short fields).
fn split_byte(s: &str, b: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|x| x == b) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// `str::trim`, skipped when the name has no space at either end (most names).
fn trim(s: &str) -> &str {
    let edge = |c: Option<char>| c.is_some_and(char::is_whitespace);
    if edge(s.chars().next()) || edge(s.chars().next_back()) {
        s.trim()
    } else {
        s
    }
}

/// Reads one data file into the entries, merging rows by key.
fn parse(
    src: &'static Source,
    entries: &mut Vec<Entry>,
    by_key: &mut HashMap<&'static str, usize>,
) -> Result<(), DataError> {
    // For each field of the file's header: the language column it holds.
    let mut layout: Option<Vec<Option<usize>>> = None;
    let mut fields: Vec<&'static str> = Vec::with_capacity(8);
    for (n, line) in lines(src.text).enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        fields.clear();
        fields.extend(split_byte(line, b'\t'));
        let f = &fields;
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
        let key = f[0];
        let i = *by_key.entry(key).or_insert_with(|| {
            entries.push(Entry {
                key,
                etype,
                names: Vec::with_capacity(4),
                ends: [0; LANGUAGES.len()],
                abbr: Vec::new(),
                strong: false,
                stands_for: Vec::new(),
            });
            entries.len() - 1
        });
        let e = &mut entries[i];
        // `other` (languages, miscellaneous names) helps matching but is never
        // reported on its own.
        e.strong |= src.sure.contains(&etype);
        for (field, col) in f.iter().zip(cols) {
            if let Some(c) = *col {
                for name in split_byte(field, b'|').map(trim).filter(|x| !x.is_empty()) {
                    e.add_name(c, name);
                }
            }
        }
        for c in f[f.len() - 1]
            .split('|')
            .filter_map(|s| s.trim().chars().next())
        {
            if !e.abbr.contains(&c) {
                e.abbr.push(c);
            }
        }
    }
    Ok(())
}

impl Gazetteer {
    /// Builds the gazetteer from the bundled files.
    pub fn load() -> Result<Gazetteer, DataError> {
        let mut entries: Vec<Entry> = Vec::with_capacity(10_000);
        let mut by_key: HashMap<&'static str, usize> = HashMap::with_capacity(10_000);
        for src in SOURCES {
            parse(src, &mut entries, &mut by_key)?;
        }
        for (n, line) in RELATIONS.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() || line.starts_with("key\t") {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(&from), Some(&to)) = (
                f.next().and_then(|k| by_key.get(k)),
                f.next().and_then(|k| by_key.get(k)),
            ) else {
                return Err(DataError(format!(
                    "data/relations.tsv:{}: unknown key in {line:?}",
                    n + 1
                )));
            };
            let to_key = entries[to].key;
            entries[from].stands_for.push(to_key);
        }
        let mut names: Vec<Names> = Vec::with_capacity(LANGUAGES.len());
        for lang in LANGUAGES {
            let Some(&Compiled {
                trie,
                list,
                entries: table,
                pairs,
                ..
            }) = TRIES.iter().find(|t| t.lang == *lang)
            else {
                return Err(DataError(format!(
                    "no name trie for language column {lang}"
                )));
            };
            let trie = yada::DoubleArray::new(trie);
            let count = memchr::memchr_iter(b'\n', list.as_bytes()).count()
                + usize::from(!list.is_empty() && !list.ends_with('\n'));
            // The entries of each pattern, computed by `build.rs` from the same
            // files (the test `compiled_entries_are_the_datas` derives them again).
            let Some((starts, ids)) = compiled_entries(table, count)
                .filter(|(_, ids)| ids.iter().all(|&i| (i as usize) < entries.len()))
            else {
                return Err(DataError(format!(
                    "the compiled name table of {lang} does not fit the data: rebuild"
                )));
            };
            if pairs.len() != 1 << (PAIR_BITS - 3) {
                return Err(DataError(format!(
                    "the compiled pair filter of {lang} does not fit: rebuild"
                )));
            }
            names.push(Names {
                trie,
                starts,
                ids,
                pairs,
            });
        }
        let mut abbr: HashMap<char, Vec<u32>> = HashMap::new();
        let mut abbr_bits = vec![0u64; 0x10000 / 64];
        for (i, e) in entries.iter().enumerate() {
            for c in &e.abbr {
                if let Some(v) = u16::try_from(u32::from(*c)).ok().map(usize::from) {
                    abbr_bits[v / 64] |= 1 << (v % 64);
                }
                abbr.entry(*c).or_default().push(i as u32);
            }
        }
        Ok(Gazetteer {
            entries,
            by_key,
            names,
            abbr,
            abbr_bits,
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
    pub fn abbreviation(&self, c: char) -> &[u32] {
        if let Some(v) = u16::try_from(u32::from(c)).ok().map(usize::from)
            && self.abbr_bits[v / 64] & (1 << (v % 64)) == 0
        {
            return &[];
        }
        self.abbr.get(&c).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.by_key.get(key).map(|&i| &self.entries[i])
    }

    /// The keys a matched entry counts as: its own, then those of the entities
    /// it stands for (a capital for its country), borrowed from the data.
    pub fn key_strs(&self, i: usize) -> impl Iterator<Item = &'static str> + '_ {
        let e = &self.entries[i];
        std::iter::once(e.key).chain(e.stands_for.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitters_agree_with_std() {
        for s in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb",
            "a\n\nb\n",
            "\tx\t\t",
            "俄罗斯|Russia\t俄\r\n",
            "k\ttype\ten\tzh\tabbr",
            "\r\n\r\n",
        ] {
            assert_eq!(
                lines(s).collect::<Vec<_>>(),
                s.lines().collect::<Vec<_>>(),
                "{s:?}"
            );
            assert_eq!(
                split_byte(s, b'\t').collect::<Vec<_>>(),
                s.split('\t').collect::<Vec<_>>(),
                "{s:?}"
            );
            assert_eq!(
                split_byte(s, b'|').map(trim).collect::<Vec<_>>(),
                s.split('|').map(str::trim).collect::<Vec<_>>(),
                "{s:?}"
            );
        }
    }

    /// The bits answer as the map does, for every character.
    #[test]
    fn abbreviation_bits_are_the_maps() {
        let g = Gazetteer::bundled();
        for c in (0u32..0x30000).filter_map(char::from_u32) {
            let want = g.abbr.get(&c).map(Vec::as_slice).unwrap_or(&[]);
            assert_eq!(g.abbreviation(c), want, "{c:?}");
        }
        assert!(!g.abbreviation('俄').is_empty());
    }

    #[test]
    fn bundled_data_loads_and_merges_by_key() {
        let g = Gazetteer::load().expect("valid data");
        assert!(g.entries.len() > 5000, "{}", g.entries.len());
        let ru = g.get("RU").expect("Russia");
        assert!(ru.strong);
        assert!(
            ru.names("en").contains(&"Russia") && ru.names("en").contains(&"Russian Federation")
        );
        assert!(ru.names("zh").contains(&"俄罗斯"));
        assert_eq!(ru.display(), "Russia");
        assert_eq!(ru.abbr, vec!['俄']);
        assert!(
            g.abbreviation('乌').len() >= 2,
            "乌 is Ukraine or Uzbekistan"
        );
        let moscow = g.get("place:Moscow").expect("Moscow");
        assert!(moscow.stands_for.contains(&"RU"));
    }

    /// No name is kept out by the pair filter: the first two characters of every
    /// one pass it (a filter hashed otherwise than `build.rs` hashed it fails).
    #[test]
    fn every_name_passes_the_pair_filter() {
        let g = Gazetteer::bundled();
        for t in TRIES {
            let names = g.names(t.lang).unwrap();
            let mut set = 0;
            for n in t.list.lines() {
                let mut cs = n.chars();
                let (a, b) = (cs.next().unwrap(), cs.next().unwrap());
                assert!(names.may_start_with(a, b), "{n}");
            }
            for byte in t.pairs {
                set += byte.count_ones();
            }
            // The filter rejects most pairs: under a tenth of its bits are set.
            assert!(set * 10 < (1 << PAIR_BITS), "{}: {set}", t.lang);
        }
    }

    /// `build.rs`'s table of each pattern's entries is what the entries loaded
    /// from the data give when each of their names is looked up in the trie.
    #[test]
    fn compiled_entries_are_the_datas() {
        let g = Gazetteer::load().unwrap();
        for (c, lang) in LANGUAGES.iter().enumerate() {
            let &Compiled { trie, list, .. } = TRIES.iter().find(|t| t.lang == *lang).unwrap();
            let trie = yada::DoubleArray::new(trie);
            let count = list.lines().count();
            let (starts, ids) = pattern_entries(&g.entries, c, &trie, count).unwrap();
            let names = g.names(lang).unwrap();
            assert_eq!(names.starts, starts, "{lang}");
            assert_eq!(names.ids, ids, "{lang}");
        }
    }

    #[test]
    fn compiled_tables_that_do_not_fit_are_refused() {
        let table: Vec<u8> = [2u32, 0, 1, 2, 7, 9]
            .iter()
            .flat_map(|w| w.to_le_bytes())
            .collect();
        assert_eq!(
            compiled_entries(&table, 2),
            Some((vec![0, 1, 2], vec![7, 9]))
        );
        // Another count of patterns, a table cut short, falling starts.
        assert_eq!(compiled_entries(&table, 3), None);
        assert_eq!(compiled_entries(&table[..16], 2), None);
        let falling: Vec<u8> = [2u32, 0, 2, 1, 7, 9]
            .iter()
            .flat_map(|w| w.to_le_bytes())
            .collect();
        assert_eq!(compiled_entries(&falling, 2), None);
    }

    #[test]
    fn compiled_tries_hold_exactly_the_names_and_find_what_an_automaton_finds() {
        let g = Gazetteer::load().unwrap();
        for (c, lang) in LANGUAGES.iter().enumerate() {
            let names = g.names(lang).unwrap();
            let mut distinct: Vec<&str> = g
                .entries
                .iter()
                .flat_map(|e| e.column_names(c).iter().copied())
                .filter(|n| n.chars().count() >= 2)
                .collect();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(distinct.len(), names.len(), "{lang}");
            // Every pattern names at least one entry.
            assert!(
                (0..names.len()).all(|p| !names.entries(p).is_empty()),
                "{lang}"
            );
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
                    .find(|t| t.lang == *lang)
                    .unwrap()
                    .list
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
