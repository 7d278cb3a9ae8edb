//! Shared session and remembered device with aws-amplify v6: given the same key/value storage,
//! Amplify (in Node) sees the user this client signed in and uses the device it remembered, and
//! this client sees the user Amplify signed in and uses the device Amplify remembered.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use cognito_auth::{ExposeSecret, KeyValueStorage, MemoryStorage, SignInInput};
use support::{DEMO_CLIENT, DEMO_POOL, client_with, start_pool, workspace};

#[tokio::test(flavor = "multi_thread")]
async fn amplify_and_this_client_share_the_session() {
    let pool = start_pool().await;
    let tokens = MemoryStorage::default();
    let ours = client_with(
        &pool,
        DEMO_POOL,
        DEMO_CLIENT,
        tokens.clone(),
        MemoryStorage::default(),
    );
    ours.sign_in(SignInInput::with_password("alice", "Passw0rd!alice"))
        .await
        .unwrap();
    let before = ours.fetch_session().await.unwrap().unwrap();

    let file = std::env::temp_dir().join(format!("shared-storage-{}.json", std::process::id()));
    std::fs::write(&file, serde_json::to_string(&tokens.snapshot()).unwrap()).unwrap();
    let output = tokio::process::Command::new("node")
        .arg(workspace().join("tools/node/interop/amplify-shared-storage.mjs"))
        .args([pool.url.as_str(), DEMO_POOL, DEMO_CLIENT])
        .arg(&file)
        .output()
        .await
        .expect("run node (./scripts/test installs the Node packages)");
    println!("{}", String::from_utf8_lossy(&output.stdout));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // Amplify signed out (revoking our tokens) and signed alice in again: load what it stored.
    let entries: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let _ = std::fs::remove_file(&file);
    let amplify_storage = MemoryStorage::default();
    for (key, value) in &entries {
        amplify_storage.set(key, value).unwrap();
    }
    let theirs = client_with(
        &pool,
        DEMO_POOL,
        DEMO_CLIENT,
        amplify_storage,
        MemoryStorage::default(),
    );
    let session = theirs
        .fetch_session()
        .await
        .unwrap()
        .expect("we see Amplify's signed-in user");
    assert_eq!(session.id_claims()["cognito:username"], "alice");
    assert_ne!(
        session.tokens.access_token.expose_secret(),
        before.tokens.access_token.expose_secret()
    );
    let request = cognito_protocol::AccessTokenRequest {
        access_token: session.tokens.access_token,
    };
    assert!(
        pool.service.get_user(&request).is_ok(),
        "Amplify's access token works"
    );
}

/// Runs `amplify-shared-device.mjs` over `entries`; the entries it leaves.
async fn amplify_device(
    pool: &support::Pool,
    entries: &std::collections::BTreeMap<String, String>,
    mode: &str,
) -> std::collections::BTreeMap<String, String> {
    use local_cognito::clock::Clock;
    let file =
        std::env::temp_dir().join(format!("shared-device-{mode}-{}.json", std::process::id()));
    std::fs::write(&file, serde_json::to_string(entries).unwrap()).unwrap();
    let output = tokio::process::Command::new("node")
        .arg(workspace().join("tools/node/interop/amplify-shared-device.mjs"))
        .args([pool.url.as_str(), MFA.0, MFA.1])
        .arg(&file)
        .args([mode, &(pool.clock.now() as i64).to_string()])
        .output()
        .await
        .expect("run node (./scripts/test installs the Node packages)");
    println!("{}", String::from_utf8_lossy(&output.stdout));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let entries = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let _ = std::fs::remove_file(&file);
    entries
}

const MFA: (&str, &str) = ("us-east-1_MfaRequired", "mfarequiredclient000000001");

/// A remembered device is shared both ways: the one this client confirmed and remembered lets
/// Amplify skip the authenticator code, and the one Amplify remembered lets this client skip it.
#[tokio::test(flavor = "multi_thread")]
async fn amplify_and_this_client_share_the_remembered_device() {
    use cognito_auth::{ConfirmSignInInput, NextStep};
    let pool = start_pool().await;
    let tokens = MemoryStorage::default();
    let ours = client_with(
        &pool,
        MFA.0,
        MFA.1,
        tokens.clone(),
        MemoryStorage::default(),
    );
    let output = ours
        .sign_in(SignInInput::with_password("tess", "Passw0rd!tess"))
        .await
        .unwrap();
    assert_eq!(output.next_step, NextStep::ConfirmSignInWithTotpCode);
    let code = support::totp_code(&pool, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    ours.confirm_sign_in(ConfirmSignInInput::answer(&code))
        .await
        .unwrap();
    ours.remember_device().await.unwrap();
    ours.sign_out().await.unwrap();
    let entries: std::collections::BTreeMap<_, _> = tokens.snapshot().into_iter().collect();
    amplify_device(&pool, &entries, "use").await;

    // The other way: a fresh storage, Amplify remembers the device, this client uses it.
    pool.clock.advance(30.0);
    let made = amplify_device(&pool, &Default::default(), "make").await;
    let storage = MemoryStorage::default();
    for (key, value) in &made {
        storage.set(key, value).unwrap();
    }
    let theirs = client_with(&pool, MFA.0, MFA.1, storage, MemoryStorage::default());
    let output = theirs
        .sign_in(SignInInput::with_password("tess", "Passw0rd!tess"))
        .await
        .unwrap();
    assert_eq!(
        output.next_step,
        NextStep::Done,
        "Amplify's remembered device stands in for the code"
    );
}
