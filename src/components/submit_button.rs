//! The primary button of a form, with a busy state while Cognito (or the SRP maths) works.
//!
//! A plain view function rather than a component: it has no state or hooks, and each Yew
//! component type adds its own copy of Yew's lifecycle code to the bundle.

use yew::prelude::*;

/// Disabled and announcing progress while `busy`; `label` is e.g. "Continue", `busy_label`
/// e.g. "Checking…".
pub(crate) fn submit_button(label: &'static str, busy_label: &'static str, busy: bool) -> Html {
    html! {
        <button id="continue" class="primary" type="submit" disabled={busy} aria-busy={busy.to_string()}>
            if busy {
                <span class="spinner" aria-hidden="true"></span>
                { busy_label }
            } else {
                { label }
            }
        </button>
    }
}
