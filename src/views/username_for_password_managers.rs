//! A password form's hidden username, so password managers file the password under the right
//! account.

use yew::prelude::*;

/// A hidden, read-only `autocomplete="username"` field holding `username`.
pub(crate) fn username_for_password_managers(username: &str) -> Html {
    html! {
        <input type="text" name="username" autocomplete="username" value={username.to_owned()} hidden=true readonly=true />
    }
}
