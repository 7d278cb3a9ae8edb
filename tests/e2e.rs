//! End to end: the release build in headless Chromium against local-cognito, as a person types
//! and clicks, through every flow. The CAPTCHA answers come from the test-only triggers of the
//! demo config (the guide's handler answering "5"), never from a back door in the app.
//!
//! One pool and one Chromium for the whole binary; each scenario has a page of its own (a fresh
//! origin, so fresh storage).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use support::browser::Browser;
use support::pages::{enter, open_page};
use support::pool::Pool;
use support::static_server::StaticServer;

/// How long a step may take to appear (the first also waits for the WASM to compile).
const STEP_TIMEOUT: Duration = Duration::from_secs(20);

const DEMO: (&str, &str) = ("us-east-1_HostedDemo", "hostedlogindemoclient00001");
const GUIDE_CAPTCHA: (&str, &str) = ("us-east-1_GuideCaptcha", "guidecaptchaclient00000001");
const GUIDE_SRP: (&str, &str) = ("us-east-1_GuideSrpCaptcha", "guidesrpcaptchaclient00001");

#[tokio::test(flavor = "multi_thread")]
async fn every_flow_in_chromium() {
    let pool = Pool::start().await;
    let browser = Browser::start().await;
    srp_password_sign_in_wrong_password_and_sign_out(&pool, &browser).await;
    network_down_then_try_again(&pool, &browser).await;
    unanswered_request_times_out(&pool, &browser).await;
    passwordless_captcha_with_the_guides_triggers(&pool, &browser).await;
    wrong_captcha_answer_ends_the_guides_sign_in(&pool, &browser).await;
    builtin_captcha_shows_a_picture_and_a_new_one_after_a_wrong_answer(&pool, &browser).await;
    custom_with_srp_password_then_captcha(&pool, &browser).await;
    user_password_auth_migrates_the_legacy_user(&pool, &browser).await;
    new_password_required(&pool, &browser).await;
    wrong_answer_then_right_answer(&pool, &browser).await;
    redirect_only_to_allowed_targets(&pool, &browser).await;
    // Last: it moves the pool's clock on.
    reload_mid_flow_and_session_expiry(&pool, &browser).await;
}

async fn enter_username(browser: &Browser, username: &str) {
    browser.type_into("input#username", username).await;
    browser.click("button#continue").await;
}

async fn expect_signed_in(browser: &Browser, username: &str) {
    browser.wait_text("#signed-in-username", username).await;
    assert_eq!(browser.path().await, "/signed-in");
}

