//! Nothing a server sends makes the client panic: malformed, truncated, oversized and
//! ill-typed answers to every call become `AuthError`s.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::collections::VecDeque;

use cognito_auth::{
    AuthConfig, AuthError, AuthFlow, CognitoAuth, ConfirmSignInInput, Environment, KeyValueStorage,
    MemoryStorage, SignInInput, Transport,
};

/// Answers each request with the next canned `(status, body)`.
struct Scripted(RefCell<VecDeque<(u16, String)>>);

impl Transport for Scripted {
    async fn post(
        &self,
        _endpoint: &str,
        _operation: &str,
        _body: String,
    ) -> Result<(u16, String), AuthError> {
        self.0
            .borrow_mut()
            .pop_front()
            .ok_or_else(|| AuthError::Network("no more answers".to_owned()))
    }
}

fn auth(answers: Vec<(u16, String)>, state: MemoryStorage) -> CognitoAuth<Scripted, MemoryStorage> {
    auth_with(answers, MemoryStorage::default(), state)
}

fn auth_with(
    answers: Vec<(u16, String)>,
    tokens: MemoryStorage,
    state: MemoryStorage,
) -> CognitoAuth<Scripted, MemoryStorage> {
    let config = AuthConfig::new("us-east-1_Pool", "client")
        .unwrap()
        .with_endpoint("http://127.0.0.1:1/")
        .unwrap();
    let environment = Environment {
        now_ms: Box::new(|| 1_795_000_000_000),
        random: Box::new(|buffer| buffer.fill(7)),
    };
    CognitoAuth::new(
        config,
        Scripted(RefCell::new(answers.into())),
        tokens,
        state,
        environment,
    )
}

