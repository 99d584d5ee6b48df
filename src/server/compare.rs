//! Rows of the "API keys vs JWTs" comparison. Cells are plain text, and a
//! cell can carry a live value from the lab, such as a user's current key.

use crate::server::key_methods::KeyMethod;

/// One cell: an explanation and, when the lab has one, a current value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// A value from the lab that illustrates the text, for example a key.
    pub live: Option<String>,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            live: None,
        }
    }

    fn with_live(text: impl Into<String>, live: Option<String>) -> Cell {
        Cell {
            text: text.into(),
            live,
        }
    }
}

/// One row: an aspect and how each credential handles it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComparisonRow {
    /// Stable identifier used in `data-` attributes and tests.
    pub id: &'static str,
    pub aspect: &'static str,
    pub api_key: Cell,
    pub jwt: Cell,
}

/// Current values from the lab that the comparison shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LiveValues {
    /// The key method in use.
    pub method: KeyMethod,
    /// The user whose key and token are shown.
    pub user_id: Option<String>,
    /// That user's current API key.
    pub api_key: Option<String>,
    /// A token issued to that user.
    pub token: Option<String>,
    /// Lifetime of login tokens, in seconds.
    pub token_lifetime: i64,
}

/// Returns the comparison rows, with key texts that match `live.method`.
pub fn comparison_rows(live: &LiveValues) -> Vec<ComparisonRow> {
    let random = live.method == KeyMethod::Random;
    let user_text = live
        .user_id
        .as_deref()
        .map(|id| format!("user {id}"))
        .unwrap_or_else(|| "no user selected".to_owned());

    vec![
        ComparisonRow {
            id: "type",
            aspect: "Type",
            api_key: Cell::with_live(
                "An opaque string: it means nothing without the server's users table.",
                live.api_key.clone(),
            ),
            jwt: Cell::with_live(
                "A signed JSON document (header, payload, signature) that anyone can decode.",
                live.token.clone(),
            ),
        },
        ComparisonRow {
            id: "generated",
            aspect: "When generated",
            api_key: Cell::text(
                "Once, when the key is issued or rotated; the client sends the same key on \
                 every request.",
            ),
            jwt: Cell::text("At every login: each login signs a new token with a new iat and jti."),
        },
        ComparisonRow {
            id: "stored",
            aspect: "Where stored",
            api_key: Cell::text(if random {
                "The server stores every random key (ideally only its hash), because nothing \
                 can recompute it."
            } else {
                "The server stores at most a version or issue time and recomputes the key from \
                 the secret; the client stores the key."
            }),
            jwt: Cell::text(
                "Only the client stores the token; the server keeps nothing and checks the \
                 signature on every request.",
            ),
        },
        ComparisonRow {
            id: "unique",
            aspect: "Unique per",
            api_key: Cell::with_live("User (or client application).", Some(user_text.clone())),
            jwt: Cell::with_live(
                "Login session: the same user gets a different token at every login.",
                Some(user_text),
            ),
        },
        ComparisonRow {
            id: "lifetime",
            aspect: "Lifetime",
            api_key: Cell::text("Until revoked or rotated, often months."),
            jwt: Cell::with_live(
                "Until exp, usually minutes to hours.",
                Some(format!("{} s", live.token_lifetime)),
            ),
        },
        ComparisonRow {
            id: "secret",
            aspect: "Role of the secret",
            api_key: Cell::text(if random {
                "None: a random key involves no secret."
            } else {
                "Derives every key: HMAC-SHA256(secret, message)."
            }),
            jwt: Cell::text("Signs and verifies every token: HMAC-SHA256(secret, signing input)."),
        },
        ComparisonRow {
            id: "revocation",
            aspect: "What revocation does",
            api_key: Cell::text(
                "Takes effect at the next request, because the server looks the key up every \
                 time.",
            ),
            jwt: Cell::text(
                "Nothing until exp, because the server consults no table; stopping a token \
                 sooner needs a denylist of jti values or a new secret.",
            ),
        },
        ComparisonRow {
            id: "leak",
            aspect: "What a leak exposes",
            api_key: Cell::text(if random {
                "A leaked key gives access as its user until revoked; a leaked server secret \
                 exposes no key."
            } else {
                "A leaked key gives access as its user until revoked; a leaked secret lets \
                 anyone compute every user's key."
            }),
            jwt: Cell::text(
                "A leaked token gives access until exp; a leaked secret lets anyone sign a \
                 token for any user and role.",
            ),
        },
    ]
}
