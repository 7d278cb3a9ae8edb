//! A custom challenge: the CAPTCHA picture (from `captchaUrl`) and an answer field, or a generic
//! prompt and answer when the challenge has no picture.

use cognito_auth::StringMap;
use yew::prelude::*;

use crate::components::card::card;
use crate::components::notice_line::notice_line;
use crate::components::submit_button::submit_button;
use crate::config::safe_image_url;
use crate::hooks::use_field_submit::use_field_submit;
use crate::hooks::use_focus_on_mount::use_focus_on_mount;
use crate::signin::Phase;

/// [`ChallengeForm`]'s properties.
#[derive(Properties, PartialEq)]
pub(crate) struct ChallengeFormProps {
    /// The challenge's public parameters.
    pub(crate) additional_info: StringMap,
    /// Form or waiting.
    pub(crate) phase: Phase,
    /// Submitted with the answer typed.
    pub(crate) onsubmit: Callback<String>,
    /// Cancel.
    pub(crate) onstart_over: Callback<()>,
}

/// The picture is shown only for safe URLs (never `javascript:`); the field is cleared for each
/// new challenge (the component is keyed on it).
#[component]
pub(crate) fn ChallengeForm(props: &ChallengeFormProps) -> Html {
    let input = use_focus_on_mount();
    let busy = props.phase == Phase::Waiting;
    let onsubmit = use_field_submit(input.clone(), props.onsubmit.clone());
    let start_over = props.onstart_over.reform(|_: MouseEvent| ());
    let picture = props
        .additional_info
        .get("captchaUrl")
        .filter(|url| safe_image_url(url));
    let (title, lead, label) = match (picture, props.additional_info.get("prompt")) {
        (Some(_), _) => (
            "Prove you're human",
            "Type the characters you see in the picture.".to_owned(),
            "Characters in the picture",
        ),
        (None, Some(prompt)) => ("One more step", prompt.clone(), "Your answer"),
        (None, None) => (
            "One more step",
            "Answer the challenge to sign in.".to_owned(),
            "Your answer",
        ),
    };
    html! {
        { card(title.into(), Some(lead.into()), html! { <>
            <form onsubmit={onsubmit} novalidate=true>
                if let Some(url) = picture {
                    <img class="captcha" src={url.clone()} alt="A picture of characters to type; if you cannot see it, start again or ask for help." />
                }
                <label for="answer">{ label }</label>
                <input ref={input} id="answer" name="answer" type="text" autocomplete="one-time-code"
                    autocapitalize="none" spellcheck="false" required=true readonly={busy} />
                { submit_button("Continue", "Checking…", &props.phase) }
                <button class="secondary" type="button" onclick={start_over} disabled={busy}>{ "Start again" }</button>
                { notice_line(&props.phase) }
            </form>
        </> }) }
    }
}
