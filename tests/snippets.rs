//! The code snippets run with the real tools (node, python3, openssl) and
//! print exactly the page's values.

use std::process::Command;

use one_secret::alg::HmacAlg;
use one_secret::api_key::derive_api_key;
use one_secret::snippets::{api_key_snippet, token_snippet, Language};
use one_secret::token::sign_payload;
use one_secret::token::HeaderFields;
use serde_json::json;

fn run(language: Language, code: &str) -> String {
    let output = match language {
        Language::Node => Command::new("node").arg("-e").arg(code).output(),
        Language::Python => Command::new("python3").arg("-c").arg(code).output(),
        Language::Shell => Command::new("sh").arg("-c").arg(code).output(),
        Language::Rust => unreachable!("Rust snippets need a Cargo project"),
    }
    .unwrap_or_else(|error| panic!("{} did not start: {error}", language.id()));
    assert!(
        output.status.success(),
        "{} failed: {}\n{code}",
        language.id(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .trim_end()
        .to_owned()
}

const RUNNABLE: [Language; 3] = [Language::Node, Language::Python, Language::Shell];

#[test]
fn api_key_snippets_print_the_key() {
    let secrets: [&[u8]; 3] = [b"secret", b"p\xc3\xa4ss 'quoted' \"x\"", &[0, 255, 10, 13]];
    let ids = ["user-1", "Zoë", "it's \"quoted\" \\ $HOME `x`", ""];
    for secret in secrets {
        for id in ids {
            let expected = derive_api_key(secret, id);
            for language in RUNNABLE {
                let code = api_key_snippet(language, secret, id);
                assert_eq!(
                    run(language, &code),
                    expected,
                    "{} for id {id:?}",
                    language.id()
                );
            }
        }
    }
}

#[test]
fn token_snippets_print_the_token() {
    let payload = json!({"sub": "it's Zoë", "n": 100002348117421473_u64, "q": "\"\\"});
    for alg in HmacAlg::ALL {
        let fields = HeaderFields {
            typ: Some("JWT".to_owned()),
            kid: Some("k'1".to_owned()),
        };
        let token = sign_payload(alg, &fields, &payload, b"s3cret").unwrap();
        for language in RUNNABLE {
            let code = token_snippet(language, alg, b"s3cret", &token).unwrap();
            assert_eq!(
                run(language, &code),
                token,
                "{} {}",
                language.id(),
                alg.name()
            );
        }
    }
}

#[test]
fn rust_snippets_name_their_crates() {
    let code = api_key_snippet(Language::Rust, b"secret", "1");
    assert!(code.contains("hmac = \"0.12\""));
    assert!(code.contains("Hmac::<Sha256>"));
    let token = sign_payload(HmacAlg::Hs512, &HeaderFields::default(), &json!({}), b"k").unwrap();
    let code = token_snippet(Language::Rust, HmacAlg::Hs512, b"k", &token).unwrap();
    assert!(code.contains("Hmac::<Sha512>"));
}
