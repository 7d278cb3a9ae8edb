//! The submit handler every form shares: read one field, optionally clear it (secrets leave the
//! page's inputs as soon as they are sent), hand the value on.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What happens to the field after submitting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AfterSubmit {
    /// Leave the value (a username).
    Keep,
    /// Clear it (a password).
    Clear,
}

/// A `onsubmit` callback that reads `field` and emits its value to `onsubmit`.
///
/// # Example
/// ```ignore
/// let field = use_focus_on_mount();
/// let onsubmit = use_field_submit(field.clone(), props.onsubmit.clone(), AfterSubmit::Clear);
/// html! { <form {onsubmit}><input ref={field} /></form> }
/// ```
#[hook]
pub(crate) fn use_field_submit(
    field: NodeRef,
    onsubmit: Callback<String>,
    after: AfterSubmit,
) -> Callback<SubmitEvent> {
    use_callback(
        (field, onsubmit, after),
        |event: SubmitEvent, (field, onsubmit, after)| {
            event.prevent_default();
            let input = field.cast::<HtmlInputElement>();
            let value = input
                .as_ref()
                .map(HtmlInputElement::value)
                .unwrap_or_default();
            if let (Some(input), AfterSubmit::Clear) = (input, after) {
                input.set_value("");
            }
            onsubmit.emit(value);
        },
    )
}
