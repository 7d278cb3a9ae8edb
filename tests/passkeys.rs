//! Passkeys against local-cognito, made and used by Chromium's own WebAuthn with its virtual
//! authenticator (DevTools `WebAuthn` domain): registration, listing, a `USER_AUTH` sign-in with
//! `WEB_AUTHN`, each forged variant of the assertion refused, and a deleted passkey refused.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{Value, json};
use support::browser::Browser;
use support::pool::Pool;
use support::static_server::StaticServer;

const CLIENT: &str = "passwordlessclient00000001";

/// The page's helpers: Cognito calls, and a passkey sign-in whose assertion `tamper` may change
/// before it is sent. Each call's answer comes back as JSON.
const HELPERS: &str = r#"
const [pool, client] = [arguments[0], arguments[1]];
const done = arguments[arguments.length - 1];
const call = (operation, body) => fetch(pool, { method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/x-amz-json-1.1',
               'x-amz-target': 'AWSCognitoIdentityProviderService.' + operation } }).then((r) => r.json());
const b64url = {
  decode: (text) => JSON.parse(new TextDecoder().decode(Uint8Array.from(
      atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)))),
  encode: (value) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
      .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
};
const signInWithPasskey = async (tamper) => {
  const started = await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: client,
    AuthParameters: { USERNAME: 'ada', PREFERRED_CHALLENGE: 'WEB_AUTHN' } });
  if (started.ChallengeName !== 'WEB_AUTHN') return { started };
  const options = PublicKeyCredential.parseRequestOptionsFromJSON(
    JSON.parse(started.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS));
  const assertion = (await navigator.credentials.get({ publicKey: options })).toJSON();
  const sent = tamper ? tamper(assertion) : assertion;
  return call('RespondToAuthChallenge', { ChallengeName: 'WEB_AUTHN', ClientId: client,
    Session: started.Session, ChallengeResponses: { USERNAME: 'ada', CREDENTIAL: JSON.stringify(sent) } });
};
"#;

/// `root` served on `localhost` (the relying party) and open in a fresh Chromium with a
/// virtual platform authenticator (resident keys, user verification, presence simulated).
async fn open_with_authenticator(root: &std::path::Path) -> (StaticServer, Browser) {
    let page = StaticServer::start(root).await;
    let browser = Browser::start().await;
    let port = page.origin.rsplit(':').next().unwrap().to_owned();
    browser
        .client
        .goto(&format!("http://localhost:{port}/"))
        .await
        .unwrap();
    browser.devtools("WebAuthn.enable", json!({})).await;
    browser
        .devtools(
            "WebAuthn.addVirtualAuthenticator",
            json!({ "options": { "protocol": "ctap2", "transport": "internal",
                "hasResidentKey": true, "hasUserVerification": true, "isUserVerified": true,
                "automaticPresenceSimulation": true } }),
        )
        .await;
    (page, browser)
}

