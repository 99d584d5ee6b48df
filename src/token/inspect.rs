//! The token inspector: decodes a pasted JWT, checks its signature with a
//! secret and its claims with a clock, and explains every step.
//!
//! The signature is always checked over the segments as received, never
//! over re-serialized JSON, because re-encoding changes whitespace, member
//! order and escapes, and with them the MAC.

use jwt_compact::alg::{
    Hs256, Hs256Key, Hs256Signature, Hs384, Hs384Key, Hs384Signature, Hs512, Hs512Key,
    Hs512Signature,
};
use jwt_compact::{Algorithm, AlgorithmSignature};
use serde_json::{Map, Value};

use crate::alg::HmacAlg;
use crate::token::claims::{check_claims, claim_rows, header_rows, ClaimRow, TimeOptions};
use crate::token::clean::clean_pasted;
use crate::token::json::{parse_object, JsonError};
use crate::token::segments::{
    decode_segment, describe_segment_error, split_segments, Segment, SegmentKind,
};
use crate::token::verdict::{worst_failure, Check, Verdict};

/// Largest token the inspector decodes, in bytes.
pub const MAX_TOKEN_BYTES: usize = 64 * 1024;

/// A decoded JSON segment.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodedJson {
    /// The decoded bytes as text, shown even when they are not JSON.
    pub text: String,
    /// The object, if the text is one JSON object without duplicate members.
    pub object: Option<Map<String, Value>>,
    /// The object re-indented for reading, members and numbers unchanged.
    pub pretty: Option<String>,
}

/// The signature bytes and what the algorithm expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureBytes {
    pub hex: String,
    pub len: usize,
    /// The MAC length of the header's algorithm, when it is supported.
    pub expected_len: Option<usize>,
}

/// Everything the inspector shows about one pasted text.
#[derive(Clone, Debug, PartialEq)]
pub struct Inspection {
    /// Descriptions of the wrapping stripped from the pasted text before decoding.
    pub removed: Vec<String>,
    /// The token after stripping.
    pub token: String,
    /// The three segments' text, when the token has three.
    pub segments: Option<[String; 3]>,
    pub header: Option<DecodedJson>,
    pub payload: Option<DecodedJson>,
    pub signature: Option<SignatureBytes>,
    /// The header's algorithm, when it is one of the HMAC algorithms.
    pub alg: Option<HmacAlg>,
    /// The ASCII text the MAC covers: `header segment + "." + payload segment`.
    pub signing_input: Option<String>,
    /// `Some(true)` when the MAC matched, `Some(false)` when it did not,
    /// `None` when it could not be checked.
    pub signature_matches: Option<bool>,
    pub header_rows: Vec<ClaimRow>,
    pub claim_rows: Vec<ClaimRow>,
    /// Every check in the order it ran.
    pub checks: Vec<Check>,
    pub verdict: Verdict,
    /// One line explaining the verdict.
    pub reason: String,
}

impl Inspection {
    fn new(token: String, removed: Vec<String>) -> Inspection {
        Inspection {
            removed,
            token,
            segments: None,
            header: None,
            payload: None,
            signature: None,
            alg: None,
            signing_input: None,
            signature_matches: None,
            header_rows: Vec::new(),
            claim_rows: Vec::new(),
            checks: Vec::new(),
            verdict: Verdict::Malformed,
            reason: String::new(),
        }
    }

    fn finish(mut self) -> Inspection {
        match worst_failure(&self.checks) {
            Some((verdict, message)) => {
                self.reason = message.to_owned();
                self.verdict = verdict;
            }
            None => {
                self.verdict = Verdict::Valid;
                self.reason = match self.alg {
                    Some(alg) => format!(
                        "The {} signature matches this secret and the claims are acceptable.",
                        alg.name()
                    ),
                    None => "All checks passed.".to_owned(),
                };
            }
        }
        self
    }
}

