//! Every sign-in step of Amplify v6's vocabulary, natively against local-cognito: `USER_AUTH`
//! (a preferred factor, the choice, e-mail and SMS codes, the password in either form),
//! passkeys (a software authenticator), MFA (TOTP, SMS, e-mail, the choice, setting one up),
//! remembered devices, and refresh with rotation.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use cognito_auth::{
    AuthError, AuthFactor, CodeDeliveryDetails, ConfirmSignInInput, ExposeSecret, MemoryStorage,
    MfaType, NextStep, PasskeyError, SignInInput,
};
use support::soft_authenticator::SoftAuthenticator;
use support::{Pool, client, client_with, latest_code, start_pool, totp_code};

const PASSWORDLESS: (&str, &str) = ("us-east-1_Passwordless", "passwordlessclient00000001");
const MFA: (&str, &str) = ("us-east-1_MfaRequired", "mfarequiredclient000000001");
const TESS_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

fn answer(text: &str) -> ConfirmSignInInput {
    ConfirmSignInInput::answer(text)
}

fn kind(error: &AuthError) -> &str {
    match error {
        AuthError::Service { kind, .. } => kind,
        other => panic!("not a service error: {other:?}"),
    }
}

fn passwordless(pool: &Pool) -> support::Client {
    client(pool, PASSWORDLESS.0, PASSWORDLESS.1)
}

#[tokio::test]
async fn user_auth_offers_the_users_factors_and_an_email_code_signs_in() {
    let pool = start_pool().await;
    let auth = passwordless(&pool);
    let output = auth
        .sign_in(SignInInput::user_auth("ada", None))
        .await
        .unwrap();
    let NextStep::ContinueSignInWithFirstFactorSelection {
        available_challenges,
    } = output.next_step
    else {
        panic!("{output:?}")
    };
    for factor in [
        AuthFactor::EmailOtp,
        AuthFactor::SmsOtp,
        AuthFactor::Password,
    ] {
        assert!(
            available_challenges.contains(&factor),
            "{available_challenges:?}"
        );
    }
    assert!(
        !available_challenges.contains(&AuthFactor::WebAuthn),
        "ada has no passkey yet"
    );
    let sent = auth.confirm_sign_in(answer("EMAIL_OTP")).await.unwrap();
    assert_eq!(
        sent.next_step,
        NextStep::ConfirmSignInWithEmailCode {
            code_delivery_details: Some(CodeDeliveryDetails {
                delivery_medium: Some("EMAIL".to_owned()),
                destination: Some("a***@e***.com".to_owned()),
                attribute_name: None,
            })
        }
    );
    // A wrong code may be tried again in the same session.
    let wrong = auth.confirm_sign_in(answer("00000000")).await.unwrap_err();
    assert_eq!(kind(&wrong), "CodeMismatchException");
    let code = latest_code(&pool, PASSWORDLESS.0, "ada");
    assert_eq!(code.len(), 8);
    let done = auth.confirm_sign_in(answer(&code)).await.unwrap();
    assert!(done.is_signed_in);
    let session = auth.fetch_session().await.unwrap().unwrap();
    assert_eq!(session.id_claims()["cognito:username"], "ada");
}

#[tokio::test]
async fn a_preferred_factor_goes_straight_to_its_step() {
    let pool = start_pool().await;
    // A code by text message for sam, who has only a phone number.
    let sam = passwordless(&pool);
    let output = sam
        .sign_in(SignInInput::user_auth("sam", Some(AuthFactor::SmsOtp)))
        .await
        .unwrap();
    let NextStep::ConfirmSignInWithSmsCode {
        code_delivery_details: Some(details),
    } = output.next_step
    else {
        panic!("{output:?}")
    };
    assert_eq!(details.delivery_medium.as_deref(), Some("SMS"));
    let code = latest_code(&pool, PASSWORDLESS.0, "sam");
    assert!(
        sam.confirm_sign_in(answer(&code))
            .await
            .unwrap()
            .is_signed_in
    );

    // The password, inline, in either form.
    for factor in [AuthFactor::Password, AuthFactor::PasswordSrp] {
        let ada = passwordless(&pool);
        let input = SignInInput::with_password("ada", "Passw0rd!ada")
            .flow(cognito_auth::AuthFlow::UserAuth)
            .preferring(factor);
        let output = ada.sign_in(input).await.unwrap();
        assert_eq!(output.next_step, NextStep::Done, "{factor:?}");
    }
    // A password without a password factor is refused before anything is sent.
    let refused = passwordless(&pool)
        .sign_in(SignInInput::with_password("ada", "x").flow(cognito_auth::AuthFlow::UserAuth))
        .await;
    assert_eq!(
        refused.unwrap_err(),
        AuthError::PasswordWithoutPasswordFactor
    );
}

