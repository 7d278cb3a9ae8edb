//! Shown while the configuration loads and a session or sign-in is looked for.

use yew::prelude::*;

use crate::views::card::card;

/// A busy card.
pub(crate) fn starting() -> Html {
    card(
        "Sign in".into(),
        None,
        html! {
            <p role="status" aria-live="polite" aria-busy="true">
                <span class="spinner" aria-hidden="true"></span>{ " Loading…" }
            </p>
        },
    )
}
