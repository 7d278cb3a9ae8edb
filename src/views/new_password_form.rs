//! An administrator-created user chooses their password.

use cognito_auth::SecretString;
use yew::prelude::*;

use crate::dom::submit_field;
use crate::signin::Phase;
use crate::views::card::card;
use crate::views::notice_line::notice_line;
use crate::views::start_over_button::start_over_button;
use crate::views::submit_button::submit_button;
use crate::views::username_for_password_managers::username_for_password_managers;

/// The new-password screen's data and callbacks.
pub(crate) struct NewPasswordForm<'a> {
    /// Who.
    pub(crate) username: &'a str,
    /// Form or waiting.
    pub(crate) phase: &'a Phase,
    /// Submitted with the new password.
    pub(crate) onsubmit: Callback<SecretString>,
    /// Cancel.
    pub(crate) onstart_over: Callback<()>,
}

impl NewPasswordForm<'_> {
    /// A new-password field with the pool's rules explained on refusal.
    pub(crate) fn view(&self) -> Html {
        let busy = *self.phase == Phase::Waiting;
        card(
            "Choose a new password".into(),
            Some("Your account was created with a temporary password. Choose your own: at least 8 characters, with upper and lower case, a digit and a symbol.".into()),
            html! {
                <form onsubmit={submit_field("new-password", &self.onsubmit)} novalidate=true>
                    { username_for_password_managers(self.username) }
                    <label for="new-password">{ "New password" }</label>
                    <input id="new-password" name="new-password" type="password" autocomplete="new-password" required=true readonly={busy} />
                    { submit_button("Set password and sign in", "Saving…", self.phase) }
                    { start_over_button("Cancel", busy, &self.onstart_over) }
                    { notice_line(self.phase) }
                </form>
            },
        )
    }
}
