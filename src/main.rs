// Entry point of the login page: take over the form that came with the HTML. The same file is
// the entry of both bundles (`src/bin/account.rs` includes it), hence plain comments here: an
// included file cannot carry inner doc comments.

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
