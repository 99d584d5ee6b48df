//! The users list with each user's API key, and the three facts the keys
//! demonstrate, each next to its evidence.

use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::api_key::derive_api_key;
use crate::components::code_snippets::CodeSnippets;
use crate::components::copy_button::CopyButton;
use crate::components::{input_value, now_seconds, select_value};
use crate::server::lab::{Role, Status};
use crate::snippets::{api_key_snippet, Language};
use crate::state::{Action, AppState, UserView};

#[derive(Properties, PartialEq)]
pub struct UsersPanelProps {
    pub state: Rc<AppState>,
    /// Every user's key and token, computed once per change in the app.
    pub views: Rc<Vec<UserView>>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn UsersPanel(props: &UsersPanelProps) -> Html {
    let state = &props.state;
    let views = &props.views;
    // Comparing every key under the old and the new secret costs two HMACs
    // per user, so it runs only when the users or the secret change.
    let keys_changed = {
        let state = state.clone();
        use_memo(
            (state.user_view_inputs(), state.previous_secret.clone()),
            move |_| state.keys_changed_by_last_edit(),
        )
    };

    let on_add = props.dispatch.reform(|_: MouseEvent| Action::AddUser);

    html! {
        <section class="panel" aria-labelledby="users-title">
            <h2 id="users-title">{"2. One secret, a different API key for every user"}</h2>
            <p>
                {"Each key is "}<code>{"ak_live_"}</code>{" followed by the first 32 hex characters of "}
                <code>{"HMAC-SHA256(secret, user id)"}</code>
                {". The server can recompute any key from the secret, so it never has to store one. \
                  This is also the server's users table: revoke, rotate or change a role here, then \
                  send requests in the server lab below."}
            </p>
            <div class="table-wrap" tabindex="0">
                <table class="users">
                    <thead>
                        <tr>
                            <th scope="col">{"User id"}</th>
                            <th scope="col">{"API key"}</th>
                            <th scope="col">{"Status"}</th>
                            <th scope="col">{"Role"}</th>
                            <th scope="col">{"Requests this minute"}</th>
                            <th scope="col"><span class="visually-hidden">{"Actions"}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        { for views.iter().map(|view| user_row(view, state, &props.dispatch)) }
                    </tbody>
                </table>
            </div>
            <button type="button" data-testid="add-user" onclick={on_add}>{"Add user"}</button>
            { for state.users_notice.as_ref().map(|notice| html! {
                <p class="field-error" role="alert">{notice.clone()}</p>
            }) }
            if state.users.is_empty() {
                <p class="hint">{"No users: press \"Add user\" to see keys and tokens."}</p>
            }
            {evidence(state, views, *keys_changed)}
            { for key_snippets(state, views) }
        </section>
    }
}

fn user_row(view: &UserView, state: &AppState, dispatch: &Callback<Action>) -> Html {
    let duplicate = state.users.iter().filter(|user| user.id == view.id).count() > 1;
    let id_note = if duplicate {
        Some("Same id as another row: same key, and the server treats both rows as one user.")
    } else if view.id.is_empty() {
        Some("An empty id still gets a key: the HMAC of an empty message.")
    } else {
        None
    };
    let username = state.lab.user(&view.id).map(|user| user.username.clone());
    // The note elements below are always rendered, hidden when empty:
    // adding or removing a sibling of a focused input makes Yew 0.23
    // re-create the input, and the learner would lose focus mid-word.
    let origin = state.key_origin(&view.id);
    let row = view.row;
    let on_edit = dispatch.reform(move |event: InputEvent| Action::EditUser {
        row,
        id: input_value(&event),
    });
    let on_remove = dispatch.reform(move |_: MouseEvent| Action::RemoveUser { row });
    let input_id = format!("user-id-{row}");

    let key_cell = match &view.credentials {
        Ok(credentials) => html! {
            <>
                <div class="key-with-copy">
                    <code class="api-key mono" data-testid="api-key">{credentials.api_key.clone()}</code>
                    <CopyButton text={credentials.api_key.clone()} value_name={format!("API key of user {}", view.id)} />
                </div>
                { for origin.map(|origin| html! { <div class="hint" data-testid="key-origin">{origin}</div> }) }
            </>
        },
        Err(message) => html! {
            <span class="field-error" data-testid="api-key-error">{message.clone()}</span>
        },
    };

    html! {
        <tr key={row} data-testid="user-row" data-user-id={view.id.clone()}>
            <td data-label="User id">
                <label class="visually-hidden" for={input_id.clone()}>{format!("User id, row {row}")}</label>
                <input
                    id={input_id}
                    class="mono user-id"
                    type="text"
                    data-testid="user-id"
                    autocomplete="off"
                    spellcheck="false"
                    value={view.id.clone()}
                    oninput={on_edit}
                />
                <div class="hint">{username.map(|name| format!("username {name}")).unwrap_or_default()}</div>
                <div class="note note-warning" data-testid="user-id-note" hidden={id_note.is_none()}>
                    {id_note.unwrap_or_default()}
                </div>
            </td>
            <td class="key-cell" data-label="API key">{key_cell}</td>
            {server_cells(view, state, dispatch)}
            <td>
                <div class="row-actions">
                {key_actions(view, state, dispatch)}
                <button type="button" class="secondary" data-testid="remove-user"
                    aria-label={format!("Remove user {}", view.id)} onclick={on_remove}>
                    {"Remove"}
                </button>
                </div>
            </td>
        </tr>
    }
}

/// Renders the server-side columns: status, role and this minute's count
/// against the rate limit.
fn server_cells(view: &UserView, state: &AppState, dispatch: &Callback<Action>) -> Html {
    let Some(record) = state.lab.user(&view.id) else {
        return html! { <><td /><td /><td /></> };
    };
    let id = view.id.clone();
    let status = state.lab.effective_status(record);
    let role_id = format!("role-{}", view.row);
    let limit_id = format!("limit-{}", view.row);
    let on_role = {
        let id = id.clone();
        dispatch.reform(move |event: Event| Action::SetRole {
            id: id.clone(),
            role: Role::from_id(&select_value(&event)).unwrap_or(Role::Reader),
        })
    };
    let on_limit = dispatch.reform(move |event: InputEvent| Action::SetRateLimit {
        id: id.clone(),
        text: input_value(&event),
    });
    let count = state.requests_this_minute(&view.id, state.lab_now(now_seconds()));
    let (limit_text, limit_error) = state.rate_limit_field(&view.id);

    html! {
        <>
            <td data-label="Status">
                <span class={classes!("status", format!("status-{}", status.id()))} data-testid="key-status">
                    {status.id()}
                </span>
            </td>
            <td data-label="Role">
                <label class="visually-hidden" for={role_id.clone()}>{format!("Role of user {}", view.id)}</label>
                <select id={role_id} data-testid="role" onchange={on_role} disabled={state.lab.shared_key_mode}>
                    { for Role::ALL.iter().map(|role| html! {
                        <option value={role.id()} selected={*role == state.lab.effective_role(record)}>{role.id()}</option>
                    }) }
                </select>
            </td>
            <td class="nowrap" data-label="Requests this minute">
                <span data-testid="request-count">{count}</span>{" of "}
                <label class="visually-hidden" for={limit_id.clone()}>{format!("Requests per minute allowed for user {}", view.id)}</label>
                <input id={limit_id} class="tiny" type="text" inputmode="numeric" data-testid="rate-limit"
                    aria-invalid={limit_error.is_some().to_string()}
                    value={limit_text} oninput={on_limit} />
                <p class="field-error" role="alert" hidden={limit_error.is_none()}>{limit_error.clone().unwrap_or_default()}</p>
            </td>
        </>
    }
}

/// Renders revoke or reactivate, rotate, and "use in request".
fn key_actions(view: &UserView, state: &AppState, dispatch: &Callback<Action>) -> Html {
    let Some(record) = state.lab.user(&view.id) else {
        return html! {};
    };
    let revoked = state.lab.effective_status(record) == Status::Revoked;
    let id = view.id.clone();
    let on_revoke = {
        let id = id.clone();
        dispatch.reform(move |_: MouseEvent| {
            if revoked {
                Action::ReactivateKey { id: id.clone() }
            } else {
                Action::RevokeKey { id: id.clone() }
            }
        })
    };
    let on_rotate = {
        let id = id.clone();
        dispatch.reform(move |_: MouseEvent| Action::RotateKey { id: id.clone() })
    };
    let on_use = dispatch.reform(move |_: MouseEvent| Action::UseApiKey { id: id.clone() });

    html! {
        <>
            <button type="button" class="secondary" data-testid="use-key" onclick={on_use}
                aria-label={format!("Use the API key of user {} in the request", view.id)}>{"Use in request"}</button>
            <button type="button" class="secondary" data-testid="revoke-key" onclick={on_revoke}
                aria-label={format!("{} the API key of user {}", if revoked { "Reactivate" } else { "Revoke" }, view.id)}>
                {if revoked { "Reactivate" } else { "Revoke" }}
            </button>
            <button type="button" class="secondary" data-testid="rotate-key" onclick={on_rotate}
                aria-label={format!("Rotate the API key of user {}", view.id)}>{"Rotate"}</button>
        </>
    }
}

/// Returns the code that prints the first user's key, when the key is the
/// derived one the snippets compute.
fn key_snippets(state: &AppState, views: &[UserView]) -> Option<Html> {
    let view = views.first()?;
    let key = view.credentials.as_ref().ok()?.api_key.clone();
    let secret = state.secret_key().ok()?;
    if key != derive_api_key(&secret, &view.id) {
        return None;
    }
    let snippets = Language::ALL
        .iter()
        .map(|language| (*language, api_key_snippet(*language, &secret, &view.id)))
        .collect::<Vec<_>>();
    Some(html! {
        <CodeSnippets value_name={format!("user \"{}\"'s key", view.id)} testid="snippet-key" {snippets} />
    })
}

fn evidence(state: &AppState, views: &[UserView], keys_changed: Option<(usize, usize)>) -> Html {
    let keys: Vec<(&str, &str)> = views
        .iter()
        .filter_map(|view| {
            let credentials = view.credentials.as_ref().ok()?;
            Some((view.id.as_str(), credentials.api_key.as_str()))
        })
        .collect();

    let same_input = match (keys.first(), state.secret_key()) {
        (Some((id, _)), Ok(secret)) => {
            let first = derive_api_key(&secret, id);
            let again = crate::api_key::KeyDeriver::new(&secret).api_key(id);
            let verdict = if again == first {
                "identical"
            } else {
                "different (a bug)"
            };
            format!(
                "HMAC-SHA256 computed twice from scratch for user \"{id}\" gives {again} both \
                 times: {verdict}."
            )
        }
        _ => "add a user and enter a valid secret to see it.".to_owned(),
    };

    let distinct_ids: HashSet<&str> = keys.iter().map(|(id, _)| *id).collect();
    let distinct_keys: HashSet<&str> = keys.iter().map(|(_, key)| *key).collect();
    let different_users = format!(
        "{} rows with {} different user ids give {} different keys.",
        keys.len(),
        distinct_ids.len(),
        distinct_keys.len()
    );

    let new_secret = match keys_changed {
        Some((changed, compared)) => {
            format!("your last edit of the secret changed {changed} of {compared} keys.")
        }
        None => "edit the secret or press \"Generate random secret\" and watch every key change."
            .to_owned(),
    };

    html! {
        <ul class="evidence" data-testid="key-evidence">
            <li><strong>{"Same input, same key: "}</strong>{same_input}</li>
            <li><strong>{"Different user, different key: "}</strong>{different_users}</li>
            <li data-testid="evidence-new-secret"><strong>{"New secret, every key changes: "}</strong>{new_secret}</li>
        </ul>
    }
}
