//! Workshop exercises: each has a goal, a hint, preset values a facilitator
//! link can start from, and a check computed from the page state.

use std::collections::BTreeSet;

use crate::alg::HmacAlg;
use crate::api_key::derive_api_key;
use crate::server::lab::Status;
use crate::state::{Action, AppState};
use crate::token::{sign_payload, HeaderFields, Verdict};

/// localStorage key of the completed exercise ids, the only thing the page
/// stores.
pub const PROGRESS_STORAGE_KEY: &str = "one-secret-workshop-progress";

/// User id whose key the "find the owner" exercise shows. It is not in the
/// demo table, so the learner has to add users until one matches.
pub const HIDDEN_OWNER_ID: &str = "17";

/// Largest user id in the range the "find the owner" exercise names.
pub const HIDDEN_OWNER_MAX: u32 = 30;

/// The weak secret of the wordlist exercise. It is one of the candidates
/// that [`wordlist`] returns.
pub const WEAK_SECRET: &str = "sunshine1";

/// One workshop exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exercise {
    /// Stable id used in links, test ids and stored progress.
    pub id: &'static str,
    pub title: &'static str,
    pub goal: &'static str,
    pub hint: &'static str,
    /// Lesson of the exercise, for the facilitator's guide.
    pub teaches: &'static str,
}

/// The exercises, in teaching order.
pub const EXERCISES: [Exercise; 9] = [
    Exercise {
        id: "compute-key",
        title: "Compute a key yourself",
        goal: "Run the command shown for user 2 in a terminal and paste what it prints.",
        hint: "The command computes HMAC-SHA256(secret, \"2\"), keeps 32 hex characters and adds ak_live_.",
        teaches: "An API key is a plain, reproducible function of the secret and the user id.",
    },
    Exercise {
        id: "find-owner",
        title: "Find the owner of a key",
        goal: "The key below belongs to a user id between 1 and 30. Find the id and type it.",
        hint: "Add users in step 2 and rename them until one row shows this key; the server does the same lookup.",
        teaches: "Without the secret nobody can map a key to a user, but the server can, for any id.",
    },
    Exercise {
        id: "predict-secret-change",
        title: "Predict a secret change",
        goal: "Predict what happens to the keys when the secret changes, then change it in step 1.",
        hint: "Every key is HMAC(secret, id); what does a new secret do to each of them?",
        teaches: "Rotating the server secret invalidates every derived key at once.",
    },
    Exercise {
        id: "revoke-leaked",
        title: "Revoke a leaked key",
        goal: "User 2's key leaked. Revoke it in the users table, then send a request with user 2's old key (401) and one with another user's key (200).",
        hint: "Use \"Use in request\" before revoking, so the request still carries user 2's key.",
        teaches: "Per-user keys let the server cut off one user without touching the others.",
    },
    Exercise {
        id: "tamper-payload",
        title: "Make yourself admin",
        goal: "In the inspector, change the token's payload so that it contains \"admin\", keep the signature, and read the verdict.",
        hint: "Decode the payload segment, edit it, base64url-encode it again (the signer's payload box helps), and paste it between the two dots.",
        teaches: "The signature covers header and payload: any change without the secret is detected.",
    },
    Exercise {
        id: "expire-token",
        title: "Watch a token expire",
        goal: "Sign a token whose exp is one minute after its iat, send it to the inspector, and see it expire.",
        hint: "In the signer pick the 1 minute lifetime and press iat = now and exp = now + lifetime; then wait, or set \"Pretend the time is\" in the inspector with leeway 0.",
        teaches: "A JWT carries its own expiry, checked by every server without a database.",
    },
    Exercise {
        id: "alg-none",
        title: "See alg none refused",
        goal: "Paste an unsecured token with \"alg\": \"none\" into the inspector and read why it is refused.",
        hint: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9. is one; note the empty signature after the last dot.",
        teaches: "A verifier must choose the algorithm itself and never accept unsigned tokens.",
    },
    Exercise {
        id: "weak-secret",
        title: "Crack a weak secret",
        goal: "Put this exercise's token, signed with a weak secret, in the inspector. Run the wordlist, then type the secret it finds.",
        hint: "The wordlist tries about a thousand common passwords in your browser; each try is one HMAC.",
        teaches: "Short or guessable secrets fall to offline guessing; 32 random bytes do not.",
    },
    Exercise {
        id: "shared-key",
        title: "Share one key, lose the audit",
        goal: "Turn on \"one shared key for everybody\" and send a request with the shared key: the audit log cannot name the caller.",
        hint: "The users table shows the shared key in every row; \"Use in request\" copies it.",
        teaches: "A shared key makes users indistinguishable: no per-user audit, revocation, roles or limits.",
    },
];