/// No console errors but the browser's own note of Cognito's expected 4xx answers (a wrong
/// password is an HTTP 400 from the pool).
async fn no_console_errors(browser: &Browser, pool: &Pool) {
    let errors: Vec<_> = browser
        .console_errors()
        .await
        .into_iter()
        .filter(|message| !(message.starts_with(&pool.url) && message.contains("status of 400")))
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

async fn srp_password_sign_in_wrong_password_and_sign_out(pool: &Pool, browser: &Browser) {
    let _server = open_page(pool, browser, DEMO, "USER_SRP_AUTH").await;
    browser.wait_for("input#username", STEP_TIMEOUT).await;
    browser.assert_accessible("the username form").await;
    enter_username(browser, "alice").await;
    enter(browser, "input#password", "Wrong!pass1").await;
    browser.wait_text("[aria-live]", "don't match").await;
    browser
        .assert_accessible("the password form with an error")
        .await;
    assert_eq!(browser.path().await, "/password");
    enter(browser, "input#password", "Passw0rd!alice").await;
    expect_signed_in(browser, "alice").await;
    browser.screenshot("signed-in").await;
    browser.assert_accessible("the signed-in view").await;
    browser.color_scheme("dark").await;
    let background = browser
        .client
        .execute(
            "return getComputedStyle(document.body).backgroundColor",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        background.as_str(),
        Some("rgb(17, 19, 24)"),
        "dark mode follows the system"
    );
    browser.assert_accessible("the signed-in view, dark").await;
    browser.color_scheme("light").await;
    // A reload keeps the person signed in.
    browser.reload().await;
    expect_signed_in(browser, "alice").await;
    browser.click("button#sign-out").await;
    browser
        .wait_text("[aria-live]", "You have signed out.")
        .await;
    assert_eq!(browser.path().await, "/");
    no_console_errors(browser, pool).await;
}

/// The network drops as the password is sent: the page says so, keeps the password typed, and
/// "Try again" signs in once the connection is back.
async fn network_down_then_try_again(pool: &Pool, browser: &Browser) {
    let _server = open_page(pool, browser, DEMO, "USER_SRP_AUTH").await;
    enter_username(browser, "alice").await;
    browser.offline(true).await;
    enter(browser, "input#password", "Passw0rd!alice").await;
    browser
        .wait_text("[aria-live]", "couldn't reach the sign-in service")
        .await;
    browser.wait_text("button#continue", "Try again").await;
    let kept = browser
        .client
        .execute(
            "return document.getElementById('password').value.length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        kept.as_u64(),
        Some(14),
        "the password typed is kept for the retry"
    );
    browser
        .assert_accessible("the password form, network down")
        .await;
    assert_eq!(browser.path().await, "/password");
    browser.offline(false).await;
    browser.click("button#continue").await;
    expect_signed_in(browser, "alice").await;
}

/// A request that is never answered (the connection stays open, silent) is given up after the
/// configured time: the person is told the service could not be reached and offered "Try again",
/// as when the network is down.
async fn unanswered_request_times_out(_pool: &Pool, browser: &Browser) {
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent_url = format!("http://{}/", silent.local_addr().unwrap());
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((connection, _)) = silent.accept().await {
            open.push(connection);
        }
    });
    let config = serde_json::json!({
        "auth": { "aws_region": "us-east-1", "user_pool_id": DEMO.0, "user_pool_client_id": DEMO.1 },
        "hosted_login": { "endpoint": silent_url, "default_flow": "USER_SRP_AUTH", "request_timeout_ms": 1500 },
    });
    let server = StaticServer::start_with(support::release_dist(), Some(config.to_string())).await;
    browser.open(&server.origin).await;
    enter_username(browser, "alice").await;
    enter(browser, "input#password", "Passw0rd!alice").await;
    browser
        .wait_text("[aria-live]", "couldn't reach the sign-in service")
        .await;
    browser.wait_text("button#continue", "Try again").await;
    assert_eq!(browser.path().await, "/password");
    held.abort();
}

async fn passwordless_captcha_with_the_guides_triggers(pool: &Pool, browser: &Browser) {
    let _server = open_page(pool, browser, GUIDE_CAPTCHA, "CUSTOM_WITHOUT_SRP").await;
    enter_username(browser, "alice").await;
    browser.wait_for("input#answer", STEP_TIMEOUT).await;
    assert_eq!(browser.path().await, "/challenge");
    // The guide's captchaUrl ("url/123.jpg") is not a safe picture URL: no image is shown.
    assert!(
        browser
            .client
            .find(fantoccini::Locator::Css("img.captcha"))
            .await
            .is_err()
    );
    enter(browser, "input#answer", "5").await;
    expect_signed_in(browser, "alice").await;
}

async fn wrong_captcha_answer_ends_the_guides_sign_in(pool: &Pool, browser: &Browser) {
    let _server = open_page(pool, browser, GUIDE_CAPTCHA, "CUSTOM_WITHOUT_SRP").await;
    enter_username(browser, "alice").await;
    enter(browser, "input#answer", "4").await;
    let notice = browser
        .wait_text("[aria-live]", "That answer was not right")
        .await;
    assert_eq!(browser.path().await, "/");
    // The message names the button that starts a new sign-in, and that button is there.
    assert!(notice.contains("Choose Continue"), "{notice}");
    browser.wait_text("button#continue", "Continue").await;
}

