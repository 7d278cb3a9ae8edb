//! Password fields are emptied as soon as Cognito has answered — except when the request could
//! not be sent at all, so "Try again" resends what the person typed without retyping it.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::signin::{Notice, Phase};

/// Clears `field` whenever `phase` brings an answer (a notice) other than
/// [`Notice::NetworkDown`].
///
/// # Example
/// ```ignore
/// let field = use_focus_on_mount();
/// use_clear_after_answer(field.clone(), props.phase.clone());
/// ```
#[hook]
pub(crate) fn use_clear_after_answer(field: NodeRef, phase: Phase) {
    use_effect_with(phase, move |phase| {
        let answered =
            matches!(phase, Phase::Editing(Some(notice)) if *notice != Notice::NetworkDown);
        if let Some(input) = field.cast::<HtmlInputElement>().filter(|_| answered) {
            input.set_value("");
        }
    });
}
