//! Workshop mode: exercises with goals, hints and checks that turn green by
//! themselves, a progress checklist kept in localStorage, and links that
//! start an exercise with preset values.

use std::rc::Rc;

use yew::prelude::*;

use crate::api_key::derive_api_key;
use crate::components::{input_value, use_clock};
use crate::snippets::{api_key_snippet, Language};
use crate::state::{Action, AppState};
use crate::workshop::{
    is_done, wordlist, Exercise, Prediction, EXERCISES, HIDDEN_OWNER_ID, HIDDEN_OWNER_MAX,
    PROGRESS_STORAGE_KEY,
};

#[derive(Properties, PartialEq)]
pub struct WorkshopProps {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
    /// Show only the exercise the URL chose, as an embed of one exercise.
    #[prop_or_default]
    pub only_current: bool,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load_progress() -> Vec<String> {
    storage()
        .and_then(|storage| storage.get_item(PROGRESS_STORAGE_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str::<Vec<String>>(&text).ok())
        .unwrap_or_default()
}

#[component]
pub fn Workshop(props: &WorkshopProps) -> Html {
    let state = &props.state;
    let dispatch = &props.dispatch;
    let now = use_clock();

    // Load the stored progress once.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let stored = load_progress();
            if !stored.is_empty() {
                dispatch.emit(Action::MarkCompleted(stored));
            }
        });
    }

    // Record exercises whose check passes now.
    let newly_done: Vec<String> = EXERCISES
        .iter()
        .filter(|exercise| !state.workshop.completed.contains(exercise.id))
        .filter(|exercise| is_done(exercise, state, now))
        .map(|exercise| exercise.id.to_owned())
        .collect();
    {
        let dispatch = dispatch.clone();
        use_effect_with(newly_done, move |ids| {
            if !ids.is_empty() {
                dispatch.emit(Action::MarkCompleted(ids.clone()));
            }
        });
    }

    // Save progress whenever it changes; this list is all the page stores.
    {
        let completed = state.workshop.completed.clone();
        use_effect_with(completed, move |completed| {
            if let Some(storage) = storage() {
                let ids: Vec<&String> = completed.iter().collect();
                let result = if ids.is_empty() {
                    storage.remove_item(PROGRESS_STORAGE_KEY)
                } else {
                    let text = serde_json::to_string(&ids).unwrap_or_default();
                    storage.set_item(PROGRESS_STORAGE_KEY, &text)
                };
                if result.is_err() {
                    web_sys::console::info_1(
                        &"Workshop progress could not be saved in this browser.".into(),
                    );
                }
            }
        });
    }

    let on_reset = dispatch.reform(|_: MouseEvent| Action::ResetProgress);
    let completed = &state.workshop.completed;
    let ordered_exercises: Vec<&Exercise> = match state.workshop.current {
        Some(current) => {
            let mut ordered: Vec<&Exercise> =
                EXERCISES.iter().filter(|e| e.id == current).collect();
            if !props.only_current {
                ordered.extend(EXERCISES.iter().filter(|e| e.id != current));
            }
            ordered
        }
        None => EXERCISES.iter().collect(),
    };

    html! {
        <section class="panel workshop" aria-labelledby="workshop-title">
            <h2 id="workshop-title">{"9. Workshop: exercises that check themselves"}</h2>
            <p>
                {"Each check turns green as soon as the page state shows the goal is reached. Progress is kept in this browser's localStorage: only the list of finished exercise ids, never a secret or a token."}
            </p>
            <p class="field-error" role="alert" data-testid="workshop-notice" hidden={state.workshop.notice.is_none()}>
                {state.workshop.notice.clone().unwrap_or_default()}
            </p>
            <ol class="checklist" data-testid="workshop-checklist">
                { for EXERCISES.iter().map(|exercise| {
                    let done = completed.contains(exercise.id);
                    html! {
                        <li class={if done { "done" } else { "todo" }} data-exercise-id={exercise.id} data-done={done.to_string()}>
                            <span class="check-label">{if done { "done" } else { "to do" }}</span>{" "}{exercise.title}
                        </li>
                    }
                }) }
            </ol>
            <p class="hint">{format!("{} of {} done.", completed.len().min(EXERCISES.len()), EXERCISES.len())}</p>
            <button type="button" class="secondary" data-testid="reset-progress" onclick={on_reset}>{"Reset progress"}</button>
            { for ordered_exercises.into_iter().map(|exercise| exercise_card(exercise, state, dispatch, completed.contains(exercise.id))) }
        </section>
    }
}

fn exercise_card(
    exercise: &Exercise,
    state: &AppState,
    dispatch: &Callback<Action>,
    done: bool,
) -> Html {
    let link = format!("#/?exercise={}", exercise.id);
    html! {
        <article class={classes!("exercise", if done { "exercise-done" } else { "exercise-todo" })}
            id={format!("exercise-{}", exercise.id)} data-testid="exercise" data-exercise-id={exercise.id} data-done={done.to_string()}>
            <h3>{exercise.title}</h3>
            <p class="exercise-status" aria-live="polite">
                <strong>{if done { "Done: the check passed." } else { "Not done yet." }}</strong>
            </p>
            <p>{exercise.goal}</p>
            {exercise_inputs(exercise, state, dispatch)}
            <details><summary>{"Hint"}</summary><p>{exercise.hint}</p></details>
            <p class="hint"><a href={link} data-testid="exercise-link">{"Link that starts here"}</a>{" (for facilitators)"}</p>
        </article>
    }
}

