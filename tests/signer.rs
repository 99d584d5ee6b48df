//! The token signer: payload parsing, header fields, quick edits, and
//! tokens that the inspector and jwt-compact accept.

mod common;

use common::inspect_utf8;
use jwt_compact::UntrustedToken;
use one_secret::alg::HmacAlg;
use one_secret::state::{Action, AppState};
use one_secret::token::builder::{build_token, set_claim, BuildError, DEMO_PAYLOAD};
use one_secret::token::json::JsonError;
use one_secret::token::segments::header_text;
use one_secret::token::Verdict;
use serde_json::Value;

#[test]
fn demo_payload_signs_with_every_alg() {
    for alg in HmacAlg::ALL {
        let token = build_token(alg, "JWT", "", DEMO_PAYLOAD, b"secret").unwrap();
        let inspection = inspect_utf8(&token, "secret");
        assert_eq!(
            inspection.verdict,
            Verdict::Valid,
            "{}: {}",
            alg.name(),
            inspection.reason
        );
        assert_eq!(inspection.alg, Some(alg));
        assert_eq!(UntrustedToken::new(&token).unwrap().algorithm(), alg.name());
    }
}

#[test]
fn header_fields_optional() {
    let token = build_token(HmacAlg::Hs384, "JWT", "key-2026", "{}", b"k").unwrap();
    assert_eq!(
        header_text(&token).unwrap(),
        r#"{"alg":"HS384","kid":"key-2026","typ":"JWT"}"#
    );
    let bare = build_token(HmacAlg::Hs256, " ", "", "{}", b"k").unwrap();
    assert_eq!(header_text(&bare).unwrap(), r#"{"alg":"HS256"}"#);
}

#[test]
fn payload_kept_in_order() {
    let token = build_token(
        HmacAlg::Hs256,
        "",
        "",
        r#"{"z":1,"a":100002348117421473,"m":"é"}"#,
        b"k",
    )
    .unwrap();
    let inspection = inspect_utf8(&token, "k");
    assert_eq!(
        inspection.payload.unwrap().text,
        r#"{"z":1,"a":100002348117421473,"m":"é"}"#
    );
}

#[test]
fn bad_payloads_explained() {
    let error = build_token(HmacAlg::Hs256, "", "", "[1,2]", b"k").unwrap_err();
    assert_eq!(
        error,
        BuildError::Payload(JsonError::NotAnObject { found: "an array" })
    );
    assert!(error.to_string().contains("must be a JSON object"));

    let error = build_token(HmacAlg::Hs256, "", "", r#"{"a":1,"a":2}"#, b"k").unwrap_err();
    assert!(
        error.to_string().contains("duplicate member \"a\""),
        "{error}"
    );

    let error = build_token(HmacAlg::Hs256, "", "", "{\"a\":", b"k").unwrap_err();
    assert!(error.to_string().contains("is not JSON"), "{error}");

    let huge = format!("{{\"a\":\"{}\"}}", "x".repeat(70 * 1024));
    let error = build_token(HmacAlg::Hs256, "", "", &huge, b"k").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("too large (71 KiB, limit 64 KiB)"),
        "{error}"
    );
}

#[test]
fn set_claim_replaces_in_place() {
    let text = set_claim(
        r#"{"sub":"1","exp":5,"name":"Ada"}"#,
        "exp",
        Value::from(10),
    )
    .unwrap();
    let keys: Vec<String> = serde_json::from_str::<serde_json::Map<String, Value>>(&text)
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, ["sub", "exp", "name"]);
    assert!(text.contains("\"exp\": 10"));

    let added = set_claim("{}", "jti", Value::from("abc")).unwrap();
    assert!(added.contains("\"jti\": \"abc\""));
    assert!(set_claim("not json", "iat", Value::from(1)).is_err());
}

#[test]
fn state_quick_edit_and_send() {
    let mut state = AppState::new(1_700_000_000);
    state.apply(Action::SetSignerAlg(HmacAlg::Hs512));
    state.apply(Action::SetSignerClaim {
        name: "exp".to_owned(),
        value: Value::from(1_700_000_060),
    });
    assert!(state.signer.payload_text.contains("\"exp\": 1700000060"));

    state.apply(Action::SendSignedToInspector);
    assert_eq!(state.inspector.token_text, state.signed_token().unwrap());
    assert_eq!(state.inspector.secret_text, state.secret_text);
    let inspection = inspect_utf8(&state.inspector.token_text, &state.secret_text);
    assert_eq!(inspection.alg, Some(HmacAlg::Hs512));
}

#[test]
fn state_quick_edit_on_broken_payload() {
    let mut state = AppState::new(1_700_000_000);
    state.apply(Action::SetSignerPayload("{\"sub\": ".to_owned()));
    state.apply(Action::SetSignerClaim {
        name: "iat".to_owned(),
        value: Value::from(1),
    });
    assert_eq!(
        state.signer.payload_text, "{\"sub\": ",
        "typed text is kept"
    );
    assert!(state
        .signer
        .edit_error
        .as_deref()
        .unwrap()
        .starts_with("Cannot set iat"));
    assert!(state.signed_token().is_err());
}
