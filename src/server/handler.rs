//! Request handling of the simulated server: API keys checked against the
//! users table, and JWTs checked statelessly.

use serde_json::{json, Map, Value};
use subtle::{ConditionallySelectable, ConstantTimeEq};

use crate::alg::HmacAlg;
use crate::server::lab::{
    seconds_to_next_window, AuditEntry, CounterOwner, Role, ServerLab, Status,
};
use crate::token::{inspect, sign_payload, HeaderFields, TimeOptions, Verdict};

/// Header that carries an API key.
pub const API_KEY_HEADER: &str = "X-API-Key";

/// Header that carries a bearer token.
pub const AUTHORIZATION_HEADER: &str = "Authorization";

/// Endpoint that any authenticated user may call.
pub const DATA_PATH: &str = "/api/data";

/// Endpoint that only admins may call.
pub const ADMIN_PATH: &str = "/api/admin";

/// Endpoint that issues a JWT.
pub const LOGIN_PATH: &str = "/api/login";

/// A request to the simulated server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// `GET` or `POST`; other text gets 405.
    pub method: String,
    /// [`DATA_PATH`], [`ADMIN_PATH`] or [`LOGIN_PATH`]; other text gets 404.
    pub path: String,
    /// [`API_KEY_HEADER`] or [`AUTHORIZATION_HEADER`], compared
    /// case-insensitively as HTTP header names are.
    pub header_name: String,
    pub header_value: String,
    /// For `POST /api/login`: the user id (or username) logging in.
    pub login_user: Option<String>,
}

/// Returns a `GET /api/data` request that presents `api_key`.
pub fn api_key_request(api_key: &str) -> Request {
    Request {
        method: "GET".to_owned(),
        path: DATA_PATH.to_owned(),
        header_name: API_KEY_HEADER.to_owned(),
        header_value: api_key.to_owned(),
        login_user: None,
    }
}

/// Returns a `GET /api/data` request with `Authorization: Bearer <token>`.
pub fn bearer_request(token: &str) -> Request {
    Request {
        method: "GET".to_owned(),
        path: DATA_PATH.to_owned(),
        header_name: AUTHORIZATION_HEADER.to_owned(),
        header_value: format!("Bearer {token}"),
        login_user: None,
    }
}

/// Returns a `POST /api/login` request for `user`.
pub fn login_request(user: &str) -> Request {
    Request {
        method: "POST".to_owned(),
        path: LOGIN_PATH.to_owned(),
        header_name: String::new(),
        header_value: String::new(),
        login_user: Some(user.to_owned()),
    }
}

/// Result of one step of request handling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepOutcome {
    Pass,
    Fail,
    /// A fact about the handling, neither pass nor fail.
    Info,
}

/// One step the server took, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub label: String,
    pub outcome: StepOutcome,
    pub detail: String,
}

/// The simulated server's response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    /// Reason phrase, for example `Unauthorized`.
    pub status_text: String,
    pub headers: Vec<(String, String)>,
    /// Pretty-printed JSON.
    pub body: String,
    pub steps: Vec<Step>,
}

impl Response {
    /// Returns the value of the first header named `name`, ignoring case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Builds a response and collects the steps behind it.
struct Reply {
    steps: Vec<Step>,
    headers: Vec<(String, String)>,
}

impl Reply {
    fn new() -> Reply {
        Reply {
            steps: Vec::new(),
            headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
        }
    }

    fn step(&mut self, label: &str, outcome: StepOutcome, detail: impl Into<String>) {
        self.steps.push(Step {
            label: label.to_owned(),
            outcome,
            detail: detail.into(),
        });
    }

    fn header(&mut self, name: &str, value: impl Into<String>) {
        self.headers.push((name.to_owned(), value.into()));
    }

    fn finish(self, status: u16, body: Value) -> Response {
        Response {
            status,
            status_text: status_text(status).to_owned(),
            headers: self.headers,
            // serde_json pretty-prints a Value with the alternate flag.
            body: format!("{body:#}"),
            steps: self.steps,
        }
    }

    fn error(self, status: u16, message: &str) -> Response {
        self.finish(status, json!({ "error": message }))
    }
}

/// Returns the reason phrase of the status codes the server sends.
pub fn status_text(status: u16) -> &'static str {
    match status {
        200 => "OK",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "",
    }
}

