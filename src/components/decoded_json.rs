//! A labelled block of decoded JSON.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DecodedJsonProps {
    pub title: AttrValue,
    /// The text to show; rendered as text, never as HTML.
    pub text: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// Extra class for the part colour.
    #[prop_or_default]
    pub class: Classes,
}

#[component]
pub fn DecodedJson(props: &DecodedJsonProps) -> Html {
    html! {
        <figure class={classes!("decoded", props.class.clone())}>
            <figcaption>{props.title.clone()}</figcaption>
            <pre class="mono" data-testid={props.testid.clone()}>{props.text.clone()}</pre>
        </figure>
    }
}
