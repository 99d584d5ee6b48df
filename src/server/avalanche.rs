//! Bit-level comparison of two MACs, to show the avalanche effect: a small
//! change in the message flips about half of the output bits.

use crate::api_key::KeyDeriver;

/// The bits of two byte strings side by side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BitDiff {
    /// One pair per bit, most significant bit of each byte first: the bit
    /// of `a`, then the bit of `b`.
    pub bits: Vec<(bool, bool)>,
    /// Number of positions where the bits differ.
    pub differing: u32,
    /// Number of bits compared.
    pub total: u32,
}

impl BitDiff {
    /// Returns the share of differing bits in percent, 0 when nothing was
    /// compared.
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        f64::from(self.differing) * 100.0 / f64::from(self.total)
    }
}

/// Compares `a` and `b` bit by bit. Only the bytes both have are compared,
/// so `total` is eight times the shorter length.
pub fn bit_diff(a: &[u8], b: &[u8]) -> BitDiff {
    let mut bits = Vec::with_capacity(a.len().min(b.len()) * 8);
    let mut differing = 0u32;
    for (byte_a, byte_b) in a.iter().zip(b) {
        differing += (byte_a ^ byte_b).count_ones();
        for shift in (0..8).rev() {
            bits.push(((byte_a >> shift) & 1 == 1, (byte_b >> shift) & 1 == 1));
        }
    }
    let total = u32::try_from(bits.len()).unwrap_or(u32::MAX);
    BitDiff {
        bits,
        differing,
        total,
    }
}

/// Returns HMAC-SHA256(secret, id_a) and HMAC-SHA256(secret, id_b).
pub fn user_mac_pair(secret: &[u8], id_a: &str, id_b: &str) -> ([u8; 32], [u8; 32]) {
    let deriver = KeyDeriver::new(secret);
    (deriver.mac(id_a), deriver.mac(id_b))
}