async fn builtin_captcha_shows_a_picture_and_a_new_one_after_a_wrong_answer(
    pool: &Pool,
    browser: &Browser,
) {
    let _server = open_page(pool, browser, DEMO, "CUSTOM_WITHOUT_SRP").await;
    enter_username(browser, "alice").await;
    let picture = browser.wait_for("img.captcha", STEP_TIMEOUT).await;
    let first = picture.attr("src").await.unwrap().unwrap();
    assert!(first.starts_with("data:image/png;base64,"));
    browser.screenshot("captcha").await;
    browser.assert_accessible("the CAPTCHA challenge").await;
    browser.color_scheme("dark").await;
    browser
        .assert_accessible("the CAPTCHA challenge, dark")
        .await;
    enter(browser, "input#answer", "not-the-answer").await;
    browser
        .wait_text("[aria-live]", "try the new picture")
        .await;
    let second = browser
        .wait_for("img.captcha", Duration::from_secs(5))
        .await
        .attr("src")
        .await
        .unwrap()
        .unwrap();
    assert_ne!(first, second);
    browser.color_scheme("light").await;
}

async fn custom_with_srp_password_then_captcha(pool: &Pool, browser: &Browser) {
    let _server = open_page(pool, browser, GUIDE_SRP, "CUSTOM_WITH_SRP").await;
    enter_username(browser, "alice").await;
    enter(browser, "input#password", "Passw0rd!alice").await;
    browser.wait_for("input#answer", STEP_TIMEOUT).await;
    enter(browser, "input#answer", "5").await;
    expect_signed_in(browser, "alice").await;
}

async fn user_password_auth_migrates_the_legacy_user(pool: &Pool, browser: &Browser) {
    let _server = open_page(pool, browser, DEMO, "USER_PASSWORD_AUTH").await;
    enter_username(browser, "legacy").await;
    enter(browser, "input#password", "Legacy-Passw0rd!").await;
    expect_signed_in(browser, "legacy").await;
    assert!(
        pool.service
            .store
            .user("us-east-1_HostedDemo", "legacy")
            .unwrap()
            .is_some(),
        "migrated into the pool"
    );
}

/// The new password: the page checks the rules it is told (`auth.password_policy`) before
/// sending, and Cognito's own refusal is explained too — here the page is configured with a
/// weaker policy than the pool's, as a stale configuration would be.
async fn new_password_required(pool: &Pool, browser: &Browser) {
    let mut config: serde_json::Value =
        serde_json::from_str(&pool.page_config(DEMO.0, DEMO.1, "USER_SRP_AUTH")).unwrap();
    config["auth"]["password_policy"] = serde_json::json!({
        "min_length": 8, "require_lowercase": true, "require_uppercase": true,
        "require_numbers": true, "require_symbols": false,
    });
    let server = StaticServer::start_with(support::release_dist(), Some(config.to_string())).await;
    browser.open(&server.origin).await;
    enter_username(browser, "newbie").await;
    enter(browser, "input#password", "Temp0rary!pass").await;
    browser.wait_for("input#new-password", STEP_TIMEOUT).await;
    assert_eq!(browser.path().await, "/new-password");
    // The step a person meets once comes with the bundle that has it (a page load in the middle
    // of the sign-in, which carries on): Back still returns to the first screen and leaves the
    // sign-in, and a new sign-in comes back to the step.
    browser.client.back().await.expect("back");
    browser.wait_for("#forgot-password", STEP_TIMEOUT).await;
    assert_eq!(browser.path().await, "/");
    browser.reload().await;
    browser.wait_for("#forgot-password", STEP_TIMEOUT).await;
    assert_eq!(browser.path().await, "/", "the sign-in left is not resumed");
    enter_username(browser, "newbie").await;
    enter(browser, "input#password", "Temp0rary!pass").await;
    browser.wait_for("input#new-password", STEP_TIMEOUT).await;
    let rules = browser
        .wait_text("#password-rules", "At least 8 characters")
        .await;
    assert!(
        !rules.contains("symbol"),
        "the configured policy is shown: {rules}"
    );
    browser.type_into("input#new-password", "short").await;
    browser.type_into("input#confirm-password", "short").await;
    browser.click("button#continue").await;
    browser
        .wait_text("[aria-live]", "doesn't meet every rule yet")
        .await;
    browser.type_into("input#new-password", "NoSymbol1").await;
    browser
        .type_into("input#confirm-password", "NoSymbol1")
        .await;
    browser.click("button#continue").await;
    browser
        .wait_text(
            "[aria-live]",
            "Choose another password: it needs a symbol, such as ! or #.",
        )
        .await;
    browser
        .assert_accessible("the new-password form with an error")
        .await;
    browser
        .type_into("input#new-password", "Brand-N3w!pass")
        .await;
    browser
        .type_into("input#confirm-password", "Brand-N3w!pass")
        .await;
    browser.click("button#continue").await;
    expect_signed_in(browser, "newbie").await;
}

