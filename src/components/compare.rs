//! API keys and JWTs compared, with the current values in the cells.

use std::rc::Rc;

use yew::prelude::*;

use crate::server::compare::{comparison_rows, LiveValues};
use crate::state::{AppState, UserView};

#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    pub state: Rc<AppState>,
    /// Every user's key and token, computed once per change in the app.
    pub views: Rc<Vec<UserView>>,
}

#[component]
pub fn ComparePanel(props: &ComparePanelProps) -> Html {
    let state = &props.state;
    let first = props.views.first().cloned();
    let credentials = first
        .as_ref()
        .and_then(|view| view.credentials.clone().ok());
    let live = LiveValues {
        method: state.lab.method,
        user_id: first.as_ref().map(|view| view.id.clone()),
        api_key: credentials
            .as_ref()
            .map(|credentials| credentials.api_key.clone()),
        token: credentials.and_then(|credentials| credentials.token.ok()),
        token_lifetime: state.lab.token_lifetime,
    };

    html! {
        <section class="panel" aria-labelledby="compare-title">
            <h2 id="compare-title">{"8. API keys and JWTs compared"}</h2>
            <div class="table-wrap" tabindex="0">
                <table class="compare stack-narrow" data-testid="compare-table">
                    <thead><tr>
                        <th scope="col">{"Aspect"}</th><th scope="col">{"API key"}</th><th scope="col">{"JWT"}</th>
                    </tr></thead>
                    <tbody>
                        { for comparison_rows(&live).into_iter().map(|row| html! {
                            <tr data-row={row.id}>
                                <th scope="row">{row.aspect}</th>
                                <td data-label="API key">{row.api_key.text}{ for row.api_key.live.map(|value| html! { <code class="live mono wrap">{value}</code> }) }</td>
                                <td data-label="JWT">{row.jwt.text}{ for row.jwt.live.map(|value| html! { <code class="live mono wrap">{value}</code> }) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
