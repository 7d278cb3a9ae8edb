//! The password step, for USER_SRP_AUTH, USER_PASSWORD_AUTH and CUSTOM_WITH_SRP.

use crate::words::{t, tf};
use cognito_auth::{AuthFlow, SecretString};
use yew::prelude::*;

use crate::dom::submit_field;
use crate::signin::Phase;
use crate::views::card::card;
use crate::views::notice_line::notice_line;
use crate::views::start_over_button::start_over_button;
use crate::views::submit_button::submit_button;
use crate::views::username_for_password_managers::username_for_password_managers;

/// The password screen's data and callbacks.
pub(crate) struct PasswordForm<'a> {
    /// Whose password.
    pub(crate) username: &'a str,
    /// The flow (SRP keeps the password on the device; the text says so).
    pub(crate) flow: AuthFlow,
    /// Form or waiting.
    pub(crate) phase: &'a Phase,
    /// Submitted with the password typed (never stored).
    pub(crate) onsubmit: Callback<SecretString>,
    /// "Not you?"
    pub(crate) onstart_over: Callback<()>,
}

impl PasswordForm<'_> {
    /// A password field (with the username for password managers), busy while the SRP maths
    /// and the request run.
    pub(crate) fn view(&self) -> Html {
        let busy = self.phase.is_waiting();
        let lead = match self.flow {
            AuthFlow::UserPasswordAuth => t("password.lead_server"),
            _ => t("password.lead"),
        };
        card(
            tf("password.title", &[("username", self.username)]).into(),
            Some(lead.into()),
            html! {
                <form onsubmit={submit_field("password", &self.onsubmit)} novalidate=true>
                    { username_for_password_managers(self.username) }
                    <label for="password">{ t("common.password") }</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required=true readonly={busy} />
                    { submit_button(t("password.sign_in"), t("password.signing_in"), self.phase) }
                    { start_over_button(t("password.not_you"), busy, &self.onstart_over) }
                    { notice_line(self.phase) }
                </form>
            },
        )
    }
}
