//! What a new user meets, in headless Chromium against the release build and local-cognito:
//! the first screen that comes with the HTML, the page's words, phone-sized layouts, the
//! browser's Back button and reload, focus after signing in, signing out in another tab, the
//! new-password step, the CAPTCHA's spoken alternative, and a page deployed under a sub-path.
//!
//! One pool and one Chromium for the whole binary; each scenario has a page of its own (a fresh
//! origin, so fresh storage).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use serde_json::json;
use support::browser::Browser;
use support::pages::{bundles, enter, heading, open_page};
use support::pool::Pool;
use support::static_server::{Serving, StaticServer};

const STEP: Duration = Duration::from_secs(20);
const DEMO: (&str, &str) = ("us-east-1_HostedDemo", "hostedlogindemoclient00001");
const LONG_EMAIL: &str = "firstname.lastname.with-a-long-department-name@subsidiary.example.com";

/// The demo pool's page signing in with `flow`, on a fresh origin, open in `browser`.
async fn open(pool: &Pool, browser: &Browser, flow: &str) -> StaticServer {
    open_page(pool, browser, DEMO, flow).await
}

#[tokio::test(flavor = "multi_thread")]
async fn what_a_new_user_meets_in_chromium() {
    let pool = Pool::start().await;
    let browser = Browser::start().await;
    the_first_screen_comes_with_the_html_and_typing_is_kept(&pool, &browser).await;
    choosing_a_flow_keeps_the_username_and_passwordless_words(&pool, &browser).await;
    captcha_asks_for_digits_with_tries_and_a_spoken_alternative(&pool, &browser).await;
    back_and_reload_stay_in_the_sign_in(&pool, &browser).await;
    focus_after_sign_in_and_sign_out_in_another_tab(&pool, &browser).await;
    // Before the new-password step is completed (newbie's temporary password is used here).
    every_screen_fits_a_phone(&pool, &browser).await;
    new_password_is_confirmed_with_its_rules_shown(&pool, &browser).await;
    deployed_under_a_sub_path(&pool, &browser).await;
}

/// Picks "Sign in with" `flow` (its configuration name) on the first screen.
async fn choose_flow(browser: &Browser, flow: &str) {
    browser
        .wait_for("select#flow", STEP)
        .await
        .select_by_value(flow)
        .await
        .unwrap();
}

/// The page is no wider than the screen: nothing to scroll sideways, nothing cut off.
async fn assert_fits(browser: &Browser, width: u32, screen: &str) {
    let overflow = browser
        .eval(
            "const r = document.documentElement; \
             const wide = [...document.querySelectorAll('.card, .card *')] \
               .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5) \
               .map(e => e.tagName + (e.id ? '#' + e.id : '')); \
             return { scroll: r.scrollWidth, inner: innerWidth, wide };",
        )
        .await;
    assert_eq!(
        overflow["scroll"], width,
        "{screen} at {width} px scrolls sideways: {overflow}"
    );
    assert_eq!(
        overflow["wide"],
        json!([]),
        "{screen} at {width} px: elements past the right edge: {overflow}"
    );
}

