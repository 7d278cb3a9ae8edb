//! Every sign-in step a pool can ask for, in headless Chromium against the release build and
//! local-cognito, as a person types and clicks: `USER_AUTH`'s choice, e-mail codes (a wrong one,
//! an expired sign-in), a single way taken without asking, the password within `USER_AUTH`, an
//! authenticator code, MFA choice, setting up an authenticator app from the QR code's secret and
//! e-mail codes, a remembered device skipping MFA next time, and passkeys with Chromium's
//! virtual authenticator (added after signing in, used to sign in, a cancelled prompt). axe-core
//! on every new screen, light and dark.
//!
//! One pool and one browser for the whole binary; each scenario has a page of its own (a fresh
//! origin, so fresh storage).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use serde_json::json;
use support::browser::Browser;
use support::pages::{
    MFA, PASSWORDLESS, accessible, app_code, enter, heading, latest_code, notice,
    open_on_localhost, page, unexpected_console_errors,
};
use support::pool::Pool;

const STEP: Duration = Duration::from_secs(20);

async fn signed_in_as(browser: &Browser, username: &str) {
    browser.wait_text("#signed-in-username", username).await;
}

async fn sign_out(browser: &Browser) {
    browser.click("button#sign-out").await;
    browser.wait_for("input#username", STEP).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_step_in_chromium() {
    let pool = Pool::start().await;
    let browser = Browser::start().await;
    email_code_wrong_then_right(&pool, &browser).await;
    a_single_way_is_taken_and_an_expired_sign_in_starts_again(&pool, &browser).await;
    password_within_user_auth(&pool, &browser).await;
    authenticator_code_then_a_remembered_device(&pool, &browser).await;
    mfa_choice(&pool, &browser).await;
    authenticator_app_set_up_from_the_page(&pool, &browser).await;
    email_codes_set_up(&pool, &browser).await;
    passkeys(&pool, &browser).await;
    let errors = unexpected_console_errors(&browser).await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

async fn email_code_wrong_then_right(pool: &Pool, browser: &Browser) {
    let page = page(pool, PASSWORDLESS, "USER_AUTH").await;
    open_on_localhost(browser, &page, "/").await;
    enter(browser, "input#username", "ada").await;
    heading(browser, "How do you want to sign in?").await;
    let order = browser
        .eval("return [...document.querySelectorAll('.choices button')].map(b => b.id)")
        .await;
    assert_eq!(
        order,
        json!(["factor-EMAIL_OTP", "factor-SMS_OTP", "factor-PASSWORD_SRP"]),
        "no passkey yet; one password entry"
    );
    assert_eq!(browser.focused_id().await, "screen-title");
    accessible(browser, "choose how to sign in").await;
    browser.click("#factor-EMAIL_OTP").await;
    heading(browser, "Check your e-mail").await;
    browser
        .wait_text(".card .lead", "We sent a code to a***@e***.com")
        .await;
    let field = browser.wait_for("input#code", STEP).await;
    assert_eq!(
        field.attr("autocomplete").await.unwrap().as_deref(),
        Some("one-time-code")
    );
    assert_eq!(
        field.attr("inputmode").await.unwrap().as_deref(),
        Some("numeric")
    );
    assert_eq!(browser.focused_id().await, "code");
    accessible(browser, "e-mail code").await;
    enter(browser, "input#code", "00000000").await;
    notice(browser, "That code is not right").await;
    let code = latest_code(pool, PASSWORDLESS.0, "ada");
    enter(browser, "input#code", &code).await;
    // The pool offers passkeys and ada has none: the offer, then "Not now".
    heading(browser, "Sign in faster with a passkey").await;
    accessible(browser, "add a passkey").await;
    browser.click("#not-now").await;
    signed_in_as(browser, "ada").await;
}

async fn a_single_way_is_taken_and_an_expired_sign_in_starts_again(pool: &Pool, browser: &Browser) {
    let page = page(pool, PASSWORDLESS, "USER_AUTH").await;
    open_on_localhost(browser, &page, "/").await;
    // grace can only get a code by e-mail: no choice to make.
    enter(browser, "input#username", "grace").await;
    heading(browser, "Check your e-mail").await;
    // A new code on request.
    browser.click("#resend").await;
    notice(browser, "We sent a new code").await;
    // Past Cognito's 3 minutes, the sign-in is over: back to the start, said so.
    pool.clock.advance(200.0);
    let code = latest_code(pool, PASSWORDLESS.0, "grace");
    enter(browser, "input#code", &code).await;
    notice(browser, "expired").await;
    browser.wait_for("input#username", STEP).await;
    enter(browser, "input#username", "grace").await;
    heading(browser, "Check your e-mail").await;
    let code = latest_code(pool, PASSWORDLESS.0, "grace");
    enter(browser, "input#code", &code).await;
    heading(browser, "Sign in faster with a passkey").await;
    browser.click("#not-now").await;
    signed_in_as(browser, "grace").await;
}

async fn password_within_user_auth(pool: &Pool, browser: &Browser) {
    let page = page(pool, PASSWORDLESS, "USER_AUTH").await;
    open_on_localhost(browser, &page, "/").await;
    enter(browser, "input#username", "ada").await;
    browser.click("#factor-PASSWORD_SRP").await;
    browser.wait_for("input#password", STEP).await;
    assert_eq!(browser.path().await, "/password");
    enter(browser, "input#password", "Passw0rd!ada").await;
    heading(browser, "Sign in faster with a passkey").await;
    browser.click("#not-now").await;
    signed_in_as(browser, "ada").await;
    // "Not now" is remembered on this device.
    sign_out(browser).await;
    enter(browser, "input#username", "ada").await;
    browser.click("#factor-PASSWORD_SRP").await;
    enter(browser, "input#password", "Passw0rd!ada").await;
    signed_in_as(browser, "ada").await;
}

async fn authenticator_code_then_a_remembered_device(pool: &Pool, browser: &Browser) {
    let page = page(pool, MFA, "USER_SRP_AUTH").await;
    open_on_localhost(browser, &page, "/").await;
    enter(browser, "input#username", "tess").await;
    enter(browser, "input#password", "Passw0rd!tess").await;
    heading(browser, "Enter your authenticator code").await;
    assert!(
        browser
            .eval("return !document.querySelector('#resend')")
            .await
            .as_bool()
            .unwrap(),
        "an app's code cannot be sent again"
    );
    accessible(browser, "authenticator code").await;
    pool.clock.advance(30.0);
    enter(
        browser,
        "input#code",
        &app_code(pool, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
    )
    .await;
    heading(browser, "Remember this device?").await;
    accessible(browser, "remember this device").await;
    browser.click("#remember-device").await;
    signed_in_as(browser, "tess").await;
    sign_out(browser).await;
    // Remembered: the password is enough here.
    enter(browser, "input#username", "tess").await;
    enter(browser, "input#password", "Passw0rd!tess").await;
    signed_in_as(browser, "tess").await;
}

async fn mfa_choice(pool: &Pool, browser: &Browser) {
    let page = page(pool, MFA, "USER_SRP_AUTH").await;
    open_on_localhost(browser, &page, "/").await;
    enter(browser, "input#username", "max").await;
    enter(browser, "input#password", "Passw0rd!max").await;
    heading(browser, "Confirm it's you").await;
    accessible(browser, "choose a second step").await;
    browser.click("#mfa-EMAIL").await;
    heading(browser, "Check your e-mail").await;
    assert!(
        browser
            .eval("return !document.querySelector('#resend')")
            .await
            .as_bool()
            .unwrap(),
        "an MFA code is not sent again by starting over"
    );
    enter(browser, "input#code", &latest_code(pool, MFA.0, "max")).await;
    heading(browser, "Remember this device?").await;
    browser.click("#not-now").await;
    signed_in_as(browser, "max").await;
}

async fn authenticator_app_set_up_from_the_page(pool: &Pool, browser: &Browser) {
    let page = page(pool, MFA, "USER_SRP_AUTH").await;
    open_on_localhost(browser, &page, "/").await;
    enter(browser, "input#username", "eve").await;
    enter(browser, "input#password", "Passw0rd!eve").await;
    heading(browser, "Protect your account").await;
    let choices = browser
        .eval("return [...document.querySelectorAll('.choices button')].map(b => b.id)")
        .await;
    assert_eq!(choices, json!(["mfa-TOTP", "mfa-EMAIL"]));
    browser.click("#mfa-TOTP").await;
    heading(browser, "Set up your authenticator app").await;
    let qr = browser
        .eval("const p = document.querySelector('svg#totp-qr path'); return p ? p.getAttribute('d').length : 0")
        .await;
    assert!(qr.as_u64().unwrap() > 1000, "a QR code is drawn: {qr}");
    accessible(browser, "authenticator app set-up").await;
    // Read off the page as a person would type it into their app.
    let secret = browser
        .eval("return document.querySelector('#totp-secret').textContent")
        .await;
    let secret: String = secret.as_str().unwrap().split_whitespace().collect();
    enter(browser, "input#code", "000000").await;
    notice(browser, "That code is not right").await;
    enter(browser, "input#code", &app_code(pool, &secret)).await;
    heading(browser, "Remember this device?").await;
    browser.click("#not-now").await;
    signed_in_as(browser, "eve").await;
    let shown = browser
        .eval(&format!(
            "return document.body.textContent.includes('{secret}')"
        ))
        .await;
    assert_eq!(shown, json!(false), "the secret is gone once set up");
}

async fn email_codes_set_up(pool: &Pool, browser: &Browser) {
    let page = page(pool, MFA, "USER_SRP_AUTH").await;
    open_on_localhost(browser, &page, "/").await;
    enter(browser, "input#username", "ivy").await;
    enter(browser, "input#password", "Passw0rd!ivy").await;
    browser.click("#mfa-EMAIL").await;
    heading(browser, "Get codes by e-mail").await;
    accessible(browser, "e-mail set-up").await;
    browser
        .type_into("input#mfa-email", "ivy@example.com")
        .await;
    browser.click("button#continue").await;
    heading(browser, "Check your e-mail").await;
    enter(browser, "input#code", &latest_code(pool, MFA.0, "ivy")).await;
    heading(browser, "Remember this device?").await;
    browser.click("#not-now").await;
    signed_in_as(browser, "ivy").await;
}

async fn passkeys(pool: &Pool, browser: &Browser) {
    let page = page(pool, PASSWORDLESS, "USER_AUTH").await;
    open_on_localhost(browser, &page, "/").await;
    browser.devtools("WebAuthn.enable", json!({})).await;
    let added = browser
        .devtools(
            "WebAuthn.addVirtualAuthenticator",
            json!({ "options": { "protocol": "ctap2", "transport": "internal",
                "hasResidentKey": true, "hasUserVerification": true, "isUserVerified": true,
                "automaticPresenceSimulation": true } }),
        )
        .await;
    let authenticator = added["authenticatorId"].as_str().unwrap().to_owned();
    // sam signs in with a text-message code, then adds a passkey when offered.
    enter(browser, "input#username", "sam").await;
    heading(browser, "Check your phone").await;
    enter(
        browser,
        "input#code",
        &latest_code(pool, PASSWORDLESS.0, "sam"),
    )
    .await;
    heading(browser, "Sign in faster with a passkey").await;
    browser.click("#add-passkey").await;
    notice(browser, "Your passkey is ready").await;
    signed_in_as(browser, "sam").await;
    sign_out(browser).await;

    // Offered first, and one touch signs in.
    enter(browser, "input#username", "sam").await;
    heading(browser, "How do you want to sign in?").await;
    let first = browser
        .eval("return document.querySelector('.choices button').id")
        .await;
    assert_eq!(first, "factor-WEB_AUTHN");
    browser.click("#factor-WEB_AUTHN").await;
    signed_in_as(browser, "sam").await;
    sign_out(browser).await;

    // The passkey is gone from this device (as when the person cancels the prompt): said so,
    // and the choice stays open.
    browser
        .devtools(
            "WebAuthn.clearCredentials",
            json!({ "authenticatorId": authenticator }),
        )
        .await;
    enter(browser, "input#username", "sam").await;
    browser.click("#factor-WEB_AUTHN").await;
    notice(browser, "The passkey request was cancelled").await;
    heading(browser, "How do you want to sign in?").await;
    browser.click("#factor-SMS_OTP").await;
    heading(browser, "Check your phone").await;
}
