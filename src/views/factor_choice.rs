//! How to sign in: the ways the pool offers this person, in the order they would pick them.

use crate::words::{t, tf};
use cognito_auth::AuthFactor;
use yew::prelude::*;

use crate::signin::Phase;
use crate::views::card::card;
use crate::views::choice_button::choice_button;
use crate::views::notice_line::notice_line;
use crate::views::start_over_button::start_over_button;

/// The choice screen's data and callbacks.
pub(crate) struct FactorChoice<'a> {
    /// Who is signing in.
    pub(crate) username: &'a str,
    /// The ways, in order.
    pub(crate) factors: &'a [AuthFactor],
    /// Form or waiting.
    pub(crate) phase: &'a Phase,
    /// A way was chosen.
    pub(crate) onchoose: Callback<AuthFactor>,
    /// Another account.
    pub(crate) onstart_over: Callback<()>,
}

/// The words on a way's button.
fn label(factor: AuthFactor) -> &'static str {
    match factor {
        AuthFactor::WebAuthn => t("factor.passkey"),
        AuthFactor::EmailOtp => t("common.email_me_a_code"),
        AuthFactor::SmsOtp => t("common.text_me_a_code"),
        AuthFactor::Password | AuthFactor::PasswordSrp => t("factor.password"),
    }
}

impl FactorChoice<'_> {
    /// One button per way (the first is the one most people want).
    pub(crate) fn view(&self) -> Html {
        let busy = self.phase.is_waiting();
        let buttons = self.factors.iter().enumerate().map(|(index, &factor)| {
            choice_button(
                format!("factor-{}", factor.as_str()),
                label(factor),
                index == 0,
                busy,
                self.onchoose.reform(move |_| factor),
            )
        });
        card(
            t("factor.title").into(),
            Some(tf("factor.signing_in_as", &[("username", self.username)]).into()),
            html! { <>
                <div class="choices">{ for buttons }</div>
                { start_over_button(t("factor.another_account"), busy, &self.onstart_over) }
                { notice_line(self.phase) }
            </> },
        )
    }
}
