//! "Derive 100,000 keys": bulk derivation in chunks, with a progress bar,
//! so the page keeps handling input while it works.

use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use yew::prelude::*;

use crate::api_key::KeyDeriver;
use crate::state::AppState;

/// Number of user ids derived by one run.
pub const BULK_KEYS: u32 = 100_000;

/// Keys derived between two yields to the browser. At several hundred
/// thousand keys per second this keeps each task near 10 ms, well under
/// the 50 ms after which a task counts as long.
const CHUNK_KEYS: u32 = 5_000;

#[derive(Properties, PartialEq)]
pub struct BulkDeriveProps {
    pub state: Rc<AppState>,
}

#[derive(Clone, PartialEq)]
struct BulkResult {
    milliseconds: f64,
    last_key: String,
}

#[component]
pub fn BulkDerive(props: &BulkDeriveProps) -> Html {
    let done = use_state(|| 0u32);
    let running = use_state(|| false);
    let result = use_state(|| None::<BulkResult>);
    let secret = props.state.secret_key().ok();

    let on_click = {
        let done = done.clone();
        let running = running.clone();
        let result = result.clone();
        let secret = secret.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(secret) = secret.clone() else {
                return;
            };
            if *running {
                return;
            }
            running.set(true);
            result.set(None);
            let done = done.clone();
            let running = running.clone();
            let result = result.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let deriver = KeyDeriver::new(&secret);
                let start = js_sys::Date::now();
                let mut last_key = String::new();
                let mut first = 1;
                while first <= BULK_KEYS {
                    let last = (first + CHUNK_KEYS - 1).min(BULK_KEYS);
                    last_key = deriver.derive_range(first, last);
                    done.set(last);
                    first = last + 1;
                    // Yield so input, painting and the progress bar run.
                    TimeoutFuture::new(0).await;
                }
                result.set(Some(BulkResult {
                    milliseconds: js_sys::Date::now() - start,
                    last_key,
                }));
                running.set(false);
            });
        })
    };

    html! {
        <div class="lab-part">
            <h3>{"How fast can a server derive keys?"}</h3>
            <p>{format!("Derive the keys of user ids 1 to {BULK_KEYS} with the current secret, in your browser, in chunks so the page stays responsive.")}</p>
            <div class="field-row">
                <button type="button" data-testid="bulk-derive" onclick={on_click} disabled={*running || secret.is_none()}>
                    {format!("Derive {BULK_KEYS} keys")}
                </button>
                <progress data-testid="bulk-progress" max={BULK_KEYS.to_string()} value={done.to_string()}
                    aria-label="Keys derived">{format!("{} of {BULK_KEYS}", *done)}</progress>
                <span>{format!("{} of {BULK_KEYS}", *done)}</span>
            </div>
            { for result.as_ref().map(|result| {
                let per_second = f64::from(BULK_KEYS) / (result.milliseconds.max(1.0) / 1000.0);
                html! {
                    <p data-testid="bulk-result" aria-live="polite" data-keys-per-second={format!("{per_second:.0}")}>
                        {format!("{BULK_KEYS} keys in {:.0} ms, about {:.0} keys per second. The key of user {BULK_KEYS} is {}.",
                            result.milliseconds, per_second, result.last_key)}
                    </p>
                }
            }) }
        </div>
    }
}
