//! The simulated server: every response it sends, the audit log, shared-key
//! mode and the key methods.

use one_secret::api_key::derive_api_key;
use one_secret::server::compare::{comparison_rows, LiveValues};
use one_secret::server::handler::{ADMIN_PATH, DATA_PATH, LOGIN_PATH};
use one_secret::server::key_methods::{
    derived_key, derived_key_versioned, random_key, timestamp_key, KeyLength, KeyMethod,
};
use one_secret::server::lab::{LabError, Role, ServerLab, Status, MAX_AUDIT_ENTRIES};
use one_secret::server::{api_key_request, bearer_request, login_request, Request, Response};
use serde_json::Value;

const SECRET: &[u8] = b"demo-secret-change-me";

/// 2023-11-14 22:13:20 UTC, the start of a rate-limit window plus 20 s.
const NOW: i64 = 1_700_000_000;

const NOW_MILLIS: i64 = NOW * 1000;

fn random_hex(n: u64) -> String {
    format!("{n:032x}")
}

fn randoms(count: u64, offset: u64) -> Vec<String> {
    (0..count).map(|n| random_hex(n + offset)).collect()
}

fn demo_lab() -> ServerLab {
    ServerLab::demo(&["1", "2", "3"], NOW_MILLIS, &randoms(3, 100)).unwrap()
}

fn key_of(lab: &ServerLab, id: &str) -> String {
    lab.issued_key(lab.user(id).unwrap(), SECRET)
}

fn body(response: &Response) -> Value {
    serde_json::from_str(&response.body).unwrap()
}

fn error_of(response: &Response) -> String {
    body(response)["error"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn get(lab: &mut ServerLab, key: &str, path: &str, now: i64) -> Response {
    let mut request = api_key_request(key);
    request.path = path.to_owned();
    lab.handle(&request, SECRET, now, "jti")
}

/// Sends `GET path` with the current key of user `id`.
fn call_as(lab: &mut ServerLab, id: &str, path: &str, now: i64) -> Response {
    let key = key_of(lab, id);
    get(lab, &key, path, now)
}

fn login(lab: &mut ServerLab, user: &str, now: i64, jti: &str) -> Response {
    lab.handle(&login_request(user), SECRET, now, jti)
}

fn token_for(lab: &mut ServerLab, user: &str, now: i64) -> String {
    let response = login(lab, user, now, &random_hex(7));
    assert_eq!(response.status, 200, "login of {user}: {}", response.body);
    body(&response)["token"].as_str().unwrap().to_owned()
}

fn bearer(lab: &mut ServerLab, token: &str, path: &str, now: i64) -> Response {
    let mut request = bearer_request(token);
    request.path = path.to_owned();
    lab.handle(&request, SECRET, now, "jti")
}

#[test]
fn demo_rows() {
    let lab = demo_lab();
    let names: Vec<&str> = lab.users.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(names, ["alice", "bob", "carol"]);
    assert_eq!(lab.users[0].role, Role::Admin);
    assert_eq!(lab.users[1].role, Role::Reader);
    assert_eq!(lab.users[2].role, Role::Reader);
    for user in &lab.users {
        assert_eq!(user.status, Status::Active);
        assert_eq!(user.rate_limit, 5);
        assert_eq!(user.key_version, 1);
    }
    assert_eq!(lab.token_lifetime, 3600);
    assert_eq!(lab.method, KeyMethod::Derived);
    assert_eq!(lab.length, KeyLength::Hex32);
}

#[test]
fn demo_rejects_bad_random() {
    let error = ServerLab::demo(&["1"], NOW_MILLIS, &["xyz".to_owned()]).unwrap_err();
    assert_eq!(error, LabError::InvalidRandomHex { length: 3 });
    let error = ServerLab::demo(&["1", "2"], NOW_MILLIS, &randoms(1, 0)).unwrap_err();
    assert!(matches!(error, LabError::MissingRandomHex { .. }));
}

#[test]
fn valid_key_gets_200() {
    let mut lab = demo_lab();
    let key = key_of(&lab, "2");
    assert_eq!(key, derive_api_key(SECRET, "2"));
    let response = get(&mut lab, &key, DATA_PATH, NOW);
    assert_eq!(response.status, 200, "{}", response.body);
    assert_eq!(response.status_text, "OK");
    assert_eq!(body(&response)["userId"], "2");
    assert!(body(&response)["data"].is_string());
    assert_eq!(response.header("content-type"), Some("application/json"));
    let labels: Vec<&str> = response.steps.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Read header",
            "Look up key",
            "Check status",
            "Check role",
            "Check rate limit",
            "Answer"
        ]
    );
}

