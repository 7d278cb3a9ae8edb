//! The hosted login page: a Yew single-page app that signs people in to an Amazon Cognito user
//! pool. `main.rs` only mounts [`App`]; everything else lives here so tests can import it.

mod app;
mod components;
pub mod signin;
mod theme;

pub use app::{App, Route};
