//! A one-time code: where it was sent (masked as the pool masks it), or the authenticator app.

use crate::words::{t, tf};
use cognito_auth::SecretString;
use yew::prelude::*;

use crate::dom::submit_field;
use crate::signin::{CodeSource, Phase};
use crate::views::card::card;
use crate::views::notice_line::notice_line;
use crate::views::start_over_button::start_over_button;
use crate::views::submit_button::submit_button;

/// The code screen's data and callbacks.
pub(crate) struct CodeForm<'a> {
    /// Where the code comes from.
    pub(crate) source: &'a CodeSource,
    /// Whether a new code can be asked for.
    pub(crate) can_resend: bool,
    /// Form or waiting.
    pub(crate) phase: &'a Phase,
    /// Submitted with the code typed.
    pub(crate) onsubmit: Callback<SecretString>,
    /// Send a new code.
    pub(crate) onresend: Callback<()>,
    /// Cancel.
    pub(crate) onstart_over: Callback<()>,
}

impl CodeForm<'_> {
    /// The form: one field that phones fill from the message (`one-time-code`) with a number
    /// keypad.
    pub(crate) fn view(&self) -> Html {
        let busy = self.phase.is_waiting();
        let sent_to = |destination: &Option<String>, fallback: &'static str| match destination {
            Some(to) => tf("code.sent_to", &[("destination", to)]),
            None => t(fallback).to_owned(),
        };
        let (title, lead) = match self.source {
            CodeSource::Email(to) => (t("code.email_title"), sent_to(to, "code.sent_to_email")),
            CodeSource::Sms(to) => (t("code.phone_title"), sent_to(to, "code.sent_to_phone")),
            CodeSource::App => (t("code.app_title"), t("code.app_lead").to_owned()),
        };
        card(
            title.into(),
            Some(lead.into()),
            html! {
                <form onsubmit={submit_field("code", &self.onsubmit)} novalidate=true>
                    <label for="code">{ t("common.code") }</label>
                    <input id="code" name="code" type="text" autocomplete="one-time-code"
                        inputmode="numeric" autocapitalize="none" spellcheck="false"
                        required=true readonly={busy} />
                    { submit_button(t("common.continue"), t("common.checking"), self.phase) }
                    if self.can_resend {
                        <button id="resend" class="secondary" type="button" disabled={busy}
                            onclick={self.onresend.reform(|_| ())}>{ t("common.send_new_code") }</button>
                    }
                    { start_over_button(t("common.start_again"), busy, &self.onstart_over) }
                    { notice_line(self.phase) }
                </form>
            },
        )
    }
}
