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
        MemoryStorage::default(),
        state,
        environment,
    )
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
                _ => SignInInput::with_password("alice", "pw").flow(flow),
            };
            // Whatever happens, it returns.
            let _ = client.sign_in(input).await;
            let _ = client
                .confirm_sign_in(ConfirmSignInInput::answer("x"))
                .await;
            let _ = client.fetch_session().await;
            let _ = client.sign_out().await;
            let _ = client.sign_out_global().await;
            let _ = state.get("CognitoSignInState.signInSession");
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
