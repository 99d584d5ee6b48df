//! The server secret field, its encoding and the random-secret button.

use std::rc::Rc;

use yew::prelude::*;

use crate::alg::HmacAlg;
use crate::components::input_value;
use crate::components::state_select::StateSelect;
use crate::secret::{key_notes, random_secret_hex, KeyNoteLevel, SecretEncoding};
use crate::state::{Action, AppState};

#[derive(Properties, PartialEq)]
pub struct SecretPanelProps {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn SecretPanel(props: &SecretPanelProps) -> Html {
    let random_error = use_state(|| None::<String>);
    let state = &props.state;

    let on_input = props
        .dispatch
        .reform(|event: InputEvent| Action::SetSecret(input_value(&event)));
    let on_encoding = props.dispatch.reform(|value: String| {
        Action::SetSecretEncoding(SecretEncoding::from_id(&value).unwrap_or_default())
    });
    let on_generate = {
        let dispatch = props.dispatch.clone();
        let random_error = random_error.clone();
        Callback::from(move |_: MouseEvent| {
            match random_secret_hex() {
            Ok(hex) => {
                random_error.set(None);
                dispatch.emit(Action::UseRandomSecret(hex));
            }
            Err(error) => random_error.set(Some(format!(
                "The browser's random number generator failed ({error}); reload the page and try again."
            ))),
        }
        })
    };

    let key = state.secret_key();
    let status = match &key {
        Ok(bytes) => html! {
            <p class="hint" data-testid="secret-length">
                {format!("Key: {} bytes ({} bits).", bytes.len(), bytes.len() * 8)}
            </p>
        },
        Err(error) => html! {
            <p class="field-error" role="alert" data-testid="secret-error">{error.to_string()}</p>
        },
    };
    let notes = key
        .as_ref()
        .map(|bytes| key_notes(bytes.len(), HmacAlg::Hs256))
        .unwrap_or_default();

    html! {
        <section class="panel" aria-labelledby="secret-title">
            <h2 id="secret-title">{"1. The server secret"}</h2>
            <p>{"The server keeps one secret. It derives every API key from it and signs every JWT with it."}</p>
            <div class="field-row">
                <label for="server-secret">{"Server secret"}</label>
                <input
                    id="server-secret"
                    class="mono"
                    type="text"
                    data-testid="server-secret"
                    autocomplete="off"
                    spellcheck="false"
                    value={state.secret_text.clone()}
                    oninput={on_input}
                />
            </div>
            <div class="field-row">
                <label for="server-secret-encoding">{"Read the secret as"}</label>
                <StateSelect id="server-secret-encoding" testid="server-secret-encoding"
                    value={state.secret_encoding.id()} options={encoding_options()} onchange={on_encoding} />
                <button type="button" data-testid="generate-secret" onclick={on_generate}>
                    {"Generate random secret"}
                </button>
            </div>
            {status}
            { for notes.iter().map(|note| html! {
                <p class={classes!("note", note_class(note.level))}>{note.message.clone()}</p>
            }) }
            { for random_error.as_ref().map(|message| html! {
                <p class="field-error" role="alert">{message.clone()}</p>
            }) }
            <p class="hint">{"\"Generate random secret\" draws 32 bytes from your browser's cryptographic random number generator and shows them as hex."}</p>
        </section>
    }
}

/// Returns the CSS class for a key note's level.
pub fn note_class(level: KeyNoteLevel) -> &'static str {
    match level {
        KeyNoteLevel::Info => "note-info",
        KeyNoteLevel::Warning => "note-warning",
        KeyNoteLevel::Danger => "note-danger",
    }
}

/// Returns the options of a secret-encoding select.
pub fn encoding_options() -> Vec<(AttrValue, AttrValue)> {
    SecretEncoding::ALL
        .iter()
        .map(|encoding| {
            (
                AttrValue::from(encoding.id()),
                AttrValue::from(encoding.label()),
            )
        })
        .collect()
}
