//! The list of users whose API keys and tokens the page shows.

use std::fmt;

/// Maximum number of users in the list.
pub const MAX_USERS: usize = 1000;

/// Maximum length of a user id, in characters.
pub const MAX_USER_ID_CHARS: usize = 256;

/// Ids of the demo users present when the page opens.
pub const DEMO_USER_IDS: [&str; 3] = ["1", "2", "3"];

/// One row of the users list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Stable row identity, independent of the id the learner types, so
    /// editing an id keeps focus in the same row.
    pub row: u32,
    /// The user id, any UTF-8 text.
    pub id: String,
}

/// Error for a user id that cannot be keyed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UserIdError {
    /// The id is longer than [`MAX_USER_ID_CHARS`].
    TooLong { chars: usize },
}

impl fmt::Display for UserIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UserIdError::TooLong { chars } => write!(
                f,
                "This user id is too long ({chars} characters, limit {MAX_USER_ID_CHARS}); \
                 shorten it to see its key."
            ),
        }
    }
}

/// Checks that a user id can be keyed. Empty ids are allowed, because HMAC
/// of an empty message is defined, but the page points them out.
pub fn check_user_id(id: &str) -> Result<(), UserIdError> {
    let chars = id.chars().count();
    if chars > MAX_USER_ID_CHARS {
        return Err(UserIdError::TooLong { chars });
    }
    Ok(())
}

/// Returns the demo users.
pub fn demo_users() -> Vec<User> {
    DEMO_USER_IDS
        .iter()
        .zip(1..)
        .map(|(id, row)| User {
            row,
            id: (*id).to_owned(),
        })
        .collect()
}

/// Returns the first id of the form `N` that is not taken yet, so a new row
/// gets a distinct key.
pub fn next_free_id(users: &[User]) -> String {
    (1..)
        .map(|n: u64| n.to_string())
        .find(|candidate| users.iter().all(|user| &user.id != candidate))
        .unwrap_or_default()
}
