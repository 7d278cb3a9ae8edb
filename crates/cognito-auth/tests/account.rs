//! Account operations natively against local-cognito, each error path with Cognito's exception:
//! sign-up (with and without a password) and auto sign-in, reset, password change, attributes
//! and their verification, TOTP set-up and MFA preferences.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use cognito_auth::{
    AuthError, AuthFactor, AuthFlow, ConfirmSignInInput, MfaPreference, MfaType, NextStep,
    ResetPasswordStep, SignInInput, SignUpInput, SignUpStep, UpdateAttributeStep,
    UpdateMfaPreferenceInput,
};
use support::{Pool, client, latest_code, start_pool, totp_code};

const PASSWORDLESS: (&str, &str) = ("us-east-1_Passwordless", "passwordlessclient00000001");
const MFA: (&str, &str) = ("us-east-1_MfaRequired", "mfarequiredclient000000001");
const MAX_SECRET: &str = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF";

fn kind(error: &AuthError) -> &str {
    match error {
        AuthError::Service { kind, .. } => kind,
        other => panic!("not a service error: {other:?}"),
    }
}

fn passwordless(pool: &Pool) -> support::Client {
    client(pool, PASSWORDLESS.0, PASSWORDLESS.1)
}

fn sign_up_input(username: &str, password: Option<&str>) -> SignUpInput {
    SignUpInput {
        username: username.to_owned(),
        password: password.map(Into::into),
        user_attributes: [("email".to_owned(), format!("{username}@example.com"))].into(),
        auto_sign_in: true,
        ..SignUpInput::default()
    }
}

async fn signed_in_as_ada(pool: &Pool) -> support::Client {
    let auth = passwordless(pool);
    let input = SignInInput::with_password("ada", "Passw0rd!ada")
        .flow(AuthFlow::UserAuth)
        .preferring(AuthFactor::Password);
    assert!(auth.sign_in(input).await.unwrap().is_signed_in);
    auth
}

#[tokio::test]
async fn sign_up_with_a_password_confirm_and_sign_in_automatically() {
    let pool = start_pool().await;
    let auth = passwordless(&pool);
    let output = auth
        .sign_up(sign_up_input("rosa", Some("Passw0rd!rosa")))
        .await
        .unwrap();
    assert!(!output.is_sign_up_complete);
    assert!(output.user_id.is_some());
    let SignUpStep::ConfirmSignUp {
        code_delivery_details: Some(details),
    } = &output.next_step
    else {
        panic!("{output:?}")
    };
    assert_eq!(details.destination.as_deref(), Some("r***@e***.com"));
    // A second code, and a wrong code, before the right one.
    auth.resend_sign_up_code("rosa").await.unwrap();
    let wrong = auth.confirm_sign_up("rosa", "000000").await.unwrap_err();
    assert_eq!(kind(&wrong), "CodeMismatchException");
    let code = latest_code(&pool, PASSWORDLESS.0, "rosa");
    let confirmed = auth.confirm_sign_up("rosa", &code).await.unwrap();
    assert_eq!(confirmed.next_step, SignUpStep::CompleteAutoSignIn);
    let signed_in = auth.auto_sign_in().await.unwrap();
    assert_eq!(signed_in.next_step, NextStep::Done);
    let attributes = auth.fetch_user_attributes().await.unwrap();
    assert_eq!(attributes["email"], "rosa@example.com");
    // Once only.
    assert_eq!(
        auth.auto_sign_in().await.unwrap_err(),
        AuthError::NoAutoSignIn
    );
}

