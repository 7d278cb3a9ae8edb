//! Passkeys against local-cognito, made and used by Chromium's own WebAuthn with its virtual
//! authenticator (DevTools `WebAuthn` domain): registration, listing, a `USER_AUTH` sign-in with
//! `WEB_AUTHN`, each forged variant of the assertion refused, and a deleted passkey refused.
//!
//! One pool and one Chromium for the whole binary: each scenario has its own user, its own
//! page (a fresh `localhost` origin) and its own virtual authenticator.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{Value, json};
use support::browser::Browser;
use support::pool::Pool;
use support::static_server::StaticServer;

const CLIENT: &str = "passwordlessclient00000001";
const POOL_ID: &str = "us-east-1_Passwordless";

/// The page's helpers: Cognito calls, and a passkey sign-in whose assertion `tamper` may change
/// before it is sent. Each call's answer comes back as JSON.
const HELPERS: &str = r#"
const [pool, client, me] = [arguments[0], arguments[1], arguments[2]];
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
const signInWithPasskey = async (tamper, discourageVerification) => {
  const started = await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: client,
    AuthParameters: { USERNAME: me, PREFERRED_CHALLENGE: 'WEB_AUTHN' } });
  if (started.ChallengeName !== 'WEB_AUTHN') return { started };
  const json = JSON.parse(started.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS);
  // A client that ignores what the server asked (the server must not trust it).
  if (discourageVerification) json.userVerification = 'discouraged';
  const options = PublicKeyCredential.parseRequestOptionsFromJSON(json);
  const assertion = (await navigator.credentials.get({ publicKey: options })).toJSON();
  const sent = tamper ? tamper(assertion) : assertion;
  return call('RespondToAuthChallenge', { ChallengeName: 'WEB_AUTHN', ClientId: client,
    Session: started.Session, ChallengeResponses: { USERNAME: me, CREDENTIAL: JSON.stringify(sent) } });
};
"#;

/// `root` served on a fresh `localhost` origin (the relying party) and open in the shared
/// Chromium with a new virtual platform authenticator (resident keys, user verification,
/// presence simulated) in place of the previous scenario's.
async fn open_with_authenticator(browser: &Browser, root: &std::path::Path) -> StaticServer {
    open_with(browser, root, true).await.0
}

/// The same, with an authenticator that can verify its user (a PIN, a fingerprint) or not (a
/// plain security key); the authenticator's id comes second.
async fn open_with(
    browser: &Browser,
    root: &std::path::Path,
    user_verification: bool,
) -> (StaticServer, String) {
    let page = StaticServer::start(root).await;
    let port = page.origin.rsplit(':').next().unwrap().to_owned();
    browser
        .client
        .goto(&format!("http://localhost:{port}/"))
        .await
        .unwrap();
    // Disabling the domain removes the previous scenario's authenticators (and their keys).
    browser.devtools("WebAuthn.disable", json!({})).await;
    browser.devtools("WebAuthn.enable", json!({})).await;
    let added = browser
        .devtools(
            "WebAuthn.addVirtualAuthenticator",
            json!({ "options": { "protocol": "ctap2", "transport": "internal",
                "hasResidentKey": true, "hasUserVerification": user_verification,
                "isUserVerified": user_verification,
                "automaticPresenceSimulation": true } }),
        )
        .await;
    let authenticator = added["authenticatorId"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (page, authenticator)
}

/// Runs `body` in the page as `user`, with [`HELPERS`].
async fn run(browser: &Browser, pool: &Pool, user: &str, body: &str) -> Value {
    let script = format!(
        "{HELPERS}\n(async () => {{ {body} }})().then((r) => done(JSON.stringify(r)), (e) => done(JSON.stringify({{ error: String(e) }})));"
    );
    let answer = browser
        .client
        .execute_async(
            &script,
            vec![json!(format!("{}/", pool.url)), json!(CLIENT), json!(user)],
        )
        .await
        .expect("run the page's script");
    serde_json::from_str(answer.as_str().unwrap()).unwrap()
}

/// A new user of the shared pool with a passkey, made in the shared Chromium by a new virtual
/// authenticator on a fresh `localhost` page.
struct Registered {
    _page: StaticServer,
    /// The user (`Passw0rd!<user>`).
    user: String,
    /// Their access token.
    token: String,
    /// The passkey's credential id.
    id: String,
    /// What the registration calls answered.
    answers: Value,
    /// The virtual authenticator's id (DevTools).
    authenticator: String,
}

async fn registered(pool: &Pool, browser: &Browser, tag: &str) -> Registered {
    registered_as(pool, browser, tag, true).await
}

/// A passkey registered for a new user `tag` by an authenticator that verifies its user or not.
async fn registered_as(
    pool: &Pool,
    browser: &Browser,
    tag: &str,
    user_verification: bool,
) -> Registered {
    create_user(pool, tag);
    let (page, authenticator) = open_with(browser, blank_page(), user_verification).await;
    let answers = run(
        browser,
        pool,
        tag,
        &format!("const user = '{tag}';{REGISTER}"),
    )
    .await;
    assert_eq!(answers["complete"], json!({}), "{answers}");
    Registered {
        token: answers["token"].as_str().unwrap().to_owned(),
        id: answers["id"].as_str().unwrap().to_owned(),
        user: tag.to_owned(),
        _page: page,
        answers,
        authenticator,
    }
}

/// A folder with an empty page, for the scenarios that drive the API from the page's script.
fn blank_page() -> &'static std::path::Path {
    static ROOT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("passkeys-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(
            root.join("index.html"),
            "<!doctype html><title>passkeys</title>",
        )
        .unwrap();
        root
    })
}

