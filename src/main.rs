//! Entry point of the login page's sign-in bundle: take over the form that came with the HTML.
//! (`src/bin/account.rs` is the same entry for the bundle with the pages beyond signing in.)

#[cfg(target_arch = "wasm32")]
fn main() {
    hosted_login::start();
}

/// The page only runs in the browser; natively, the binary prints the first screen as it comes
/// with the HTML (`scripts/post_build.py` puts it into `index.html`).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    print!("{}", hosted_login::first_screen_markup());
}
