//! Entry point of the bundle with every page (`--features account`): what index.html loads at
//! the addresses of the pages beyond signing in (create an account, the security page).

#[cfg(target_arch = "wasm32")]
fn main() {
    hosted_login::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    print!("{}", hosted_login::first_screen_markup());
}
