//! A new password typed twice, with the pool's rules shown as they are met and a way to see what
//! is typed: the new-password step, sign-up, a reset, and changing it on the security page.

use crate::words::{plural, t};
use yew::prelude::*;

use crate::dom::field_value;
use crate::signin::{PasswordChecks, PasswordPolicy, PasswordRule};

/// The fields' data and callbacks.
pub(crate) struct NewPasswordFields<'a> {
    /// The pool's rules.
    pub(crate) policy: &'a PasswordPolicy,
    /// Which rules what is typed meets.
    pub(crate) checks: &'a PasswordChecks,
    /// Whether the passwords show as text.
    pub(crate) visible: bool,
    /// Whether a request is on its way.
    pub(crate) busy: bool,
    /// What is typed meets these rules now.
    pub(crate) ontyped: Callback<PasswordChecks>,
    /// Show (`true`) or hide the passwords.
    pub(crate) onshow: Callback<bool>,
}

fn rule_text(rule: PasswordRule) -> String {
    match rule {
        PasswordRule::MinLength(length) => plural("rule.min_length", length, &[]),
        PasswordRule::Lowercase => t("rule.lowercase").to_owned(),
        PasswordRule::Uppercase => t("rule.uppercase").to_owned(),
        PasswordRule::Digit => t("rule.digit").to_owned(),
        PasswordRule::Symbol => t("rule.symbol").to_owned(),
    }
}

impl NewPasswordFields<'_> {
    /// Two password fields (`new-password`, `confirm-password`), the rules (each marked met or
    /// not, for screen readers too), a show/hide button.
    pub(crate) fn view(&self) -> Html {
        let (policy, ontyped) = (self.policy.clone(), self.ontyped.clone());
        // What is typed is read here and only the checks leave: no password in the state.
        let oninput = Callback::from(move |_: InputEvent| {
            ontyped.emit(policy.check(
                &field_value("new-password"),
                &field_value("confirm-password"),
            ));
        });
        let kind = if self.visible { "text" } else { "password" };
        let (visible, busy) = (self.visible, self.busy);
        let rules = self.policy.rules().into_iter().map(|rule| {
            let met = self.checks.is_met(rule);
            html! {
                <li class={if met { "met" } else { "unmet" }}>
                    <span class="sr-only">{ t(if met { "new_password.met" } else { "new_password.not_yet" }) }</span>
                    { rule_text(rule) }
                </li>
            }
        });
        html! { <>
            <label for="new-password">{ t("new_password.label") }</label>
            <input id="new-password" name="new-password" type={kind} autocomplete="new-password"
                required=true readonly={busy} aria-describedby="password-rules" oninput={oninput.clone()} />
            <ul id="password-rules" class="rules">{ for rules }</ul>
            <label for="confirm-password">{ t("new_password.again") }</label>
            <input id="confirm-password" name="confirm-password" type={kind} autocomplete="new-password"
                required=true readonly={busy} oninput={oninput} />
            <button id="show-passwords" class="secondary" type="button" aria-pressed={if visible { "true" } else { "false" }}
                onclick={self.onshow.reform(move |_| !visible)}>
                { t(if visible { "new_password.hide" } else { "new_password.show" }) }
            </button>
        </> }
    }
}
