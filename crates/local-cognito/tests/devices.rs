//! Remembered devices on the wire: `NewDeviceMetadata` at a sign-in, `ConfirmDevice` with the
//! device's SRP verifier, remembering it, and the next sign-in proving the device with SRP
//! (`DEVICE_SRP_AUTH` → `DEVICE_PASSWORD_VERIFIER`) instead of the authenticator code; a wrong
//! device secret or a forgotten device never passes.

mod support;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use cognito_srp::{PasswordVerifier, PasswordVerifierChallenge, SrpClient, Timestamp};
use local_cognito::clock::Clock;
use serde_json::{Value, json};
use support::{TestServer, call, error};
use totp_rs::{Algorithm, Secret};

const CLIENT: &str = "mfarequiredclient000000001";
const TESS_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const DEVICE_PASSWORD: &str = "device-password-kept-on-the-device";

fn hex_bytes(hex: &str) -> Vec<u8> {
    let hex = if hex.len() % 2 == 1 {
        format!("0{hex}")
    } else {
        hex.to_owned()
    };
    (0..hex.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(&hex[at..at + 2], 16).unwrap())
        .collect()
}

async fn respond(server: &TestServer, challenge: &str, session: &Value, answers: Value) -> Value {
    let (_, body) = call(
        &server.url,
        "RespondToAuthChallenge",
        &json!({ "ChallengeName": challenge, "ClientId": CLIENT, "Session": session,
                 "ChallengeResponses": answers }),
    )
    .await;
    body
}

/// Signs tess in with her password (and `device_key`), answering the TOTP step if asked.
async fn sign_in(server: &TestServer, device_key: Option<&str>) -> Value {
    let mut parameters = json!({ "USERNAME": "tess", "PASSWORD": "Passw0rd!tess" });
    if let Some(key) = device_key {
        parameters["DEVICE_KEY"] = json!(key);
    }
    let (_, body) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT, "AuthParameters": parameters }),
    )
    .await;
    if body["ChallengeName"] != "SOFTWARE_TOKEN_MFA" {
        return body;
    }
    server.clock.advance(30.0); // a fresh code each time
    let code = totp_rs::Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_secret(Secret::try_from_base32(TESS_SECRET).unwrap())
        .build_noncompliant()
        .generate(server.clock.now() as u64)
        .to_string();
    respond(
        server,
        "SOFTWARE_TOKEN_MFA",
        &body["Session"],
        json!({ "USERNAME": "tess", "SOFTWARE_TOKEN_MFA_CODE": code }),
    )
    .await
}

