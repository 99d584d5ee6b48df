//! The server secret: how the text in a secret field becomes key bytes, and
//! what the page should warn about those bytes.

use std::fmt;

use base64ct::{Base64, Base64Unpadded, Base64Url, Base64UrlUnpadded, Encoding};

use crate::alg::HmacAlg;

/// Secret shown when the page opens, so keys and tokens appear at once.
pub const DEMO_SECRET: &str = "demo-secret-change-me";

/// Maximum length of a secret field, in characters. Real secrets are far
/// shorter; the limit keeps every keystroke cheap.
pub const MAX_SECRET_CHARS: usize = 4096;

/// Number of random bytes drawn by "Generate random secret".
pub const RANDOM_SECRET_BYTES: usize = 32;

/// Encoding that turns the characters of a secret field into key bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SecretEncoding {
    /// The UTF-8 bytes of the text, exactly as typed.
    #[default]
    Utf8,
    /// base64url or standard base64, with or without `=` padding.
    Base64Url,
    /// Hexadecimal digits, two per byte, either case.
    Hex,
}

impl SecretEncoding {
    /// All encodings, in the order the UI lists them.
    pub const ALL: [SecretEncoding; 3] = [
        SecretEncoding::Utf8,
        SecretEncoding::Base64Url,
        SecretEncoding::Hex,
    ];

    /// Stable identifier used in `<select>` values and tests.
    pub fn id(self) -> &'static str {
        match self {
            SecretEncoding::Utf8 => "utf8",
            SecretEncoding::Base64Url => "base64url",
            SecretEncoding::Hex => "hex",
        }
    }

    /// Parses an identifier returned by [`SecretEncoding::id`].
    pub fn from_id(id: &str) -> Option<SecretEncoding> {
        SecretEncoding::ALL
            .into_iter()
            .find(|encoding| encoding.id() == id)
    }

    /// Label shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            SecretEncoding::Utf8 => "UTF-8 text",
            SecretEncoding::Base64Url => "base64 / base64url",
            SecretEncoding::Hex => "hex",
        }
    }
}

/// Error for secret field text that cannot be decoded into key bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecretError {
    /// The text is longer than [`MAX_SECRET_CHARS`].
    TooLong { chars: usize },
    /// A character outside the base64 and base64url alphabets.
    InvalidBase64Character { character: char, position: usize },
    /// The text mixes `+`/`/` of standard base64 with `-`/`_` of base64url.
    MixedBase64Alphabets,
    /// The text has a length no base64 encoder produces, or non-zero
    /// trailing bits.
    InvalidBase64,
    /// A character that is not a hex digit.
    InvalidHexCharacter { character: char, position: usize },
    /// An odd number of hex digits.
    OddHexLength { digits: usize },
}

impl fmt::Display for SecretError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretError::TooLong { chars } => write!(
                f,
                "The secret is too long ({chars} characters, limit {MAX_SECRET_CHARS}); shorten it."
            ),
            SecretError::InvalidBase64Character {
                character,
                position,
            } => write!(
                f,
                "Character {} at position {position} is not base64; remove it or switch the \
                 encoding to UTF-8 text.",
                describe_char(*character)
            ),
            SecretError::MixedBase64Alphabets => f.write_str(
                "The secret mixes '+' or '/' (standard base64) with '-' or '_' (base64url); \
                 use one alphabet.",
            ),
            SecretError::InvalidBase64 => f.write_str(
                "The secret is not valid base64: its length or its last character is impossible \
                 for encoded bytes; check that it was copied whole.",
            ),
            SecretError::InvalidHexCharacter {
                character,
                position,
            } => write!(
                f,
                "Character {} at position {position} is not a hex digit (0-9, a-f); remove it \
                 or switch the encoding to UTF-8 text.",
                describe_char(*character)
            ),
            SecretError::OddHexLength { digits } => write!(
                f,
                "The secret has {digits} hex digits; bytes need an even number, so add or \
                 remove one digit."
            ),
        }
    }
}

/// Quotes a character for a message, naming invisible ones.
pub fn describe_char(character: char) -> String {
    match character {
        ' ' => "' ' (space)".to_owned(),
        '\t' => "tab".to_owned(),
        '\n' => "line feed".to_owned(),
        '\r' => "carriage return".to_owned(),
        c if c.is_control() || c.is_whitespace() => format!("U+{:04X}", c as u32),
        c => format!("'{c}'"),
    }
}

