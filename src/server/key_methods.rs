//! Three ways a server can issue API keys, and the key lengths the lab
//! offers.
//!
//! Every key is `ak_live_` followed by lowercase hex. The derived methods
//! take the first hex characters of HMAC-SHA256(secret, message), so the
//! server can recompute them from the secret. A random key has no secret
//! behind it, so the server must store it.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::api_key::API_KEY_PREFIX;

/// Number of CSPRNG bytes behind a random key.
pub const RANDOM_KEY_BYTES: usize = 16;

/// Number of hex characters in a random key: two per byte.
pub const RANDOM_KEY_HEX_CHARS: usize = RANDOM_KEY_BYTES * 2;

/// Method the server uses to issue API keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum KeyMethod {
    /// HMAC-SHA256(secret, user id): recomputable, never stored.
    #[default]
    Derived,
    /// HMAC-SHA256(secret, "<user id>-<milliseconds since epoch>"): the
    /// server stores the issue time to recompute the key.
    DerivedWithTimestamp,
    /// 16 CSPRNG bytes as hex: the server stores the key itself.
    Random,
}

impl KeyMethod {
    /// All methods, in the order the UI lists them.
    pub const ALL: [KeyMethod; 3] = [
        KeyMethod::Derived,
        KeyMethod::DerivedWithTimestamp,
        KeyMethod::Random,
    ];

    /// Stable identifier used in `<select>` values and tests.
    pub fn id(self) -> &'static str {
        match self {
            KeyMethod::Derived => "derived",
            KeyMethod::DerivedWithTimestamp => "derived-timestamp",
            KeyMethod::Random => "random",
        }
    }

    /// Parses an identifier returned by [`KeyMethod::id`].
    pub fn from_id(id: &str) -> Option<KeyMethod> {
        KeyMethod::ALL.into_iter().find(|method| method.id() == id)
    }

    /// Label shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            KeyMethod::Derived => "HMAC(secret, user id)",
            KeyMethod::DerivedWithTimestamp => "HMAC(secret, user id + timestamp)",
            KeyMethod::Random => "Random 16 bytes",
        }
    }

    /// Returns one sentence on when a real system uses this method.
    pub fn when_used(self) -> &'static str {
        match self {
            KeyMethod::Derived => {
                "Used when the server wants no key table at all: it recomputes any user's key \
                 from the secret, but rotating the secret changes every key at once."
            }
            KeyMethod::DerivedWithTimestamp => {
                "Used when keys must be reissued per user: storing only the issue time lets \
                 the server recompute each key and replace one without touching the others."
            }
            KeyMethod::Random => {
                "Used by most production APIs: the key depends on no secret, so the server \
                 stores it (ideally only its hash) and a leaked server secret exposes no key."
            }
        }
    }

    /// Returns whether the key length setting applies. A random key is
    /// always [`RANDOM_KEY_HEX_CHARS`] hex characters.
    pub fn uses_length(self) -> bool {
        !matches!(self, KeyMethod::Random)
    }
}

/// Number of hex characters a derived key keeps from the MAC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum KeyLength {
    /// 16 hex characters, 64 bits.
    Hex16,
    /// 32 hex characters, 128 bits, as [`crate::api_key::derive_api_key`].
    #[default]
    Hex32,
    /// 64 hex characters, the whole 256-bit MAC.
    Hex64,
}

impl KeyLength {
    /// All lengths, in the order the UI lists them.
    pub const ALL: [KeyLength; 3] = [KeyLength::Hex16, KeyLength::Hex32, KeyLength::Hex64];