/// The device's SRP proof, with `password` as the device's secret.
async fn prove_device(
    server: &TestServer,
    started: &Value,
    (key, group): (&str, &str),
    password: &str,
) -> Value {
    assert_eq!(started["ChallengeName"], "DEVICE_SRP_AUTH", "{started}");
    let client = SrpClient::new(&format!("device_{group}"), &[9_u8; 128]).unwrap();
    let challenge = respond(
        server,
        "DEVICE_SRP_AUTH",
        &started["Session"],
        json!({ "USERNAME": "tess", "DEVICE_KEY": key, "SRP_A": client.srp_a() }),
    )
    .await;
    assert_eq!(
        challenge["ChallengeName"], "DEVICE_PASSWORD_VERIFIER",
        "{challenge}"
    );
    let parameters = &challenge["ChallengeParameters"];
    let text = |name: &str| parameters[name].as_str().unwrap().to_owned();
    let (salt, srp_b, secret_block) = (text("SALT"), text("SRP_B"), text("SECRET_BLOCK"));
    let verifier = client
        .process_challenge(
            &PasswordVerifierChallenge {
                salt: &salt,
                srp_b: &srp_b,
                secret_block: &secret_block,
                user_id_for_srp: key,
            },
            password,
        )
        .unwrap();
    let claim = verifier.claim(Timestamp::from_unix_seconds(server.clock.now() as i64));
    respond(
        server,
        "DEVICE_PASSWORD_VERIFIER",
        &challenge["Session"],
        json!({ "USERNAME": "tess", "DEVICE_KEY": key,
                "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block, "TIMESTAMP": claim.timestamp,
                "PASSWORD_CLAIM_SIGNATURE": claim.signature }),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_remembered_device_skips_the_second_factor() {
    let server = TestServer::start().await;
    let first = sign_in(&server, None).await;
    let result = &first["AuthenticationResult"];
    let access = result["AccessToken"].clone();
    let key = result["NewDeviceMetadata"]["DeviceKey"]
        .as_str()
        .unwrap()
        .to_owned();
    let group = result["NewDeviceMetadata"]["DeviceGroupKey"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(key.starts_with("us-east-1_"), "{key}");

    // The device's verifier, as a client makes it (the device group for the pool name).
    let salt = [3_u8; 16];
    let verifier =
        PasswordVerifier::new(&format!("device_{group}"), &key, DEVICE_PASSWORD, &salt).unwrap();
    let (status, confirmed) = call(
        &server.url,
        "ConfirmDevice",
        &json!({ "AccessToken": access, "DeviceKey": key, "DeviceName": "test phone",
                 "DeviceSecretVerifierConfig": {
                     "PasswordVerifier": BASE64.encode(hex_bytes(&verifier.verifier_hex())),
                     "Salt": BASE64.encode(hex_bytes(&verifier.salt_hex())) } }),
    )
    .await;
    assert_eq!(status, 200, "{confirmed}");
    assert_eq!(
        confirmed["UserConfirmationNecessary"], true,
        "the pool remembers on request"
    );
    // Not remembered yet: the authenticator is still asked for.
    let body = sign_in(&server, Some(&key)).await;
    assert!(
        body["AuthenticationResult"]["AccessToken"].is_string(),
        "{body}"
    );
    let (status, body) = call(
        &server.url,
        "UpdateDeviceStatus",
        &json!({ "AccessToken": access, "DeviceKey": key, "DeviceRememberedStatus": "remembered" }),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    // Remembered: the device proves itself instead of a TOTP code.
    let (_, started) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
                 "AuthParameters": { "USERNAME": "tess", "PASSWORD": "Passw0rd!tess", "DEVICE_KEY": key } }),
    )
    .await;
    let done = prove_device(&server, &started, (&key, &group), DEVICE_PASSWORD).await;
    assert!(
        done["AuthenticationResult"]["AccessToken"].is_string(),
        "{done}"
    );
    assert!(
        done["AuthenticationResult"]
            .get("NewDeviceMetadata")
            .is_none(),
        "{done}"
    );

    // A wrong device secret never passes.
    let (_, started) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
                 "AuthParameters": { "USERNAME": "tess", "PASSWORD": "Passw0rd!tess", "DEVICE_KEY": key } }),
    )
    .await;
    let refused = prove_device(&server, &started, (&key, &group), "not-the-device-secret").await;
    assert_eq!(error(&refused).0, "NotAuthorizedException", "{refused}");

    // Where remembered devices may not stand in for the second factor
    // (`ChallengeRequiredOnNewDevice` false), the authenticator is asked for all the same.
    let set_devices = |replace_mfa: bool| {
        let url = server.url.clone();
        async move {
            call(
                &url,
                "UpdateUserPool",
                &json!({ "UserPoolId": "us-east-1_MfaRequired", "DeviceConfiguration": {
                    "ChallengeRequiredOnNewDevice": replace_mfa,
                    "DeviceOnlyRememberedOnUserPrompt": true } }),
            )
            .await
        }
    };
    let (status, body) = set_devices(false).await;
    assert_eq!(status, 200, "{body}");
    let (_, body) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
                 "AuthParameters": { "USERNAME": "tess", "PASSWORD": "Passw0rd!tess", "DEVICE_KEY": key } }),
    )
    .await;
    assert_eq!(body["ChallengeName"], "SOFTWARE_TOKEN_MFA", "{body}");
    set_devices(true).await;

    // Listed, then forgotten: the next sign-in asks for the authenticator again.
    let (_, listed) = call(
        &server.url,
        "ListDevices",
        &json!({ "AccessToken": access }),
    )
    .await;
    assert_eq!(listed["Devices"].as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed["Devices"][0]["DeviceKey"], key.as_str());
    let (status, body) = call(
        &server.url,
        "ForgetDevice",
        &json!({ "AccessToken": access, "DeviceKey": key }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, body) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
                 "AuthParameters": { "USERNAME": "tess", "PASSWORD": "Passw0rd!tess", "DEVICE_KEY": key } }),
    )
    .await;
    assert_eq!(body["ChallengeName"], "SOFTWARE_TOKEN_MFA", "{body}");
    let (_, gone) = call(
        &server.url,
        "GetDevice",
        &json!({ "AccessToken": access, "DeviceKey": key }),
    )
    .await;
    assert_eq!(error(&gone).0, "ResourceNotFoundException", "{gone}");
}
