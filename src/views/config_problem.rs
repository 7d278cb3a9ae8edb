//! The page cannot work: its configuration is missing or wrong.

use yew::prelude::*;

use crate::config::CONFIG_PATH;
use crate::views::card::card;

/// Tells people sign-in is unavailable, and whoever deployed the page what to fix (`message`:
/// what is wrong).
pub(crate) fn config_problem(message: &str) -> Html {
    card(
        "Sign-in is unavailable".into(),
        Some("This page is not set up correctly. Please try again later.".into()),
        html! {
            <p role="alert">{ format!("For the site's administrator: {CONFIG_PATH}: {message}") }</p>
        },
    )
}
