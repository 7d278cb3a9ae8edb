//! The pages beyond signing in, in headless Chromium against the release build and local-cognito,
//! as a person does it: creating an account with a password and without one (the code from
//! local-cognito's outbox, then signed in automatically), resetting a password (asked for, or
//! required by a sign-in), every action of
//! the security page (passkeys with Chromium's virtual authenticator, an authenticator app from
//! the secret on the page, e-mail codes, the password, e-mail verification, a remembered device,
//! signing out), Back, Forward and a reload on each page, axe-core on every page.
//!
//! One pool and one browser for the whole binary; each scenario has a page of its own (a fresh
//! origin, so fresh storage).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use serde_json::json;
use support::browser::Browser;
use support::pages::{
    MFA, PASSWORDLESS, accessible, app_code, bundles, enter, heading, latest_code, notice,
    open_on_localhost, page, unexpected_console_errors,
};
use support::pool::Pool;

const STEP: Duration = Duration::from_secs(20);

async fn back(browser: &Browser) {
    browser.client.back().await.expect("back");
}

async fn forward(browser: &Browser) {
    browser.client.forward().await.expect("forward");
}

/// Types a new password into both fields.
async fn new_password(browser: &Browser, password: &str) {
    browser.type_into("input#new-password", password).await;
    browser.type_into("input#confirm-password", password).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn beyond_signing_in_in_chromium() {
    let pool = Pool::start().await;
    let browser = Browser::start().await;
    no_sign_up_unless_allowed(&pool, &browser).await;
    sign_up_with_a_password(&pool, &browser).await;
    sign_up_without_a_password(&pool, &browser).await;
    reset_a_password(&pool, &browser).await;
    reset_required_by_a_sign_in(&pool, &browser).await;
    security_page(&pool, &browser).await;
    security_page_mfa_and_devices(&pool, &browser).await;
    let errors = unexpected_console_errors(&browser).await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

async fn sign_up_with_a_password(pool: &Pool, browser: &Browser) {
    let page = page(pool, PASSWORDLESS, "USER_SRP_AUTH").await;
    open_on_localhost(browser, &page, "/").await;
    browser.wait_until_started().await;
    // The sign-in bundle has no sign-up: its address is loaded, with the bundle that has it.
    assert_eq!(bundles(browser).await, ["hosted-login"]);
    browser.click("#sign-up").await;
    heading(browser, "Create an account").await;
    assert_eq!(browser.path().await, "/sign-up");
    assert_eq!(bundles(browser).await, ["hosted-login-account"]);
    // The sign-in form that came with the HTML was hidden there until the app drew the page.
    assert_eq!(
        browser
            .eval("return document.documentElement.hasAttribute('data-loading')")
            .await,
        serde_json::Value::Bool(false)
    );
    // Back, Forward and a reload keep the page.
    back(browser).await;
    browser.wait_for("input#username", STEP).await;
    heading(browser, "Sign in").await;
    forward(browser).await;
    heading(browser, "Create an account").await;
    browser.reload().await;
    heading(browser, "Create an account").await;
    accessible(browser, "create an account").await;
    browser.type_into("input#username", "rosa").await;
    browser
        .type_into("input#attr-email", "rosa@example.com")
        .await;
    new_password(browser, "short").await;
    browser.click("button#continue").await;
    notice(browser, "doesn't meet every rule").await;
    new_password(browser, "Passw0rd!rosa").await;
    browser.click("button#continue").await;
    heading(browser, "Check your e-mail").await;
    browser.wait_text(".card .lead", "r***@e***.com").await;
    accessible(browser, "confirm the account").await;
    enter(browser, "input#code", "000000").await;
    notice(browser, "That code is not right").await;
    browser.click("#resend").await;
    notice(browser, "We sent a new code").await;
    let code = latest_code(pool, PASSWORDLESS.0, "rosa");
    enter(browser, "input#code", &code).await;
    heading(browser, "Sign in faster with a passkey").await;
    browser.click("#not-now").await;
    browser.wait_text("#signed-in-username", "rosa").await;
    // Taken now.
    browser.click("button#sign-out").await;
    browser.click("#sign-up").await;
    browser.type_into("input#username", "rosa").await;
    browser
        .type_into("input#attr-email", "rosa@example.com")
        .await;
    new_password(browser, "Passw0rd!rosa2").await;
    browser.click("button#continue").await;
    notice(browser, "That username is taken").await;
}

/// Where the configuration does not allow sign-up, the first screen does not offer it.
async fn no_sign_up_unless_allowed(pool: &Pool, browser: &Browser) {
    let config = pool.page_config(PASSWORDLESS.0, PASSWORDLESS.1, "USER_SRP_AUTH");
    let server =
        support::static_server::StaticServer::start_with(support::release_dist(), Some(config))
            .await;
    open_on_localhost(browser, &server, "/").await;
    browser.wait_for("#forgot-password", STEP).await;
    let offered = browser
        .eval("return !!document.querySelector('#sign-up')")
        .await;
    assert_eq!(offered, json!(false), "sign-up is not offered");
}

async fn sign_up_without_a_password(pool: &Pool, browser: &Browser) {
    let page = page(pool, PASSWORDLESS, "USER_AUTH").await;
    open_on_localhost(browser, &page, "/sign-up").await;
    heading(browser, "Create an account").await;
    let fields = browser
        .eval("return [...document.querySelectorAll('form input')].map(i => i.id)")
        .await;
    assert_eq!(
        fields,
        json!(["username", "attr-email"]),
        "no password asked for"
    );
    browser.type_into("input#username", "lena").await;
    browser
        .type_into("input#attr-email", "lena@example.com")
        .await;
    browser.click("button#continue").await;
    heading(browser, "Check your e-mail").await;
    // A new code asked for again and again: local-cognito sends five an hour (the sign-up's
    // and four more), then Cognito's LimitExceededException, which says to wait minutes.
    browser.click("#resend").await;
    notice(browser, "We sent a new code").await;
    for times in 2..=4 {
        browser.click("#resend").await;
        notice(browser, &format!("({times} times in a row)")).await;
    }
    browser.click("#resend").await;
    notice(browser, "Too many attempts for now").await;
    enter(
        browser,
        "input#code",
        &latest_code(pool, PASSWORDLESS.0, "lena"),
    )
    .await;
    heading(browser, "Sign in faster with a passkey").await;
    browser.click("#not-now").await;
    browser.wait_text("#signed-in-username", "lena").await;
}

async fn reset_a_password(pool: &Pool, browser: &Browser) {
    let page = page(pool, PASSWORDLESS, "USER_SRP_AUTH").await;
    open_on_localhost(browser, &page, "/").await;
    browser.type_into("input#username", "ada").await;
    browser.click("#forgot-password").await;
    heading(browser, "Reset your password").await;
    assert_eq!(browser.path().await, "/forgot-password");
    // Its own page, with the bundle that has it; the username typed comes along.
    assert_eq!(bundles(browser).await, ["hosted-login-account"]);
    let typed = browser
        .eval("return document.getElementById('username').value")
        .await;
    assert_eq!(typed, json!("ada"));
    accessible(browser, "reset: whose").await;
    browser.reload().await;
    heading(browser, "Reset your password").await;
    enter(browser, "input#username", "ada").await;
    heading(browser, "Choose a new password").await;
    browser.wait_text(".card .lead", "a***@e***.com").await;
    accessible(browser, "reset: code and new password").await;
    browser.type_into("input#code", "000000").await;
    new_password(browser, "New!Passw0rd").await;
    browser.click("button#continue").await;
    notice(browser, "That code is not right").await;
    browser
        .type_into("input#code", &latest_code(pool, PASSWORDLESS.0, "ada"))
        .await;
    new_password(browser, "New!Passw0rd").await;
    browser.click("button#continue").await;
    heading(browser, "Sign in faster with a passkey").await;
    browser.click("#not-now").await;
    browser.wait_text("#signed-in-username", "ada").await;
}

/// A sign-in that answers that the password must be reset (an administrator reset it): the
/// sign-in bundle hands the reset over to the page that has it, which sends the code at once.
async fn reset_required_by_a_sign_in(pool: &Pool, browser: &Browser) {
    let page = page(pool, PASSWORDLESS, "USER_SRP_AUTH").await;
    open_on_localhost(browser, &page, "/").await;
    enter(browser, "input#username", "ines").await;
    enter(browser, "input#password", "Passw0rd!ines").await;
    heading(browser, "Choose a new password").await;
    assert_eq!(browser.path().await, "/reset-password");
    notice(browser, "You need to reset your password").await;
    browser.wait_text(".card .lead", "i***@e***.com").await;
    // A page of its own, loaded in the middle of the sign-in, with the bundle that has it.
    assert_eq!(bundles(browser).await, ["hosted-login-account"]);
    accessible(browser, "reset required: code and new password").await;
    browser
        .type_into("input#code", &latest_code(pool, PASSWORDLESS.0, "ines"))
        .await;
    new_password(browser, "Ines!N3w-pass").await;
    browser.click("button#continue").await;
    heading(browser, "Sign in faster with a passkey").await;
    browser.click("#not-now").await;
    browser.wait_text("#signed-in-username", "ines").await;
}

async fn security_page(pool: &Pool, browser: &Browser) {
    let page = page(pool, PASSWORDLESS, "USER_SRP_AUTH").await;
    open_on_localhost(browser, &page, "/").await;
    browser.devtools("WebAuthn.enable", json!({})).await;
    browser
        .devtools(
            "WebAuthn.addVirtualAuthenticator",
            json!({ "options": { "protocol": "ctap2", "transport": "internal",
                "hasResidentKey": true, "hasUserVerification": true, "isUserVerified": true,
                "automaticPresenceSimulation": true } }),
        )
        .await;
    enter(browser, "input#username", "ada").await;
    enter(browser, "input#password", "New!Passw0rd").await;
    heading(browser, "Sign in faster with a passkey").await;
    browser.click("#not-now").await;
    assert_eq!(bundles(browser).await, ["hosted-login"]);
    browser.click("#security").await;
    heading(browser, "Security").await;
    browser.wait_for("#passkeys-title", STEP).await;
    assert_eq!(browser.path().await, "/account");
    assert_eq!(bundles(browser).await, ["hosted-login-account"]);
    accessible(browser, "security page").await;
    // A reload stays; Back goes to "signed in", Forward returns.
    browser.reload().await;
    browser.wait_for("#passkeys-title", STEP).await;

    // Passkeys: add one, see it, remove it.
    browser.click("#add-passkey").await;
    notice(browser, "Your passkey is ready").await;
    browser.wait_for("#remove-passkey-0", STEP).await;
    browser.click("#remove-passkey-0").await;
    notice(browser, "The passkey is removed").await;
    browser
        .wait_text("#passkeys-title + p", "No passkey yet")
        .await;

    assert_eq!(
        browser
            .eval("return !!document.querySelector('#mfa-title')")
            .await,
        json!(false),
        "no second steps where the pool has no MFA"
    );

    // The e-mail address, verified with its code.
    browser.wait_text("#email-status", "not verified").await;
    browser.click("#verify-email").await;
    browser.wait_for("input#code", STEP).await;
    enter(
        browser,
        "input#code",
        &latest_code(pool, PASSWORDLESS.0, "ada"),
    )
    .await;
    notice(browser, "Your e-mail address is verified").await;
    browser.wait_text("#email-status", "(verified)").await;

    // The password.
    browser.click("#change-password").await;
    browser.type_into("input#old-password", "wrong-one").await;
    new_password(browser, "Third!Passw0rd").await;
    browser.click("button#continue").await;
    notice(browser, "don't match").await;
    browser
        .type_into("input#old-password", "New!Passw0rd")
        .await;
    new_password(browser, "Third!Passw0rd").await;
    browser.click("button#continue").await;
    notice(browser, "Your password is changed").await;

    // The browser's Back goes to "signed in", Forward to the page again; "Done" leaves it too.
    back(browser).await;
    browser.wait_text("#signed-in-username", "ada").await;
    forward(browser).await;
    browser.wait_for("#passkeys-title", STEP).await;
    browser.click("#back").await;
    browser.wait_text("#signed-in-username", "ada").await;
    browser.click("#security").await;
    browser.wait_for("#passkeys-title", STEP).await;
    browser.click("#sign-out-everywhere").await;
    browser.wait_for("input#username", STEP).await;
    // The new password works.
    enter(browser, "input#username", "ada").await;
    enter(browser, "input#password", "Third!Passw0rd").await;
    browser.wait_for("#screen-title", STEP).await;
}

async fn security_page_mfa_and_devices(pool: &Pool, browser: &Browser) {
    let page = page(pool, MFA, "USER_SRP_AUTH").await;
    open_on_localhost(browser, &page, "/").await;
    enter(browser, "input#username", "tess").await;
    enter(browser, "input#password", "Passw0rd!tess").await;
    pool.clock.advance(30.0);
    enter(
        browser,
        "input#code",
        &app_code(pool, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
    )
    .await;
    browser.click("#remember-device").await;
    browser.wait_text("#signed-in-username", "tess").await;
    browser.click("#security").await;
    browser.wait_for("#devices-title", STEP).await;
    browser
        .wait_text("#mfa", "Authenticator app: On, used first")
        .await;
    // An authenticator app, from the secret on the page.
    // A new authenticator app, from the secret on the page (replacing the one tess had).
    browser.click("#turn-off-TOTP").await;
    browser.wait_text("#mfa", "Authenticator app: Off").await;
    browser.click("#set-up-TOTP").await;
    browser.wait_for("#totp-secret", STEP).await;
    accessible(browser, "security: authenticator app").await;
    let secret = browser
        .eval("return document.querySelector('#totp-secret').textContent")
        .await;
    let secret: String = secret.as_str().unwrap().split_whitespace().collect();
    enter(browser, "input#code", "000000").await;
    notice(browser, "That code is not right").await;
    enter(browser, "input#code", &app_code(pool, &secret)).await;
    notice(browser, "second step settings are saved").await;
    browser.wait_text("#mfa", "Authenticator app: On").await;
    // E-mail codes on, then first, then off.
    browser.click("#turn-on-EMAIL").await;
    browser.wait_text("#mfa", "Codes by e-mail: On").await;
    browser.click("#prefer-EMAIL").await;
    browser
        .wait_text("#mfa", "Codes by e-mail: On, used first")
        .await;
    browser.click("#turn-off-EMAIL").await;
    browser.wait_text("#mfa", "Codes by e-mail: Off").await;

    browser.wait_text("#devices", "(this device)").await;
    accessible(browser, "security page with devices").await;
    browser.click("#forget-device-0").await;
    notice(browser, "The device is forgotten").await;
    let devices = browser
        .eval("return !!document.querySelector('#devices-title')")
        .await;
    assert_eq!(devices, json!(false), "no device left to list");
}
