//! Builds the name tries of the bundled gazetteer at compile time, so that
//! paracheck starts without compiling automata.
//!
//! For each language column of the data files (`en`, `zh`: see
//! `src/gazetteer.rs`), every distinct name of two or more characters is a key of
//! a double-array trie (the `yada` crate) whose value is the name's index in the
//! sorted list of names. Beside the trie: the sorted list, the entries each name
//! names (`names-LANG.ids`, entries numbered as `src/gazetteer.rs` merges rows by
//! key) and a filter of names' first two characters (`names-LANG.pairs`, hashed by
//! `src/gazetteer_pairs.rs`). `src/gazetteer.rs` reads the same files at run time
//! for the entries themselves; tests check that the tables agree with them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

include!("src/gazetteer_pairs.rs");
use std::path::Path;

const SOURCES: &[&str] = &[
    "data/supplement.tsv",
    "data/cldr/territories.tsv",
    "data/iso-codes/countries.tsv",
    "data/iso-codes/subdivisions.tsv",
    "data/cedict/brands.tsv",
    "data/cedict/names.tsv",
    "data/geonames/cities.tsv",
    "data/geonames/towns.tsv",
];

const LANGUAGES: &[&str] = &["en", "zh"];

fn main() {
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/gazetteer_pairs.rs");
    lexicons(&out);
    // The names of each language column, each with the entries it names: an
    // entry's index is the order in which its key first appears across the
    // sources, as `src/gazetteer.rs` merges rows by key.
    let mut entry_of: HashMap<String, u32> = HashMap::new();
    let mut named: Vec<BTreeMap<String, BTreeSet<u32>>> = vec![BTreeMap::new(); LANGUAGES.len()];
    for src in SOURCES {
        println!("cargo:rerun-if-changed={src}");
        let text = std::fs::read_to_string(src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let mut columns: Option<Vec<Option<usize>>> = None;
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let Some(cols) = &columns else {
                columns = Some(
                    fields
                        .iter()
                        .map(|h| LANGUAGES.iter().position(|l| l == h))
                        .collect(),
                );
                continue;
            };
            let next = entry_of.len() as u32;
            let entry = *entry_of.entry(fields[0].to_string()).or_insert(next);
            for (field, col) in fields.iter().zip(cols) {
                let Some(c) = col else { continue };
                for n in field.split('|').map(str::trim) {
                    // One-letter and one-character names are not indexed.
                    if n.chars().count() >= 2 {
                        named[*c].entry(n.to_string()).or_default().insert(entry);
                    }
                }
            }
        }
    }
    for (lang, map) in LANGUAGES.iter().zip(&named) {
        // BTreeMap order is byte order, as the trie builder wants; a name's
        // pattern is its place in that order.
        let keyset: Vec<(&[u8], u32)> = map
            .keys()
            .enumerate()
            .map(|(i, n)| (n.as_bytes(), i as u32))
            .collect();
        let trie = yada::builder::DoubleArrayBuilder::build(&keyset).expect("name trie");
        std::fs::write(Path::new(&out).join(format!("names-{lang}.da")), trie).expect("write trie");
        let list: String = map.keys().map(|n| format!("{n}\n")).collect();
        std::fs::write(Path::new(&out).join(format!("names-{lang}.txt")), list)
            .expect("write names");
        // The pair filter: a bit for the first two characters of every name.
        let mut pairs = vec![0u8; 1 << (PAIR_BITS - 3)];
        for n in map.keys() {
            let mut cs = n.chars();
            if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
                let bit = pair_bit(a, b);
                pairs[bit / 8] |= 1 << (bit % 8);
            }
        }
        std::fs::write(Path::new(&out).join(format!("names-{lang}.pairs")), pairs)
            .expect("write pair filter");
        // The entries of each pattern, as little-endian `u32`s: the number of
        // patterns, then `starts` (one more than that), then the entry indices
        // (those of pattern `p` are `ids[starts[p]..starts[p + 1]]`, rising).
        let mut words: Vec<u32> = vec![map.len() as u32, 0];
        let mut ids: Vec<u32> = Vec::new();
        for set in map.values() {
            ids.extend(set);
            words.push(ids.len() as u32);
        }
        words.extend(ids);
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        std::fs::write(Path::new(&out).join(format!("names-{lang}.ids")), bytes)
            .expect("write pattern entries");
    }
}

/// Word lists looked up by their first column (the jieba dictionary's words,
/// surnames, given-name characters, Korean and Japanese name readings): a
/// double-array trie from each distinct first column to the number of its first
/// row, and the byte offset of every row in the file (little-endian `u32`s), so
/// that a look-up reads the bundled file without parsing it.
const LEXICONS: &[(&str, &str)] = &[
    ("words", "data/jieba/words.tsv"),
    ("surnames", "data/sinonym/surnames.tsv"),
    ("romanizations", "data/sinonym/romanizations.tsv"),
    ("given", "data/sinonym/given.tsv"),
    ("korean", "data/unihan/korean.tsv"),
    ("japanese", "data/ipadic/japanese.tsv"),
];

fn lexicons(out: &str) {
    for (name, src) in LEXICONS {
        println!("cargo:rerun-if-changed={src}");
        let text = std::fs::read_to_string(src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let mut offsets: Vec<u8> = Vec::new();
        let mut first: std::collections::BTreeMap<&str, u32> = std::collections::BTreeMap::new();
        let mut row = 0u32;
        let mut at = 0usize;
        for line in text.split_inclusive('\n') {
            let start = at;
            at += line.len();
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let key = line.split(['\t', '\n']).next().unwrap_or("");
            first.entry(key).or_insert(row);
            offsets.extend_from_slice(&(start as u32).to_le_bytes());
            row += 1;
        }
        offsets.extend_from_slice(&(text.len() as u32).to_le_bytes());
        let keyset: Vec<(&[u8], u32)> = first.iter().map(|(k, v)| (k.as_bytes(), *v)).collect();
        let trie = yada::builder::DoubleArrayBuilder::build(&keyset).expect("lexicon trie");
        std::fs::write(Path::new(out).join(format!("lex-{name}.da")), trie).expect("write trie");
        std::fs::write(Path::new(out).join(format!("lex-{name}.off")), offsets).expect("write");
    }
}
