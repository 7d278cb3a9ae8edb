//! The `aria-live` region where each screen says what happened.

use yew::prelude::*;

use crate::signin::Phase;

/// Always rendered, so screen readers announce changes to it; shows a notice only while editing.
///
/// One literal `class` per kind of notice: a computed `class` would bring in Yew's `Classes`
/// (a hashed set of names) for this one element.
pub(crate) fn notice_line(phase: &Phase) -> Html {
    match phase {
        Phase::Editing(Some(shown)) if shown.notice.is_problem() => html! {
            <p class="notice problem" role="status" aria-live="polite">{ shown.text() }</p>
        },
        Phase::Editing(Some(shown)) => html! {
            <p class="notice news" role="status" aria-live="polite">{ shown.text() }</p>
        },
        Phase::Editing(None) | Phase::Waiting(_) => html! {
            <p class="notice" role="status" aria-live="polite"></p>
        },
    }
}
