//! paracheck: audits translations by comparing the numbers, dates and named
//! entities of aligned source and target texts by value.
//!
//! The pipeline runs one way: [`input`] reads aligned pairs, [`lang`] recognises
//! mentions per language, [`extract`] defines the mentions and their canonical
//! values, [`check`] compares source and target into [`finding::Finding`]s, and
//! [`report`] writes them. [`run`] ties the stages together; [`cli`] is the
//! command line.

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
pub mod limits;
pub mod merge;
pub mod output;
pub mod report;
pub mod run;
pub mod text;
pub mod xml;
