//! The token signer: header fields, a JSON payload, quick edits for the
//! registered claims, and the token they give with the server secret.

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use crate::alg::HmacAlg;
use crate::components::code_snippets::CodeSnippets;
use crate::components::copy_button::CopyButton;
use crate::components::decoded_json::DecodedJson;
use crate::components::token_parts::TokenParts;
use crate::components::{input_value, now_seconds, select_value, textarea_value};
use crate::secret::random_secret_hex;
use crate::snippets::{token_snippet, Language};
use crate::state::{Action, AppState};
use crate::token::builder::LIFETIMES;
use crate::token::segments::header_text;

#[derive(Properties, PartialEq)]
pub struct TokenSignerProps {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn TokenSigner(props: &TokenSignerProps) -> Html {
    let state = &props.state;
    let signer = &state.signer;
    let dispatch = &props.dispatch;

    let on_alg = dispatch.reform(|event: Event| {
        Action::SetSignerAlg(HmacAlg::from_name(&select_value(&event)).unwrap_or_default())
    });
    let on_typ = dispatch.reform(|event: InputEvent| Action::SetSignerTyp(input_value(&event)));
    let on_kid = dispatch.reform(|event: InputEvent| Action::SetSignerKid(input_value(&event)));
    let on_payload =
        dispatch.reform(|event: InputEvent| Action::SetSignerPayload(textarea_value(&event)));
    let on_lifetime = dispatch.reform(|event: Event| {
        Action::SetSignerLifetime(select_value(&event).parse().unwrap_or(3600))
    });
    let on_send = dispatch.reform(|_: MouseEvent| Action::SendSignedToInspector);

    let subject = state
        .users
        .first()
        .map(|user| user.id.clone())
        .unwrap_or_else(|| "1".to_owned());
    let lifetime = signer.lifetime;
    let quick_edits: Vec<(&'static str, &'static str, Callback<MouseEvent>)> = vec![
        ("add-sub", "sub = first user", {
            dispatch.reform(move |_: MouseEvent| claim("sub", Value::from(subject.clone())))
        }),
        ("add-iat", "iat = now", {
            dispatch.reform(|_: MouseEvent| claim("iat", Value::from(now_seconds())))
        }),
        ("add-exp", "exp = now + lifetime", {
            dispatch
                .reform(move |_: MouseEvent| claim("exp", Value::from(now_seconds() + lifetime)))
        }),
        ("add-nbf", "nbf = now", {
            dispatch.reform(|_: MouseEvent| claim("nbf", Value::from(now_seconds())))
        }),
        ("add-jti", "jti = random", {
            dispatch.reform(|_: MouseEvent| {
                // 128 random bits are enough for a unique token id.
                let id = random_secret_hex()
                    .map(|hex| hex[..32].to_owned())
                    .unwrap_or_else(|_| format!("jti-{}", now_seconds()));
                claim("jti", Value::from(id))
            })
        }),
    ];

    let token = state.signed_token();

    html! {
        <section class="panel" aria-labelledby="signer-title">
            <h2 id="signer-title">{"4. Token signer: make your own token"}</h2>
            <p>{"Choose the header and write the payload as JSON. The token is signed with the server secret from step 1 as you type."}</p>
            <div class="field-row">
                <label for="signer-alg">{"alg"}</label>
                <select id="signer-alg" data-testid="signer-alg" onchange={on_alg}>
                    { for HmacAlg::ALL.iter().map(|alg| html! {
                        <option value={alg.name()} selected={*alg == signer.alg}>{alg.name()}</option>
                    }) }
                </select>
                <label for="signer-typ">{"typ"}</label>
                <input id="signer-typ" class="mono short" type="text" data-testid="signer-typ"
                    autocomplete="off" spellcheck="false" value={signer.typ_text.clone()} oninput={on_typ} />
                <label for="signer-kid">{"kid (optional)"}</label>
                <input id="signer-kid" class="mono short" type="text" data-testid="signer-kid"
                    autocomplete="off" spellcheck="false" value={signer.kid_text.clone()} oninput={on_kid} />
            </div>
            <div class="field">
                <label for="signer-payload">{"Payload (JSON object)"}</label>
                <textarea id="signer-payload" class="mono" rows="8" data-testid="signer-payload"
                    autocomplete="off" spellcheck="false"
                    value={signer.payload_text.clone()} oninput={on_payload} />
            </div>
            <div class="field-row">
                <label for="signer-lifetime">{"Lifetime"}</label>
                <select id="signer-lifetime" data-testid="signer-lifetime" onchange={on_lifetime}>
                    { for LIFETIMES.iter().map(|(seconds, label)| html! {
                        <option value={seconds.to_string()} selected={*seconds == signer.lifetime}>{*label}</option>
                    }) }
                </select>
                { for quick_edits.into_iter().map(|(testid, label, onclick)| html! {
                    <button type="button" class="secondary" data-testid={testid} {onclick}>{label}</button>
                }) }
            </div>
            { for signer.edit_error.as_ref().map(|message| html! {
                <p class="field-error" role="alert">{message.clone()}</p>
            }) }
            { match token {
                Ok(token) => html! {
                    <>
                        <TokenParts token={token.clone()} testid={Some(AttrValue::from("signer-token"))} />
                        <div class="field-row">
                            <CopyButton text={token.clone()} value_name="signed token" />
                            <button type="button" data-testid="send-to-inspector" onclick={on_send}>{"Send to the inspector"}</button>
                            <span class="hint">{"The inspector gets a copy of the token and the server secret."}</span>
                        </div>
                        <DecodedJson title="Signed header" text={header_text(&token).unwrap_or_default()} class={classes!("part-header")} />
                        { for state.secret_key().ok().map(|secret| {
                            let snippets = Language::ALL
                                .iter()
                                .filter_map(|language| token_snippet(*language, signer.alg, &secret, &token).map(|code| (*language, code)))
                                .collect::<Vec<_>>();
                            html! { <CodeSnippets value_name="this token" testid="snippet-token" {snippets} /> }
                        }) }
                    </>
                },
                Err(message) => html! {
                    <p class="field-error" role="alert" data-testid="signer-error">{message}</p>
                },
            } }
        </section>
    }
}

fn claim(name: &str, value: Value) -> Action {
    Action::SetSignerClaim {
        name: name.to_owned(),
        value,
    }
}
