//! The client natively against a running local-cognito (in-process, demo pools, a shared
//! clock the test moves): every flow and error path.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use cognito_auth::{
    AuthError, AuthFlow, ConfirmSignInInput, ExposeSecret, MemoryStorage, NextStep, SignInInput,
};
use support::{DEMO_CLIENT, DEMO_POOL, Pool, client, client_with, start_pool, workspace};

fn incorrect() -> AuthError {
    AuthError::Service {
        kind: "NotAuthorizedException".to_owned(),
        message: "Incorrect username or password.".to_owned(),
    }
}

#[tokio::test]
async fn srp_sign_in_stores_tokens_under_amplify_keys() {
    let pool = start_pool().await;
    let tokens = MemoryStorage::default();
    let auth = client_with(
        &pool,
        DEMO_POOL,
        DEMO_CLIENT,
        tokens.clone(),
        MemoryStorage::default(),
    );
    // A and a prepared while the password is typed are used by the sign-in (once).
    auth.prepare_srp().unwrap();
    let output = auth
        .sign_in(SignInInput::with_password("alice", "Passw0rd!alice"))
        .await
        .unwrap();
    assert!(output.is_signed_in);
    assert_eq!(output.next_step, NextStep::Done);
    let stored = tokens.snapshot();
    let prefix = format!("CognitoIdentityServiceProvider.{DEMO_CLIENT}");
    assert_eq!(
        stored
            .get(&format!("{prefix}.LastAuthUser"))
            .map(String::as_str),
        Some("alice")
    );
    for name in ["idToken", "accessToken", "refreshToken", "clockDrift"] {
        assert!(
            stored.contains_key(&format!("{prefix}.alice.{name}")),
            "{name} missing: {stored:?}"
        );
    }
    let session = auth.fetch_session().await.unwrap().expect("signed in");
    assert_eq!(session.id_claims()["cognito:username"], "alice");
    assert_eq!(session.id_claims()["email"], "alice@example.com");
    assert_eq!(
        auth.sign_in(SignInInput::with_password("alice", "Passw0rd!alice"))
            .await,
        Err(AuthError::UserAlreadyAuthenticated)
    );
}

#[tokio::test]
async fn wrong_password_and_bad_inputs_are_errors() {
    let pool = start_pool().await;
    let auth = client(&pool, DEMO_POOL, DEMO_CLIENT);
    assert_eq!(
        auth.sign_in(SignInInput::with_password("alice", "Wrong!pass1"))
            .await,
        Err(incorrect())
    );
    let plain = SignInInput::with_password("alice", "Wrong!pass1").flow(AuthFlow::UserPasswordAuth);
    assert_eq!(auth.sign_in(plain).await, Err(incorrect()));
    let passwordless_with_password =
        SignInInput::with_password("alice", "x").flow(AuthFlow::CustomWithoutSrp);
    assert_eq!(
        auth.sign_in(passwordless_with_password).await,
        Err(AuthError::CustomAuthSignInPassword)
    );
    assert_eq!(
        auth.sign_in(SignInInput {
            username: "alice".to_owned(),
            ..SignInInput::default()
        })
        .await,
        Err(AuthError::EmptyPassword)
    );
    assert_eq!(
        auth.sign_in(SignInInput::passwordless(" ")).await,
        Err(AuthError::EmptyUsername)
    );
    assert_eq!(
        auth.confirm_sign_in(ConfirmSignInInput::answer("5")).await,
        Err(AuthError::NoSignInInProgress)
    );
    assert!(auth.fetch_session().await.unwrap().is_none());
}

