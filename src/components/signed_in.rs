//! Signed in: who, until when, and the ways out.

use yew::prelude::*;

use crate::components::card::card;
use crate::components::notice_line::notice_line;
use crate::hooks::use_focus_on_mount::use_focus_on_mount;
use crate::signin::{Phase, Who};

/// [`SignedIn`]'s properties.
#[derive(Properties, PartialEq)]
pub(crate) struct SignedInProps {
    /// Who.
    pub(crate) who: Who,
    /// Usable, or signing out.
    pub(crate) phase: Phase,
    /// Sign out; `true`: everywhere.
    pub(crate) onsign_out: Callback<bool>,
}

/// The signed-in view.
#[component]
pub(crate) fn SignedIn(props: &SignedInProps) -> Html {
    let first = use_focus_on_mount();
    let busy = props.phase == Phase::Waiting;
    let here = props.onsign_out.reform(|_: MouseEvent| false);
    let everywhere = props.onsign_out.reform(|_: MouseEvent| true);
    let who = &props.who;
    let expires = expiry_text(who.expires_at);
    html! {
        { card("You're signed in".into(), None, html! { <>
            <dl class="who">
                <dt>{ "Username" }</dt><dd id="signed-in-username">{ who.username.clone() }</dd>
                if let Some(name) = &who.name { <dt>{ "Name" }</dt><dd>{ name.clone() }</dd> }
                if let Some(email) = &who.email { <dt>{ "E-mail" }</dt><dd>{ email.clone() }</dd> }
                <dt>{ "Session expires" }</dt><dd>{ expires }</dd>
            </dl>
            <button ref={first} id="sign-out" class="primary" type="button" onclick={here} disabled={busy} aria-busy={busy.to_string()}>
                if busy { <span class="spinner" aria-hidden="true"></span>{ "Signing out…" } } else { { "Sign out" } }
            </button>
            <button id="sign-out-everywhere" class="secondary" type="button" onclick={everywhere} disabled={busy}>{ "Sign out everywhere" }</button>
            { notice_line(&props.phase) }
        </> }) }
    }
}

/// The expiry in the person's local time (the browser formats it).
fn expiry_text(expires_at: i64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(expires_at as f64 * 1000.0));
        String::from(date.to_locale_time_string("default"))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{expires_at} (Unix time)")
    }
}
