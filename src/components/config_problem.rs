//! The page cannot work: its configuration is missing or wrong.

use yew::prelude::*;

use crate::components::card::card;
use crate::config::CONFIG_PATH;

/// [`ConfigProblem`]'s properties.
pub(crate) struct ConfigProblemProps {
    /// What is wrong.
    pub(crate) message: AttrValue,
}

/// Tells people sign-in is unavailable, and whoever deployed the page what to fix.
pub(crate) fn config_problem(props: &ConfigProblemProps) -> Html {
    html! {
        { card("Sign-in is unavailable".into(), Some("This page is not set up correctly. Please try again later.".into()), html! { <>
            <p role="alert">{ format!("For the site's administrator: {CONFIG_PATH}: {}", props.message) }</p>
        </> }) }
    }
}
