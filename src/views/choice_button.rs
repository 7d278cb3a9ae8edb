//! A button among a list of choices (ways to sign in, second steps, offers): the first is the
//! primary one. One function for all of them: each `html!` element costs its own code.

use yew::prelude::*;

/// A choice button: `id`, words, whether it is the primary (first) one, disabled while busy.
pub(crate) fn choice_button(
    id: String,
    label: &'static str,
    primary: bool,
    busy: bool,
    onclick: Callback<MouseEvent>,
) -> Html {
    html! {
        <button id={id} class={if primary { "primary" } else { "secondary" }} type="button"
            disabled={busy} aria-busy={if busy && primary { "true" } else { "false" }}
            onclick={onclick}>{ label }</button>
    }
}
