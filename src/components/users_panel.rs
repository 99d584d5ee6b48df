//! The users list with each user's API key, and the three facts the keys
//! demonstrate, each next to its evidence.

use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::api_key::derive_api_key;
use crate::components::copy_button::CopyButton;
use crate::components::input_value;
use crate::state::{Action, AppState, UserView};

#[derive(Properties, PartialEq)]
pub struct UsersPanelProps {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn UsersPanel(props: &UsersPanelProps) -> Html {
    let state = &props.state;
    let views = {
        let state = state.clone();
        use_memo(
            (
                state.secret_text.clone(),
                state.secret_encoding,
                state.users.clone(),
                state.login_time,
            ),
            move |_| state.user_views(),
        )
    };

    let on_add = props.dispatch.reform(|_: MouseEvent| Action::AddUser);

    html! {
        <section class="panel" aria-labelledby="users-title">
            <h2 id="users-title">{"2. One secret, a different API key for every user"}</h2>
            <p>
                {"Each key is "}<code>{"ak_live_"}</code>{" followed by the first 32 hex characters of "}
                <code>{"HMAC-SHA256(secret, user id)"}</code>
                {". The server can recompute any key from the secret, so it never has to store one."}
            </p>
            <div class="table-wrap">
                <table class="users">
                    <thead>
                        <tr>
                            <th scope="col">{"User id"}</th>
                            <th scope="col">{"API key"}</th>
                            <th scope="col"><span class="visually-hidden">{"Actions"}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        { for views.iter().map(|view| user_row(view, &props.dispatch)) }
                    </tbody>
                </table>
            </div>
            <button type="button" data-testid="add-user" onclick={on_add}>{"Add user"}</button>
            { for state.users_notice.as_ref().map(|notice| html! {
                <p class="field-error" role="alert">{notice.clone()}</p>
            }) }
            {evidence(state, &views)}
        </section>
    }
}

fn user_row(view: &UserView, dispatch: &Callback<Action>) -> Html {
    let row = view.row;
    let on_edit = dispatch.reform(move |event: InputEvent| Action::EditUser {
        row,
        id: input_value(&event),
    });
    let on_remove = dispatch.reform(move |_: MouseEvent| Action::RemoveUser { row });
    let input_id = format!("user-id-{row}");

    let key_cell = match &view.credentials {
        Ok(credentials) => html! {
            <div class="key-with-copy">
                <code class="api-key mono" data-testid="api-key">{credentials.api_key.clone()}</code>
                <CopyButton text={credentials.api_key.clone()} what={format!("API key of user {}", view.id)} />
            </div>
        },
        Err(message) => html! {
            <span class="field-error" data-testid="api-key-error">{message.clone()}</span>
        },
    };

    html! {
        <tr key={row} data-testid="user-row" data-user-id={view.id.clone()}>
            <td>
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
            </td>
            <td class="key-cell">{key_cell}</td>
            <td>
                <button type="button" class="secondary" data-testid="remove-user"
                    aria-label={format!("Remove user {}", view.id)} onclick={on_remove}>
                    {"Remove"}
                </button>
            </td>
        </tr>
    }
}

fn evidence(state: &AppState, views: &[UserView]) -> Html {
    let keys: Vec<(&str, &str)> = views
        .iter()
        .filter_map(|view| {
            let credentials = view.credentials.as_ref().ok()?;
            Some((view.id.as_str(), credentials.api_key.as_str()))
        })
        .collect();

    let same_input = match (keys.first(), state.secret_key()) {
        (Some((id, key)), Ok(secret)) => {
            let again = derive_api_key(&secret, id);
            let verdict = if again == *key {
                "identical"
            } else {
                "different (a bug)"
            };
            format!("computed again from scratch, user \"{id}\" gets {again}: {verdict}.")
        }
        _ => "add a user and enter a valid secret to see it.".to_owned(),
    };

    let distinct_ids: HashSet<&str> = keys.iter().map(|(id, _)| *id).collect();
    let distinct_keys: HashSet<&str> = keys.iter().map(|(_, key)| *key).collect();
    let different_users = format!(
        "{} different user ids give {} different keys.",
        distinct_ids.len(),
        distinct_keys.len()
    );

    let new_secret = match state.keys_changed_by_last_edit() {
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
