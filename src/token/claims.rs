//! Checks of the registered claims of RFC 7519 section 4.1, and the table
//! rows that explain them.

use serde_json::{Map, Value};

use crate::time_text::{relative, utc_date};
use crate::token::json::json_kind;
use crate::token::verdict::{Check, Verdict};

/// Options for the time checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeOptions {
    /// The current time, in seconds since the Unix epoch.
    pub now: i64,
    /// Seconds of clock difference tolerated for `exp` and `nbf`.
    pub leeway: i64,
    /// Whether `exp` and `nbf` are checked at all.
    pub check_time: bool,
}

/// Default leeway for `exp` and `nbf`, in seconds.
pub const DEFAULT_LEEWAY_SECONDS: i64 = 60;

/// NumericDate values above this (year 5138) are almost certainly
/// milliseconds mistaken for seconds.
const MILLISECONDS_THRESHOLD: f64 = 1.0e11;

/// One row of the registered-claims or header-parameters table.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimRow {
    pub name: String,
    /// One line on what the member means.
    pub meaning: &'static str,
    /// The value as compact JSON.
    pub value: String,
    /// For NumericDate claims: the UTC date.
    pub date: Option<String>,
    /// For NumericDate claims: the time relative to now.
    pub relative: Option<String>,
}

const REGISTERED_CLAIMS: [(&str, &str); 7] = [
    ("iss", "Issuer: who created and signed the token."),
    (
        "sub",
        "Subject: whom the token is about, usually a user id.",
    ),
    (
        "aud",
        "Audience: the services that should accept the token.",
    ),
    (
        "exp",
        "Expiration time: reject the token from this moment on.",
    ),
    ("nbf", "Not before: reject the token until this moment."),
    ("iat", "Issued at: when the token was created."),
    ("jti", "JWT ID: a unique id, for example to block replays."),
];

const HEADER_PARAMETERS: [(&str, &str); 5] = [
    (
        "alg",
        "Algorithm that protects the token; chosen by whoever made it.",
    ),
    ("typ", "Media type of the whole token, usually \"JWT\"."),
    (
        "kid",
        "Key ID: which of the server's keys signed the token.",
    ),
    ("cty", "Content type of the payload, for nested tokens."),
    (
        "crit",
        "Extensions the recipient must understand or reject the token.",
    ),
];

/// Returns the rows for the header parameters present in `header`.
pub fn header_rows(header: &Map<String, Value>) -> Vec<ClaimRow> {
    HEADER_PARAMETERS
        .iter()
        .filter_map(|(name, meaning)| {
            header.get(*name).map(|value| ClaimRow {
                name: (*name).to_owned(),
                meaning,
                value: value.to_string(),
                date: None,
                relative: None,
            })
        })
        .collect()
}

/// Returns the rows for the registered claims present in `payload`.
pub fn claim_rows(payload: &Map<String, Value>, now: i64) -> Vec<ClaimRow> {
    REGISTERED_CLAIMS
        .iter()
        .filter_map(|(name, meaning)| {
            let value = payload.get(*name)?;
            let (date, relative) = match (numeric_date(value), *name) {
                (Some(at), "exp") => (
                    Some(utc_date(at)),
                    Some(relative("expires", "expired", at, now)),
                ),
                (Some(at), "nbf") => (
                    Some(utc_date(at)),
                    Some(relative("becomes valid", "valid since", at, now)),
                ),
                (Some(at), "iat") => (
                    Some(utc_date(at)),
                    Some(relative("issued", "issued", at, now)),
                ),
                _ => (None, None),
            };
            Some(ClaimRow {
                name: (*name).to_owned(),
                meaning,
                value: value.to_string(),
                date,
                relative,
            })
        })
        .collect()
}

fn numeric_date(value: &Value) -> Option<f64> {
    value.as_number().and_then(|number| number.as_f64())
}

/// Checks the types of the registered claims and, if enabled, `exp` and
/// `nbf` against the clock.
pub fn check_claims(payload: &Map<String, Value>, options: TimeOptions) -> Vec<Check> {
    let mut checks = Vec::new();

    for name in ["iss", "sub", "jti"] {
        if let Some(value) = payload.get(name) {
            if !value.is_string() {
                checks.push(Check::fail(
                    Verdict::InvalidClaims,
                    format!(
                        "{name} must be a string (RFC 7519 section 4.1), but it is {}.",
                        json_kind(value)
                    ),
                ));
            }
        }
    }

    if let Some(audience) = payload.get("aud") {
        let valid = match audience {
            Value::String(_) => true,
            Value::Array(items) => items.iter().all(Value::is_string),
            _ => false,
        };
        if !valid {
            checks.push(Check::fail(
                Verdict::InvalidClaims,
                "aud must be a string or an array of strings (RFC 7519 section 4.1.3).",
            ));
        }
    }

    let mut dates = Vec::new();
    for (name, section) in [("exp", "4.1.4"), ("nbf", "4.1.5"), ("iat", "4.1.6")] {
        let Some(value) = payload.get(name) else {
            continue;
        };
        match numeric_date(value) {
            Some(seconds) => {
                if seconds.abs() >= MILLISECONDS_THRESHOLD {
                    checks.push(Check::warn(format!(
                        "{name} is {value}, which as seconds is {}: it looks like \
                         milliseconds. JWT times are seconds since 1970; this page does not \
                         divide the value.",
                        utc_date(seconds)
                    )));
                }
                dates.push((name, seconds));
            }
            None => checks.push(Check::fail(
                Verdict::InvalidClaims,
                format!(
                    "{name} must be a number of seconds (NumericDate, RFC 7519 section \
                     {section}), but it is {}.",
                    json_kind(value)
                ),
            )),
        }
    }

    if !options.check_time {
        if !dates.is_empty() {
            checks.push(Check::skipped(
                "Time checks are turned off: exp and nbf were not compared with the clock.",
            ));
        }
        return checks;
    }

    let now = options.now as f64;
    let leeway = options.leeway as f64;
    for (name, seconds) in dates {
        match name {
            "exp" if now >= seconds + leeway => checks.push(Check::fail(
                Verdict::Expired,
                format!(
                    "exp is {}: the token {} (leeway {} s).",
                    utc_date(seconds),
                    relative("expires", "expired", seconds, options.now),
                    options.leeway
                ),
            )),
            "exp" => checks.push(Check::pass(format!(
                "exp is {}: the token {}.",
                utc_date(seconds),
                relative("expires", "expired", seconds, options.now)
            ))),
            "nbf" if now < seconds - leeway => checks.push(Check::fail(
                Verdict::NotYetValid,
                format!(
                    "nbf is {}: the token {} (leeway {} s).",
                    utc_date(seconds),
                    relative("becomes valid", "became valid", seconds, options.now),
                    options.leeway
                ),
            )),
            "nbf" => checks.push(Check::pass(format!(
                "nbf is {}: the token is already valid.",
                utc_date(seconds)
            ))),
            _ if seconds > now + leeway => checks.push(Check::warn(format!(
                "iat is {}, in the future: the issuer's clock may be wrong.",
                utc_date(seconds)
            ))),
            _ => {}
        }
    }
    checks
}
