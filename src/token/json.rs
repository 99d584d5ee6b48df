//! Strict JSON decoding for JOSE headers and claims sets.
//!
//! serde_json keeps the last of two members with the same name. RFC 7515
//! section 4 allows a parser to reject such input instead, and this page
//! does, because two readers that pick different duplicates can disagree on
//! what a token contains.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

/// Error for segment bytes that are not the JSON object a JWS requires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonError {
    /// The bytes are not UTF-8.
    NotUtf8 { offset: usize },
    /// The text is not JSON; `detail` is the parser's message with line and
    /// column.
    Syntax { detail: String },
    /// An object contains the same member twice.
    DuplicateMember { detail: String },
    /// The JSON value is valid but not an object.
    NotAnObject { found: &'static str },
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonError::NotUtf8 { offset } => {
                write!(f, "is not UTF-8 text (invalid byte at offset {offset})")
            }
            JsonError::Syntax { detail } => write!(f, "is not JSON: {detail}"),
            JsonError::DuplicateMember { detail } => write!(f, "contains a {detail}"),
            JsonError::NotAnObject { found } => {
                write!(f, "must be a JSON object, but it is {found}")
            }
        }
    }
}

/// Parses `bytes` as one JSON object, rejecting duplicate member names at
/// any depth. Member order and number text are kept as received.
pub fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, JsonError> {
    let text = std::str::from_utf8(bytes).map_err(|error| JsonError::NotUtf8 {
        offset: error.valid_up_to(),
    })?;

    if let Err(error) = serde_json::from_str::<UniqueMembers>(text) {
        let detail = error.to_string();
        return Err(if detail.starts_with(DUPLICATE_PREFIX) {
            JsonError::DuplicateMember { detail }
        } else {
            JsonError::Syntax { detail }
        });
    }

    let value: Value = serde_json::from_str(text).map_err(|error| JsonError::Syntax {
        detail: error.to_string(),
    })?;
    match value {
        Value::Object(map) => Ok(map),
        other => Err(JsonError::NotAnObject {
            found: json_kind(&other),
        }),
    }
}

/// Names the kind of a JSON value with its article, for messages.
pub fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

const DUPLICATE_PREFIX: &str = "duplicate member";

/// A JSON value that is only checked, never stored: deserializing it fails
/// on the first object that names a member twice.
struct UniqueMembers;

impl<'de> Deserialize<'de> for UniqueMembers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UniqueMembersVisitor)
    }
}

struct UniqueMembersVisitor;

impl<'de> Visitor<'de> for UniqueMembersVisitor {
    type Value = UniqueMembers;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<UniqueMembers, E> {
        Ok(UniqueMembers)
    }

    fn visit_i64<E>(self, _: i64) -> Result<UniqueMembers, E> {
        Ok(UniqueMembers)
    }

    fn visit_u64<E>(self, _: u64) -> Result<UniqueMembers, E> {
        Ok(UniqueMembers)
    }

    fn visit_f64<E>(self, _: f64) -> Result<UniqueMembers, E> {
        Ok(UniqueMembers)
    }

    fn visit_str<E>(self, _: &str) -> Result<UniqueMembers, E> {
        Ok(UniqueMembers)
    }

    fn visit_unit<E>(self) -> Result<UniqueMembers, E> {
        Ok(UniqueMembers)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<UniqueMembers, A::Error> {
        while seq.next_element::<UniqueMembers>()?.is_some() {}
        Ok(UniqueMembers)
    }

    // With serde_json's `arbitrary_precision` feature a number arrives here
    // as a one-member map, which passes this check unchanged.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueMembers, A::Error> {
        let mut seen = HashSet::new();
        while let Some(name) = map.next_key::<String>()? {
            if seen.contains(&name) {
                return Err(de::Error::custom(format!("{DUPLICATE_PREFIX} \"{name}\"")));
            }
            map.next_value::<UniqueMembers>()?;
            seen.insert(name);
        }
        Ok(UniqueMembers)
    }
}
