//! The page's state and the actions that change it, free of any browser
//! API so that every transition is tested natively.

use serde_json::Value;

use crate::alg::HmacAlg;
use crate::api_key::KeyDeriver;
use crate::secret::{decode_secret, SecretEncoding, SecretError, DEMO_SECRET};
use crate::server::handler::{Request, Response, API_KEY_HEADER, DATA_PATH};
use crate::server::key_methods::{KeyLength, KeyMethod, RANDOM_KEY_HEX_CHARS};
use crate::server::lab::{Role, ServerLab};
use crate::time_text::parse_time_input;
use crate::token::builder::{build_token, set_claim, BuildError, DEMO_PAYLOAD};
use crate::token::{sign_user_token, DEFAULT_LEEWAY_SECONDS};
use crate::users::{check_user_id, demo_users, next_free_id, User, MAX_USERS};
use crate::workshop::{crack, exercise, preset_actions, wordlist, Prediction, WorkshopState};

/// Largest per-user rate limit the server lab accepts, in requests per minute.
pub const MAX_RATE_LIMIT: u32 = 10_000;

/// Largest jump of the simulated server's clock, in seconds (one year).
pub const MAX_LAB_CLOCK_OFFSET: i64 = 365 * 86_400;

/// Latest time the inspector can pretend: 9999-12-31 23:59:59 UTC.
pub const LATEST_PRETEND_TIME: i64 = 253_402_300_799;

/// Largest leeway the inspector accepts, in seconds (one day).
pub const MAX_LEEWAY_SECONDS: i64 = 86_400;

/// Everything the learner can change on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub secret_text: String,
    pub secret_encoding: SecretEncoding,
    /// The secret before the learner's latest edit, to show that every key
    /// changed.
    pub previous_secret: Option<(String, SecretEncoding)>,
    pub users: Vec<User>,
    next_row: u32,
    /// A message about the users list itself, such as the row limit.
    pub users_notice: Option<String>,
    /// `iat` of every user's login token, in seconds since the epoch.
    pub login_time: i64,
    pub signer: SignerState,
    pub inspector: InspectorState,
    /// The simulated server: its users table, audit log and counters.
    pub lab: ServerLab,
    /// The request the learner is about to send.
    pub request: Request,
    pub last_response: Option<Response>,
    /// Seconds the simulated server's clock runs ahead of the real one.
    pub lab_clock_offset: i64,
    /// Error message of the latest server-lab action that could not run.
    pub lab_error: Option<String>,
    pub workshop: WorkshopState,
    /// Results of the latest "one request per user" run: user id, status
    /// and the user the audit log recorded.
    pub last_batch: Vec<BatchResult>,
    /// Rate-limit fields whose text is not a valid limit yet, by user id,
    /// kept so the field shows what was typed.
    pub rate_limit_drafts: std::collections::BTreeMap<String, String>,
}

/// One request of a "one request per user" run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchResult {
    /// The user whose key was sent.
    pub user_id: String,
    pub status: u16,
    /// The user the audit log recorded, "unknown" when the key matches no
    /// single user.
    pub recorded_as: String,
}

/// Values from outside the pure state that some actions need: the time,
/// and random hex strings from the CSPRNG for keys and token ids.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fresh {
    pub now_millis: i64,
    /// Hex strings of [`RANDOM_KEY_HEX_CHARS`] digits, at least one per
    /// user plus one.
    pub randoms: Vec<String>,
}

impl Fresh {
    /// Returns placeholder values: the given time and all-zero random
    /// strings. Only tests and the first render use it; the page passes
    /// CSPRNG output with every action that issues keys or token ids.
    pub fn placeholder(now_millis: i64, count: usize) -> Fresh {
        Fresh {
            now_millis,
            randoms: vec!["0".repeat(RANDOM_KEY_HEX_CHARS); count],
        }
    }
}

