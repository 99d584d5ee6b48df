//! The server lab: how keys are issued, a request simulator with the
//! server's steps, the audit log, shared-key mode, and the JWT login flow.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::bulk_derive::BulkDerive;
use crate::components::copy_button::CopyButton;
use crate::components::state_select::StateSelect;
use crate::components::{input_value, now_seconds, select_value};
use crate::secret::random_hex;
use crate::server::handler::{
    Response, StepOutcome, ADMIN_PATH, API_KEY_HEADER, AUTHORIZATION_HEADER, DATA_PATH, LOGIN_PATH,
};
use crate::server::key_methods::{
    derived_key, random_key, timestamp_key, KeyLength, KeyMethod, RANDOM_KEY_HEX_CHARS,
};
use crate::state::{Action, AppState};
use crate::time_text::{duration_words, utc_date};

#[derive(Properties, PartialEq)]
pub struct ServerLabProps {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

/// Token lifetimes offered for logins, in seconds, with labels.
const TOKEN_LIFETIMES: [(i64, &str); 4] = [
    (60, "1 minute"),
    (900, "15 minutes"),
    (3600, "1 hour"),
    (86_400, "1 day"),
];

/// Largest jump of the server clock, in seconds (one day).
const MAX_CLOCK_OFFSET: i64 = 86_400;

#[component]
pub fn ServerLab(props: &ServerLabProps) -> Html {
    let state = &props.state;
    let dispatch = &props.dispatch;

    html! {
        <section class="panel server-lab" aria-labelledby="server-title">
            <h2 id="server-title">{"6. Server lab: how a server issues and checks keys and tokens"}</h2>
            <p>{"A simulated server runs in your browser on the users table of step 2. Send it requests, revoke and rotate keys, and watch what it does."}</p>
            <KeyMethods state={state.clone()} dispatch={dispatch.clone()} />
            <BulkDerive state={state.clone()} />
            {shared_key_switch(state, dispatch)}
            <RequestBuilder state={state.clone()} dispatch={dispatch.clone()} />
            {jwt_controls(state, dispatch)}
            {audit_log(state, dispatch)}
        </section>
    }
}

#[component]
fn KeyMethods(props: &ServerLabProps) -> Html {
    let state = &props.state;
    let dispatch = &props.dispatch;
    let preview_random = use_state(|| random_hex(RANDOM_KEY_HEX_CHARS / 2).unwrap_or_default());
    let preview_millis = use_state(|| js_sys::Date::now() as i64);

    let on_method = dispatch.reform(|event: Event| {
        Action::SetKeyMethod(KeyMethod::from_id(&select_value(&event)).unwrap_or_default())
    });
    let on_length = dispatch.reform(|event: Event| {
        Action::SetKeyLength(KeyLength::from_id(&select_value(&event)).unwrap_or_default())
    });
    let on_regenerate = {
        let preview_random = preview_random.clone();
        let preview_millis = preview_millis.clone();
        Callback::from(move |_: MouseEvent| {
            preview_millis.set(js_sys::Date::now() as i64);
            preview_random.set(random_hex(RANDOM_KEY_HEX_CHARS / 2).unwrap_or_default());
        })
    };

    let user_id = state
        .users
        .first()
        .map(|user| user.id.clone())
        .unwrap_or_default();
    let key = state.secret_key().ok();
    let length = state.lab.length;
    let previews = KeyMethod::ALL.map(|method| {
        let value = match (method, &key) {
            (KeyMethod::Derived, Some(key)) => derived_key(key, &user_id, length),
            (KeyMethod::DerivedWithTimestamp, Some(key)) => {
                timestamp_key(key, &user_id, *preview_millis, length)
            }
            (KeyMethod::Random, _) => random_key(&preview_random),
            (_, None) => "(fix the server secret)".to_owned(),
        };
        (method, value)
    });

    html! {
        <div class="lab-part">
            <h3>{"Three ways to make an API key"}</h3>
            <div class="table-wrap" tabindex="0">
                <table class="stack-narrow" data-testid="key-methods">
                    <caption>{format!("Keys for user \"{user_id}\", side by side")}</caption>
                    <thead><tr><th scope="col">{"Method"}</th><th scope="col">{"Key"}</th><th scope="col">{"When a real system uses it"}</th></tr></thead>
                    <tbody>
                        { for previews.iter().map(|(method, value)| html! {
                            <tr data-method={method.id()}>
                                <th scope="row">{method.label()}</th>
                                <td data-label="Key"><code class="mono wrap">{value.clone()}</code></td>
                                <td data-label="When a real system uses it">{method.when_used()}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="field-row">
                <button type="button" class="secondary" data-testid="regenerate-preview" onclick={on_regenerate}>{"Regenerate"}</button>
                <span class="hint">{"The derived key stays the same; the timestamped and random keys change every time."}</span>
            </div>
            <div class="field-row">
                <label for="key-method">{"The server issues keys with"}</label>
                <select id="key-method" data-testid="key-method" onchange={on_method}>
                    { for KeyMethod::ALL.iter().map(|method| html! {
                        <option value={method.id()} selected={*method == state.lab.method}>{method.label()}</option>
                    }) }
                </select>
                <label for="key-length">{"Key length"}</label>
                <select id="key-length" data-testid="key-length" onchange={on_length} disabled={!state.lab.method.uses_length()}>
                    { for KeyLength::ALL.iter().map(|option| html! {
                        <option value={option.id()} selected={*option == length}>{option.label()}</option>
                    }) }
                </select>
            </div>
            <p class="hint" data-testid="guessing-note">{length.guessing_note()}</p>
        </div>
    }
}

fn shared_key_switch(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let on_shared = dispatch.reform(|event: Event| {
        let input: web_sys::HtmlInputElement = event.target_unchecked_into();
        Action::SetSharedKeyMode(input.checked())
    });
    let on_batch = dispatch.reform(|_: MouseEvent| Action::SendForEveryUser { now: now_seconds() });
    html! {
        <div class="lab-part">
            <h3>{"Why not one shared key for everybody?"}</h3>
            <div class="field-row">
                <input id="shared-key-mode" type="checkbox" data-testid="shared-key-mode"
                    checked={state.lab.shared_key_mode} onchange={on_shared} />
                <label for="shared-key-mode">{"One shared key for everybody"}</label>
            </div>
            if state.lab.shared_key_mode {
                <ul class="note note-danger" data-testid="shared-key-consequences">
                    { for state.lab.shared_key_consequences().into_iter().map(|line| html! { <li>{line}</li> }) }
                </ul>
            } else {
                <p class="hint">{"Turn it on, then send the same requests as before: the users table shows one key for all, and the audit log can no longer tell who called."}</p>
            }
            <div class="field-row">
                <button type="button" class="secondary" data-testid="send-for-every-user" onclick={on_batch}>
                    {"Send GET /api/data once with every user's key"}
                </button>
            </div>
            if !state.last_batch.is_empty() {
                <div class="table-wrap" tabindex="0">
                    <table data-testid="batch-results">
                        <caption>{if state.lab.shared_key_mode { "With one shared key" } else { "With one key per user" }}</caption>
                        <thead><tr><th scope="col">{"Key of user"}</th><th scope="col">{"Status"}</th><th scope="col">{"Audit log records"}</th></tr></thead>
                        <tbody>
                            { for state.last_batch.iter().map(|result| html! {
                                <tr>
                                    <td>{result.user_id.clone()}</td>
                                    <td>{result.status}</td>
                                    <td>{result.recorded_as.clone()}</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </div>
    }
}

#[component]
fn RequestBuilder(props: &ServerLabProps) -> Html {
    let state = &props.state;
    let dispatch = &props.dispatch;
    let request = &state.request;

    let on_path = dispatch.reform(Action::SetRequestPath);
    let on_header_name = dispatch.reform(Action::SetRequestHeaderName);
    let on_header_value =
        dispatch.reform(|event: InputEvent| Action::SetRequestHeaderValue(input_value(&event)));
    let on_login_user = dispatch.reform(|event: Event| Action::SetLoginUser(select_value(&event)));
    let on_send = dispatch.reform(|_: MouseEvent| Action::SendRequest { now: now_seconds() });
    let is_login = request.path == LOGIN_PATH;
    let login_user = request
        .login_user
        .clone()
        .or_else(|| state.users.first().map(|user| user.id.clone()))
        .unwrap_or_default();

    html! {
        <div class="lab-part">
            <h3>{"Send a request"}</h3>
            <div class="field-row">
                <label for="request-path">{"Request"}</label>
                <StateSelect id="request-path" testid="request-path" value={request.path.clone()}
                    options={[("GET", DATA_PATH), ("GET", ADMIN_PATH), ("POST", LOGIN_PATH)].iter()
                        .map(|(method, path)| (AttrValue::from(*path), AttrValue::from(format!("{method} {path}"))))
                        .collect::<Vec<_>>()}
                    onchange={on_path} />
                if is_login {
                    <label for="login-user">{"log in as user"}</label>
                    <select id="login-user" data-testid="login-user" onchange={on_login_user}>
                        { for state.users.iter().map(|user| html! {
                            <option value={user.id.clone()} selected={user.id == login_user}>{user.id.clone()}</option>
                        }) }
                    </select>
                }
            </div>
            if !is_login {
                <div class="field-row">
                    <label for="request-header-name">{"Header"}</label>
                    <StateSelect id="request-header-name" testid="request-header-name" value={request.header_name.clone()}
                        options={[API_KEY_HEADER, AUTHORIZATION_HEADER].iter()
                            .map(|name| (AttrValue::from(*name), AttrValue::from(*name)))
                            .collect::<Vec<_>>()}
                        onchange={on_header_name} />
                    <label class="visually-hidden" for="request-header-value">{"Header value"}</label>
                    <input id="request-header-value" class="mono" type="text" data-testid="request-header-value"
                        autocomplete="off" spellcheck="false"
                        placeholder="ak_live_... or Bearer eyJ..."
                        value={request.header_value.clone()} oninput={on_header_value} />
                </div>
            }
            <div class="field-row">
                <button type="button" data-testid="send-request" onclick={on_send}>{"Send"}</button>
                <span class="hint">{"\"Use in request\" in the users table fills in a user's key."}</span>
            </div>
            { for state.lab_error.as_ref().map(|message| html! { <p class="field-error" role="alert">{message.clone()}</p> }) }
            <div aria-live="polite" data-testid="response">
                { for state.last_response.as_ref().map(|response| response_view(response, state, dispatch)) }
            </div>
        </div>
    }
}

fn response_view(response: &Response, state: &AppState, dispatch: &Callback<Action>) -> Html {
    let class = match response.status {
        200..=299 => "response-ok",
        _ => "response-error",
    };
    let token = state.last_login_token();
    html! {
        <div class={classes!("response", class)}>
            <pre class="mono wrap">
                {"HTTP/1.1 "}<strong data-testid="response-status">{response.status}</strong>{format!(" {}\n", response.status_text)}
                { for response.headers.iter().map(|(name, value)| format!("{name}: {value}\n")) }
                {"\n"}
                <span data-testid="response-body">{response.body.clone()}</span>
            </pre>
            <ol class="steps" data-testid="server-steps">
                { for response.steps.iter().map(|step| {
                    let (class, label) = match step.outcome {
                        StepOutcome::Pass => ("check-pass", "pass"),
                        StepOutcome::Fail => ("check-fail", "fail"),
                        StepOutcome::Info => ("check-skip", "info"),
                    };
                    html! {
                        <li class={class}>
                            <span class="check-label">{label}</span>{" "}<strong>{step.label.clone()}</strong>{": "}{step.detail.clone()}
                        </li>
                    }
                }) }
            </ol>
            { for token.map(|token| {
                let on_use = {
                    let token = token.clone();
                    dispatch.reform(move |_: MouseEvent| Action::UseBearerToken(token.clone()))
                };
                html! {
                    <div class="field-row">
                        <button type="button" data-testid="use-token" onclick={on_use}>{"Use this token in the next request"}</button>
                        <CopyButton text={token} value_name="login token" />
                    </div>
                }
            }) }
        </div>
    }
}

fn jwt_controls(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let on_lifetime = dispatch.reform(|event: Event| {
        Action::SetTokenLifetime(select_value(&event).parse().unwrap_or(3600))
    });
    let on_offset = dispatch.reform(|event: InputEvent| {
        Action::SetLabClockOffset(input_value(&event).parse().unwrap_or(0))
    });
    let server_now = state.lab_now(now_seconds());
    html! {
        <div class="lab-part">
            <h3>{"JWT login: stateless checks"}</h3>
            <p>
                {"Choose POST /api/login and send it twice: the two tokens differ (iat, jti) although the user and the secret are the same. \
                  These tokens carry sub, role, iat, exp and jti: role lets /api/admin decide without the users table, and jti tells two logins apart. \
                  With Authorization: Bearer, the server checks the signature and exp and never reads the users table."}
            </p>
            <div class="field-row">
                <label for="token-lifetime">{"Token lifetime"}</label>
                <select id="token-lifetime" data-testid="token-lifetime" onchange={on_lifetime}>
                    { for TOKEN_LIFETIMES.iter().map(|(seconds, label)| html! {
                        <option value={seconds.to_string()} selected={*seconds == state.lab.token_lifetime}>{*label}</option>
                    }) }
                </select>
            </div>
            <div class="field-row">
                <label for="jump-ahead">{"Jump the server clock ahead"}</label>
                <input id="jump-ahead" type="range" min="0" max={MAX_CLOCK_OFFSET.to_string()} step="60"
                    data-testid="jump-ahead" value={state.lab_clock_offset.to_string()} oninput={on_offset} />
                <span data-testid="server-clock">
                    {format!("+{}: server time {}", duration_words(state.lab_clock_offset as f64), utc_date(server_now as f64))}
                </span>
            </div>
            <p class="note note-info" data-testid="revocation-contrast">
                {"Revoking a user's API key takes effect on the next request, because the server looks the key up. \
                  A JWT already issued to that user keeps working until its exp, because the server only checks the signature."}
            </p>
        </div>
    }
}

fn audit_log(state: &AppState, dispatch: &Callback<Action>) -> Html {
    let on_clear = dispatch.reform(|_: MouseEvent| Action::ClearAuditLog);
    html! {
        <div class="lab-part">
            <h3>{"Audit log"}</h3>
            <div class="table-wrap" tabindex="0">
                <table class="stack-narrow" data-testid="audit-log">
                    <thead><tr>
                        <th scope="col">{"Time (UTC)"}</th><th scope="col">{"User"}</th>
                        <th scope="col">{"Request"}</th><th scope="col">{"Status"}</th>
                    </tr></thead>
                    <tbody>
                        { for state.lab.audit.iter().rev().map(|entry| html! {
                            <tr data-testid="audit-entry">
                                <td class="mono" data-label="Time (UTC)">{utc_date(entry.time as f64)}</td>
                                <td data-label="User">{entry.user_label().to_owned()}</td>
                                <td class="mono" data-label="Request">{format!("{} {}", entry.method, entry.path)}</td>
                                <td data-label="Status">{entry.status}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if state.lab.audit.is_empty() {
                <p class="hint">{"No requests yet."}</p>
            }
            <button type="button" class="secondary" onclick={on_clear}>{"Clear the log"}</button>
        </div>
    }
}
