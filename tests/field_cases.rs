//! Tokens that people paste from real work, and the verdict and reason the
//! inspector must show for each. The end-to-end suite runs the same table in the page.

mod common;

use common::{all_messages, inspect_utf8, inspect_with, FIXED_NOW};
use one_secret::alg::HmacAlg;
use one_secret::secret::{key_notes, KeyNoteLevel, SecretEncoding};
use one_secret::token::Verdict;

/// A valid HS256 token with payload {"sub":"alice"}, signed with "secret".
const T: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c3brGQkxoiCgrl5LGiV0go9qgN0MtrdnDBCCfJ45f_Q";

const HS384: &str = "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.jR0SBNuSm132pJq03wkH1UcUrHhkAX2gajYWcIUJ8WsVXFsqMlugI5UHIQwAQUbV";
const HS512: &str = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.T0dbPffXLSeC9hFxmyoOxj72yAoHx4glHAtrAteMKB_R3hTqYOp57-C6FyWt0zoqdTVjeixIBnMWQj3PP_Egog";

#[test]
fn t_is_valid() {
    let inspection = inspect_utf8(T, "secret");
    assert_eq!(inspection.verdict, Verdict::Valid, "{}", inspection.reason);
    assert!(inspection.removed.is_empty());
}

#[test]
fn case01_base64url_secret() {
    let inspection = inspect_with(T, "c2VjcmV0", SecretEncoding::Base64Url, FIXED_NOW, 60);
    assert_eq!(inspection.verdict, Verdict::Valid, "{}", inspection.reason);
}

#[test]
fn case02_secret_that_looks_encoded() {
    let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.rs15zxnp13Fj8rwvpuw83xVoJdmgSeD3CH8gS9_MJPg";
    let as_text = inspect_with(token, "c2VjcmV0", SecretEncoding::Utf8, FIXED_NOW, 60);
    assert_eq!(as_text.verdict, Verdict::Valid, "{}", as_text.reason);
    let as_base64 = inspect_with(token, "c2VjcmV0", SecretEncoding::Base64Url, FIXED_NOW, 60);
    assert_eq!(as_base64.verdict, Verdict::InvalidSignature);
}

#[test]
fn case03_standard_base64_signature() {
    let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c3brGQkxoiCgrl5LGiV0go9qgN0MtrdnDBCCfJ45f/Q=";
    let inspection = inspect_utf8(token, "secret");
    assert_eq!(inspection.verdict, Verdict::Malformed);
    assert!(inspection.reason.contains("'/'"), "{}", inspection.reason);
    assert!(inspection.reason.contains("'='"), "{}", inspection.reason);
    assert!(
        inspection.reason.contains("base64url"),
        "{}",
        inspection.reason
    );
    assert!(
        inspection.reason.contains("segment 3"),
        "{}",
        inspection.reason
    );
}

#[test]
fn case04_wrapping_is_removed() {
    let inputs = [
        format!("Bearer {T}"),
        format!("\"{T}\""),
        format!("{T}\n"),
        format!("Authorization: Bearer {T}\r\n"),
    ];
    for input in inputs {
        let inspection = inspect_utf8(&input, "secret");
        assert_eq!(
            inspection.verdict,
            Verdict::Valid,
            "{input:?}: {}",
            inspection.reason
        );
        assert_eq!(inspection.token, T);
        assert!(
            !inspection.removed.is_empty(),
            "{input:?} shows what was removed"
        );
    }
    let bearer = inspect_utf8(&format!("Bearer {T}"), "secret");
    assert!(bearer.removed[0].contains("Bearer"));
    let quoted = inspect_utf8(&format!("\"{T}\""), "secret");
    assert!(quoted.removed[0].contains("quotes"));
    let newline = inspect_utf8(&format!("{T}\n"), "secret");
    assert!(newline.removed[0].contains("line break"));
}

#[test]
fn case05_space_inside_signature() {
    let token = T.replacen("c3brGQkx", "c3br GQkx", 1);
    let inspection = inspect_utf8(&token, "secret");
    assert_eq!(inspection.verdict, Verdict::Malformed);
    // The space follows the 36-character header, a dot, the 20-character
    // payload, a dot and "c3br": it is character 63 of the token.
    assert!(inspection.reason.contains("space"), "{}", inspection.reason);
    assert!(
        inspection.reason.contains("position 63"),
        "{}",
        inspection.reason
    );
}

#[test]
fn case06_non_canonical_last_character() {
    let token = format!("{}R", &T[..T.len() - 1]);
    let inspection = inspect_utf8(&token, "secret");
    assert_eq!(inspection.verdict, Verdict::Malformed);
    assert!(
        inspection.reason.contains("non-canonical"),
        "{}",
        inspection.reason
    );
}