/// Signs `user` in with their password and registers a passkey (completing it twice).
const REGISTER: &str = r#"
        const signedIn = await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: client,
          AuthParameters: { USERNAME: user, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Passw0rd!' + user } });
        const token = signedIn.AuthenticationResult.AccessToken;
        const start = await call('StartWebAuthnRegistration', { AccessToken: token });
        const options = PublicKeyCredential.parseCreationOptionsFromJSON(start.CredentialCreationOptions);
        const credential = (await navigator.credentials.create({ publicKey: options })).toJSON();
        const complete = await call('CompleteWebAuthnRegistration', { AccessToken: token, Credential: credential });
        const again = await call('CompleteWebAuthnRegistration', { AccessToken: token, Credential: credential });
        const list = await call('ListWebAuthnCredentials', { AccessToken: token });
        return { token, start, complete, again, list, id: credential.id };
"#;

/// The passwordless pool's `UserVerification` (`SetUserPoolMfaConfig`) set to `setting`; its
/// answer.
fn user_verification(pool: &Pool, setting: &str) -> Value {
    let request = serde_json::from_value(json!({ "UserPoolId": POOL_ID,
        "WebAuthnConfiguration": { "RelyingPartyId": "localhost", "UserVerification": setting } }))
    .unwrap();
    pool.service.set_user_pool_mfa_config(&request).unwrap()
}

/// A user `name` of the passwordless pool with the password `Passw0rd!<name>`.
fn create_user(pool: &Pool, name: &str) {
    let created = json!({ "UserPoolId": POOL_ID, "Username": name, "MessageAction": "SUPPRESS",
        "UserAttributes": [{ "Name": "email", "Value": format!("{name}@example.com") }] });
    pool.service
        .admin_create_user(&serde_json::from_value(created).unwrap())
        .unwrap();
    let password = json!({ "UserPoolId": POOL_ID, "Username": name,
        "Password": format!("Passw0rd!{name}"), "Permanent": true });
    pool.service
        .admin_set_user_password(&serde_json::from_value(password).unwrap())
        .unwrap();
}

/// A passkey sign-in whose assertion `tamper` (a JavaScript function) changes is refused.
async fn refused(pool: &Pool, browser: &Browser, tag: &str, tamper: &str) {
    let Registered { user, .. } = registered(pool, browser, tag).await;
    let answer = run(
        browser,
        pool,
        &user,
        &format!("return await signInWithPasskey({tamper});"),
    )
    .await;
    assert_eq!(
        answer["__type"], "NotAuthorizedException",
        "{tag}: {answer}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn passkeys_in_chromium() {
    let pool = Pool::start().await;
    let browser = Browser::start().await;
    a_passkey_is_registered_once_listed_offered_and_signs_in(&pool, &browser).await;
    forged_assertions_are_refused(&pool, &browser).await;
    another_users_passkey_is_refused(&pool, &browser).await;
    a_passkey_answers_the_choice_in_one_step(&pool, &browser).await;
    a_replayed_assertion_is_refused(&pool, &browser).await;
    guessing_with_forged_assertions_locks_the_user_out(&pool, &browser).await;
    a_deleted_passkey_signs_no_one_in(&pool, &browser).await;
    amplify_registers_and_signs_in_with_a_passkey(&pool, &browser).await;
    // Last: these change the pool's setting, and put Cognito's default back.
    an_assertion_without_user_verification_is_refused_when_required(&pool, &browser).await;
    a_key_without_user_verification_signs_in_only_while_it_is_preferred(&pool, &browser).await;
}

async fn a_passkey_is_registered_once_listed_offered_and_signs_in(pool: &Pool, browser: &Browser) {
    let Registered {
        user, answers, id, ..
    } = registered(pool, browser, "signs-in").await;
    assert_eq!(
        answers["again"]["__type"], "WebAuthnChallengeNotFoundException",
        "a registration is used once: {answers}"
    );
    let options = &answers["start"]["CredentialCreationOptions"];
    assert_eq!(options["rp"]["id"], "localhost", "{options}");
    let credentials = answers["list"]["Credentials"].as_array().unwrap();
    assert_eq!(credentials.len(), 1, "{answers}");
    assert_eq!(credentials[0]["CredentialId"], id.as_str());
    assert_eq!(credentials[0]["RelyingPartyId"], "localhost");
    let signed_in = run(
        browser,
        pool,
        &user,
        r#"
        const offered = await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: client,
          AuthParameters: { USERNAME: me } });
        return { offered: offered.AvailableChallenges, done: await signInWithPasskey() };
    "#,
    )
    .await;
    assert_eq!(signed_in["offered"][0], "WEB_AUTHN", "{signed_in}");
    assert!(
        signed_in["done"]["AuthenticationResult"]["AccessToken"].is_string(),
        "{signed_in}"
    );
}

