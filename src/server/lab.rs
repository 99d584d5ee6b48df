//! The simulated server's state: its users table, how it issues API keys,
//! its audit log and its rate-limit counters, and the actions that change
//! them.
//!
//! The lab is pure. The clock and every random value arrive as parameters,
//! so the same calls always give the same state. Request handling lives in
//! [`crate::server::handler`].

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use crate::server::key_methods::{
    derived_key_versioned, normalize_random_hex, random_key, timestamp_key, KeyLength, KeyMethod,
    RANDOM_KEY_HEX_CHARS,
};

/// Requests per minute each demo user may make.
pub const DEFAULT_RATE_LIMIT: u32 = 5;

/// Default lifetime of login tokens, in seconds.
pub const DEFAULT_TOKEN_LIFETIME_SECONDS: i64 = 3600;

/// Maximum login token lifetime, in seconds (one year).
pub const MAX_TOKEN_LIFETIME_SECONDS: i64 = 365 * 24 * 3600;

/// Length of a rate-limit window, in seconds.
pub const RATE_WINDOW_SECONDS: i64 = 60;

/// Number of audit entries kept; older entries are dropped first.
pub const MAX_AUDIT_ENTRIES: usize = 500;

/// Message that every user's key is derived from in shared-key mode.
pub const SHARED_KEY_MESSAGE: &str = "shared";

/// Usernames of the demo users, in order.
pub const DEMO_USERNAMES: [&str; 3] = ["alice", "bob", "carol"];

/// Access level of a user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Role {
    /// May call `/api/data`.
    #[default]
    Reader,
    /// May call `/api/data` and `/api/admin`.
    Admin,
}

impl Role {
    /// All roles, in the order the UI lists them.
    pub const ALL: [Role; 2] = [Role::Reader, Role::Admin];

    /// Stable identifier, also the value of the `role` claim in tokens.
    pub fn id(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Admin => "admin",
        }
    }

    /// Parses an identifier returned by [`Role::id`].
    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.id() == id)
    }
}

/// Whether a user's API key is accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Status {
    /// The key is accepted.
    #[default]
    Active,
    /// The key is rejected with 401.
    Revoked,
}

impl Status {
    /// Stable identifier used in `data-` attributes and tests.
    pub fn id(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Revoked => "revoked",
        }
    }
}

/// Record of the last issue of a user's key: the issue time and
/// [`RANDOM_KEY_HEX_CHARS`] random hex digits. The key method decides which
/// of them enters the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyNonce {
    /// Issue time in milliseconds since the Unix epoch, the input of
    /// [`KeyMethod::DerivedWithTimestamp`].
    pub issued_millis: i64,
    /// Lowercase hex of 16 CSPRNG bytes, the whole key of
    /// [`KeyMethod::Random`].
    pub random_hex: String,
}

/// One row of the server's users table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerUser {
    pub id: String,
    pub username: String,
    pub role: Role,
    pub status: Status,
    /// Requests allowed per one-minute window.
    pub rate_limit: u32,
    /// Starts at 1 and grows by one with every rotation.
    pub key_version: u32,
    pub key_nonce: KeyNonce,
}

/// One line of the server's audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    /// Seconds since the Unix epoch.
    pub time: i64,
    /// The user the server identified, or `None` when it could not tell.
    pub user_id: Option<String>,
    pub method: String,
    pub path: String,
    pub status: u16,
}

impl AuditEntry {
    /// Returns the user id, or `unknown` when the server could not tell.
    pub fn user_label(&self) -> &str {
        self.user_id.as_deref().unwrap_or("unknown")
    }
}

/// Whose requests a rate-limit counter counts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CounterOwner {
    User(String),
    /// Everybody at once, in shared-key mode.
    Shared,
}

/// Requests counted in one window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowCount {
    /// Window number: seconds since the epoch divided by
    /// [`RATE_WINDOW_SECONDS`], rounded down.
    pub window: i64,
    pub count: u32,
}

/// Error from an action on the lab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabError {
    /// No user has this id.
    UnknownUser { id: String },
    /// A random value is not [`RANDOM_KEY_HEX_CHARS`] hex digits.
    InvalidRandomHex { length: usize },
    /// Fewer random values than users that need one.
    MissingRandomHex { needed: usize, given: usize },
}

impl fmt::Display for LabError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LabError::UnknownUser { id } => write!(
                f,
                "No user with id {id:?} is on the server; pick a user from the table."
            ),
            LabError::InvalidRandomHex { length } => write!(
                f,
                "A random value has {length} characters but must be {RANDOM_KEY_HEX_CHARS} hex \
                 digits (16 CSPRNG bytes); draw it again."
            ),
            LabError::MissingRandomHex { needed, given } => write!(
                f,
                "{needed} random values are needed but {given} were given; draw one per user."
            ),
        }
    }
}

