//! Every user's login token, signed with the server secret.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::components::decoded_json::DecodedJson;
use crate::components::now_seconds;
use crate::components::token_parts::{TokenLegend, TokenParts};
use crate::state::{Action, AppState, UserView};
use crate::time_text::utc_date;

#[derive(Properties, PartialEq)]
pub struct UserTokensProps {
    pub state: Rc<AppState>,
    /// Every user's key and token, computed once per change in the app.
    pub views: Rc<Vec<UserView>>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn UserTokens(props: &UserTokensProps) -> Html {
    let state = &props.state;
    let views = &props.views;
    let on_login = props
        .dispatch
        .reform(|_: MouseEvent| Action::LogInAgain { now: now_seconds() });

    html! {
        <section class="panel" aria-labelledby="tokens-title">
            <h2 id="tokens-title">{"3. The same secret signs a different JWT for every login"}</h2>
            <p>
                {"At login the server signs a token with HS256: "}
                <code>{"HMAC-SHA256(secret, header + \".\" + payload)"}</code>
                {". The payload holds the user id, the login time "}<code>{"iat"}</code>
                {" and the expiry "}<code>{"exp"}</code>{" one hour later."}
            </p>
            <div class="field-row">
                <button type="button" data-testid="log-in-again" onclick={on_login}>{"Log everybody in again"}</button>
                <span class="hint">{format!("Logged in at {}. A new login changes iat, exp and so every signature.", utc_date(state.login_time as f64))}</span>
            </div>
            <TokenLegend />
            { for views.iter().map(|view| {
                let row = view.row;
                let on_inspect = props.dispatch.reform(move |_: MouseEvent| Action::InspectUserToken { row });
                let body = match view.credentials.as_ref().map(|credentials| (&credentials.token, &credentials.decoded)) {
                    Ok((Ok(token), (header, payload))) => {
                        let (header, payload) = (header.clone(), payload.clone());
                        html! {
                            <>
                                <TokenParts token={token.clone()} testid={Some(AttrValue::from("user-token"))} />
                                <div class="decoded-pair">
                                    <DecodedJson title="Header" text={header} class={classes!("part-header")} />
                                    <DecodedJson title="Payload" text={payload} class={classes!("part-payload")} />
                                </div>
                                <div class="field-row">
                                    <CopyButton text={token.clone()} value_name={format!("token of user {}", view.id)} />
                                    <button type="button" class="secondary" data-testid="inspect-user-token" onclick={on_inspect}>
                                        {"Open in the inspector"}
                                    </button>
                                </div>
                            </>
                        }
                    }
                    Ok((Err(message), _)) | Err(message) => html! { <p class="field-error">{message.clone()}</p> },
                };
                html! {
                    <article class="user-token" key={row} data-testid="user-token-card" data-user-id={view.id.clone()}>
                        <h3>{format!("User \"{}\"", view.id)}</h3>
                        {body}
                    </article>
                }
            }) }
        </section>
    }
}
