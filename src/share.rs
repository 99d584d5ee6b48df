//! Routes and share links, both kept in the URL fragment so nothing reaches
//! a web server's logs.
//!
//! A fragment is a route and optional parameters: `#/`, `#/embed/inspector`,
//! `#/embed/api-keys?theme=dark&user=alice&user=bob`, or just
//! `#token=<jwt>` as other JWT tools accept. Percent-decoding of the
//! parameters is left to the browser's `URLSearchParams`, so this module
//! receives decoded name and value pairs.

use crate::secret::SecretEncoding;
use crate::state::{Action, AppState};
use crate::users::MAX_USERS;

/// A panel that can be shown alone in an iframe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    ApiKeys,
    Tokens,
    Signer,
    Inspector,
    Server,
    HmacSteps,
    Compare,
    Workshop,
}

impl Panel {
    /// All panels, in page order.
    pub const ALL: [Panel; 8] = [
        Panel::ApiKeys,
        Panel::Tokens,
        Panel::Signer,
        Panel::Inspector,
        Panel::Server,
        Panel::HmacSteps,
        Panel::Compare,
        Panel::Workshop,
    ];

    /// Returns the name used in embed URLs and `data-one-secret` attributes.
    pub fn id(self) -> &'static str {
        match self {
            Panel::ApiKeys => "api-keys",
            Panel::Tokens => "tokens",
            Panel::Signer => "signer",
            Panel::Inspector => "inspector",
            Panel::Server => "server",
            Panel::HmacSteps => "hmac-steps",
            Panel::Compare => "compare",
            Panel::Workshop => "workshop",
        }
    }

    /// Parses a name returned by [`Panel::id`].
    pub fn from_id(id: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|panel| panel.id() == id)
    }
}

/// Colour theme requested by a URL or the toggle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follows the system's `prefers-color-scheme`.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// Returns the name used in URLs.
    pub fn id(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Parses a name returned by [`Theme::id`].
    pub fn from_id(id: &str) -> Option<Theme> {
        [Theme::Auto, Theme::Light, Theme::Dark]
            .into_iter()
            .find(|theme| theme.id() == id)
    }

    /// Returns the next theme of the toggle's cycle.
    pub fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Auto,
        }
    }
}

/// Layout of the page: every panel or one embedded panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Every panel, top to bottom.
    Full,
    /// One panel with compact chrome, for iframes.
    Embed(Panel),
}

/// A parsed fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub view: View,
    pub theme: Theme,
    /// Problems with the fragment, shown to the learner.
    pub notes: Vec<String>,
}

/// Splits a fragment (without `#`) into its route path and query text.
pub fn split_fragment(fragment: &str) -> (&str, &str) {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.starts_with('/') {
        match fragment.split_once('?') {
            Some((path, query)) => (path, query),
            None => (fragment, ""),
        }
    } else {
        ("/", fragment)
    }
}

/// Parses the route path and the decoded parameters.
pub fn parse_route(path: &str, params: &[(String, String)]) -> Route {
    let mut notes = Vec::new();
    let segments: Vec<&str> = path.split('/').filter(|part| !part.is_empty()).collect();
    let view = match segments.as_slice() {
        [] => View::Full,
        ["embed", name] => match Panel::from_id(name) {
            Some(panel) => View::Embed(panel),
            None => {
                notes.push(format!(
                    "There is no panel named \"{name}\"; use one of: {}.",
                    Panel::ALL.map(Panel::id).join(", ")
                ));
                View::Full
            }
        },
        _ => {
            notes.push(format!("Unknown page \"#{path}\"; showing the whole lab."));
            View::Full
        }
    };

    let theme = match param(params, "theme") {
        None => Theme::Auto,
        Some(value) => Theme::from_id(value).unwrap_or_else(|| {
            notes.push(format!(
                "Theme \"{value}\" is unknown; use light, dark or auto."
            ));
            Theme::Auto
        }),
    };
    Route { view, theme, notes }
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// Returns the actions that restore the state named in `params`. The
/// secret is only set when the link names one.
pub fn actions_from_params(params: &[(String, String)]) -> Vec<Action> {
    let mut actions = Vec::new();

    if let Some(encoding) = param(params, "enc").and_then(SecretEncoding::from_id) {
        actions.push(Action::SetSecretEncoding(encoding));
    }
    if let Some(secret) = param(params, "secret") {
        actions.push(Action::SetSecret(secret.to_owned()));
    }

    let users: Vec<String> = params
        .iter()
        .filter(|(key, _)| key == "user")
        .map(|(_, value)| value.clone())
        .take(MAX_USERS)
        .collect();
    if !users.is_empty() {
        actions.push(Action::ReplaceUsers(users));
    }

    if let Some(encoding) = param(params, "venc").and_then(SecretEncoding::from_id) {
        actions.push(Action::SetVerifyEncoding(encoding));
    }
    if let Some(secret) = param(params, "vsecret") {
        actions.push(Action::SetVerifySecret(secret.to_owned()));
    }
    if let Some(token) = param(params, "token") {
        actions.push(Action::SetToken(token.to_owned()));
    }
    if let Some(exercise) = param(params, "exercise") {
        actions.push(Action::StartExercise(exercise.to_owned()));
    }
    actions
}

/// Returns the parameters of a share link for `state`: the users and the
/// inspector's token, plus both secrets only when `include_secret` is set.
pub fn share_params(state: &AppState, include_secret: bool) -> Vec<(String, String)> {
    let mut params = Vec::new();
    for user in &state.users {
        params.push(("user".to_owned(), user.id.clone()));
    }
    if include_secret {
        params.push(("secret".to_owned(), state.secret_text.clone()));
        params.push(("enc".to_owned(), state.secret_encoding.id().to_owned()));
    }
    if !state.inspector.token_text.is_empty() {
        params.push(("token".to_owned(), state.inspector.token_text.clone()));
    }
    if include_secret {
        params.push(("vsecret".to_owned(), state.inspector.secret_text.clone()));
        params.push(("venc".to_owned(), state.inspector.encoding.id().to_owned()));
    }
    params
}

/// Returns the panels a workshop exercise needs besides the workshop
/// itself, so an embedded exercise can be done inside its iframe.
pub fn exercise_panels(exercise_id: &str) -> &'static [Panel] {
    match exercise_id {
        "compute-key" | "find-owner" | "predict-secret-change" => &[Panel::ApiKeys],
        "revoke-leaked" | "shared-key" => &[Panel::ApiKeys, Panel::Server],
        "expire-token" => &[Panel::Signer, Panel::Inspector],
        "tamper-payload" | "alg-none" | "weak-secret" => &[Panel::Inspector],
        _ => &[],
    }
}