#[test]
fn body_is_pretty_json() {
    let mut lab = demo_lab();
    let key = key_of(&lab, "1");
    let response = get(&mut lab, &key, DATA_PATH, NOW);
    assert!(response.body.contains('\n'), "{}", response.body);
    assert!(
        response.body.contains("  \"userId\": \"1\""),
        "{}",
        response.body
    );
}

#[test]
fn missing_header_gets_401() {
    let mut lab = demo_lab();
    let response = get(&mut lab, "   ", DATA_PATH, NOW);
    assert_eq!(response.status, 401);
    assert_eq!(response.status_text, "Unauthorized");
    assert_eq!(error_of(&response), "Missing API key");

    let mut request = api_key_request("");
    request.header_name = "X-Other".to_owned();
    let response = lab.handle(&request, SECRET, NOW, "jti");
    assert_eq!(response.status, 401);
    assert_eq!(error_of(&response), "Missing API key");
}

#[test]
fn unknown_key_gets_401() {
    let mut lab = demo_lab();
    for key in ["ak_live_0000", "", "ak_live_ünïcödé", &"x".repeat(70_000)] {
        let mut request = api_key_request(key);
        request.header_value = format!("{key}!");
        let response = lab.handle(&request, SECRET, NOW, "jti");
        assert_eq!(response.status, 401);
        assert_eq!(error_of(&response), "Invalid API key");
    }
    let wrong_secret_key = derive_api_key(b"another secret", "1");
    let response = get(&mut lab, &wrong_secret_key, DATA_PATH, NOW);
    assert_eq!(error_of(&response), "Invalid API key");
}

#[test]
fn header_name_ignores_case() {
    let mut lab = demo_lab();
    let mut request = api_key_request(&key_of(&lab, "1"));
    request.header_name = "x-api-key".to_owned();
    assert_eq!(lab.handle(&request, SECRET, NOW, "jti").status, 200);
}

#[test]
fn revoked_key_gets_401_others_200() {
    let mut lab = demo_lab();
    lab.revoke("2").unwrap();
    let response = call_as(&mut lab, "2", DATA_PATH, NOW);
    assert_eq!(response.status, 401);
    assert_eq!(error_of(&response), "API key revoked");
    assert_eq!(call_as(&mut lab, "1", DATA_PATH, NOW).status, 200);
    assert_eq!(call_as(&mut lab, "3", DATA_PATH, NOW).status, 200);

    lab.reactivate("2").unwrap();
    assert_eq!(call_as(&mut lab, "2", DATA_PATH, NOW).status, 200);
}

#[test]
fn unknown_user_action_is_error() {
    let mut lab = demo_lab();
    let error = lab.revoke("nobody").unwrap_err();
    assert_eq!(
        error,
        LabError::UnknownUser {
            id: "nobody".to_owned()
        }
    );
    assert!(error.to_string().contains("\"nobody\""));
}

#[test]
fn rotated_key_old_401_new_200() {
    for method in KeyMethod::ALL {
        let mut lab = demo_lab();
        lab.set_method(method, NOW_MILLIS, &randoms(3, 200))
            .unwrap();
        let old = key_of(&lab, "3");
        assert_eq!(
            get(&mut lab, &old, DATA_PATH, NOW).status,
            200,
            "{method:?}"
        );

        // The same clock reading as the issue time: the key must still change.
        lab.rotate("3", NOW_MILLIS, &random_hex(999)).unwrap();
        let new = key_of(&lab, "3");
        assert_ne!(old, new, "{method:?}");
        let response = get(&mut lab, &old, DATA_PATH, NOW);
        assert_eq!(response.status, 401, "{method:?}");
        assert_eq!(error_of(&response), "Invalid API key");
        assert_eq!(
            get(&mut lab, &new, DATA_PATH, NOW).status,
            200,
            "{method:?}"
        );
    }
}

