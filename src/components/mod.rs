//! Yew components. They read [`crate::state::AppState`], render it and
//! dispatch [`crate::state::Action`]s; all computing happens in the core
//! modules.

pub mod app;
pub mod bulk_derive;
pub mod code_snippets;
pub mod compare;
pub mod copy_button;
pub mod decoded_json;
pub mod hmac_steps;
pub mod inspector;
pub mod secret_panel;
pub mod server_lab;
pub mod share_bar;
pub mod state_select;
pub mod token_parts;
pub mod token_signer;
pub mod user_tokens;
pub mod users_panel;
pub mod workshop;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Returns the current value of the `<input>` that fired `event`.
pub fn input_value(event: &InputEvent) -> String {
    event.target_unchecked_into::<HtmlInputElement>().value()
}

/// Returns the current value of the `<textarea>` that fired `event`.
pub fn textarea_value(event: &InputEvent) -> String {
    event.target_unchecked_into::<HtmlTextAreaElement>().value()
}

/// Returns the selected value of the `<select>` that fired `event`.
pub fn select_value(event: &Event) -> String {
    event.target_unchecked_into::<HtmlSelectElement>().value()
}

/// Returns the current time in whole seconds since the Unix epoch.
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// Returns the current time in seconds, updated once a second, so relative
/// times, expiry and exercise checks stay live.
#[hook]
pub fn use_clock() -> i64 {
    let now = use_state(now_seconds);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let interval =
                gloo_timers::callback::Interval::new(1000, move || now.set(now_seconds()));
            move || drop(interval)
        });
    }
    *now
}
