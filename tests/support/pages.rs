//! What the page tests do as a person would: open a page on `localhost` (the passkeys' relying
//! party), type and continue, wait for a heading or a notice, check accessibility in both colour
//! schemes — and what a person would read elsewhere: the code local-cognito "sent", the code an
//! authenticator app shows.

use local_cognito::clock::Clock;
use serde_json::{Value, json};

use super::browser::Browser;
use super::pool::Pool;
use super::static_server::StaticServer;

/// The demo's passwordless pool and its app client.
pub const PASSWORDLESS: (&str, &str) = ("us-east-1_Passwordless", "passwordlessclient00000001");
/// The demo's MFA-required pool and its app client.
pub const MFA: (&str, &str) = ("us-east-1_MfaRequired", "mfarequiredclient000000001");

/// The release page for `pool` signing in with `flow`, configured as the pool is (its
/// passwordless factors, its MFA), with sign-up allowed (e-mail required) and no flow choice.
pub async fn page(pool: &Pool, ids: (&str, &str), flow: &str) -> StaticServer {
    page_with(pool, ids, flow, |_| {}).await
}

/// [`page`], with `edit` applied to its `amplify_outputs.json` (a brand, a default language).
pub async fn page_with(
    pool: &Pool,
    (pool_id, client): (&str, &str),
    flow: &str,
    edit: impl FnOnce(&mut Value),
) -> StaticServer {
    let mut config: Value = serde_json::from_str(&pool.page_config(pool_id, client, flow)).unwrap();
    config["hosted_login"]["flow_choice"] = json!(false);
    config["hosted_login"]["app_name"] = json!("Example");
    config["hosted_login"]["sign_up"] = json!(true);
    config["auth"]["standard_required_attributes"] = json!(["email"]);
    if pool_id == MFA.0 {
        config["auth"]["mfa_configuration"] = json!("ON");
        config["auth"]["mfa_methods"] = json!(["TOTP", "EMAIL"]);
    } else {
        config["auth"]["mfa_configuration"] = json!("NONE");
    }
    if pool_id == PASSWORDLESS.0 {
        config["auth"]["passwordless"] = json!({ "email_otp_enabled": true, "sms_otp_enabled": true,
            "web_authn": { "relying_party_id": "localhost", "user_verification": "preferred" } });
    }
    edit(&mut config);
    StaticServer::start_with(super::release_dist(), Some(config.to_string())).await
}

/// The release page for one app client of `pool` as `Pool::page_config` has it (the flow
/// choice on), on a fresh origin, open in `browser`.
pub async fn open_page(
    pool: &Pool,
    browser: &Browser,
    (pool_id, client_id): (&str, &str),
    flow: &str,
) -> StaticServer {
    let config = pool.page_config(pool_id, client_id, flow);
    let server = StaticServer::start_with(super::release_dist(), Some(config)).await;
    browser.open(&server.origin).await;
    server
}

/// Opens `path` of `page` at `http://localhost:<port>`.
pub async fn open_on_localhost(browser: &Browser, page: &StaticServer, path: &str) {
    let port = page.origin.rsplit(':').next().unwrap();
    browser
        .open(&format!("http://localhost:{port}{path}"))
        .await;
}

/// Types `text` into `field` and chooses Continue.
pub async fn enter(browser: &Browser, field: &str, text: &str) {
    browser.type_into(field, text).await;
    browser.click("button#continue").await;
}

/// The page's bundles this document has loaded (their WASM files' names without the hash):
/// `["hosted-login"]` for the sign-in one, `["hosted-login-account"]` for the one with every
/// page (create an account, the security page).
pub async fn bundles(browser: &Browser) -> Vec<String> {
    let loaded = browser
        .eval(
            r"return performance.getEntriesByType('resource')
                .map(entry => new URL(entry.name).pathname)
                .filter(path => path.endsWith('.wasm'))
                .map(path => path.replace(/^.*\//, '').replace(/-[0-9a-f]+_bg\.wasm$/, ''))",
        )
        .await;
    serde_json::from_value(loaded).expect("a list of names")
}

/// Waits for the screen's heading to say `needle`.
pub async fn heading(browser: &Browser, needle: &str) {
    browser.wait_text("#screen-title", needle).await;
}

/// Waits for the screen's notice to say `needle`.
pub async fn notice(browser: &Browser, needle: &str) {
    browser.wait_text(".notice", needle).await;
}

/// axe-core on the screen shown, light and dark.
pub async fn accessible(browser: &Browser, screen: &str) {
    for scheme in ["light", "dark"] {
        browser.color_scheme(scheme).await;
        browser
            .assert_accessible(&format!("{screen} ({scheme})"))
            .await;
    }
    browser.color_scheme("light").await;
}

/// The newest code local-cognito sent `username` of `pool_id` (its outbox).
pub fn latest_code(pool: &Pool, pool_id: &str, username: &str) -> String {
    pool.service
        .store
        .messages(Some(pool_id), Some(username))
        .unwrap()
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no message for {username}"))
        .code
}

/// What an authenticator app holding `secret` (base32) shows now, on the pool's clock.
pub fn app_code(pool: &Pool, secret: &str) -> String {
    totp_rs::Builder::new()
        .with_algorithm(totp_rs::Algorithm::SHA1)
        .with_secret(totp_rs::Secret::try_from_base32(secret).unwrap())
        .build_noncompliant()
        .generate(pool.clock.now() as u64)
        .to_string()
}

/// The console's errors, but Cognito's refusals (a wrong code, an expired session: 400s, which
/// the console lists).
pub async fn unexpected_console_errors(browser: &Browser) -> Vec<String> {
    browser
        .console_errors()
        .await
        .into_iter()
        .filter(|error| !error.contains("status of 400 (Bad Request)"))
        .collect()
}
