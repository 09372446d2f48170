//! JSONL (JSON Lines, NDJSON): one JSON object per line, with the pair's `source`
//! and `target` strings and an optional `id` (a string or a number). Blank lines are
//! skipped. Field names are configurable (`[jsonl]` in paracheck.toml).
//!
//! A record may also say where it stands in a larger corpus: `pair_index` (0-based)
//! and `source_line`/`target_line` (1-based) are then reported instead of the
//! record's position in this stream. A distributed run (one paracheck per partition)
//! uses them to report the positions a single run over the whole corpus would.

use super::{InputError, Lines, RawIter, RawPair, Source};
use serde_json::Value;

/// The field names of JSONL records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlFields {
    pub source: String,
    pub target: String,
    pub id: String,
    pub pair_index: String,
    pub source_line: String,
    pub target_line: String,
}

impl Default for JsonlFields {
    fn default() -> Self {
        JsonlFields {
            source: "source".into(),
            target: "target".into(),
            id: "id".into(),
            pair_index: "pair_index".into(),
            source_line: "source_line".into(),
            target_line: "target_line".into(),
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// One record as a pair; the error says what is wrong with it.
fn record(text: &str, line: usize, f: &JsonlFields) -> Result<RawPair, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        let msg = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m);
        format!("not valid JSON: {msg} (column {})", e.column())
    })?;
    let Value::Object(obj) = value else {
        return Err(format!(
            "expected a JSON object with `{}` and `{}`, found {}",
            f.source,
            f.target,
            kind(&value)
        ));
    };
    let text_field = |name: &str| -> Result<String, String> {
        match obj.get(name) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(v) => Err(format!(
                "field `{name}` must be a string, found {}",
                kind(v)
            )),
            None => Err(format!("missing field `{name}`")),
        }
    };
    let source = text_field(&f.source)?;
    let target = text_field(&f.target)?;
    let id = match obj.get(&f.id) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(v) => {
            return Err(format!(
                "field `{}` must be a string or a number, found {}",
                f.id,
                kind(v)
            ));
        }
    };
    let number = |name: &str, min: u64| -> Result<Option<usize>, String> {
        match obj.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => match n.as_u64() {
                Some(v) if v >= min => usize::try_from(v)
                    .map(Some)
                    .map_err(|_| format!("field `{name}` is too large")),
                _ => Err(format!(
                    "field `{name}` must be an integer of at least {min}, found {n}"
                )),
            },
            Some(v) => Err(format!(
                "field `{name}` must be an integer of at least {min}, found {}",
                kind(v)
            )),
        }
    };
    let index = number(&f.pair_index, 0)?;
    let source_line = number(&f.source_line, 1)?;
    let target_line = number(&f.target_line, 1)?;
    let source_line = source_line.unwrap_or(line);
    Ok(RawPair {
        id,
        source,
        target,
        source_line,
        target_line: target_line.unwrap_or(source_line),
        index,
    })
}

pub(super) fn read(
    src: Source,
    fields: &JsonlFields,
    limits: &crate::limits::Limits,
) -> Result<RawIter, InputError> {
    let name = src.name.clone();
    let fields = fields.clone();
    let lines = Lines::new(src.reader, &name, limits.max_line_bytes);
    let iter = lines.filter_map(move |r| {
        let (line, text) = match r {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        if text.trim().is_empty() {
            return None;
        }
        Some(
            record(&text, line, &fields).map_err(|message| InputError::Malformed {
                path: name.clone(),
                line,
                message,
            }),
        )
    });
    Ok(Box::new(iter))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_their_errors() {
        let f = JsonlFields::default();
        let p = record(r#"{"source":"a 1","target":"b 1","id":7}"#, 3, &f).unwrap();
        assert_eq!(
            (p.id.as_deref(), p.source_line, p.target_line, p.index),
            (Some("7"), 3, 3, None)
        );
        let p = record(
            r#"{"id":"x","source":"a","target":"b","pair_index":41,"source_line":42}"#,
            1,
            &f,
        )
        .unwrap();
        assert_eq!((p.index, p.source_line, p.target_line), (Some(41), 42, 42));
        let err = |t: &str| record(t, 1, &f).unwrap_err();
        assert!(
            err(r#"{"source":"a""#).starts_with("not valid JSON"),
            "{}",
            err(r#"{"source":"a""#)
        );
        assert_eq!(err(r#"{"source":"a"}"#), "missing field `target`");
        assert_eq!(
            err(r#"{"source":1,"target":"b"}"#),
            "field `source` must be a string, found a number"
        );
        assert_eq!(
            err(r#"["a","b"]"#),
            "expected a JSON object with `source` and `target`, found an array"
        );
        assert!(err(r#"{"source":"a","target":"b","id":[1]}"#).contains("string or a number"));
        assert!(err(r#"{"source":"a","target":"b","pair_index":-1}"#).contains("at least 0"));
        let renamed = JsonlFields {
            source: "en".into(),
            target: "zh".into(),
            ..Default::default()
        };
        assert!(record(r#"{"en":"a","zh":"b"}"#, 1, &renamed).is_ok());
        assert_eq!(
            record(r#"{"source":"a","target":"b"}"#, 1, &renamed).unwrap_err(),
            "missing field `en`"
        );
    }
}