#[tokio::test]
async fn choosing_a_password_asks_for_it_and_a_wrong_one_ends_the_sign_in() {
    let pool = start_pool().await;
    for factor in ["PASSWORD_SRP", "PASSWORD"] {
        let auth = passwordless(&pool);
        auth.sign_in(SignInInput::user_auth("ada", None))
            .await
            .unwrap();
        let asked = auth.confirm_sign_in(answer(factor)).await.unwrap();
        assert_eq!(asked.next_step, NextStep::ConfirmSignInWithPassword);
        // The choice survives a reload.
        assert_eq!(
            auth.pending_sign_in().map(|(_, step)| step),
            Some(NextStep::ConfirmSignInWithPassword)
        );
        let done = auth.confirm_sign_in(answer("Passw0rd!ada")).await.unwrap();
        assert!(done.is_signed_in, "{factor}");
    }
    let auth = passwordless(&pool);
    auth.sign_in(SignInInput::user_auth("ada", Some(AuthFactor::Password)))
        .await
        .unwrap();
    let wrong = auth
        .confirm_sign_in(answer("Wrong!pass1"))
        .await
        .unwrap_err();
    assert!(wrong.is_not_authorized(), "{wrong:?}");
    assert_eq!(
        auth.confirm_sign_in(answer("Passw0rd!ada"))
            .await
            .unwrap_err(),
        AuthError::NoSignInInProgress
    );
    // A choice that was not offered is refused here.
    let grace = passwordless(&pool);
    grace
        .sign_in(SignInInput::user_auth("grace", None))
        .await
        .unwrap();
    assert_eq!(
        grace.confirm_sign_in(answer("TOTP")).await.unwrap_err(),
        AuthError::InvalidChoice("TOTP".to_owned())
    );
}

#[tokio::test]
async fn the_lite_plan_refuses_user_auth() {
    let pool = start_pool().await;
    let auth = client(&pool, "us-east-1_LitePlan", "liteplanclient000000000001");
    let error = auth
        .sign_in(SignInInput::user_auth("ada", Some(AuthFactor::EmailOtp)))
        .await
        .unwrap_err();
    assert_eq!(kind(&error), "FeatureUnavailableInTierException");
}

#[tokio::test]
async fn the_choice_survives_a_reload_with_its_factors() {
    let pool = start_pool().await;
    let state = MemoryStorage::default();
    let before = client_with(
        &pool,
        PASSWORDLESS.0,
        PASSWORDLESS.1,
        MemoryStorage::default(),
        state.clone(),
    );
    let first = before
        .sign_in(SignInInput::user_auth("grace", None))
        .await
        .unwrap();
    let after = client_with(
        &pool,
        PASSWORDLESS.0,
        PASSWORDLESS.1,
        MemoryStorage::default(),
        state,
    );
    assert_eq!(
        after.pending_sign_in(),
        Some(("grace".to_owned(), first.next_step))
    );
    after.confirm_sign_in(answer("EMAIL_OTP")).await.unwrap();
    let code = latest_code(&pool, PASSWORDLESS.0, "grace");
    assert!(
        after
            .confirm_sign_in(answer(&code))
            .await
            .unwrap()
            .is_signed_in
    );
}

