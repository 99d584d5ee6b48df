//! HMAC-SHA256 computed step by step with SHA-256 alone, as RFC 2104
//! defines it, so the page can show every intermediate value.

use sha2::{Digest, Sha256};

/// Block size of SHA-256 in bytes.
pub const BLOCK_BYTES: usize = 64;

/// Byte XORed into the key for the inner hash.
pub const IPAD: u8 = 0x36;

/// Byte XORed into the key for the outer hash.
pub const OPAD: u8 = 0x5c;

/// Every intermediate value of one HMAC-SHA256 computation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HmacSteps {
    /// The key as given.
    pub key: Vec<u8>,
    /// Whether the key was longer than [`BLOCK_BYTES`] and so was replaced
    /// by its SHA-256 hash.
    pub key_hashed: bool,
    /// SHA-256 of the key, present when `key_hashed` is true.
    pub hashed_key: Option<[u8; 32]>,
    /// The key (or its hash) padded with zero bytes to [`BLOCK_BYTES`].
    pub padded_key: [u8; BLOCK_BYTES],
    /// The padded key XOR [`IPAD`].
    pub inner_key: [u8; BLOCK_BYTES],
    /// The padded key XOR [`OPAD`].
    pub outer_key: [u8; BLOCK_BYTES],
    pub message: Vec<u8>,
    /// SHA-256(inner key || message).
    pub inner_hash: [u8; 32],
    /// SHA-256(outer key || inner hash): the MAC.
    pub outer_hash: [u8; 32],
}

impl HmacSteps {
    /// Returns the MAC, which is the outer hash.
    pub fn mac(&self) -> [u8; 32] {
        self.outer_hash
    }
}

/// Computes HMAC-SHA256(key, message) one step at a time.
pub fn hmac_steps(key: &[u8], message: &[u8]) -> HmacSteps {
    let key_hashed = key.len() > BLOCK_BYTES;
    let hashed_key: Option<[u8; 32]> = key_hashed.then(|| Sha256::digest(key).into());
    let block_key: &[u8] = match &hashed_key {
        Some(hash) => hash,
        None => key,
    };

    let mut padded_key = [0u8; BLOCK_BYTES];
    for (slot, byte) in padded_key.iter_mut().zip(block_key) {
        *slot = *byte;
    }
    let inner_key = padded_key.map(|byte| byte ^ IPAD);
    let outer_key = padded_key.map(|byte| byte ^ OPAD);

    let mut inner = Sha256::new();
    inner.update(inner_key);
    inner.update(message);
    let inner_hash: [u8; 32] = inner.finalize().into();

    let mut outer = Sha256::new();
    outer.update(outer_key);
    outer.update(inner_hash);
    let outer_hash: [u8; 32] = outer.finalize().into();

    HmacSteps {
        key: key.to_vec(),
        key_hashed,
        hashed_key,
        padded_key,
        inner_key,
        outer_key,
        message: message.to_vec(),
        inner_hash,
        outer_hash,
    }
}
