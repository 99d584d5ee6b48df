//! HMAC-SHA256 computed step by step against the `hmac` crate and the
//! RFC 4231 vectors.

use hmac::{Hmac, Mac};
use one_secret::server::hmac_steps::{hmac_steps, BLOCK_BYTES, IPAD, OPAD};
use sha2::{Digest, Sha256};

fn crate_mac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// RFC 4231 test cases 1, 2, 3, 4, 6 and 7: case number, key, data and the
/// HMAC-SHA256 value the RFC lists.
fn rfc4231_cases() -> Vec<(u32, Vec<u8>, Vec<u8>, &'static str)> {
    let large_key = vec![0xaa; 131];
    vec![
        (
            1,
            vec![0x0b; 20],
            b"Hi There".to_vec(),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        ),
        (
            2,
            b"Jefe".to_vec(),
            b"what do ya want for nothing?".to_vec(),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        ),
        (
            3,
            vec![0xaa; 20],
            vec![0xdd; 50],
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
        ),
        (
            4,
            (0x01..=0x19).collect(),
            vec![0xcd; 50],
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
        ),
        (
            6,
            large_key.clone(),
            b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        ),
        (
            7,
            large_key,
            b"This is a test using a larger than block-size key and a larger than \
              block-size data. The key needs to be hashed before being used by the \
              HMAC algorithm."
                .to_vec(),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
        ),
    ]
}

#[test]
fn rfc4231_cases_match() {
    for (case, key, data, expected_hex) in rfc4231_cases() {
        let steps = hmac_steps(&key, &data);
        let hex = base16ct::lower::encode_string(&steps.mac());
        assert_eq!(hex, expected_hex, "RFC 4231 test case {case}");
        assert_eq!(steps.mac(), crate_mac(&key, &data), "test case {case}");
    }
}

#[test]
fn key_lengths_around_block() {
    let message = b"message for the block-size edge";
    for length in [0usize, 1, 32, 63, 64, 65, 200] {
        let key: Vec<u8> = (0..length).map(|i| (i * 7 + 3) as u8).collect();
        let steps = hmac_steps(&key, message);
        assert_eq!(
            steps.mac(),
            crate_mac(&key, message),
            "key of {length} bytes"
        );
        assert_eq!(steps.key_hashed, length > 64, "key of {length} bytes");
        assert_eq!(steps.hashed_key.is_some(), length > 64);
    }
}

#[test]
fn long_key_hashed_then_padded() {
    let key = vec![0x42; 65];
    let steps = hmac_steps(&key, b"x");
    let hash: [u8; 32] = Sha256::digest(&key).into();
    assert_eq!(steps.hashed_key, Some(hash));
    assert_eq!(&steps.padded_key[..32], &hash);
    assert!(steps.padded_key[32..].iter().all(|&b| b == 0));
}

#[test]
fn short_key_padded_with_zeros() {
    let steps = hmac_steps(b"Jefe", b"x");
    assert_eq!(&steps.padded_key[..4], b"Jefe");
    assert!(steps.padded_key[4..].iter().all(|&b| b == 0));
    assert_eq!(steps.padded_key.len(), BLOCK_BYTES);
}

#[test]
fn pads_and_hashes_consistent() {
    let key = b"key".to_vec();
    let message = b"The quick brown fox".to_vec();
    let steps = hmac_steps(&key, &message);
    for index in 0..BLOCK_BYTES {
        assert_eq!(steps.inner_key[index], steps.padded_key[index] ^ IPAD);
        assert_eq!(steps.outer_key[index], steps.padded_key[index] ^ OPAD);
    }
    assert_eq!(steps.inner_key[63], 0x36);
    assert_eq!(steps.outer_key[63], 0x5c);

    let mut inner_input = steps.inner_key.to_vec();
    inner_input.extend_from_slice(&message);
    let inner: [u8; 32] = Sha256::digest(&inner_input).into();
    assert_eq!(steps.inner_hash, inner);

    let mut outer_input = steps.outer_key.to_vec();
    outer_input.extend_from_slice(&inner);
    let outer: [u8; 32] = Sha256::digest(&outer_input).into();
    assert_eq!(steps.outer_hash, outer);
    assert_eq!(steps.message, message);
    assert_eq!(steps.key, key);
}