impl std::error::Error for LabError {}

/// The simulated server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerLab {
    pub users: Vec<ServerUser>,
    /// Method of every issued key; [`ServerLab::set_method`] reissues all
    /// keys when it changes.
    pub method: KeyMethod,
    /// Number of hex characters that derived keys keep.
    pub length: KeyLength,
    /// When on, every user presents one key and the server cannot tell
    /// them apart.
    pub shared_key_mode: bool,
    /// Whether the one shared key is revoked.
    pub shared_revoked: bool,
    /// Version of the shared key; rotating any row rotates it.
    pub shared_key_version: u32,
    /// Requests per window allowed to everybody together in shared-key mode.
    pub shared_rate_limit: u32,
    /// Newest entry last, at most [`MAX_AUDIT_ENTRIES`].
    pub audit: Vec<AuditEntry>,
    pub counters: BTreeMap<CounterOwner, WindowCount>,
    /// Lifetime of login tokens, in seconds.
    pub token_lifetime: i64,
}

impl ServerLab {
    /// Creates a server with one row per id, issued at `now_millis`.
    ///
    /// The first three rows get the usernames alice, bob and carol; later
    /// rows are named `user<N>`. The first row is an admin and the others
    /// are readers. `random_hexes` needs one value per id, each
    /// [`RANDOM_KEY_HEX_CHARS`] hex digits.
    pub fn demo(
        user_ids: &[&str],
        now_millis: i64,
        random_hexes: &[String],
    ) -> Result<ServerLab, LabError> {
        let mut lab = ServerLab {
            users: Vec::new(),
            method: KeyMethod::default(),
            length: KeyLength::default(),
            shared_key_mode: false,
            shared_revoked: false,
            shared_key_version: 1,
            shared_rate_limit: DEFAULT_RATE_LIMIT,
            audit: Vec::new(),
            counters: BTreeMap::new(),
            token_lifetime: DEFAULT_TOKEN_LIFETIME_SECONDS,
        };
        lab.sync_users(user_ids, now_millis, random_hexes)?;
        if let Some(first) = lab.users.first_mut() {
            first.role = Role::Admin;
        }
        Ok(lab)
    }

    /// Returns the user with `id`.
    pub fn user(&self, id: &str) -> Option<&ServerUser> {
        self.users.iter().find(|user| user.id == id)
    }

    fn user_mut(&mut self, id: &str) -> Result<&mut ServerUser, LabError> {
        self.users
            .iter_mut()
            .find(|user| user.id == id)
            .ok_or_else(|| LabError::UnknownUser { id: id.to_owned() })
    }

    /// Returns the key the users table shows for `user`. In shared-key mode
    /// every user shows the one shared key.
    pub fn issued_key(&self, user: &ServerUser, secret: &[u8]) -> String {
        if self.shared_key_mode {
            return self.shared_key(secret);
        }
        key_for(self.method, self.length, user, secret)
    }

    /// Returns the one key of shared-key mode: derived from the secret and
    /// [`SHARED_KEY_MESSAGE`], versioned like a per-user key.
    pub fn shared_key(&self, secret: &[u8]) -> String {
        derived_key_versioned(
            secret,
            SHARED_KEY_MESSAGE,
            self.shared_key_version,
            self.length,
        )
    }

    /// Returns the status the server applies to `user`: in shared-key mode
    /// that is the status of the one shared key.
    pub fn effective_status(&self, user: &ServerUser) -> Status {
        if !self.shared_key_mode {
            return user.status;
        }
        if self.shared_revoked {
            Status::Revoked
        } else {
            Status::Active
        }
    }

    /// Returns the role the server applies to `user`: in shared-key mode
    /// the one key must reach every endpoint, so everybody is an admin.
    pub fn effective_role(&self, user: &ServerUser) -> Role {
        if self.shared_key_mode {
            Role::Admin
        } else {
            user.role
        }
    }

    /// Revokes the user's key. In shared-key mode it revokes the one
    /// shared key, which locks everybody out.
    pub fn revoke(&mut self, id: &str) -> Result<(), LabError> {
        if self.shared_key_mode {
            self.user_mut(id)?;
            self.shared_revoked = true;
            return Ok(());
        }
        self.user_mut(id)?.status = Status::Revoked;
        Ok(())
    }

    /// Accepts the user's key again. In shared-key mode it reactivates the
    /// one shared key.
    pub fn reactivate(&mut self, id: &str) -> Result<(), LabError> {
        if self.shared_key_mode {
            self.user_mut(id)?;
            self.shared_revoked = false;
            return Ok(());
        }
        self.user_mut(id)?.status = Status::Active;
        Ok(())
    }

