//! HMAC-SHA256 against RFC 4231, through the `hmac` crate and through the
//! keyed-once path that derives API keys.

use hmac::{Hmac, Mac};
use one_secret::api_key::KeyDeriver;
use sha2::Sha256;

struct Vector {
    case: u32,
    key: Vec<u8>,
    data: Vec<u8>,
    mac_hex: &'static str,
}

fn rfc4231_vectors() -> Vec<Vector> {
    let large_key = vec![0xaa; 131];
    vec![
        Vector {
            case: 1,
            key: vec![0x0b; 20],
            data: b"Hi There".to_vec(),
            mac_hex: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        },
        Vector {
            case: 2,
            key: b"Jefe".to_vec(),
            data: b"what do ya want for nothing?".to_vec(),
            mac_hex: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        },
        Vector {
            case: 3,
            key: vec![0xaa; 20],
            data: vec![0xdd; 50],
            mac_hex: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
        },
        Vector {
            case: 4,
            key: (0x01..=0x19).collect(),
            data: vec![0xcd; 50],
            mac_hex: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
        },
        Vector {
            case: 6,
            key: large_key.clone(),
            data: b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
            mac_hex: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        },
        Vector {
            case: 7,
            key: large_key,
            data: b"This is a test using a larger than block-size key and a larger than \
                    block-size data. The key needs to be hashed before being used by the \
                    HMAC algorithm."
                .to_vec(),
            mac_hex: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
        },
    ]
}

#[test]
fn rfc4231_with_hmac_crate() {
    for vector in rfc4231_vectors() {
        let mut mac = Hmac::<Sha256>::new_from_slice(&vector.key).unwrap();
        mac.update(&vector.data);
        let hex = base16ct::lower::encode_string(&mac.finalize().into_bytes());
        assert_eq!(hex, vector.mac_hex, "RFC 4231 test case {}", vector.case);
    }
}

#[test]
fn rfc4231_with_key_deriver() {
    for vector in rfc4231_vectors() {
        // The deriver takes user ids as text, so only UTF-8 messages fit.
        let Ok(message) = std::str::from_utf8(&vector.data) else {
            continue;
        };
        let mac = KeyDeriver::new(&vector.key).mac(message);
        let hex = base16ct::lower::encode_string(&mac);
        assert_eq!(hex, vector.mac_hex, "RFC 4231 test case {}", vector.case);
    }
}

#[test]
fn key_deriver_reuse_matches_fresh() {
    let deriver = KeyDeriver::new(b"secret");
    let first = deriver.mac("alice");
    let _ = deriver.mac("bob");
    assert_eq!(deriver.mac("alice"), first);
    assert_eq!(KeyDeriver::new(b"secret").mac("alice"), first);
}
