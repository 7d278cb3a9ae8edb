//! The submit handler every form shares: read one field, hand the value on.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A `onsubmit` callback that reads `field` and emits its value to `onsubmit`.
///
/// # Example
/// ```ignore
/// let field = use_focus_on_mount();
/// let onsubmit = use_field_submit(field.clone(), props.onsubmit.clone());
/// html! { <form {onsubmit}><input ref={field} /></form> }
/// ```
#[hook]
pub(crate) fn use_field_submit(
    field: NodeRef,
    onsubmit: Callback<String>,
) -> Callback<SubmitEvent> {
    use_callback(
        (field, onsubmit),
        |event: SubmitEvent, (field, onsubmit)| {
            event.prevent_default();
            let value = field
                .cast::<HtmlInputElement>()
                .as_ref()
                .map(HtmlInputElement::value)
                .unwrap_or_default();
            onsubmit.emit(value);
        },
    )
}
