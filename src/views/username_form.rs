//! The first screen: who is signing in (and, in the demo, how).

use cognito_auth::AuthFlow;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::config::{flow_label, parse_flow};
use crate::dom::submit_field;
use crate::signin::Phase;
use crate::views::card::card;
use crate::views::notice_line::notice_line;
use crate::views::submit_button::submit_button;

const FLOWS: [(AuthFlow, &str); 4] = [
    (AuthFlow::UserSrpAuth, "USER_SRP_AUTH"),
    (AuthFlow::UserPasswordAuth, "USER_PASSWORD_AUTH"),
    (AuthFlow::CustomWithoutSrp, "CUSTOM_WITHOUT_SRP"),
    (AuthFlow::CustomWithSrp, "CUSTOM_WITH_SRP"),
];

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
    /// A flow was picked.
    pub(crate) onchoose_flow: Callback<AuthFlow>,
}

impl UsernameForm<'_> {
    /// A labelled username field, the flow choice (demo), a submit button and a live region.
    pub(crate) fn view(&self) -> Html {
        let busy = *self.phase == Phase::Waiting;
        let onchoose_flow = self.onchoose_flow.clone();
        let onchange = Callback::from(move |event: Event| {
            let value = event
                .target_dyn_into::<HtmlSelectElement>()
                .map(|select| select.value())
                .unwrap_or_default();
            if let Some(flow) = parse_flow(&value) {
                onchoose_flow.emit(flow);
            }
        });
        let passwordless = self.flow == AuthFlow::CustomWithoutSrp;
        card(
            "Sign in".into(),
            None,
            html! {
                <form onsubmit={submit_field("username", &self.onsubmit)} novalidate=true>
                    <label for="username">{ "Username" }</label>
                    <input id="username" name="username" type="text" autocomplete="username"
                        autocapitalize="none" spellcheck="false" required=true
                        value={self.username.to_owned()} readonly={busy} />
                    if self.flow_choice {
                        <label for="flow">{ "Sign in with" }</label>
                        <select id="flow" name="flow" onchange={onchange} disabled={busy}>
                            { for FLOWS.iter().map(|(flow, name)| html! {
                                <option value={*name} selected={*flow == self.flow}>{ flow_label(*flow) }</option>
                            }) }
                        </select>
                    }
                    { submit_button(if passwordless { "Continue" } else { "Next" }, "Preparing your challenge…", self.phase) }
                    { notice_line(self.phase) }
                </form>
            },
        )
    }
}
