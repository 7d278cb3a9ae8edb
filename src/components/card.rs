//! The frame of every screen: a titled, labelled section.

use yew::prelude::*;

/// [`Card`]'s properties.
#[derive(Properties, PartialEq)]
pub(crate) struct CardProps {
    /// The screen's heading.
    pub(crate) title: AttrValue,
    /// A sentence under the heading.
    #[prop_or_default]
    pub(crate) lead: Option<AttrValue>,
    /// The screen's content.
    pub(crate) children: Html,
}

/// A titled section; its heading labels it for assistive technology.
#[component]
pub(crate) fn Card(props: &CardProps) -> Html {
    html! {
        <section class="card" aria-labelledby="screen-title">
            <h1 id="screen-title">{ props.title.clone() }</h1>
            if let Some(lead) = &props.lead {
                <p class="lead">{ lead.clone() }</p>
            }
            { props.children.clone() }
        </section>
    }
}