/// The credential a request presents.
enum Credential<'a> {
    ApiKey(&'a str),
    Bearer(&'a str),
}

impl ServerLab {
    /// Handles `request` at `now_seconds` with the server `secret` and
    /// appends one audit entry. `random_hex_for_jti` becomes the `jti` of
    /// a token issued by `POST /api/login`.
    pub fn handle(
        &mut self,
        request: &Request,
        secret: &[u8],
        now_seconds: i64,
        random_hex_for_jti: &str,
    ) -> Response {
        let (response, user_id) = self.route(request, secret, now_seconds, random_hex_for_jti);
        self.record(AuditEntry {
            time: now_seconds,
            user_id,
            method: request.method.clone(),
            path: request.path.clone(),
            status: response.status,
        });
        response
    }

    fn route(
        &mut self,
        request: &Request,
        secret: &[u8],
        now_seconds: i64,
        jti: &str,
    ) -> (Response, Option<String>) {
        let mut reply = Reply::new();
        let path = request.path.as_str();
        let allowed = match path {
            DATA_PATH | ADMIN_PATH => "GET",
            LOGIN_PATH => "POST",
            _ => {
                reply.step(
                    "Route",
                    StepOutcome::Fail,
                    format!(
                        "No endpoint has the path {path:?}; use {DATA_PATH}, {ADMIN_PATH} or \
                         {LOGIN_PATH}."
                    ),
                );
                return (reply.error(404, "Not found"), None);
            }
        };
        if request.method != allowed {
            reply.step(
                "Route",
                StepOutcome::Fail,
                format!(
                    "{path} accepts {allowed} only, but the request uses {:?}; switch the \
                     method to {allowed}.",
                    request.method
                ),
            );
            reply.header("Allow", allowed);
            return (reply.error(405, "Method not allowed"), None);
        }

        if path == LOGIN_PATH {
            return self.login(reply, request, secret, now_seconds, jti);
        }

        match read_credential(&mut reply, request) {
            Err(response) => (response, None),
            Ok(Credential::ApiKey(key)) => {
                self.check_api_key(reply, key, path, secret, now_seconds)
            }
            Ok(Credential::Bearer(token)) => check_bearer(reply, token, path, secret, now_seconds),
        }
    }

    fn check_api_key(
        &mut self,
        mut reply: Reply,
        presented: &str,
        path: &str,
        secret: &[u8],
        now_seconds: i64,
    ) -> (Response, Option<String>) {
        if self.shared_key_mode {
            return self.check_shared_key(reply, presented, path, secret, now_seconds);
        }

        let stored: Vec<String> = self
            .users
            .iter()
            .map(|user| self.issued_key(user, secret))
            .collect();
        let Some(index) = find_key(presented, &stored) else {
            reply.step(
                "Look up key",
                StepOutcome::Fail,
                format!(
                    "The key matches none of the {} keys on the server (each compared in \
                     constant time); copy a current key from the users table.",
                    stored.len()
                ),
            );
            return (reply.error(401, "Invalid API key"), None);
        };
        let Some(user) = self.users.get(index).cloned() else {
            return (reply.error(401, "Invalid API key"), None);
        };
        reply.step(
            "Look up key",
            StepOutcome::Pass,
            format!(
                "Compared with all {} keys in constant time, with no early exit: it belongs to \
                 user {} ({}). {}",
                stored.len(),
                user.id,
                user.username,
                key_origin(self.method)
            ),
        );
        let user_id = Some(user.id.clone());

        if user.status == Status::Revoked {
            reply.step(
                "Check status",
                StepOutcome::Fail,
                format!(
                    "The key of user {} is revoked; reactivate it or rotate it to issue a new \
                     one.",
                    user.id
                ),
            );
            return (reply.error(401, "API key revoked"), user_id);
        }
        reply.step("Check status", StepOutcome::Pass, "The key is active.");

        if let Some(response) = check_role(&mut reply, path, user.role, "the users table") {
            return (response, user_id);
        }

        let owner = CounterOwner::User(user.id.clone());
        let detail_owner = format!("user {}", user.id);
        if let Some(response) = self.check_rate(
            &mut reply,
            owner,
            &detail_owner,
            user.rate_limit,
            now_seconds,
        ) {
            return (response, user_id);
        }

        let response = respond_ok(reply, path, &user.id);
        (response, user_id)
    }

    fn check_shared_key(
        &mut self,
        mut reply: Reply,
        presented: &str,
        path: &str,
        secret: &[u8],
        now_seconds: i64,
    ) -> (Response, Option<String>) {
        let shared = [self.shared_key(secret)];
        if find_key(presented, &shared).is_none() {
            reply.step(
                "Look up key",
                StepOutcome::Fail,
                "The key is not the shared key (compared in constant time); copy the shared \
                 key from the users table.",
            );
            return (reply.error(401, "Invalid API key"), None);
        }
        reply.step(
            "Look up key",
            StepOutcome::Pass,
            "The key is the shared key: every user presents it, so the server cannot tell \
             who is calling and the audit log records \"unknown\".",
        );

        if self.shared_revoked {
            reply.step(
                "Check status",
                StepOutcome::Fail,
                "The shared key is revoked, so every user is locked out; reactivate it, or \
                 rotate it and hand the new key to everybody.",
            );
            return (reply.error(401, "API key revoked"), None);
        }
        reply.step(
            "Check status",
            StepOutcome::Pass,
            "The shared key is active.",
        );

        reply.step(
            "Check role",
            StepOutcome::Info,
            "With a shared key, per-user roles no longer apply: every caller is an admin.",
        );

        let limit = self.shared_rate_limit;
        if let Some(response) = self.check_rate(
            &mut reply,
            CounterOwner::Shared,
            "the shared key (all users together)",
            limit,
            now_seconds,
        ) {
            return (response, None);
        }

        let response = respond_ok(reply, path, "unknown");
        (response, None)
    }

    fn check_rate(
        &mut self,
        reply: &mut Reply,
        owner: CounterOwner,
        owner_text: &str,
        limit: u32,
        now_seconds: i64,
    ) -> Option<Response> {
        let count = self.count_request(owner, now_seconds);
        let retry_after = seconds_to_next_window(now_seconds);
        reply.header("X-RateLimit-Limit", limit.to_string());
        reply.header(
            "X-RateLimit-Remaining",
            limit.saturating_sub(count).to_string(),
        );
        if count > limit {
            reply.step(
                "Check rate limit",
                StepOutcome::Fail,
                format!(
                    "Request {count} this minute for {owner_text}, over the limit of {limit} \
                     per minute; wait {retry_after} s for the next window or raise the limit."
                ),
            );
            reply.header("Retry-After", retry_after.to_string());
            return Some(take(reply).error(429, "Rate limit exceeded"));
        }
        reply.step(
            "Check rate limit",
            StepOutcome::Pass,
            format!(
                "Request {count} of {limit} this minute for {owner_text}; the window resets in \
                 {retry_after} s."
            ),
        );
        None
    }

    fn login(
        &mut self,
        mut reply: Reply,
        request: &Request,
        secret: &[u8],
        now_seconds: i64,
        jti: &str,
    ) -> (Response, Option<String>) {
        let Some(name) = request.login_user.as_deref() else {
            reply.step(
                "Find user",
                StepOutcome::Fail,
                "The login request names no user; choose who logs in.",
            );
            return (reply.error(404, "User not found"), None);
        };
        let found = self
            .user(name)
            .or_else(|| self.users.iter().find(|user| user.username == name))
            .cloned();
        let Some(user) = found else {
            reply.step(
                "Find user",
                StepOutcome::Fail,
                format!("No user has the id or username {name:?}; pick one from the table."),
            );
            return (reply.error(404, "User not found"), None);
        };
        reply.step(
            "Find user",
            StepOutcome::Pass,
            format!(
                "User {} ({}) found; this lab skips the password check.",
                user.id, user.username
            ),
        );
        let user_id = Some(user.id.clone());

        if user.status == Status::Revoked {
            reply.step(
                "Check status",
                StepOutcome::Fail,
                format!(
                    "User {} is revoked, so no token is issued; reactivate the user first.",
                    user.id
                ),
            );
            return (reply.error(403, "User revoked"), user_id);
        }
        reply.step("Check status", StepOutcome::Pass, "The user is active.");

        let expires = now_seconds.saturating_add(self.token_lifetime);
        let mut payload = Map::new();
        payload.insert("sub".to_owned(), Value::from(user.id.as_str()));
        payload.insert("role".to_owned(), Value::from(user.role.id()));
        payload.insert("iat".to_owned(), Value::from(now_seconds));
        payload.insert("exp".to_owned(), Value::from(expires));
        payload.insert("jti".to_owned(), Value::from(jti));
        let fields = HeaderFields {
            typ: Some("JWT".to_owned()),
            kid: None,
        };
        match sign_payload(HmacAlg::Hs256, &fields, &payload, secret) {
            Ok(token) => {
                reply.step(
                    "Sign token",
                    StepOutcome::Pass,
                    format!(
                        "Signed with HS256 and the server secret; it expires in {} s. The \
                         server stores nothing: any request can prove itself with the \
                         signature alone.",
                        self.token_lifetime
                    ),
                );
                (reply.finish(200, json!({ "token": token })), user_id)
            }
            Err(error) => {
                reply.step(
                    "Sign token",
                    StepOutcome::Fail,
                    format!("{error}; check the server secret."),
                );
                (reply.error(500, "Token signing failed"), user_id)
            }
        }
    }
}

/// Reads the credential header, or returns the 401 for a missing or
/// unusable one.
fn read_credential<'a>(
    reply: &mut Reply,
    request: &'a Request,
) -> Result<Credential<'a>, Response> {
    let name = request.header_name.trim();
    let value = request.header_value.trim();

    if name.eq_ignore_ascii_case(API_KEY_HEADER) {
        if value.is_empty() {
            reply.step(
                "Read header",
                StepOutcome::Fail,
                "The X-API-Key header is empty; paste a key from the users table.",
            );
            return Err(take(reply).error(401, "Missing API key"));
        }
        reply.step(
            "Read header",
            StepOutcome::Pass,
            "Found an X-API-Key header, so the server checks it against its users table.",
        );
        return Ok(Credential::ApiKey(value));
    }

    if name.eq_ignore_ascii_case(AUTHORIZATION_HEADER) {
        let token = value
            .get(..6)
            .filter(|scheme| scheme.eq_ignore_ascii_case("Bearer"))
            .and_then(|_| value.get(6..))
            .filter(|rest| rest.starts_with(char::is_whitespace))
            .map(str::trim);
        return match token {
            Some(token) if !token.is_empty() => {
                reply.step(
                    "Read header",
                    StepOutcome::Pass,
                    "Found Authorization: Bearer, so the server verifies the token itself.",
                );
                Ok(Credential::Bearer(token))
            }
            _ => {
                reply.step(
                    "Read header",
                    StepOutcome::Fail,
                    "The Authorization header is not \"Bearer <token>\"; log in and paste the \
                     token after \"Bearer \".",
                );
                reply.header("WWW-Authenticate", "Bearer");
                Err(take(reply).error(401, "Missing bearer token"))
            }
        };
    }

    reply.step(
        "Read header",
        StepOutcome::Fail,
        format!(
            "The request has no {API_KEY_HEADER} or {AUTHORIZATION_HEADER} header (found {:?}); \
             send an API key or a bearer token.",
            request.header_name
        ),
    );
    Err(take(reply).error(401, "Missing API key"))
}

