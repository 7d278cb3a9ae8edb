//! The frame of every screen: a titled, labelled section.

use yew::prelude::*;

/// A section titled `title` (its heading labels it for assistive technology, and can take focus
/// when a step has nothing better to focus), with an optional `lead` sentence under the heading,
/// around `content`.
pub(crate) fn card(title: AttrValue, lead: Option<AttrValue>, content: Html) -> Html {
    html! {
        <section class="card" aria-labelledby="screen-title">
            <h1 id="screen-title" tabindex="-1">{ title }</h1>
            if let Some(lead) = lead {
                <p class="lead">{ lead }</p>
            }
            { content }
        </section>
    }
}
