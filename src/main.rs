//! Entry point of the login page: take over the form that came with the HTML.

// Smaller than Rust's default (dlmalloc) by ~2.5 KB brotli, and as fast.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
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
    let first = hosted_login::FirstScreen { typed, submitted };
    match document.and_then(|document| document.get_element_by_id("app")) {
        Some(root) => yew::Renderer::<hosted_login::App>::with_root_and_props(root, first).render(),
        None => yew::Renderer::<hosted_login::App>::with_props(first).render(),
    };
}

/// The page only runs in the browser; natively, the binary prints the first screen as it comes
/// with the HTML (`scripts/post_build.py` puts it into `index.html`).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    print!("{}", hosted_login::first_screen_markup());
}