#[tokio::test]
async fn every_flow_signs_in() {
    let pool = start_pool().await;
    let password = client(&pool, DEMO_POOL, DEMO_CLIENT);
    let output = password
        .sign_in(
            SignInInput::with_password("alice", "Passw0rd!alice").flow(AuthFlow::UserPasswordAuth),
        )
        .await
        .unwrap();
    assert!(output.is_signed_in);

    let passwordless = client(
        &pool,
        "us-east-1_GuideCaptcha",
        "guidecaptchaclient00000001",
    );
    let output = passwordless
        .sign_in(SignInInput::passwordless("alice"))
        .await
        .unwrap();
    let NextStep::ConfirmSignInWithCustomChallenge { additional_info } = output.next_step else {
        panic!("{output:?}")
    };
    assert_eq!(additional_info["captchaUrl"], "url/123.jpg");
    assert!(!additional_info.contains_key("answer"));
    assert!(
        passwordless
            .confirm_sign_in(ConfirmSignInInput::answer("5"))
            .await
            .unwrap()
            .is_signed_in
    );

    let srp_then_custom = client(
        &pool,
        "us-east-1_GuideSrpCaptcha",
        "guidesrpcaptchaclient00001",
    );
    let output = srp_then_custom
        .sign_in(
            SignInInput::with_password("alice", "Passw0rd!alice").flow(AuthFlow::CustomWithSrp),
        )
        .await
        .unwrap();
    assert!(
        matches!(
            output.next_step,
            NextStep::ConfirmSignInWithCustomChallenge { .. }
        ),
        "{output:?}"
    );
    assert!(
        srp_then_custom
            .confirm_sign_in(ConfirmSignInInput::answer("5"))
            .await
            .unwrap()
            .is_signed_in
    );
}

/// A pool whose Define allows retries (built-in) and whose Create always asks "5".
async fn retry_pool(pool: &Pool) -> (String, String) {
    let create = workspace().join("demo/triggers/test/create-auth-challenge-after-srp.mjs");
    let verify = workspace().join("demo/triggers/guide/verify-auth-challenge-response.mjs");
    let request = serde_json::json!({
        "PoolName": "retries",
        "LambdaConfig": {
            "DefineAuthChallenge": "builtin:captcha-define",
            "CreateAuthChallenge": format!("node:{}", create.display()),
            "VerifyAuthChallengeResponse": format!("node:{}", verify.display()),
        },
    });
    let created = pool
        .service
        .create_user_pool(serde_json::from_value(request).unwrap(), "us-east-1", None)
        .unwrap();
    let pool_id = created["UserPool"]["Id"].as_str().unwrap().to_owned();
    let client = pool
        .service
        .create_user_pool_client(
            serde_json::from_value(serde_json::json!({ "UserPoolId": pool_id })).unwrap(),
            None,
        )
        .unwrap();
    let client_id = client["UserPoolClient"]["ClientId"]
        .as_str()
        .unwrap()
        .to_owned();
    let user = pool
        .service
        .new_user(
            &pool.service.pool(&pool_id).unwrap(),
            "alice",
            &[],
            local_cognito::model::UserStatus::Confirmed,
            Some("Passw0rd!alice"),
        )
        .unwrap();
    pool.service.store.insert_user(&user).unwrap();
    (pool_id, client_id)
}

#[tokio::test]
async fn wrong_answer_then_right_answer() {
    let pool = start_pool().await;
    let (pool_id, client_id) = retry_pool(&pool).await;
    let auth = client(&pool, &pool_id, &client_id);
    auth.sign_in(SignInInput::passwordless("alice"))
        .await
        .unwrap();
    let retry = auth
        .confirm_sign_in(ConfirmSignInInput::answer("4"))
        .await
        .unwrap();
    assert!(
        matches!(
            retry.next_step,
            NextStep::ConfirmSignInWithCustomChallenge { .. }
        ),
        "a new challenge, not an error: {retry:?}"
    );
    assert!(
        auth.confirm_sign_in(ConfirmSignInInput::answer("5"))
            .await
            .unwrap()
            .is_signed_in
    );
}