impl Action {
    /// Returns how many random values [`AppState::apply_with`] needs for
    /// this action in `state`: one per user after the action, which may add
    /// a user, plus one for a key rotation or a token id.
    pub fn randoms_needed(&self, state: &AppState) -> usize {
        match self {
            Action::ReplaceUsers(ids) => ids.len().min(MAX_USERS) + 1,
            _ if self.needs_randoms() => state.users.len() + 2,
            _ => 0,
        }
    }

    /// Returns whether the action issues keys or token ids, so the page
    /// must pass fresh random values with it.
    pub fn needs_randoms(&self) -> bool {
        matches!(
            self,
            Action::AddUser
                | Action::EditUser { .. }
                | Action::ReplaceUsers(_)
                | Action::SetKeyMethod(_)
                | Action::RotateKey { .. }
                | Action::SendRequest { .. }
        )
    }
}

/// The token signer's inputs. It signs with the server secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignerState {
    pub alg: HmacAlg,
    pub typ_text: String,
    pub kid_text: String,
    pub payload_text: String,
    /// Seconds from now that the `exp` quick edit uses.
    pub lifetime: i64,
    /// Error message of the latest quick edit that could not change the payload.
    pub edit_error: Option<String>,
}

/// The inspector's own inputs. Nothing here is derived from the server
/// secret after the page opens: editing a secret never rewrites the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InspectorState {
    pub token_text: String,
    pub secret_text: String,
    pub encoding: SecretEncoding,
    pub leeway_text: String,
    pub check_time: bool,
    /// Empty for the real clock.
    pub pretend_time_text: String,
}

/// A change that the learner requests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    SetSecret(String),
    SetSecretEncoding(SecretEncoding),
    /// Replace the secret with random bytes, given as hex.
    UseRandomSecret(String),
    AddUser,
    EditUser {
        row: u32,
        id: String,
    },
    RemoveUser {
        row: u32,
    },
    /// Issue every user a new login token at this time.
    LogInAgain {
        now: i64,
    },
    SetToken(String),
    SetVerifySecret(String),
    SetVerifyEncoding(SecretEncoding),
    SetLeeway(String),
    SetCheckTime(bool),
    SetPretendTime(String),
    /// Copy a user's login token and the server secret into the inspector.
    InspectUserToken {
        row: u32,
    },
    SetSignerAlg(HmacAlg),
    SetSignerTyp(String),
    SetSignerKid(String),
    SetSignerPayload(String),
    SetSignerLifetime(i64),
    /// Set one claim in the signer's payload, for the quick-edit buttons.
    SetSignerClaim {
        name: String,
        value: Value,
    },
    /// Copy the signer's token and the server secret into the inspector.
    SendSignedToInspector,
    /// Replace the whole users list, as a share link does.
    ReplaceUsers(Vec<String>),
    SetKeyMethod(KeyMethod),
    SetKeyLength(KeyLength),
    RevokeKey {
        id: String,
    },
    ReactivateKey {
        id: String,
    },
    RotateKey {
        id: String,
    },
    SetRole {
        id: String,
        role: Role,
    },
    SetRateLimit {
        id: String,
        text: String,
    },
    SetSharedKeyMode(bool),
    SetTokenLifetime(i64),
    SetLabClockOffset(i64),
    SetRequestPath(String),
    SetRequestHeaderName(String),
    SetRequestHeaderValue(String),
    SetLoginUser(String),
    /// Fill the request with a user's API key.
    UseApiKey {
        id: String,
    },
    /// Fill the request with `Authorization: Bearer <token>`.
    UseBearerToken(String),
    /// Run the simulated server on the current request at `now` (seconds).
    SendRequest {
        now: i64,
    },
    ClearAuditLog,
    /// Send `GET /api/data` once with every user's current key.
    SendForEveryUser {
        now: i64,
    },
    SetComputedKey(String),
    SetOwnerAnswer(String),
    SetPrediction(Prediction),
    SetCrackedSecret(String),
    /// Try the wordlist against the inspector's token.
    RunWordlist,
    /// Show an exercise first and apply its preset values.
    StartExercise(String),
    /// Add exercise ids to the completed set, from a check or from storage.
    MarkCompleted(Vec<String>),
    ResetProgress,
}

