//! A custom challenge: the CAPTCHA picture (from `captchaUrl`), its spoken digits for people who
//! cannot see it (`captchaAudioUrl`) and an answer field — or a generic prompt and answer when
//! the challenge has no picture.

use crate::words::{plural, t};
use cognito_auth::{SecretString, StringMap};
use yew::prelude::*;

use crate::config::{safe_audio_url, safe_image_url};
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

/// "3 tries", "2 tries left", "Last try": from the challenge's `attemptsLeft`, if it has one.
fn tries_left(info: &StringMap) -> Option<String> {
    let left: u32 = info.get("attemptsLeft")?.parse().ok()?;
    Some(match left {
        0 | 1 => t("challenge.last_try").to_owned(),
        left => plural("challenge.tries_left", left, &[]),
    })
}

impl ChallengeForm<'_> {
    /// The picture and its audio are shown only for safe URLs (never `javascript:`).
    pub(crate) fn view(&self) -> Html {
        let busy = self.phase.is_waiting();
        let info = self.additional_info;
        let picture = info.get("captchaUrl").filter(|url| safe_image_url(url));
        let audio = info
            .get("captchaAudioUrl")
            .filter(|url| safe_audio_url(url));
        let (title, lead, label) = match (picture, info.get("prompt")) {
            (Some(_), _) => (
                t("challenge.captcha_title"),
                t("challenge.captcha_lead").to_owned(),
                t("challenge.captcha_label"),
            ),
            (None, Some(prompt)) => (t("challenge.title"), prompt.clone(), t("challenge.answer")),
            (None, None) => (
                t("challenge.title"),
                t("challenge.lead").to_owned(),
                t("challenge.answer"),
            ),
        };
        // A picture of digits, or a code: a number keypad on phones.
        let numeric = picture.is_some() || info.contains_key("prompt");
        card(
            title.into(),
            Some(lead.into()),
            html! {
                <form onsubmit={submit_field("answer", &self.onsubmit)} novalidate=true>
                    if let Some(url) = picture {
                        <img class="captcha" src={url.clone()} alt={t("challenge.captcha_alt")} />
                    }
                    if let Some(url) = audio {
                        <p class="listen" id="listen-label">{ t("challenge.listen") }</p>
                        <audio id="captcha-audio" controls=true preload="none" src={url.clone()} aria-labelledby="listen-label"></audio>
                    }
                    <label for="answer">{ label }</label>
                    <input id="answer" name="answer" type="text" autocomplete="one-time-code"
                        inputmode={if numeric { "numeric" } else { "text" }}
                        autocapitalize="none" spellcheck="false" required=true readonly={busy}
                        aria-describedby="tries" />
                    <p id="tries" class="hint">{ tries_left(info).unwrap_or_default() }</p>
                    { submit_button(t("common.continue"), t("common.checking"), self.phase) }
                    { start_over_button(t("common.start_again"), busy, &self.onstart_over) }
                    { notice_line(self.phase) }
                </form>
            },
        )
    }
}
