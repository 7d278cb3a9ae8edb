//! Entry point of the login page: mount the app on `<body>`.

// Smaller than Rust's default (dlmalloc) by ~2.5 KB brotli, and as fast.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    yew::Renderer::<hosted_login::App>::new().render();
}