#[tokio::test]
async fn a_passkey_is_registered_listed_signs_in_and_once_deleted_does_not() {
    let pool = start_pool().await;
    let auth =
        passwordless(&pool).with_authenticator(SoftAuthenticator::new("http://localhost:8080"));
    // Not signed in: nothing to register for.
    assert_eq!(
        auth.associate_webauthn_credential().await.unwrap_err(),
        AuthError::NotSignedIn
    );
    let password = SignInInput::with_password("ada", "Passw0rd!ada")
        .flow(cognito_auth::AuthFlow::UserAuth)
        .preferring(AuthFactor::Password);
    auth.sign_in(password).await.unwrap();
    auth.associate_webauthn_credential().await.unwrap();
    let listed = auth.list_webauthn_credentials().await.unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].relying_party_id.as_deref(), Some("localhost"));
    auth.sign_out().await.unwrap();

    // Preferred: the passkey is asked for and answered inside the library.
    let output = auth
        .sign_in(SignInInput::user_auth("ada", Some(AuthFactor::WebAuthn)))
        .await
        .unwrap();
    assert_eq!(output.next_step, NextStep::Done);
    auth.sign_out().await.unwrap();

    // Chosen: offered first, and answered.
    let output = auth
        .sign_in(SignInInput::user_auth("ada", None))
        .await
        .unwrap();
    let NextStep::ContinueSignInWithFirstFactorSelection {
        available_challenges,
    } = &output.next_step
    else {
        panic!("{output:?}")
    };
    assert_eq!(available_challenges.first(), Some(&AuthFactor::WebAuthn));
    // Cancelled, the person may choose again.
    auth.authenticator().cancel.set(true);
    assert_eq!(
        auth.confirm_sign_in(answer("WEB_AUTHN")).await.unwrap_err(),
        AuthError::Passkey(PasskeyError::Canceled)
    );
    auth.authenticator().cancel.set(false);
    assert!(
        auth.confirm_sign_in(answer("WEB_AUTHN"))
            .await
            .unwrap()
            .is_signed_in
    );

    auth.delete_webauthn_credential(&listed[0].credential_id)
        .await
        .unwrap();
    assert!(auth.list_webauthn_credentials().await.unwrap().is_empty());
    auth.sign_out().await.unwrap();
    let output = auth
        .sign_in(SignInInput::user_auth("ada", Some(AuthFactor::WebAuthn)))
        .await
        .unwrap();
    let NextStep::ContinueSignInWithFirstFactorSelection {
        available_challenges,
    } = &output.next_step
    else {
        panic!("{output:?}")
    };
    assert!(!available_challenges.contains(&AuthFactor::WebAuthn));
}

#[tokio::test]
async fn without_an_authenticator_a_passkey_is_not_supported() {
    let pool = start_pool().await;
    let auth = passwordless(&pool);
    auth.sign_in(
        SignInInput::with_password("ada", "Passw0rd!ada")
            .flow(cognito_auth::AuthFlow::UserAuth)
            .preferring(AuthFactor::Password),
    )
    .await
    .unwrap();
    assert_eq!(
        auth.associate_webauthn_credential().await.unwrap_err(),
        AuthError::Passkey(PasskeyError::NotSupported)
    );
}

fn mfa(pool: &Pool) -> support::Client {
    client(pool, MFA.0, MFA.1)
}

#[tokio::test]
async fn an_authenticator_code_signs_in_once() {
    let pool = start_pool().await;
    let auth = mfa(&pool);
    let output = auth
        .sign_in(SignInInput::with_password("tess", "Passw0rd!tess"))
        .await
        .unwrap();
    assert_eq!(output.next_step, NextStep::ConfirmSignInWithTotpCode);
    let code = totp_code(&pool, TESS_SECRET);
    assert!(
        auth.confirm_sign_in(answer(&code))
            .await
            .unwrap()
            .is_signed_in
    );
    auth.sign_out().await.unwrap();
    // The same code again (same 30 s window) is refused.
    let again = mfa(&pool);
    again
        .sign_in(SignInInput::with_password("tess", "Passw0rd!tess"))
        .await
        .unwrap();
    let reused = again.confirm_sign_in(answer(&code)).await.unwrap_err();
    assert_eq!(kind(&reused), "CodeMismatchException", "{reused:?}");
}