/// Inspects `input` as pasted. `key` is the secret's bytes, or `None` when
/// the secret field cannot be decoded, in which case the signature is not
/// checked.
pub fn inspect(input: &str, key: Option<&[u8]>, time: TimeOptions) -> Inspection {
    if input.len() > MAX_TOKEN_BYTES {
        let mut inspection = Inspection::new(String::new(), Vec::new());
        inspection.checks.push(Check::fail(
            Verdict::Malformed,
            format!(
                "The token is too large ({} KiB, limit {} KiB); real JWTs are a few hundred \
                 bytes, so check what was pasted.",
                input.len().div_ceil(1024),
                MAX_TOKEN_BYTES / 1024
            ),
        ));
        return inspection.finish();
    }

    let cleaned = clean_pasted(input);
    let mut inspection = Inspection::new(cleaned.token.clone(), cleaned.removed);

    let segments = match split_segments(&cleaned.token) {
        Ok(segments) => segments,
        Err(error) => {
            let verdict = match error {
                crate::token::segments::StructureError::LooksEncrypted => Verdict::Unsupported,
                _ => Verdict::Malformed,
            };
            inspection
                .checks
                .push(Check::fail(verdict, error.to_string()));
            return inspection.finish();
        }
    };
    inspection.segments = Some(segments.map(|segment| segment.text.to_owned()));
    inspection.signing_input = Some(format!("{}.{}", segments[0].text, segments[1].text));

    inspection.header = decode_json_segment(&segments[0], &mut inspection.checks);
    inspection.payload = decode_json_segment(&segments[1], &mut inspection.checks);
    let signature = match decode_segment(&segments[2]) {
        Ok(bytes) => Some(bytes),
        Err(error) => {
            inspection.checks.push(Check::fail(
                Verdict::Malformed,
                describe_segment_error(SegmentKind::Signature, &error),
            ));
            None
        }
    };

    let header = inspection
        .header
        .as_ref()
        .and_then(|json| json.object.clone());
    if let Some(header) = &header {
        inspection.header_rows = header_rows(header);
        inspection.alg = check_header(header, &mut inspection.checks);
    }

    if let Some(bytes) = &signature {
        inspection.signature = Some(SignatureBytes {
            hex: base16ct::lower::encode_string(bytes),
            len: bytes.len(),
            expected_len: inspection.alg.map(HmacAlg::output_len),
        });
    }

    if let (Some(alg), Some(bytes), Some(signing_input)) =
        (inspection.alg, &signature, &inspection.signing_input)
    {
        inspection.signature_matches = check_signature(
            alg,
            bytes,
            key,
            signing_input.as_bytes(),
            &mut inspection.checks,
        );
    }

    if let Some(payload) = inspection
        .payload
        .as_ref()
        .and_then(|json| json.object.as_ref())
    {
        inspection.claim_rows = claim_rows(payload, time.now);
        let claim_checks = check_claims(payload, time);
        inspection.checks.extend(claim_checks);
    }

    inspection.finish()
}

fn decode_json_segment(segment: &Segment<'_>, checks: &mut Vec<Check>) -> Option<DecodedJson> {
    let bytes = match decode_segment(segment) {
        Ok(bytes) => bytes,
        Err(error) => {
            checks.push(Check::fail(
                Verdict::Malformed,
                describe_segment_error(segment.kind, &error),
            ));
            return None;
        }
    };

    let text = String::from_utf8_lossy(&bytes).into_owned();
    match parse_object(&bytes) {
        Ok(object) => {
            let pretty = serde_json::to_string_pretty(&object).ok();
            Some(DecodedJson {
                text,
                object: Some(object),
                pretty,
            })
        }
        Err(error) => {
            let segment_label = segment.kind.label();
            let message = match &error {
                JsonError::DuplicateMember { .. } => format!(
                    "{segment_label} {error}. Readers that keep different copies would \
                     disagree, so the token is rejected."
                ),
                _ => format!("{segment_label} {error}."),
            };
            checks.push(Check::fail(Verdict::Malformed, message));
            Some(DecodedJson {
                text,
                object: None,
                pretty: None,
            })
        }
    }
}

