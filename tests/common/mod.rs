//! Helpers shared by the native test files.

#![allow(dead_code)]

use one_secret::secret::{decode_secret, SecretEncoding};
use one_secret::token::{inspect, Inspection, TimeOptions};

/// A fixed clock: 2023-11-14 22:13:20 UTC.
pub const FIXED_NOW: i64 = 1_700_000_000;

/// Inspects `token` with a UTF-8 secret at [`FIXED_NOW`] with 60 s leeway.
pub fn inspect_utf8(token: &str, secret: &str) -> Inspection {
    inspect_with(token, secret, SecretEncoding::Utf8, FIXED_NOW, 60)
}

/// Inspects `token` with the secret read in `encoding` at `now`.
pub fn inspect_with(
    token: &str,
    secret: &str,
    encoding: SecretEncoding,
    now: i64,
    leeway: i64,
) -> Inspection {
    let key = decode_secret(secret, encoding).expect("test secrets decode");
    inspect(
        token,
        Some(&key),
        TimeOptions {
            now,
            leeway,
            check_time: true,
        },
    )
}

/// Returns the messages of all checks, joined, for assertions on wording.
pub fn all_messages(inspection: &Inspection) -> String {
    inspection
        .checks
        .iter()
        .map(|check| check.message.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}
