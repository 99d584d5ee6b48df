//! JSON Web Tokens signed with HMAC: signing, decoding and verification.

pub mod builder;
pub mod claims;
pub mod clean;
pub mod inspect;
pub mod json;
pub mod segments;
pub mod sign;
pub mod verdict;

pub use claims::{TimeOptions, DEFAULT_LEEWAY_SECONDS};
pub use inspect::{inspect, Inspection, MAX_TOKEN_BYTES};
pub use sign::{sign_payload, sign_user_token, HeaderFields};
pub use verdict::Verdict;