#[test]
fn rotate_rejects_bad_random() {
    let mut lab = demo_lab();
    let before = lab.clone();
    assert!(lab.rotate("1", NOW_MILLIS, "not hex").is_err());
    assert_eq!(lab, before);
}

#[test]
fn reader_on_admin_gets_403() {
    let mut lab = demo_lab();
    let response = call_as(&mut lab, "2", ADMIN_PATH, NOW);
    assert_eq!(response.status, 403);
    assert_eq!(response.status_text, "Forbidden");
    assert_eq!(error_of(&response), "Forbidden: admin role required");
    assert_eq!(call_as(&mut lab, "1", ADMIN_PATH, NOW).status, 200);

    lab.set_role("2", Role::Admin).unwrap();
    assert_eq!(call_as(&mut lab, "2", ADMIN_PATH, NOW).status, 200);
}

#[test]
fn rate_limit_429_then_next_window() {
    let mut lab = demo_lab();
    let key = key_of(&lab, "2");
    // NOW is 20 s into its window, so the window ends 40 s later.
    let window_start = NOW - NOW.rem_euclid(60);
    assert_eq!(NOW - window_start, 20);
    for attempt in 1..=5 {
        let response = get(&mut lab, &key, DATA_PATH, NOW + attempt);
        assert_eq!(response.status, 200, "request {attempt}");
        assert_eq!(response.header("Retry-After"), None);
    }
    let response = get(&mut lab, &key, DATA_PATH, NOW + 10);
    assert_eq!(response.status, 429);
    assert_eq!(response.status_text, "Too Many Requests");
    assert_eq!(error_of(&response), "Rate limit exceeded");
    assert_eq!(response.header("Retry-After"), Some("30"));

    // Other users have their own counters.
    assert_eq!(call_as(&mut lab, "3", DATA_PATH, NOW + 10).status, 200);

    let next_window = window_start + 60;
    assert_eq!(get(&mut lab, &key, DATA_PATH, next_window - 1).status, 429);
    assert_eq!(get(&mut lab, &key, DATA_PATH, next_window).status, 200);
}

#[test]
fn rate_limit_setting_applies() {
    let mut lab = demo_lab();
    lab.set_rate_limit("1", 1).unwrap();
    let key = key_of(&lab, "1");
    assert_eq!(get(&mut lab, &key, DATA_PATH, NOW).status, 200);
    assert_eq!(get(&mut lab, &key, DATA_PATH, NOW).status, 429);
}

#[test]
fn valid_jwt_gets_200() {
    let mut lab = demo_lab();
    let token = token_for(&mut lab, "2", NOW);
    let response = bearer(&mut lab, &token, DATA_PATH, NOW + 10);
    assert_eq!(response.status, 200, "{}", response.body);
    assert_eq!(body(&response)["userId"], "2");
    assert!(response
        .steps
        .iter()
        .any(|step| step.label == "Users table" && step.detail.contains("Not consulted")));
}

#[test]
fn login_payload_claims() {
    let mut lab = demo_lab();
    let token = token_for(&mut lab, "1", NOW);
    let inspection = one_secret::token::inspect(
        &token,
        Some(SECRET),
        one_secret::token::TimeOptions {
            now: NOW,
            leeway: 0,
            check_time: true,
        },
    );
    assert_eq!(inspection.verdict, one_secret::token::Verdict::Valid);
    let payload = inspection.payload.unwrap().object.unwrap();
    let names: Vec<&str> = payload.keys().map(String::as_str).collect();
    assert_eq!(names, ["sub", "role", "iat", "exp", "jti"]);
    assert_eq!(payload["sub"], "1");
    assert_eq!(payload["role"], "admin");
    assert_eq!(payload["iat"], NOW);
    assert_eq!(payload["exp"], NOW + 3600);
    assert_eq!(payload["jti"], random_hex(7).as_str());
    let header = inspection.header.unwrap().object.unwrap();
    assert_eq!(header["alg"], "HS256");
}

