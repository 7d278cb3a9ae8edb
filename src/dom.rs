//! The few direct DOM touches the views need, by element id: reading a field on submit,
//! focusing the next step's field, emptying a password field. Called from callbacks and
//! effects only, never while rendering.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::{Callback, SubmitEvent};

fn element<T: JsCast>(id: &str) -> Option<T> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into()
        .ok()
}

/// An `onsubmit` callback that keeps the page where it is and emits the value of the field
/// `field_id` to `onsubmit` (as a `SecretString` for secret fields).
pub(crate) fn submit_field<T: From<String> + 'static>(
    field_id: &'static str,
    onsubmit: &Callback<T>,
) -> Callback<SubmitEvent> {
    let onsubmit = onsubmit.clone();
    Callback::from(move |event: SubmitEvent| {
        event.prevent_default();
        let value = element::<HtmlInputElement>(field_id)
            .map(|input| input.value())
            .unwrap_or_default();
        onsubmit.emit(T::from(value));
    })
}

/// Moves focus to the element `id`, if it is on the page.
pub(crate) fn focus(id: &str) {
    if let Some(element) = element::<HtmlElement>(id) {
        let _ = element.focus();
    }
}

/// Empties the field `id`, if it is on the page.
pub(crate) fn clear_field(id: &str) {
    if let Some(input) = element::<HtmlInputElement>(id) {
        input.set_value("");
    }
}