impl AppState {
    /// Returns the state of a freshly opened page, with demo values and the
    /// first user's token already in the inspector.
    pub fn new(now: i64) -> AppState {
        let users = demo_users();
        let next_row = users.len() as u32 + 1;
        let ids: Vec<&str> = users.iter().map(|user| user.id.as_str()).collect();
        let placeholder = Fresh::placeholder(now * 1000, ids.len());
        // Derived keys, the default method, ignore the random values, and a
        // switch to random keys draws new ones.
        let lab = ServerLab::demo(&ids, placeholder.now_millis, &placeholder.randoms)
            .expect("placeholder random values are valid");
        let mut state = AppState {
            secret_text: DEMO_SECRET.to_owned(),
            secret_encoding: SecretEncoding::Utf8,
            previous_secret: None,
            users,
            next_row,
            users_notice: None,
            login_time: now,
            signer: SignerState {
                alg: HmacAlg::Hs256,
                typ_text: "JWT".to_owned(),
                kid_text: String::new(),
                payload_text: DEMO_PAYLOAD.to_owned(),
                lifetime: 3600,
                edit_error: None,
            },
            inspector: InspectorState {
                token_text: String::new(),
                secret_text: DEMO_SECRET.to_owned(),
                encoding: SecretEncoding::Utf8,
                leeway_text: DEFAULT_LEEWAY_SECONDS.to_string(),
                check_time: true,
                pretend_time_text: String::new(),
            },
            lab,
            request: Request {
                method: "GET".to_owned(),
                path: DATA_PATH.to_owned(),
                header_name: API_KEY_HEADER.to_owned(),
                header_value: String::new(),
                login_user: None,
            },
            last_response: None,
            lab_clock_offset: 0,
            lab_error: None,
            workshop: WorkshopState::default(),
            rate_limit_drafts: std::collections::BTreeMap::new(),
            last_batch: Vec::new(),
        };
        state.apply(Action::InspectUserToken { row: 1 });
        state.apply(Action::UseApiKey { id: "1".to_owned() });
        state
    }

    /// Applies one action with placeholder time and random values. The page
    /// calls [`AppState::apply_with`] with real ones.
    pub fn apply(&mut self, action: Action) {
        let fresh = Fresh::placeholder(self.login_time * 1000, action.randoms_needed(self));
        self.apply_with(action, &fresh);
    }

