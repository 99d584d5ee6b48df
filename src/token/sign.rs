//! Signing tokens with jwt-compact.

use std::fmt;

use jwt_compact::alg::{Hs256, Hs256Key, Hs384, Hs384Key, Hs512, Hs512Key};
use jwt_compact::{AlgorithmExt, Claims, Header};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::alg::HmacAlg;

/// Lifetime of the per-user demo tokens, in seconds.
pub const USER_TOKEN_LIFETIME_SECONDS: i64 = 3600;

/// Error from jwt-compact while creating a token.
#[derive(Debug)]
pub struct SignError(String);

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "The token could not be created: {}", self.0)
    }
}

/// Header fields the signer lets the learner set besides `alg`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderFields {
    /// `typ`, usually `JWT`; `None` leaves it out.
    pub typ: Option<String>,
    /// `kid`; `None` leaves it out.
    pub kid: Option<String>,
}

/// Signs `payload` as the claims set of a JWS with `alg` and `key`.
///
/// The payload is serialized in its own member order; jwt-compact adds no
/// claims of its own because all of its standard claim fields stay unset.
pub fn sign_payload(
    alg: HmacAlg,
    fields: &HeaderFields,
    payload: &impl Serialize,
    key: &[u8],
) -> Result<String, SignError> {
    let mut header = Header::empty();
    if let Some(kid) = &fields.kid {
        header = header.with_key_id(kid.clone());
    }
    if let Some(typ) = &fields.typ {
        header = header.with_token_type(typ.clone());
    }
    let claims = Claims::new(payload);

    let token = match alg {
        HmacAlg::Hs256 => Hs256.token(&header, &claims, &Hs256Key::new(key)),
        HmacAlg::Hs384 => Hs384.token(&header, &claims, &Hs384Key::new(key)),
        HmacAlg::Hs512 => Hs512.token(&header, &claims, &Hs512Key::new(key)),
    };
    token.map_err(|error| SignError(error.to_string()))
}

/// Returns the payload of a user's login token: `userId`, `iat` and `exp`
/// one lifetime later.
pub fn user_token_payload(user_id: &str, issued_at: i64) -> Map<String, Value> {
    let mut payload = Map::new();
    payload.insert("userId".to_owned(), Value::from(user_id));
    payload.insert("iat".to_owned(), Value::from(issued_at));
    payload.insert(
        "exp".to_owned(),
        Value::from(issued_at + USER_TOKEN_LIFETIME_SECONDS),
    );
    payload
}

/// Signs a user's HS256 login token with header `{"alg":"HS256","typ":"JWT"}`.
pub fn sign_user_token(secret: &[u8], user_id: &str, issued_at: i64) -> Result<String, SignError> {
    let fields = HeaderFields {
        typ: Some("JWT".to_owned()),
        kid: None,
    };
    sign_payload(
        HmacAlg::Hs256,
        &fields,
        &user_token_payload(user_id, issued_at),
        secret,
    )
}
