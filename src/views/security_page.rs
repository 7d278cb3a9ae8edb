//! The signed-in security page: passkeys, second steps, remembered devices, the password, the
//! e-mail address, and signing out. Only what the pool supports is shown.

use crate::words::{t, tf};
use cognito_auth::{MfaPreference, MfaType};
use yew::prelude::*;

use crate::dom::field_value;
use crate::signin::{Account, Change, PasswordPolicy, Phase, Task, TaskKind, Who};
use crate::views::card::card;
use crate::views::choice_button::choice_button;
use crate::views::new_password_fields::NewPasswordFields;
use crate::views::notice_line::notice_line;
use crate::views::submit_button::submit_button;
use crate::views::totp_setup::app_secret;

/// The security page's data and callbacks.
pub(crate) struct SecurityPage<'a> {
    /// Who.
    pub(crate) who: &'a Who,
    /// What it shows (none while it loads).
    pub(crate) account: Option<&'a Account>,
    /// A task under way.
    pub(crate) task: Option<&'a Task>,
    /// Usable, or waiting.
    pub(crate) phase: &'a Phase,
    /// The pool's password rules.
    pub(crate) policy: &'a PasswordPolicy,
    /// The name an authenticator app shows.
    pub(crate) app_name: &'a str,
    /// A change to make.
    pub(crate) onchange: Callback<Change>,
    /// A task to start.
    pub(crate) ontask: Callback<TaskKind>,
    /// Leave the task.
    pub(crate) oncancel: Callback<()>,
    /// Add a passkey.
    pub(crate) onadd_passkey: Callback<()>,
    /// The new password's checks.
    pub(crate) ontyped: Callback<crate::signin::PasswordChecks>,
    /// Show or hide the passwords.
    pub(crate) onshow: Callback<bool>,
    /// Sign out (`true`: everywhere).
    pub(crate) onsign_out: Callback<bool>,
    /// Back to "signed in".
    pub(crate) onback: Callback<()>,
}

fn mfa_name(mfa: MfaType) -> &'static str {
    match mfa {
        MfaType::Totp => t("security.app"),
        MfaType::Email => t("common.codes_by_email"),
        MfaType::Sms => t("common.codes_by_text"),
    }
}

/// A date in the person's own format (the browser formats it).
fn date_text(seconds: i64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
        String::from(date.to_locale_date_string(
            crate::words::current_tag(),
            &wasm_bindgen::JsValue::UNDEFINED,
        ))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{seconds} (Unix time)")
    }
}

