//! The `aria-live` region where each screen says what happened.

use yew::prelude::*;

use crate::signin::Phase;

/// [`NoticeLine`]'s properties.
#[derive(Properties, PartialEq)]
pub(crate) struct NoticeLineProps {
    /// The screen's phase (a notice shows only while editing).
    pub(crate) phase: Phase,
}

/// Always rendered, so screen readers announce changes to it.
#[component]
pub(crate) fn NoticeLine(props: &NoticeLineProps) -> Html {
    let (class, text) = match &props.phase {
        Phase::Editing(Some(notice)) => (
            if notice.is_problem() {
                "notice problem"
            } else {
                "notice news"
            },
            notice.text(),
        ),
        Phase::Editing(None) | Phase::Waiting => ("notice", String::new()),
    };
    html! { <p class={class} role="status" aria-live="polite">{ text }</p> }
}