#[test]
fn case07_hs384_and_hs512() {
    for token in [HS384, HS512] {
        let inspection = inspect_utf8(token, "secret");
        assert_eq!(inspection.verdict, Verdict::Valid, "{}", inspection.reason);
        let longer = inspect_utf8(&format!("{token}A"), "secret");
        assert_eq!(longer.verdict, Verdict::Malformed);
        assert!(
            longer.reason.contains("impossible length"),
            "{}",
            longer.reason
        );
    }
    assert_eq!(inspect_utf8(HS384, "secret").alg, Some(HmacAlg::Hs384));
    assert_eq!(inspect_utf8(HS512, "secret").alg, Some(HmacAlg::Hs512));
}

#[test]
fn case08_exp_as_string() {
    let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6IjQxMDI0NDQ4MDAifQ.66LDaRnpil8BANL0aaf_V4soT3g7hF7GOVoOZKijlq0";
    let inspection = inspect_utf8(token, "secret");
    assert_eq!(inspection.verdict, Verdict::InvalidClaims);
    assert!(
        inspection.reason.contains("exp must be a number"),
        "{}",
        inspection.reason
    );
    assert!(inspection.reason.contains("4.1.4"), "{}", inspection.reason);
    assert_eq!(inspection.signature_matches, Some(true));
    assert!(all_messages(&inspection).contains("signature matches"));
}

#[test]
fn case09_exp_in_milliseconds() {
    let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTQ4NDQyNTk2NTA5N30.V-Is8MzcQuYU7OlwXkwQZbMC-GiEEEihfa7V_E4-aNE";
    let inspection = inspect_utf8(token, "secret");
    assert_eq!(inspection.verdict, Verdict::Valid, "{}", inspection.reason);
    let messages = all_messages(&inspection);
    assert!(messages.contains("milliseconds"), "{messages}");
    assert!(messages.contains("does not divide"), "{messages}");
}

#[test]
fn case10_duplicate_member() {
    let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsInN1YiI6ImFkbWluIn0.wikpZuEy63K4gBzNBjpFuc9-Evatf-uipFgj_JJuWeg";
    let inspection = inspect_utf8(token, "secret");
    assert_eq!(inspection.verdict, Verdict::Malformed);
    assert!(
        inspection.reason.contains("duplicate member \"sub\""),
        "{}",
        inspection.reason
    );
    assert!(
        inspection.reason.contains("segment 2"),
        "{}",
        inspection.reason
    );
}

#[test]
fn case10_duplicate_member_in_header() {
    // Header {"alg":"HS256","alg":"none"}, payload {"sub":"alice"}.
    let token = "eyJhbGciOiJIUzI1NiIsImFsZyI6Im5vbmUifQ.eyJzdWIiOiJhbGljZSJ9.c3brGQkxoiCgrl5LGiV0go9qgN0MtrdnDBCCfJ45f_Q";
    let inspection = inspect_utf8(token, "secret");
    assert_eq!(inspection.verdict, Verdict::Malformed);
    assert!(
        inspection.reason.contains("duplicate member \"alg\""),
        "{}",
        inspection.reason
    );
    assert!(
        inspection.reason.contains("segment 1"),
        "{}",
        inspection.reason
    );
}

#[test]
fn case11_alg_none_refused() {
    for token in [
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.",
        "eyJhbGciOiJOb25lIn0.eyJzdWIiOiJhbGljZSJ9.",
        "eyJhbGciOiJOT05FIn0.eyJzdWIiOiJhbGljZSJ9.QDGIow80emLWYWtvyJjJZWVu1HZmzhb3OKPFNddChZo",
    ] {
        let inspection = inspect_utf8(token, "secret");
        assert_eq!(inspection.verdict, Verdict::Unsupported, "{token}");
        assert!(
            inspection.reason.contains("alg none"),
            "{}",
            inspection.reason
        );
    }
    let capitalised = inspect_utf8("eyJhbGciOiJOb25lIn0.eyJzdWIiOiJhbGljZSJ9.", "secret");
    assert!(
        capitalised.reason.contains("case-sensitive"),
        "{}",
        capitalised.reason
    );
}

#[test]
fn case12_empty_secret() {
    let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.W9AcROShgDz7J54MI1h40vKuqKcbmf8gXmcYRHS5Bkk";
    let inspection = inspect_utf8(token, "");
    assert_eq!(inspection.verdict, Verdict::Valid, "{}", inspection.reason);
    let notes = key_notes(0, HmacAlg::Hs256);
    assert_eq!(notes[0].level, KeyNoteLevel::Danger);
    assert!(notes[0].message.contains("empty"));
}

