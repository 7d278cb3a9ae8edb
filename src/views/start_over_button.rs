//! The secondary button of a step: leave this sign-in and start again.

use yew::prelude::*;

/// A plain button (not a submit) reading `label`, e.g. "Start again"; disabled while a request
/// is on its way.
pub(crate) fn start_over_button(
    label: &'static str,
    busy: bool,
    onstart_over: &Callback<()>,
) -> Html {
    html! {
        <button id="start-over" class="secondary" type="button" onclick={onstart_over.reform(|_| ())} disabled={busy}>{ label }</button>
    }
}