/// Each forged variant of an assertion is refused: another challenge, another origin, a
/// registration's client data, a broken signature, another relying party's authenticator data
/// (its first 32 bytes are the RP ID hash), a credential that is not the user's.
async fn forged_assertions_are_refused(pool: &Pool, browser: &Browser) {
    refused(pool, browser, "challenge", "(a) => { const c = b64url.decode(a.response.clientDataJSON); c.challenge = 'AAAAAAAAAAAAAAAAAAAAAA'; a.response.clientDataJSON = b64url.encode(c); return a; }").await;
    refused(pool, browser, "origin", "(a) => { const c = b64url.decode(a.response.clientDataJSON); c.origin = 'https://evil.example'; a.response.clientDataJSON = b64url.encode(c); return a; }").await;
    refused(pool, browser, "type", "(a) => { const c = b64url.decode(a.response.clientDataJSON); c.type = 'webauthn.create'; a.response.clientDataJSON = b64url.encode(c); return a; }").await;
    refused(
        pool,
        browser,
        "signature",
        "(a) => { a.response.signature = a.response.signature.slice(0, -4) + 'AAAA'; return a; }",
    )
    .await;
    refused(pool, browser, "rp-id", "(a) => { a.response.authenticatorData = 'A'.repeat(43) + a.response.authenticatorData.slice(43); return a; }").await;
    refused(
        pool,
        browser,
        "credential",
        "(a) => { a.id = a.rawId = 'AAAAAAAAAAAAAAAAAAAAAA'; return a; }",
    )
    .await;
}

