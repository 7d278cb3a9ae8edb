//! The page in several languages and a deployer's brand, in headless Chromium against the release
//! build and local-cognito: the language from `?lang=`, from the browser's languages, from the
//! configuration's default, and from the picker (remembered across a reload); Cognito's errors
//! in the person's language; Arabic and Hebrew right to left and axe-clean; nothing cut off or
//! overflowing at a phone's width in the pseudo-language (longer words, accents); the brand's
//! words, logo and colours applied, and a brand whose colours would be unreadable refused.
//!
//! One pool and one browser for the whole binary; each scenario has a page of its own (a fresh
//! origin, so fresh storage).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Value, json};
use support::browser::Browser;
use support::pages::{
    PASSWORDLESS, accessible, enter, heading, notice, open_on_localhost, page, page_with,
    unexpected_console_errors,
};
use support::pool::Pool;
use support::static_server::{Serving, StaticServer};

const STEP: Duration = Duration::from_secs(20);

/// One language's words, from its catalogue file.
fn words(tag: &str) -> BTreeMap<String, String> {
    let path = support::workspace_root().join(format!("locales/{tag}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("catalogue")).expect("json")
}

fn fill(text: &str, name: &str, value: &str) -> String {
    text.replace(&format!("{{{name}}}"), value)
}

/// The document's language and direction.
async fn lang_and_dir(browser: &Browser) -> (String, String) {
    let value = browser
        .eval("return [document.documentElement.lang, document.documentElement.dir]")
        .await;
    (
        value[0].as_str().unwrap_or_default().to_owned(),
        value[1].as_str().unwrap_or_default().to_owned(),
    )
}

/// What the browser says its languages are (`navigator.languages`, `Accept-Language`).
async fn browser_languages(browser: &Browser, languages: &str) {
    let agent = browser.eval("return navigator.userAgent").await;
    browser
        .devtools(
            "Emulation.setUserAgentOverride",
            json!({ "userAgent": agent, "acceptLanguage": languages }),
        )
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn languages_and_brand_in_chromium() {
    let pool = Pool::start().await;
    let browser = Browser::start().await;
    browser_languages(&browser, "en-US").await;
    asked_in_the_address(&pool, &browser).await;
    the_browsers_languages_then_the_default(&pool, &browser).await;
    the_picker_changes_and_remembers(&pool, &browser).await;
    right_to_left(&pool, &browser).await;
    nothing_overflows_on_a_phone(&pool, &browser).await;
    the_brand_is_applied(&pool, &browser).await;
    an_unreadable_brand_is_refused(&pool, &browser).await;
    a_broken_or_missing_catalogue_leaves_the_page_in_english(&pool, &browser).await;
    let errors = unexpected_console_errors(&browser).await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

/// `?lang=de`: every word in German, Cognito's refusal too, and the password step's title
/// with the username in it.
async fn asked_in_the_address(pool: &Pool, browser: &Browser) {
    let german = words("de");
    let page = page(pool, PASSWORDLESS, "USER_SRP_AUTH").await;
    open_on_localhost(browser, &page, "/?lang=de").await;
    heading(browser, &german["username.title"]).await;
    assert_eq!(lang_and_dir(browser).await, ("de".into(), "ltr".into()));
    // The catalogue was fetched once, while the WASM loaded (index.html's early guess), and the
    // app took it from there.
    let fetched = browser
        .eval("return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/locales/de.json')).map(e => e.initiatorType)")
        .await;
    assert_eq!(fetched, json!(["link"]), "fetched as: {fetched}");
    let title = browser.eval("return document.title").await;
    assert_eq!(title, json!(german["page.title"]));
    browser
        .wait_text("label[for=username]", &german["common.username"])
        .await;
    enter(browser, "input#username", "ada").await;
    heading(browser, &fill(&german["password.title"], "username", "ada")).await;
    enter(browser, "input#password", "not-her-password").await;
    notice(browser, &german["notice.wrong_password"]).await;
    accessible(browser, "German password step").await;
}

/// No `?lang=`: the browser's first language the page speaks (French for `fr-CA`), else the
/// configuration's default.
async fn the_browsers_languages_then_the_default(pool: &Pool, browser: &Browser) {
    let page = page_with(pool, PASSWORDLESS, "USER_SRP_AUTH", |config| {
        config["hosted_login"]["default_language"] = json!("nb");
    })
    .await;
    browser_languages(browser, "eo,fr-CA,fr;q=0.9").await;
    open_on_localhost(browser, &page, "/").await;
    heading(browser, &words("fr")["username.title"]).await;
    assert_eq!(lang_and_dir(browser).await.0, "fr");
    browser_languages(browser, "eo").await;
    open_on_localhost(browser, &page, "/").await;
    heading(browser, &words("nb")["username.title"]).await;
    assert_eq!(lang_and_dir(browser).await.0, "nb");
    browser_languages(browser, "en-US").await;
}

/// Chooses `tag` in the language picker.
async fn pick(browser: &Browser, tag: &str) {
    browser
        .eval(&format!(
            "const s = document.querySelector('select#language'); s.value = '{tag}'; \
             s.dispatchEvent(new Event('change', {{ bubbles: true }})); return true"
        ))
        .await;
}

/// The picker changes the language at once, on the screen the person is on, and a reload keeps
/// it; `?lang=` still wins over it.
async fn the_picker_changes_and_remembers(pool: &Pool, browser: &Browser) {
    let japanese = words("ja");
    let page = page(pool, PASSWORDLESS, "USER_SRP_AUTH").await;
    open_on_localhost(browser, &page, "/").await;
    browser.wait_for("select#language", STEP).await;
    browser.type_into("input#username", "ada").await;
    pick(browser, "ja").await;
    heading(browser, &japanese["username.title"]).await;
    assert_eq!(lang_and_dir(browser).await.0, "ja");
    let kept = browser
        .eval("return document.querySelector('input#username').value")
        .await;
    assert_eq!(kept, json!("ada"), "what was typed stays");
    let selected = browser
        .eval("return document.querySelector('select#language').value")
        .await;
    assert_eq!(selected, json!("ja"));
    browser.reload().await;
    heading(browser, &japanese["username.title"]).await;
    open_on_localhost(browser, &page, "/?lang=de").await;
    heading(browser, &words("de")["username.title"]).await;
}

/// Arabic and Hebrew lay the page out right to left, and stay axe-clean on the first screen
/// and the password step, light and dark; Arabic on the way in and beyond too.
async fn right_to_left(pool: &Pool, browser: &Browser) {
    let signed_out = page(pool, PASSWORDLESS, "USER_SRP_AUTH").await;
    let page = page(pool, PASSWORDLESS, "USER_SRP_AUTH").await;
    for tag in ["ar", "he"] {
        let catalogue = words(tag);
        open_on_localhost(browser, &page, &format!("/?lang={tag}")).await;
        heading(browser, &catalogue["username.title"]).await;
        assert_eq!(lang_and_dir(browser).await, (tag.into(), "rtl".into()));
        let direction = browser
            .eval("return getComputedStyle(document.querySelector('.card')).direction")
            .await;
        assert_eq!(direction, json!("rtl"));
        accessible(browser, &format!("{tag}: sign in")).await;
        enter(browser, "input#username", "ada").await;
        heading(
            browser,
            &fill(&catalogue["password.title"], "username", "ada"),
        )
        .await;
        accessible(browser, &format!("{tag}: password")).await;
    }
    // The rest of the way in Arabic: the passkey offer, signed in, the security page, creating
    // an account.
    let arabic = words("ar");
    open_on_localhost(browser, &page, "/?lang=ar").await;
    enter(browser, "input#username", "ada").await;
    browser.wait_for("input#password", STEP).await;
    enter(browser, "input#password", "Passw0rd!ada").await;
    heading(browser, &arabic["offer.passkey_title"]).await;
    accessible(browser, "ar: the passkey offer").await;
    browser.click("button#not-now").await;
    heading(browser, &arabic["signed_in.title"]).await;
    accessible(browser, "ar: signed in").await;
    browser.click("button#security").await;
    browser.wait_for("#password-title", STEP).await;
    accessible(browser, "ar: the security page").await;
    open_on_localhost(browser, &signed_out, "/sign-up?lang=ar").await;
    heading(browser, &arabic["sign_up.title"]).await;
    accessible(browser, "ar: creating an account").await;
}

/// Elements that leave the screen sideways, or whose text does not fit in their box.
const OVERFLOWING: &str = r"
    const width = document.documentElement.clientWidth;
    const found = [];
    if (document.documentElement.scrollWidth > width) {
        found.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
    }
    for (const element of document.querySelectorAll('main *')) {
        const box = element.getBoundingClientRect();
        // Nothing shown, or text for screen readers only (a 1-pixel box on purpose).
        if ((box.width === 0 && box.height === 0) || element.closest('.sr-only')) continue;
        const name = element.tagName + (element.id ? '#' + element.id : '') + ' ' + (element.textContent || '').slice(0, 30);
        if (box.left < -1 || box.right > width + 1) found.push('off screen: ' + name);
        const inline = getComputedStyle(element).display === 'inline';
        if (!inline && element.scrollWidth > element.clientWidth + 1 && element.tagName !== 'SELECT') {
            found.push('cut off: ' + name + ' (' + element.scrollWidth + ' > ' + element.clientWidth + ')');
        }
    }
    return found;";

async fn assert_fits(browser: &Browser, screen: &str) {
    let found = browser.eval(OVERFLOWING).await;
    assert_eq!(found, json!([]), "{screen} at a phone's width");
}

/// The pseudo-language (every word longer, accented) on a 320-pixel-wide phone: the first
/// screen, the password step, signed in, the security page, a passwordless choice, a code,
/// creating an account and resetting a password.
async fn nothing_overflows_on_a_phone(pool: &Pool, browser: &Browser) {
    let pseudo = words("en-XA");
    browser.viewport(320).await;
    let with_password = page(pool, PASSWORDLESS, "USER_SRP_AUTH").await;
    open_on_localhost(browser, &with_password, "/?lang=en-XA").await;
    heading(browser, &pseudo["username.title"]).await;
    assert_fits(browser, "the first screen").await;
    enter(browser, "input#username", "ada").await;
    browser.wait_for("input#password", STEP).await;
    assert_fits(browser, "the password step").await;
    enter(browser, "input#password", "Passw0rd!ada").await;
    heading(browser, &pseudo["offer.passkey_title"]).await;
    assert_fits(browser, "the passkey offer").await;
    browser.click("button#not-now").await;
    heading(browser, &pseudo["signed_in.title"]).await;
    assert_fits(browser, "signed in").await;
    browser.click("button#security").await;
    heading(browser, &pseudo["security.title"]).await;
    browser.wait_for("#password-title", STEP).await;
    assert_fits(browser, "the security page").await;
    browser.click("button#change-password").await;
    browser.wait_for("input#old-password", STEP).await;
    assert_fits(browser, "changing the password").await;

    let passwordless = page(pool, PASSWORDLESS, "USER_AUTH").await;
    open_on_localhost(browser, &passwordless, "/?lang=en-XA").await;
    enter(browser, "input#username", "ada").await;
    heading(browser, &pseudo["factor.title"]).await;
    assert_fits(browser, "the choice of a first factor").await;
    browser.click("button#factor-EMAIL_OTP").await;
    heading(browser, &pseudo["code.email_title"]).await;
    assert_fits(browser, "the code screen").await;
    open_on_localhost(browser, &passwordless, "/sign-up?lang=en-XA").await;
    heading(browser, &pseudo["sign_up.title"]).await;
    assert_fits(browser, "creating an account").await;
    open_on_localhost(browser, &passwordless, "/forgot-password?lang=en-XA").await;
    heading(browser, &pseudo["forgot.title"]).await;
    assert_fits(browser, "resetting a password").await;
    browser.viewport(1024).await;
    browser
        .devtools("Emulation.clearDeviceMetricsOverride", json!({}))
        .await;
}

/// A 1×1 PNG, the brand's logo.
const LOGO: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/// The computed `property` of the first element matching `selector`.
async fn computed(browser: &Browser, selector: &str, property: &str) -> Value {
    browser
        .eval(&format!(
            "return getComputedStyle(document.querySelector('{selector}')).{property}"
        ))
        .await
}

/// The brand's name and logo above the card, its words in place of the catalogue's (per
/// language), its colours in light and dark, its links below; axe-clean in both schemes.
async fn the_brand_is_applied(pool: &Pool, browser: &Browser) {
    let page = page_with(pool, PASSWORDLESS, "USER_SRP_AUTH", |config| {
        config["hosted_login"]["brand"] = json!({
            "name": "Example",
            "logo": LOGO,
            "light": { "accent": "#0b57d0", "background": "#ffffff" },
            "dark": { "accent": "#a8c7fa", "background": "#131314" },
            "terms_url": "https://example.com/terms",
            "privacy_url": "/privacy",
            "overrides": {
                "en": { "username.title": "Sign in to Example" },
                "de": { "username.title": "Bei Example anmelden" }
            }
        });
    })
    .await;
    open_on_localhost(browser, &page, "/").await;
    heading(browser, "Sign in to Example").await;
    let logo = browser
        .eval("const i = document.querySelector('img#brand-logo'); return [i.alt, i.complete && i.naturalWidth]")
        .await;
    assert_eq!(logo, json!(["Example", 1]));
    assert_eq!(
        browser.eval("return document.title").await,
        json!("Sign in · Example")
    );
    assert_eq!(
        computed(browser, "button#continue", "backgroundColor").await,
        json!("rgb(11, 87, 208)")
    );
    assert_eq!(
        computed(browser, "button#continue", "color").await,
        json!("rgb(255, 255, 255)")
    );
    assert_eq!(
        computed(browser, "body", "backgroundColor").await,
        json!("rgb(255, 255, 255)")
    );
    let links = browser
        .eval("return [...document.querySelectorAll('.page-footer a')].map(a => a.getAttribute('href'))")
        .await;
    assert_eq!(links, json!(["https://example.com/terms", "/privacy"]));
    accessible(browser, "a branded page").await;
    browser.color_scheme("dark").await;
    assert_eq!(
        computed(browser, "button#continue", "backgroundColor").await,
        json!("rgb(168, 199, 250)")
    );
    assert_eq!(
        computed(browser, "body", "backgroundColor").await,
        json!("rgb(19, 19, 20)")
    );
    browser.color_scheme("light").await;
    open_on_localhost(browser, &page, "/?lang=de").await;
    heading(browser, "Bei Example anmelden").await;
    browser
        .wait_text("button#continue", &words("de")["common.continue"])
        .await;
}

/// A light background the page's text would be unreadable on: the page refuses the
/// configuration and says why (to the site's administrator), in the person's language.
async fn an_unreadable_brand_is_refused(pool: &Pool, browser: &Browser) {
    let page = page_with(pool, PASSWORDLESS, "USER_SRP_AUTH", |config| {
        config["hosted_login"]["brand"] = json!({ "light": { "background": "#777777" } });
    })
    .await;
    open_on_localhost(browser, &page, "/?lang=fr").await;
    heading(browser, &words("fr")["config.title"]).await;
    browser
        .wait_text("[role=alert]", "below WCAG AA's 4.5:1")
        .await;
}

/// A catalogue that is not a flat object of strings, or that is not there, leaves the page in
/// English, working: nothing a server sends makes the page fail.
async fn a_broken_or_missing_catalogue_leaves_the_page_in_english(pool: &Pool, browser: &Browser) {
    let config = pool.page_config(PASSWORDLESS.0, PASSWORDLESS.1, "USER_SRP_AUTH");
    let serving = Serving {
        config: Some(config),
        replaced: vec![
            (
                "/locales/de.json",
                "200 OK",
                r#"{"username.title": 42}"#.to_owned(),
            ),
            ("/locales/fr.json", "200 OK", "<html>not json".to_owned()),
            ("/locales/ja.json", "404 Not Found", String::new()),
        ],
        ..Serving::default()
    };
    let page = StaticServer::serve(support::release_dist(), serving).await;
    for tag in ["de", "fr", "ja"] {
        open_on_localhost(browser, &page, &format!("/?lang={tag}")).await;
        browser.wait_for("select#language", STEP).await;
        heading(browser, "Sign in").await;
        assert_eq!(
            lang_and_dir(browser).await,
            ("en".into(), "ltr".into()),
            "{tag}"
        );
        enter(browser, "input#username", "ada").await;
        heading(browser, "Welcome, ada").await;
    }
    // The browser notes the missing catalogue; nothing else went wrong.
    let errors = unexpected_console_errors(browser).await;
    assert!(
        errors
            .iter()
            .all(|error| error.contains("/locales/ja.json")),
        "console errors: {errors:?}"
    );
}
