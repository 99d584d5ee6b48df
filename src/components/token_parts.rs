//! A token shown in three coloured, labelled parts.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TokenPartsProps {
    pub token: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// Renders `header.payload.signature` with one colour and one underline
/// style per part, so the parts differ without colour too.
#[component]
pub fn TokenParts(props: &TokenPartsProps) -> Html {
    let parts: Vec<&str> = props.token.split('.').collect();
    let class_for = |index: usize| match (parts.len(), index) {
        (3, 0) => "tok-header",
        (3, 1) => "tok-payload",
        (3, 2) => "tok-signature",
        _ => "tok-other",
    };
    let title_for = |index: usize| match (parts.len(), index) {
        (3, 0) => "header",
        (3, 1) => "payload",
        (3, 2) => "signature",
        _ => "segment",
    };

    html! {
        <code class="token mono" data-testid={props.testid.clone()}>
            { for parts.iter().enumerate().map(|(index, part)| html! {
                <>
                    if index > 0 { <span class="tok-dot">{"."}</span> }
                    <span class={class_for(index)} title={title_for(index)}>{part.to_string()}</span>
                </>
            }) }
        </code>
    }
}

/// Renders the legend that names the three colours.
#[component]
pub fn TokenLegend() -> Html {
    html! {
        <p class="legend">
            <span class="tok-header">{"header"}</span>{" . "}
            <span class="tok-payload">{"payload"}</span>{" . "}
            <span class="tok-signature">{"signature"}</span>
        </p>
    }
}