/// Checks `alg` and `crit` and returns the HMAC algorithm to verify with.
fn check_header(header: &Map<String, Value>, checks: &mut Vec<Check>) -> Option<HmacAlg> {
    let alg = match header.get("alg") {
        None => {
            checks.push(Check::fail(
                Verdict::Malformed,
                "The header has no alg member, which RFC 7515 section 4.1.1 requires.",
            ));
            return None;
        }
        Some(Value::String(alg)) => alg.as_str(),
        Some(other) => {
            checks.push(Check::fail(
                Verdict::Malformed,
                format!(
                    "alg must be a string, but it is {}.",
                    crate::token::json::json_kind(other)
                ),
            ));
            return None;
        }
    };

    if header.contains_key("crit") {
        checks.push(Check::fail(
            Verdict::Unsupported,
            "The header lists critical extensions (crit) that this page does not implement; \
             RFC 7515 section 4.1.11 requires rejecting such a token.",
        ));
    }

    if let Some(hmac) = HmacAlg::from_name(alg) {
        checks.push(Check::pass(format!(
            "alg is {alg}: HMAC with {}, keyed with the shared secret.",
            hmac.hash_name()
        )));
        return Some(hmac);
    }

    let message = if alg.eq_ignore_ascii_case("none") {
        let case_note = if alg == "none" {
            String::new()
        } else {
            format!(" alg is case-sensitive, so \"{alg}\" is not even a registered value.")
        };
        format!(
            "alg is \"{alg}\": an unsecured token carries no signature, and a server that \
             accepts it lets anyone forge tokens (the \"alg none\" attack), so it is refused.\
             {case_note}"
        )
    } else if let Some(close) = HmacAlg::ALL
        .into_iter()
        .find(|hmac| hmac.name().eq_ignore_ascii_case(alg))
    {
        format!(
            "alg is \"{alg}\", but alg is case-sensitive: only \"{}\" names {}.",
            close.name(),
            close.hash_name()
        )
    } else {
        format!(
            "alg is \"{alg}\"; this page verifies HMAC tokens only (HS256, HS384, HS512), \
             which use one shared secret."
        )
    };
    checks.push(Check::fail(Verdict::Unsupported, message));
    None
}

/// Checks the MAC in constant time through jwt-compact, which compares with
/// `hmac`'s `CtOutput`.
fn check_signature(
    alg: HmacAlg,
    signature: &[u8],
    key: Option<&[u8]>,
    signing_input: &[u8],
    checks: &mut Vec<Check>,
) -> Option<bool> {
    let expected = alg.output_len();
    if signature.len() != expected {
        checks.push(Check::fail(
            Verdict::Malformed,
            format!(
                "segment 3 (signature) decodes to {} bytes, but {} signatures are always {expected} \
                 bytes, an impossible length.",
                signature.len(),
                alg.name()
            ),
        ));
        return None;
    }

    let Some(key) = key else {
        checks.push(Check::fail(
            Verdict::InvalidSignature,
            "The signature was not checked because the secret cannot be decoded; fix the secret.",
        ));
        return None;
    };

    let matches = verify_mac(alg, signature, key, signing_input);
    if matches {
        checks.push(Check::pass(format!(
            "The {} signature matches: HMAC-{}(secret, signing input) equals segment 3.",
            alg.name(),
            alg.hash_name()
        )));
    } else {
        checks.push(Check::fail(
            Verdict::InvalidSignature,
            format!(
                "The {} signature does not match this secret: the token was signed with another \
                 secret, or its header or payload was changed after signing.",
                alg.name()
            ),
        ));
    }
    Some(matches)
}

/// Returns whether `signature` is the MAC of `message` under `key`. The
/// caller has checked that `signature` has the algorithm's length, which
/// jwt-compact's `try_from_slice` requires.
fn verify_mac(alg: HmacAlg, signature: &[u8], key: &[u8], message: &[u8]) -> bool {
    match alg {
        HmacAlg::Hs256 => Hs256Signature::try_from_slice(signature)
            .is_ok_and(|sig| Hs256.verify_signature(&sig, &Hs256Key::new(key), message)),
        HmacAlg::Hs384 => Hs384Signature::try_from_slice(signature)
            .is_ok_and(|sig| Hs384.verify_signature(&sig, &Hs384Key::new(key), message)),
        HmacAlg::Hs512 => Hs512Signature::try_from_slice(signature)
            .is_ok_and(|sig| Hs512.verify_signature(&sig, &Hs512Key::new(key), message)),
    }
}
