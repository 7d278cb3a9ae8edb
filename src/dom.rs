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
        onsubmit.emit(T::from(field_value(field_id)));
    })
}

/// Shows the page's content, which index.html's loader hides at the second bundle's pages
/// until the app has drawn them (the HTML came with the sign-in form, not with those pages).
pub(crate) fn reveal() {
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.remove_attribute("data-loading");
    }
}

/// The value of the field `id` (empty when it is not on the page).
pub(crate) fn field_value(id: &str) -> String {
    element::<HtmlInputElement>(id)
        .map(|input| input.value())
        .unwrap_or_default()
}

/// Moves focus to the element `id`, if it is on the page; in a text field, the caret goes after
/// what it holds (a pre-filled username is carried on, not typed over).
pub(crate) fn focus_at_end(id: &str) {
    let Some(element) = element::<HtmlElement>(id) else {
        return;
    };
    let _ = element.focus();
    if let Some(input) = element.dyn_ref::<HtmlInputElement>()
        && input.type_() == "text"
    {
        let end = input.value().encode_utf16().count() as u32;
        let _ = input.set_selection_range(end, end);
    }
}

/// Empties the field `id`, if it is on the page.
pub(crate) fn clear_field(id: &str) {
    if let Some(input) = element::<HtmlInputElement>(id) {
        input.set_value("");
    }
}
