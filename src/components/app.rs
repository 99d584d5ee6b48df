//! The root component: the whole lab top to bottom, or one panel alone when
//! the URL fragment requests an embed.

use std::rc::Rc;

use gloo_events::EventListener;
use yew::prelude::*;

use crate::components::compare::ComparePanel;
use crate::components::hmac_steps::HmacStepsPanel;
use crate::components::inspector::Inspector;
use crate::components::now_seconds;
use crate::components::secret_panel::SecretPanel;
use crate::components::server_lab::ServerLab;
use crate::components::share_bar::ShareBar;
use crate::components::token_signer::TokenSigner;
use crate::components::user_tokens::UserTokens;
use crate::components::users_panel::UsersPanel;
use crate::components::workshop::Workshop;
use crate::secret::random_hex;
use crate::server::key_methods::RANDOM_KEY_HEX_CHARS;
use crate::share::{
    actions_from_params, exercise_panels, parse_route, split_fragment, Panel, Route, Theme, View,
};
use crate::state::{Action, AppState, Fresh, UserView};

/// [`AppState`] wrapped for `use_reducer`.
#[derive(Clone, Debug, PartialEq)]
pub struct Model(pub AppState);

impl Reducible for Model {
    type Action = (Action, Fresh);

    fn reduce(self: Rc<Self>, (action, fresh): (Action, Fresh)) -> Rc<Self> {
        let mut next = (*self).clone();
        next.0.apply_with(action, &fresh);
        Rc::new(next)
    }
}

/// Gathers the time and, for actions that issue keys or token ids, fresh
/// CSPRNG output. The reducer itself stays free of side effects.
fn fresh_for(action: &Action, state: &AppState) -> Fresh {
    let count = action.randoms_needed(state);
    let randoms = (0..count)
        .map_while(|_| random_hex(RANDOM_KEY_HEX_CHARS / 2).ok())
        .collect();
    Fresh {
        now_millis: js_sys::Date::now() as i64,
        randoms,
    }
}

/// Reads the current fragment: its route and its decoded parameters.
fn read_location() -> (Route, Vec<(String, String)>) {
    let hash = web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default();
    let (path, query) = split_fragment(&hash);
    let params = decode_query(query);
    (parse_route(path, &params), params)
}

/// Decodes `a=1&b=2` with the browser's `URLSearchParams`.
fn decode_query(query: &str) -> Vec<(String, String)> {
    let Ok(search) = web_sys::UrlSearchParams::new_with_str(query) else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    let iterator = js_sys::try_iter(&search).ok().flatten();
    for entry in iterator.into_iter().flatten().flatten() {
        let pair = js_sys::Array::from(&entry);
        if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            pairs.push((name, value));
        }
    }
    pairs
}

/// Scrolls the exercise a facilitator link named into view once the page
/// has rendered it.
fn scroll_to_exercise(id: String) {
    gloo_timers::callback::Timeout::new(50, move || {
        if let Some(element) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(&format!("exercise-{id}")))
        {
            element.scroll_into_view();
        }
    })
    .forget();
}

#[component]
pub fn App() -> Html {
    let model = use_reducer(|| Model(AppState::new(now_seconds())));
    let dispatch = {
        let model = model.clone();
        Callback::from(move |action: Action| {
            let fresh = fresh_for(&action, &model.0);
            model.dispatch((action, fresh));
        })
    };
    let route = use_state(|| read_location().0);
    let theme = use_state(|| route.theme);

    // Apply the fragment's state once, and again whenever it changes.
    {
        let dispatch = dispatch.clone();
        let route = route.clone();
        let theme = theme.clone();
        use_effect_with((), move |_| {
            let apply = move || {
                let (new_route, params) = read_location();
                for action in actions_from_params(&params) {
                    dispatch.emit(action);
                }
                if let Some((_, id)) = params.iter().find(|(name, _)| name == "exercise") {
                    scroll_to_exercise(id.clone());
                }
                theme.set(new_route.theme);
                route.set(new_route);
            };
            apply();
            let listener = web_sys::window()
                .map(|window| EventListener::new(&window, "hashchange", move |_| apply()));
            move || drop(listener)
        });
    }

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
    let theme_button = html! {
        <button type="button" class="secondary" data-testid="theme-toggle" onclick={on_theme}>
            {format!("Theme: {}", theme.id())}
        </button>
    };

    let state = Rc::new(model.0.clone());
    let views = {
        let state = state.clone();
        use_memo(state.user_view_inputs(), move |_| state.user_views())
    };
    let notes = html! {
        { for route.notes.iter().map(|note| html! { <p class="field-error" role="alert">{note.clone()}</p> }) }
    };

    match route.view {
        View::Embed(panel) => html! {
            <div class="embed" data-testid="embed" data-panel={panel.id()}>
                <div class="embed-chrome">
                    <a href="./#/" target="_blank" rel="noopener">{"One Secret: open the full lab"}</a>
                    {theme_button}
                </div>
                {notes}
                <main>
                    {render_panel(panel, &state, &views, &dispatch, true)}
                    // An embedded exercise brings the panels it is done in.
                    { for state.workshop.current.filter(|_| panel == Panel::Workshop).into_iter()
                        .flat_map(exercise_panels)
                        .map(|needed| render_panel(*needed, &state, &views, &dispatch, true)) }
                </main>
            </div>
        },
        View::Full => html! {
            <>
                <header class="page-header">
                    <div class="title-row">
                        <h1>{"One Secret"}</h1>
                        {theme_button}
                    </div>
                    <p class="lede">
                        {"One server secret gives every user a different API key and signs a \
                          different JWT for every login. Everything below is computed in your \
                          browser; nothing you type leaves it."}
                    </p>
                    {notes}
                </header>
                <main>
                    { for Panel::ALL.iter().map(|panel| render_panel(*panel, &state, &views, &dispatch, false)) }
                    <ShareBar state={state.clone()} />
                </main>
                <footer class="page-footer">
                    <p>{"One Secret is a teaching lab. Use it to learn, not to hold production secrets."}</p>
                </footer>
            </>
        },
    }
}

/// Renders one panel; `embedded` panels show only what the URL asked for.
fn render_panel(
    panel: Panel,
    state: &Rc<AppState>,
    views: &Rc<Vec<UserView>>,
    dispatch: &Callback<Action>,
    embedded: bool,
) -> Html {
    let state = state.clone();
    let views = views.clone();
    let dispatch = dispatch.clone();
    match panel {
        Panel::ApiKeys => html! {
            <>
                <SecretPanel state={state.clone()} dispatch={dispatch.clone()} />
                <UsersPanel {state} {views} {dispatch} />
            </>
        },
        Panel::Tokens => html! { <UserTokens {state} {views} {dispatch} /> },
        Panel::Signer => html! { <TokenSigner {state} {dispatch} /> },
        Panel::Inspector => html! { <Inspector {state} {dispatch} /> },
        Panel::Server => html! { <ServerLab {state} {dispatch} /> },
        Panel::HmacSteps => html! { <HmacStepsPanel {state} {views} /> },
        Panel::Compare => html! { <ComparePanel {state} {views} /> },
        Panel::Workshop => html! { <Workshop {state} {dispatch} only_current={embedded} /> },
    }
}
