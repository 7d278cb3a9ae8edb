//! The e-mail address MFA codes should go to.

use crate::words::t;
use yew::prelude::*;

use crate::dom::submit_field;
use crate::signin::Phase;
use crate::views::card::card;
use crate::views::notice_line::notice_line;
use crate::views::start_over_button::start_over_button;
use crate::views::submit_button::submit_button;

/// The e-mail set-up screen's data and callbacks.
pub(crate) struct EmailSetup<'a> {
    /// Form or waiting.
    pub(crate) phase: &'a Phase,
    /// Submitted with the address typed.
    pub(crate) onsubmit: Callback<String>,
    /// Cancel.
    pub(crate) onstart_over: Callback<()>,
}

impl EmailSetup<'_> {
    /// The form.
    pub(crate) fn view(&self) -> Html {
        let busy = self.phase.is_waiting();
        card(
            t("email_setup.title").into(),
            Some(t("email_setup.lead").into()),
            html! {
                <form onsubmit={submit_field("mfa-email", &self.onsubmit)} novalidate=true>
                    <label for="mfa-email">{ t("common.email_address") }</label>
                    <input id="mfa-email" name="email" type="email" autocomplete="email"
                        autocapitalize="none" spellcheck="false" required=true readonly={busy} />
                    { submit_button(t("common.send_code"), t("common.sending"), self.phase) }
                    { start_over_button(t("common.start_again"), busy, &self.onstart_over) }
                    { notice_line(self.phase) }
                </form>
            },
        )
    }
}