    /// Issues the user a new key, so the old one gets 401 from now on.
    ///
    /// The version grows by one, the issue time becomes `now_millis` (at
    /// least one millisecond after the previous one, so a timestamp key
    /// changes even on a repeated clock reading) and `random_hex` replaces
    /// the random value. In shared-key mode it rotates the one shared key.
    pub fn rotate(&mut self, id: &str, now_millis: i64, random_hex: &str) -> Result<(), LabError> {
        let random_hex = checked_random_hex(random_hex)?;
        if self.shared_key_mode {
            self.user_mut(id)?;
            self.shared_key_version = self.shared_key_version.saturating_add(1);
            return Ok(());
        }
        let user = self.user_mut(id)?;
        user.key_version = user.key_version.saturating_add(1);
        user.key_nonce = KeyNonce {
            issued_millis: now_millis.max(user.key_nonce.issued_millis.saturating_add(1)),
            random_hex,
        };
        Ok(())
    }

    /// Sets the user's role.
    pub fn set_role(&mut self, id: &str, role: Role) -> Result<(), LabError> {
        self.user_mut(id)?.role = role;
        Ok(())
    }

    /// Sets the user's limit in requests per minute. In shared-key mode the
    /// one shared limit is set instead, because one counter serves everybody.
    pub fn set_rate_limit(&mut self, id: &str, requests_per_minute: u32) -> Result<(), LabError> {
        if self.shared_key_mode {
            self.user_mut(id)?;
            self.shared_rate_limit = requests_per_minute;
            return Ok(());
        }
        self.user_mut(id)?.rate_limit = requests_per_minute;
        Ok(())
    }

    /// Switches the key method and reissues every key: each user gets
    /// `now_millis` as issue time and the random value at the same index in
    /// `random_hexes`. Versions restart at 1.
    pub fn set_method(
        &mut self,
        method: KeyMethod,
        now_millis: i64,
        random_hexes: &[String],
    ) -> Result<(), LabError> {
        if random_hexes.len() < self.users.len() {
            return Err(LabError::MissingRandomHex {
                needed: self.users.len(),
                given: random_hexes.len(),
            });
        }
        let mut nonces = Vec::with_capacity(self.users.len());
        for random_hex in random_hexes.iter().take(self.users.len()) {
            nonces.push(KeyNonce {
                issued_millis: now_millis,
                random_hex: checked_random_hex(random_hex)?,
            });
        }
        for (user, nonce) in self.users.iter_mut().zip(nonces) {
            user.key_nonce = nonce;
            user.key_version = 1;
        }
        self.method = method;
        Ok(())
    }

    /// Sets how many hex characters derived keys keep. Every derived key
    /// changes at once; random keys keep their 32 characters.
    pub fn set_length(&mut self, length: KeyLength) {
        self.length = length;
    }

    /// Turns shared-key mode on or off. The shared key starts active, and
    /// the shared rate-limit counter starts empty.
    pub fn set_shared_key_mode(&mut self, on: bool) {
        if self.shared_key_mode == on {
            return;
        }
        self.shared_key_mode = on;
        self.shared_revoked = false;
        self.counters.remove(&CounterOwner::Shared);
    }

    /// Sets the lifetime of login tokens, clamped to 1 second ..=
    /// [`MAX_TOKEN_LIFETIME_SECONDS`].
    pub fn set_token_lifetime(&mut self, seconds: i64) {
        self.token_lifetime = seconds.clamp(1, MAX_TOKEN_LIFETIME_SECONDS);
    }

    /// Follows the page's user list: keeps the records of ids still
    /// present, in the page's order, and adds a reader with the default
    /// limit for each new id.
    ///
    /// `random_hexes` pairs with `user_ids` by index; a value is used only
    /// when its id is new. A repeated id keeps its first row, because two
    /// rows with one id would share one key.
    pub fn sync_users(
        &mut self,
        user_ids: &[&str],
        now_millis: i64,
        random_hexes: &[String],
    ) -> Result<(), LabError> {
        // Work on a copy so that a failed call leaves the table unchanged.
        let mut old = self.users.clone();
        let mut synced: Vec<ServerUser> = Vec::with_capacity(user_ids.len());
        // Names of rows that stay are taken; names of rows that go are free.
        let mut taken_usernames: HashSet<String> = old
            .iter()
            .filter(|user| user_ids.contains(&user.id.as_str()))
            .map(|user| user.username.clone())
            .collect();

        for (index, id) in user_ids.iter().enumerate() {
            if synced.iter().any(|user| user.id == *id) {
                continue;
            }
            if let Some(position) = old.iter().position(|user| user.id == *id) {
                synced.push(old.remove(position));
                continue;
            }

            let random_hex = random_hexes.get(index).ok_or(LabError::MissingRandomHex {
                needed: user_ids.len(),
                given: random_hexes.len(),
            })?;
            let random_hex = checked_random_hex(random_hex)?;
            let username = free_username(&taken_usernames);
            taken_usernames.insert(username.clone());
            synced.push(ServerUser {
                id: (*id).to_owned(),
                username,
                role: Role::Reader,
                status: Status::Active,
                rate_limit: DEFAULT_RATE_LIMIT,
                key_version: 1,
                key_nonce: KeyNonce {
                    issued_millis: now_millis,
                    random_hex,
                },
            });
        }

        self.counters.retain(|owner, _| match owner {
            CounterOwner::User(id) => synced.iter().any(|user| &user.id == id),
            CounterOwner::Shared => true,
        });
        self.users = synced;
        Ok(())
    }

