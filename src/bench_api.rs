//! Entry points for `scripts/bench.mjs`, which times them in the browser.
//!
//! Each function returns a checksum of what it computed, so the optimizer
//! cannot drop the work. The script measures the elapsed time around the
//! call, so the figures include the JavaScript-to-WebAssembly call once.

#![cfg(target_arch = "wasm32")]

use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::api_key::KeyDeriver;

/// Derives the API keys of user ids `"1"` to `count` under `secret` with one
/// keyed-once [`KeyDeriver`] and reused id and key buffers, and returns a
/// checksum of the key strings.
#[wasm_bindgen]
pub fn bench_derive_keys(secret: &str, count: u32) -> u32 {
    use std::fmt::Write;

    let deriver = KeyDeriver::new(secret.as_bytes());
    let mut checksum = 0u32;
    let mut user_id = String::with_capacity(16);
    let mut key = String::with_capacity(64);
    for user in 1..=count {
        user_id.clear();
        let _ = write!(user_id, "{user}");
        deriver.write_api_key(&user_id, &mut key);
        checksum = checksum.wrapping_add(u32::from(key.as_bytes()[key.len() - 1]));
    }
    checksum
}

/// Computes the HMAC-SHA256 of user ids `"1"` to `count` under `secret`
/// without the hex encoding and string formatting of an API key, and
/// returns a checksum of the MACs.
#[wasm_bindgen]
pub fn bench_derive_macs(secret: &str, count: u32) -> u32 {
    let deriver = KeyDeriver::new(secret.as_bytes());
    let mut checksum = 0u32;
    for user in 1..=count {
        checksum = checksum.wrapping_add(u32::from(deriver.mac(&user.to_string())[0]));
    }
    checksum
}

/// Runs `blocks` SHA-256 compressions by hashing 64-byte blocks in 64 KiB
/// updates, and returns a checksum of the digest.
///
/// SHA-256 compresses every full 64-byte block of an update, so the count
/// is `blocks` plus one for the final padding block.
#[wasm_bindgen]
pub fn bench_sha256_compressions(blocks: u32) -> u32 {
    const BLOCKS_PER_UPDATE: u32 = 1024;
    let buffer = [0x5au8; 64 * BLOCKS_PER_UPDATE as usize];
    let mut hasher = Sha256::new();
    let mut remaining = blocks;
    while remaining > 0 {
        let now = remaining.min(BLOCKS_PER_UPDATE);
        hasher.update(&buffer[..64 * now as usize]);
        remaining -= now;
    }
    u32::from(hasher.finalize()[0])
}
