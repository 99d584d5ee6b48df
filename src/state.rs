//! The page's state and the actions that change it, free of any browser
//! API so that every transition is tested natively.

use serde_json::Value;

use crate::alg::HmacAlg;
use crate::api_key::KeyDeriver;
use crate::secret::{decode_secret, SecretEncoding, SecretError, DEMO_SECRET};
use crate::time_text::parse_time_input;
use crate::token::builder::{build_token, set_claim, BuildError, DEMO_PAYLOAD};
use crate::token::{sign_user_token, DEFAULT_LEEWAY_SECONDS};
use crate::users::{check_user_id, demo_users, next_free_id, User, MAX_USERS};

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
}

impl AppState {
    /// Returns the state of a freshly opened page, with demo values and the
    /// first user's token already in the inspector.
    pub fn new(now: i64) -> AppState {
        let users = demo_users();
        let next_row = users.len() as u32 + 1;
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
        };
        state.apply(Action::InspectUserToken { row: 1 });
        state
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::SetSecret(text) => self.replace_secret(text, self.secret_encoding),
            Action::SetSecretEncoding(encoding) => {
                self.replace_secret(self.secret_text.clone(), encoding)
            }
            Action::UseRandomSecret(hex) => self.replace_secret(hex, SecretEncoding::Hex),
            Action::AddUser => self.add_user(),
            Action::EditUser { row, id } => {
                if let Some(user) = self.users.iter_mut().find(|user| user.row == row) {
                    user.id = id;
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
            Action::SendSignedToInspector => {
                if let Ok(token) = self.signed_token() {
                    self.inspector.token_text = token;
                    self.inspector.secret_text = self.secret_text.clone();
                    self.inspector.encoding = self.secret_encoding;
                }
            }
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

    /// Computes what the users table shows for every user.
    pub fn user_views(&self) -> Vec<UserView> {
        let key = self.secret_key().ok();
        let deriver = key.as_deref().map(KeyDeriver::new);
        self.users
            .iter()
            .map(|user| {
                let credentials = match (&key, &deriver, check_user_id(&user.id)) {
                    (_, _, Err(error)) => Err(error.to_string()),
                    (Some(key), Some(deriver), Ok(())) => Ok(Credentials {
                        api_key: deriver.api_key(&user.id),
                        token: sign_user_token(key, &user.id, self.login_time)
                            .map_err(|error| error.to_string()),
                    }),
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
            Ok(real_now)
        } else {
            parse_time_input(&self.inspector.pretend_time_text)
        }
    }
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
}
