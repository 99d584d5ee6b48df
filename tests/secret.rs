//! Decoding the secret field in each encoding, and the key warnings.

use one_secret::alg::HmacAlg;
use one_secret::secret::{
    decode_secret, key_notes, random_secret_hex, KeyNoteLevel, SecretEncoding, SecretError,
    MAX_SECRET_CHARS,
};

#[test]
fn utf8_bytes_exact() {
    assert_eq!(
        decode_secret("pässwörd", SecretEncoding::Utf8).unwrap(),
        "pässwörd".as_bytes()
    );
    assert_eq!(decode_secret(" a ", SecretEncoding::Utf8).unwrap(), b" a ");
}

#[test]
fn base64_variants() {
    for text in ["c2VjcmV0", "c2VjcmV0 ", "c2VjcmV0"] {
        assert_eq!(
            decode_secret(text, SecretEncoding::Base64Url).unwrap(),
            b"secret"
        );
    }
    // 0xfb 0xff encodes as "-_8" in base64url and "+/8=" in base64.
    assert_eq!(
        decode_secret("-_8", SecretEncoding::Base64Url).unwrap(),
        [0xfb, 0xff]
    );
    assert_eq!(
        decode_secret("+/8=", SecretEncoding::Base64Url).unwrap(),
        [0xfb, 0xff]
    );
    assert_eq!(
        decode_secret("+/8", SecretEncoding::Base64Url).unwrap(),
        [0xfb, 0xff]
    );
}

#[test]
fn base64_errors() {
    assert_eq!(
        decode_secret("c2Vj*mV0", SecretEncoding::Base64Url),
        Err(SecretError::InvalidBase64Character {
            character: '*',
            position: 5
        })
    );
    assert_eq!(
        decode_secret("+_8", SecretEncoding::Base64Url),
        Err(SecretError::MixedBase64Alphabets)
    );
    assert_eq!(
        decode_secret("c2VjcmV0A", SecretEncoding::Base64Url),
        Err(SecretError::InvalidBase64)
    );
}

#[test]
fn hex_decoding() {
    assert_eq!(
        decode_secret("00ff", SecretEncoding::Hex).unwrap(),
        [0, 255]
    );
    assert_eq!(
        decode_secret("00FF", SecretEncoding::Hex).unwrap(),
        [0, 255]
    );
    assert_eq!(
        decode_secret("0g", SecretEncoding::Hex),
        Err(SecretError::InvalidHexCharacter {
            character: 'g',
            position: 2
        })
    );
    assert_eq!(
        decode_secret("abc", SecretEncoding::Hex),
        Err(SecretError::OddHexLength { digits: 3 })
    );
}

#[test]
fn error_messages_name_fix() {
    let message = SecretError::OddHexLength { digits: 3 }.to_string();
    assert!(message.contains("3 hex digits"));
    assert!(message.contains("add or remove one digit"));
    let message = SecretError::InvalidBase64Character {
        character: ' ',
        position: 4,
    }
    .to_string();
    assert!(message.contains("' ' (space) at position 4"), "{message}");
}

#[test]
fn too_long_rejected_in_every_mode() {
    let long = "a".repeat(MAX_SECRET_CHARS + 1);
    for encoding in SecretEncoding::ALL {
        assert_eq!(
            decode_secret(&long, encoding),
            Err(SecretError::TooLong {
                chars: MAX_SECRET_CHARS + 1
            })
        );
    }
}

#[test]
fn key_notes_by_length() {
    assert_eq!(key_notes(0, HmacAlg::Hs256)[0].level, KeyNoteLevel::Danger);
    assert_eq!(
        key_notes(31, HmacAlg::Hs256)[0].level,
        KeyNoteLevel::Warning
    );
    assert!(key_notes(32, HmacAlg::Hs256).is_empty());
    assert!(key_notes(64, HmacAlg::Hs256).is_empty());
    assert_eq!(
        key_notes(47, HmacAlg::Hs384)[0].level,
        KeyNoteLevel::Warning
    );
    assert!(key_notes(48, HmacAlg::Hs384).is_empty());
    assert_eq!(
        key_notes(63, HmacAlg::Hs512)[0].level,
        KeyNoteLevel::Warning
    );

    let long = key_notes(65, HmacAlg::Hs256);
    assert_eq!(long.len(), 1);
    assert_eq!(long[0].level, KeyNoteLevel::Info);
    assert!(long[0].message.contains("64-byte block"));
    assert!(key_notes(128, HmacAlg::Hs512).is_empty());
    assert!(key_notes(129, HmacAlg::Hs512)[0]
        .message
        .contains("128-byte block"));
}

#[test]
fn random_secret_shape() {
    let first = random_secret_hex().unwrap();
    let second = random_secret_hex().unwrap();
    assert_eq!(first.len(), 64);
    assert!(first
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_ne!(first, second);
}
