//! How to sign in: the ways the pool offers this person, in the order they would pick them.

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
        AuthFactor::WebAuthn => "Sign in with a passkey",
        AuthFactor::EmailOtp => "Email me a code",
        AuthFactor::SmsOtp => "Text me a code",
        AuthFactor::Password | AuthFactor::PasswordSrp => "Use my password",
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
            "How do you want to sign in?".into(),
            Some(format!("Signing in as {}.", self.username).into()),
            html! { <>
                <div class="choices">{ for buttons }</div>
                { start_over_button("Use another account", busy, &self.onstart_over) }
                { notice_line(self.phase) }
            </> },
        )
    }
}
