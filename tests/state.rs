//! Transitions of the page state, as the components dispatch them.

use one_secret::api_key::derive_api_key;
use one_secret::secret::{SecretEncoding, DEMO_SECRET};
use one_secret::state::{Action, AppState};
use one_secret::token::Verdict;
use one_secret::users::MAX_USERS;

const NOW: i64 = 1_700_000_000;

fn keys(state: &AppState) -> Vec<String> {
    state
        .user_views()
        .into_iter()
        .map(|view| view.credentials.expect("valid row").api_key)
        .collect()
}

#[test]
fn demo_state_ready() {
    let state = AppState::new(NOW);
    assert_eq!(state.secret_text, DEMO_SECRET);
    let ids: Vec<&str> = state.users.iter().map(|user| user.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert_eq!(keys(&state)[0], derive_api_key(DEMO_SECRET.as_bytes(), "1"));
    assert!(
        !state.inspector.token_text.is_empty(),
        "inspector starts with a token"
    );
}

#[test]
fn demo_inspector_token_valid() {
    let state = AppState::new(NOW);
    let key =
        one_secret::secret::decode_secret(&state.inspector.secret_text, state.inspector.encoding)
            .unwrap();
    let inspection = one_secret::token::inspect(
        &state.inspector.token_text,
        Some(&key),
        one_secret::token::TimeOptions {
            now: NOW,
            leeway: 60,
            check_time: true,
        },
    );
    assert_eq!(inspection.verdict, Verdict::Valid, "{}", inspection.reason);
}

#[test]
fn secret_edit_changes_every_key() {
    let mut state = AppState::new(NOW);
    let before = keys(&state);
    state.apply(Action::SetSecret("another secret".to_owned()));
    let after = keys(&state);
    for (old, new) in before.iter().zip(&after) {
        assert_ne!(old, new);
    }
    assert_eq!(state.keys_changed_by_last_edit(), Some((3, 3)));
}

#[test]
fn secret_edit_keeps_inspector_token() {
    let mut state = AppState::new(NOW);
    let token = state.inspector.token_text.clone();
    state.apply(Action::SetSecret("another secret".to_owned()));
    state.apply(Action::SetVerifySecret("x".to_owned()));
    state.apply(Action::SetVerifyEncoding(SecretEncoding::Hex));
    assert_eq!(state.inspector.token_text, token);
}

#[test]
fn random_secret_switches_to_hex() {
    let mut state = AppState::new(NOW);
    let hex = "00".repeat(32);
    state.apply(Action::UseRandomSecret(hex.clone()));
    assert_eq!(state.secret_encoding, SecretEncoding::Hex);
    assert_eq!(state.secret_key().unwrap(), vec![0u8; 32]);
}

#[test]
fn add_edit_remove_users() {
    let mut state = AppState::new(NOW);
    state.apply(Action::AddUser);
    assert_eq!(state.users.len(), 4);
    assert_eq!(state.users[3].id, "4");

    let row = state.users[3].row;
    state.apply(Action::EditUser {
        row,
        id: "Zoë ✓".to_owned(),
    });
    assert_eq!(
        keys(&state)[3],
        derive_api_key(DEMO_SECRET.as_bytes(), "Zoë ✓")
    );

    state.apply(Action::RemoveUser {
        row: state.users[0].row,
    });
    let ids: Vec<&str> = state.users.iter().map(|user| user.id.as_str()).collect();
    assert_eq!(ids, ["2", "3", "Zoë ✓"]);
}

#[test]
fn user_limit_reported() {
    let mut state = AppState::new(NOW);
    while state.users.len() < MAX_USERS {
        state.apply(Action::AddUser);
    }
    state.apply(Action::AddUser);
    assert_eq!(state.users.len(), MAX_USERS);
    assert!(state
        .users_notice
        .as_deref()
        .unwrap()
        .contains("at most 1000"));
}

#[test]
fn long_user_id_kept_with_message() {
    let mut state = AppState::new(NOW);
    let long = "x".repeat(300);
    let row = state.users[0].row;
    state.apply(Action::EditUser {
        row,
        id: long.clone(),
    });
    assert_eq!(state.users[0].id, long, "nothing typed is lost");
    let message = state.user_views()[0].credentials.clone().unwrap_err();
    assert!(
        message.contains("too long (300 characters, limit 256)"),
        "{message}"
    );
}

#[test]
fn invalid_secret_kept_with_message() {
    let mut state = AppState::new(NOW);
    state.apply(Action::SetSecretEncoding(SecretEncoding::Hex));
    assert_eq!(state.secret_text, DEMO_SECRET, "the text stays");
    let error = state.secret_key().unwrap_err().to_string();
    assert!(error.contains("is not a hex digit"), "{error}");
    let message = state.user_views()[0].credentials.clone().unwrap_err();
    assert!(message.contains("Fix the server secret"), "{message}");
}

#[test]
fn log_in_again_changes_tokens() {
    let mut state = AppState::new(NOW);
    let token = |state: &AppState| {
        state.user_views()[0]
            .credentials
            .clone()
            .unwrap()
            .token
            .unwrap()
    };
    let first = token(&state);
    state.apply(Action::LogInAgain { now: NOW });
    assert_eq!(
        state.login_time,
        NOW + 1,
        "a login in the same second still moves iat"
    );
    assert_ne!(token(&state), first);
}

#[test]
fn leeway_and_pretend_time_parsed() {
    let mut state = AppState::new(NOW);
    assert_eq!(state.leeway(), Ok(60));
    state.apply(Action::SetLeeway("abc".to_owned()));
    assert!(state.leeway().unwrap_err().contains("whole number"));
    state.apply(Action::SetLeeway("30".to_owned()));
    assert_eq!(state.leeway(), Ok(30));

    assert_eq!(state.inspector_now(NOW), Ok(NOW));
    for (text, seconds) in [
        ("1300819380", 1_300_819_380),
        ("2011-03-22T18:43:00Z", 1_300_819_380),
        ("2011-03-22T18:43", 1_300_819_380),
        ("2011-03-22 18:43:00", 1_300_819_380),
    ] {
        state.apply(Action::SetPretendTime(text.to_owned()));
        assert_eq!(state.inspector_now(NOW), Ok(seconds), "{text}");
    }
    state.apply(Action::SetPretendTime("99999999999999".to_owned()));
    assert!(state.inspector_now(NOW).unwrap_err().contains("9999-12-31"));
    state.apply(Action::SetPretendTime("yesterday".to_owned()));
    assert!(state
        .inspector_now(NOW)
        .unwrap_err()
        .contains("is not a time"));
}

#[test]
fn users_sync_into_server_lab() {
    let mut state = AppState::new(NOW);
    state.apply(Action::AddUser);
    let row = state.users[3].row;
    state.apply(Action::EditUser {
        row,
        id: "dana".to_owned(),
    });
    let lab_ids: Vec<&str> = state
        .lab
        .users
        .iter()
        .map(|user| user.id.as_str())
        .collect();
    assert_eq!(lab_ids, ["1", "2", "3", "dana"]);
    assert!(state.lab_error.is_none(), "{:?}", state.lab_error);
}

#[test]
fn send_request_through_state() {
    let mut state = AppState::new(NOW);
    state.apply(Action::UseApiKey { id: "2".to_owned() });
    assert_eq!(
        state.request.header_value,
        derive_api_key(DEMO_SECRET.as_bytes(), "2")
    );
    state.apply(Action::SendRequest { now: NOW });
    assert_eq!(state.last_response.as_ref().unwrap().status, 200);

    state.apply(Action::RevokeKey { id: "2".to_owned() });
    state.apply(Action::SendRequest { now: NOW });
    assert_eq!(state.last_response.as_ref().unwrap().status, 401);
    assert_eq!(state.lab.audit.len(), 2);
    assert_eq!(state.lab.audit[1].user_id.as_deref(), Some("2"));
}

#[test]
fn rotated_key_shown_in_users_table() {
    let mut state = AppState::new(NOW);
    let before = keys(&state)[0].clone();
    state.apply_with(
        Action::RotateKey { id: "1".to_owned() },
        &one_secret::state::Fresh {
            now_millis: NOW * 1000,
            randoms: vec!["ab".repeat(16)],
        },
    );
    assert_ne!(keys(&state)[0], before);
    assert_eq!(keys(&state)[1], derive_api_key(DEMO_SECRET.as_bytes(), "2"));
}

#[test]
fn login_token_and_clock_offset() {
    let mut state = AppState::new(NOW);
    state.apply(Action::SetRequestPath("/api/login".to_owned()));
    state.apply(Action::SetLoginUser("3".to_owned()));
    state.apply(Action::SendRequest { now: NOW });
    let token = state.last_login_token().expect("login returns a token");

    state.apply(Action::UseBearerToken(token));
    assert_eq!(state.request.path, "/api/data");
    state.apply(Action::SendRequest { now: NOW });
    assert_eq!(state.last_response.as_ref().unwrap().status, 200);

    state.apply(Action::SetLabClockOffset(3600));
    state.apply(Action::SendRequest { now: NOW });
    assert_eq!(state.last_response.as_ref().unwrap().status, 401);
}

#[test]
fn rate_limit_field_validated() {
    let mut state = AppState::new(NOW);
    state.apply(Action::SetRateLimit {
        id: "1".to_owned(),
        text: "lots".to_owned(),
    });
    let (text, error) = state.rate_limit_field("1");
    assert_eq!(text, "lots", "the typed text stays");
    assert!(error.unwrap().contains("whole number"));
    assert_eq!(state.lab.user("1").unwrap().rate_limit, 5);
    state.apply(Action::SetRateLimit {
        id: "1".to_owned(),
        text: "7".to_owned(),
    });
    assert_eq!(state.lab.user("1").unwrap().rate_limit, 7);
    assert_eq!(state.rate_limit_field("1"), ("7".to_owned(), None));
}

#[test]
fn rename_keeps_server_record() {
    let mut state = AppState::new(NOW);
    state.apply(Action::RevokeKey { id: "2".to_owned() });
    state.apply(Action::SetRole {
        id: "2".to_owned(),
        role: one_secret::server::lab::Role::Admin,
    });
    let row = state.users[1].row;
    state.apply(Action::EditUser {
        row,
        id: "2x".to_owned(),
    });
    let record = state.lab.user("2x").expect("record follows the rename");
    assert_eq!(record.status, one_secret::server::lab::Status::Revoked);
    assert_eq!(record.role, one_secret::server::lab::Role::Admin);
    assert!(state.lab.user("2").is_none());
}

#[test]
fn batch_shows_shared_key_consequences() {
    let mut state = AppState::new(NOW);
    state.apply(Action::SendForEveryUser { now: NOW });
    let recorded: Vec<&str> = state
        .last_batch
        .iter()
        .map(|result| result.recorded_as.as_str())
        .collect();
    assert_eq!(recorded, ["1", "2", "3"]);
    assert!(state.last_batch.iter().all(|result| result.status == 200));

    state.apply(Action::SetSharedKeyMode(true));
    state.apply(Action::SendForEveryUser { now: NOW });
    let recorded: Vec<&str> = state
        .last_batch
        .iter()
        .map(|result| result.recorded_as.as_str())
        .collect();
    assert_eq!(recorded, ["unknown", "unknown", "unknown"]);

    state.apply(Action::RevokeKey { id: "3".to_owned() });
    state.apply(Action::SendForEveryUser { now: NOW });
    assert!(
        state.last_batch.iter().all(|result| result.status == 401),
        "one revoke locks out all"
    );
}
