//! Per-user API keys derived from the server secret.
//!
//! A key is `ak_live_` followed by the first 32 lowercase hex characters
//! (128 bits) of HMAC-SHA256(secret, user id as UTF-8). The server can
//! recompute any user's key from the secret, so it never has to store one.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Prefix that marks a live API key.
pub const API_KEY_PREFIX: &str = "ak_live_";

/// Number of hex characters of the MAC kept in a key.
pub const API_KEY_HEX_CHARS: usize = 32;

/// An HMAC-SHA256 state keyed once with the secret and cloned for each user,
/// so the key schedule runs once per secret instead of once per user.
#[derive(Clone)]
pub struct KeyDeriver {
    keyed: Hmac<Sha256>,
}

impl KeyDeriver {
    /// Keys HMAC-SHA256 with `secret`. Any length is valid, the empty key too.
    pub fn new(secret: &[u8]) -> Self {
        // hmac 0.12 hashes long keys and pads short ones (RFC 2104), so
        // `new_from_slice` returns no error for any length.
        let keyed = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
        KeyDeriver { keyed }
    }

    /// Returns the full 32-byte HMAC-SHA256 of `user_id`.
    pub fn mac(&self, user_id: &str) -> [u8; 32] {
        let mut mac = self.keyed.clone();
        mac.update(user_id.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// Returns the API key for `user_id`.
    pub fn api_key(&self, user_id: &str) -> String {
        let mut key = String::with_capacity(API_KEY_PREFIX.len() + API_KEY_HEX_CHARS);
        self.write_api_key(user_id, &mut key);
        key
    }

    /// Replaces the contents of `out` with the API key for `user_id`,
    /// without allocating when `out` already has room, so bulk derivation
    /// can reuse one buffer.
    pub fn write_api_key(&self, user_id: &str, out: &mut String) {
        let mac = self.mac(user_id);
        let mut hex = [0u8; API_KEY_HEX_CHARS];
        out.clear();
        out.push_str(API_KEY_PREFIX);
        // Only the bytes the key keeps are encoded. base16ct fails only when
        // the buffer is shorter than the hex form, and this one fits exactly.
        if let Ok(text) = base16ct::lower::encode_str(&mac[..API_KEY_HEX_CHARS / 2], &mut hex) {
            out.push_str(text);
        }
    }
}

impl KeyDeriver {
    /// Derives the keys of the numeric user ids `first..=last` with reused
    /// buffers and returns the last key, or an empty string when the range
    /// is empty. The page runs it in chunks to stay responsive.
    pub fn derive_range(&self, first: u32, last: u32) -> String {
        use std::fmt::Write;

        let mut user_id = String::with_capacity(10);
        let mut key = String::with_capacity(API_KEY_PREFIX.len() + API_KEY_HEX_CHARS);
        for user in first..=last {
            user_id.clear();
            let _ = write!(user_id, "{user}");
            self.write_api_key(&user_id, &mut key);
        }
        key
    }
}

/// Returns the API key for `user_id` under `secret`.
pub fn derive_api_key(secret: &[u8], user_id: &str) -> String {
    KeyDeriver::new(secret).api_key(user_id)
}
