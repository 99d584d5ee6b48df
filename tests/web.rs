//! Checks that run in headless Chromium through wasm-bindgen-test, where
//! the wasm32 build could differ from the native one: hashing, the
//! browser's CSPRNG, time formatting, and the rendered page.

#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use one_secret::api_key::derive_api_key;
use one_secret::components::app::App;
use one_secret::secret::{decode_secret, random_secret_hex, SecretEncoding, DEMO_SECRET};
use one_secret::time_text::utc_date;
use one_secret::token::{inspect, sign_user_token, TimeOptions, Verdict};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RFC7515_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC7515_KEY: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

#[wasm_bindgen_test]
fn api_key_vector_in_browser() {
    assert_eq!(
        derive_api_key(b"secret", "user-1"),
        "ak_live_1d16fd7e96e8a9681f283b8a251822ff"
    );
}

#[wasm_bindgen_test]
fn rfc7515_in_browser() {
    let key = decode_secret(RFC7515_KEY, SecretEncoding::Base64Url).unwrap();
    let inspection = inspect(
        RFC7515_TOKEN,
        Some(&key),
        TimeOptions {
            now: 1_300_819_320,
            leeway: 0,
            check_time: true,
        },
    );
    assert_eq!(inspection.verdict, Verdict::Valid, "{}", inspection.reason);
}

#[wasm_bindgen_test]
fn signed_token_verifies_in_browser() {
    let token = sign_user_token(b"secret", "1", 1_700_000_000).unwrap();
    let inspection = inspect(
        &token,
        Some(b"secret"),
        TimeOptions {
            now: 1_700_000_000,
            leeway: 60,
            check_time: true,
        },
    );
    assert_eq!(inspection.verdict, Verdict::Valid, "{}", inspection.reason);
}

#[wasm_bindgen_test]
fn browser_csprng_gives_distinct_secrets() {
    let first = random_secret_hex().expect("crypto.getRandomValues works");
    let second = random_secret_hex().expect("crypto.getRandomValues works");
    assert_eq!(first.len(), 64);
    assert_ne!(first, second);
}

#[wasm_bindgen_test]
fn utc_dates_in_browser() {
    assert_eq!(utc_date(1_300_819_380.0), "2011-03-22 18:43:00 UTC");
}

#[wasm_bindgen_test]
async fn page_renders_demo_keys() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();

    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::platform::time::sleep(Duration::from_millis(100)).await;

    let rows = root.query_selector_all("[data-testid=user-row]").unwrap();
    assert_eq!(rows.length(), 3);
    for index in 0..rows.length() {
        let row: web_sys::Element = rows.item(index).unwrap().dyn_into().unwrap();
        let id = row.get_attribute("data-user-id").unwrap();
        let key = row
            .query_selector("[data-testid=api-key]")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        assert_eq!(key, derive_api_key(DEMO_SECRET.as_bytes(), &id));
    }

    let verdict = root
        .query_selector("[data-testid=verdict]")
        .unwrap()
        .unwrap();
    assert_eq!(
        verdict.get_attribute("data-verdict").as_deref(),
        Some("valid")
    );
}