    /// Applies one action. `fresh` supplies the time and random values for
    /// actions that issue keys or token ids.
    pub fn apply_with(&mut self, action: Action, fresh: &Fresh) {
        let users_before = self.users.clone();
        self.lab_error = None;
        match action {
            Action::SetSecret(text) => self.replace_secret(text, self.secret_encoding),
            Action::SetSecretEncoding(encoding) => {
                self.replace_secret(self.secret_text.clone(), encoding)
            }
            Action::UseRandomSecret(hex) => self.replace_secret(hex, SecretEncoding::Hex),
            Action::AddUser => self.add_user(),
            Action::EditUser { row, id } => {
                if let Some(user) = self.users.iter_mut().find(|user| user.row == row) {
                    let old_id = std::mem::replace(&mut user.id, id.clone());
                    // Another row with the old id keeps the server record.
                    if self.users.iter().all(|user| user.id != old_id) {
                        self.lab.rename_user(&old_id, &id);
                    }
                }
            }
            Action::RemoveUser { row } => {
                self.users.retain(|user| user.row != row);
                self.users_notice = None;
            }
            Action::LogInAgain { now } => {
                // Two logins in the same second would give equal tokens, so
                // the time always moves forward.
                self.login_time = now.max(self.login_time + 1);
            }
            Action::SetToken(text) => self.inspector.token_text = text,
            Action::SetVerifySecret(text) => self.inspector.secret_text = text,
            Action::SetVerifyEncoding(encoding) => self.inspector.encoding = encoding,
            Action::SetLeeway(text) => self.inspector.leeway_text = text,
            Action::SetCheckTime(check) => self.inspector.check_time = check,
            Action::SetPretendTime(text) => self.inspector.pretend_time_text = text,
            Action::InspectUserToken { row } => self.inspect_user_token(row),
            Action::SetSignerAlg(alg) => self.signer.alg = alg,
            Action::SetSignerTyp(text) => self.signer.typ_text = text,
            Action::SetSignerKid(text) => self.signer.kid_text = text,
            Action::SetSignerPayload(text) => {
                self.signer.payload_text = text;
                self.signer.edit_error = None;
            }
            Action::SetSignerLifetime(seconds) => self.signer.lifetime = seconds,
            Action::SetSignerClaim { name, value } => {
                match set_claim(&self.signer.payload_text, &name, value) {
                    Ok(text) => {
                        self.signer.payload_text = text;
                        self.signer.edit_error = None;
                    }
                    Err(error) => {
                        self.signer.edit_error = Some(format!("Cannot set {name}: {error}"))
                    }
                }
            }
            Action::ReplaceUsers(ids) => {
                self.users = ids
                    .into_iter()
                    .take(MAX_USERS)
                    .zip(1..)
                    .map(|(id, row)| User { row, id })
                    .collect();
                self.next_row = self.users.len() as u32 + 1;
                self.users_notice = None;
            }
            Action::SetKeyMethod(method) => {
                let result = self
                    .lab
                    .set_method(method, fresh.now_millis, &fresh.randoms);
                self.note_lab_result(result);
            }
            Action::SetKeyLength(length) => self.lab.set_length(length),
            Action::RevokeKey { id } => {
                let result = self.lab.revoke(&id);
                self.note_lab_result(result);
            }
            Action::ReactivateKey { id } => {
                let result = self.lab.reactivate(&id);
                self.note_lab_result(result);
            }
            Action::RotateKey { id } => {
                let random = fresh
                    .randoms
                    .first()
                    .map(String::as_str)
                    .unwrap_or_default();
                let result = self.lab.rotate(&id, fresh.now_millis, random);
                self.note_lab_result(result);
            }
            Action::SetRole { id, role } => {
                let result = self.lab.set_role(&id, role);
                self.note_lab_result(result);
            }
            Action::SetRateLimit { id, text } => match text.trim().parse::<u32>() {
                Ok(limit) if (1..=MAX_RATE_LIMIT).contains(&limit) => {
                    self.rate_limit_drafts.remove(&id);
                    let result = self.lab.set_rate_limit(&id, limit);
                    self.note_lab_result(result);
                }
                _ => {
                    self.rate_limit_drafts.insert(id, text);
                }
            },
            Action::SetSharedKeyMode(on) => self.lab.set_shared_key_mode(on),
            Action::SetTokenLifetime(seconds) => self.lab.set_token_lifetime(seconds),
            Action::SetLabClockOffset(seconds) => {
                self.lab_clock_offset = seconds.clamp(0, MAX_LAB_CLOCK_OFFSET)
            }
            Action::SetRequestPath(path) => {
                self.request.method = if path == crate::server::handler::LOGIN_PATH {
                    "POST".to_owned()
                } else {
                    "GET".to_owned()
                };
                self.request.path = path;
            }
            Action::SetRequestHeaderName(name) => self.request.header_name = name,
            Action::SetRequestHeaderValue(value) => self.request.header_value = value,
            Action::SetLoginUser(id) => self.request.login_user = Some(id),
            Action::UseApiKey { id } => {
                if let (Some(user), Ok(key)) = (self.lab.user(&id), self.secret_key()) {
                    self.request.header_name = API_KEY_HEADER.to_owned();
                    self.request.header_value = self.lab.issued_key(user, &key);
                    if self.request.path == crate::server::handler::LOGIN_PATH {
                        self.request.path = DATA_PATH.to_owned();
                        self.request.method = "GET".to_owned();
                    }
                }
            }
            Action::UseBearerToken(token) => {
                self.request.header_name = crate::server::handler::AUTHORIZATION_HEADER.to_owned();
                self.request.header_value = format!("Bearer {token}");
                if self.request.path == crate::server::handler::LOGIN_PATH {
                    self.request.path = DATA_PATH.to_owned();
                    self.request.method = "GET".to_owned();
                }
            }
            Action::SendRequest { now } => match self.secret_key() {
                Ok(key) => {
                    let jti = fresh
                        .randoms
                        .first()
                        .map(String::as_str)
                        .unwrap_or_default();
                    let server_now = now.saturating_add(self.lab_clock_offset);
                    let mut request = self.request.clone();
                    if request.path == crate::server::handler::LOGIN_PATH
                        && request.login_user.is_none()
                    {
                        request.login_user = self.users.first().map(|user| user.id.clone());
                    }
                    self.last_response = Some(self.lab.handle(&request, &key, server_now, jti));
                }
                Err(_) => {
                    self.last_response = None;
                    self.lab_error =
                        Some("Fix the server secret before sending requests.".to_owned())
                }
            },
            Action::ClearAuditLog => self.lab.audit.clear(),
            Action::SendForEveryUser { now } => match self.secret_key() {
                Ok(key) => {
                    let server_now = now.saturating_add(self.lab_clock_offset);
                    let ids: Vec<String> = self.users.iter().map(|user| user.id.clone()).collect();
                    self.last_batch = ids
                        .into_iter()
                        .filter_map(|id| {
                            let issued = self.lab.issued_key(self.lab.user(&id)?, &key);
                            let request = crate::server::handler::api_key_request(&issued);
                            let response = self.lab.handle(&request, &key, server_now, "");
                            let recorded = self
                                .lab
                                .audit
                                .last()
                                .map(|entry| entry.user_label().to_owned())
                                .unwrap_or_default();
                            Some(BatchResult {
                                user_id: id,
                                status: response.status,
                                recorded_as: recorded,
                            })
                        })
                        .collect();
                }
                Err(_) => {
                    self.last_batch.clear();
                    self.lab_error =
                        Some("Fix the server secret before sending requests.".to_owned())
                }
            },
            Action::SetComputedKey(text) => self.workshop.computed_key = text,
            Action::SetOwnerAnswer(text) => self.workshop.owner_answer = text,
            Action::SetPrediction(prediction) => {
                self.workshop.prediction = Some(prediction);
                self.workshop.secret_at_prediction = Some(self.secret_text.clone());
            }
            Action::SetCrackedSecret(text) => self.workshop.cracked_secret = text,
            Action::RunWordlist => {
                let token = crate::token::clean::clean_pasted(&self.inspector.token_text).token;
                self.workshop.crack_result = Some(crack(&token, &wordlist()));
            }
            Action::StartExercise(id) => match exercise(&id) {
                Some(chosen) => {
                    self.workshop.current = Some(chosen.id);
                    self.workshop.notice = None;
                    for preset in preset_actions(chosen) {
                        self.apply_with(preset, fresh);
                    }
                }
                None => {
                    let known: Vec<&str> = crate::workshop::EXERCISES
                        .iter()
                        .map(|exercise| exercise.id)
                        .collect();
                    self.workshop.notice = Some(format!(
                        "There is no exercise \"{id}\"; check the link. The exercises are: {}.",
                        known.join(", ")
                    ));
                }
            },
            Action::MarkCompleted(ids) => self.workshop.completed.extend(ids),
            Action::ResetProgress => {
                self.workshop = WorkshopState {
                    current: self.workshop.current,
                    ..WorkshopState::default()
                }
            }
            Action::SendSignedToInspector => {
                if let Ok(token) = self.signed_token() {
                    self.inspector.token_text = token;
                    self.inspector.secret_text = self.secret_text.clone();
                    self.inspector.encoding = self.secret_encoding;
                }
            }
        }

        if self.users != users_before {
            let ids: Vec<&str> = self.users.iter().map(|user| user.id.as_str()).collect();
            let result = self.lab.sync_users(&ids, fresh.now_millis, &fresh.randoms);
            self.note_lab_result(result);
        }
    }