#[test]
fn expired_jwt_gets_401() {
    let mut lab = demo_lab();
    let token = token_for(&mut lab, "2", NOW);
    assert_eq!(bearer(&mut lab, &token, DATA_PATH, NOW + 3599).status, 200);
    let response = bearer(&mut lab, &token, DATA_PATH, NOW + 3600);
    assert_eq!(response.status, 401);
    let error = error_of(&response);
    assert!(error.starts_with("Invalid token: "), "{error}");
    assert!(error.contains("expired"), "{error}");
    assert!(response.header("WWW-Authenticate").is_some());
}

#[test]
fn tampered_jwt_gets_401() {
    use base64ct::{Base64UrlUnpadded, Encoding};

    let mut lab = demo_lab();
    let token = token_for(&mut lab, "2", NOW);
    let parts: Vec<&str> = token.split('.').collect();
    let payload = Base64UrlUnpadded::decode_vec(parts[1]).unwrap();
    let text = String::from_utf8(payload).unwrap();
    let forged = text.replace("\"reader\"", "\"admin\"");
    assert_ne!(text, forged);
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        Base64UrlUnpadded::encode_string(forged.as_bytes()),
        parts[2]
    );
    let response = bearer(&mut lab, &tampered, ADMIN_PATH, NOW);
    assert_eq!(response.status, 401);
    let error = error_of(&response);
    assert!(error.starts_with("Invalid token: "), "{error}");
    assert!(error.to_lowercase().contains("signature"), "{error}");
}

#[test]
fn jwt_role_claim_on_admin() {
    let mut lab = demo_lab();
    let reader = token_for(&mut lab, "2", NOW);
    let response = bearer(&mut lab, &reader, ADMIN_PATH, NOW);
    assert_eq!(response.status, 403);
    assert_eq!(error_of(&response), "Forbidden: admin role required");
    let admin = token_for(&mut lab, "1", NOW);
    assert_eq!(bearer(&mut lab, &admin, ADMIN_PATH, NOW).status, 200);
}

#[test]
fn other_secret_or_alg_rejected() {
    let mut lab = demo_lab();
    let other = one_secret::token::sign_user_token(b"another secret", "1", NOW).unwrap();
    assert_eq!(bearer(&mut lab, &other, DATA_PATH, NOW).status, 401);

    // Signed with the right secret but HS512, and without sub.
    let payload = serde_json::json!({ "sub": "1", "exp": NOW + 60 });
    let hs512 = one_secret::token::sign_payload(
        one_secret::alg::HmacAlg::Hs512,
        &Default::default(),
        &payload,
        SECRET,
    )
    .unwrap();
    let response = bearer(&mut lab, &hs512, DATA_PATH, NOW);
    assert_eq!(response.status, 401);
    assert!(error_of(&response).contains("HS256"));

    let no_sub = one_secret::token::sign_payload(
        one_secret::alg::HmacAlg::Hs256,
        &Default::default(),
        &serde_json::json!({ "exp": NOW + 60 }),
        SECRET,
    )
    .unwrap();
    let response = bearer(&mut lab, &no_sub, DATA_PATH, NOW);
    assert_eq!(response.status, 401);
    assert!(error_of(&response).contains("sub"));

    let no_exp = one_secret::token::sign_payload(
        one_secret::alg::HmacAlg::Hs256,
        &Default::default(),
        &serde_json::json!({ "sub": "1" }),
        SECRET,
    )
    .unwrap();
    let response = bearer(&mut lab, &no_exp, DATA_PATH, NOW);
    assert_eq!(response.status, 401);
    assert!(error_of(&response).contains("exp"));
}

#[test]
fn bad_authorization_header_gets_401() {
    let mut lab = demo_lab();
    let huge = "a".repeat(64 * 1024 + 1);
    for value in [
        "",
        "Bearer",
        "Bearer    ",
        "Basic abc",
        "Bearerabc",
        "ü",
        &huge,
    ] {
        let mut request = bearer_request("");
        request.header_value = value.to_owned();
        let response = lab.handle(&request, SECRET, NOW, "jti");
        assert_eq!(response.status, 401, "{value:.20}");
    }
    let response = bearer(&mut lab, &huge, DATA_PATH, NOW);
    assert_eq!(response.status, 401);
    assert!(error_of(&response).starts_with("Invalid token: "));
    let response = bearer(&mut lab, "not.a.token", DATA_PATH, NOW);
    assert_eq!(response.status, 401);
}

