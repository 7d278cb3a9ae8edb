//! An administrator-created user chooses their password.

use yew::prelude::*;

use crate::components::card::card;
use crate::components::notice_line::notice_line;
use crate::components::submit_button::submit_button;
use crate::hooks::use_clear_after_answer::use_clear_after_answer;
use crate::hooks::use_field_submit::use_field_submit;
use crate::hooks::use_focus_on_mount::use_focus_on_mount;
use crate::signin::Phase;

/// [`NewPasswordForm`]'s properties.
#[derive(Properties, PartialEq)]
pub(crate) struct NewPasswordFormProps {
    /// Who.
    pub(crate) username: AttrValue,
    /// Form or waiting.
    pub(crate) phase: Phase,
    /// Submitted with the new password.
    pub(crate) onsubmit: Callback<String>,
    /// Cancel.
    pub(crate) onstart_over: Callback<()>,
}

/// A new-password field with the pool's rules explained on refusal.
#[component]
pub(crate) fn NewPasswordForm(props: &NewPasswordFormProps) -> Html {
    let input = use_focus_on_mount();
    let busy = props.phase == Phase::Waiting;
    let onsubmit = use_field_submit(input.clone(), props.onsubmit.clone());
    use_clear_after_answer(input.clone(), props.phase.clone());
    let start_over = props.onstart_over.reform(|_: MouseEvent| ());
    html! {
        { card("Choose a new password".into(), Some("Your account was created with a temporary password. Choose your own: at least 8 characters, with upper and lower case, a digit and a symbol.".into()), html! { <>
            <form onsubmit={onsubmit} novalidate=true>
                <input type="text" name="username" autocomplete="username" value={props.username.clone()} hidden=true readonly=true />
                <label for="new-password">{ "New password" }</label>
                <input ref={input} id="new-password" name="new-password" type="password" autocomplete="new-password" required=true readonly={busy} />
                { submit_button("Set password and sign in", "Saving…", &props.phase) }
                <button class="secondary" type="button" onclick={start_over} disabled={busy}>{ "Cancel" }</button>
                { notice_line(&props.phase) }
            </form>
        </> }) }
    }
}
