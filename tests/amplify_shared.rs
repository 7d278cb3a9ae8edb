//! The login page and an aws-amplify v6 app on the same origin, in headless Chromium against
//! local-cognito: they share the session and the remembered device through `localStorage`
//! (Amplify's keys), both ways. The device the page remembered lets Amplify sign in without the
//! authenticator code; the one Amplify remembered lets the page do so.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use support::browser::Browser;
use support::pages::{MFA, app_code, enter, heading};
use support::pool::Pool;
use support::static_server::StaticServer;

const TESS_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// The release page and aws-amplify bundled from npm (`/amplify.html`, `/app.js`) in one
/// directory, so that both are served from one origin.
fn both_pages() -> PathBuf {
    let root = std::env::temp_dir().join(format!("amplify-shared-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(support::release_dist(), &root);
    let amplify = root.join("amplify-build");
    let status = std::process::Command::new("node")
        .arg(support::workspace_root().join("tools/node/amplify-page/build.mjs"))
        .arg(&amplify)
        .status()
        .expect("node is installed by ./scripts/test");
    assert!(status.success(), "bundling aws-amplify failed");
    std::fs::copy(amplify.join("app.js"), root.join("app.js")).unwrap();
    std::fs::copy(amplify.join("index.html"), root.join("amplify.html")).unwrap();
    root
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Runs `body` (an async function body using `amplify`, configured for the MFA pool) on the
/// Amplify page; what it returns, as JSON.
async fn amplify(browser: &Browser, origin: &str, pool: &Pool, body: &str) -> Value {
    browser
        .client
        .goto(&format!("{origin}/amplify.html"))
        .await
        .unwrap();
    let script = format!(
        r#"const [endpoint, done] = [arguments[0], arguments[arguments.length - 1]];
        (async () => {{
          while (!window.amplify) await new Promise((r) => setTimeout(r, 20));
          const amplify = window.amplify;
          amplify.Amplify.configure({{ Auth: {{ Cognito: {{ userPoolId: '{}',
            userPoolClientId: '{}', userPoolEndpoint: endpoint }} }} }});
          {body}
        }})().then((r) => done(JSON.stringify(r ?? null)),
                   (e) => done(JSON.stringify({{ error: `${{e.name}}: ${{e.message}}` }})));"#,
        MFA.0, MFA.1
    );
    let answer = browser
        .client
        .execute_async(&script, vec![json!(format!("{}/", pool.url))])
        .await
        .expect("run Amplify in the page");
    serde_json::from_str(answer.as_str().unwrap()).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_and_an_amplify_app_share_the_session_and_the_device() {
    let pool = Pool::start().await;
    let root = both_pages();
    let config = {
        let mut config: Value =
            serde_json::from_str(&pool.page_config(MFA.0, MFA.1, "USER_SRP_AUTH")).unwrap();
        config["hosted_login"]["flow_choice"] = json!(false);
        config.to_string()
    };
    let server = StaticServer::start_with(&root, Some(config)).await;
    let origin = server.origin.replace("127.0.0.1", "localhost");
    let browser = Browser::start().await;

    // The page signs tess in with her authenticator code and remembers the device.
    browser.open(&format!("{origin}/")).await;
    enter(&browser, "input#username", "tess").await;
    enter(&browser, "input#password", "Passw0rd!tess").await;
    heading(&browser, "Enter your authenticator code").await;
    pool.clock.advance(30.0);
    enter(&browser, "input#code", &app_code(&pool, TESS_SECRET)).await;
    browser.click("#remember-device").await;
    browser.wait_text("#signed-in-username", "tess").await;

    // Amplify, on the same origin, sees her session; signed out and in again, the device the
    // page remembered stands in for the code.
    let seen = amplify(
        &browser,
        &origin,
        &pool,
        r#"
        const user = await amplify.getCurrentUser();
        await amplify.signOut();
        const again = await amplify.signIn({ username: 'tess', password: 'Passw0rd!tess' });
        await amplify.signOut();
        return { user: user.username, again };
    "#,
    )
    .await;
    assert_eq!(seen["user"], "tess", "{seen}");
    assert_eq!(seen["again"]["isSignedIn"], true, "{seen}");

    // The other way: a fresh browser storage; Amplify signs in with the code and remembers the
    // device; the page then signs in with the password alone, and sees Amplify's session first.
    browser
        .eval("localStorage.clear(); sessionStorage.clear(); return true")
        .await;
    pool.clock.advance(30.0);
    let code = app_code(&pool, TESS_SECRET);
    let made = amplify(
        &browser,
        &origin,
        &pool,
        &format!(
            r#"
        const first = await amplify.signIn({{ username: 'tess', password: 'Passw0rd!tess' }});
        if (first.nextStep.signInStep !== 'CONFIRM_SIGN_IN_WITH_TOTP_CODE') return {{ first }};
        const done = await amplify.confirmSignIn({{ challengeResponse: '{code}' }});
        await amplify.rememberDevice();
        return {{ done }};
    "#
        ),
    )
    .await;
    assert_eq!(made["done"]["isSignedIn"], true, "{made}");
    browser.open(&format!("{origin}/")).await;
    browser.wait_text("#signed-in-username", "tess").await;
    browser.click("button#sign-out").await;
    enter(&browser, "input#username", "tess").await;
    enter(&browser, "input#password", "Passw0rd!tess").await;
    browser.wait_text("#signed-in-username", "tess").await;
    let _ = std::fs::remove_dir_all(&root);
}
