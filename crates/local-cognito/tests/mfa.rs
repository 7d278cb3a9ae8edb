//! MFA on the wire: a TOTP code after the password (accepted once), setting an authenticator up
//! in the middle of a sign-in (`MFA_SETUP` → `AssociateSoftwareToken` → `VerifySoftwareToken`),
//! e-mail MFA set up in the flow, choosing among factors (`SELECT_MFA_TYPE`), the user's
//! preferences and what `GetUser` reports, and the pool's MFA configuration.

mod support;

use serde_json::{Value, json};
use support::{TestServer, call, error};
use totp_rs::{Algorithm, Secret};

const POOL: &str = "us-east-1_MfaRequired";
const CLIENT: &str = "mfarequiredclient000000001";
const TESS_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// The code an authenticator app with `secret` shows at `unix` seconds.
fn totp_code(secret: &str, unix: f64) -> String {
    totp_rs::Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_secret(Secret::try_from_base32(secret).unwrap())
        .build_noncompliant()
        .generate(unix as u64)
        .to_string()
}

async fn password_sign_in(server: &TestServer, username: &str, password: &str) -> Value {
    let (status, body) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
                 "AuthParameters": { "USERNAME": username, "PASSWORD": password } }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn respond(
    server: &TestServer,
    challenge: &str,
    session: &Value,
    answers: Value,
) -> (u16, Value) {
    call(
        &server.url,
        "RespondToAuthChallenge",
        &json!({ "ChallengeName": challenge, "ClientId": CLIENT, "Session": session,
                 "ChallengeResponses": answers }),
    )
    .await
}

