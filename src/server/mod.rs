//! The server lab: a simulated server that issues and checks API keys and
//! JWTs, with every step explained, plus the views that show how HMAC and
//! its outputs behave.
//!
//! Nothing here reads the clock or draws random bytes: times and random
//! values are parameters, so every result is reproducible in tests.

pub mod avalanche;
pub mod compare;
pub mod handler;
pub mod hmac_steps;
pub mod key_methods;
pub mod lab;

pub use handler::{
    api_key_request, bearer_request, login_request, Request, Response, Step, StepOutcome,
};
pub use key_methods::{
    derived_key, derived_key_versioned, random_key, timestamp_key, KeyLength, KeyMethod,
};
pub use lab::{AuditEntry, KeyNonce, LabError, Role, ServerLab, ServerUser, Status};
