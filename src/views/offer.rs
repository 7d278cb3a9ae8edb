//! What follows signing in, when there is something to offer: remember this device (no second
//! step here next time), and add a passkey. Each is a yes, or "Not now".

use yew::prelude::*;

use crate::signin::Phase;
use crate::views::card::card;
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
            title: "Remember this device?",
            lead: "On a device you trust, you won't need the second step next time you sign in here. Don't choose this on a shared computer.",
            accept: ("remember-device", "Remember this device"),
            busy_label: "Remembering…",
            phase,
            onanswer,
        }
    }

    /// Add a passkey?
    pub(crate) fn add_passkey(phase: &Phase, onanswer: Callback<bool>) -> Offer<'_> {
        Offer {
            title: "Sign in faster with a passkey",
            lead: "A passkey lets you sign in with your fingerprint, face or screen lock instead of a password or code. It stays on your device.",
            accept: ("add-passkey", "Add a passkey"),
            busy_label: "Waiting for your device…",
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
                <button id={id} class="primary" type="button" disabled={busy}
                    aria-busy={if busy { "true" } else { "false" }}
                    onclick={self.onanswer.reform(|_| true)}>
                    if busy { <span class="spinner" aria-hidden="true"></span>{ self.busy_label } } else { { label } }
                </button>
                <button id="not-now" class="secondary" type="button" disabled={busy}
                    onclick={self.onanswer.reform(|_| false)}>{ "Not now" }</button>
                { notice_line(self.phase) }
            </> },
        )
    }
}
