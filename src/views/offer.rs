//! What follows signing in, when there is something to offer: remember this device (no second
//! step here next time), and add a passkey. Each is a yes, or "Not now".

use crate::words::t;
use yew::prelude::*;

use crate::signin::Phase;
use crate::views::card::card;
use crate::views::choice_button::choice_button;
use crate::views::notice_line::notice_line;

/// An offer's words, state and answers.
pub(crate) struct Offer<'a> {
    /// The heading.
    pub(crate) title: &'static str,
    /// What it means for the person.
    pub(crate) lead: &'static str,
    /// The yes button's id and words.
    pub(crate) accept: (&'static str, &'static str),
    /// While the yes is on its way.
    pub(crate) busy_label: &'static str,
    /// Form or waiting.
    pub(crate) phase: &'a Phase,
    /// `true`: yes; `false`: not now.
    pub(crate) onanswer: Callback<bool>,
}

impl Offer<'_> {
    /// Remember this device?
    pub(crate) fn remember_device(phase: &Phase, onanswer: Callback<bool>) -> Offer<'_> {
        Offer {
            title: t("offer.device_title"),
            lead: t("offer.device_lead"),
            accept: ("remember-device", t("offer.device_accept")),
            busy_label: t("offer.device_busy"),
            phase,
            onanswer,
        }
    }

    /// Add a passkey?
    pub(crate) fn add_passkey(phase: &Phase, onanswer: Callback<bool>) -> Offer<'_> {
        Offer {
            title: t("offer.passkey_title"),
            lead: t("offer.passkey_lead"),
            accept: ("add-passkey", t("common.add_passkey")),
            busy_label: t("offer.passkey_busy"),
            phase,
            onanswer,
        }
    }

    /// The two buttons.
    pub(crate) fn view(&self) -> Html {
        let busy = self.phase.is_waiting();
        let (id, label) = self.accept;
        card(
            self.title.into(),
            Some(self.lead.into()),
            html! { <>
                { choice_button(id.to_owned(), if busy { self.busy_label } else { label }, true, busy, self.onanswer.reform(|_| true)) }
                { choice_button("not-now".to_owned(), t("offer.not_now"), false, busy, self.onanswer.reform(|_| false)) }
                { notice_line(self.phase) }
            </> },
        )
    }
}