#[test]
fn case13_nbf_exp_leeway_zero() {
    let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsIm5iZiI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwMDYwfQ.k8_Zv6Xq-IP73tMu4eWTohwSGOEKMxpUunZSC6SxkXs";
    let at = |now: i64, leeway: i64| {
        inspect_with(token, "secret", SecretEncoding::Utf8, now, leeway).verdict
    };
    assert_eq!(at(1_699_999_999, 0), Verdict::NotYetValid);
    assert_eq!(at(1_700_000_000, 0), Verdict::Valid);
    assert_eq!(at(1_700_000_059, 0), Verdict::Valid);
    assert_eq!(at(1_700_000_060, 0), Verdict::Expired);

    assert_eq!(at(1_699_999_969, 30), Verdict::NotYetValid);
    assert_eq!(at(1_699_999_970, 30), Verdict::Valid);
    assert_eq!(at(1_700_000_089, 30), Verdict::Valid);
    assert_eq!(at(1_700_000_090, 30), Verdict::Expired);
}

#[test]
fn case14_wrong_segment_count() {
    let two = &T[..T.rfind('.').unwrap()];
    let inspection = inspect_utf8(two, "secret");
    assert_eq!(inspection.verdict, Verdict::Malformed);
    assert!(
        inspection.reason.contains("Found 2 segments"),
        "{}",
        inspection.reason
    );
    assert!(
        inspection.reason.contains("exactly 3"),
        "{}",
        inspection.reason
    );

    let four = format!("{T}.eyJ4IjoxfQ");
    let inspection = inspect_utf8(&four, "secret");
    assert_eq!(inspection.verdict, Verdict::Malformed);
    assert!(
        inspection.reason.contains("Found 4 segments"),
        "{}",
        inspection.reason
    );
}

#[test]
fn case15_encrypted_jwt() {
    let inspection = inspect_utf8(
        "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..aXY.Y3Q.dGFn",
        "secret",
    );
    assert_eq!(inspection.verdict, Verdict::Unsupported);
    assert!(inspection.reason.contains("JWE"), "{}", inspection.reason);
    assert!(
        inspection.reason.contains("encrypted"),
        "{}",
        inspection.reason
    );
}

#[test]
fn case16_not_json_and_not_object() {
    let rest = &T[T.find('.').unwrap()..];
    let inspection = inspect_utf8(&format!("bm90IGpzb24{rest}"), "secret");
    assert_eq!(inspection.verdict, Verdict::Malformed);
    assert!(
        inspection.reason.contains("segment 1 (header) is not JSON"),
        "{}",
        inspection.reason
    );
    assert_eq!(inspection.header.as_ref().unwrap().text, "not json");

    // Payload [1,2,3] between T's header and signature.
    let parts: Vec<&str> = T.split('.').collect();
    let token = format!("{}.WzEsMiwzXQ.{}", parts[0], parts[2]);
    let inspection = inspect_utf8(&token, "secret");
    assert_eq!(inspection.verdict, Verdict::Malformed);
    assert!(
        inspection
            .reason
            .contains("payload) must be a JSON object, but it is an array"),
        "{}",
        inspection.reason
    );
}

#[test]
fn too_large_input_rejected() {
    let huge = format!("{T}{}", "A".repeat(70 * 1024));
    let inspection = inspect_utf8(&huge, "secret");
    assert_eq!(inspection.verdict, Verdict::Malformed);
    assert!(
        inspection
            .reason
            .contains("too large (71 KiB, limit 64 KiB)"),
        "{}",
        inspection.reason
    );
}

#[test]
fn markup_in_claims_is_data() {
    // Payload {"name":"<img src=x onerror=alert(1)>"}; the inspector keeps the
    // characters, and the page renders them as text.
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiPGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPiJ9.x";
    let inspection = inspect_utf8(token, "secret");
    let payload = inspection.payload.unwrap();
    assert!(payload.text.contains("<img src=x onerror=alert(1)>"));
}

#[test]
fn other_algorithms_unsupported() {
    // {"alg":"RS256"} and {"alg":"hs256"}
    let inspection = inspect_utf8("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln", "secret");
    assert_eq!(inspection.verdict, Verdict::Unsupported);
    assert!(
        inspection.reason.contains("HMAC tokens only"),
        "{}",
        inspection.reason
    );
    let lower = inspect_utf8("eyJhbGciOiJoczI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln", "secret");
    assert_eq!(lower.verdict, Verdict::Unsupported);
    assert!(lower.reason.contains("case-sensitive"), "{}", lower.reason);
}