#[tokio::test]
async fn mfa_choice_then_an_email_code() {
    let pool = start_pool().await;
    let auth = mfa(&pool);
    let output = auth
        .sign_in(SignInInput::with_password("max", "Passw0rd!max"))
        .await
        .unwrap();
    assert_eq!(
        output.next_step,
        NextStep::ContinueSignInWithMfaSelection {
            allowed_mfa_types: vec![MfaType::Totp, MfaType::Email]
        }
    );
    let sent = auth.confirm_sign_in(answer("EMAIL")).await.unwrap();
    assert!(
        matches!(sent.next_step, NextStep::ConfirmSignInWithEmailCode { .. }),
        "{sent:?}"
    );
    let code = latest_code(&pool, MFA.0, "max");
    assert!(
        auth.confirm_sign_in(answer(&code))
            .await
            .unwrap()
            .is_signed_in
    );
}

#[tokio::test]
async fn an_sms_code_as_second_factor() {
    let pool = start_pool().await;
    let auth = mfa(&pool);
    let output = auth
        .sign_in(SignInInput::with_password("sid", "Passw0rd!sid"))
        .await
        .unwrap();
    let NextStep::ConfirmSignInWithSmsCode {
        code_delivery_details: Some(details),
    } = output.next_step
    else {
        panic!("{output:?}")
    };
    assert_eq!(details.delivery_medium.as_deref(), Some("SMS"));
    let code = latest_code(&pool, MFA.0, "sid");
    assert!(
        auth.confirm_sign_in(answer(&code))
            .await
            .unwrap()
            .is_signed_in
    );
}

#[tokio::test]
async fn setting_up_an_authenticator_app_while_signing_in() {
    let pool = start_pool().await;
    let auth = mfa(&pool);
    let output = auth
        .sign_in(SignInInput::with_password("eve", "Passw0rd!eve"))
        .await
        .unwrap();
    let NextStep::ContinueSignInWithMfaSetupSelection { allowed_mfa_types } = &output.next_step
    else {
        panic!("{output:?}")
    };
    assert!(
        allowed_mfa_types.contains(&MfaType::Totp),
        "{allowed_mfa_types:?}"
    );
    let setup = auth.confirm_sign_in(answer("TOTP")).await.unwrap();
    let NextStep::ContinueSignInWithTotpSetup { totp_setup_details } = &setup.next_step else {
        panic!("{setup:?}")
    };
    let secret = totp_setup_details.shared_secret.expose_secret().to_owned();
    assert!(
        !format!("{setup:?}").contains(&secret),
        "Debug prints the secret"
    );
    let uri = totp_setup_details.setup_uri("My App", "eve@example.com");
    assert_eq!(
        uri,
        format!("otpauth://totp/My%20App:eve%40example.com?secret={secret}&issuer=My%20App")
    );
    // After a reload, the set-up starts again from the choice (the secret is not kept).
    assert!(matches!(
        auth.pending_sign_in(),
        Some((_, NextStep::ContinueSignInWithMfaSetupSelection { .. }))
    ));
    let done = auth
        .confirm_sign_in(answer(&totp_code(&pool, &secret)))
        .await
        .unwrap();
    assert!(done.is_signed_in);
    let preferences = auth.fetch_mfa_preference().await.unwrap();
    assert_eq!(preferences.enabled, vec![MfaType::Totp]);
}

