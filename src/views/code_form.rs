//! A one-time code: where it was sent (masked as the pool masks it), or the authenticator app.

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
        let sent_to = |destination: &Option<String>, fallback: &str| match destination {
            Some(to) => format!("We sent a code to {to}. Enter it below."),
            None => format!("We sent a code to {fallback}. Enter it below."),
        };
        let (title, lead) = match self.source {
            CodeSource::Email(to) => ("Check your e-mail", sent_to(to, "your e-mail address")),
            CodeSource::Sms(to) => ("Check your phone", sent_to(to, "your phone")),
            CodeSource::App => (
                "Enter your authenticator code",
                "Open your authenticator app and enter the 6-digit code it shows.".to_owned(),
            ),
        };
        card(
            title.into(),
            Some(lead.into()),
            html! {
                <form onsubmit={submit_field("code", &self.onsubmit)} novalidate=true>
                    <label for="code">{ "Code" }</label>
                    <input id="code" name="code" type="text" autocomplete="one-time-code"
                        inputmode="numeric" autocapitalize="none" spellcheck="false"
                        required=true readonly={busy} />
                    { submit_button("Continue", "Checking…", self.phase) }
                    if self.can_resend {
                        <button id="resend" class="secondary" type="button" disabled={busy}
                            onclick={self.onresend.reform(|_| ())}>{ "Send a new code" }</button>
                    }
                    { start_over_button("Start again", busy, &self.onstart_over) }
                    { notice_line(self.phase) }
                </form>
            },
        )
    }
}
