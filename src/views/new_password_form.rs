//! An administrator-created user chooses their password: typed twice, with the pool's rules
//! shown as they are met, and a way to see what is typed.

use crate::words::t;
use cognito_auth::SecretString;
use yew::prelude::*;

use crate::dom::submit_field;
use crate::signin::{PasswordChecks, PasswordPolicy, Phase};
use crate::views::card::card;
use crate::views::new_password_fields::NewPasswordFields;
use crate::views::notice_line::notice_line;
use crate::views::start_over_button::start_over_button;
use crate::views::submit_button::submit_button;
use crate::views::username_for_password_managers::username_for_password_managers;

/// The new-password screen's data and callbacks.
pub(crate) struct NewPasswordForm<'a> {
    /// Who.
    pub(crate) username: &'a str,
    /// The pool's rules.
    pub(crate) policy: &'a PasswordPolicy,
    /// Which rules what is typed meets.
    pub(crate) checks: &'a PasswordChecks,
    /// Whether the passwords show as text.
    pub(crate) visible: bool,
    /// Form or waiting.
    pub(crate) phase: &'a Phase,
    /// Submitted with the new password.
    pub(crate) onsubmit: Callback<SecretString>,
    /// What is typed meets these rules now.
    pub(crate) ontyped: Callback<PasswordChecks>,
    /// Show (`true`) or hide the passwords.
    pub(crate) onshow: Callback<bool>,
    /// Cancel.
    pub(crate) onstart_over: Callback<()>,
}

impl NewPasswordForm<'_> {
    /// Two password fields, the rules (each marked met or not, for screen readers too), a
    /// show/hide button.
    pub(crate) fn view(&self) -> Html {
        let busy = self.phase.is_waiting();
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
            Some(t("new_password.temporary_lead").into()),
            html! {
                <form onsubmit={submit_field("new-password", &self.onsubmit)} novalidate=true>
                    { username_for_password_managers(self.username) }
                    { fields.view() }
                    { submit_button(t("common.set_password_and_sign_in"), t("common.saving"), self.phase) }
                    { start_over_button(t("common.cancel"), busy, &self.onstart_over) }
                    { notice_line(self.phase) }
                </form>
            },
        )
    }
}