#[test]
fn revoked_users_jwt_still_200() {
    let mut lab = demo_lab();
    let token = token_for(&mut lab, "2", NOW);
    lab.revoke("2").unwrap();
    assert_eq!(call_as(&mut lab, "2", DATA_PATH, NOW).status, 401);
    let response = bearer(&mut lab, &token, DATA_PATH, NOW + 60);
    assert_eq!(response.status, 200, "{}", response.body);
    assert_eq!(bearer(&mut lab, &token, DATA_PATH, NOW + 3600).status, 401);
    // A revoked user cannot log in again.
    let response = login(&mut lab, "2", NOW, "jti");
    assert_eq!(response.status, 403);
}

#[test]
fn login_twice_different_tokens() {
    let mut lab = demo_lab();
    let first = body(&login(&mut lab, "1", NOW, &random_hex(1)))["token"].clone();
    let second = body(&login(&mut lab, "1", NOW, &random_hex(2)))["token"].clone();
    assert!(first.is_string());
    assert_ne!(first, second);
    let later = body(&login(&mut lab, "1", NOW + 1, &random_hex(1)))["token"].clone();
    assert_ne!(first, later);
}

#[test]
fn login_unknown_user_404() {
    let mut lab = demo_lab();
    let response = login(&mut lab, "nobody", NOW, "jti");
    assert_eq!(response.status, 404);
    let mut request = login_request("1");
    request.login_user = None;
    assert_eq!(lab.handle(&request, SECRET, NOW, "jti").status, 404);
    // A username works as well as an id.
    assert_eq!(login(&mut lab, "bob", NOW, "jti").status, 200);
}

#[test]
fn login_token_lifetime_setting() {
    let mut lab = demo_lab();
    lab.set_token_lifetime(60);
    let token = token_for(&mut lab, "1", NOW);
    assert_eq!(bearer(&mut lab, &token, DATA_PATH, NOW + 59).status, 200);
    assert_eq!(bearer(&mut lab, &token, DATA_PATH, NOW + 60).status, 401);
    lab.set_token_lifetime(-5);
    assert_eq!(lab.token_lifetime, 1);
}

#[test]
fn wrong_path_or_method() {
    let mut lab = demo_lab();
    let key = key_of(&lab, "1");
    let response = get(&mut lab, &key, "/api/other", NOW);
    assert_eq!(response.status, 404);
    let mut request = api_key_request(&key);
    request.method = "POST".to_owned();
    let response = lab.handle(&request, SECRET, NOW, "jti");
    assert_eq!(response.status, 405);
    assert_eq!(response.header("Allow"), Some("GET"));
    let mut request = login_request("1");
    request.method = "GET".to_owned();
    let response = lab.handle(&request, SECRET, NOW, "jti");
    assert_eq!(response.status, 405);
    assert_eq!(response.header("Allow"), Some("POST"));
}

