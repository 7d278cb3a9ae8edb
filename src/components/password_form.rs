//! The password step, for USER_SRP_AUTH, USER_PASSWORD_AUTH and CUSTOM_WITH_SRP.

use cognito_auth::AuthFlow;
use yew::prelude::*;

use crate::components::card::card;
use crate::components::notice_line::notice_line;
use crate::components::submit_button::submit_button;
use crate::hooks::use_clear_after_answer::use_clear_after_answer;
use crate::hooks::use_field_submit::use_field_submit;
use crate::hooks::use_focus_on_mount::use_focus_on_mount;
use crate::signin::Phase;

/// [`PasswordForm`]'s properties.
#[derive(Properties, PartialEq)]
pub(crate) struct PasswordFormProps {
    /// Whose password.
    pub(crate) username: AttrValue,
    /// The flow (SRP keeps the password on the device; the text says so).
    pub(crate) flow: AuthFlow,
    /// Form or waiting.
    pub(crate) phase: Phase,
    /// Submitted with the password typed (never stored).
    pub(crate) onsubmit: Callback<String>,
    /// "Not you?"
    pub(crate) onstart_over: Callback<()>,
}

/// A password field (with the username for password managers), busy while the SRP maths and
/// the request run.
#[component]
pub(crate) fn PasswordForm(props: &PasswordFormProps) -> Html {
    let input = use_focus_on_mount();
    let busy = props.phase == Phase::Waiting;
    let onsubmit = use_field_submit(input.clone(), props.onsubmit.clone());
    use_clear_after_answer(input.clone(), props.phase.clone());
    let start_over = props.onstart_over.reform(|_: MouseEvent| ());
    let lead = match props.flow {
        AuthFlow::UserPasswordAuth => "Enter your password.",
        _ => "Enter your password. It never leaves this device: it is proven with SRP.",
    };
    html! {
        { card(format!("Welcome, {}", props.username).into(), Some(lead.into()), html! { <>
            <form onsubmit={onsubmit} novalidate=true>
                <input type="text" name="username" autocomplete="username" value={props.username.clone()} hidden=true readonly=true />
                <label for="password">{ "Password" }</label>
                <input ref={input} id="password" name="password" type="password" autocomplete="current-password" required=true readonly={busy} />
                { submit_button("Sign in", "Signing in…", &props.phase) }
                <button class="secondary" type="button" onclick={start_over} disabled={busy}>{ "Not you? Start again" }</button>
                { notice_line(&props.phase) }
            </form>
        </> }) }
    }
}
