//! A button that copies a value to the clipboard and confirms it.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The text to copy.
    pub text: AttrValue,
    /// Name of the copied value, for the accessible name, for example "API key of user 1".
    pub value_name: AttrValue,
}

#[derive(Clone, Copy, PartialEq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let copy_state = use_state(|| CopyState::Idle);
    let onclick = {
        let text = props.text.clone();
        let copy_state = copy_state.clone();
        Callback::from(move |_: MouseEvent| {
            let text = text.clone();
            let copy_state = copy_state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let copied = match web_sys::window() {
                    Some(window) => {
                        let promise = window.navigator().clipboard().write_text(&text);
                        wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
                    }
                    None => false,
                };
                copy_state.set(if copied {
                    CopyState::Copied
                } else {
                    CopyState::Failed
                });
                let reset = copy_state.clone();
                Timeout::new(2000, move || reset.set(CopyState::Idle)).forget();
            });
        })
    };

    let label = match *copy_state {
        CopyState::Idle => "Copy",
        CopyState::Copied => "Copied",
        CopyState::Failed => "Copy failed: select the text and press Ctrl+C",
    };
    html! {
        <button type="button" class="copy secondary" data-testid="copy" {onclick}
            aria-label={format!("Copy {}", props.value_name)}>
            <span aria-live="polite">{label}</span>
        </button>
    }
}
