//! Reset a forgotten password: whose, then the code and the new password.

use crate::words::{t, tf};
use cognito_auth::SecretString;
use yew::prelude::*;

use crate::dom::{field_value, submit_field};
use crate::signin::{PasswordChecks, PasswordPolicy, Phase};
use crate::views::card::card;
use crate::views::new_password_fields::NewPasswordFields;
use crate::views::notice_line::notice_line;
use crate::views::start_over_button::start_over_button;
use crate::views::submit_button::submit_button;
use crate::views::username_for_password_managers::username_for_password_managers;

/// Whose password: the first step of a reset.
pub(crate) fn forgot_password(
    username: &str,
    phase: &Phase,
    onsubmit: &Callback<String>,
    onsign_in: &Callback<()>,
) -> Html {
    let busy = phase.is_waiting();
    card(
        t("forgot.title").into(),
        Some(t("forgot.lead").into()),
        html! {
            <form onsubmit={submit_field("username", onsubmit)} novalidate=true>
                <label for="username">{ t("common.username") }</label>
                <input id="username" name="username" type="text" autocomplete="username"
                    autocapitalize="none" spellcheck="false" required=true readonly={busy}
                    value={username.to_owned()} />
                { submit_button(t("common.send_code"), t("common.sending"), phase) }
                { start_over_button(t("common.back_to_sign_in"), busy, onsign_in) }
                { notice_line(phase) }
            </form>
        },
    )
}

/// The reset's second step's data and callbacks.
pub(crate) struct ResetPassword<'a> {
    /// Whose password.
    pub(crate) username: &'a str,
    /// Where the code went.
    pub(crate) destination: Option<&'a str>,
    /// The pool's rules.
    pub(crate) policy: &'a PasswordPolicy,
    /// Which rules it meets.
    pub(crate) checks: &'a PasswordChecks,
    /// Whether the passwords show as text.
    pub(crate) visible: bool,
    /// Form or waiting.
    pub(crate) phase: &'a Phase,
    /// Submitted with the code and the new password.
    pub(crate) onsubmit: Callback<(SecretString, SecretString)>,
    /// What is typed meets these rules now.
    pub(crate) ontyped: Callback<PasswordChecks>,
    /// Show or hide the passwords.
    pub(crate) onshow: Callback<bool>,
    /// Send the code again.
    pub(crate) onresend: Callback<()>,
    /// Back to signing in.
    pub(crate) onsign_in: Callback<()>,
}

impl ResetPassword<'_> {
    /// The code and the new password.
    pub(crate) fn view(&self) -> Html {
        let busy = self.phase.is_waiting();
        let onsubmit = self.onsubmit.clone();
        let submit = Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            onsubmit.emit((
                field_value("code").into(),
                field_value("new-password").into(),
            ));
        });
        let lead = match self.destination {
            Some(to) => tf("reset.lead_to", &[("destination", to)]),
            None => t("reset.lead").to_owned(),
        };
        let fields = NewPasswordFields {
            policy: self.policy,
            checks: self.checks,
            visible: self.visible,
            busy,
            ontyped: self.ontyped.clone(),
            onshow: self.onshow.clone(),
        };
        card(
            t("common.choose_new_password").into(),
            Some(lead.into()),
            html! {
                <form onsubmit={submit} novalidate=true>
                    { username_for_password_managers(self.username) }
                    <label for="code">{ t("common.code") }</label>
                    <input id="code" name="code" type="text" autocomplete="one-time-code"
                        inputmode="numeric" autocapitalize="none" spellcheck="false"
                        required=true readonly={busy} />
                    { fields.view() }
                    { submit_button(t("common.set_password_and_sign_in"), t("common.saving"), self.phase) }
                    <button id="resend" class="secondary" type="button" disabled={busy}
                        onclick={self.onresend.reform(|_| ())}>{ t("common.send_new_code") }</button>
                    { start_over_button(t("common.back_to_sign_in"), busy, &self.onsign_in) }
                    { notice_line(self.phase) }
                </form>
            },
        )
    }
}