/// A passkey made for another user, used on this user's challenge, signs no one in (the authenticator
/// really signs the challenge: only the credential is not hers).
async fn another_users_passkey_is_refused(pool: &Pool, browser: &Browser) {
    let Registered { user, .. } = registered(pool, browser, "another-user").await;
    create_user(pool, "bob");
    let answer = run(
        browser,
        pool,
        &user,
        &format!(
            r#"
        const user = 'bob';
        const bobs = await (async () => {{ {REGISTER} }})();
        const started = await call('InitiateAuth', {{ AuthFlow: 'USER_AUTH', ClientId: client,
          AuthParameters: {{ USERNAME: me, PREFERRED_CHALLENGE: 'WEB_AUTHN' }} }});
        const options = JSON.parse(started.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS);
        options.allowCredentials = [{{ type: 'public-key', id: bobs.id }}];
        const assertion = (await navigator.credentials.get({{
          publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) }})).toJSON();
        const answer = await call('RespondToAuthChallenge', {{ ChallengeName: 'WEB_AUTHN',
          ClientId: client, Session: started.Session,
          ChallengeResponses: {{ USERNAME: me, CREDENTIAL: JSON.stringify(assertion) }} }});
        return {{ registered: bobs.complete, answer }};
    "#
        ),
    )
    .await;
    assert_eq!(answer["registered"], json!({}), "{answer}");
    assert_eq!(
        answer["answer"]["__type"], "NotAuthorizedException",
        "{answer}"
    );
}

/// Under `UserVerification: required`, an assertion the authenticator made without verifying
/// its user (a valid signature, UV flag clear) is refused.
async fn an_assertion_without_user_verification_is_refused_when_required(
    pool: &Pool,
    browser: &Browser,
) {
    let Registered {
        user,
        authenticator,
        ..
    } = registered(pool, browser, "missing-uv").await;
    let config = user_verification(pool, "required");
    assert_eq!(
        config["WebAuthnConfiguration"]["UserVerification"], "required",
        "{config}"
    );
    browser
        .devtools(
            "WebAuthn.setUserVerified",
            json!({ "authenticatorId": authenticator, "isUserVerified": false }),
        )
        .await;
    let answer = run(
        browser,
        pool,
        &user,
        "return await signInWithPasskey(null, true);",
    )
    .await;
    assert_eq!(answer["__type"], "NotAuthorizedException", "{answer}");
    user_verification(pool, "preferred");
}

/// Under Cognito's default, `UserVerification: preferred`, a security key that cannot verify its
/// user registers and signs in; once the pool requires verification, it no longer does.
async fn a_key_without_user_verification_signs_in_only_while_it_is_preferred(
    pool: &Pool,
    browser: &Browser,
) {
    let Registered { user, answers, .. } =
        registered_as(pool, browser, "preferred-uv", false).await;
    let options = &answers["start"]["CredentialCreationOptions"];
    assert_eq!(
        options["authenticatorSelection"]["userVerification"], "preferred",
        "{options}"
    );
    let signed_in = run(browser, pool, &user, "return await signInWithPasskey();").await;
    assert!(
        signed_in["AuthenticationResult"]["AccessToken"].is_string(),
        "{signed_in}"
    );
    user_verification(pool, "required");
    let refused = run(
        browser,
        pool,
        &user,
        "return await signInWithPasskey(null, true);",
    )
    .await;
    assert_eq!(refused["__type"], "NotAuthorizedException", "{refused}");
    user_verification(pool, "preferred");
}

/// The passkey's challenge comes with `SELECT_CHALLENGE`, so `ANSWER: WEB_AUTHN` may carry the
/// `CREDENTIAL` in one step; a credential without that challenge is refused.
async fn a_passkey_answers_the_choice_in_one_step(pool: &Pool, browser: &Browser) {
    let Registered { user, .. } = registered(pool, browser, "one-shot").await;
    let answer = run(browser, pool, &user, r#"
        const choice = await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: client,
          AuthParameters: { USERNAME: me } });
        const options = PublicKeyCredential.parseRequestOptionsFromJSON(
          JSON.parse(choice.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS));
        const assertion = (await navigator.credentials.get({ publicKey: options })).toJSON();
        const respond = (session) => call('RespondToAuthChallenge', { ChallengeName: 'SELECT_CHALLENGE',
          ClientId: client, Session: session, ChallengeResponses: { USERNAME: me,
          ANSWER: 'WEB_AUTHN', CREDENTIAL: JSON.stringify(assertion) } });
        const signedIn = await respond(choice.Session);
        const other = await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: client,
          AuthParameters: { USERNAME: me } });
        return { signedIn, stale: await respond(other.Session) };
    "#).await;
    assert!(
        answer["signedIn"]["AuthenticationResult"]["AccessToken"].is_string(),
        "{answer}"
    );
    assert_eq!(
        answer["stale"]["__type"], "NotAuthorizedException",
        "{answer}"
    );
}

