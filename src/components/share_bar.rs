//! "Copy link": the current users and token in the URL fragment, and the
//! secrets only when the learner ticks a box.

use std::rc::Rc;

use yew::prelude::*;

use crate::share::share_params;
use crate::state::AppState;

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    pub state: Rc<AppState>,
}

/// Builds the share URL from `params`, encoded by `URLSearchParams`.
fn share_url(params: &[(String, String)]) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let search = web_sys::UrlSearchParams::new().ok()?;
    for (name, value) in params {
        search.append(name, value);
    }
    let base = format!("{}{}", location.origin().ok()?, location.pathname().ok()?);
    Some(format!("{base}#/?{}", String::from(search.to_string())))
}

#[component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let include_secret = use_state(|| false);
    let link = use_state(|| None::<String>);

    let on_include = {
        let include_secret = include_secret.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            include_secret.set(input.checked());
        })
    };
    let on_copy = {
        let state = props.state.clone();
        let include_secret = *include_secret;
        let link = link.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(url) = share_url(&share_params(&state, include_secret)) else {
                return;
            };
            if let Some(window) = web_sys::window() {
                // replaceState changes the address bar without a hashchange
                // event, so the page does not reload its own state.
                if let Ok(history) = window.history() {
                    let _ = history.replace_state_with_url(
                        &wasm_bindgen::JsValue::NULL,
                        "",
                        Some(&url),
                    );
                }
                let _ = window.navigator().clipboard().write_text(&url);
            }
            link.set(Some(url));
        })
    };

    html! {
        <section class="panel share" aria-labelledby="share-title">
            <h2 id="share-title">{"Share this state"}</h2>
            <p>{"The link keeps the users and the inspector's token in the part after #, which browsers never send to a server."}</p>
            <div class="field-row">
                <input id="include-secret" type="checkbox" data-testid="include-secret"
                    checked={*include_secret} onchange={on_include} />
                <label for="include-secret">{"Include the secrets"}</label>
                <button type="button" data-testid="copy-link" onclick={on_copy}>{"Copy link"}</button>
            </div>
            if *include_secret {
                <p class="note note-danger" data-testid="secret-warning">
                    {"Anyone with this link can sign tokens and compute every API key as your server. Share it only for demo secrets."}
                </p>
            }
            { for link.as_ref().map(|url| html! {
                <p class="hint">{"Copied: "}<code class="wrap" data-testid="share-link">{url.clone()}</code></p>
            }) }
        </section>
    }
}