/// Verifies a bearer token with the signature and `exp` alone: no lookup in
/// the users table, so revoking a user does not stop a token already issued.
fn check_bearer(
    mut reply: Reply,
    token: &str,
    path: &str,
    secret: &[u8],
    now_seconds: i64,
) -> (Response, Option<String>) {
    let inspection = inspect(
        token,
        Some(secret),
        TimeOptions {
            now: now_seconds,
            leeway: 0,
            check_time: true,
        },
    );
    let payload = inspection
        .payload
        .as_ref()
        .and_then(|decoded| decoded.object.as_ref());

    let failure = if inspection.verdict != Verdict::Valid {
        Some(inspection.reason.clone())
    } else if inspection.alg != Some(HmacAlg::Hs256) {
        Some(
            "the server issues HS256 tokens and accepts no other alg, so an attacker cannot \
             choose the algorithm."
                .to_owned(),
        )
    } else if payload.is_none_or(|claims| !claims.contains_key("exp")) {
        Some(
            "the payload has no exp claim, and the server rejects tokens that never expire."
                .to_owned(),
        )
    } else {
        None
    };
    let subject = payload
        .and_then(|claims| claims.get("sub"))
        .and_then(Value::as_str);

    let (subject, failure) = match (subject, failure) {
        (_, Some(failure)) => (None, Some(failure)),
        (None, None) => (
            None,
            Some(
                "the payload has no sub claim, so the server cannot tell who is calling."
                    .to_owned(),
            ),
        ),
        (Some(subject), None) => (Some(subject), None),
    };
    let Some(subject) = subject else {
        let reason = failure.unwrap_or_default();
        reply.step(
            "Verify token",
            StepOutcome::Fail,
            format!("{reason} Log in again to get a fresh token."),
        );
        reply.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return (reply.error(401, &format!("Invalid token: {reason}")), None);
    };
    reply.step(
        "Verify token",
        StepOutcome::Pass,
        format!(
            "The HS256 signature matches the server secret and exp is in the future: {}",
            inspection.reason
        ),
    );
    reply.step(
        "Users table",
        StepOutcome::Info,
        format!(
            "Not consulted: the token itself says it is user {subject}, so a revoked user's \
             token still works until exp."
        ),
    );
    let user_id = Some(subject.to_owned());

    let role = payload
        .and_then(|claims| claims.get("role"))
        .and_then(Value::as_str)
        .and_then(Role::from_id)
        .unwrap_or(Role::Reader);
    if let Some(response) = check_role(&mut reply, path, role, "the token's role claim") {
        return (response, user_id);
    }

    let response = respond_ok(reply, path, subject);
    (response, user_id)
}

