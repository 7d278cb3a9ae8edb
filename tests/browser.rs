//! The built login page in real headless Chromium, as a person would meet it.
//!
//! One Chromium for the binary (each scenario a page of its own, a fresh origin), but for the
//! check that the accessibility harness fails, which must panic on its own.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use fantoccini::Locator;
use fantoccini::key::Key;
use support::browser::Browser;
use support::static_server::StaticServer;

const MOUNT_TIMEOUT: Duration = Duration::from_secs(20);

/// The release build served on a fresh origin and opened at `path` in `browser`, once the
/// username form has mounted; the console's earlier entries (other scenarios') read away.
async fn open_at(browser: &Browser, path: &str) -> StaticServer {
    let server = StaticServer::start(support::release_dist()).await;
    let _earlier = browser.console_entries().await;
    browser.open(&format!("{}{path}", server.origin)).await;
    browser.wait_for("input#username", MOUNT_TIMEOUT).await;
    server
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_in_chromium() {
    let browser = Browser::start().await;
    username_form_is_visible_labelled_and_keyboard_reachable(&browser).await;
    empty_username_is_explained(&browser).await;
    harness_sees_console_errors(&browser).await;
    strict_content_security_policy(&browser).await;
    broken_configuration_is_explained(&browser).await;
    another_origin_cannot_administer_the_pool(&browser).await;
}

/// The first screen mounts: a visible, labelled username field that the keyboard can reach,
/// a live region for messages, and a console free of errors.
async fn username_form_is_visible_labelled_and_keyboard_reachable(browser: &Browser) {
    let _server = open_at(browser, "/").await;
    let page = &browser.client;
    let field = browser.wait_for("input#username", MOUNT_TIMEOUT).await;
    assert!(
        field.is_displayed().await.unwrap(),
        "the username field is not visible"
    );
    assert_eq!(
        field.attr("autocomplete").await.unwrap().as_deref(),
        Some("username")
    );

    let label = page
        .execute(
            "return document.getElementById('username').labels[0]?.textContent ?? null",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        label.as_str(),
        Some("Username"),
        "the field has no visible label"
    );

    let live = page
        .find(Locator::Css("[aria-live]"))
        .await
        .expect("an aria-live region");
    assert_eq!(
        live.attr("aria-live").await.unwrap().as_deref(),
        Some("polite")
    );

    // Keyboard: focus starts in the field; Tab moves to the next control, Shift+Tab comes back.
    assert_eq!(
        browser.focused_id().await,
        "username",
        "focus does not start in the field"
    );
    browser.press(&[Key::Tab]).await;
    let next = browser.focused_id().await;
    assert!(
        ["flow", "continue"].contains(&next.as_str()),
        "Tab does not reach the next control (focus on {next:?})"
    );
    browser.press(&[Key::Shift, Key::Tab]).await;
    assert_eq!(
        browser.focused_id().await,
        "username",
        "Shift+Tab does not reach the field"
    );

    browser.screenshot("username-form").await;
    browser.color_scheme("dark").await;
    browser.assert_accessible("the username form, dark").await;
    browser.screenshot("username-form-dark").await;
    browser.color_scheme("light").await;
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
}

/// Submitting an empty username explains what to do, in the live region, without a reload.
async fn empty_username_is_explained(browser: &Browser) {
    let _server = open_at(browser, "/some/deep/link").await;
    let page = &browser.client;
    page.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let notice = page
        .find(Locator::Css("[aria-live]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(notice, "Enter your username to continue.");
    assert_eq!(
        page.current_url().await.unwrap().path(),
        "/",
        "unknown routes go to the start"
    );
}

/// The console check above is not vacuous: an error logged by the page is seen.
async fn harness_sees_console_errors(browser: &Browser) {
    let _server = open_at(browser, "/").await;
    browser
        .client
        .execute("console.error('harness check')", vec![])
        .await
        .unwrap();
    let entries = browser.console_entries().await;
    assert!(
        entries
            .iter()
            .any(|entry| entry.level == "SEVERE" && entry.message.contains("harness check")),
        "console errors are not collected: {entries:?}"
    );
}

/// The page runs under a strict Content-Security-Policy: no inline script but the page's own
/// (the loader, the catalogue preload, the one-line submit note, each pinned by hash), no style
/// but the page's stylesheet (pinned by its hash), and nothing it needs is refused.
async fn strict_content_security_policy(browser: &Browser) {
    let html =
        std::fs::read_to_string(support::release_dist().join("index.html")).expect("index.html");
    // The release page is minified: attributes may come in any order, quoted or not.
    let policy = html
        .split("<meta")
        .map(|tag| tag.split('>').next().unwrap_or_default())
        .find(|tag| tag.contains("Content-Security-Policy"))
        .and_then(|tag| tag.split("content=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("a CSP meta tag");
    let script_src = policy
        .split(';')
        .find(|directive| directive.trim().starts_with("script-src"))
        .expect("script-src");
    assert!(
        script_src.contains("'sha256-"),
        "Trunk's loader is not pinned: {script_src}"
    );
    assert!(
        !script_src.contains("unsafe-inline") && !script_src.contains("TRUNK_INLINE"),
        "{script_src}"
    );
    let style_src = policy
        .split(';')
        .find(|directive| directive.trim().starts_with("style-src"))
        .expect("style-src");
    // Exactly the stylesheet inside the page, by its hash.
    let stylesheet = html
        .split("<style>")
        .nth(1)
        .and_then(|rest| rest.split("</style>").next())
        .expect("the stylesheet inside the page");
    use base64::Engine as _;
    use sha2::Digest as _;
    let pinned = format!(
        "style-src 'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(stylesheet))
    );
    assert_eq!(style_src.trim(), pinned);
    assert!(
        policy.contains("default-src 'none'") && policy.contains("object-src 'none'"),
        "{policy}"
    );

    let _server = open_at(browser, "/").await;
    // An inline script injected the way an XSS would is refused.
    browser
        .client
        .execute("const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.append(s);", vec![])
        .await
        .unwrap();
    let injected = browser
        .client
        .execute("return window.injected === 1", vec![])
        .await
        .unwrap();
    assert_eq!(
        injected.as_bool(),
        Some(false),
        "an injected inline script ran"
    );
    // So is an injected inline style, while the page's own stylesheet applies.
    let widths = browser
        .client
        .execute("const s = document.createElement('style'); s.textContent = '#username { width: 7px !important }'; document.head.append(s); const w = document.getElementById('username').getBoundingClientRect().width; return [w, getComputedStyle(document.querySelector('.card')).borderRadius];", vec![])
        .await
        .unwrap();
    assert!(
        widths[0].as_f64().is_some_and(|width| width > 100.0),
        "an injected inline style applied: {widths:?}"
    );
    assert_eq!(
        widths[1].as_str(),
        Some("12px"),
        "the stylesheet is missing"
    );
    let refusals: Vec<_> = browser
        .console_entries()
        .await
        .into_iter()
        .filter(|entry| entry.message.contains("Content Security Policy"))
        .map(|entry| entry.message)
        .collect();
    assert_eq!(
        refusals.len(),
        2,
        "only the injected script and style are refused: {refusals:?}"
    );
}

/// A missing or broken configuration gets a clear, accessible screen, not a blank page.
async fn broken_configuration_is_explained(browser: &Browser) {
    let server =
        StaticServer::start_with(support::release_dist(), Some("{\"auth\":{}}".to_owned())).await;
    browser
        .client
        .goto(&server.origin)
        .await
        .expect("open the login page");
    let heading = browser.wait_text("h1", "Sign-in is unavailable").await;
    assert_eq!(heading, "Sign-in is unavailable");
    browser.wait_text("[role=alert]", "auth.user_pool_id").await;
    browser.assert_accessible("the configuration problem").await;
}

/// The accessibility check is not vacuous: an unlabelled field is reported.
#[tokio::test(flavor = "multi_thread")]
#[should_panic(expected = "accessibility violations")]
async fn harness_sees_accessibility_violations() {
    let browser = &Browser::start().await;
    let _server = open_at(browser, "/").await;
    browser
        .client
        .execute(
            "document.body.append(document.createElement('input'))",
            vec![],
        )
        .await
        .unwrap();
    browser
        .assert_accessible("a page with an unlabelled field")
        .await;
}

/// A web page on another origin, open in the developer's browser while the pool runs, can do in
/// the pool only what a browser may do on Cognito: sign in, yes; create, list or change users
/// and pools, or read the outbox of codes, no.
async fn another_origin_cannot_administer_the_pool(browser: &Browser) {
    let pool = support::pool::Pool::start().await;
    let pools_before = pool.service.store.pools().unwrap().len();
    let elsewhere_root = std::env::temp_dir().join(format!("elsewhere-{}", std::process::id()));
    std::fs::create_dir_all(&elsewhere_root).unwrap();
    std::fs::write(
        elsewhere_root.join("index.html"),
        "<!doctype html><title>elsewhere</title>",
    )
    .unwrap();
    let elsewhere = StaticServer::start(&elsewhere_root).await;
    browser.client.goto(&elsewhere.origin).await.unwrap();
    let script = r#"
        const [pool, done] = [arguments[0], arguments[arguments.length - 1]];
        const call = async (operation, body, extra) => {
            try {
                const response = await fetch(pool, { method: 'POST', body: JSON.stringify(body),
                    headers: { 'content-type': 'application/x-amz-json-1.1',
                               'x-amz-target': 'AWSCognitoIdentityProviderService.' + operation, ...extra } });
                return response.status + ' ' + await response.text();
            } catch (error) { return 'refused: ' + error.message; }
        };
        const signature = { authorization: 'AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00' };
        const mallory = { UserPoolId: 'us-east-1_HostedDemo', Username: 'mallory', TemporaryPassword: 'Mall0ry!pass', MessageAction: 'SUPPRESS' };
        const read = (init) => fetch(pool + '_local/messages', init)
            .then(async (response) => response.type + ' ' + response.status + ' ' + await response.text())
            .catch((error) => 'refused: ' + error.message);
        (async () => done(JSON.stringify({
            create: await call('AdminCreateUser', mallory, {}),
            createSigned: await call('AdminCreateUser', mallory, signature),
            setPassword: await call('AdminSetUserPassword', { UserPoolId: 'us-east-1_HostedDemo', Username: 'alice', Password: 'Mall0ry!pass', Permanent: true }, {}),
            newPool: await call('CreateUserPool', { PoolName: 'evil' }, {}),
            list: await call('ListUsers', { UserPoolId: 'us-east-1_HostedDemo' }, {}),
            outbox: await read({}),
            outboxOpaque: await read({ mode: 'no-cors' }),
            signIn: await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'hostedlogindemoclient00001',
                AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!alice' } }, {}),
        })))();
    "#;
    let result = browser
        .client
        .execute_async(script, vec![serde_json::json!(format!("{}/", pool.url))])
        .await
        .expect("run the other origin's script");
    let results: serde_json::Value = serde_json::from_str(result.as_str().unwrap()).unwrap();
    let said = |name: &str| results[name].as_str().unwrap_or_default().to_owned();
    for refused in ["create", "setPassword", "newPool", "list"] {
        assert!(
            said(refused).starts_with("403")
                && said(refused).contains("MissingAuthenticationToken"),
            "{refused}: {results}"
        );
    }
    assert!(
        said("createSigned").starts_with("refused"),
        "a cross-origin page sent a SigV4 header: {results}"
    );
    assert!(said("outbox").starts_with("refused"), "{results}");
    assert_eq!(said("outboxOpaque"), "opaque 0 ", "{results}");
    assert!(
        said("signIn").starts_with("200") && said("signIn").contains("AuthenticationResult"),
        "what a browser may do still works: {results}"
    );
    assert!(
        pool.service
            .store
            .user("us-east-1_HostedDemo", "mallory")
            .unwrap()
            .is_none()
    );
    assert_eq!(
        pool.service.store.pools().unwrap().len(),
        pools_before,
        "no pool was created"
    );
    let _ = std::fs::remove_dir_all(&elsewhere_root);
}
