//! Focus moves to each new step, so keyboard and screen-reader users land where to act.

use web_sys::HtmlElement;
use yew::prelude::*;

/// A [`NodeRef`] whose element is focused when the component mounts.
///
/// # Example
/// ```ignore
/// let field = use_focus_on_mount();
/// html! { <input ref={field} /> }
/// ```
#[hook]
pub(crate) fn use_focus_on_mount() -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            if let Some(element) = node.cast::<HtmlElement>() {
                let _ = element.focus();
            }
        });
    }
    node
}