/// Returns the exercise with `id`.
pub fn exercise(id: &str) -> Option<&'static Exercise> {
    EXERCISES.iter().find(|exercise| exercise.id == id)
}

/// Learner's prediction in the "predict a secret change" exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prediction {
    AllChange,
    SomeChange,
    NoneChange,
}

impl Prediction {
    pub const ALL: [Prediction; 3] = [
        Prediction::AllChange,
        Prediction::SomeChange,
        Prediction::NoneChange,
    ];

    /// Returns the stable identifier used in the form.
    pub fn id(self) -> &'static str {
        match self {
            Prediction::AllChange => "all",
            Prediction::SomeChange => "some",
            Prediction::NoneChange => "none",
        }
    }

    /// Parses an identifier returned by [`Prediction::id`].
    pub fn from_id(id: &str) -> Option<Prediction> {
        Prediction::ALL
            .into_iter()
            .find(|prediction| prediction.id() == id)
    }

    /// Returns the answer's text.
    pub fn label(self) -> &'static str {
        match self {
            Prediction::AllChange => "Every key changes",
            Prediction::SomeChange => "Only some keys change",
            Prediction::NoneChange => "No key changes",
        }
    }
}

/// The learner's inputs to the exercises, and the completed exercises.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkshopState {
    /// The exercise shown first.
    pub current: Option<&'static str>,
    pub computed_key: String,
    pub owner_answer: String,
    pub prediction: Option<Prediction>,
    /// Secret text when the prediction was made; the secret must change
    /// after it.
    pub secret_at_prediction: Option<String>,
    pub cracked_secret: String,
    /// The wordlist run's result: the secret found and the candidates tried.
    pub crack_result: Option<(Option<String>, usize)>,
    /// Ids of completed exercises, loaded from and saved to localStorage.
    pub completed: BTreeSet<String>,
    /// Problem with the exercise a link named, shown above the exercises.
    pub notice: Option<String>,
}

/// Returns the candidates of the wordlist exercise: common passwords, each
/// alone and with a few common suffixes.
pub fn wordlist() -> Vec<String> {
    const WORDS: [&str; 60] = [
        "password",
        "123456",
        "qwerty",
        "letmein",
        "welcome",
        "admin",
        "secret",
        "dragon",
        "monkey",
        "football",
        "baseball",
        "master",
        "shadow",
        "sunshine",
        "princess",
        "iloveyou",
        "trustno1",
        "superman",
        "batman",
        "starwars",
        "hello",
        "freedom",
        "whatever",
        "michael",
        "jordan",
        "hunter",
        "ranger",
        "buster",
        "soccer",
        "hockey",
        "killer",
        "george",
        "charlie",
        "andrew",
        "thomas",
        "jessica",
        "pepper",
        "daniel",
        "access",
        "flower",
        "cheese",
        "summer",
        "winter",
        "autumn",
        "spring",
        "orange",
        "banana",
        "coffee",
        "cookie",
        "ginger",
        "silver",
        "golden",
        "purple",
        "yellow",
        "changeme",
        "default",
        "server",
        "backend",
        "jwtsecret",
        "mysecret",
    ];
    const SUFFIXES: [&str; 12] = [
        "", "1", "12", "123", "1234", "!", "2024", "2025", "2026", "01", "99", "_key",
    ];
    let mut candidates = Vec::with_capacity(WORDS.len() * SUFFIXES.len());
    for word in WORDS {
        for suffix in SUFFIXES {
            candidates.push(format!("{word}{suffix}"));
        }
    }
    candidates
}

/// Returns the token of the wordlist exercise, signed with [`WEAK_SECRET`].
pub fn weak_token() -> String {
    let payload = serde_json::json!({"sub": "1", "role": "reader"});
    let fields = HeaderFields {
        typ: Some("JWT".to_owned()),
        kid: None,
    };
    sign_payload(HmacAlg::Hs256, &fields, &payload, WEAK_SECRET.as_bytes())
        .expect("a fixed JSON payload always serializes")
}

