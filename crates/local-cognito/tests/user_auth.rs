//! `USER_AUTH` on the wire: the first factors offered per user, a preferred factor, one-time
//! codes by e-mail and text message (single use, bounded tries, the address verified), the
//! password and SRP answers, and Cognito's refusals (client without `ALLOW_USER_AUTH`, the Lite
//! plan, a factor not offered).

mod support;

use cognito_srp::{PasswordVerifierChallenge, SrpClient, Timestamp};
use local_cognito::clock::Clock;
use serde_json::{Value, json};
use support::{TestServer, call, error};

const POOL: &str = "us-east-1_Passwordless";
const CLIENT: &str = "passwordlessclient00000001";

async fn initiate(server: &TestServer, parameters: Value) -> (u16, Value) {
    call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_AUTH", "ClientId": CLIENT, "AuthParameters": parameters }),
    )
    .await
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

/// The newest code sent to `username`, of `kind` (`EMAIL_OTP`, `SMS_OTP`).
fn last_code(server: &TestServer, username: &str, kind: &str) -> String {
    server
        .service
        .store
        .messages(Some(POOL), Some(username))
        .unwrap()
        .into_iter()
        .find(|message| message.kind == kind)
        .expect("a code was sent")
        .code
}

fn signed_in(body: &Value) -> bool {
    body["AuthenticationResult"]["AccessToken"].is_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn each_user_is_offered_the_factors_they_can_use() {
    let server = TestServer::start().await;
    for (username, expected) in [
        (
            "ada",
            json!(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"]),
        ),
        ("grace", json!(["EMAIL_OTP"])),
        ("sam", json!(["SMS_OTP"])),
    ] {
        let (status, body) = initiate(&server, json!({ "USERNAME": username })).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["ChallengeName"], "SELECT_CHALLENGE", "{body}");
        assert_eq!(body["AvailableChallenges"], expected, "{username}: {body}");
        assert!(body["Session"].as_str().is_some_and(|s| s.len() >= 20));
    }
    // An unknown name looks like any other (existence errors are prevented).
    let (status, body) = initiate(&server, json!({ "USERNAME": "nobody" })).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ChallengeName"], "SELECT_CHALLENGE");
    let (status, body) = respond(
        &server,
        "SELECT_CHALLENGE",
        &body["Session"],
        json!({ "USERNAME": "nobody", "ANSWER": "EMAIL_OTP" }),
    )
    .await;
    assert_eq!(
        (status, body["ChallengeName"].as_str()),
        (200, Some("EMAIL_OTP")),
        "{body}"
    );
    let (_, body) = respond(
        &server,
        "EMAIL_OTP",
        &body["Session"],
        json!({ "USERNAME": "nobody", "EMAIL_OTP_CODE": "12345678" }),
    )
    .await;
    assert_eq!(error(&body).0, "CodeMismatchException");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_email_code_signs_in_once_and_verifies_the_address() {
    let server = TestServer::start().await;
    let (_, body) = initiate(&server, json!({ "USERNAME": "grace" })).await;
    let (status, body) = respond(
        &server,
        "SELECT_CHALLENGE",
        &body["Session"],
        json!({ "USERNAME": "grace", "ANSWER": "EMAIL_OTP" }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ChallengeName"], "EMAIL_OTP");
    assert_eq!(
        body["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"],
        "EMAIL"
    );
    assert_eq!(
        body["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"],
        "g***@e***.com"
    );
    let code = last_code(&server, "grace", "EMAIL_OTP");
    assert_eq!(code.len(), 8);
    let session = body["Session"].clone();

    let (status, wrong) = respond(
        &server,
        "EMAIL_OTP",
        &session,
        json!({ "USERNAME": "grace", "EMAIL_OTP_CODE": "00000000" }),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        error(&wrong),
        ("CodeMismatchException", "Invalid code received for user")
    );
    // The same session may try again.
    let (status, body) = respond(
        &server,
        "EMAIL_OTP",
        &session,
        json!({ "USERNAME": "grace", "EMAIL_OTP_CODE": code }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(signed_in(&body), "{body}");
    let user = server.service.store.user(POOL, "grace").unwrap().unwrap();
    assert_eq!(
        user.attributes.get("email_verified").map(String::as_str),
        Some("true")
    );
    // Single use: the session is spent.
    let (_, again) = respond(
        &server,
        "EMAIL_OTP",
        &session,
        json!({ "USERNAME": "grace", "EMAIL_OTP_CODE": code }),
    )
    .await;
    assert_eq!(error(&again).0, "NotAuthorizedException");
}

#[tokio::test(flavor = "multi_thread")]
async fn three_wrong_codes_end_the_sign_in() {
    let server = TestServer::start().await;
    let (_, body) = initiate(
        &server,
        json!({ "USERNAME": "sam", "PREFERRED_CHALLENGE": "SMS_OTP" }),
    )
    .await;
    assert_eq!(body["ChallengeName"], "SMS_OTP", "{body}");
    assert_eq!(
        body["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"],
        "SMS"
    );
    assert_eq!(
        body["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"],
        "+********0123"
    );
    let code = last_code(&server, "sam", "SMS_OTP");
    let session = body["Session"].clone();
    for _ in 0..3 {
        let (_, wrong) = respond(
            &server,
            "SMS_OTP",
            &session,
            json!({ "USERNAME": "sam", "SMS_OTP_CODE": "11111111" }),
        )
        .await;
        assert_eq!(error(&wrong).0, "CodeMismatchException", "{wrong}");
    }
    let (_, ended) = respond(
        &server,
        "SMS_OTP",
        &session,
        json!({ "USERNAME": "sam", "SMS_OTP_CODE": code }),
    )
    .await;
    assert_eq!(
        error(&ended),
        (
            "NotAuthorizedException",
            "Invalid session for the user, session is expired."
        )
    );
    // The log never carries a code: it is only in the outbox.
}

#[tokio::test(flavor = "multi_thread")]
async fn password_and_srp_through_user_auth() {
    let server = TestServer::start().await;
    // Inline password.
    let (status, body) = initiate(
        &server,
        json!({ "USERNAME": "ada", "PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": "Passw0rd!ada" }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(signed_in(&body), "{body}");
    // The PASSWORD challenge, a wrong then... a new sign-in with the right one.
    let (_, body) = initiate(
        &server,
        json!({ "USERNAME": "ada", "PREFERRED_CHALLENGE": "PASSWORD" }),
    )
    .await;
    assert_eq!(body["ChallengeName"], "PASSWORD", "{body}");
    let (_, wrong) = respond(
        &server,
        "PASSWORD",
        &body["Session"],
        json!({ "USERNAME": "ada", "PASSWORD": "Wrong!pass1" }),
    )
    .await;
    assert_eq!(
        error(&wrong),
        ("NotAuthorizedException", "Incorrect username or password.")
    );
    // SELECT_CHALLENGE → PASSWORD_SRP → PASSWORD_VERIFIER, with the SRP maths for real.
    let (_, body) = initiate(&server, json!({ "USERNAME": "ada" })).await;
    let client = SrpClient::new(POOL, &[7_u8; 128]).unwrap();
    let (status, challenge) = respond(
        &server,
        "SELECT_CHALLENGE",
        &body["Session"],
        json!({ "USERNAME": "ada", "ANSWER": "PASSWORD_SRP", "SRP_A": client.srp_a() }),
    )
    .await;
    assert_eq!(status, 200, "{challenge}");
    assert_eq!(challenge["ChallengeName"], "PASSWORD_VERIFIER");
    assert!(
        challenge["Session"].is_string(),
        "USER_AUTH's verifier comes with a session"
    );
    let parameters = &challenge["ChallengeParameters"];
    let text = |name: &str| parameters[name].as_str().unwrap().to_owned();
    let (salt, srp_b, secret_block, user_id) = (
        text("SALT"),
        text("SRP_B"),
        text("SECRET_BLOCK"),
        text("USER_ID_FOR_SRP"),
    );
    let verifier = client
        .process_challenge(
            &PasswordVerifierChallenge {
                salt: &salt,
                srp_b: &srp_b,
                secret_block: &secret_block,
                user_id_for_srp: &user_id,
            },
            "Passw0rd!ada",
        )
        .unwrap();
    let claim = verifier.claim(Timestamp::from_unix_seconds(server.clock.now() as i64));
    let (status, body) = respond(
        &server,
        "PASSWORD_VERIFIER",
        &challenge["Session"],
        json!({ "USERNAME": claim.username, "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block,
                "TIMESTAMP": claim.timestamp, "PASSWORD_CLAIM_SIGNATURE": claim.signature }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(signed_in(&body), "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn refusals_are_cognitos() {
    let server = TestServer::start().await;
    // A client without ALLOW_USER_AUTH.
    let (status, body) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_AUTH", "ClientId": "mfarequiredclient000000001",
                 "AuthParameters": { "USERNAME": "tess" } }),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        error(&body),
        (
            "InvalidParameterException",
            "USER_AUTH flow not enabled for this client"
        )
    );
    // The Lite plan.
    let (_, body) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_AUTH", "ClientId": "liteplanclient000000000001",
                 "AuthParameters": { "USERNAME": "ada" } }),
    )
    .await;
    assert_eq!(
        error(&body).0,
        "FeatureUnavailableInTierException",
        "{body}"
    );
    // A factor that was not offered, a missing USERNAME, a missing ANSWER.
    let (_, body) = initiate(&server, json!({ "USERNAME": "grace" })).await;
    let (_, refused) = respond(
        &server,
        "SELECT_CHALLENGE",
        &body["Session"],
        json!({ "USERNAME": "grace", "ANSWER": "PASSWORD", "PASSWORD": "x" }),
    )
    .await;
    assert_eq!(error(&refused).0, "InvalidParameterException", "{refused}");
    // Malformed answers: Cognito's messages, never a 500.
    let (_, body) = initiate(&server, json!({ "USERNAME": "grace" })).await;
    let (status, refused) = respond(
        &server,
        "SELECT_CHALLENGE",
        &body["Session"],
        json!({ "USERNAME": "grace" }),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        error(&refused),
        (
            "InvalidParameterException",
            "Missing required parameter ANSWER"
        )
    );
    let (_, body) = initiate(
        &server,
        json!({ "USERNAME": "grace", "PREFERRED_CHALLENGE": "EMAIL_OTP" }),
    )
    .await;
    let (_, refused) = respond(
        &server,
        "SMS_OTP",
        &body["Session"],
        json!({ "USERNAME": "grace" }),
    )
    .await;
    assert_eq!(
        error(&refused),
        (
            "InvalidParameterException",
            "Invalid challenge name SMS_OTP, expected EMAIL_OTP"
        )
    );
    let (_, body) = initiate(&server, json!({})).await;
    assert_eq!(
        error(&body),
        (
            "InvalidParameterException",
            "Missing required parameter USERNAME"
        )
    );
    // A Lite pool cannot allow codes as a first factor.
    let (_, body) = call(
        &server.url,
        "CreateUserPool",
        &json!({ "PoolName": "lite", "UserPoolTier": "LITE",
                 "Policies": { "SignInPolicy": { "AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"] } } }),
    )
    .await;
    assert_eq!(
        error(&body).0,
        "FeatureUnavailableInTierException",
        "{body}"
    );
    let (_, body) = call(
        &server.url,
        "CreateUserPool",
        &json!({ "PoolName": "x",
                 "Policies": { "SignInPolicy": { "AllowedFirstAuthFactors": ["SOFTWARE_TOKEN"] } } }),
    )
    .await;
    assert_eq!(error(&body).0, "InvalidParameterException", "{body}");
}

/// Passwordless sign-up, then the automatic sign-in: `SignUp` without a password (where codes
/// are a first factor) → `ConfirmSignUp` → its `Session` → `InitiateAuth` `USER_AUTH` → tokens,
/// once.
#[tokio::test(flavor = "multi_thread")]
async fn passwordless_sign_up_then_automatic_sign_in() {
    let server = TestServer::start().await;
    let (status, signed_up) = call(
        &server.url,
        "SignUp",
        &json!({ "ClientId": CLIENT, "Username": "lin",
                 "UserAttributes": [{ "Name": "email", "Value": "lin@example.com" }] }),
    )
    .await;
    assert_eq!(status, 200, "{signed_up}");
    assert!(signed_up["Session"].is_string(), "{signed_up}");
    let user = server.service.store.user(POOL, "lin").unwrap().unwrap();
    assert!(user.verifier.is_none(), "no password was given");
    let code = last_code(&server, "lin", "SignUp");
    let (status, confirmed) = call(
        &server.url,
        "ConfirmSignUp",
        &json!({ "ClientId": CLIENT, "Username": "lin", "ConfirmationCode": code,
                 "Session": signed_up["Session"] }),
    )
    .await;
    assert_eq!(status, 200, "{confirmed}");
    let session = confirmed["Session"].clone();
    assert!(session.is_string(), "{confirmed}");
    let sign_in = json!({ "AuthFlow": "USER_AUTH", "ClientId": CLIENT, "Session": session,
                          "AuthParameters": { "USERNAME": "lin" } });
    let (status, body) = call(&server.url, "InitiateAuth", &sign_in).await;
    assert_eq!(status, 200, "{body}");
    assert!(signed_in(&body), "{body}");
    let (_, again) = call(&server.url, "InitiateAuth", &sign_in).await;
    assert_eq!(
        error(&again),
        (
            "NotAuthorizedException",
            "Invalid session for the user, session is expired."
        )
    );
    // Where the password is the only first factor, a sign-up needs one.
    let (_, body) = call(
        &server.url,
        "SignUp",
        &json!({ "ClientId": "mfarequiredclient000000001", "Username": "nopass",
                 "UserAttributes": [{ "Name": "email", "Value": "nopass@example.com" }] }),
    )
    .await;
    assert_eq!(
        error(&body),
        (
            "InvalidParameterException",
            "Missing required parameter Password"
        )
    );
}

/// `GetTokensFromRefreshToken` with rotation: a new refresh token each time; the replaced one
/// works for the client's grace period, and used after it, the whole family is revoked. Without
/// rotation, no new refresh token.
#[tokio::test(flavor = "multi_thread")]
async fn refresh_tokens_rotate_and_a_reused_one_revokes_its_family() {
    let server = TestServer::start().await;
    let (_, body) = initiate(
        &server,
        json!({ "USERNAME": "ada", "PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": "Passw0rd!ada" }),
    )
    .await;
    let first = body["AuthenticationResult"]["RefreshToken"].clone();
    let refresh = |token: Value| {
        let url = server.url.clone();
        async move {
            call(
                &url,
                "GetTokensFromRefreshToken",
                &json!({ "ClientId": CLIENT, "RefreshToken": token }),
            )
            .await
        }
    };
    let (status, body) = refresh(first.clone()).await;
    assert_eq!(status, 200, "{body}");
    let second = body["AuthenticationResult"]["RefreshToken"].clone();
    let access = body["AuthenticationResult"]["AccessToken"].clone();
    assert!(second.is_string() && second != first, "{body}");
    // Within the grace period (10 s for this client) the replaced token still works.
    server.clock.advance(5.0);
    let (status, body) = refresh(first.clone()).await;
    assert_eq!(status, 200, "{body}");
    // After it, reusing it revokes the family: the newer token and its access tokens too.
    server.clock.advance(10.0);
    let (_, body) = refresh(first).await;
    assert_eq!(
        error(&body),
        (
            "RefreshTokenReuseException",
            "Refresh token has already been used"
        )
    );
    let (_, body) = refresh(second).await;
    assert_eq!(
        error(&body),
        ("NotAuthorizedException", "Refresh Token has been revoked")
    );
    let (_, body) = call(&server.url, "GetUser", &json!({ "AccessToken": access })).await;
    assert_eq!(error(&body).0, "NotAuthorizedException", "{body}");

    // A client without rotation: new ID and access tokens only.
    let (_, body) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "hostedlogindemoclient00001",
                 "AuthParameters": { "USERNAME": "alice", "PASSWORD": "Passw0rd!alice" } }),
    )
    .await;
    let token = body["AuthenticationResult"]["RefreshToken"].clone();
    let (status, body) = call(
        &server.url,
        "GetTokensFromRefreshToken",
        &json!({ "ClientId": "hostedlogindemoclient00001", "RefreshToken": token }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body["AuthenticationResult"]["IdToken"].is_string(),
        "{body}"
    );
    assert!(
        body["AuthenticationResult"].get("RefreshToken").is_none(),
        "{body}"
    );
}

/// A code answered after the session's life (the client's `AuthSessionValidity`, 3 minutes) is
/// refused; `GetUserAuthFactors` lists what the user can sign in with.
#[tokio::test(flavor = "multi_thread")]
async fn expired_code_sessions_and_the_users_factors() {
    let server = TestServer::start().await;
    let (_, body) = initiate(
        &server,
        json!({ "USERNAME": "ada", "PREFERRED_CHALLENGE": "EMAIL_OTP" }),
    )
    .await;
    let code = last_code(&server, "ada", "EMAIL_OTP");
    server.clock.advance(181.0);
    let (_, late) = respond(
        &server,
        "EMAIL_OTP",
        &body["Session"],
        json!({ "USERNAME": "ada", "EMAIL_OTP_CODE": code }),
    )
    .await;
    assert_eq!(
        error(&late),
        (
            "NotAuthorizedException",
            "Invalid session for the user, session is expired."
        )
    );
    let (_, body) = initiate(
        &server,
        json!({ "USERNAME": "ada", "PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": "Passw0rd!ada" }),
    )
    .await;
    let access = body["AuthenticationResult"]["AccessToken"].clone();
    let (status, factors) = call(
        &server.url,
        "GetUserAuthFactors",
        &json!({ "AccessToken": access }),
    )
    .await;
    assert_eq!(status, 200, "{factors}");
    assert_eq!(factors["Username"], "ada");
    assert_eq!(
        factors["ConfiguredUserAuthFactors"],
        json!(["PASSWORD", "EMAIL_OTP", "SMS_OTP"])
    );
}