async fn a_replayed_assertion_is_refused(pool: &Pool, browser: &Browser) {
    let Registered { user, .. } = registered(pool, browser, "replay").await;
    let replayed = run(
        browser,
        pool,
        &user,
        r#"
        let kept;
        await signInWithPasskey((a) => { kept = a; return a; });
        return await signInWithPasskey(() => kept);
    "#,
    )
    .await;
    assert_eq!(replayed["__type"], "NotAuthorizedException", "{replayed}");
}

/// Five failures lock the user out for a while, as five wrong passwords do.
async fn guessing_with_forged_assertions_locks_the_user_out(pool: &Pool, browser: &Browser) {
    let Registered { user, .. } = registered(pool, browser, "lockout").await;
    let locked = run(browser, pool, &user, r#"
        for (let i = 0; i < 5; i++) {
          await signInWithPasskey((a) => { a.response.signature = a.response.signature.slice(0, -4) + 'AAAA'; return a; });
        }
        return await signInWithPasskey();
    "#).await;
    assert_eq!(
        locked["started"]["message"], "Password attempts exceeded",
        "{locked}"
    );
}

/// Deleted, a passkey signs no one in, and it is no longer offered.
async fn a_deleted_passkey_signs_no_one_in(pool: &Pool, browser: &Browser) {
    let Registered {
        user, token, id, ..
    } = registered(pool, browser, "deleted").await;
    let deleted = run(browser, pool, &user, &format!(r#"
        const options = await call('InitiateAuth', {{ AuthFlow: 'USER_AUTH', ClientId: client,
          AuthParameters: {{ USERNAME: me, PREFERRED_CHALLENGE: 'WEB_AUTHN' }} }});
        const request = PublicKeyCredential.parseRequestOptionsFromJSON(
          JSON.parse(options.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS));
        const assertion = (await navigator.credentials.get({{ publicKey: request }})).toJSON();
        const deleted = await call('DeleteWebAuthnCredential', {{ AccessToken: '{token}', CredentialId: '{id}' }});
        const late = await call('RespondToAuthChallenge', {{ ChallengeName: 'WEB_AUTHN', ClientId: client,
          Session: options.Session, ChallengeResponses: {{ USERNAME: me, CREDENTIAL: JSON.stringify(assertion) }} }});
        const offered = await call('InitiateAuth', {{ AuthFlow: 'USER_AUTH', ClientId: client,
          AuthParameters: {{ USERNAME: me }} }});
        return {{ deleted, late, offered: offered.AvailableChallenges }};
    "#)).await;
    assert_eq!(deleted["deleted"], json!({}), "{deleted}");
    assert_eq!(
        deleted["late"]["__type"], "NotAuthorizedException",
        "{deleted}"
    );
    assert!(
        !deleted["offered"]
            .as_array()
            .unwrap()
            .contains(&json!("WEB_AUTHN")),
        "{deleted}"
    );
}

/// aws-amplify v6, bundled from npm and running in Chromium, with the same virtual
/// authenticator: `associateWebAuthnCredential`, `listWebAuthnCredentials`, a `USER_AUTH`
/// sign-in with `WEB_AUTHN`, `deleteWebAuthnCredential`, after which the passkey is not offered.
async fn amplify_registers_and_signs_in_with_a_passkey(pool: &Pool, browser: &Browser) {
    let dist = std::env::temp_dir().join(format!("amplify-page-{}", std::process::id()));
    let status = std::process::Command::new("node")
        .arg(support::workspace_root().join("tools/node/amplify-page/build.mjs"))
        .arg(&dist)
        .status()
        .expect("node is installed by ./scripts/test");
    assert!(status.success(), "bundling aws-amplify failed");
    let _page = open_with_authenticator(browser, &dist).await;
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