/// Decodes the text of a secret field into key bytes.
///
/// UTF-8 text is used exactly as typed, spaces included. In the base64 and
/// hex modes, surrounding whitespace is ignored because it is never part of
/// an encoded value.
pub fn decode_secret(text: &str, encoding: SecretEncoding) -> Result<Vec<u8>, SecretError> {
    let chars = text.chars().count();
    if chars > MAX_SECRET_CHARS {
        return Err(SecretError::TooLong { chars });
    }

    match encoding {
        SecretEncoding::Utf8 => Ok(text.as_bytes().to_vec()),
        SecretEncoding::Base64Url => decode_base64_secret(text.trim()),
        SecretEncoding::Hex => decode_hex_secret(text.trim()),
    }
}

fn decode_base64_secret(text: &str) -> Result<Vec<u8>, SecretError> {
    let mut standard = false;
    let mut url_safe = false;
    for (index, character) in text.chars().enumerate() {
        match character {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '=' => {}
            '+' | '/' => standard = true,
            '-' | '_' => url_safe = true,
            _ => {
                return Err(SecretError::InvalidBase64Character {
                    character,
                    position: index + 1,
                })
            }
        }
    }
    if standard && url_safe {
        return Err(SecretError::MixedBase64Alphabets);
    }

    let padded = text.ends_with('=');
    let decoded = match (standard, padded) {
        (true, true) => Base64::decode_vec(text),
        (true, false) => Base64Unpadded::decode_vec(text),
        (false, true) => Base64Url::decode_vec(text),
        (false, false) => Base64UrlUnpadded::decode_vec(text),
    };
    decoded.map_err(|_| SecretError::InvalidBase64)
}

fn decode_hex_secret(text: &str) -> Result<Vec<u8>, SecretError> {
    if let Some((index, character)) = text
        .chars()
        .enumerate()
        .find(|(_, character)| !character.is_ascii_hexdigit())
    {
        return Err(SecretError::InvalidHexCharacter {
            character,
            position: index + 1,
        });
    }
    if text.len() % 2 == 1 {
        return Err(SecretError::OddHexLength { digits: text.len() });
    }
    base16ct::mixed::decode_vec(text).map_err(|_| SecretError::OddHexLength { digits: text.len() })
}

/// Severity of a remark about a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyNoteLevel {
    /// A fact worth knowing.
    Info,
    /// A weakness that verification still accepts.
    Warning,
    /// The weakest possible key.
    Danger,
}

/// A remark about key bytes used with one algorithm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyNote {
    pub level: KeyNoteLevel,
    pub message: String,
}

/// Returns the remarks about a key of `key_len` bytes used with `alg`.
///
/// RFC 7518 section 3.2 requires a key at least as long as the hash output.
/// Shorter keys still compute, so the page warns and does not reject them.
pub fn key_notes(key_len: usize, alg: HmacAlg) -> Vec<KeyNote> {
    let mut notes = Vec::new();
    let required = alg.output_len();

    if key_len == 0 {
        notes.push(KeyNote {
            level: KeyNoteLevel::Danger,
            message: format!(
                "The secret is empty. HMAC still computes a value, but anyone can compute the \
                 same one: use at least {required} random bytes."
            ),
        });
    } else if key_len < required {
        notes.push(KeyNote {
            level: KeyNoteLevel::Warning,
            message: format!(
                "The key is {key_len} bytes; RFC 7518 requires at least {required} bytes for \
                 {}. Short or guessable secrets can be found by trying candidates offline.",
                alg.name()
            ),
        });
    }

    if key_len > alg.block_len() {
        notes.push(KeyNote {
            level: KeyNoteLevel::Info,
            message: format!(
                "The key is longer than the {}-byte block of {}, so HMAC first replaces it \
                 with its {}-byte hash.",
                alg.block_len(),
                alg.hash_name(),
                required
            ),
        });
    }
    notes
}

/// Draws [`RANDOM_SECRET_BYTES`] bytes from the operating system's or the
/// browser's CSPRNG and returns them as lowercase hex.
pub fn random_secret_hex() -> Result<String, getrandom::Error> {
    random_hex(RANDOM_SECRET_BYTES)
}

/// Draws `byte_count` bytes from the CSPRNG and returns them as lowercase
/// hex.
pub fn random_hex(byte_count: usize) -> Result<String, getrandom::Error> {
    let mut bytes = vec![0u8; byte_count];
    getrandom::getrandom(&mut bytes)?;
    Ok(base16ct::lower::encode_string(&bytes))
}
