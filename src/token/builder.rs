//! The token signer's editing logic: a payload typed as JSON text, header
//! fields, and quick edits that set one registered claim.

use std::fmt;

use serde_json::{Map, Value};

use crate::alg::HmacAlg;
use crate::token::inspect::MAX_TOKEN_BYTES;
use crate::token::json::{parse_object, JsonError};
use crate::token::sign::{sign_payload, HeaderFields};

/// Payload shown when the page opens.
pub const DEMO_PAYLOAD: &str =
    "{\n  \"sub\": \"1\",\n  \"name\": \"Ada\",\n  \"role\": \"reader\"\n}";

/// Lifetimes offered for the `exp` quick edit, in seconds, with labels.
pub const LIFETIMES: [(i64, &str); 5] = [
    (60, "1 minute"),
    (900, "15 minutes"),
    (3600, "1 hour"),
    (86_400, "1 day"),
    (2_592_000, "30 days"),
];

/// Error from the signer's inputs: the payload or the signing step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// The payload text is larger than the inspector accepts.
    PayloadTooLarge { bytes: usize },
    /// The payload text is not one JSON object.
    Payload(JsonError),
    /// jwt-compact could not serialize the token.
    Signing(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::PayloadTooLarge { bytes } => write!(
                f,
                "The payload is too large ({} KiB, limit {} KiB); shorten it.",
                bytes.div_ceil(1024),
                MAX_TOKEN_BYTES / 1024
            ),
            BuildError::Payload(error) => {
                write!(f, "The payload {error}. Fix the JSON to sign it.")
            }
            BuildError::Signing(message) => f.write_str(message),
        }
    }
}

/// Parses the payload field, keeping member order and number text.
pub fn parse_payload(text: &str) -> Result<Map<String, Value>, BuildError> {
    if text.len() > MAX_TOKEN_BYTES {
        return Err(BuildError::PayloadTooLarge { bytes: text.len() });
    }
    parse_object(text.as_bytes()).map_err(BuildError::Payload)
}

/// Signs the payload text with `alg` and `key`. Empty `typ` or `kid` text
/// leaves that header parameter out.
pub fn build_token(
    alg: HmacAlg,
    typ: &str,
    kid: &str,
    payload_text: &str,
    key: &[u8],
) -> Result<String, BuildError> {
    let payload = parse_payload(payload_text)?;
    let fields = HeaderFields {
        typ: non_empty(typ),
        kid: non_empty(kid),
    };
    sign_payload(alg, &fields, &payload, key)
        .map_err(|error| BuildError::Signing(error.to_string()))
}

fn non_empty(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Sets claim `name` to `value` in the payload text and returns the new
/// text, re-indented. Other members keep their order; a new member goes
/// last. Fails, leaving the caller's text alone, if the text is not a JSON
/// object.
pub fn set_claim(payload_text: &str, name: &str, value: Value) -> Result<String, BuildError> {
    let mut payload = parse_payload(payload_text)?;
    payload.insert(name.to_owned(), value);
    serde_json::to_string_pretty(&payload).map_err(|error| BuildError::Signing(error.to_string()))
}
