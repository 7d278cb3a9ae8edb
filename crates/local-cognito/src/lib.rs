//! A Cognito-compatible user pool server: what `cognito-idp.<region>.amazonaws.com` answers for
//! sign-in (SRP verified for real, `CUSTOM_AUTH` through the Define/Create/Verify triggers,
//! the migration trigger), with RS256 tokens, JWKS and SQLite persistence.
//!
//! [`router`] gives the HTTP app so tests can run it in-process; the `local-cognito` binary
//! serves it.

pub mod account;
pub mod admin;
pub mod attributes;
mod auth;
pub mod clock;
pub mod config;
pub mod devices;
pub mod embedded;
pub mod error;
pub mod groups;
mod http;
pub mod mfa;
pub mod model;
pub mod passkeys;
pub mod profile;
mod relying_party;
pub mod service;
pub mod sessions;
pub mod signup;
pub mod store;
pub mod tokens;
pub mod triggers;

pub use http::{LOCAL_AUTHORIZATION, router};
pub use service::Service;