/// Tries each candidate as the HS256 secret of `token`, in order, and
/// returns the first that verifies with the number of candidates tried.
/// The loop is bounded by the list's length.
pub fn crack(token: &str, candidates: &[String]) -> (Option<String>, usize) {
    let time = crate::token::TimeOptions {
        now: 0,
        leeway: 0,
        check_time: false,
    };
    for (index, candidate) in candidates.iter().enumerate() {
        let inspection = crate::token::inspect(token, Some(candidate.as_bytes()), time);
        if inspection.signature_matches == Some(true) {
            return (Some(candidate.clone()), index + 1);
        }
    }
    (None, candidates.len())
}

/// Returns the actions that prepare the page for `exercise`, for
/// facilitator links.
pub fn preset_actions(exercise: &Exercise) -> Vec<Action> {
    match exercise.id {
        "tamper-payload" => vec![Action::InspectUserToken { row: 2 }],
        "alg-none" => vec![Action::SetToken(String::new())],
        "weak-secret" => vec![
            Action::SetToken(weak_token()),
            Action::SetVerifySecret(String::new()),
        ],
        "revoke-leaked" => vec![Action::UseApiKey { id: "2".to_owned() }],
        _ => Vec::new(),
    }
}

/// Checks whether `exercise` is done in `state` at the real time
/// `real_now`.
pub fn is_done(exercise: &Exercise, state: &AppState, real_now: i64) -> bool {
    let key = state.secret_key().ok();
    match exercise.id {
        "compute-key" => {
            key.is_some_and(|key| state.workshop.computed_key.trim() == derive_api_key(&key, "2"))
        }
        "find-owner" => key.is_some_and(|key| {
            let answer = state.workshop.owner_answer.trim();
            !answer.is_empty()
                && derive_api_key(&key, answer) == derive_api_key(&key, HIDDEN_OWNER_ID)
        }),
        "predict-secret-change" => {
            state.workshop.prediction == Some(Prediction::AllChange)
                && state
                    .workshop
                    .secret_at_prediction
                    .as_ref()
                    .is_some_and(|before| *before != state.secret_text)
                && state
                    .keys_changed_by_last_edit()
                    .is_some_and(|(changed, compared)| compared > 0 && changed == compared)
        }
        "revoke-leaked" => {
            let revoked = state
                .lab
                .user("2")
                .is_some_and(|user| user.status == Status::Revoked);
            let audit = &state.lab.audit;
            let refused = audit
                .iter()
                .position(|entry| entry.user_id.as_deref() == Some("2") && entry.status == 401);
            revoked
                && refused.is_some_and(|first| {
                    audit.iter().skip(first).any(|entry| {
                        entry.status == 200 && entry.user_id.as_deref().is_some_and(|id| id != "2")
                    })
                })
        }
        "tamper-payload" => {
            let inspection = state.inspection(real_now);
            inspection.verdict == Verdict::InvalidSignature
                && inspection.signature_matches == Some(false)
                && inspection
                    .payload
                    .as_ref()
                    .is_some_and(|payload| payload.text.contains("admin"))
        }
        "expire-token" => {
            let inspection = state.inspection(real_now);
            let lifetime = inspection.payload.as_ref().and_then(|payload| {
                let object = payload.object.as_ref()?;
                let exp = object.get("exp")?.as_i64()?;
                let iat = object.get("iat")?.as_i64()?;
                exp.checked_sub(iat)
            });
            // Pressing "iat = now" and "exp = now + lifetime" in different
            // seconds gives 61 or so, which still counts as one minute.
            inspection.verdict == Verdict::Expired
                && inspection.signature_matches == Some(true)
                && lifetime.is_some_and(|seconds| (30..=90).contains(&seconds))
        }
        "alg-none" => {
            let inspection = state.inspection(real_now);
            let alg = inspection
                .header
                .as_ref()
                .and_then(|header| header.object.as_ref())
                .and_then(|object| object.get("alg"))
                .and_then(|alg| alg.as_str())
                .map(str::to_owned);
            inspection.verdict == Verdict::Unsupported
                && alg.is_some_and(|alg| alg.eq_ignore_ascii_case("none"))
        }
        "weak-secret" => state.workshop.cracked_secret == WEAK_SECRET,
        "shared-key" => {
            state.lab.shared_key_mode
                && state
                    .lab
                    .audit
                    .iter()
                    .any(|entry| entry.user_id.is_none() && entry.status == 200)
        }
        _ => false,
    }
}
