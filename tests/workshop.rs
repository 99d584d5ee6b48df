//! Every workshop check passes when the exercise is done and stays
//! unchecked when it is done wrong.

use base64ct::{Base64UrlUnpadded, Encoding};
use one_secret::api_key::derive_api_key;
use one_secret::secret::DEMO_SECRET;
use one_secret::state::{Action, AppState};
use one_secret::workshop::{
    crack, exercise, is_done, weak_token, wordlist, Prediction, EXERCISES, HIDDEN_OWNER_ID,
    WEAK_SECRET,
};

const NOW: i64 = 1_700_000_000;

fn done(state: &AppState, id: &str) -> bool {
    is_done(exercise(id).expect("exercise exists"), state, NOW)
}

#[test]
fn at_least_eight_exercises() {
    assert!(EXERCISES.len() >= 8);
    let state = AppState::new(NOW);
    for exercise in EXERCISES {
        assert!(
            !is_done(&exercise, &state, NOW),
            "{} done on a fresh page",
            exercise.id
        );
    }
}

#[test]
fn compute_key_checked() {
    let mut state = AppState::new(NOW);
    state.apply(Action::SetComputedKey(derive_api_key(
        DEMO_SECRET.as_bytes(),
        "1",
    )));
    assert!(
        !done(&state, "compute-key"),
        "user 1's key is the wrong answer"
    );
    state.apply(Action::SetComputedKey(format!(
        " {} ",
        derive_api_key(DEMO_SECRET.as_bytes(), "2")
    )));
    assert!(done(&state, "compute-key"));
}

#[test]
fn find_owner_checked() {
    let mut state = AppState::new(NOW);
    state.apply(Action::SetOwnerAnswer("16".to_owned()));
    assert!(!done(&state, "find-owner"));
    state.apply(Action::SetOwnerAnswer(HIDDEN_OWNER_ID.to_owned()));
    assert!(done(&state, "find-owner"));
}

#[test]
fn prediction_needs_right_answer_and_change() {
    let mut state = AppState::new(NOW);
    state.apply(Action::SetPrediction(Prediction::SomeChange));
    state.apply(Action::SetSecret("new".to_owned()));
    assert!(!done(&state, "predict-secret-change"), "wrong prediction");

    let mut state = AppState::new(NOW);
    state.apply(Action::SetPrediction(Prediction::AllChange));
    assert!(
        !done(&state, "predict-secret-change"),
        "secret not changed yet"
    );
    state.apply(Action::SetSecret("new".to_owned()));
    assert!(done(&state, "predict-secret-change"));
}

#[test]
fn revoke_leaked_checked() {
    let mut state = AppState::new(NOW);
    state.apply(Action::UseApiKey { id: "2".to_owned() });
    state.apply(Action::RevokeKey { id: "2".to_owned() });
    state.apply(Action::SendRequest { now: NOW });
    assert!(
        !done(&state, "revoke-leaked"),
        "no proof that others still work"
    );

    state.apply(Action::UseApiKey { id: "1".to_owned() });
    state.apply(Action::SendRequest { now: NOW });
    assert!(done(&state, "revoke-leaked"));

    state.apply(Action::ReactivateKey { id: "2".to_owned() });
    assert!(!done(&state, "revoke-leaked"), "key no longer revoked");
}

#[test]
fn tamper_payload_checked() {
    let mut state = AppState::new(NOW);
    let token = state.inspector.token_text.clone();
    let parts: Vec<&str> = token.split('.').collect();
    let payload = String::from_utf8(Base64UrlUnpadded::decode_vec(parts[1]).unwrap()).unwrap();
    let forged = payload.replace("\"userId\":\"1\"", "\"userId\":\"admin\"");
    let forged_token = format!(
        "{}.{}.{}",
        parts[0],
        Base64UrlUnpadded::encode_string(forged.as_bytes()),
        parts[2]
    );
    state.apply(Action::SetToken(forged_token));
    assert!(done(&state, "tamper-payload"));

    state.apply(Action::SetToken(token));
    assert!(
        !done(&state, "tamper-payload"),
        "the untouched token is valid"
    );
}

