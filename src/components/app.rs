//! The root component: one page that reads top to bottom as a lesson.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::inspector::Inspector;
use crate::components::now_seconds;
use crate::components::secret_panel::SecretPanel;
use crate::components::token_signer::TokenSigner;
use crate::components::user_tokens::UserTokens;
use crate::components::users_panel::UsersPanel;
use crate::state::{Action, AppState};

/// [`AppState`] wrapped for `use_reducer`.
#[derive(Clone, Debug, PartialEq)]
pub struct Model(pub AppState);

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.0.apply(action);
        Rc::new(next)
    }
}

/// Colour theme; `Auto` follows the system's `prefers-color-scheme`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Auto,
    Light,
    Dark,
}

impl Theme {
    fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Auto,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

#[component]
pub fn App() -> Html {
    let model = use_reducer(|| Model(AppState::new(now_seconds())));
    let dispatch = {
        let model = model.clone();
        Callback::from(move |action: Action| model.dispatch(action))
    };
    let state = Rc::new(model.0.clone());
    let theme = use_state(|| Theme::Auto);
    {
        let theme = *theme;
        use_effect_with(theme, move |theme| {
            if let Some(root) = web_sys::window()
                .and_then(|window| window.document())
                .and_then(|document| document.document_element())
            {
                let _ = match theme {
                    Theme::Auto => root.remove_attribute("data-theme"),
                    Theme::Light => root.set_attribute("data-theme", "light"),
                    Theme::Dark => root.set_attribute("data-theme", "dark"),
                };
            }
        });
    }
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |_: MouseEvent| theme.set(theme.next()))
    };

    html! {
        <>
            <header class="page-header">
                <div class="title-row">
                    <h1>{"One Secret"}</h1>
                    <button type="button" class="secondary" data-testid="theme-toggle" onclick={on_theme}>
                        {format!("Theme: {}", theme.label())}
                    </button>
                </div>
                <p class="lede">
                    {"One server secret gives every user a different API key and signs a \
                      different JWT for every login. Everything below is computed in your \
                      browser; nothing you type leaves it."}
                </p>
            </header>
            <main>
                <SecretPanel state={state.clone()} dispatch={dispatch.clone()} />
                <UsersPanel state={state.clone()} dispatch={dispatch.clone()} />
                <UserTokens state={state.clone()} dispatch={dispatch.clone()} />
                <TokenSigner state={state.clone()} dispatch={dispatch.clone()} />
                <Inspector state={state} dispatch={dispatch} />
            </main>
            <footer class="page-footer">
                <p>{"One Secret is a teaching lab. Use it to learn, not to hold production secrets."}</p>
            </footer>
        </>
    }
}
