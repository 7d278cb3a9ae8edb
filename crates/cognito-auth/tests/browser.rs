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

/// In the browser, JSON is read by `JSON.parse` and serde-wasm-bindgen (`cognito_auth::json`):
/// the shapes Cognito's answers take read as serde_json reads them, and what does not fit is
/// refused rather than guessed.
#[wasm_bindgen_test]
fn json_reads_in_the_browser_as_serde_json_reads_it() {
    use cognito_auth::json::{RawJson, from_str};

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Shape {
        count: u32,
        expiry: i64,
        name: Option<String>,
        #[serde(default)]
        list: Vec<String>,
        #[serde(default, alias = "note")]
        message: Option<String>,
        options: Option<RawJson>,
        #[serde(default)]
        attributes: std::collections::HashMap<String, String>,
    }
    let read: Shape = from_str(
        r#"{"Count":3,"Expiry":1700000000000,"Name":"\u00e9\ud83d\ude00","note":"n","Unknown":[1],
            "Options":{"a":[1,2.5,"x",null,true]},"Attributes":{"email":"a@b.c"}}"#,
    )
    .unwrap();
    assert_eq!((read.count, read.expiry), (3, 1_700_000_000_000));
    assert_eq!(read.name.as_deref(), Some("é😀"));
    assert!(read.list.is_empty());
    assert_eq!(read.message.as_deref(), Some("n"));
    let options: serde_json::Value = serde_json::from_str(read.options.unwrap().get()).unwrap();
    assert_eq!(options, serde_json::json!({"a": [1, 2.5, "x", null, true]}));
    assert_eq!(read.attributes["email"], "a@b.c");
    let null: Shape = from_str(r#"{"Count":0,"Expiry":-5,"Name":null,"Options":null}"#).unwrap();
    assert!(null.name.is_none() && null.options.is_none());
    for refused in [
        r#"{"Count":-1,"Expiry":0}"#,
        r#"{"Count":1.5,"Expiry":0}"#,
        r#"{"Count":"3","Expiry":0}"#,
        r#"{"Count":5000000000,"Expiry":0}"#,
        r#"{"Expiry":0}"#,
        r#"{"Count":1,"Expiry":0,"List":"x"}"#,
        r#"[1,2]"#,
        "{not json",
        "",
    ] {
        assert!(from_str::<Shape>(refused).is_err(), "{refused} was read");
    }
}

#[wasm_bindgen_test]
fn json_writes_in_the_browser_as_serde_json_writes_it() {
    use cognito_auth::json::to_string;

    #[derive(serde::Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Shape {
        count: u32,
        expiry: i64,
        name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<String>,
        list: Vec<String>,
        flag: bool,
        attributes: std::collections::BTreeMap<String, String>,
    }
    let shape = Shape {
        count: 3,
        expiry: -1_700_000_000_000,
        name: None,
        skipped: None,
        list: vec![
            "\"quoted\" \\ back/slash".to_owned(),
            "é😀\n\t\u{1f}".to_owned(),
        ],
        flag: true,
        attributes: [("email", "a@b.c"), ("name", "")]
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect(),
    };
    // The same text, byte for byte: the browser escapes as serde_json does.
    assert_eq!(
        to_string(&shape).unwrap(),
        serde_json::to_string(&shape).unwrap()
    );

    // A request as the client writes it, secrets and all.
    let request = cognito_protocol::InitiateAuthRequest {
        auth_flow: "USER_PASSWORD_AUTH".to_owned(),
        auth_parameters: cognito_protocol::secret_map([
            ("USERNAME", "alice".to_owned()),
            ("PASSWORD", "p\"w".to_owned()),
        ]),
        client_id: "client".to_owned(),
        ..cognito_protocol::InitiateAuthRequest::default()
    };
    let written: serde_json::Value = serde_json::from_str(&to_string(&request).unwrap()).unwrap();
    let expected: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&request).unwrap()).unwrap();
    assert_eq!(written, expected);

    // A number JavaScript cannot hold exactly is refused, never rounded.
    assert!(to_string(&(1_u64 << 60)).is_err());
}

#[wasm_bindgen_test]
fn base64_by_the_browser_as_the_base64_crate_does_it() {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use cognito_srp::base64::{decode, encode};

    // Every byte value, and every length's padding.
    let bytes: Vec<u8> = (0..=255).rev().collect();
    for length in [0, 1, 2, 3, 4, 40, 256] {
        let written = encode(&bytes[..length]);
        assert_eq!(written, STANDARD.encode(&bytes[..length]));
        assert_eq!(decode(&written).as_deref(), Some(&bytes[..length]));
    }
    // What is not base64 is refused, as the crate refuses it.
    for refused in ["abc!", "Q29nbml0bw=\u{e9}", "=Q29n", "a"] {
        assert_eq!(decode(refused), None, "{refused} was read");
        assert!(STANDARD.decode(refused).is_err());
    }
    // A signed-in session's claims come through the same decoder (base64url made standard).
    let payload = r#"{"exp":1,"cognito:username":"élodie?>"}"#;
    let jwt = format!(
        "e30.{}.sig",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(payload)
    );
    let claims: cognito_auth::Claims = cognito_auth::jwt_claims(&jwt).unwrap();
    assert_eq!(claims.cognito_username.as_deref(), Some("élodie?>"));
    assert!(cognito_auth::jwt_claims::<cognito_auth::Claims>("e30.ab+/.sig").is_none());
}
