//! A `<select>` that follows the state even after the learner used it.
//!
//! Browsers stop applying an option's `selected` attribute once the user
//! has picked an option, so a value set by another panel (for example the
//! encoding that "Open in the inspector" copies) would not show. This
//! component sets the element's `value` whenever the state changes.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StateSelectProps {
    pub id: AttrValue,
    pub testid: AttrValue,
    /// The selected option's value.
    pub value: AttrValue,
    /// Value and label of each option.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub disabled: bool,
}

#[component]
pub fn StateSelect(props: &StateSelectProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.value.clone(), move |value| {
            if let Some(select) = node.cast::<HtmlSelectElement>() {
                if select.value() != value.as_str() {
                    select.set_value(value);
                }
            }
        });
    }
    let onchange = props
        .onchange
        .reform(|event: Event| event.target_unchecked_into::<HtmlSelectElement>().value());

    html! {
        <select ref={node} id={props.id.clone()} data-testid={props.testid.clone()}
            disabled={props.disabled} {onchange}>
            { for props.options.iter().map(|(value, label)| html! {
                <option value={value.clone()} selected={*value == props.value}>{label.clone()}</option>
            }) }
        </select>
    }
}