#[tokio::test]
async fn sign_up_without_a_password_then_sign_in_with_a_code() {
    let pool = start_pool().await;
    let auth = passwordless(&pool);
    auth.sign_up(sign_up_input("lena", None)).await.unwrap();
    let code = latest_code(&pool, PASSWORDLESS.0, "lena");
    auth.confirm_sign_up("lena", &code).await.unwrap();
    assert!(auth.auto_sign_in().await.unwrap().is_signed_in);
    auth.sign_out().await.unwrap();
    let output = auth
        .sign_in(SignInInput::user_auth("lena", None))
        .await
        .unwrap();
    let NextStep::ContinueSignInWithFirstFactorSelection {
        available_challenges,
    } = output.next_step
    else {
        panic!("{output:?}")
    };
    assert_eq!(available_challenges, vec![AuthFactor::EmailOtp]);
}

#[tokio::test]
async fn sign_up_errors_carry_cognitos_exceptions() {
    let pool = start_pool().await;
    let auth = passwordless(&pool);
    let taken = auth
        .sign_up(sign_up_input("ada", Some("Passw0rd!ada2")))
        .await
        .unwrap_err();
    assert_eq!(kind(&taken), "UsernameExistsException");
    let weak = auth
        .sign_up(sign_up_input("weakling", Some("short")))
        .await
        .unwrap_err();
    assert_eq!(kind(&weak), "InvalidPasswordException");
    auth.sign_up(sign_up_input("busy", Some("Passw0rd!busy")))
        .await
        .unwrap();
    // Codes are limited per hour.
    let mut limited = None;
    for _ in 0..6 {
        if let Err(error) = auth.resend_sign_up_code("busy").await {
            limited = Some(error);
            break;
        }
    }
    assert_eq!(kind(&limited.expect("limited")), "LimitExceededException");
    // An unconfirmed user's sign-in with a password becomes the ConfirmSignUp step (a code sent
    // to their address would sign them in, and confirm them).
    let input = SignInInput::with_password("busy", "Passw0rd!busy")
        .flow(AuthFlow::UserAuth)
        .preferring(AuthFactor::Password);
    let output = auth.sign_in(input).await.unwrap();
    assert_eq!(output.next_step, NextStep::ConfirmSignUp);
}

/// A sign-up code is good for 24 hours: after, `ExpiredCodeException`, and a new one works.
#[tokio::test]
async fn an_expired_sign_up_code_is_refused_and_a_new_one_works() {
    let pool = start_pool().await;
    let auth = passwordless(&pool);
    auth.sign_up(sign_up_input("late", None)).await.unwrap();
    let code = latest_code(&pool, PASSWORDLESS.0, "late");
    pool.clock.advance(25.0 * 3600.0);
    // A day later, on a fresh page: no sign-up session, only the code.
    let auth = passwordless(&pool);
    let expired = auth.confirm_sign_up("late", &code).await.unwrap_err();
    assert_eq!(kind(&expired), "ExpiredCodeException", "{expired:?}");
    auth.resend_sign_up_code("late").await.unwrap();
    let fresh = latest_code(&pool, PASSWORDLESS.0, "late");
    assert!(auth.confirm_sign_up("late", &fresh).await.is_ok());
}

#[tokio::test]
async fn reset_a_forgotten_password() {
    let pool = start_pool().await;
    let auth = passwordless(&pool);
    let step = auth.reset_password("ada").await.unwrap();
    let ResetPasswordStep::ConfirmResetPasswordWithCode {
        code_delivery_details: Some(details),
    } = step
    else {
        panic!("{step:?}")
    };
    assert_eq!(details.delivery_medium.as_deref(), Some("EMAIL"));
    let wrong = auth
        .confirm_reset_password("ada", "000000", "New!Passw0rd")
        .await
        .unwrap_err();
    assert_eq!(kind(&wrong), "CodeMismatchException");
    let code = latest_code(&pool, PASSWORDLESS.0, "ada");
    let weak = auth
        .confirm_reset_password("ada", &code, "weak")
        .await
        .unwrap_err();
    assert_eq!(kind(&weak), "InvalidPasswordException");
    auth.confirm_reset_password("ada", &code, "New!Passw0rd")
        .await
        .unwrap();
    let input = SignInInput::with_password("ada", "New!Passw0rd")
        .flow(AuthFlow::UserAuth)
        .preferring(AuthFactor::PasswordSrp);
    assert!(auth.sign_in(input).await.unwrap().is_signed_in);
}

