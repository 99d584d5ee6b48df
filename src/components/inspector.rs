//! The token inspector: paste a token, type a secret, read the verdict.
//!
//! The pasted text is only ever read here. Editing the secret re-checks the
//! signature over the received segments; it never re-signs the token.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::decoded_json::DecodedJson;
use crate::components::secret_panel::{encoding_options, note_class};
use crate::components::state_select::StateSelect;
use crate::components::token_parts::{TokenLegend, TokenParts};
use crate::components::{input_value, textarea_value, use_clock};
use crate::secret::{decode_secret, key_notes, SecretEncoding};
use crate::state::{Action, AppState};
use crate::time_text::utc_date;
use crate::token::claims::ClaimRow;
use crate::token::verdict::Outcome;
use crate::token::{inspect, Inspection, TimeOptions, DEFAULT_LEEWAY_SECONDS};

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let real_now = use_clock();
    let state = &props.state;
    let inspector = &state.inspector;
    let dispatch = &props.dispatch;

    let key = decode_secret(&inspector.secret_text, inspector.encoding);
    let leeway = state.leeway();
    let now = state.inspector_now(real_now);
    let time = TimeOptions {
        now: *now.as_ref().unwrap_or(&real_now),
        leeway: *leeway.as_ref().unwrap_or(&DEFAULT_LEEWAY_SECONDS),
        check_time: inspector.check_time,
    };
    let inspection = inspect(&inspector.token_text, key.as_deref().ok(), time);

    let on_token = dispatch.reform(|event: InputEvent| Action::SetToken(textarea_value(&event)));
    let on_secret =
        dispatch.reform(|event: InputEvent| Action::SetVerifySecret(input_value(&event)));
    let on_encoding = dispatch.reform(|value: String| {
        Action::SetVerifyEncoding(SecretEncoding::from_id(&value).unwrap_or_default())
    });
    let on_leeway = dispatch.reform(|event: InputEvent| Action::SetLeeway(input_value(&event)));
    let on_check_time = dispatch.reform(|event: Event| {
        let input: web_sys::HtmlInputElement = event.target_unchecked_into();
        Action::SetCheckTime(input.checked())
    });
    let on_pretend =
        dispatch.reform(|event: InputEvent| Action::SetPretendTime(input_value(&event)));
    let on_real_clock = dispatch.reform(|_: MouseEvent| Action::SetPretendTime(String::new()));

    let secret_status = match &key {
        Ok(bytes) => {
            let alg = inspection.alg.unwrap_or_default();
            html! {
                <>
                    <p class="hint" data-testid="verify-secret-length">
                        {format!("Key: {} bytes ({} bits), checked with {}.", bytes.len(), bytes.len() * 8, alg.name())}
                    </p>
                    { for key_notes(bytes.len(), alg).iter().map(|note| html! {
                        <p class={classes!("note", note_class(note.level))} data-testid="key-note">{note.message.clone()}</p>
                    }) }
                </>
            }
        }
        Err(error) => html! {
            <p class="field-error" role="alert" data-testid="verify-secret-error">{error.to_string()}</p>
        },
    };

    html! {
        <section class="panel inspector" aria-labelledby="inspector-title">
            <h2 id="inspector-title">{"5. Token inspector: verify any HS256, HS384 or HS512 token"}</h2>
            <p>{"Paste a JWT and the secret it should be signed with. The token is never changed here: a new secret only re-checks the signature."}</p>
            <div class="field">
                <label for="token-input">{"Token"}</label>
                <textarea
                    id="token-input"
                    class="mono"
                    rows="4"
                    data-testid="token-input"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..."
                    value={inspector.token_text.clone()}
                    oninput={on_token}
                />
            </div>
            <div class="field-row">
                <label for="verify-secret">{"Secret"}</label>
                <input id="verify-secret" class="mono" type="text" data-testid="verify-secret"
                    autocomplete="off" spellcheck="false"
                    value={inspector.secret_text.clone()} oninput={on_secret} />
                <label for="secret-encoding">{"read as"}</label>
                <StateSelect id="secret-encoding" testid="secret-encoding"
                    value={inspector.encoding.id()} options={encoding_options()} onchange={on_encoding} />
            </div>
            {secret_status}
            <fieldset class="time-options">
                <legend>{"Time checks"}</legend>
                <div class="field-row">
                    <input id="check-time" type="checkbox" data-testid="check-time"
                        checked={inspector.check_time} onchange={on_check_time} />
                    <label for="check-time">{"Check exp and nbf"}</label>
                    <label for="leeway">{"Leeway (seconds)"}</label>
                    <input id="leeway" class="short" type="text" inputmode="numeric" data-testid="leeway"
                        value={inspector.leeway_text.clone()} oninput={on_leeway} />
                </div>
                { for leeway.err().map(|message| html! { <p class="field-error" role="alert">{message}</p> }) }
                <div class="field-row">
                    <label for="pretend-time">{"Pretend the time is"}</label>
                    <input id="pretend-time" class="mono" type="text" data-testid="pretend-time"
                        placeholder="now (or e.g. 2011-03-22T18:43:00Z or 1300819380)"
                        value={inspector.pretend_time_text.clone()} oninput={on_pretend} />
                    <button type="button" class="secondary" onclick={on_real_clock}>{"Use the real clock"}</button>
                </div>
                { match &now {
                    Ok(seconds) => html! { <p class="hint" data-testid="inspector-time">{format!("Checking against {} ({seconds}).", utc_date(*seconds as f64))}</p> },
                    Err(message) => html! { <p class="field-error" role="alert">{message.clone()}</p> },
                } }
            </fieldset>
            {verdict_view(&inspection)}
            {details_view(&inspection)}
        </section>
    }
}

