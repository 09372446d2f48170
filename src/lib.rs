//! paracheck: audits translations by comparing the numbers, dates and named
//! entities of aligned source and target texts by value.
//!
//! The pipeline runs one way: [`input`] reads aligned pairs, [`lang`] recognises
//! mentions per language, [`extract`] defines the mentions and their canonical
//! values, [`check`] compares source and target into [`finding::Finding`]s, and
//! [`report`] writes them. [`run`] ties the stages together; [`cli`] is the
//! command line.
//!
//! Inside the library spans are byte ranges and mentions borrow their text;
//! character offsets are computed at the edge (findings, `extract`) through a
//! per-text [`text::CharIndex`]. Every stage is linear in the length of its text
//! (docs/performance.md).

pub mod baseline;
pub mod check;
pub mod cli;
pub mod config;
pub mod extract;
pub mod finding;
pub mod gazetteer;
pub mod glossary;
pub mod input;
pub mod lang;
pub mod lexicon;
pub mod limits;
pub mod merge;
pub mod output;
pub mod report;
pub mod run;
pub mod text;
pub mod xml;
