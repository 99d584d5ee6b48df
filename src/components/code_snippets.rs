//! "Compute this yourself": the page's current value as a program in four
//! languages, each with a copy button.

use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::snippets::Language;

#[derive(Properties, PartialEq)]
pub struct CodeSnippetsProps {
    /// Name of the printed value, for the summary line.
    pub value_name: AttrValue,
    /// Prefix of each snippet's test id, for example "snippet-key".
    pub testid: AttrValue,
    /// One program per language, in [`Language::ALL`] order.
    pub snippets: Vec<(Language, String)>,
}

#[component]
pub fn CodeSnippets(props: &CodeSnippetsProps) -> Html {
    html! {
        <details class="snippets">
            <summary>{format!("Compute {} yourself: JavaScript, Python, Rust, shell", props.value_name)}</summary>
            { for props.snippets.iter().map(|(language, code)| html! {
                <div class="snippet">
                    <div class="snippet-head">
                        <strong>{language.label()}</strong>
                        <CopyButton text={code.clone()} value_name={format!("{} code", language.label())} />
                    </div>
                    <pre class="mono code" tabindex="0" data-testid={format!("{}-{}", props.testid, language.id())}>{code.clone()}</pre>
                </div>
            }) }
        </details>
    }
}