/// Returns whether the learner typed text that the exercise's check
/// rejects, so the card can explain it instead of only "not done yet".
fn wrong_answer(answer: &str, exercise: &Exercise, state: &AppState) -> bool {
    !answer.trim().is_empty() && !is_done(exercise, state, 0)
}

fn exercise_inputs(exercise: &Exercise, state: &AppState, dispatch: &Callback<Action>) -> Html {
    let secret = state.secret_key().ok();
    match exercise.id {
        "compute-key" => {
            let commands = secret.as_ref().map(|secret| {
                (
                    api_key_snippet(Language::Shell, secret, "2"),
                    api_key_snippet(Language::Python, secret, "2"),
                )
            });
            let on_input =
                dispatch.reform(|event: InputEvent| Action::SetComputedKey(input_value(&event)));
            html! {
                <>
                    { for commands.map(|(shell, python)| html! {
                        <>
                            <p>{"With openssl:"}</p><pre class="mono code" tabindex="0">{shell}</pre>
                            <p>{"Or with Python:"}</p><pre class="mono code" tabindex="0">{python}</pre>
                        </>
                    }) }
                    <label for="computed-key">{"What the command printed"}</label>
                    <input id="computed-key" class="mono" type="text" data-testid="computed-key" autocomplete="off" spellcheck="false"
                        value={state.workshop.computed_key.clone()} oninput={on_input} />
                    <p class="note note-warning" data-testid="computed-key-feedback" hidden={!wrong_answer(&state.workshop.computed_key, exercise, state)}>
                        {"That is not user 2's key with the current secret: run the command again after any change to the secret, and paste the whole line."}
                    </p>
                </>
            }
        }
        "find-owner" => {
            let target = secret
                .as_ref()
                .map(|secret| derive_api_key(secret, HIDDEN_OWNER_ID))
                .unwrap_or_else(|| "(fix the server secret)".to_owned());
            let on_input =
                dispatch.reform(|event: InputEvent| Action::SetOwnerAnswer(input_value(&event)));
            html! {
                <>
                    <p>{format!("Key to identify (a user id from 1 to {HIDDEN_OWNER_MAX}):")}</p>
                    <pre class="mono wrap" data-testid="owner-key">{target}</pre>
                    <label for="owner-answer">{"User id"}</label>
                    <input id="owner-answer" class="mono short" type="text" data-testid="owner-answer" autocomplete="off"
                        value={state.workshop.owner_answer.clone()} oninput={on_input} />
                    <p class="note note-warning" data-testid="owner-answer-feedback" hidden={!wrong_answer(&state.workshop.owner_answer, exercise, state)}>
                        {"That user id gives another key. Try the next id."}
                    </p>
                </>
            }
        }
        "predict-secret-change" => html! {
            <fieldset>
                <legend>{"When the secret changes…"}</legend>
                { for Prediction::ALL.iter().map(|prediction| {
                    let id = format!("prediction-{}", prediction.id());
                    let chosen = *prediction;
                    let on_change = dispatch.reform(move |_: Event| Action::SetPrediction(chosen));
                    html! {
                        <div>
                            <input type="radio" name="prediction" id={id.clone()} data-testid={id.clone()}
                                checked={state.workshop.prediction == Some(chosen)} onchange={on_change} />
                            <label for={id}>{prediction.label()}</label>
                        </div>
                    }
                }) }
                if state.workshop.prediction.is_some_and(|prediction| prediction != Prediction::AllChange) {
                    <p class="note note-warning">{"Change the secret and compare: the users table says how many keys changed."}</p>
                }
            </fieldset>
        },
        "weak-secret" => {
            let on_run = dispatch.reform(|_: MouseEvent| Action::RunWordlist);
            let on_prepare =
                dispatch.reform(|_: MouseEvent| Action::StartExercise("weak-secret".to_owned()));
            let on_input =
                dispatch.reform(|event: InputEvent| Action::SetCrackedSecret(input_value(&event)));
            let result = match &state.workshop.crack_result {
                Some((Some(found), tried)) => format!("Found \"{found}\" after {tried} of {} candidates.", wordlist().len()),
                Some((None, tried)) => format!(
                    "No candidate matched after {tried} tries. Is the workshop's token in the inspector? Use this exercise's link to put it back."
                ),
                None => String::new(),
            };
            html! {
                <>
                    <div class="field-row">
                        <button type="button" class="secondary" data-testid="prepare-weak-token" onclick={on_prepare}>{"Put the exercise's token in the inspector"}</button>
                        <button type="button" data-testid="run-wordlist" onclick={on_run}>{"Run the wordlist"}</button>
                    </div>
                    <p data-testid="wordlist-result" aria-live="polite">{result}</p>
                    <label for="cracked-secret">{"The secret"}</label>
                    <input id="cracked-secret" class="mono short" type="text" data-testid="cracked-secret" autocomplete="off" spellcheck="false"
                        value={state.workshop.cracked_secret.clone()} oninput={on_input} />
                    <p class="hint">
                        {"A secret of 32 random bytes has 2^256 (about 1.2e77) possible values. At a billion HMACs per second, trying them all would take about 3.7e60 years, so no wordlist or search can find it."}
                    </p>
                </>
            }
        }
        _ => html! {},
    }
}