impl SecurityPage<'_> {
    /// The page.
    pub(crate) fn view(&self) -> Html {
        let busy = self.phase.is_waiting();
        let content = match (self.task, self.account) {
            (Some(task), _) => self.task_view(task, busy),
            (None, Some(account)) => self.sections(account, busy),
            (None, None) => html! { <p class="hint">{ t("security.loading") }</p> },
        };
        card(
            t("security.title").into(),
            Some(tf("security.signed_in_as", &[("username", &self.who.username)]).into()),
            html! { <>
                { notice_line(self.phase) }
                { content }
            </> },
        )
    }

    fn sections(&self, account: &Account, busy: bool) -> Html {
        let change = |change: Change| self.onchange.reform(move |_| change.clone());
        let passkeys = account.passkeys.as_ref().map(|passkeys| {
            let items = passkeys.iter().enumerate().map(|(index, passkey)| {
                let added = passkey.created_at.map(date_text).unwrap_or_default();
                html! { <li>
                    <span>{ tf("security.passkey_added", &[("name", &passkey.name), ("date", &added)]) }</span>
                    { choice_button(format!("remove-passkey-{index}"), t("security.remove"), false, busy,
                        change(Change::RemovePasskey(passkey.id.clone()))) }
                </li> }
            });
            html! { <section aria-labelledby="passkeys-title">
                <h2 id="passkeys-title">{ t("security.passkeys") }</h2>
                if passkeys.is_empty() { <p class="hint">{ t("security.no_passkey") }</p> }
                <ul id="passkeys" class="items">{ for items }</ul>
                { choice_button("add-passkey".to_owned(), t("common.add_passkey"), false, busy, self.onadd_passkey.reform(|_| ())) }
            </section> }
        });
        let mfa = (!account.mfa_offered.is_empty()).then(|| {
            let rows = account
                .mfa_offered
                .iter()
                .filter(|mfa| **mfa != MfaType::Sms || account.has_phone)
                .map(|&mfa| {
                    let on = account.mfa.enabled.contains(&mfa);
                    let preferred = account.mfa.preferred == Some(mfa);
                    let state = match (on, preferred) {
                        (true, true) => t("security.on_first"),
                        (true, false) => t("security.on"),
                        _ => t("security.off"),
                    };
                    let key = mfa.as_str();
                    let toggle = match (mfa, on) {
                        (MfaType::Totp, false) => choice_button(
                            format!("set-up-{key}"),
                            t("security.set_up"),
                            false,
                            busy,
                            self.ontask.reform(|_| TaskKind::App),
                        ),
                        (_, false) => choice_button(
                            format!("turn-on-{key}"),
                            t("security.turn_on"),
                            false,
                            busy,
                            change(Change::Mfa(mfa, MfaPreference::Enabled)),
                        ),
                        (_, true) => choice_button(
                            format!("turn-off-{key}"),
                            t("security.turn_off"),
                            false,
                            busy,
                            change(Change::Mfa(mfa, MfaPreference::Disabled)),
                        ),
                    };
                    html! { <li>
                        <span>{ tf("security.mfa_state", &[("method", mfa_name(mfa)), ("state", state)]) }</span>
                        { toggle }
                        if on && !preferred {
                            { choice_button(format!("prefer-{key}"), t("security.use_first"), false, busy,
                                change(Change::Mfa(mfa, MfaPreference::Preferred))) }
                        }
                    </li> }
                });
            html! { <section aria-labelledby="mfa-title">
                <h2 id="mfa-title">{ t("security.mfa_title") }</h2>
                <ul id="mfa" class="items">{ for rows }</ul>
            </section> }
        });
        let devices = (!account.devices.is_empty()).then(|| {
            let items = account.devices.iter().enumerate().map(|(index, device)| {
                let used = device.last_used.map(date_text).unwrap_or_default();
                html! { <li>
                    <span>{ tf(if device.this_device { "security.this_device_used" } else { "security.device_used" },
                        &[("name", &device.name), ("date", &used)]) }</span>
                    { choice_button(format!("forget-device-{index}"), t("security.forget"), false, busy,
                        change(Change::ForgetDevice(device.id.clone()))) }
                </li> }
            });
            html! { <section aria-labelledby="devices-title">
                <h2 id="devices-title">{ t("security.devices") }</h2>
                <ul id="devices" class="items">{ for items }</ul>
            </section> }
        });
        let email = account.email.as_ref().map(|(address, verified)| html! {
            <section aria-labelledby="email-title">
                <h2 id="email-title">{ t("common.email_address") }</h2>
                <p id="email-status">{ tf(if *verified { "security.email_verified" } else { "security.email_unverified" }, &[("address", address)]) }</p>
                if !verified {
                    { choice_button("verify-email".to_owned(), t("security.verify"), false, busy,
                        self.ontask.reform(|_| TaskKind::VerifyEmail)) }
                }
            </section>
        });
        html! { <>
            { passkeys.unwrap_or_default() }
            { mfa.unwrap_or_default() }
            { devices.unwrap_or_default() }
            { email.unwrap_or_default() }
            <section aria-labelledby="password-title">
                <h2 id="password-title">{ t("common.password") }</h2>
                { choice_button("change-password".to_owned(), t("security.change_password"), false, busy,
                    self.ontask.reform(|_| TaskKind::ChangePassword)) }
            </section>
            { choice_button("back".to_owned(), t("security.done"), true, busy, self.onback.reform(|_| ())) }
            { choice_button("sign-out".to_owned(), t("common.sign_out"), false, busy, self.onsign_out.reform(|_| false)) }
            { choice_button("sign-out-everywhere".to_owned(), t("common.sign_out_everywhere"), false, busy, self.onsign_out.reform(|_| true)) }
        </> }
    }

    fn task_view(&self, task: &Task, busy: bool) -> Html {
        let onchange = self.onchange.clone();
        let (title, body, make): (&str, Html, fn() -> Change) = match task {
            Task::SetUpApp(details) => (
                t("common.set_up_app"),
                app_secret(details, self.app_name, &self.who.username),
                || Change::VerifyApp(field_value("code").into()),
            ),
            Task::VerifyEmail => (
                t("security.verify_email_title"),
                html! { <p class="hint">{ t("security.code_sent_email") }</p> },
                || Change::VerifyEmail(field_value("code").into()),
            ),
            Task::ChangePassword { checks, visible } => (
                t("security.change_password_title"),
                html! { <>
                    <label for="old-password">{ t("security.current_password") }</label>
                    <input id="old-password" type="password" autocomplete="current-password" required=true readonly={busy} />
                    { NewPasswordFields { policy: self.policy, checks, visible: *visible, busy,
                        ontyped: self.ontyped.clone(), onshow: self.onshow.clone() }.view() }
                </> },
                || Change::Password {
                    old: field_value("old-password").into(),
                    new: field_value("new-password").into(),
                },
            ),
        };
        let code = !matches!(task, Task::ChangePassword { .. });
        let onsubmit = Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            onchange.emit(make());
        });
        html! {
            <form onsubmit={onsubmit} novalidate=true aria-labelledby="task-title">
                <h2 id="task-title">{ title }</h2>
                { body }
                if code {
                    <label for="code">{ t("common.code") }</label>
                    <input id="code" type="text" autocomplete="one-time-code" inputmode="numeric"
                        autocapitalize="none" spellcheck="false" required=true readonly={busy} />
                }
                { submit_button(t("security.save"), t("common.saving"), self.phase) }
                { choice_button("cancel".to_owned(), t("common.cancel"), false, busy, self.oncancel.reform(|_| ())) }
            </form>
        }
    }
}
