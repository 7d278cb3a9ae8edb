//! The primary button of a form, with a busy state while Cognito (or the SRP maths) works.

use yew::prelude::*;

/// [`SubmitButton`]'s properties.
#[derive(Properties, PartialEq)]
pub(crate) struct SubmitButtonProps {
    /// e.g. "Continue".
    pub(crate) label: AttrValue,
    /// e.g. "Checking…".
    pub(crate) busy_label: AttrValue,
    /// Whether a request is on its way.
    pub(crate) busy: bool,
}

/// Disabled and announcing progress while busy.
#[component]
pub(crate) fn SubmitButton(props: &SubmitButtonProps) -> Html {
    html! {
        <button id="continue" class="primary" type="submit" disabled={props.busy} aria-busy={props.busy.to_string()}>
            if props.busy {
                <span class="spinner" aria-hidden="true"></span>
                { props.busy_label.clone() }
            } else {
                { props.label.clone() }
            }
        </button>
    }
}