/// Returns the 403 when `path` needs a role the caller lacks.
fn check_role(reply: &mut Reply, path: &str, role: Role, source: &str) -> Option<Response> {
    if path != ADMIN_PATH {
        reply.step(
            "Check role",
            StepOutcome::Pass,
            format!("{path} is open to every role."),
        );
        return None;
    }
    if role == Role::Admin {
        reply.step(
            "Check role",
            StepOutcome::Pass,
            format!("{source} gives the admin role, which {ADMIN_PATH} requires."),
        );
        return None;
    }
    reply.step(
        "Check role",
        StepOutcome::Fail,
        format!(
            "{source} gives the role {:?}, but {ADMIN_PATH} requires admin; call {DATA_PATH} \
             or make the user an admin.",
            role.id()
        ),
    );
    Some(take(reply).error(403, "Forbidden: admin role required"))
}

fn respond_ok(mut reply: Reply, path: &str, user_id: &str) -> Response {
    let data = if path == ADMIN_PATH {
        format!("Admin report for user {user_id}")
    } else {
        format!("Protected data for user {user_id}")
    };
    reply.step(
        "Answer",
        StepOutcome::Pass,
        format!("All checks passed, so the server returns the data of {path}."),
    );
    reply.finish(200, json!({ "data": data, "userId": user_id }))
}

