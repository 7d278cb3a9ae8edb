//! The first screen: who is signing in (and, in the demo, how).

use crate::words::t;
use cognito_auth::AuthFlow;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::config::{FLOW_NAMES, flow_label, parse_flow};
use crate::dom::{field_value, submit_field};
use crate::signin::Phase;
use crate::views::card::card;
use crate::views::notice_line::notice_line;
use crate::views::submit_button::submit_button;

/// The username screen's data and callbacks.
pub(crate) struct UsernameForm<'a> {
    /// The flow that will be used.
    pub(crate) flow: AuthFlow,
    /// Pre-filled username.
    pub(crate) username: &'a str,
    /// Form or waiting.
    pub(crate) phase: &'a Phase,
    /// Whether to offer the flow choice.
    pub(crate) flow_choice: bool,
    /// Submitted with the username typed.
    pub(crate) onsubmit: Callback<String>,
    /// A flow was picked: the flow, and the username typed so far (kept).
    pub(crate) onchoose_flow: Callback<(AuthFlow, String)>,
    /// Create an account (when the page allows it).
    pub(crate) onsign_up: Option<Callback<()>>,
    /// Reset a forgotten password.
    pub(crate) onforgot: Option<Callback<()>>,
}

impl<'a> UsernameForm<'a> {
    /// The form as it comes with the HTML (and as the app shows it until it has started):
    /// holding `typed`, no flow choice, nothing to say.
    pub(crate) fn first(typed: &'a str, onsubmit: Callback<String>) -> Self {
        Self {
            flow: AuthFlow::default(),
            username: typed,
            phase: &Phase::READY,
            flow_choice: false,
            onsubmit,
            onchoose_flow: Callback::noop(),
            onsign_up: None,
            onforgot: None,
        }
    }

    /// A labelled username field, the flow choice (demo), a submit button and a live region.
    ///
    /// Without the flow choice, this is also what `index.html` carries, rendered at build time
    /// (`src/main.rs`, run natively), so the form is there at first paint. `method="dialog"`: until
    /// the app has taken the form over, Enter does nothing (no navigation, which the page's CSP
    /// would refuse anyway); afterwards the app handles the submit.
    pub(crate) fn view(&self) -> Html {
        let busy = self.phase.is_waiting();
        let onchoose_flow = self.onchoose_flow.clone();
        let onchange = Callback::from(move |event: Event| {
            let value = event
                .target_dyn_into::<HtmlSelectElement>()
                .map(|select| select.value())
                .unwrap_or_default();
            if let Some(flow) = parse_flow(&value) {
                onchoose_flow.emit((flow, field_value("username")));
            }
        });
        card(
            t("username.title").into(),
            None,
            html! {
                <form method="dialog" onsubmit={submit_field("username", &self.onsubmit)} novalidate=true>
                    <label for="username">{ t("common.username") }</label>
                    <input id="username" name="username" type="text" autocomplete="username"
                        autocapitalize="none" spellcheck="false" required=true autofocus=true
                        value={self.username.to_owned()} readonly={busy} />
                    if self.flow_choice {
                        <label for="flow">{ t("username.flow") }</label>
                        <select id="flow" name="flow" onchange={onchange} disabled={busy}>
                            { for FLOW_NAMES.iter().map(|(flow, name)| html! {
                                <option value={*name} selected={*flow == self.flow}>{ flow_label(*flow) }</option>
                            }) }
                        </select>
                    }
                    { submit_button(t("common.continue"), t("username.starting"), self.phase) }
                    { notice_line(self.phase) }
                    if let Some(onforgot) = &self.onforgot {
                        <button id="forgot-password" class="link" type="button" disabled={busy}
                            onclick={onforgot.reform(|_| ())}>{ t("username.forgot") }</button>
                    }
                    if let Some(onsign_up) = &self.onsign_up {
                        <button id="sign-up" class="link" type="button" disabled={busy}
                            onclick={onsign_up.reform(|_| ())}>{ t("username.sign_up") }</button>
                    }
                </form>
            },
        )
    }
}
