//! The compact serialization of a JWS: three base64url segments separated by
//! dots (RFC 7515 section 7.1).

use std::fmt;

use base64ct::{Base64UrlUnpadded, Encoding};

use crate::secret::describe_char;

/// One of the three segments of a JWS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentKind {
    Header,
    Payload,
    Signature,
}

impl SegmentKind {
    /// Names the segment with its number, as messages refer to it.
    pub fn label(self) -> &'static str {
        match self {
            SegmentKind::Header => "segment 1 (header)",
            SegmentKind::Payload => "segment 2 (payload)",
            SegmentKind::Signature => "segment 3 (signature)",
        }
    }
}

/// One segment of the token text and where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    pub kind: SegmentKind,
    pub text: &'a str,
    /// Number of characters before the segment in the token.
    pub char_offset: usize,
}

/// Error for token text that does not have the three-segment shape of a JWS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StructureError {
    /// Nothing was pasted.
    Empty,
    /// Five segments: the compact form of a JWE (RFC 7516 section 7.1).
    LooksEncrypted,
    /// Any other number of segments than three.
    WrongSegmentCount { found: usize },
}

impl fmt::Display for StructureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StructureError::Empty => f.write_str("No token yet: paste a JWT into the box."),
            StructureError::LooksEncrypted => f.write_str(
                "Found 5 segments: this looks like an encrypted JWT (JWE), which this page \
                 does not decrypt. A signed JWT (JWS) has 3.",
            ),
            StructureError::WrongSegmentCount { found } => write!(
                f,
                "Found {found} segment{} separated by dots; a signed JWT (JWS) has exactly 3: \
                 header.payload.signature.",
                if *found == 1 { "" } else { "s" }
            ),
        }
    }
}

/// Splits a token into its header, payload and signature segments.
pub fn split_segments(token: &str) -> Result<[Segment<'_>; 3], StructureError> {
    if token.is_empty() {
        return Err(StructureError::Empty);
    }
    let parts: Vec<&str> = token.split('.').collect();
    match parts.len() {
        3 => {
            let header_chars = parts[0].chars().count();
            let payload_chars = parts[1].chars().count();
            Ok([
                Segment {
                    kind: SegmentKind::Header,
                    text: parts[0],
                    char_offset: 0,
                },
                Segment {
                    kind: SegmentKind::Payload,
                    text: parts[1],
                    char_offset: header_chars + 1,
                },
                Segment {
                    kind: SegmentKind::Signature,
                    text: parts[2],
                    char_offset: header_chars + payload_chars + 2,
                },
            ])
        }
        5 => Err(StructureError::LooksEncrypted),
        found => Err(StructureError::WrongSegmentCount { found }),
    }
}

/// A character that base64url does not allow, with its 1-based position in
/// the whole token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadCharacter {
    pub character: char,
    pub position: usize,
}

/// Error for a segment that is not canonical unpadded base64url (RFC 7515 section 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SegmentError {
    /// The header or payload segment is empty.
    Empty,
    /// Characters outside `A-Z a-z 0-9 - _`; at most five are listed.
    BadCharacters(Vec<BadCharacter>),
    /// A length of 4k+1 characters, which no encoder produces.
    ImpossibleLength { chars: usize },
    /// The last character sets bits that an encoder always leaves zero, so
    /// other text decodes to the same bytes.
    NonCanonical { last: char, position: usize },
}

/// Formats a [`SegmentError`] for one segment.
pub fn describe_segment_error(kind: SegmentKind, error: &SegmentError) -> String {
    let segment = kind.label();
    match error {
        SegmentError::Empty => format!("{segment} is empty; it must contain base64url text."),
        SegmentError::BadCharacters(bad) => {
            let listed: Vec<String> = bad
                .iter()
                .map(|b| format!("{} at position {}", describe_char(b.character), b.position))
                .collect();
            let standard = bad.iter().any(|b| matches!(b.character, '+' | '/' | '='));
            let advice = if standard {
                "JWTs require base64url: '-' and '_' in place of '+' and '/', and no '=' padding."
            } else {
                "base64url allows only A-Z, a-z, 0-9, '-' and '_'."
            };
            format!("{segment} contains {}. {advice}", listed.join(", "))
        }
        SegmentError::ImpossibleLength { chars } => format!(
            "{segment} has an impossible length: {chars} characters, and base64url text is \
             never 1 more than a multiple of 4. A character was added or lost."
        ),
        SegmentError::NonCanonical { last, position } => format!(
            "{segment} is non-canonical base64url: its last character '{last}' (position \
             {position}) sets bits that an encoder leaves zero, so the text was altered."
        ),
    }
}

const MAX_LISTED_CHARACTERS: usize = 5;

/// Decodes one segment, strictly: unpadded base64url with zero trailing bits.
pub fn decode_segment(segment: &Segment<'_>) -> Result<Vec<u8>, SegmentError> {
    if segment.text.is_empty() {
        return if segment.kind == SegmentKind::Signature {
            Ok(Vec::new())
        } else {
            Err(SegmentError::Empty)
        };
    }

    let bad: Vec<BadCharacter> = segment
        .text
        .chars()
        .enumerate()
        .filter(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        .take(MAX_LISTED_CHARACTERS)
        .map(|(index, character)| BadCharacter {
            character,
            position: segment.char_offset + index + 1,
        })
        .collect();
    if !bad.is_empty() {
        return Err(SegmentError::BadCharacters(bad));
    }

    let chars = segment.text.len();
    if chars % 4 == 1 {
        return Err(SegmentError::ImpossibleLength { chars });
    }

    Base64UrlUnpadded::decode_vec(segment.text).map_err(|_| SegmentError::NonCanonical {
        last: segment.text.chars().last().unwrap_or('?'),
        position: segment.char_offset + chars,
    })
}

/// Returns the decoded header segment of `token` as text, or `None` if the
/// first segment is not base64url.
pub fn header_text(token: &str) -> Option<String> {
    let first = token.split('.').next()?;
    let bytes = Base64UrlUnpadded::decode_vec(first).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Returns the decoded signature segment of `token`, or `None` if the token
/// does not have three segments or the third is not canonical base64url.
pub fn signature_bytes(token: &str) -> Option<Vec<u8>> {
    let segments = split_segments(token).ok()?;
    decode_segment(&segments[2]).ok()
}