#[tokio::test]
async fn sign_in_survives_a_reload_but_not_its_expiry() {
    let pool = start_pool().await;
    let state = MemoryStorage::default();
    let before = client_with(
        &pool,
        "us-east-1_GuideCaptcha",
        "guidecaptchaclient00000001",
        MemoryStorage::default(),
        state.clone(),
    );
    before
        .sign_in(SignInInput::passwordless("alice"))
        .await
        .unwrap();
    assert!(
        state
            .snapshot()
            .contains_key("CognitoSignInState.signInSession")
    );
    // A reload: a new client over the same session storage carries on.
    let after = client_with(
        &pool,
        "us-east-1_GuideCaptcha",
        "guidecaptchaclient00000001",
        MemoryStorage::default(),
        state.clone(),
    );
    assert!(
        after
            .confirm_sign_in(ConfirmSignInInput::answer("5"))
            .await
            .unwrap()
            .is_signed_in
    );

    let late = client(
        &pool,
        "us-east-1_GuideCaptcha",
        "guidecaptchaclient00000001",
    );
    late.sign_in(SignInInput::passwordless("alice"))
        .await
        .unwrap();
    pool.clock.advance(181.0);
    assert_eq!(
        late.confirm_sign_in(ConfirmSignInInput::answer("5")).await,
        Err(AuthError::NoSignInInProgress)
    );
}

#[tokio::test]
async fn migration_and_new_password() {
    let pool = start_pool().await;
    let migrating = client(&pool, DEMO_POOL, DEMO_CLIENT);
    let input =
        SignInInput::with_password("legacy", "Legacy-Passw0rd!").flow(AuthFlow::UserPasswordAuth);
    assert!(migrating.sign_in(input).await.unwrap().is_signed_in);
    let srp = client(&pool, DEMO_POOL, DEMO_CLIENT);
    assert!(
        srp.sign_in(SignInInput::with_password("legacy", "Legacy-Passw0rd!"))
            .await
            .unwrap()
            .is_signed_in
    );

    let newbie = client(&pool, DEMO_POOL, DEMO_CLIENT);
    let output = newbie
        .sign_in(SignInInput::with_password("newbie", "Temp0rary!pass"))
        .await
        .unwrap();
    assert!(
        matches!(
            output.next_step,
            NextStep::ConfirmSignInWithNewPasswordRequired { .. }
        ),
        "{output:?}"
    );
    assert!(
        newbie
            .confirm_sign_in(ConfirmSignInInput::answer("Brand-N3w!pass"))
            .await
            .unwrap()
            .is_signed_in
    );
}

#[tokio::test]
async fn refresh_revoke_and_global_sign_out() {
    let pool = start_pool().await;
    let auth = client(&pool, DEMO_POOL, DEMO_CLIENT);
    auth.sign_in(SignInInput::with_password("alice", "Passw0rd!alice"))
        .await
        .unwrap();
    let first = auth.fetch_session().await.unwrap().unwrap();
    pool.clock.advance(3600.0 - 200.0);
    let refreshed = auth.fetch_session().await.unwrap().expect("refreshed");
    assert_ne!(
        refreshed.tokens.access_token.expose_secret(),
        first.tokens.access_token.expose_secret()
    );
    assert!(refreshed.expires_at > first.expires_at);

    // sign_out revokes: the old access token no longer works.
    let access = refreshed.tokens.access_token.clone();
    auth.sign_out().await.unwrap();
    assert!(auth.fetch_session().await.unwrap().is_none());
    let request = cognito_protocol::AccessTokenRequest {
        access_token: access,
    };
    assert!(pool.service.get_user(&request).is_err());

    // Global sign-out from one device signs the other out too.
    let laptop = client(&pool, DEMO_POOL, DEMO_CLIENT);
    let phone = client(&pool, DEMO_POOL, DEMO_CLIENT);
    laptop
        .sign_in(SignInInput::with_password("alice", "Passw0rd!alice"))
        .await
        .unwrap();
    phone
        .sign_in(SignInInput::with_password("alice", "Passw0rd!alice"))
        .await
        .unwrap();
    laptop.sign_out_global().await.unwrap();
    pool.clock.advance(3600.0 - 200.0);
    assert!(
        phone.fetch_session().await.unwrap().is_none(),
        "the phone's refresh token was revoked"
    );
}