/// The username form is in the HTML as served, before any script runs; what a person types
/// into it before the app has started is kept when the app takes it over, and the sign-in goes
/// on from there.
async fn the_first_screen_comes_with_the_html_and_typing_is_kept(pool: &Pool, browser: &Browser) {
    let html = std::fs::read_to_string(support::release_dist().join("index.html")).unwrap();
    for needle in [
        r#"<input value="" id="username""#,
        r#"autocomplete="username""#,
        r#"<button id="continue" type="submit""#,
        r#"<link as=fetch crossorigin href=amplify_outputs.json rel=preload>"#,
    ] {
        assert!(html.contains(needle), "index.html lacks {needle}: {html}");
    }

    let config = pool.page_config(DEMO.0, DEMO.1, "USER_SRP_AUTH");
    let serving = Serving {
        config: Some(config),
        wasm_delay: Duration::from_millis(2500),
        ..Serving::default()
    };
    let server = StaticServer::serve(support::release_dist(), serving).await;
    // Not `open`: the test types while the WASM is still on its way.
    browser.client.goto(&server.origin).await.unwrap();
    let before = browser.eval("return !!window.wasmBindings").await;
    assert_eq!(before, json!(false), "the app started before the WASM came");
    assert_eq!(
        browser.focused_id().await,
        "username",
        "focus at first paint"
    );
    let field = browser.wait_for("input#username", STEP).await;
    field.send_keys("ali").await.unwrap();
    browser.wait_until_started().await;
    field_value_is(browser, "ali").await;
    // The person carries on typing in the app's field, where focus is kept.
    assert_eq!(browser.focused_id().await, "username");
    let field = browser.wait_for("input#username", STEP).await;
    field.send_keys("ce").await.unwrap();
    field_value_is(browser, "alice").await;

    // Continue chosen before the app has started (a password manager filling in and submitting
    // at once): the sign-in goes on once it has.
    browser.client.refresh().await.unwrap();
    browser.type_into("input#username", "alice").await;
    browser.click("button#continue").await;
    let early = browser.eval("return !!window.wasmBindings").await;
    assert_eq!(
        early,
        json!(false),
        "Continue was chosen after the app started"
    );
    browser.wait_for("input#password", STEP).await;
    browser.type_into("input#password", "Passw0rd!alice").await;
    browser.click("button#continue").await;
    browser.wait_text("#signed-in-username", "alice").await;
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

async fn field_value_is(browser: &Browser, expected: &str) {
    let value = browser
        .eval("return document.getElementById('username').value")
        .await;
    assert_eq!(value, json!(expected));
}

/// Choosing another flow keeps the username typed; the passwordless flow never talks of a
/// password to someone who typed none.
async fn choosing_a_flow_keeps_the_username_and_passwordless_words(pool: &Pool, browser: &Browser) {
    let _server = open(pool, browser, "USER_SRP_AUTH").await;
    browser.type_into("input#username", "nobody").await;
    choose_flow(browser, "CUSTOM_WITHOUT_SRP").await;
    browser.wait_text("select#flow", "No password").await;
    field_value_is(browser, "nobody").await;
    let page = browser.eval("return document.body.innerText").await;
    assert!(
        !page.as_str().unwrap().contains("SRP"),
        "protocol words on the page: {page}"
    );
    browser.click("button#continue").await;
    let notice = browser
        .wait_text("[aria-live]", "couldn't start signing in")
        .await;
    assert!(!notice.contains("password"), "{notice}");
}

/// The built-in CAPTCHA: digits, a number keypad, the tries left, and the digits spoken for
/// people who cannot see the picture.
async fn captcha_asks_for_digits_with_tries_and_a_spoken_alternative(
    pool: &Pool,
    browser: &Browser,
) {
    let _server = open(pool, browser, "CUSTOM_WITHOUT_SRP").await;
    enter(browser, "input#username", "alice").await;
    browser.wait_for("img.captcha", STEP).await;
    let lead = browser.wait_text(".lead", "digits").await;
    assert!(!lead.contains("characters"), "{lead}");
    let answer = browser.wait_for("input#answer", STEP).await;
    assert_eq!(
        answer.attr("inputmode").await.unwrap().as_deref(),
        Some("numeric")
    );
    browser.wait_text("#tries", "3 tries left").await;
    let audio = browser.wait_for("audio#captcha-audio", STEP).await;
    let source = audio.attr("src").await.unwrap().unwrap_or_default();
    assert!(source.starts_with("data:audio/wav;base64,"), "{source:.60}");
    // The sound is a real WAV that the browser can play: it has a duration of a few seconds.
    let duration = browser
        .eval(
            "const a = document.getElementById('captcha-audio'); \
             a.preload = 'auto'; a.load(); \
             return new Promise(done => { \
               if (a.readyState >= 1) return done(a.duration); \
               a.addEventListener('loadedmetadata', () => done(a.duration)); \
               a.addEventListener('error', () => done(-1)); });",
        )
        .await;
    let seconds = duration.as_f64().unwrap_or(-1.0);
    assert!((1.0..20.0).contains(&seconds), "audio duration {duration}");
    browser
        .assert_accessible("the CAPTCHA with its audio")
        .await;

    enter(browser, "input#answer", "00000").await;
    browser
        .wait_text("[aria-live]", "try the new picture")
        .await;
    browser.wait_text("#tries", "2 tries left").await;
    enter(browser, "input#answer", "00000").await;
    let repeated = browser.wait_text("[aria-live]", "2 times in a row").await;
    assert!(repeated.contains("try the new picture"), "{repeated}");
    browser.wait_text("#tries", "last try").await;
}

/// The browser's Back button inside a sign-in returns to the first screen of this page (with the
/// username), and a reload of the password screen keeps the username and the flow.
async fn back_and_reload_stay_in_the_sign_in(pool: &Pool, browser: &Browser) {
    let server = open(pool, browser, "USER_SRP_AUTH").await;
    browser.type_into("input#username", "alice").await;
    choose_flow(browser, "USER_PASSWORD_AUTH").await;
    browser.click("button#continue").await;
    browser.wait_for("input#password", STEP).await;
    assert_eq!(browser.path().await, "/password");

    browser.reload().await;
    browser.wait_for("input#password", STEP).await;
    assert_eq!(browser.path().await, "/password");
    browser.wait_text("h1", "Welcome, alice").await;
    let lead = browser.wait_text(".lead", "password").await;
    assert!(
        !lead.contains("never leaves"),
        "the flow chosen (the password checked by the server) was lost: {lead}"
    );

    browser.client.back().await.unwrap();
    browser.wait_for("input#username", STEP).await;
    field_value_is(browser, "alice").await;
    assert_eq!(browser.path().await, "/");
    let url = browser.client.current_url().await.unwrap();
    assert!(
        url.as_str().starts_with(&server.origin),
        "Back left the page: {url}"
    );
    let flow = browser
        .eval("return document.getElementById('flow').value")
        .await;
    assert_eq!(flow, json!("USER_PASSWORD_AUTH"));
    browser.click("button#continue").await;
    enter(browser, "input#password", "Passw0rd!alice").await;
    browser.wait_text("#signed-in-username", "alice").await;
}

/// After signing in, focus is on the heading (one more Enter must not sign the person out), and
/// signing out in one tab signs out the page's other tabs.
async fn focus_after_sign_in_and_sign_out_in_another_tab(pool: &Pool, browser: &Browser) {
    let server = open(pool, browser, "USER_SRP_AUTH").await;
    enter(browser, "input#username", "alice").await;
    enter(browser, "input#password", "Passw0rd!alice").await;
    browser.wait_text("#signed-in-username", "alice").await;
    assert_eq!(browser.focused_id().await, "screen-title");
    browser.press(&[fantoccini::key::Key::Enter]).await;
    assert_eq!(browser.path().await, "/signed-in", "Enter signed out");

    let first = browser.client.window().await.unwrap();
    let second = browser.client.new_window(true).await.unwrap().handle;
    browser
        .client
        .switch_to_window(second.clone())
        .await
        .unwrap();
    browser.open(&server.origin).await;
    browser.wait_text("#signed-in-username", "alice").await;

    browser
        .client
        .switch_to_window(first.clone())
        .await
        .unwrap();
    browser.click("button#sign-out").await;
    browser
        .wait_text("[aria-live]", "You have signed out.")
        .await;

    browser.client.switch_to_window(second).await.unwrap();
    browser
        .wait_text("[aria-live]", "You signed out in another tab.")
        .await;
    assert_eq!(browser.path().await, "/");
    browser.client.close_window().await.unwrap();
    browser.client.switch_to_window(first).await.unwrap();
}

/// The new-password step: typed twice, a show/hide toggle, the pool's rules marked as they are
/// met.
async fn new_password_is_confirmed_with_its_rules_shown(pool: &Pool, browser: &Browser) {
    let _server = open(pool, browser, "USER_SRP_AUTH").await;
    enter(browser, "input#username", "newbie").await;
    enter(browser, "input#password", "Temp0rary!pass").await;
    browser.wait_for("input#new-password", STEP).await;
    browser.wait_for("input#confirm-password", STEP).await;
    let met = || async {
        browser
            .eval("return [...document.querySelectorAll('#password-rules li.met')].length")
            .await
    };
    assert_eq!(met().await, json!(0));
    browser.type_into("input#new-password", "brand").await;
    assert_eq!(met().await, json!(1), "a lower-case letter is met");
    browser
        .type_into("input#new-password", "Brand-N3w!pass")
        .await;
    assert_eq!(met().await, json!(5), "every rule is met");
    browser.click("button#show-passwords").await;
    let kind = browser
        .wait_for("input#new-password", STEP)
        .await
        .attr("type")
        .await
        .unwrap();
    assert_eq!(kind.as_deref(), Some("text"));
    browser
        .type_into("input#confirm-password", "Brand-N3w!pas")
        .await;
    browser.click("button#continue").await;
    browser.wait_text("[aria-live]", "not the same").await;
    browser.assert_accessible("the new-password form").await;
    browser
        .type_into("input#confirm-password", "Brand-N3w!pass")
        .await;
    browser.click("button#continue").await;
    browser.wait_text("#signed-in-username", "newbie").await;
}

/// No screen is wider than a phone (320 and 390 px), even with a long e-mail address as the
/// username.
async fn every_screen_fits_a_phone(pool: &Pool, browser: &Browser) {
    let server = StaticServer::start_with(
        support::release_dist(),
        Some(pool.page_config(DEMO.0, DEMO.1, "CUSTOM_WITH_SRP")),
    )
    .await;
    for width in [320, 390] {
        browser.viewport(width).await;
        browser.open(&server.origin).await;
        assert_fits(browser, width, "the username form").await;
        enter(browser, "input#username", LONG_EMAIL).await;
        browser.wait_for("input#password", STEP).await;
        assert_fits(browser, width, "the password form").await;
        enter(browser, "input#password", "Wrong-passw0rd").await;
        browser.wait_text("[aria-live]", "don't match").await;
        assert_fits(browser, width, "the password form with an error").await;
        browser.click("button#start-over").await;
        choose_flow(browser, "CUSTOM_WITHOUT_SRP").await;
        enter(browser, "input#username", "alice").await;
        browser.wait_for("img.captcha", STEP).await;
        assert_fits(browser, width, "the CAPTCHA").await;
        browser.click("button#start-over").await;
        choose_flow(browser, "USER_SRP_AUTH").await;
        enter(browser, "input#username", "newbie").await;
        enter(browser, "input#password", "Temp0rary!pass").await;
        browser.wait_for("input#new-password", STEP).await;
        assert_fits(browser, width, "the new-password form").await;
        browser.click("button#start-over").await;
        enter(browser, "input#username", "alice").await;
        enter(browser, "input#password", "Passw0rd!alice").await;
        browser.wait_text("#signed-in-username", "alice").await;
        assert_fits(browser, width, "the signed-in view").await;
        browser.screenshot(&format!("signed-in-{width}px")).await;
        browser.click("button#sign-out").await;
        browser.wait_text("[aria-live]", "signed out").await;
    }
    browser
        .devtools("Emulation.clearDeviceMetricsOverride", json!({}))
        .await;
}

/// Deployed under a sub-path (`trunk build --public-url /login/`): the configuration is found
/// next to the page, every step's address stays under /login/, and a reload there works.
async fn deployed_under_a_sub_path(pool: &Pool, browser: &Browser) {
    let dist = support::release_dist_under("/login/");
    let serving = Serving {
        config: Some(pool.page_config(DEMO.0, DEMO.1, "USER_SRP_AUTH")),
        prefix: "/login",
        ..Serving::default()
    };
    let server = StaticServer::serve(dist, serving).await;
    // The earlier scenarios' refusals (400s) are not this one's.
    let _earlier = browser.console_errors().await;
    browser.open(&format!("{}/login/", server.origin)).await;
    enter(browser, "input#username", "alice").await;
    browser.wait_for("input#password", STEP).await;
    assert_eq!(browser.path().await, "/login/password");
    browser.reload().await;
    enter(browser, "input#password", "Passw0rd!alice").await;
    browser.wait_text("#signed-in-username", "alice").await;
    assert_eq!(browser.path().await, "/login/signed-in");
    assert_eq!(bundles(browser).await, ["hosted-login"]);
    // The security page's address under the sub-path loads the bundle that has it.
    browser.click("#security").await;
    heading(browser, "Security").await;
    assert_eq!(browser.path().await, "/login/account");
    assert_eq!(bundles(browser).await, ["hosted-login-account"]);
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
}