#[test]
fn expire_token_checked() {
    let mut state = AppState::new(NOW);
    state.apply(Action::SetSignerPayload(format!(
        "{{\"sub\":\"1\",\"iat\":{NOW},\"exp\":{}}}",
        NOW + 60
    )));
    state.apply(Action::SendSignedToInspector);
    assert!(!done(&state, "expire-token"), "not expired yet");
    state.apply(Action::SetLeeway("0".to_owned()));
    state.apply(Action::SetPretendTime((NOW + 60).to_string()));
    assert!(done(&state, "expire-token"));

    state.apply(Action::SetSignerPayload(format!(
        "{{\"sub\":\"1\",\"iat\":{NOW},\"exp\":{}}}",
        NOW + 3600
    )));
    state.apply(Action::SendSignedToInspector);
    state.apply(Action::SetPretendTime((NOW + 7200).to_string()));
    assert!(
        !done(&state, "expire-token"),
        "an hour-long token is not the exercise"
    );
}

#[test]
fn alg_none_checked() {
    let mut state = AppState::new(NOW);
    state.apply(Action::SetToken(
        "eyJhbGciOiJIUzM4NCJ9.eyJzdWIiOiJhIn0.".to_owned(),
    ));
    assert!(!done(&state, "alg-none"));
    state.apply(Action::SetToken(
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.".to_owned(),
    ));
    assert!(done(&state, "alg-none"));
}

#[test]
fn weak_secret_cracked_in_bounds() {
    let candidates = wordlist();
    assert!(candidates.len() <= 5000, "{} candidates", candidates.len());
    let (found, tried) = crack(&weak_token(), &candidates);
    assert_eq!(found.as_deref(), Some(WEAK_SECRET));
    assert!(tried <= candidates.len());

    let strong = one_secret::token::sign_user_token(&[7u8; 32], "1", NOW).unwrap();
    assert_eq!(crack(&strong, &candidates), (None, candidates.len()));

    let mut state = AppState::new(NOW);
    state.apply(Action::StartExercise("weak-secret".to_owned()));
    state.apply(Action::RunWordlist);
    assert_eq!(
        state.workshop.crack_result,
        Some((Some(WEAK_SECRET.to_owned()), tried))
    );
    state.apply(Action::SetCrackedSecret("sunshine".to_owned()));
    assert!(!done(&state, "weak-secret"));
    state.apply(Action::SetCrackedSecret(WEAK_SECRET.to_owned()));
    assert!(done(&state, "weak-secret"));
}

#[test]
fn shared_key_checked() {
    let mut state = AppState::new(NOW);
    state.apply(Action::UseApiKey { id: "1".to_owned() });
    state.apply(Action::SendRequest { now: NOW });
    assert!(!done(&state, "shared-key"));
    state.apply(Action::SetSharedKeyMode(true));
    state.apply(Action::UseApiKey { id: "1".to_owned() });
    state.apply(Action::SendRequest { now: NOW });
    assert!(done(&state, "shared-key"));
}

#[test]
fn facilitator_preset_and_progress() {
    let mut state = AppState::new(NOW);
    state.apply(Action::StartExercise("tamper-payload".to_owned()));
    assert_eq!(state.workshop.current, Some("tamper-payload"));
    state.apply(Action::StartExercise("no-such-exercise".to_owned()));
    assert_eq!(state.workshop.current, Some("tamper-payload"));

    state.apply(Action::MarkCompleted(vec!["alg-none".to_owned()]));
    assert!(state.workshop.completed.contains("alg-none"));
    state.apply(Action::ResetProgress);
    assert!(state.workshop.completed.is_empty());
}
