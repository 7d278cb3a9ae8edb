//! The `aria-live` region where each screen says what happened.

use yew::prelude::*;

use crate::signin::Phase;

/// Always rendered, so screen readers announce changes to it; shows a notice only while editing.
pub(crate) fn notice_line(phase: &Phase) -> Html {
    let (class, text) = match phase {
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