    /// Stable identifier used in `<select>` values and tests.
    pub fn id(self) -> &'static str {
        match self {
            KeyLength::Hex16 => "hex16",
            KeyLength::Hex32 => "hex32",
            KeyLength::Hex64 => "hex64",
        }
    }

    /// Parses an identifier returned by [`KeyLength::id`].
    pub fn from_id(id: &str) -> Option<KeyLength> {
        KeyLength::ALL.into_iter().find(|length| length.id() == id)
    }

    /// Number of hex characters after the prefix.
    pub fn hex_chars(self) -> usize {
        match self {
            KeyLength::Hex16 => 16,
            KeyLength::Hex32 => 32,
            KeyLength::Hex64 => 64,
        }
    }

    /// Number of bits the hex characters carry, four per character.
    pub fn bits(self) -> u32 {
        match self {
            KeyLength::Hex16 => 64,
            KeyLength::Hex32 => 128,
            KeyLength::Hex64 => 256,
        }
    }

    /// Label shown in the UI.
    pub fn label(self) -> String {
        format!("{} hex characters ({} bits)", self.hex_chars(), self.bits())
    }

    /// Returns one sentence on what this many bits means for someone
    /// guessing keys.
    pub fn guessing_note(self) -> &'static str {
        match self {
            KeyLength::Hex16 => {
                "64 bits is 1.8e19 possible keys: at 1,000 online guesses per second trying \
                 them all takes about 580 million years, but a GPU testing a leaked key hash \
                 offline at 1e10 per second needs about 58 years, so 64 bits is the minimum."
            }
            KeyLength::Hex32 => {
                "128 bits is 3.4e38 possible keys: even at 1e12 guesses per second offline, \
                 trying them all takes about 1e19 years, which is why 128 bits is the usual \
                 choice."
            }
            KeyLength::Hex64 => {
                "256 bits is 1.2e77 possible keys: no guessing attack is feasible, and the \
                 longer key only costs a few bytes per request."
            }
        }
    }
}

/// Computes HMAC-SHA256(secret, message) and returns `ak_live_` plus its
/// first `length` hex characters.
fn mac_key(secret: &[u8], message: &[u8], length: KeyLength) -> String {
    // hmac 0.12 hashes long keys and pads short ones (RFC 2104), so
    // `new_from_slice` accepts every key length and the fallback never runs.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(message);
    let hex = base16ct::lower::encode_string(&mac.finalize().into_bytes());
    let kept: String = hex.chars().take(length.hex_chars()).collect();
    format!("{API_KEY_PREFIX}{kept}")
}

/// Returns `ak_live_` plus the first hex characters of
/// HMAC-SHA256(secret, user id as UTF-8). With [`KeyLength::Hex32`] this is
/// [`crate::api_key::derive_api_key`].
pub fn derived_key(secret: &[u8], user_id: &str, length: KeyLength) -> String {
    mac_key(secret, user_id.as_bytes(), length)
}

/// Returns the message that a derived key of `version` is computed over.
///
/// Version 1 (and 0, treated as 1) is the bare user id, so the first key
/// equals [`derived_key`]. Version n >= 2 is `"<user id>#v<n>"`: the server
/// stores only the version number and can still recompute the current key,
/// and every older key stops matching once the version moves on.
pub fn versioned_message(user_id: &str, version: u32) -> String {
    if version <= 1 {
        user_id.to_owned()
    } else {
        format!("{user_id}#v{version}")
    }
}

/// Returns the derived key for `version` of a user's key (see
/// [`versioned_message`]), which is how a derived key is rotated.
pub fn derived_key_versioned(
    secret: &[u8],
    user_id: &str,
    version: u32,
    length: KeyLength,
) -> String {
    mac_key(
        secret,
        versioned_message(user_id, version).as_bytes(),
        length,
    )
}

/// Returns the key derived from `"<user id>-<milliseconds since epoch>"`.
pub fn timestamp_key(secret: &[u8], user_id: &str, millis: i64, length: KeyLength) -> String {
    mac_key(secret, format!("{user_id}-{millis}").as_bytes(), length)
}

/// Returns `ak_live_` plus `random_hex`, the hex of [`RANDOM_KEY_BYTES`]
/// CSPRNG bytes drawn by the caller. No secret is involved, so nothing can
/// recompute this key and the server must store it.
pub fn random_key(random_hex: &str) -> String {
    format!("{API_KEY_PREFIX}{random_hex}")
}

/// Checks that `text` is [`RANDOM_KEY_HEX_CHARS`] hex digits and returns
/// them in lowercase.
pub fn normalize_random_hex(text: &str) -> Option<String> {
    let valid = text.len() == RANDOM_KEY_HEX_CHARS && text.bytes().all(|b| b.is_ascii_hexdigit());
    valid.then(|| text.to_ascii_lowercase())
}
