//! The hosted login page: a Yew single-page app that signs people in to an Amazon Cognito user
//! pool. `main.rs` only mounts [`App`]; everything else lives here so tests can import it.
//!
//! - [`signin`]: the pure state machine (screens, actions, requests), tested natively.
//! - `state`: its Yew adapter; `effects`: the I/O it asks for (cognito-auth in the browser).
//! - `views/`: one screen (or shared piece) per file, each a plain view of its data;
//!   `dom`: the few DOM touches they need (read a field, focus, empty a field).

mod app;
pub mod config;
mod dom;
mod effects;
mod route;
pub mod signin;
mod state;
mod views;

pub use app::App;
pub use route::Route;
