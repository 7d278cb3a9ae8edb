//! The page cannot work: its configuration is missing or wrong.

use crate::words::{t, tf};
use yew::prelude::*;

use crate::config::CONFIG_PATH;
use crate::views::card::card;

/// Tells people sign-in is unavailable, and whoever deployed the page what to fix (`message`:
/// what is wrong).
pub(crate) fn config_problem(message: &str) -> Html {
    card(
        t("config.title").into(),
        Some(t("config.lead").into()),
        html! {
            <p role="alert">{ tf("config.detail", &[("detail", &format!("{CONFIG_PATH}: {message}"))]) }</p>
        },
    )
}