/// Returns the index of the first stored key equal to `presented`.
///
/// Every stored key is compared with `subtle::ConstantTimeEq`, and the loop
/// never exits early, so the time taken does not reveal which key matched
/// or how many leading bytes were right. Keys of another length differ at
/// once, which reveals only the length.
fn find_key(presented: &str, stored: &[String]) -> Option<usize> {
    // 0 means no match; otherwise the matching index plus one.
    let mut found = 0u64;
    for (index, key) in stored.iter().enumerate() {
        let matches = presented.as_bytes().ct_eq(key.as_bytes());
        let unset = found.ct_eq(&0);
        let candidate = u64::try_from(index).unwrap_or(u64::MAX).saturating_add(1);
        found = u64::conditional_select(&found, &candidate, matches & unset);
    }
    let position = usize::try_from(found).ok()?;
    position.checked_sub(1)
}

fn key_origin(method: crate::server::key_methods::KeyMethod) -> &'static str {
    use crate::server::key_methods::KeyMethod;
    match method {
        KeyMethod::Derived => "The server recomputed each key from the secret and user id.",
        KeyMethod::DerivedWithTimestamp => {
            "The server recomputed each key from the secret, user id and stored issue time."
        }
        KeyMethod::Random => "The server compared with the random keys it stores.",
    }
}

fn take(reply: &mut Reply) -> Reply {
    std::mem::replace(reply, Reply::new())
}
