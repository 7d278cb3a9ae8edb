//! The primary button of a form, with a busy state while Cognito (or the SRP maths) works.

use crate::words::t;
use yew::prelude::*;

use crate::signin::{Notice, Phase};

/// Disabled and announcing progress while a request is on its way; `label` is e.g.
/// "Continue", `busy_label` e.g. "Checking…". After a request could not be sent it reads
/// "Try again": submitting resends what the form holds.
pub(crate) fn submit_button(label: &'static str, busy_label: &'static str, phase: &Phase) -> Html {
    let busy = phase.is_waiting();
    let label = match phase.notice() {
        Some(Notice::NetworkDown) => t("common.try_again"),
        _ => label,
    };
    html! {
        <button id="continue" class="primary" type="submit" disabled={busy} aria-busy={if busy { "true" } else { "false" }}>
            if busy {
                <span class="spinner" aria-hidden="true"></span>
                { busy_label }
            } else {
                { label }
            }
        </button>
    }
}
