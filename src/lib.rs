//! The hosted login page: a Yew single-page app that signs people in to an Amazon Cognito user
//! pool. `main.rs` only mounts [`App`]; everything else lives here so tests can import it.
//!
//! - [`signin`]: the pure state machine (screens, actions, requests), tested natively.
//! - `state`: its Yew adapter; `effects`: the I/O it asks for (cognito-auth in the browser).
//! - `views/`: one screen (or shared piece) per file, each a plain view of its data;
//!   `dom`: the few DOM touches they need (read a field, focus, empty a field).

mod app;
mod appearance;
pub mod brand;
pub mod config;
mod dom;
mod effects;
mod route;
pub mod signin;
mod state;
mod views;
pub mod words;

pub use app::{App, FirstScreen, first_screen_html};
pub use route::Route;

/// The first screen's markup, as it comes with the HTML (the page's native binary prints it for
/// `scripts/post_build.py`): Yew's server renderer over the very view the app shows first.
#[cfg(not(target_arch = "wasm32"))]
#[must_use]
pub fn first_screen_markup() -> String {
    #[yew::component]
    fn Prerendered() -> yew::Html {
        first_screen_html()
    }
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().build() else {
        return String::new();
    };
    tokio::task::LocalSet::new().block_on(
        &runtime,
        yew::LocalServerRenderer::<Prerendered>::new()
            .hydratable(false)
            .render(),
    )
}