async fn run(browser: &Browser, pool: &Pool, body: &str) -> Value {
    let script = format!(
        "{HELPERS}\n(async () => {{ {body} }})().then((r) => done(JSON.stringify(r)), (e) => done(JSON.stringify({{ error: String(e) }})));"
    );
    let answer = browser
        .client
        .execute_async(
            &script,
            vec![json!(format!("{}/", pool.url)), json!(CLIENT)],
        )
        .await
        .expect("run the page's script");
    serde_json::from_str(answer.as_str().unwrap()).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn passkeys_are_registered_used_and_forgeries_refused() {
    let pool = Pool::start().await;
    let root = std::env::temp_dir().join(format!("passkeys-page-{}", std::process::id()));
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("index.html"),
        "<!doctype html><title>passkeys</title>",
    )
    .unwrap();
    let (_page, browser) = open_with_authenticator(&root).await;

    // Registration, by a signed-in user.
    let registered = run(&browser, &pool, r#"
        const signedIn = await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: client,
          AuthParameters: { USERNAME: 'ada', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Passw0rd!ada' } });
        const token = signedIn.AuthenticationResult.AccessToken;
        const start = await call('StartWebAuthnRegistration', { AccessToken: token });
        const options = PublicKeyCredential.parseCreationOptionsFromJSON(start.CredentialCreationOptions);
        const credential = (await navigator.credentials.create({ publicKey: options })).toJSON();
        const complete = await call('CompleteWebAuthnRegistration', { AccessToken: token, Credential: credential });
        const again = await call('CompleteWebAuthnRegistration', { AccessToken: token, Credential: credential });
        const list = await call('ListWebAuthnCredentials', { AccessToken: token });
        return { token, start, complete, again, list, id: credential.id };
    "#).await;
    assert_eq!(registered["complete"], json!({}), "{registered}");
    assert_eq!(
        registered["again"]["__type"], "WebAuthnChallengeNotFoundException",
        "a registration is used once: {registered}"
    );
    let options = &registered["start"]["CredentialCreationOptions"];
    assert_eq!(options["rp"]["id"], "localhost", "{options}");
    let credentials = registered["list"]["Credentials"].as_array().unwrap();
    assert_eq!(credentials.len(), 1, "{registered}");
    assert_eq!(credentials[0]["CredentialId"], registered["id"]);
    assert_eq!(credentials[0]["RelyingPartyId"], "localhost");

    // Offered to ada now, and a sign-in with it.
    let signed_in = run(
        &browser,
        &pool,
        r#"
        const offered = await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: client,
          AuthParameters: { USERNAME: 'ada' } });
        return { offered: offered.AvailableChallenges, done: await signInWithPasskey() };
    "#,
    )
    .await;
    assert_eq!(signed_in["offered"][0], "WEB_AUTHN", "{signed_in}");
    assert!(
        signed_in["done"]["AuthenticationResult"]["AccessToken"].is_string(),
        "{signed_in}"
    );

    // Each forgery, each refused.
    let forgeries = [
        (
            "another challenge",
            "(a) => { const c = b64url.decode(a.response.clientDataJSON); c.challenge = 'AAAAAAAAAAAAAAAAAAAAAA'; a.response.clientDataJSON = b64url.encode(c); return a; }",
        ),
        (
            "another origin",
            "(a) => { const c = b64url.decode(a.response.clientDataJSON); c.origin = 'https://evil.example'; a.response.clientDataJSON = b64url.encode(c); return a; }",
        ),
        (
            "a registration's client data",
            "(a) => { const c = b64url.decode(a.response.clientDataJSON); c.type = 'webauthn.create'; a.response.clientDataJSON = b64url.encode(c); return a; }",
        ),
        (
            "a broken signature",
            "(a) => { a.response.signature = a.response.signature.slice(0, -4) + 'AAAA'; return a; }",
        ),
        (
            "another credential",
            "(a) => { a.id = a.rawId = 'AAAAAAAAAAAAAAAAAAAAAA'; return a; }",
        ),
    ];
    for (name, tamper) in forgeries {
        let refused = run(
            &browser,
            &pool,
            &format!("return await signInWithPasskey({tamper});"),
        )
        .await;
        assert_eq!(
            refused["__type"], "NotAuthorizedException",
            "{name} was not refused: {refused}"
        );
    }
    // Five failures lock the user out for a while, as five wrong passwords do.
    let locked = run(&browser, &pool, "return await signInWithPasskey();").await;
    assert_eq!(
        locked["started"]["message"], "Password attempts exceeded",
        "{locked}"
    );
    pool.clock.advance(5.0);
    // A replayed assertion is refused too.
    let replayed = run(
        &browser,
        &pool,
        r#"
        let kept;
        await signInWithPasskey((a) => { kept = a; return a; });
        return await signInWithPasskey(() => kept);
    "#,
    )
    .await;
    assert_eq!(replayed["__type"], "NotAuthorizedException", "{replayed}");

    // Deleted, it signs no one in, and it is no longer offered.
    let deleted = run(&browser, &pool, &format!(r#"
        const deleted = await call('DeleteWebAuthnCredential', {{ AccessToken: '{token}', CredentialId: '{id}' }});
        const offered = await call('InitiateAuth', {{ AuthFlow: 'USER_AUTH', ClientId: client,
          AuthParameters: {{ USERNAME: 'ada' }} }});
        return {{ deleted, offered: offered.AvailableChallenges }};
    "#, token = registered["token"].as_str().unwrap(), id = registered["id"].as_str().unwrap())).await;
    assert_eq!(deleted["deleted"], json!({}), "{deleted}");
    assert!(
        !deleted["offered"]
            .as_array()
            .unwrap()
            .contains(&json!("WEB_AUTHN")),
        "{deleted}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

/// aws-amplify v6, bundled from npm and running in Chromium, with the same virtual
/// authenticator: `associateWebAuthnCredential`, `listWebAuthnCredentials`, a `USER_AUTH`
/// sign-in with `WEB_AUTHN`, `deleteWebAuthnCredential`, after which the passkey is not offered.
#[tokio::test(flavor = "multi_thread")]
async fn amplify_registers_and_signs_in_with_a_passkey() {
    let pool = Pool::start().await;
    let dist = std::env::temp_dir().join(format!("amplify-page-{}", std::process::id()));
    let status = std::process::Command::new("node")
        .arg(support::workspace_root().join("tools/node/amplify-page/build.mjs"))
        .arg(&dist)
        .status()
        .expect("node is installed by ./scripts/test");
    assert!(status.success(), "bundling aws-amplify failed");
    let (_page, browser) = open_with_authenticator(&dist).await;
    let script = r#"
        const [endpoint, client, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
        (async () => {
          while (!window.amplify) await new Promise((r) => setTimeout(r, 20));
          const { Amplify, signIn, signOut, associateWebAuthnCredential, listWebAuthnCredentials,
                  deleteWebAuthnCredential } = window.amplify;
          Amplify.configure({ Auth: { Cognito: { userPoolId: 'us-east-1_Passwordless',
            userPoolClientId: client, userPoolEndpoint: endpoint } } });
          const first = await signIn({ username: 'ada', password: 'Passw0rd!ada' });
          await associateWebAuthnCredential();
          const listed = await listWebAuthnCredentials();
          await signOut();
          const withPasskey = await signIn({ username: 'ada',
            options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } });
          await deleteWebAuthnCredential({ credentialId: listed.credentials[0].credentialId });
          await signOut();
          const afterDelete = await signIn({ username: 'ada', options: { authFlowType: 'USER_AUTH' } });
          return { first, listed, withPasskey, afterDelete };
        })().then((r) => done(JSON.stringify(r)), (e) => done(JSON.stringify({ error: `${e.name}: ${e.message}` })));
    "#;
    let answer = browser
        .client
        .execute_async(script, vec![json!(format!("{}/", pool.url)), json!(CLIENT)])
        .await
        .expect("run Amplify in the page");
    let answer: Value = serde_json::from_str(answer.as_str().unwrap()).unwrap();
    assert_eq!(answer["first"]["isSignedIn"], true, "{answer}");
    assert_eq!(
        answer["listed"]["credentials"].as_array().map(Vec::len),
        Some(1),
        "{answer}"
    );
    assert_eq!(answer["withPasskey"]["isSignedIn"], true, "{answer}");
    assert_eq!(
        answer["afterDelete"]["nextStep"]["signInStep"],
        "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION",
        "{answer}"
    );
    assert!(
        !answer["afterDelete"]["nextStep"]["availableChallenges"]
            .as_array()
            .unwrap()
            .contains(&json!("WEB_AUTHN")),
        "{answer}"
    );
    let _ = std::fs::remove_dir_all(&dist);
}
