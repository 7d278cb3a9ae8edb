//! The first screen: who is signing in (and, in the demo, how).

use cognito_auth::AuthFlow;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::card::card;
use crate::components::notice_line::notice_line;
use crate::components::submit_button::submit_button;
use crate::config::{flow_label, parse_flow};
use crate::hooks::use_field_submit::use_field_submit;
use crate::hooks::use_focus_on_mount::use_focus_on_mount;
use crate::signin::Phase;

const FLOWS: [(AuthFlow, &str); 4] = [
    (AuthFlow::UserSrpAuth, "USER_SRP_AUTH"),
    (AuthFlow::UserPasswordAuth, "USER_PASSWORD_AUTH"),
    (AuthFlow::CustomWithoutSrp, "CUSTOM_WITHOUT_SRP"),
    (AuthFlow::CustomWithSrp, "CUSTOM_WITH_SRP"),
];

/// [`UsernameForm`]'s properties.
#[derive(Properties, PartialEq)]
pub(crate) struct UsernameFormProps {
    /// The flow that will be used.
    pub(crate) flow: AuthFlow,
    /// Pre-filled username.
    pub(crate) username: AttrValue,
    /// Form or waiting.
    pub(crate) phase: Phase,
    /// Whether to offer the flow choice.
    pub(crate) flow_choice: bool,
    /// Submitted with the username typed.
    pub(crate) onsubmit: Callback<String>,
    /// A flow was picked.
    pub(crate) onchoose_flow: Callback<AuthFlow>,
}

/// A labelled username field, the flow choice (demo), a submit button and a live region.
#[component]
pub(crate) fn UsernameForm(props: &UsernameFormProps) -> Html {
    let input = use_focus_on_mount();
    let busy = props.phase == Phase::Waiting;
    let onsubmit = use_field_submit(input.clone(), props.onsubmit.clone());
    let onchange = {
        let onchoose_flow = props.onchoose_flow.clone();
        Callback::from(move |event: Event| {
            let value = event
                .target_dyn_into::<HtmlSelectElement>()
                .map(|select| select.value())
                .unwrap_or_default();
            if let Some(flow) = parse_flow(&value) {
                onchoose_flow.emit(flow);
            }
        })
    };
    let passwordless = props.flow == AuthFlow::CustomWithoutSrp;
    html! {
        { card("Sign in".into(), None, html! { <>
            <form onsubmit={onsubmit} novalidate=true>
                <label for="username">{ "Username" }</label>
                <input ref={input} id="username" name="username" type="text" autocomplete="username"
                    autocapitalize="none" spellcheck="false" required=true
                    value={props.username.clone()} readonly={busy} />
                if props.flow_choice {
                    <label for="flow">{ "Sign in with" }</label>
                    <select id="flow" name="flow" onchange={onchange} disabled={busy}>
                        { for FLOWS.iter().map(|(flow, name)| html! {
                            <option value={*name} selected={*flow == props.flow}>{ flow_label(*flow) }</option>
                        }) }
                    </select>
                }
                { submit_button(if passwordless { "Continue" } else { "Next" }, "Preparing your challenge…", &props.phase) }
                { notice_line(&props.phase) }
            </form>
        </> }) }
    }
}
