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

// Smaller than Rust's default (dlmalloc) by ~2.5 KB brotli, and as fast.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Starts the page in the browser: takes over the form that came with the HTML.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    use wasm_bindgen::JsCast;

    let document = web_sys::window().and_then(|window| window.document());
    // What the person typed before the app started: Yew empties its root before the first
    // render, and the same form comes back holding it.
    let typed = document
        .as_ref()
        .and_then(|document| document.get_element_by_id("username"))
        .and_then(|field| field.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|field| field.value())
        .unwrap_or_default();
    // Continue chosen before the app started (noted by index.html's one-line script).
    let submitted = web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window, &"hostedLoginSubmitted".into()).ok())
        .is_some_and(|value| value.is_truthy());
    let first = FirstScreen { typed, submitted };
    match document.and_then(|document| document.get_element_by_id("app")) {
        Some(root) => yew::Renderer::<App>::with_root_and_props(root, first).render(),
        None => yew::Renderer::<App>::with_props(first).render(),
    };
}

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