    /// Moves the record of `old_id` to `new_id` when a row's id is edited,
    /// so the user keeps role, status, rate limit, rotations and this
    /// minute's count. Does nothing if `old_id` has no record or `new_id`
    /// already has one.
    pub fn rename_user(&mut self, old_id: &str, new_id: &str) {
        if old_id == new_id || self.user(new_id).is_some() {
            return;
        }
        let Some(user) = self.users.iter_mut().find(|user| user.id == old_id) else {
            return;
        };
        user.id = new_id.to_owned();
        if let Some(count) = self.counters.remove(&CounterOwner::User(old_id.to_owned())) {
            self.counters
                .insert(CounterOwner::User(new_id.to_owned()), count);
        }
    }

    /// Sentences the UI lists to explain what shared-key mode costs.
    pub fn shared_key_consequences(&self) -> Vec<String> {
        let users = self.users.len();
        vec![
            format!(
                "All {users} users present the same key, so the server cannot tell them apart: \
                 the audit log records every request as \"unknown\"."
            ),
            "Revoking the key for one person revokes it for everybody: every request then \
             gets 401 until the key is reactivated or rotated and handed out again."
                .to_owned(),
            "Rotating the key after a leak means giving the new key to every user at once."
                .to_owned(),
            format!(
                "One rate-limit counter ({} requests per minute) serves everybody, so one busy \
                 client makes the others get 429.",
                self.shared_rate_limit
            ),
            "Per-user roles no longer apply: the one key must reach every endpoint, so every \
             caller is treated as an admin."
                .to_owned(),
        ]
    }

    /// Appends an audit entry, dropping the oldest beyond
    /// [`MAX_AUDIT_ENTRIES`].
    pub(crate) fn record(&mut self, entry: AuditEntry) {
        self.audit.push(entry);
        if self.audit.len() > MAX_AUDIT_ENTRIES {
            let excess = self.audit.len() - MAX_AUDIT_ENTRIES;
            self.audit.drain(..excess);
        }
    }

    /// Counts one request for `owner` in the window of `now_seconds` and
    /// returns the count so far in that window.
    pub(crate) fn count_request(&mut self, owner: CounterOwner, now_seconds: i64) -> u32 {
        let window = now_seconds.div_euclid(RATE_WINDOW_SECONDS);
        let entry = self
            .counters
            .entry(owner)
            .or_insert(WindowCount { window, count: 0 });
        if entry.window != window {
            *entry = WindowCount { window, count: 0 };
        }
        entry.count = entry.count.saturating_add(1);
        entry.count
    }
}

/// Returns the per-user key of `user` under `method` and `length`.
pub fn key_for(method: KeyMethod, length: KeyLength, user: &ServerUser, secret: &[u8]) -> String {
    match method {
        KeyMethod::Derived => derived_key_versioned(secret, &user.id, user.key_version, length),
        KeyMethod::DerivedWithTimestamp => {
            timestamp_key(secret, &user.id, user.key_nonce.issued_millis, length)
        }
        KeyMethod::Random => random_key(&user.key_nonce.random_hex),
    }
}

/// Returns seconds until the rate-limit window of `now_seconds` ends, 1 to
/// [`RATE_WINDOW_SECONDS`].
pub fn seconds_to_next_window(now_seconds: i64) -> i64 {
    RATE_WINDOW_SECONDS - now_seconds.rem_euclid(RATE_WINDOW_SECONDS)
}

fn checked_random_hex(text: &str) -> Result<String, LabError> {
    normalize_random_hex(text).ok_or(LabError::InvalidRandomHex { length: text.len() })
}

/// Returns the first demo username not in `taken`, or else the first
/// `user<N>` not in `taken`.
fn free_username(taken: &HashSet<String>) -> String {
    if let Some(name) = DEMO_USERNAMES.iter().find(|name| !taken.contains(**name)) {
        return (*name).to_owned();
    }
    (1..)
        .map(|n: u64| format!("user{n}"))
        .find(|name| !taken.contains(name))
        .unwrap_or_default()
}