#[tokio::test]
async fn setting_up_email_codes_while_signing_in() {
    let pool = start_pool().await;
    let auth = mfa(&pool);
    auth.sign_in(SignInInput::with_password("ivy", "Passw0rd!ivy"))
        .await
        .unwrap();
    let asked = auth.confirm_sign_in(answer("EMAIL")).await.unwrap();
    assert_eq!(asked.next_step, NextStep::ContinueSignInWithEmailSetup);
    let sent = auth
        .confirm_sign_in(answer("ivy@example.com"))
        .await
        .unwrap();
    assert!(
        matches!(sent.next_step, NextStep::ConfirmSignInWithEmailCode { .. }),
        "{sent:?}"
    );
    let code = latest_code(&pool, MFA.0, "ivy");
    assert!(
        auth.confirm_sign_in(answer(&code))
            .await
            .unwrap()
            .is_signed_in
    );
}

/// The device is confirmed at the first sign-in and stored under Amplify's keys; remembered, it
/// stands in for the authenticator code on the next sign-in; forgotten, the code is asked again.
#[tokio::test]
async fn a_remembered_device_skips_the_second_factor_until_forgotten() {
    let pool = start_pool().await;
    let tokens = MemoryStorage::default();
    let auth = client_with(
        &pool,
        MFA.0,
        MFA.1,
        tokens.clone(),
        MemoryStorage::default(),
    )
    .with_device_name("test laptop");
    let sign_in_with_code = async || {
        let output = auth
            .sign_in(SignInInput::with_password("tess", "Passw0rd!tess"))
            .await
            .unwrap();
        if output.next_step == NextStep::ConfirmSignInWithTotpCode {
            pool.clock.advance(30.0);
            let code = totp_code(&pool, TESS_SECRET);
            auth.confirm_sign_in(answer(&code)).await.unwrap();
            true
        } else {
            assert_eq!(output.next_step, NextStep::Done);
            false
        }
    };
    assert!(
        sign_in_with_code().await,
        "a new device is asked for the code"
    );
    let prefix = format!("CognitoIdentityServiceProvider.{}.tess", MFA.1);
    let stored = tokens.snapshot();
    for name in ["deviceKey", "deviceGroupKey", "randomPasswordKey"] {
        assert!(
            stored.contains_key(&format!("{prefix}.{name}")),
            "{name}: {stored:?}"
        );
    }
    auth.remember_device().await.unwrap();
    assert!(!auth.device_awaits_choice());
    let devices = auth.fetch_devices().await.unwrap();
    assert_eq!(devices.len(), 1, "{devices:?}");
    assert!(devices[0].is_this_device);
    assert_eq!(devices[0].name.as_deref(), Some("test laptop"));
    auth.sign_out().await.unwrap();

    assert!(
        !sign_in_with_code().await,
        "a remembered device proves itself instead"
    );
    auth.forget_device(None).await.unwrap();
    assert!(
        !tokens
            .snapshot()
            .contains_key(&format!("{prefix}.deviceKey"))
    );
    auth.sign_out().await.unwrap();
    assert!(
        sign_in_with_code().await,
        "a forgotten device is asked for the code again"
    );
}

/// A rotating client gets a new refresh token at each refresh; the client keeps it.
#[tokio::test]
async fn refresh_keeps_the_rotated_refresh_token() {
    let pool = start_pool().await;
    let auth = passwordless(&pool);
    auth.sign_in(
        SignInInput::with_password("ada", "Passw0rd!ada")
            .flow(cognito_auth::AuthFlow::UserAuth)
            .preferring(AuthFactor::PasswordSrp),
    )
    .await
    .unwrap();
    let first = auth.fetch_session().await.unwrap().unwrap();
    pool.clock.advance(3_600.0);
    let second = auth.fetch_session().await.unwrap().unwrap();
    let refresh = |session: &cognito_auth::AuthSession| {
        session
            .tokens
            .refresh_token
            .as_ref()
            .unwrap()
            .expose_secret()
            .to_owned()
    };
    assert_ne!(refresh(&first), refresh(&second), "rotated");
    assert!(second.expires_at > first.expires_at);
    pool.clock.advance(3_600.0);
    assert!(
        auth.fetch_session().await.unwrap().is_some(),
        "the rotated token works"
    );
}
