//! The browser implementations (fetch, localStorage/sessionStorage, Date.now,
//! crypto.getRandomValues) in headless Chromium, against the local-cognito that
//! `./scripts/test` starts and names in `LOCAL_COGNITO_URL` at build time.
#![cfg(target_arch = "wasm32")]

use cognito_auth::browser::{BrowserStorage, FetchTransport, browser_environment};
use cognito_auth::{
    AuthConfig, CognitoAuth, ConfirmSignInInput, KeyValueStorage, NextStep, SignInInput,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn endpoint() -> String {
    match option_env!("LOCAL_COGNITO_URL") {
        Some(url) => format!("{url}/"),
        None => panic!("LOCAL_COGNITO_URL was not set at build time: run ./scripts/test"),
    }
}

fn client(pool: &str, client_id: &str) -> CognitoAuth<FetchTransport, BrowserStorage> {
    let config = AuthConfig::new(pool, client_id)
        .unwrap()
        .with_endpoint(&endpoint())
        .unwrap();
    CognitoAuth::new(
        config,
        FetchTransport::default(),
        BrowserStorage::Local,
        BrowserStorage::Session,
        browser_environment(),
    )
}

#[wasm_bindgen_test]
async fn srp_sign_in_in_the_browser() {
    let auth = client("us-east-1_HostedDemo", "hostedlogindemoclient00001");
    let _ = auth.sign_out().await;
    let wrong = auth
        .sign_in(SignInInput::with_password("alice", "Wrong!pass1"))
        .await
        .unwrap_err();
    assert_eq!(wrong.message(), Some("Incorrect username or password."));
    let output = auth
        .sign_in(SignInInput::with_password("alice", "Passw0rd!alice"))
        .await
        .unwrap();
    assert!(output.is_signed_in);
    let last = BrowserStorage::Local
        .get("CognitoIdentityServiceProvider.hostedlogindemoclient00001.LastAuthUser");
    assert_eq!(last.as_deref(), Some("alice"));
    let session = auth.fetch_session().await.unwrap().expect("signed in");
    assert_eq!(session.id_claims()["cognito:username"], "alice");
    auth.sign_out().await.unwrap();
    assert!(auth.fetch_session().await.unwrap().is_none());
}

#[wasm_bindgen_test]
async fn custom_challenge_survives_a_reload() {
    let before = client("us-east-1_GuideCaptcha", "guidecaptchaclient00000001");
    let _ = before.sign_out().await;
    let output = before
        .sign_in(SignInInput::passwordless("alice"))
        .await
        .unwrap();
    let NextStep::ConfirmSignInWithCustomChallenge { additional_info } = output.next_step else {
        panic!("{output:?}")
    };
    assert_eq!(additional_info["captchaUrl"], "url/123.jpg");
    assert!(
        BrowserStorage::Session
            .get("CognitoSignInState.signInSession")
            .is_some()
    );
    let after = client("us-east-1_GuideCaptcha", "guidecaptchaclient00000001");
    // After the reload, the step to show is known again, picture and all.
    let Some((username, NextStep::ConfirmSignInWithCustomChallenge { additional_info })) =
        after.pending_sign_in()
    else {
        panic!("the step is lost after a reload")
    };
    assert_eq!(username, "alice");
    assert_eq!(additional_info["captchaUrl"], "url/123.jpg");
    assert!(
        after
            .confirm_sign_in(ConfirmSignInInput::answer("5"))
            .await
            .unwrap()
            .is_signed_in
    );
    after.sign_out().await.unwrap();
}