#[tokio::test]
async fn change_the_password_and_the_attributes() {
    let pool = start_pool().await;
    let auth = signed_in_as_ada(&pool).await;
    let wrong = auth
        .update_password("not-it", "Other!Passw0rd")
        .await
        .unwrap_err();
    assert!(wrong.is_not_authorized(), "{wrong:?}");
    auth.update_password("Passw0rd!ada", "Other!Passw0rd")
        .await
        .unwrap();

    let steps = auth
        .update_user_attributes(
            &[
                ("name".to_owned(), "Ada L.".to_owned()),
                ("email".to_owned(), "ada@example.org".to_owned()),
            ]
            .into(),
        )
        .await
        .unwrap();
    assert_eq!(steps[1], ("name".to_owned(), UpdateAttributeStep::Done));
    assert!(
        matches!(
            &steps[0],
            (name, UpdateAttributeStep::ConfirmAttributeWithCode { .. }) if name == "email"
        ),
        "{steps:?}"
    );
    let attributes = auth.fetch_user_attributes().await.unwrap();
    assert_eq!(attributes["name"], "Ada L.");
    assert_eq!(attributes["email_verified"], "false");
    let wrong = auth
        .confirm_user_attribute("email", "000000")
        .await
        .unwrap_err();
    assert_eq!(kind(&wrong), "CodeMismatchException");
    auth.send_user_attribute_verification_code("email")
        .await
        .unwrap();
    let code = latest_code(&pool, PASSWORDLESS.0, "ada");
    auth.confirm_user_attribute("email", &code).await.unwrap();
    assert_eq!(
        auth.fetch_user_attributes().await.unwrap()["email_verified"],
        "true"
    );
    let unknown = auth
        .send_user_attribute_verification_code("name")
        .await
        .unwrap_err();
    assert_eq!(kind(&unknown), "InvalidParameterException");
}

#[tokio::test]
async fn set_up_an_authenticator_and_choose_the_preferred_factor() {
    let pool = start_pool().await;
    let auth = client(&pool, MFA.0, MFA.1);
    auth.sign_in(SignInInput::with_password("max", "Passw0rd!max"))
        .await
        .unwrap();
    auth.confirm_sign_in(ConfirmSignInInput::answer("TOTP"))
        .await
        .unwrap();
    let code = totp_code(&pool, MAX_SECRET);
    assert!(
        auth.confirm_sign_in(ConfirmSignInInput::answer(&code))
            .await
            .unwrap()
            .is_signed_in
    );
    let preferences = auth.fetch_mfa_preference().await.unwrap();
    assert_eq!(preferences.enabled, vec![MfaType::Totp, MfaType::Email]);
    assert_eq!(preferences.preferred, None);
    auth.update_mfa_preference(UpdateMfaPreferenceInput {
        email: Some(MfaPreference::Preferred),
        ..UpdateMfaPreferenceInput::default()
    })
    .await
    .unwrap();
    assert_eq!(
        auth.fetch_mfa_preference().await.unwrap().preferred,
        Some(MfaType::Email)
    );

    // A new authenticator app: a wrong code is refused, the right one accepted.
    let details = auth.set_up_totp().await.unwrap();
    let secret = cognito_auth::ExposeSecret::expose_secret(&details.shared_secret).to_owned();
    let wrong = auth.verify_totp_setup("000000", None).await.unwrap_err();
    assert_eq!(kind(&wrong), "EnableSoftwareTokenMFAException");
    pool.clock.advance(30.0);
    auth.verify_totp_setup(&totp_code(&pool, &secret), Some("phone"))
        .await
        .unwrap();
    auth.sign_out().await.unwrap();
    assert_eq!(
        auth.update_mfa_preference(UpdateMfaPreferenceInput::default())
            .await
            .unwrap_err(),
        AuthError::NotSignedIn
    );
}