async fn reload_mid_flow_and_session_expiry(pool: &Pool, browser: &Browser) {
    let _server = open_page(pool, browser, GUIDE_CAPTCHA, "CUSTOM_WITHOUT_SRP").await;
    enter_username(browser, "alice").await;
    browser.wait_for("input#answer", STEP_TIMEOUT).await;
    browser.reload().await;
    browser.wait_for("input#answer", STEP_TIMEOUT).await;
    assert_eq!(
        browser.path().await,
        "/challenge",
        "a reload lands back on the challenge"
    );
    enter(browser, "input#answer", "5").await;
    expect_signed_in(browser, "alice").await;
    browser.click("button#sign-out").await;
    browser.wait_text("[aria-live]", "signed out").await;

    enter_username(browser, "alice").await;
    browser.wait_for("input#answer", STEP_TIMEOUT).await;
    pool.clock.advance(181.0);
    enter(browser, "input#answer", "5").await;
    browser
        .wait_text("[aria-live]", "This sign-in expired")
        .await;
    assert_eq!(browser.path().await, "/");
}

async fn wrong_answer_then_right_answer(pool: &Pool, browser: &Browser) {
    let _server = open_page(
        pool,
        browser,
        ("us-east-1_TestRetries", "testretriesclient000000001"),
        "CUSTOM_WITHOUT_SRP",
    )
    .await;
    enter_username(browser, "alice").await;
    enter(browser, "input#answer", "4").await;
    browser
        .wait_text(
            "[aria-live]",
            "That answer was not right — try the new picture",
        )
        .await;
    assert_eq!(browser.path().await, "/challenge");
    enter(browser, "input#answer", "5").await;
    expect_signed_in(browser, "alice").await;
}

/// `?redirect=` to an allowed target sends the person there once signed in; any other target
/// is ignored (the page is not an open redirect).
async fn redirect_only_to_allowed_targets(pool: &Pool, browser: &Browser) {
    let landing = std::env::temp_dir().join(format!("hosted-login-landing-{}", std::process::id()));
    std::fs::create_dir_all(&landing).unwrap();
    std::fs::write(
        landing.join("done.html"),
        "<!doctype html><title>Back</title><h1 id=back>Back in the app</h1>",
    )
    .unwrap();
    let app = StaticServer::start(&landing).await;
    let target = format!("{}/done.html", app.origin);
    let mut config: serde_json::Value =
        serde_json::from_str(&pool.page_config(DEMO.0, DEMO.1, "USER_SRP_AUTH")).unwrap();
    config["hosted_login"]["redirect_targets"] = serde_json::json!([format!("{}/", app.origin)]);
    let server = StaticServer::start_with(support::release_dist(), Some(config.to_string())).await;
    let encode =
        |url: &str| url::form_urlencoded::byte_serialize(url.as_bytes()).collect::<String>();

    // Not allowed: stays on the page.
    let elsewhere = "https://evil.example/";
    browser
        .open(&format!(
            "{}/?redirect={}",
            server.origin,
            encode(elsewhere)
        ))
        .await;
    enter_username(browser, "alice").await;
    enter(browser, "input#password", "Passw0rd!alice").await;
    expect_signed_in(browser, "alice").await;
    browser.click("button#sign-out").await;
    browser.wait_text("[aria-live]", "signed out").await;

    // Allowed: sent there.
    browser
        .open(&format!("{}/?redirect={}", server.origin, encode(&target)))
        .await;
    enter_username(browser, "alice").await;
    enter(browser, "input#password", "Passw0rd!alice").await;
    browser.wait_text("#back", "Back in the app").await;
    assert_eq!(browser.client.current_url().await.unwrap().as_str(), target);
    let _ = std::fs::remove_dir_all(&landing);
}