    fn note_lab_result(&mut self, result: Result<(), crate::server::lab::LabError>) {
        if let Err(error) = result {
            self.lab_error = Some(error.to_string());
        }
    }

    /// Signs the signer's payload with the server secret.
    pub fn signed_token(&self) -> Result<String, String> {
        let key = self
            .secret_key()
            .map_err(|_| "Fix the server secret to sign a token.".to_owned())?;
        build_token(
            self.signer.alg,
            &self.signer.typ_text,
            &self.signer.kid_text,
            &self.signer.payload_text,
            &key,
        )
        .map_err(|error: BuildError| error.to_string())
    }

    fn replace_secret(&mut self, text: String, encoding: SecretEncoding) {
        if text != self.secret_text || encoding != self.secret_encoding {
            let old_text = std::mem::replace(&mut self.secret_text, text);
            self.previous_secret = Some((old_text, self.secret_encoding));
            self.secret_encoding = encoding;
        }
    }

    fn add_user(&mut self) {
        if self.users.len() >= MAX_USERS {
            self.users_notice = Some(format!(
                "The list holds at most {MAX_USERS} users; remove one to add another."
            ));
            return;
        }
        let id = next_free_id(&self.users);
        self.users.push(User {
            row: self.next_row,
            id,
        });
        self.next_row += 1;
    }