fn verdict_view(inspection: &Inspection) -> Html {
    let verdict = inspection.verdict;
    html! {
        <div class={classes!("verdict-box", format!("verdict-{}", verdict.id()))}>
            { for (!inspection.removed.is_empty()).then(|| html! {
                <ul class="cleanup" data-testid="token-cleanup">
                    { for inspection.removed.iter().map(|note| html! { <li>{note.clone()}</li> }) }
                </ul>
            }) }
            <p class="verdict-title" aria-hidden="true">
                <span class="badge">{verdict.title()}</span>
            </p>
            <p data-testid="verdict" data-verdict={verdict.id()} role="status" aria-live="polite">
                {inspection.reason.clone()}
            </p>
            <ul class="checks" data-testid="checks">
                { for inspection.checks.iter().map(|check| {
                    let (class, label) = match check.outcome {
                        Outcome::Pass => ("check-pass", "pass"),
                        Outcome::Warn => ("check-warn", "warning"),
                        Outcome::Fail(_) => ("check-fail", "fail"),
                        Outcome::Skipped => ("check-skip", "skipped"),
                    };
                    html! { <li class={class}><span class="check-label">{label}</span>{" "}{check.message.clone()}</li> }
                }) }
            </ul>
        </div>
    }
}

fn details_view(inspection: &Inspection) -> Html {
    let Some(segments) = &inspection.segments else {
        return html! {};
    };
    let header_text = inspection
        .header
        .as_ref()
        .map(|json| json.pretty.clone().unwrap_or_else(|| json.text.clone()))
        .unwrap_or_else(|| "(not decodable)".to_owned());
    let payload_text = inspection
        .payload
        .as_ref()
        .map(|json| json.pretty.clone().unwrap_or_else(|| json.text.clone()))
        .unwrap_or_else(|| "(not decodable)".to_owned());

    html! {
        <div class="details">
            <TokenLegend />
            <TokenParts token={segments.join(".")} testid={Some(AttrValue::from("inspected-token"))} />
            <div class="decoded-pair">
                <DecodedJson title="Header (as received)" text={header_text} testid={Some(AttrValue::from("decoded-header"))} class={classes!("part-header")} />
                <DecodedJson title="Payload (as received)" text={payload_text} testid={Some(AttrValue::from("decoded-payload"))} class={classes!("part-payload")} />
            </div>
            {rows_table("Header parameters", &inspection.header_rows, "header-params")}
            {rows_table("Registered claims", &inspection.claim_rows, "claims")}
            { for inspection.signature.as_ref().map(|signature| html! {
                <div class="signature-info part-signature" data-testid="signature-info">
                    <h3>{"Signature"}</h3>
                    <p>{format!("{} bytes{}", signature.len, match signature.expected_len {
                        Some(expected) => format!("; the algorithm's MAC is {expected} bytes."),
                        None => String::new(),
                    })}</p>
                    <pre class="mono wrap" data-testid="signature-hex">{signature.hex.clone()}</pre>
                </div>
            }) }
            { for inspection.signing_input.as_ref().map(|input| html! {
                <div class="signing-input">
                    <h3>{"Signing input: what the MAC covers"}</h3>
                    <p class="hint">{"base64url(header) + \".\" + base64url(payload), exactly as received."}</p>
                    <pre class="mono wrap" data-testid="signing-input">{input.clone()}</pre>
                </div>
            }) }
        </div>
    }
}

fn rows_table(title: &str, rows: &[ClaimRow], testid: &'static str) -> Html {
    if rows.is_empty() {
        return html! {};
    }
    html! {
        <div class="table-wrap" tabindex="0">
            <table class="claims" data-testid={testid}>
                <caption>{title.to_owned()}</caption>
                <thead>
                    <tr><th scope="col">{"Name"}</th><th scope="col">{"Value"}</th><th scope="col">{"Meaning"}</th></tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|row| html! {
                        <tr>
                            <th scope="row"><code>{row.name.clone()}</code></th>
                            <td class="mono wrap">
                                {row.value.clone()}
                                { for row.date.as_ref().map(|date| html! { <div class="hint">{date.clone()}</div> }) }
                                { for row.relative.as_ref().map(|relative| html! { <div class="hint">{relative.clone()}</div> }) }
                            </td>
                            <td>{row.meaning}</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