#[test]
fn audit_entries() {
    let mut lab = demo_lab();
    let key = key_of(&lab, "2");
    get(&mut lab, &key, DATA_PATH, NOW);
    get(&mut lab, "ak_live_wrong", ADMIN_PATH, NOW + 1);
    get(&mut lab, &key, ADMIN_PATH, NOW + 2);
    login(&mut lab, "1", NOW + 3, "jti");
    let token = token_for(&mut lab, "3", NOW + 4);
    bearer(&mut lab, &token, DATA_PATH, NOW + 5);
    bearer(&mut lab, "bad", DATA_PATH, NOW + 6);

    let rows: Vec<(i64, &str, &str, u16)> = lab
        .audit
        .iter()
        .map(|entry| {
            (
                entry.time,
                entry.user_label(),
                entry.path.as_str(),
                entry.status,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (NOW, "2", DATA_PATH, 200),
            (NOW + 1, "unknown", ADMIN_PATH, 401),
            (NOW + 2, "2", ADMIN_PATH, 403),
            (NOW + 3, "1", LOGIN_PATH, 200),
            (NOW + 4, "3", LOGIN_PATH, 200),
            (NOW + 5, "3", DATA_PATH, 200),
            (NOW + 6, "unknown", DATA_PATH, 401),
        ]
    );
    assert_eq!(lab.audit[1].user_id, None);
}

#[test]
fn audit_is_bounded() {
    let mut lab = demo_lab();
    for second in 0..(MAX_AUDIT_ENTRIES as i64 + 10) {
        get(&mut lab, "ak_live_wrong", DATA_PATH, NOW + second);
    }
    assert_eq!(lab.audit.len(), MAX_AUDIT_ENTRIES);
    assert_eq!(lab.audit.first().map(|entry| entry.time), Some(NOW + 10));
}

#[test]
fn shared_mode_one_key() {
    let mut lab = demo_lab();
    lab.set_shared_key_mode(true);
    let keys: Vec<String> = lab
        .users
        .iter()
        .map(|u| lab.issued_key(u, SECRET))
        .collect();
    assert_eq!(keys[0], keys[1]);
    assert_eq!(keys[1], keys[2]);
    assert_eq!(keys[0], derived_key(SECRET, "shared", KeyLength::Hex32));
    // Per-user keys stop working.
    assert_eq!(
        get(&mut lab, &derive_api_key(SECRET, "1"), DATA_PATH, NOW).status,
        401
    );
}

#[test]
fn shared_mode_audit_unknown() {
    let mut lab = demo_lab();
    lab.set_shared_key_mode(true);
    let key = key_of(&lab, "1");
    let response = get(&mut lab, &key, DATA_PATH, NOW);
    assert_eq!(response.status, 200);
    assert_eq!(body(&response)["userId"], "unknown");
    assert!(response
        .steps
        .iter()
        .any(|step| step.detail.contains("shared key")));
    call_as(&mut lab, "2", DATA_PATH, NOW);
    for entry in &lab.audit {
        assert_eq!(entry.user_id, None);
        assert_eq!(entry.user_label(), "unknown");
    }
}

#[test]
fn shared_mode_revoke_locks_all() {
    let mut lab = demo_lab();
    lab.set_shared_key_mode(true);
    lab.revoke("3").unwrap();
    for user in lab.users.clone() {
        assert_eq!(lab.effective_status(&user), Status::Revoked);
        let key = lab.issued_key(&user, SECRET);
        let response = get(&mut lab, &key, DATA_PATH, NOW);
        assert_eq!(response.status, 401, "user {}", user.id);
        assert_eq!(error_of(&response), "API key revoked");
    }
    lab.reactivate("1").unwrap();
    assert_eq!(call_as(&mut lab, "2", DATA_PATH, NOW).status, 200);

    // Leaving shared mode brings back each user's own status.
    lab.revoke("1").unwrap();
    lab.set_shared_key_mode(false);
    assert_eq!(call_as(&mut lab, "1", DATA_PATH, NOW).status, 200);
}

#[test]
fn shared_mode_rotate_changes_all() {
    let mut lab = demo_lab();
    lab.set_shared_key_mode(true);
    let old = key_of(&lab, "1");
    lab.rotate("2", NOW_MILLIS, &random_hex(5)).unwrap();
    let new = key_of(&lab, "3");
    assert_ne!(old, new);
    assert_eq!(new, key_of(&lab, "1"));
    assert_eq!(get(&mut lab, &old, DATA_PATH, NOW).status, 401);
    assert_eq!(get(&mut lab, &new, DATA_PATH, NOW).status, 200);
}

#[test]
fn shared_mode_one_counter() {
    let mut lab = demo_lab();
    lab.set_shared_key_mode(true);
    let key = key_of(&lab, "1");
    // Five requests "from" five different people still share one counter.
    for _ in 0..5 {
        assert_eq!(get(&mut lab, &key, DATA_PATH, NOW).status, 200);
    }
    let response = get(&mut lab, &key, DATA_PATH, NOW);
    assert_eq!(response.status, 429);
    assert_eq!(response.header("Retry-After"), Some("40"));
}

#[test]
fn shared_mode_roles_gone() {
    let mut lab = demo_lab();
    lab.set_shared_key_mode(true);
    let reader = lab.user("2").unwrap().clone();
    assert_eq!(reader.role, Role::Reader);
    assert_eq!(lab.effective_role(&reader), Role::Admin);
    let response = call_as(&mut lab, "2", ADMIN_PATH, NOW);
    assert_eq!(response.status, 200);
}

#[test]
fn shared_mode_consequences_listed() {
    let lab = demo_lab();
    let sentences = lab.shared_key_consequences();
    let text = sentences.join(" ");
    for word in ["unknown", "401", "429", "admin", "rotat"] {
        assert!(text.contains(word), "missing {word:?} in {text}");
    }
}

#[test]
fn set_method_reissues_all() {
    let mut lab = demo_lab();
    lab.rotate("1", NOW_MILLIS, &random_hex(1)).unwrap();
    lab.set_method(KeyMethod::Random, NOW_MILLIS + 5, &randoms(3, 500))
        .unwrap();
    for (index, user) in lab.users.iter().enumerate() {
        assert_eq!(user.key_version, 1);
        assert_eq!(
            lab.issued_key(user, SECRET),
            random_key(&random_hex(500 + index as u64))
        );
    }
    lab.set_method(
        KeyMethod::DerivedWithTimestamp,
        NOW_MILLIS + 9,
        &randoms(3, 0),
    )
    .unwrap();
    assert_eq!(
        key_of(&lab, "2"),
        timestamp_key(SECRET, "2", NOW_MILLIS + 9, KeyLength::Hex32)
    );
    let before = lab.clone();
    assert!(lab
        .set_method(KeyMethod::Random, NOW_MILLIS, &randoms(2, 0))
        .is_err());
    assert_eq!(lab, before);
}

#[test]
fn set_length_changes_keys() {
    let mut lab = demo_lab();
    for length in KeyLength::ALL {
        lab.set_length(length);
        let key = key_of(&lab, "1");
        assert_eq!(key.len(), "ak_live_".len() + length.hex_chars());
        assert_eq!(get(&mut lab, &key, DATA_PATH, NOW).status, 200);
    }
}

#[test]
fn sync_users_keeps_and_adds() {
    let mut lab = demo_lab();
    lab.revoke("2").unwrap();
    lab.rotate("3", NOW_MILLIS, &random_hex(1)).unwrap();
    let ids = ["3", "2", "new", "2"];
    lab.sync_users(&ids, NOW_MILLIS, &randoms(4, 50)).unwrap();
    let kept: Vec<&str> = lab.users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(kept, ["3", "2", "new"]);
    assert_eq!(lab.user("2").unwrap().status, Status::Revoked);
    assert_eq!(lab.user("3").unwrap().key_version, 2);
    let added = lab.user("new").unwrap();
    assert_eq!(added.role, Role::Reader);
    assert_eq!(added.status, Status::Active);
    assert_eq!(added.rate_limit, 5);
    assert_eq!(added.key_nonce.random_hex, random_hex(52));
    // alice (user 1) is gone, so her name is free again.
    assert_eq!(added.username, "alice");
    assert!(lab.user("1").is_none());

    let before = lab.clone();
    assert!(lab.sync_users(&["3", "x"], NOW_MILLIS, &[]).is_err());
    assert_eq!(lab, before);
}

#[test]
fn derived_hex32_equals_api_key() {
    for id in ["1", "2", "", "ünïcödé", "a#v2"] {
        assert_eq!(
            derived_key(SECRET, id, KeyLength::Hex32),
            derive_api_key(SECRET, id)
        );
    }
}

#[test]
fn derived_key_lengths() {
    let full = derived_key(SECRET, "1", KeyLength::Hex64);
    for (length, chars, bits) in [
        (KeyLength::Hex16, 16, 64),
        (KeyLength::Hex32, 32, 128),
        (KeyLength::Hex64, 64, 256),
    ] {
        let key = derived_key(SECRET, "1", length);
        let hex = key.strip_prefix("ak_live_").unwrap();
        assert_eq!(hex.len(), chars);
        assert!(hex
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert!(full.starts_with(&key));
        assert_eq!(length.bits(), bits);
        assert_eq!(length.hex_chars() * 4, bits as usize);
        assert!(!length.guessing_note().is_empty());
    }
}

#[test]
fn derived_full_mac_matches_hmac() {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(SECRET).unwrap();
    mac.update(b"1");
    let hex = base16ct::lower::encode_string(&mac.finalize().into_bytes());
    assert_eq!(
        derived_key(SECRET, "1", KeyLength::Hex64),
        format!("ak_live_{hex}")
    );
}

#[test]
fn timestamp_key_changes_with_millis() {
    let a = timestamp_key(SECRET, "1", NOW_MILLIS, KeyLength::Hex32);
    let b = timestamp_key(SECRET, "1", NOW_MILLIS + 1, KeyLength::Hex32);
    assert_ne!(a, b);
    assert_eq!(
        a,
        derived_key(SECRET, &format!("1-{NOW_MILLIS}"), KeyLength::Hex32)
    );
    assert_ne!(a, derived_key(SECRET, "1", KeyLength::Hex32));
}

#[test]
fn random_key_uses_given_hex() {
    let hex = "00112233445566778899aabbccddeeff";
    assert_eq!(random_key(hex), format!("ak_live_{hex}"));
}

#[test]
fn versioned_keys() {
    for length in KeyLength::ALL {
        assert_eq!(
            derived_key_versioned(SECRET, "1", 1, length),
            derived_key(SECRET, "1", length)
        );
        assert_eq!(
            derived_key_versioned(SECRET, "1", 2, length),
            derived_key(SECRET, "1#v2", length)
        );
    }
    let v2 = derived_key_versioned(SECRET, "1", 2, KeyLength::Hex32);
    let v3 = derived_key_versioned(SECRET, "1", 3, KeyLength::Hex32);
    assert_ne!(v2, v3);
    assert_ne!(v2, derived_key(SECRET, "1", KeyLength::Hex32));
}

#[test]
fn method_and_length_ids_round_trip() {
    for method in KeyMethod::ALL {
        assert_eq!(KeyMethod::from_id(method.id()), Some(method));
        assert!(!method.label().is_empty());
        assert!(method.when_used().ends_with('.'));
    }
    for length in KeyLength::ALL {
        assert_eq!(KeyLength::from_id(length.id()), Some(length));
    }
    assert_eq!(KeyMethod::from_id("nope"), None);
    assert_eq!(KeyLength::default(), KeyLength::Hex32);
}

#[test]
fn comparison_rows_carry_live_values() {
    let mut lab = demo_lab();
    let key = key_of(&lab, "1");
    let token = token_for(&mut lab, "1", NOW);
    let rows = comparison_rows(&LiveValues {
        method: lab.method,
        user_id: Some("1".to_owned()),
        api_key: Some(key.clone()),
        token: Some(token.clone()),
        token_lifetime: lab.token_lifetime,
    });
    let ids: Vec<&str> = rows.iter().map(|row| row.id).collect();
    assert_eq!(
        ids,
        [
            "type",
            "generated",
            "stored",
            "unique",
            "lifetime",
            "secret",
            "revocation",
            "leak"
        ]
    );
    assert_eq!(rows[0].api_key.live.as_deref(), Some(key.as_str()));
    assert_eq!(rows[0].jwt.live.as_deref(), Some(token.as_str()));
    assert_eq!(rows[4].jwt.live.as_deref(), Some("3600 s"));

    let random = comparison_rows(&LiveValues {
        method: KeyMethod::Random,
        ..LiveValues::default()
    });
    assert_ne!(random[5].api_key.text, rows[5].api_key.text);
}

#[test]
fn error_steps_name_next_action() {
    let mut lab = demo_lab();
    lab.revoke("3").unwrap();
    let requests: Vec<Request> = vec![
        api_key_request(""),
        api_key_request("ak_live_wrong"),
        api_key_request(&key_of(&lab, "3")),
        bearer_request("bad"),
        login_request("nobody"),
        login_request("3"),
    ];
    for request in requests {
        let response = lab.handle(&request, SECRET, NOW, "jti");
        let failed: Vec<_> = response
            .steps
            .iter()
            .filter(|step| step.outcome == one_secret::server::StepOutcome::Fail)
            .collect();
        assert_eq!(failed.len(), 1, "{request:?}");
        assert!(failed[0].detail.ends_with('.'), "{}", failed[0].detail);
        assert!(failed[0].detail.contains(';') || failed[0].detail.contains("again"));
    }
}