    fn inspect_user_token(&mut self, row: u32) {
        let Some(user) = self.users.iter().find(|user| user.row == row) else {
            return;
        };
        let Ok(key) = self.secret_key() else {
            return;
        };
        if check_user_id(&user.id).is_err() {
            return;
        }
        if let Ok(token) = sign_user_token(&key, &user.id, self.login_time) {
            self.inspector.token_text = token;
            self.inspector.secret_text = self.secret_text.clone();
            self.inspector.encoding = self.secret_encoding;
        }
    }

    /// Decodes the server secret.
    pub fn secret_key(&self) -> Result<Vec<u8>, SecretError> {
        decode_secret(&self.secret_text, self.secret_encoding)
    }

    /// Returns everything [`AppState::user_views`] depends on, so the page
    /// recomputes keys and tokens only when one of these changes.
    pub fn user_view_inputs(&self) -> UserViewInputs {
        UserViewInputs {
            secret_text: self.secret_text.clone(),
            secret_encoding: self.secret_encoding,
            users: self.users.clone(),
            login_time: self.login_time,
            lab_users: self.lab.users.clone(),
            method: self.lab.method,
            length: self.lab.length,
            shared_key_mode: self.lab.shared_key_mode,
            shared_key_version: self.lab.shared_key_version,
        }
    }

    /// Computes what the users table shows for every user.
    pub fn user_views(&self) -> Vec<UserView> {
        let key = self.secret_key().ok();
        let deriver = key.as_deref().map(KeyDeriver::new);
        self.users
            .iter()
            .map(|user| {
                let credentials = match (&key, &deriver, check_user_id(&user.id)) {
                    (_, _, Err(error)) => Err(error.to_string()),
                    (Some(key), Some(deriver), Ok(())) => Ok(decode_credentials(Credentials {
                        // The key the server issues: by default the derived
                        // key, unless the server lab rotated it or issues
                        // keys another way.
                        api_key: match self.lab.user(&user.id) {
                            Some(record) => self.lab.issued_key(record, key),
                            None => deriver.api_key(&user.id),
                        },
                        token: sign_user_token(key, &user.id, self.login_time)
                            .map_err(|error| error.to_string()),
                        decoded: (String::new(), String::new()),
                    })),
                    _ => Err("Fix the server secret to see this key.".to_owned()),
                };
                UserView {
                    row: user.row,
                    id: user.id.clone(),
                    credentials,
                }
            })
            .collect()
    }

