//! One Secret: an in-browser lab that shows how one server secret gives every
//! user a different API key and signs a different JWT for every login.
//!
//! Everything that computes lives in modules that never touch `web-sys` and
//! are tested natively: [`secret`], [`api_key`], [`token`], [`users`],
//! [`time_text`] and [`state`]. The [`components`] module renders that state
//! with Yew and dispatches [`state::Action`]s.

pub mod alg;
pub mod api_key;
pub mod bench_api;
pub mod components;
pub mod secret;
pub mod server;
pub mod share;
pub mod snippets;
pub mod state;
pub mod time_text;
pub mod token;
pub mod users;
pub mod workshop;