fn now(server: &TestServer) -> f64 {
    use local_cognito::clock::Clock;
    server.clock.now()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_totp_code_follows_the_password_once() {
    let server = TestServer::start().await;
    let body = password_sign_in(&server, "tess", "Passw0rd!tess").await;
    assert_eq!(body["ChallengeName"], "SOFTWARE_TOKEN_MFA", "{body}");
    let (_, wrong) = respond(
        &server,
        "SOFTWARE_TOKEN_MFA",
        &body["Session"],
        json!({ "USERNAME": "tess", "SOFTWARE_TOKEN_MFA_CODE": "000000" }),
    )
    .await;
    assert_eq!(
        error(&wrong),
        ("CodeMismatchException", "Invalid code received for user")
    );
    let code = totp_code(TESS_SECRET, now(&server));
    let (status, done) = respond(
        &server,
        "SOFTWARE_TOKEN_MFA",
        &body["Session"],
        json!({ "USERNAME": "tess", "SOFTWARE_TOKEN_MFA_CODE": code }),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    let access = done["AuthenticationResult"]["AccessToken"].clone();
    assert!(access.is_string(), "{done}");
    // The same code again, in a new sign-in: refused (a code is good once).
    let body = password_sign_in(&server, "tess", "Passw0rd!tess").await;
    let (_, reused) = respond(
        &server,
        "SOFTWARE_TOKEN_MFA",
        &body["Session"],
        json!({ "USERNAME": "tess", "SOFTWARE_TOKEN_MFA_CODE": code }),
    )
    .await;
    assert_eq!(error(&reused).0, "CodeMismatchException");
    // GetUser says what is set up.
    let (_, user) = call(&server.url, "GetUser", &json!({ "AccessToken": access })).await;
    assert_eq!(
        user["UserMFASettingList"],
        json!(["SOFTWARE_TOKEN_MFA"]),
        "{user}"
    );
    assert_eq!(user["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_authenticator_is_set_up_while_signing_in() {
    let server = TestServer::start().await;
    let body = password_sign_in(&server, "eve", "Passw0rd!eve").await;
    assert_eq!(body["ChallengeName"], "MFA_SETUP", "{body}");
    let choices: Vec<String> = serde_json::from_str(
        body["ChallengeParameters"]["MFAS_CAN_SETUP"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(choices, ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"]);
    let (status, associated) = call(
        &server.url,
        "AssociateSoftwareToken",
        &json!({ "Session": body["Session"] }),
    )
    .await;
    assert_eq!(status, 200, "{associated}");
    let secret = associated["SecretCode"].as_str().unwrap().to_owned();
    assert!(secret.len() >= 32, "{secret}");
    let (_, wrong) = call(
        &server.url,
        "VerifySoftwareToken",
        &json!({ "Session": associated["Session"], "UserCode": "000000" }),
    )
    .await;
    assert_eq!(
        error(&wrong).0,
        "EnableSoftwareTokenMFAException",
        "{wrong}"
    );
    let (status, verified) = call(
        &server.url,
        "VerifySoftwareToken",
        &json!({ "Session": associated["Session"], "UserCode": totp_code(&secret, now(&server)),
                 "FriendlyDeviceName": "phone" }),
    )
    .await;
    assert_eq!(status, 200, "{verified}");
    assert_eq!(verified["Status"], "SUCCESS");
    let (status, done) = respond(
        &server,
        "MFA_SETUP",
        &verified["Session"],
        json!({ "USERNAME": "eve" }),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    assert!(
        done["AuthenticationResult"]["AccessToken"].is_string(),
        "{done}"
    );
    // From now on the authenticator is asked for.
    server.clock.advance(31.0);
    let body = password_sign_in(&server, "eve", "Passw0rd!eve").await;
    assert_eq!(body["ChallengeName"], "SOFTWARE_TOKEN_MFA", "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn email_mfa_is_set_up_in_the_flow_and_factors_are_chosen() {
    let server = TestServer::start().await;
    let body = password_sign_in(&server, "eve", "Passw0rd!eve").await;
    let (status, sent) = respond(
        &server,
        "MFA_SETUP",
        &body["Session"],
        json!({ "USERNAME": "eve", "EMAIL": "eve@example.com" }),
    )
    .await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["ChallengeName"], "EMAIL_OTP", "{sent}");
    let code = server
        .service
        .store
        .messages(Some(POOL), Some("eve"))
        .unwrap()
        .into_iter()
        .find(|message| message.kind == "EMAIL_OTP")
        .unwrap()
        .code;
    assert_eq!(code.len(), 6);
    let (status, done) = respond(
        &server,
        "EMAIL_OTP",
        &sent["Session"],
        json!({ "USERNAME": "eve", "EMAIL_OTP_CODE": code }),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    let user = server.service.store.user(POOL, "eve").unwrap().unwrap();
    assert_eq!(user.mfa.enabled, ["EMAIL_OTP"]);

    // Two factors, none preferred: a choice.
    let body = password_sign_in(&server, "max", "Passw0rd!max").await;
    assert_eq!(body["ChallengeName"], "SELECT_MFA_TYPE", "{body}");
    let (_, chosen) = respond(
        &server,
        "SELECT_MFA_TYPE",
        &body["Session"],
        json!({ "USERNAME": "max", "ANSWER": "SOFTWARE_TOKEN_MFA" }),
    )
    .await;
    assert_eq!(chosen["ChallengeName"], "SOFTWARE_TOKEN_MFA", "{chosen}");
    let (_, refused) = {
        let body = password_sign_in(&server, "max", "Passw0rd!max").await;
        respond(
            &server,
            "SELECT_MFA_TYPE",
            &body["Session"],
            json!({ "USERNAME": "max", "ANSWER": "SMS_MFA" }),
        )
        .await
    };
    assert_eq!(error(&refused).0, "InvalidParameterException", "{refused}");
}

#[tokio::test(flavor = "multi_thread")]
async fn preferences_and_the_pools_configuration() {
    let server = TestServer::start().await;
    // An administrator makes e-mail codes max's preferred factor: no choice any more.
    let (status, body) = call(
        &server.url,
        "AdminSetUserMFAPreference",
        &json!({ "UserPoolId": POOL, "Username": "max",
                 "EmailMfaSettings": { "Enabled": true, "PreferredMfa": true } }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let body = password_sign_in(&server, "max", "Passw0rd!max").await;
    assert_eq!(body["ChallengeName"], "EMAIL_OTP", "{body}");
    // An authenticator cannot be turned on before it is verified.
    let (_, body) = call(
        &server.url,
        "AdminSetUserMFAPreference",
        &json!({ "UserPoolId": POOL, "Username": "eve",
                 "SoftwareTokenMfaSettings": { "Enabled": true } }),
    )
    .await;
    assert_eq!(
        error(&body),
        (
            "InvalidParameterException",
            "User has not verified software token mfa"
        )
    );
    // The pool's configuration.
    let (_, config) = call(
        &server.url,
        "GetUserPoolMfaConfig",
        &json!({ "UserPoolId": POOL }),
    )
    .await;
    assert_eq!(config["MfaConfiguration"], "ON", "{config}");
    assert_eq!(config["SoftwareTokenMfaConfiguration"]["Enabled"], true);
    let (status, config) = call(
        &server.url,
        "SetUserPoolMfaConfig",
        &json!({ "UserPoolId": POOL, "MfaConfiguration": "OFF" }),
    )
    .await;
    assert_eq!(status, 200, "{config}");
    let body = password_sign_in(&server, "max", "Passw0rd!max").await;
    assert!(
        body["AuthenticationResult"]["AccessToken"].is_string(),
        "MFA off: {body}"
    );
    let (_, body) = call(
        &server.url,
        "SetUserPoolMfaConfig",
        &json!({ "UserPoolId": POOL, "MfaConfiguration": "SOMETIMES" }),
    )
    .await;
    assert_eq!(error(&body).0, "InvalidParameterException");
}

/// Text-message codes as the second factor; with optional MFA turned on, codes are no longer a
/// first factor for that user; MFA follows a new password too.
#[tokio::test(flavor = "multi_thread")]
async fn sms_mfa_and_what_mfa_changes_elsewhere() {
    let server = TestServer::start().await;
    let passwordless = ("us-east-1_Passwordless", "passwordlessclient00000001");
    let (status, body) = call(
        &server.url,
        "SetUserPoolMfaConfig",
        &json!({ "UserPoolId": passwordless.0, "MfaConfiguration": "OPTIONAL",
                 "SmsMfaConfiguration": { "SmsAuthenticationMessage": "Your code is {####}" } }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = call(
        &server.url,
        "AdminSetUserMFAPreference",
        &json!({ "UserPoolId": passwordless.0, "Username": "ada",
                 "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true } }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, offered) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_AUTH", "ClientId": passwordless.1,
                 "AuthParameters": { "USERNAME": "ada" } }),
    )
    .await;
    assert_eq!(
        offered["AvailableChallenges"],
        json!(["PASSWORD", "PASSWORD_SRP"]),
        "{offered}"
    );
    let (_, body) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_AUTH", "ClientId": passwordless.1,
                 "AuthParameters": { "USERNAME": "ada", "PREFERRED_CHALLENGE": "PASSWORD",
                                     "PASSWORD": "Passw0rd!ada" } }),
    )
    .await;
    assert_eq!(body["ChallengeName"], "SMS_MFA", "{body}");
    assert_eq!(
        body["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"],
        "SMS"
    );
    let code = server
        .service
        .store
        .messages(Some(passwordless.0), Some("ada"))
        .unwrap()
        .into_iter()
        .find(|message| message.kind == "SMS_MFA")
        .unwrap()
        .code;
    let (status, done) = call(
        &server.url,
        "RespondToAuthChallenge",
        &json!({ "ChallengeName": "SMS_MFA", "ClientId": passwordless.1, "Session": body["Session"],
                 "ChallengeResponses": { "USERNAME": "ada", "SMS_MFA_CODE": code } }),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    assert!(
        done["AuthenticationResult"]["AccessToken"].is_string(),
        "{done}"
    );

    // An administrator-created user in the MFA pool: a new password, then MFA set-up.
    let (status, body) = call(
        &server.url,
        "AdminCreateUser",
        &json!({ "UserPoolId": POOL, "Username": "nova", "TemporaryPassword": "Temp0rary!nova",
                 "MessageAction": "SUPPRESS",
                 "UserAttributes": [{ "Name": "email", "Value": "nova@example.com" }] }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let body = password_sign_in(&server, "nova", "Temp0rary!nova").await;
    assert_eq!(body["ChallengeName"], "NEW_PASSWORD_REQUIRED", "{body}");
    let (status, next) = respond(
        &server,
        "NEW_PASSWORD_REQUIRED",
        &body["Session"],
        json!({ "USERNAME": "nova", "NEW_PASSWORD": "Brand-N3w!nova" }),
    )
    .await;
    assert_eq!(status, 200, "{next}");
    assert_eq!(next["ChallengeName"], "MFA_SETUP", "{next}");
}

/// Wrong TOTP codes count towards the lockout, and the secret never shows in `Debug`.
#[tokio::test(flavor = "multi_thread")]
async fn guessing_totp_codes_locks_and_secrets_stay_hidden() {
    let server = TestServer::start().await;
    for _ in 0..5 {
        let body = password_sign_in(&server, "tess", "Passw0rd!tess").await;
        let (_, wrong) = respond(
            &server,
            "SOFTWARE_TOKEN_MFA",
            &body["Session"],
            json!({ "USERNAME": "tess", "SOFTWARE_TOKEN_MFA_CODE": "000000" }),
        )
        .await;
        assert_eq!(error(&wrong).0, "CodeMismatchException");
    }
    let (_, locked) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
                 "AuthParameters": { "USERNAME": "tess", "PASSWORD": "Passw0rd!tess" } }),
    )
    .await;
    assert_eq!(
        error(&locked),
        ("NotAuthorizedException", "Password attempts exceeded")
    );
    let user = server.service.store.user(POOL, "tess").unwrap().unwrap();
    let printed = format!("{user:?}");
    assert!(!printed.contains(TESS_SECRET), "{printed}");
}