    /// Counts how many of the current users' keys changed with the latest
    /// secret edit, as `(changed, compared)`.
    pub fn keys_changed_by_last_edit(&self) -> Option<(usize, usize)> {
        let (old_text, old_encoding) = self.previous_secret.as_ref()?;
        let old_key = decode_secret(old_text, *old_encoding).ok()?;
        let new_key = self.secret_key().ok()?;
        let old = KeyDeriver::new(&old_key);
        let new = KeyDeriver::new(&new_key);
        let ids: Vec<&str> = self
            .users
            .iter()
            .map(|user| user.id.as_str())
            .filter(|id| check_user_id(id).is_ok())
            .collect();
        let changed = ids
            .iter()
            .filter(|id| old.api_key(id) != new.api_key(id))
            .count();
        Some((changed, ids.len()))
    }

    /// Returns the token from the latest `POST /api/login` response, if the
    /// latest response was one.
    pub fn last_login_token(&self) -> Option<String> {
        let response = self.last_response.as_ref()?;
        let body: serde_json::Value = serde_json::from_str(&response.body).ok()?;
        body.get("token")?.as_str().map(str::to_owned)
    }

    /// Describes how the server made user `id`'s current key, so a learner
    /// can recompute a rotated or differently issued key by hand.
    pub fn key_origin(&self, id: &str) -> Option<String> {
        use crate::server::key_methods::versioned_message;
        use crate::server::lab::SHARED_KEY_MESSAGE;

        let user = self.lab.user(id)?;
        let chars = self.lab.length.hex_chars();
        if self.lab.shared_key_mode {
            let message = versioned_message(SHARED_KEY_MESSAGE, self.lab.shared_key_version);
            return Some(format!(
                "one shared key for all: HMAC(secret, {message:?}), {chars} hex characters"
            ));
        }
        Some(match self.lab.method {
            KeyMethod::Derived if user.key_version <= 1 && chars == 32 => return None,
            KeyMethod::Derived if user.key_version <= 1 => {
                format!("HMAC(secret, {id:?}), {chars} hex characters")
            }
            KeyMethod::Derived => format!(
                "rotated {} times: HMAC(secret, {:?}), {chars} hex characters",
                user.key_version - 1,
                versioned_message(id, user.key_version)
            ),
            KeyMethod::DerivedWithTimestamp => format!(
                "HMAC(secret, {:?}), {chars} hex characters",
                format!("{id}-{}", user.key_nonce.issued_millis)
            ),
            KeyMethod::Random => {
                "16 random bytes; the server stores this key because nothing can recompute it"
                    .to_owned()
            }
        })
    }

    /// Returns the rate-limit field's text for user `id` and, when that
    /// text is not a valid limit, the message that explains it.
    pub fn rate_limit_field(&self, id: &str) -> (String, Option<String>) {
        match self.rate_limit_drafts.get(id) {
            Some(text) => (
                text.clone(),
                Some(format!(
                    "Enter a whole number of requests per minute from 1 to {MAX_RATE_LIMIT}; \
                     the server keeps the previous limit until then."
                )),
            ),
            None => {
                let limit = if self.lab.shared_key_mode {
                    self.lab.shared_rate_limit
                } else {
                    self.lab.user(id).map_or(0, |user| user.rate_limit)
                };
                (limit.to_string(), None)
            }
        }
    }

    /// Returns the server's clock for a real time of `real_now` seconds.
    pub fn lab_now(&self, real_now: i64) -> i64 {
        real_now.saturating_add(self.lab_clock_offset)
    }

