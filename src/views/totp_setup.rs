//! Setting up an authenticator app: the QR code to scan (an SVG path drawn from qrcodegen's
//! modules: no inline style, nothing the CSP must allow), the secret as text to type instead, and
//! the app's first code.

use crate::words::t;
use cognito_auth::{ExposeSecret, SecretString, TotpSetupDetails};
use qrcodegen::{QrCode, QrCodeEcc};
use yew::prelude::*;

use crate::dom::submit_field;
use crate::signin::Phase;
use crate::views::card::card;
use crate::views::notice_line::notice_line;
use crate::views::start_over_button::start_over_button;
use crate::views::submit_button::submit_button;

/// The set-up screen's data and callbacks.
pub(crate) struct TotpSetup<'a> {
    /// The secret.
    pub(crate) details: &'a TotpSetupDetails,
    /// The app's name, shown in the authenticator app.
    pub(crate) app_name: &'a str,
    /// The account, shown in the authenticator app.
    pub(crate) account: &'a str,
    /// Form or waiting.
    pub(crate) phase: &'a Phase,
    /// Submitted with the app's code.
    pub(crate) onsubmit: Callback<SecretString>,
    /// Cancel.
    pub(crate) onstart_over: Callback<()>,
}

/// The QR code of `text` as one SVG path of unit squares, and its size in modules (with the
/// quiet zone of 4 the standard asks for).
fn qr_path(text: &str) -> Option<(String, i32)> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    Some((path, size + 8))
}

/// The secret in groups of four, easier to type.
fn grouped(secret: &str) -> String {
    let mut grouped = String::with_capacity(secret.len() + secret.len() / 4);
    for (index, character) in secret.chars().enumerate() {
        if index > 0 && index % 4 == 0 {
            grouped.push(' ');
        }
        grouped.push(character);
    }
    grouped
}

/// The QR code to scan and the key to type instead, for `details` (shared with the security
/// page).
pub(crate) fn app_secret(details: &TotpSetupDetails, app_name: &str, account: &str) -> Html {
    let uri = details.setup_uri(app_name, account);
    let qr = qr_path(&uri).map(|(path, size)| {
        html! {
            <svg id="totp-qr" class="qr" viewBox={format!("0 0 {size} {size}")} role="img"
                aria-label={t("totp.qr_label")}>
                <rect width={size.to_string()} height={size.to_string()} fill="#fff" />
                <path d={path} fill="#000" />
            </svg>
        }
    });
    html! { <>
        { qr.unwrap_or_default() }
        <p class="hint" id="secret-label">{ t("totp.cant_scan") }</p>
        <p><code id="totp-secret" class="secret" aria-labelledby="secret-label">
            { grouped(details.shared_secret.expose_secret()) }
        </code></p>
    </> }
}

impl TotpSetup<'_> {
    /// The QR code, the secret, and the code field.
    pub(crate) fn view(&self) -> Html {
        let busy = self.phase.is_waiting();
        card(
            t("common.set_up_app").into(),
            Some(t("totp.lead").into()),
            html! {
                <form onsubmit={submit_field("code", &self.onsubmit)} novalidate=true>
                    { app_secret(self.details, self.app_name, self.account) }
                    <label for="code">{ t("totp.code_label") }</label>
                    <input id="code" name="code" type="text" autocomplete="one-time-code"
                        inputmode="numeric" autocapitalize="none" spellcheck="false"
                        required=true readonly={busy} />
                    { submit_button(t("common.continue"), t("common.checking"), self.phase) }
                    { start_over_button(t("common.start_again"), busy, &self.onstart_over) }
                    { notice_line(self.phase) }
                </form>
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_has_a_quiet_zone_and_the_secret_reads_in_fours() {
        let (path, size) =
            qr_path("otpauth://totp/App:ada?secret=JBSWY3DPEHPK3PXP&issuer=App").unwrap();
        assert!(size >= 21 + 8, "{size}");
        assert!(
            path.starts_with("M4,4h1v1h-1z"),
            "the finder pattern's corner: {path:.40}"
        );
        assert_eq!(grouped("JBSWY3DPEHPK3PXP"), "JBSW Y3DP EHPK 3PXP");
    }
}
