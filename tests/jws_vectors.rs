//! Published JWS examples, and tokens from our signer checked by
//! jwt-compact's own validator.

mod common;

use base64ct::{Base64UrlUnpadded, Encoding};
use common::{inspect_utf8, inspect_with, FIXED_NOW};
use jwt_compact::alg::{Hs256, Hs256Key, Hs384, Hs384Key, Hs512, Hs512Key};
use jwt_compact::{AlgorithmExt, UntrustedToken};
use one_secret::alg::HmacAlg;
use one_secret::secret::SecretEncoding;
use one_secret::token::{
    inspect, sign_payload, sign_user_token, HeaderFields, TimeOptions, Verdict,
};
use serde_json::{json, Value};

/// RFC 7515 appendix A.1. Its header and payload contain CR LF bytes, so a
/// verifier that re-serializes the JSON computes a different MAC.
const RFC7515_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.\
    eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.\
    dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC7515_KEY: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

/// The HS256 example that jwt.io shows.
const JWT_IO_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
    eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.\
    SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

#[test]
fn rfc7515_a1_valid_before_expiry() {
    // exp is 1300819380 (2011-03-22T18:43:00Z); check one minute before.
    let inspection = inspect_with(
        RFC7515_TOKEN,
        RFC7515_KEY,
        SecretEncoding::Base64Url,
        1_300_819_320,
        0,
    );
    assert_eq!(inspection.verdict, Verdict::Valid, "{}", inspection.reason);
    assert_eq!(inspection.signature_matches, Some(true));
}

#[test]
fn rfc7515_a1_keeps_crlf() {
    let inspection = inspect_with(
        RFC7515_TOKEN,
        RFC7515_KEY,
        SecretEncoding::Base64Url,
        1_300_819_320,
        0,
    );
    let header = inspection.header.expect("header decoded");
    assert_eq!(header.text, "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}");
    let pretty = header.pretty.expect("header is JSON");
    assert!(pretty.find("typ") < pretty.find("alg"), "member order kept");
}

#[test]
fn rfc7515_a1_expired_now() {
    let inspection = inspect_with(
        RFC7515_TOKEN,
        RFC7515_KEY,
        SecretEncoding::Base64Url,
        FIXED_NOW,
        60,
    );
    assert_eq!(inspection.verdict, Verdict::Expired);
    assert_eq!(inspection.signature_matches, Some(true));
}

#[test]
fn rfc7515_a1_valid_without_time_checks() {
    let key = Base64UrlUnpadded::decode_vec(RFC7515_KEY).unwrap();
    let inspection = inspect(
        RFC7515_TOKEN,
        Some(&key),
        TimeOptions {
            now: FIXED_NOW,
            leeway: 60,
            check_time: false,
        },
    );
    assert_eq!(inspection.verdict, Verdict::Valid, "{}", inspection.reason);
}

#[test]
fn jwt_io_example_valid() {
    let inspection = inspect_utf8(JWT_IO_TOKEN, "your-256-bit-secret");
    assert_eq!(inspection.verdict, Verdict::Valid, "{}", inspection.reason);
}

#[test]
fn jwt_io_example_other_secrets() {
    for secret in [
        "",
        "secret",
        "your-256-bit-secreT",
        "your-256-bit-secret ",
        "your-256-bit",
    ] {
        let inspection = inspect_utf8(JWT_IO_TOKEN, secret);
        assert_eq!(
            inspection.verdict,
            Verdict::InvalidSignature,
            "secret {secret:?}"
        );
        assert_eq!(inspection.signature_matches, Some(false));
    }
}

#[test]
fn user_token_header_and_payload() {
    let token = sign_user_token(b"secret", "1", 1_700_000_000).unwrap();
    let mut parts = token.split('.');
    let header = Base64UrlUnpadded::decode_vec(parts.next().unwrap()).unwrap();
    assert_eq!(header, br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = Base64UrlUnpadded::decode_vec(parts.next().unwrap()).unwrap();
    assert_eq!(
        payload,
        br#"{"userId":"1","iat":1700000000,"exp":1700003600}"#
    );
}

#[test]
fn user_tokens_differ_per_user_and_login() {
    let first = sign_user_token(b"secret", "1", 1_700_000_000).unwrap();
    assert_ne!(
        first,
        sign_user_token(b"secret", "2", 1_700_000_000).unwrap()
    );
    assert_ne!(
        first,
        sign_user_token(b"secret", "1", 1_700_000_001).unwrap()
    );
    assert_ne!(
        first,
        sign_user_token(b"other", "1", 1_700_000_000).unwrap()
    );
    assert_eq!(
        first,
        sign_user_token(b"secret", "1", 1_700_000_000).unwrap()
    );
}

#[test]
fn signer_output_passes_jwt_compact_validator() {
    let payload = json!({"sub": "alice", "exp": 4_102_444_800_i64, "big": 100002348117421473_u64});
    for alg in HmacAlg::ALL {
        let token = sign_payload(alg, &HeaderFields::default(), &payload, b"secret").unwrap();
        let untrusted = UntrustedToken::new(&token).unwrap();
        assert_eq!(untrusted.algorithm(), alg.name());
        let valid = match alg {
            HmacAlg::Hs256 => Hs256
                .validator::<Value>(&Hs256Key::new(b"secret"))
                .validate(&untrusted)
                .is_ok(),
            HmacAlg::Hs384 => Hs384
                .validator::<Value>(&Hs384Key::new(b"secret"))
                .validate(&untrusted)
                .is_ok(),
            HmacAlg::Hs512 => Hs512
                .validator::<Value>(&Hs512Key::new(b"secret"))
                .validate(&untrusted)
                .is_ok(),
        };
        assert!(valid, "{} token rejected by jwt-compact", alg.name());

        let ours = inspect_utf8(&token, "secret");
        assert_eq!(
            ours.verdict,
            Verdict::Valid,
            "{}: {}",
            alg.name(),
            ours.reason
        );
    }
}

#[test]
fn large_integers_kept() {
    let payload = json!({"id": 100002348117421473_u64, "name": "Zoë"});
    let token = sign_payload(HmacAlg::Hs256, &HeaderFields::default(), &payload, b"s").unwrap();
    let inspection = inspect_utf8(&token, "s");
    let pretty = inspection.payload.unwrap().pretty.unwrap();
    assert!(pretty.contains("100002348117421473"), "{pretty}");
    assert!(pretty.contains("Zoë"), "{pretty}");
}

#[test]
fn integers_beyond_u64_kept() {
    // {"n":123456789012345678901234567890} signed with "secret".
    let header = Base64UrlUnpadded::encode_string(br#"{"alg":"HS256"}"#);
    let payload = Base64UrlUnpadded::encode_string(br#"{"n":123456789012345678901234567890}"#);
    let signing_input = format!("{header}.{payload}");
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"secret").unwrap();
    mac.update(signing_input.as_bytes());
    let signature = Base64UrlUnpadded::encode_string(&mac.finalize().into_bytes());
    let inspection = inspect_utf8(&format!("{signing_input}.{signature}"), "secret");
    assert_eq!(inspection.verdict, Verdict::Valid, "{}", inspection.reason);
    let pretty = inspection.payload.unwrap().pretty.unwrap();
    assert!(
        pretty.contains("123456789012345678901234567890"),
        "{pretty}"
    );
}
