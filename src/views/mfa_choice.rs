//! The second step of signing in: which one to use now, or which to set up.

use crate::words::t;
use cognito_auth::MfaType;
use yew::prelude::*;

use crate::signin::Phase;
use crate::views::card::card;
use crate::views::choice_button::choice_button;
use crate::views::notice_line::notice_line;
use crate::views::start_over_button::start_over_button;

/// The MFA choice screen's data and callbacks.
pub(crate) struct MfaChoice<'a> {
    /// What may be chosen.
    pub(crate) choices: &'a [MfaType],
    /// Setting one up (MFA is required and none is set up yet), rather than using one.
    pub(crate) setting_up: bool,
    /// Form or waiting.
    pub(crate) phase: &'a Phase,
    /// One was chosen.
    pub(crate) onchoose: Callback<MfaType>,
    /// Cancel.
    pub(crate) onstart_over: Callback<()>,
}

fn label(mfa: MfaType, setting_up: bool) -> &'static str {
    match (mfa, setting_up) {
        (MfaType::Totp, false) => t("mfa.use_app"),
        (MfaType::Totp, true) => t("mfa.an_app"),
        (MfaType::Email, false) => t("common.email_me_a_code"),
        (MfaType::Email, true) => t("common.codes_by_email"),
        (MfaType::Sms, false) => t("common.text_me_a_code"),
        (MfaType::Sms, true) => t("common.codes_by_text"),
    }
}

impl MfaChoice<'_> {
    /// One button per choice.
    pub(crate) fn view(&self) -> Html {
        let busy = self.phase.is_waiting();
        let setting_up = self.setting_up;
        let buttons = self.choices.iter().enumerate().map(|(index, &mfa)| {
            choice_button(
                format!("mfa-{}", mfa.as_str()),
                label(mfa, setting_up),
                index == 0,
                busy,
                self.onchoose.reform(move |_| mfa),
            )
        });
        let (title, lead) = if setting_up {
            (t("mfa.setup_title"), t("mfa.setup_lead"))
        } else {
            (t("mfa.title"), t("mfa.lead"))
        };
        card(
            title.into(),
            Some(lead.into()),
            html! { <>
                <div class="choices">{ for buttons }</div>
                { start_over_button(t("common.start_again"), busy, &self.onstart_over) }
                { notice_line(self.phase) }
            </> },
        )
    }
}
