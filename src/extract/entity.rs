//! Entity values: a name resolved to a canonical key.

use serde_json::{Map, Value as Json, json};

/// The type of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Country,
    Region,
    Place,
    Person,
    Org,
    Event,
    Other,
}

impl EntityType {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "country" => EntityType::Country,
            "region" => EntityType::Region,
            "place" => EntityType::Place,
            "person" => EntityType::Person,
            "org" => EntityType::Org,
            "event" => EntityType::Event,
            "other" => EntityType::Other,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Country => "country",
            EntityType::Region => "region",
            EntityType::Place => "place",
            EntityType::Person => "person",
            EntityType::Org => "org",
            EntityType::Event => "event",
            EntityType::Other => "other",
        }
    }
}

/// The canonical value of a name mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityValue {
    /// Canonical key: an ISO code, `org:NATO`, `person:Vladimir Putin`, or for a
    /// name outside the gazetteer its normalized form (`latin:SWIFT`).
    pub key: String,
    /// All keys the written form can stand for (an ambiguous abbreviation has several).
    pub keys: Vec<String>,
    pub etype: EntityType,
    /// Display form for messages (the canonical English name).
    pub display: String,
    /// How it was recognised: `gazetteer`, `abbreviation`, `latin`, `name`, `glossary`.
    pub source: &'static str,
}

impl EntityValue {
    pub fn json_fields(&self, m: &mut Map<String, Json>) {
        m.insert("entity_type".into(), json!(self.etype.as_str()));
        m.insert("name".into(), json!(self.display));
        if self.keys.len() > 1 {
            m.insert("keys".into(), json!(self.keys));
        }
        m.insert("via".into(), json!(self.source));
    }
}