    /// Counts the requests the server has counted for user `id` in the
    /// one-minute window around the server time `server_now`. In shared-key
    /// mode every user shares one counter.
    pub fn requests_this_minute(&self, id: &str, server_now: i64) -> u32 {
        use crate::server::lab::{CounterOwner, RATE_WINDOW_SECONDS};

        let owner = if self.lab.shared_key_mode {
            CounterOwner::Shared
        } else {
            CounterOwner::User(id.to_owned())
        };
        let window = server_now.div_euclid(RATE_WINDOW_SECONDS);
        self.lab
            .counters
            .get(&owner)
            .filter(|count| count.window == window)
            .map_or(0, |count| count.count)
    }

    /// Runs the inspector on its current inputs at the real time `real_now`,
    /// with the pretended time, leeway and time-check settings applied.
    pub fn inspection(&self, real_now: i64) -> crate::token::Inspection {
        let key = decode_secret(&self.inspector.secret_text, self.inspector.encoding);
        let time = crate::token::TimeOptions {
            now: self.inspector_now(real_now).unwrap_or(real_now),
            leeway: self.leeway().unwrap_or(DEFAULT_LEEWAY_SECONDS),
            check_time: self.inspector.check_time,
        };
        crate::token::inspect(&self.inspector.token_text, key.as_deref().ok(), time)
    }

    /// Returns the inspector's leeway in seconds, or why the field is wrong.
    pub fn leeway(&self) -> Result<i64, String> {
        let text = self.inspector.leeway_text.trim();
        match text.parse::<i64>() {
            Ok(seconds) if (0..=MAX_LEEWAY_SECONDS).contains(&seconds) => Ok(seconds),
            _ => Err(format!(
                "Leeway must be a whole number of seconds from 0 to {MAX_LEEWAY_SECONDS}; \
                 {DEFAULT_LEEWAY_SECONDS} is used until it is."
            )),
        }
    }

    /// Returns the time the inspector checks against: the pretended time if
    /// one is set, else `real_now`.
    pub fn inspector_now(&self, real_now: i64) -> Result<i64, String> {
        if self.inspector.pretend_time_text.trim().is_empty() {
            return Ok(real_now);
        }
        let seconds = parse_time_input(&self.inspector.pretend_time_text)?;
        if (0..=LATEST_PRETEND_TIME).contains(&seconds) {
            Ok(seconds)
        } else {
            Err(format!(
                "Pretend times must lie between 1970-01-01 and 9999-12-31 UTC; {seconds} is \
                 outside. The real clock is used until then."
            ))
        }
    }
}

/// Fills in the decoded header and payload of a user's token.
fn decode_credentials(mut credentials: Credentials) -> Credentials {
    if let Ok(token) = &credentials.token {
        let time = crate::token::TimeOptions {
            now: 0,
            leeway: 0,
            check_time: false,
        };
        let inspection = crate::token::inspect(token, None, time);
        let pretty = |json: Option<crate::token::inspect::DecodedJson>| {
            json.and_then(|json| json.pretty).unwrap_or_default()
        };
        credentials.decoded = (pretty(inspection.header), pretty(inspection.payload));
    }
    credentials
}

/// The inputs of [`AppState::user_views`], compared to skip recomputing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserViewInputs {
    secret_text: String,
    secret_encoding: SecretEncoding,
    users: Vec<User>,
    login_time: i64,
    lab_users: Vec<crate::server::lab::ServerUser>,
    method: KeyMethod,
    length: KeyLength,
    shared_key_mode: bool,
    shared_key_version: u32,
}

/// A user's row as displayed.
#[derive(Clone, Debug, PartialEq)]
pub struct UserView {
    pub row: u32,
    pub id: String,
    /// The API key and login token, or the message that replaces them.
    pub credentials: Result<Credentials, String>,
}

/// A user's API key and login token.
#[derive(Clone, Debug, PartialEq)]
pub struct Credentials {
    pub api_key: String,
    pub token: Result<String, String>,
    /// The token's header and payload as indented JSON, decoded once here
    /// so rendering does not decode every token again.
    pub decoded: (String, String),
}
