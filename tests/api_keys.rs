//! Per-user API keys derived from one secret.

use one_secret::api_key::{derive_api_key, API_KEY_PREFIX};

#[test]
fn published_vector() {
    assert_eq!(
        derive_api_key(b"secret", "user-1"),
        "ak_live_1d16fd7e96e8a9681f283b8a251822ff"
    );
}

#[test]
fn key_shape() {
    let key = derive_api_key(b"secret", "user-1");
    assert!(key.starts_with(API_KEY_PREFIX));
    let hex = &key[API_KEY_PREFIX.len()..];
    assert_eq!(hex.len(), 32);
    assert!(hex
        .chars()
        .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)));
}

#[test]
fn same_input_same_key() {
    let first = derive_api_key(b"secret", "user-1");
    for _ in 0..10 {
        assert_eq!(derive_api_key(b"secret", "user-1"), first);
    }
}

#[test]
fn different_users_different_keys() {
    let ids = [
        "1",
        "2",
        "3",
        "user-1",
        "user-2",
        "",
        " 1",
        "1 ",
        "Zoë",
        "ユーザー",
    ];
    let keys: std::collections::HashSet<String> =
        ids.iter().map(|id| derive_api_key(b"secret", id)).collect();
    assert_eq!(keys.len(), ids.len());
}

#[test]
fn new_secret_changes_every_key() {
    for id in ["1", "2", "3", "alice"] {
        assert_ne!(
            derive_api_key(b"secret", id),
            derive_api_key(b"secret2", id),
            "user {id}"
        );
    }
}

#[test]
fn utf8_user_id_bytes_are_keyed() {
    // Value from Python: hmac.new(b"secret", "Zoë".encode(), "sha256").hexdigest()[:32]
    assert_eq!(
        derive_api_key(b"secret", "Zo\u{eb}"),
        "ak_live_079b7041e778ade7c3181bc52e07eecd"
    );
    assert_ne!(
        derive_api_key(b"secret", "Zo\u{eb}"),
        derive_api_key(b"secret", "Zoe\u{308}")
    );
}

#[test]
fn derive_range_returns_last_key() {
    use one_secret::api_key::KeyDeriver;
    let deriver = KeyDeriver::new(b"secret");
    assert_eq!(
        deriver.derive_range(1, 500),
        derive_api_key(b"secret", "500")
    );
    assert_eq!(deriver.derive_range(7, 7), derive_api_key(b"secret", "7"));
    assert_eq!(deriver.derive_range(2, 1), "");
}
