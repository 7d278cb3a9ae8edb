//! Signed in: who, until when, and the ways out.

use crate::words::t;
use yew::prelude::*;

use crate::signin::{Phase, Who};
use crate::views::card::card;
use crate::views::notice_line::notice_line;

/// The signed-in screen's data and callback.
pub(crate) struct SignedIn<'a> {
    /// Who.
    pub(crate) who: &'a Who,
    /// Usable, or signing out.
    pub(crate) phase: &'a Phase,
    /// Sign out; `true`: everywhere.
    pub(crate) onsign_out: Callback<bool>,
    /// Go to the security page.
    pub(crate) onsecurity: Callback<()>,
}

impl SignedIn<'_> {
    /// The signed-in view.
    pub(crate) fn view(&self) -> Html {
        let busy = self.phase.is_waiting();
        let who = self.who;
        card(
            t("signed_in.title").into(),
            None,
            html! { <>
                <dl class="who">
                    <dt>{ t("common.username") }</dt><dd id="signed-in-username">{ who.username.clone() }</dd>
                    if let Some(name) = &who.name { <dt>{ t("signed_in.name") }</dt><dd>{ name.clone() }</dd> }
                    if let Some(email) = &who.email { <dt>{ t("signed_in.email") }</dt><dd>{ email.clone() }</dd> }
                    <dt>{ t("signed_in.expires") }</dt><dd>{ expiry_text(who.expires_at) }</dd>
                </dl>
                <button id="security" class="secondary" type="button" onclick={self.onsecurity.reform(|_| ())} disabled={busy}>{ t("signed_in.security") }</button>
                <button id="sign-out" class="primary" type="button" onclick={self.onsign_out.reform(|_| false)} disabled={busy} aria-busy={if busy { "true" } else { "false" }}>
                    if busy { <span class="spinner" aria-hidden="true"></span>{ t("signed_in.signing_out") } } else { { t("common.sign_out") } }
                </button>
                <button id="sign-out-everywhere" class="secondary" type="button" onclick={self.onsign_out.reform(|_| true)} disabled={busy}>{ t("common.sign_out_everywhere") }</button>
                { notice_line(self.phase) }
            </> },
        )
    }
}

/// The expiry in the person's local time (the browser formats it).
fn expiry_text(expires_at: i64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(expires_at as f64 * 1000.0));
        String::from(date.to_locale_time_string(crate::words::current_tag()))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{expires_at} (Unix time)")
    }
}
