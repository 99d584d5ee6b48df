//! No input makes the decode and verify path panic. `make test` runs a few
//! thousand cases; `make fuzz` runs many more (PROPTEST_CASES).

#![cfg(not(target_arch = "wasm32"))]

use one_secret::secret::{decode_secret, SecretEncoding};
use one_secret::time_text::parse_time_input;
use one_secret::token::{inspect, TimeOptions, Verdict};
use proptest::prelude::*;

const T: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c3brGQkxoiCgrl5LGiV0go9qgN0MtrdnDBCCfJ45f_Q";

fn options(now: i64, leeway: i64) -> TimeOptions {
    TimeOptions {
        now,
        leeway,
        check_time: true,
    }
}

/// Applies one edit to `base`: replace, insert or delete at `index`.
fn mutate(base: &str, edits: &[(u8, usize, char)]) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    for &(kind, index, character) in edits {
        let index = if chars.is_empty() {
            0
        } else {
            index % (chars.len() + 1)
        };
        match kind % 3 {
            0 if index < chars.len() => chars[index] = character,
            1 => chars.insert(index, character),
            _ if index < chars.len() => {
                chars.remove(index);
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

fn config() -> ProptestConfig {
    // PROPTEST_CASES overrides this default, which keeps `make test` short.
    ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|value| value.parse().ok())
            .unwrap_or(2000),
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_never_panics(input in any::<String>(), now in any::<i64>(), leeway in 0i64..100_000) {
        let inspection = inspect(&input, Some(b"secret"), options(now, leeway));
        prop_assert!(!inspection.reason.is_empty());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let input = String::from_utf8_lossy(&bytes);
        let _ = inspect(&input, None, options(1_700_000_000, 60));
    }

    #[test]
    fn mutated_token_never_valid_unless_unchanged(
        edits in proptest::collection::vec((any::<u8>(), any::<usize>(), prop::sample::select(vec!['A', 'a', '-', '_', '.', '/', '+', '=', ' ', 'é', '{', '"', 'Q', 'R'])), 1..4)
    ) {
        let mutated = mutate(T, &edits);
        let inspection = inspect(&mutated, Some(b"secret"), options(1_700_000_000, 60));
        if inspection.token != T {
            prop_assert_ne!(inspection.verdict, Verdict::Valid, "mutated token accepted: {}", mutated);
        }
    }

    #[test]
    fn token_segments_from_arbitrary_json(header in "[ -~]{0,40}", payload in "[ -~]{0,80}") {
        use base64ct::{Base64UrlUnpadded, Encoding};
        let token = format!(
            "{}.{}.{}",
            Base64UrlUnpadded::encode_string(header.as_bytes()),
            Base64UrlUnpadded::encode_string(payload.as_bytes()),
            Base64UrlUnpadded::encode_string(&[7u8; 32]),
        );
        let _ = inspect(&token, Some(b""), options(0, 0));
    }

    #[test]
    fn secret_decoding_never_panics(text in any::<String>()) {
        for encoding in SecretEncoding::ALL {
            let _ = decode_secret(&text, encoding);
        }
    }

    #[test]
    fn time_parsing_never_panics(text in any::<String>()) {
        let _ = parse_time_input(&text);
    }
}

#[test]
fn deeply_nested_json_rejected() {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let nested = format!("{{\"a\":{}{}}}", "[".repeat(5000), "]".repeat(5000));
    let token = format!(
        "eyJhbGciOiJIUzI1NiJ9.{}.c2ln",
        Base64UrlUnpadded::encode_string(nested.as_bytes())
    );
    let inspection = inspect(&token, Some(b"secret"), options(0, 0));
    assert_eq!(inspection.verdict, Verdict::Malformed);
}

#[test]
fn extreme_numeric_dates() {
    use base64ct::{Base64UrlUnpadded, Encoding};
    for payload in [
        r#"{"exp":1e400}"#,
        r#"{"exp":-1e300,"nbf":1e300}"#,
        r#"{"exp":99999999999999999999999999999}"#,
        r#"{"iat":-9223372036854775808}"#,
    ] {
        let token = format!(
            "eyJhbGciOiJIUzI1NiJ9.{}.c2ln",
            Base64UrlUnpadded::encode_string(payload.as_bytes())
        );
        let _ = inspect(&token, Some(b"secret"), options(i64::MAX, 86_400));
        let _ = inspect(&token, Some(b"secret"), options(i64::MIN, 0));
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn server_requests_never_panic(
        method in prop::sample::select(vec!["GET", "POST", "DELETE", ""]),
        path in prop::sample::select(vec!["/api/data", "/api/admin", "/api/login", "/", "/api/data?x=1"]),
        header_name in prop::sample::select(vec!["X-API-Key", "Authorization", "x-api-key", ""]),
        header_value in any::<String>(),
        login_user in proptest::option::of(any::<String>()),
        now in any::<i64>(),
        offset in any::<i64>(),
    ) {
        use one_secret::server::handler::Request;
        use one_secret::state::{Action, AppState};

        let mut state = AppState::new(1_700_000_000);
        state.apply(Action::SetLabClockOffset(offset));
        state.request = Request {
            method: method.to_owned(),
            path: path.to_owned(),
            header_name: header_name.to_owned(),
            header_value,
            login_user,
        };
        state.apply(Action::SendRequest { now });
        let response = state.last_response.as_ref();
        prop_assert!(response.is_some_and(|response| response.status >= 200));
    }

    #[test]
    fn workshop_checks_never_panic(token in any::<String>(), answer in any::<String>(), now in any::<i64>()) {
        use one_secret::state::{Action, AppState};
        use one_secret::workshop::{is_done, EXERCISES};

        let mut state = AppState::new(1_700_000_000);
        state.apply(Action::SetToken(token));
        state.apply(Action::SetOwnerAnswer(answer.clone()));
        state.apply(Action::SetComputedKey(answer));
        for exercise in EXERCISES {
            let _ = is_done(&exercise, &state, now);
        }
    }
}

#[test]
fn workshop_expiry_with_extreme_claims() {
    use base64ct::{Base64UrlUnpadded, Encoding};
    use one_secret::state::{Action, AppState};
    use one_secret::workshop::{exercise, is_done};

    // exp - iat overflows i64 here.
    let payload = Base64UrlUnpadded::encode_string(
        br#"{"iat":-9223372036854775808,"exp":9223372036854775807}"#,
    );
    let mut state = AppState::new(1_700_000_000);
    state.apply(Action::SetToken(format!(
        "eyJhbGciOiJIUzI1NiJ9.{payload}.c2ln"
    )));
    assert!(!is_done(
        exercise("expire-token").unwrap(),
        &state,
        1_700_000_000
    ));
}
