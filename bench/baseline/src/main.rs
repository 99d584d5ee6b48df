//! Minimal Yew baseline: a secret input, three API keys and one HS256 JWT,
//! recomputed on every keystroke.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use web_sys::HtmlInputElement;
use yew::prelude::*;

const USERS: [&str; 3] = ["1", "2", "3"];
const TOKEN_HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
const TOKEN_PAYLOAD: &str = r#"{"userId":"1","iat":1700000000,"exp":1700003600}"#;

fn mac(secret: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Encodes `bytes` as base64url without padding (RFC 4648 section 5).
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let bits = chunk.iter().enumerate().fold(0u32, |bits, (index, &byte)| {
            bits | u32::from(byte) << (16 - 8 * index)
        });
        for index in 0..=chunk.len() {
            out.push(char::from(
                ALPHABET[(bits >> (18 - 6 * index) & 63) as usize],
            ));
        }
    }
    out
}

fn token(secret: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        base64url(TOKEN_HEADER.as_bytes()),
        base64url(TOKEN_PAYLOAD.as_bytes())
    );
    let signature = base64url(&mac(secret, input.as_bytes()));
    format!("{input}.{signature}")
}

#[component]
fn App() -> Html {
    let secret = use_state(|| "demo-server-secret".to_owned());
    let on_input = {
        let secret = secret.clone();
        Callback::from(move |event: InputEvent| {
            secret.set(event.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <main>
            <input data-testid="server-secret" type="text" value={(*secret).clone()} oninput={on_input} />
            <ul>
                { for USERS.iter().map(|user| html! {
                    <li>{*user}{" "}<code data-testid="api-key">{format!("ak_live_{}", &hex(&mac(secret.as_bytes(), user.as_bytes()))[..32])}</code></li>
                }) }
            </ul>
            <code data-testid="user-token">{token(secret.as_bytes())}</code>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
