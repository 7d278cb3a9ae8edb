//! A custom challenge: the CAPTCHA picture (from `captchaUrl`) and an answer field, or a generic
//! prompt and answer when the challenge has no picture.

use cognito_auth::{SecretString, StringMap};
use yew::prelude::*;

use crate::config::safe_image_url;
use crate::dom::submit_field;
use crate::signin::Phase;
use crate::views::card::card;
use crate::views::notice_line::notice_line;
use crate::views::start_over_button::start_over_button;
use crate::views::submit_button::submit_button;

/// The challenge screen's data and callbacks.
pub(crate) struct ChallengeForm<'a> {
    /// The challenge's public parameters.
    pub(crate) additional_info: &'a StringMap,
    /// Form or waiting.
    pub(crate) phase: &'a Phase,
    /// Submitted with the answer typed.
    pub(crate) onsubmit: Callback<SecretString>,
    /// Cancel.
    pub(crate) onstart_over: Callback<()>,
}

impl ChallengeForm<'_> {
    /// The picture is shown only for safe URLs (never `javascript:`).
    pub(crate) fn view(&self) -> Html {
        let busy = *self.phase == Phase::Waiting;
        let info = self.additional_info;
        let picture = info.get("captchaUrl").filter(|url| safe_image_url(url));
        let (title, lead, label) = match (picture, info.get("prompt")) {
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
        card(
            title.into(),
            Some(lead.into()),
            html! {
                <form onsubmit={submit_field("answer", &self.onsubmit)} novalidate=true>
                    if let Some(url) = picture {
                        <img class="captcha" src={url.clone()} alt="A picture of characters to type; if you cannot see it, start again or ask for help." />
                    }
                    <label for="answer">{ label }</label>
                    <input id="answer" name="answer" type="text" autocomplete="one-time-code"
                        autocapitalize="none" spellcheck="false" required=true readonly={busy} />
                    { submit_button("Continue", "Checking…", self.phase) }
                    { start_over_button("Start again", busy, &self.onstart_over) }
                    { notice_line(self.phase) }
                </form>
            },
        )
    }
}
