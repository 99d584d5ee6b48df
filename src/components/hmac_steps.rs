//! Why one secret gives unrelated outputs: the avalanche of bits between two
//! users' MACs, and HMAC-SHA256 computed one step at a time.

use std::rc::Rc;

use yew::prelude::*;

use crate::api_key::{API_KEY_HEX_CHARS, API_KEY_PREFIX};
use crate::components::select_value;
use crate::server::avalanche::{bit_diff, user_mac_pair, BitDiff};
use crate::server::hmac_steps::{hmac_steps, BLOCK_BYTES, IPAD, OPAD};
use crate::state::{AppState, Credentials, UserView};
use crate::token::segments::signature_bytes;

#[derive(Properties, PartialEq)]
pub struct HmacStepsPanelProps {
    pub state: Rc<AppState>,
    /// Every user's key and token, computed once per change in the app.
    pub views: Rc<Vec<UserView>>,
}

#[component]
pub fn HmacStepsPanel(props: &HmacStepsPanelProps) -> Html {
    let state = &props.state;
    let ids: Vec<String> = state.users.iter().map(|user| user.id.clone()).collect();
    let first = use_state(|| ids.first().cloned().unwrap_or_default());
    let second = use_state(|| ids.get(1).cloned().unwrap_or_default());
    let step_user = use_state(|| ids.first().cloned().unwrap_or_default());

    // A chosen id that was renamed or removed falls back to a current row.
    let pick = |chosen: &str, fallback: usize| -> String {
        if ids.iter().any(|id| id == chosen) {
            chosen.to_owned()
        } else {
            ids.get(fallback)
                .or(ids.first())
                .cloned()
                .unwrap_or_default()
        }
    };
    let first_id = pick(&first, 0);
    let second_id = pick(&second, 1);
    let step_id = pick(&step_user, 0);

    let chooser = |handle: &UseStateHandle<String>,
                   current: &str,
                   id: &'static str,
                   label: &'static str| {
        let on_change = {
            let handle = handle.clone();
            Callback::from(move |event: Event| handle.set(select_value(&event)))
        };
        html! {
            <>
                <label for={id}>{label}</label>
                <select id={id} data-testid={id} onchange={on_change}>
                    { for ids.iter().map(|user| html! {
                        <option value={user.clone()} selected={user == current}>{user.clone()}</option>
                    }) }
                </select>
            </>
        }
    };

    let Ok(key) = state.secret_key() else {
        return html! {
            <section class="panel" aria-labelledby="hmac-title">
                <h2 id="hmac-title">{"7. Why one secret gives unrelated outputs"}</h2>
                <p class="field-error">{"Fix the server secret in step 1 to see the bits."}</p>
            </section>
        };
    };

    let (mac_a, mac_b) = user_mac_pair(&key, &first_id, &second_id);
    let mac_diff = bit_diff(&mac_a, &mac_b);

    let views = &props.views;
    let token_of = |id: &str| {
        views
            .iter()
            .find(|view| view.id == id)
            .and_then(|view| view.credentials.as_ref().ok())
            .and_then(|credentials: &Credentials| credentials.token.as_ref().ok())
            .and_then(|token| signature_bytes(token))
    };
    let signature_diff = match (token_of(&first_id), token_of(&second_id)) {
        (Some(a), Some(b)) => Some(bit_diff(&a, &b)),
        _ => None,
    };

    let steps = hmac_steps(&key, step_id.as_bytes());
    let result_hex = base16ct::lower::encode_string(&steps.mac());
    let table_key = views
        .iter()
        .find(|view| view.id == step_id)
        .and_then(|view| view.credentials.as_ref().ok())
        .map(|credentials| credentials.api_key.clone());
    let step_key = format!("{API_KEY_PREFIX}{}", &result_hex[..API_KEY_HEX_CHARS]);
    let matches_table = table_key.as_deref() == Some(step_key.as_str());

    html! {
        <section class="panel" aria-labelledby="hmac-title">
            <h2 id="hmac-title">{"7. Why one secret gives unrelated outputs"}</h2>
            <h3>{"Avalanche: two users, two MACs"}</h3>
            <div class="field-row">
                {chooser(&first, &first_id, "avalanche-a", "User A")}
                {chooser(&second, &second_id, "avalanche-b", "User B")}
            </div>
            {bit_grid("HMAC-SHA256 outputs", &mac_diff, "avalanche-mac")}
            { for signature_diff.map(|diff| bit_grid("Their login tokens' signatures", &diff, "avalanche-signature")) }

            <h3>{"HMAC-SHA256, step by step"}</h3>
            <div class="field-row">{chooser(&step_user, &step_id, "hmac-user", "Message: user id")}</div>
            <ol class="hmac-steps" data-testid="hmac-steps">
                <li>{format!("Key: {} bytes", steps.key.len())}<pre class="mono wrap">{hex(&steps.key)}</pre></li>
                <li>
                    if steps.key_hashed {
                        {format!("The key is longer than the {BLOCK_BYTES}-byte block, so it is replaced by its SHA-256 hash:")}
                        <pre class="mono wrap">{steps.hashed_key.map(|hash| hex(&hash)).unwrap_or_default()}</pre>
                    } else {
                        {format!("The key fits in one {BLOCK_BYTES}-byte block, so it is used as it is.")}
                    }
                </li>
                <li>{format!("Padded with zero bytes to {BLOCK_BYTES} bytes:")}<pre class="mono wrap">{hex(&steps.padded_key)}</pre></li>
                <li>{format!("Key XOR ipad (0x{IPAD:02x} in every byte):")}<pre class="mono wrap">{hex(&steps.inner_key)}</pre></li>
                <li>{format!("Key XOR opad (0x{OPAD:02x} in every byte):")}<pre class="mono wrap">{hex(&steps.outer_key)}</pre></li>
                <li>{"Inner hash = SHA-256(key XOR ipad || message):"}<pre class="mono wrap">{hex(&steps.inner_hash)}</pre></li>
                <li>{"Outer hash = SHA-256(key XOR opad || inner hash), the HMAC:"}<pre class="mono wrap" data-testid="hmac-result">{result_hex.clone()}</pre></li>
                <li data-testid="hmac-matches">
                    {format!("ak_live_ + the first 32 hex characters: {step_key}. ")}
                    { if matches_table {
                        "This equals the key in the users table."
                    } else {
                        "The users table shows another key: the note under that key says how the server made it."
                    } }
                </li>
            </ol>
        </section>
    }
}

fn hex(bytes: &[u8]) -> String {
    base16ct::lower::encode_string(bytes)
}

/// Renders two bit strings as one grid: each cell shows A's bit, and cells
/// where B differs are filled and marked, so the difference does not rely
/// on colour alone.
fn bit_grid(title: &str, diff: &BitDiff, testid: &'static str) -> Html {
    let summary = format!(
        "{} of {} bits differ ({:.1} %); about half is what a good MAC gives.",
        diff.differing,
        diff.total,
        diff.percent()
    );
    html! {
        <figure class="bit-figure">
            <figcaption>{title.to_owned()}{": "}<span data-testid={testid} data-differing={diff.differing.to_string()}>{summary.clone()}</span></figcaption>
            <div class="bit-grid" role="img" aria-label={summary}>
                { for diff.bits.iter().map(|(a, b)| {
                    let class = if a == b { "bit" } else { "bit bit-diff" };
                    html! { <span class={class}>{if *a { "1" } else { "0" }}</span> }
                }) }
            </div>
        </figure>
    }
}