/// A JWT-shaped token with this payload (the signature is not checked by a client).
fn jwt(payload: &str) -> String {
    use base64::Engine;
    let encode = |text: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text);
    format!("{}.{}.c2ln", encode(r#"{"alg":"RS256"}"#), encode(payload))
}

fn tokens_answer(access: &str, id: &str) -> (u16, String) {
    let body = serde_json::json!({
        "AuthenticationResult": {
            "AccessToken": jwt(access), "IdToken": jwt(id), "RefreshToken": "r",
            "ExpiresIn": 3600, "TokenType": "Bearer",
        },
        "ChallengeParameters": {},
    });
    (200, body.to_string())
}

const N_HEX: &str = cognito_srp::N_HEX;

fn hostile_bodies() -> Vec<(u16, String)> {
    let long = "A".repeat(100_000);
    [
        (200, String::new()),
        (200, "not json".to_owned()),
        (200, "null".to_owned()),
        (200, "[]".to_owned()),
        (200, "{}".to_owned()),
        (200, r#"{"ChallengeName":"UNHEARD_OF"}"#.to_owned()),
        (200, r#"{"ChallengeName":"CUSTOM_CHALLENGE"}"#.to_owned()),
        (200, r#"{"ChallengeName":"CUSTOM_CHALLENGE","Session":7}"#.to_owned()),
        (200, r#"{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{}}"#.to_owned()),
        (200, format!(r#"{{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{{"SALT":"zz","SRP_B":"{N_HEX}","SECRET_BLOCK":"!!","USER_ID_FOR_SRP":"a"}}}}"#)),
        (200, format!(r#"{{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{{"SALT":"ab","SRP_B":"{N_HEX}","SECRET_BLOCK":"AA==","USER_ID_FOR_SRP":"a"}}}}"#)),
        (200, format!(r#"{{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{{"SALT":"{long}","SRP_B":"0","SECRET_BLOCK":"{long}","USER_ID_FOR_SRP":"{long}"}}}}"#)),
        (200, r#"{"AuthenticationResult":{"AccessToken":"x","IdToken":"y","ExpiresIn":1,"TokenType":"Bearer"}}"#.to_owned()),
        (200, r#"{"AuthenticationResult":{"AccessToken":"a.bm90IGpzb24.c","IdToken":"y","ExpiresIn":-1,"TokenType":"Bearer"}}"#.to_owned()),
        (200, r#"{"AuthenticationResult":{"AccessToken":"a.eyJ1c2VybmFtZSI6NX0.c","IdToken":"y","ExpiresIn":1,"TokenType":"Bearer"}}"#.to_owned()),
        (200, r#"{"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"s","ChallengeParameters":{"requiredAttributes":"{not a list"}}"#.to_owned()),
        (200, r#"{"ChallengeName":"SELECT_CHALLENGE","Session":"s","AvailableChallenges":"WEB_AUTHN"}"#.to_owned()),
        (200, r#"{"ChallengeName":"SELECT_CHALLENGE","Session":"s","AvailableChallenges":["NOT_A_FACTOR"]}"#.to_owned()),
        (200, r#"{"ChallengeName":"SELECT_CHALLENGE","Session":"s","ChallengeParameters":{"cognitoAuth.availableChallenges":"{"}}"#.to_owned()),
        (200, r#"{"ChallengeName":"DEVICE_SRP_AUTH","Session":"s","ChallengeParameters":{"USERNAME":"alice"}}"#.to_owned()),
        (200, r#"{"ChallengeName":"DEVICE_PASSWORD_VERIFIER","Session":"s","ChallengeParameters":{}}"#.to_owned()),
        (200, r#"{"ChallengeName":"WEB_AUTHN","Session":"s","ChallengeParameters":{}}"#.to_owned()),
        (200, r#"{"ChallengeName":"WEB_AUTHN","Session":"s","ChallengeParameters":{"CREDENTIAL_REQUEST_OPTIONS":"{]"}}"#.to_owned()),
        (200, r#"{"ChallengeName":"MFA_SETUP","Session":"s","ChallengeParameters":{"MFAS_CAN_SETUP":"[\"SOFTWARE_TOKEN_MFA\"]"}}"#.to_owned()),
        (200, r#"{"ChallengeName":"MFA_SETUP","Session":"s","ChallengeParameters":{"MFAS_CAN_SETUP":"[5]"}}"#.to_owned()),
        (200, r#"{"ChallengeName":"SELECT_MFA_TYPE","Session":"s","ChallengeParameters":{"MFAS_CAN_CHOOSE":"nope"}}"#.to_owned()),
        (200, r#"{"ChallengeName":"EMAIL_OTP","Session":"s","ChallengeParameters":{"CODE_DELIVERY_DESTINATION":"\u0000"}}"#.to_owned()),
        (200, r#"{"SecretCode":5,"Session":[]}"#.to_owned()),
        (200, r#"{"Devices":[{"DeviceKey":null}],"PaginationToken":7}"#.to_owned()),
        (200, r#"{"Credentials":"all","NextToken":"again"}"#.to_owned()),
        (200, r#"{"CredentialCreationOptions":"{\"challenge\":5}"}"#.to_owned()),
        (200, r#"{"UserConfirmed":"yes","CodeDeliveryDetails":[]}"#.to_owned()),
        (200, r#"{"UserAttributes":[{"Name":5}],"UserMFASettingList":"TOTP"}"#.to_owned()),
        (400, String::new()),
        (400, r#"{"__type":5}"#.to_owned()),
        (500, "<html>oops</html>".to_owned()),
        (503, long),
        (302, "{}".to_owned()),
    ]
    .into_iter()
    .collect()
}

#[tokio::test(flavor = "current_thread")]
async fn malformed_answers_are_errors_not_panics() {
    for flow in [
        AuthFlow::UserSrpAuth,
        AuthFlow::UserPasswordAuth,
        AuthFlow::CustomWithoutSrp,
        AuthFlow::CustomWithSrp,
        AuthFlow::UserAuth,
    ] {
        for (first, second) in hostile_bodies()
            .into_iter()
            .zip(hostile_bodies().into_iter().rev())
        {
            let state = MemoryStorage::default();
            let client = auth(
                vec![first.clone(), second.clone(), first.clone()],
                state.clone(),
            );
            let input = match flow {
                AuthFlow::CustomWithoutSrp => SignInInput::passwordless("alice"),
                AuthFlow::UserAuth => SignInInput::user_auth("alice", None),
                _ => SignInInput::with_password("alice", "pw").flow(flow),
            };
            // Whatever happens, it returns.
            let _ = client.sign_in(input).await;
            for answer in ["x", "WEB_AUTHN", "PASSWORD_SRP", "TOTP", "EMAIL"] {
                let _ = client
                    .confirm_sign_in(ConfirmSignInInput::answer(answer))
                    .await;
            }
            let _ = client.pending_sign_in();
            let _ = client.fetch_session().await;
            let _ = client.sign_out().await;
            let _ = client.sign_out_global().await;
            let _ = state.get("CognitoSignInState.signInSession");
        }
    }
}

/// Signed in, every other operation meets every hostile answer and returns.
#[tokio::test(flavor = "current_thread")]
async fn every_operation_survives_hostile_answers() {
    let good = r#"{"username":"alice","iat":1795000000,"exp":1795003600,"origin_jti":"j"}"#;
    for hostile in hostile_bodies() {
        let mut answers = vec![tokens_answer(good, good)];
        answers.extend(std::iter::repeat_n(hostile, 30));
        let client = auth(answers, MemoryStorage::default());
        client
            .sign_in(SignInInput::with_password("alice", "pw").flow(AuthFlow::UserPasswordAuth))
            .await
            .unwrap();
        let _ = client.fetch_devices().await;
        let _ = client.remember_device().await;
        let _ = client.forget_device(Some("us-east-1_device")).await;
        let _ = client.list_webauthn_credentials().await;
        let _ = client.associate_webauthn_credential().await;
        let _ = client.delete_webauthn_credential("id").await;
        let _ = client.fetch_user_attributes().await;
        let _ = client
            .update_user_attributes(&[("email".to_owned(), "a@b.c".to_owned())].into())
            .await;
        let _ = client.send_user_attribute_verification_code("email").await;
        let _ = client.confirm_user_attribute("email", "1").await;
        let _ = client.set_up_totp().await;
        let _ = client.verify_totp_setup("1", None).await;
        let _ = client.fetch_mfa_preference().await;
        let _ = client.update_password("a", "b").await;
        let _ = client
            .sign_up(cognito_auth::SignUpInput {
                username: "bob".to_owned(),
                auto_sign_in: true,
                ..Default::default()
            })
            .await;
        let _ = client.confirm_sign_up("bob", "1").await;
        let _ = client.auto_sign_in().await;
        let _ = client.resend_sign_up_code("bob").await;
        let _ = client.reset_password("bob").await;
        let _ = client.confirm_reset_password("bob", "1", "pw").await;
    }
}

/// Tokens whose times or shape cannot be trusted are refused before anything is stored: a hostile
/// `exp` or `iat` cannot overflow the client's arithmetic, and leaves no token behind.
#[tokio::test(flavor = "current_thread")]
async fn hostile_tokens_are_never_stored() {
    let good = r#"{"username":"alice","iat":1795000000,"exp":1795003600,"origin_jti":"j"}"#;
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut answers = vec![
        tokens_answer(
            r#"{"username":"alice","iat":1795000000,"exp":9223372036854775807}"#,
            good,
        ),
        tokens_answer(
            r#"{"username":"alice","iat":9223372036854775807,"exp":1795003600}"#,
            good,
        ),
        tokens_answer(
            r#"{"username":"alice","iat":-9223372036854775808,"exp":1795003600}"#,
            good,
        ),
        tokens_answer(r#"{"username":"alice","exp":-9223372036854775808}"#, good),
        tokens_answer(r#"{"username":"alice","exp":1e400}"#, good),
        tokens_answer(r#"{"username":"alice","exp":"tomorrow"}"#, good),
        tokens_answer(r#"{"username":["alice"],"exp":1795003600}"#, good),
        tokens_answer(good, r#"{"exp":9223372036854775807}"#),
        tokens_answer(good, "not json"),
        (200, format!(r#"{{"AuthenticationResult":{nested}}}"#)),
        (200, r#"{"AuthenticationResult":{"AccessToken":"\ud800","IdToken":"x","ExpiresIn":1,"TokenType":"Bearer"}}"#.to_owned()),
        (200, format!(r#"{{"AuthenticationResult":{{"AccessToken":"a","IdToken":"b","ExpiresIn":1{},"TokenType":"Bearer"}}}}"#, "0".repeat(10_000))),
    ];
    // The same token, well formed, is stored: the checks above are what refused the others.
    answers.push(tokens_answer(good, good));
    let count = answers.len();
    for (index, answer) in answers.into_iter().enumerate() {
        let tokens = MemoryStorage::default();
        let client = auth_with(vec![answer], tokens.clone(), MemoryStorage::default());
        let outcome = client
            .sign_in(SignInInput::with_password("alice", "pw").flow(AuthFlow::UserPasswordAuth))
            .await;
        if index + 1 == count {
            assert!(outcome.is_ok(), "{outcome:?}");
            assert!(!tokens.snapshot().is_empty());
        } else {
            assert!(outcome.is_err(), "answer {index} was accepted");
            assert!(
                tokens.snapshot().is_empty(),
                "answer {index} left {:?}",
                tokens.snapshot().keys().collect::<Vec<_>>()
            );
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn service_errors_keep_cognito_type_and_message() {
    let body = r#"{"__type":"com.amazonaws.cognito#NotAuthorizedException","message":"Password attempts exceeded"}"#;
    let client = auth(vec![(400, body.to_owned())], MemoryStorage::default());
    let error = client
        .sign_in(SignInInput::with_password("alice", "pw").flow(AuthFlow::UserPasswordAuth))
        .await
        .unwrap_err();
    assert!(error.is_not_authorized());
    assert_eq!(error.message(), Some("Password attempts exceeded"));
    let reset = r#"{"__type":"PasswordResetRequiredException","message":"Password reset required for the user"}"#;
    let client = auth(vec![(400, reset.to_owned())], MemoryStorage::default());
    let output = client
        .sign_in(SignInInput::with_password("alice", "pw").flow(AuthFlow::UserPasswordAuth))
        .await
        .unwrap();
    assert_eq!(output.next_step, cognito_auth::NextStep::ResetPassword);
}
