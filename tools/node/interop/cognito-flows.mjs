// Signs in to a running local-cognito with the real JavaScript clients, through every flow and
// its failure paths, and checks the issued tokens against the pool's JWKS with `jose`.
//
//   node cognito-flows.mjs <endpoint>     (pools and users of demo/local-cognito.toml)
//
// Prints one line per scenario: "ok <name>" or "FAIL <name>: <reason>"; exits 1 on any failure.
// `POST <endpoint>/_test/advance?seconds=N` (mounted by the Rust test harness, not the product)
// moves the server's clock, to expire sessions.
import { createRequire } from 'node:module';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as OTPAuth from 'otpauth';

const require = createRequire(import.meta.url);
// Amplify names a device it remembers from `navigator` (a browser's; Node has one from v21 on).
globalThis.navigator ??= { userAgent: `Node.js/${process.version}` };
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require('amazon-cognito-identity-js');
const { Amplify } = require('aws-amplify');
const amplifyAuth = require('aws-amplify/auth');
const { signIn, confirmSignIn, signOut, fetchAuthSession, signUp, confirmSignUp, setUpTOTP, verifyTOTPSetup, updateMFAPreference, fetchMFAPreference, rememberDevice, fetchDevices, forgetDevice } = amplifyAuth;

const endpoint = process.argv[2].replace(/\/$/, '') + '/';
const DEMO = { pool: 'us-east-1_HostedDemo', client: 'hostedlogindemoclient00001' };
const GUIDE_CAPTCHA = { pool: 'us-east-1_GuideCaptcha', client: 'guidecaptchaclient00000001' };
const GUIDE_SRP = { pool: 'us-east-1_GuideSrpCaptcha', client: 'guidesrpcaptchaclient00001' };
const PASSWORDLESS = { pool: 'us-east-1_Passwordless', client: 'passwordlessclient00000001' };
const MFA = { pool: 'us-east-1_MfaRequired', client: 'mfarequiredclient000000001' };
const ALICE = 'Passw0rd!alice';

let failures = 0;
async function scenario(name, fn) {
  try {
    await fn();
    console.log(`ok ${name}`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${name}: ${error && error.stack || error}`);
  }
}
const assert = (condition, message) => { if (!condition) throw new Error(message); };
const advanceClock = (seconds) => fetch(`${endpoint}_test/advance?seconds=${seconds}`, { method: 'POST' });

async function verifyIdToken(token, { pool, client }, username) {
  const issuer = `${endpoint}${pool}`;
  const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  const { payload } = await jwtVerify(token, jwks, { issuer, audience: client });
  assert(payload.token_use === 'id', `token_use ${payload.token_use}`);
  assert(payload['cognito:username'] === username, `cognito:username ${payload['cognito:username']}`);
}

// ---- amazon-cognito-identity-js ----

function identityUser({ pool, client }, username) {
  const userPool = new CognitoUserPool({ UserPoolId: pool, ClientId: client, endpoint });
  return new CognitoUser({ Username: username, Pool: userPool });
}

// Runs authenticateUser / initiateAuth, answering challenges from `answers`, until it ends.
function identitySignIn(user, start, answers = {}) {
  return new Promise((resolve, reject) => {
    const callbacks = {
      onSuccess: (session) => resolve({ session }),
      onFailure: (error) => reject(error),
      customChallenge: (parameters) => {
        const answer = answers.custom?.shift();
        if (answer === undefined) return resolve({ challenge: parameters });
        user.sendCustomChallengeAnswer(answer, callbacks);
      },
      newPasswordRequired: () => {
        if (!answers.newPassword) return resolve({ newPasswordRequired: true });
        user.completeNewPasswordChallenge(answers.newPassword, {}, callbacks);
      },
    };
    start(callbacks);
  });
}

async function expectFailure(promise, type, message) {
  try {
    await promise;
  } catch (error) {
    assert(error.code === type || error.name === type, `expected ${type}, got ${error.code || error.name}: ${error.message}`);
    if (message) assert(error.message === message, `expected "${message}", got "${error.message}"`);
    return;
  }
  throw new Error(`expected ${type}, but it succeeded`);
}

await scenario('identity-js USER_SRP_AUTH signs in, ID token verifies against JWKS', async () => {
  const user = identityUser(DEMO, 'alice');
  const { session } = await identitySignIn(user, (cb) =>
    user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: ALICE }), cb));
  await verifyIdToken(session.getIdToken().getJwtToken(), DEMO, 'alice');
});

await scenario('identity-js USER_SRP_AUTH wrong password is rejected', async () => {
  const user = identityUser(DEMO, 'alice');
  await expectFailure(identitySignIn(user, (cb) =>
    user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: 'Wrong!pass1' }), cb)),
  'NotAuthorizedException', 'Incorrect username or password.');
});

await scenario('identity-js USER_SRP_AUTH unknown user looks like a wrong password', async () => {
  const user = identityUser(DEMO, 'nobody');
  await expectFailure(identitySignIn(user, (cb) =>
    user.authenticateUser(new AuthenticationDetails({ Username: 'nobody', Password: ALICE }), cb)),
  'NotAuthorizedException', 'Incorrect username or password.');
});

await scenario('identity-js USER_PASSWORD_AUTH signs in; wrong password rejected', async () => {
  const user = identityUser(DEMO, 'alice');
  user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  await identitySignIn(user, (cb) => user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: ALICE }), cb));
  const again = identityUser(DEMO, 'alice');
  again.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  await expectFailure(identitySignIn(again, (cb) =>
    again.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: 'nope' }), cb)),
  'NotAuthorizedException', 'Incorrect username or password.');
});

await scenario('identity-js USER_PASSWORD_AUTH migrates the legacy user, who then signs in with SRP', async () => {
  const wrong = identityUser(DEMO, 'legacy');
  wrong.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  await expectFailure(identitySignIn(wrong, (cb) =>
    wrong.authenticateUser(new AuthenticationDetails({ Username: 'legacy', Password: 'Not-the-passw0rd' }), cb)),
  'NotAuthorizedException');
  const user = identityUser(DEMO, 'legacy');
  user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  const { session } = await identitySignIn(user, (cb) =>
    user.authenticateUser(new AuthenticationDetails({ Username: 'legacy', Password: 'Legacy-Passw0rd!' }), cb));
  assert(session.getIdToken().payload.email === 'legacy@example.com', 'migrated attributes missing');
  const srp = identityUser(DEMO, 'legacy');
  await identitySignIn(srp, (cb) => srp.authenticateUser(new AuthenticationDetails({ Username: 'legacy', Password: 'Legacy-Passw0rd!' }), cb));
});

await scenario('identity-js CUSTOM_AUTH without SRP (guide triggers): answer "5" signs in', async () => {
  const user = identityUser(GUIDE_CAPTCHA, 'alice');
  user.setAuthenticationFlowType('CUSTOM_AUTH');
  const first = await identitySignIn(user, (cb) => user.initiateAuth(new AuthenticationDetails({ Username: 'alice' }), cb));
  assert(first.challenge?.captchaUrl === 'url/123.jpg', `challenge ${JSON.stringify(first)}`);
  assert(!('answer' in first.challenge), 'private challenge parameters leaked');
  const { session } = await identitySignIn(user, (cb) => user.sendCustomChallengeAnswer('5', cb));
  await verifyIdToken(session.getIdToken().getJwtToken(), GUIDE_CAPTCHA, 'alice');
});

await scenario('identity-js CUSTOM_AUTH wrong answer fails (guide Define fails it)', async () => {
  const user = identityUser(GUIDE_CAPTCHA, 'alice');
  user.setAuthenticationFlowType('CUSTOM_AUTH');
  await identitySignIn(user, (cb) => user.initiateAuth(new AuthenticationDetails({ Username: 'alice' }), cb));
  await expectFailure(identitySignIn(user, (cb) => user.sendCustomChallengeAnswer('4', cb)),
    'NotAuthorizedException', 'Incorrect username or password.');
});

await scenario('identity-js CUSTOM_AUTH with SRP first (guide triggers): password then "5"', async () => {
  const user = identityUser(GUIDE_SRP, 'alice');
  user.setAuthenticationFlowType('CUSTOM_AUTH');
  const { session } = await identitySignIn(user, (cb) =>
    user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: ALICE }), cb), { custom: ['5'] });
  await verifyIdToken(session.getIdToken().getJwtToken(), GUIDE_SRP, 'alice');
  const wrong = identityUser(GUIDE_SRP, 'alice');
  wrong.setAuthenticationFlowType('CUSTOM_AUTH');
  await expectFailure(identitySignIn(wrong, (cb) =>
    wrong.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: 'Wrong!pass1' }), cb), { custom: ['5'] }),
  'NotAuthorizedException', 'Incorrect username or password.');
});

await scenario('identity-js built-in CAPTCHA: wrong answer, new picture, right answer needs the real answer', async () => {
  const user = identityUser(DEMO, 'alice');
  user.setAuthenticationFlowType('CUSTOM_AUTH');
  const first = await identitySignIn(user, (cb) => user.initiateAuth(new AuthenticationDetails({ Username: 'alice' }), cb));
  assert(first.challenge.captchaUrl.startsWith('data:image/png;base64,'), 'no CAPTCHA picture');
  const second = await identitySignIn(user, (cb) => user.sendCustomChallengeAnswer('not-the-answer', cb));
  assert(second.challenge && second.challenge.captchaUrl !== first.challenge.captchaUrl, 'no new picture after a wrong answer');
});

await scenario('identity-js answer after the session expired is refused', async () => {
  const user = identityUser(GUIDE_CAPTCHA, 'alice');
  user.setAuthenticationFlowType('CUSTOM_AUTH');
  await identitySignIn(user, (cb) => user.initiateAuth(new AuthenticationDetails({ Username: 'alice' }), cb));
  await advanceClock(181);
  await expectFailure(identitySignIn(user, (cb) => user.sendCustomChallengeAnswer('5', cb)),
    'NotAuthorizedException', 'Invalid session for the user, session is expired.');
});

await scenario('identity-js NEW_PASSWORD_REQUIRED for the admin-created user', async () => {
  const user = identityUser(DEMO, 'newbie');
  const { session } = await identitySignIn(user, (cb) =>
    user.authenticateUser(new AuthenticationDetails({ Username: 'newbie', Password: 'Temp0rary!pass' }), cb),
  { newPassword: 'Brand-N3w!pass' });
  await verifyIdToken(session.getIdToken().getJwtToken(), DEMO, 'newbie');
  const again = identityUser(DEMO, 'newbie');
  await identitySignIn(again, (cb) => again.authenticateUser(new AuthenticationDetails({ Username: 'newbie', Password: 'Brand-N3w!pass' }), cb));
});

// ---- aws-amplify v6 ----

function configureAmplify({ pool, client }) {
  Amplify.configure({ Auth: { Cognito: { userPoolId: pool, userPoolClientId: client, userPoolEndpoint: endpoint } } });
}

async function amplifyExpectFailure(promise, name, message) {
  try {
    await promise;
  } catch (error) {
    assert(error.name === name, `expected ${name}, got ${error.name}: ${error.message}`);
    if (message) assert(error.message === message, `expected "${message}", got "${error.message}"`);
    return;
  }
  throw new Error(`expected ${name}, but it succeeded`);
}

async function amplifySignedIn(config, username) {
  const session = await fetchAuthSession();
  await verifyIdToken(session.tokens.idToken.toString(), config, username);
  await signOut();
}

await scenario('aws-amplify USER_SRP_AUTH signs in; wrong password rejected', async () => {
  configureAmplify(DEMO);
  await amplifyExpectFailure(signIn({ username: 'alice', password: 'Wrong!pass1' }),
    'NotAuthorizedException', 'Incorrect username or password.');
  const result = await signIn({ username: 'alice', password: ALICE });
  assert(result.isSignedIn && result.nextStep.signInStep === 'DONE', JSON.stringify(result));
  await amplifySignedIn(DEMO, 'alice');
});

await scenario('aws-amplify USER_PASSWORD_AUTH signs in; wrong password rejected', async () => {
  configureAmplify(DEMO);
  const options = { authFlowType: 'USER_PASSWORD_AUTH' };
  await amplifyExpectFailure(signIn({ username: 'alice', password: 'nope', options }), 'NotAuthorizedException');
  const result = await signIn({ username: 'alice', password: ALICE, options });
  assert(result.isSignedIn, JSON.stringify(result));
  await amplifySignedIn(DEMO, 'alice');
});

await scenario('aws-amplify CUSTOM_WITHOUT_SRP (guide triggers): wrong answer fails, "5" signs in', async () => {
  configureAmplify(GUIDE_CAPTCHA);
  const options = { authFlowType: 'CUSTOM_WITHOUT_SRP' };
  let step = await signIn({ username: 'alice', options });
  assert(step.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', JSON.stringify(step));
  assert(step.nextStep.additionalInfo.captchaUrl === 'url/123.jpg', JSON.stringify(step.nextStep));
  await amplifyExpectFailure(confirmSignIn({ challengeResponse: '4' }), 'NotAuthorizedException');
  step = await signIn({ username: 'alice', options });
  const done = await confirmSignIn({ challengeResponse: '5' });
  assert(done.isSignedIn, JSON.stringify(done));
  await amplifySignedIn(GUIDE_CAPTCHA, 'alice');
});

await scenario('aws-amplify CUSTOM_WITH_SRP (guide triggers): password, then "5"', async () => {
  configureAmplify(GUIDE_SRP);
  const options = { authFlowType: 'CUSTOM_WITH_SRP' };
  await amplifyExpectFailure(signIn({ username: 'alice', password: 'Wrong!pass1', options }), 'NotAuthorizedException');
  const step = await signIn({ username: 'alice', password: ALICE, options });
  assert(step.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', JSON.stringify(step));
  const done = await confirmSignIn({ challengeResponse: '5' });
  assert(done.isSignedIn, JSON.stringify(done));
  await amplifySignedIn(GUIDE_SRP, 'alice');
});

// ---- aws-amplify v6, USER_AUTH (choice-based sign-in) ----

/// The newest code local-cognito "sent" to `username` (its outbox, `/_local/messages`).
async function lastCode({ pool }, username, kind) {
  const response = await fetch(`${endpoint}_local/messages?pool=${pool}&username=${username}`);
  const { messages } = await response.json();
  const message = messages.find((entry) => entry.kind === kind);
  assert(message, `no ${kind} for ${username}: ${JSON.stringify(messages)}`);
  return message.code;
}

await scenario('aws-amplify USER_AUTH: first-factor selection, then an e-mail code (a wrong one first)', async () => {
  configureAmplify(PASSWORDLESS);
  let step = await signIn({ username: 'grace', options: { authFlowType: 'USER_AUTH' } });
  assert(step.nextStep.signInStep === 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION', JSON.stringify(step));
  assert(JSON.stringify(step.nextStep.availableChallenges) === '["EMAIL_OTP"]', JSON.stringify(step.nextStep));
  step = await confirmSignIn({ challengeResponse: 'EMAIL_OTP' });
  assert(step.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', JSON.stringify(step));
  const delivery = step.nextStep.codeDeliveryDetails;
  assert(delivery.deliveryMedium === 'EMAIL' && delivery.destination === 'g***@e***.com', JSON.stringify(delivery));
  await amplifyExpectFailure(confirmSignIn({ challengeResponse: '00000000' }), 'CodeMismatchException');
  const done = await confirmSignIn({ challengeResponse: await lastCode(PASSWORDLESS, 'grace', 'EMAIL_OTP') });
  assert(done.isSignedIn && done.nextStep.signInStep === 'DONE', JSON.stringify(done));
  await amplifySignedIn(PASSWORDLESS, 'grace');
});

await scenario('aws-amplify USER_AUTH: preferred SMS code', async () => {
  configureAmplify(PASSWORDLESS);
  const step = await signIn({ username: 'sam', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'SMS_OTP' } });
  assert(step.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_SMS_CODE', JSON.stringify(step));
  assert(step.nextStep.codeDeliveryDetails.deliveryMedium === 'SMS', JSON.stringify(step.nextStep));
  const done = await confirmSignIn({ challengeResponse: await lastCode(PASSWORDLESS, 'sam', 'SMS_OTP') });
  assert(done.isSignedIn, JSON.stringify(done));
  await amplifySignedIn(PASSWORDLESS, 'sam');
});

await scenario('aws-amplify USER_AUTH: preferred password (inline) and SRP; a wrong password rejected', async () => {
  configureAmplify(PASSWORDLESS);
  await amplifyExpectFailure(
    signIn({ username: 'ada', password: 'Wrong!pass1', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD' } }),
    'NotAuthorizedException', 'Incorrect username or password.');
  let done = await signIn({ username: 'ada', password: 'Passw0rd!ada', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD' } });
  assert(done.isSignedIn, JSON.stringify(done));
  await amplifySignedIn(PASSWORDLESS, 'ada');
  done = await signIn({ username: 'ada', password: 'Passw0rd!ada', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' } });
  assert(done.isSignedIn, JSON.stringify(done));
  await amplifySignedIn(PASSWORDLESS, 'ada');
});

await scenario('aws-amplify USER_AUTH: password chosen from the selection', async () => {
  configureAmplify(PASSWORDLESS);
  let step = await signIn({ username: 'ada', options: { authFlowType: 'USER_AUTH' } });
  assert(step.nextStep.signInStep === 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION', JSON.stringify(step));
  const offered = step.nextStep.availableChallenges;
  for (const factor of ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP']) {
    assert(offered.includes(factor), `${factor} not offered: ${JSON.stringify(offered)}`);
  }
  step = await confirmSignIn({ challengeResponse: 'PASSWORD_SRP' });
  assert(step.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_PASSWORD', JSON.stringify(step));
  const done = await confirmSignIn({ challengeResponse: 'Passw0rd!ada' });
  assert(done.isSignedIn, JSON.stringify(done));
  await amplifySignedIn(PASSWORDLESS, 'ada');
});

await scenario('aws-amplify passwordless signUp, confirmSignUp, then autoSignIn (USER_AUTH)', async () => {
  configureAmplify(PASSWORDLESS);
  const up = await signUp({ username: 'lin', options: { userAttributes: { email: 'lin@example.com' }, autoSignIn: { authFlowType: 'USER_AUTH' } } });
  assert(up.nextStep.signUpStep === 'CONFIRM_SIGN_UP', JSON.stringify(up));
  const confirmed = await confirmSignUp({ username: 'lin', confirmationCode: await lastCode(PASSWORDLESS, 'lin', 'SignUp') });
  assert(confirmed.nextStep.signUpStep === 'COMPLETE_AUTO_SIGN_IN', JSON.stringify(confirmed));
  // Amplify replaces its `autoSignIn` export once sign-up starts: read it now, not at require().
  const done = await amplifyAuth.autoSignIn();
  assert(done.isSignedIn, JSON.stringify(done));
  await amplifySignedIn(PASSWORDLESS, 'lin');
});

await scenario('aws-amplify refreshes through GetTokensFromRefreshToken, with and without rotation', async () => {
  for (const [config, username, password] of [[DEMO, 'alice', ALICE], [PASSWORDLESS, 'ada', 'Passw0rd!ada']]) {
    configureAmplify(config);
    const result = await signIn({ username, password });
    assert(result.isSignedIn, JSON.stringify(result));
    const before = (await fetchAuthSession()).tokens.idToken.toString();
    const after = (await fetchAuthSession({ forceRefresh: true })).tokens.idToken.toString();
    assert(after !== before, 'the tokens were not refreshed');
    // Once more: with rotation, Amplify now holds the new refresh token, which must work.
    const again = (await fetchAuthSession({ forceRefresh: true })).tokens.idToken.toString();
    assert(again !== after, 'the second refresh failed');
    await amplifySignedIn(config, username);
  }
});

// ---- aws-amplify v6, MFA (TOTP codes from the independent `otpauth` library) ----

/// The code an authenticator app with `secret` shows at the server's time (the test server's
/// clock is its own: `_test/advance` answers with it).
async function totpCode(secret) {
  const serverSeconds = Number(await (await advanceClock(0)).text());
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: serverSeconds * 1000 });
}

await scenario('aws-amplify MFA: a TOTP code after the password; a wrong one refused', async () => {
  configureAmplify(MFA);
  const step = await signIn({ username: 'tess', password: 'Passw0rd!tess' });
  assert(step.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE', JSON.stringify(step));
  await amplifyExpectFailure(confirmSignIn({ challengeResponse: '000000' }), 'CodeMismatchException');
  const code = await totpCode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  const done = await confirmSignIn({ challengeResponse: code });
  assert(done.isSignedIn, JSON.stringify(done));
  await amplifySignedIn(MFA, 'tess');
  // The same code again, in a new sign-in: refused, a code is good once.
  await signIn({ username: 'tess', password: 'Passw0rd!tess' });
  await amplifyExpectFailure(confirmSignIn({ challengeResponse: code }), 'CodeMismatchException');
});

await scenario('aws-amplify MFA: choosing among factors (TOTP)', async () => {
  configureAmplify(MFA);
  let step = await signIn({ username: 'max', password: 'Passw0rd!max' });
  assert(step.nextStep.signInStep === 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', JSON.stringify(step));
  assert(JSON.stringify(step.nextStep.allowedMFATypes) === '["TOTP","EMAIL"]', JSON.stringify(step.nextStep));
  step = await confirmSignIn({ challengeResponse: 'TOTP' });
  assert(step.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE', JSON.stringify(step));
  await advanceClock(30); // the same secret's code of the last scenario's step is spent
  const done = await confirmSignIn({ challengeResponse: await totpCode('KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF') });
  assert(done.isSignedIn, JSON.stringify(done));
  await amplifySignedIn(MFA, 'max');
});

await scenario('aws-amplify MFA: an authenticator set up while signing in (MFA_SETUP)', async () => {
  configureAmplify(MFA);
  let step = await signIn({ username: 'eve', password: 'Passw0rd!eve' });
  assert(step.nextStep.signInStep === 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', JSON.stringify(step));
  step = await confirmSignIn({ challengeResponse: 'TOTP' });
  assert(step.nextStep.signInStep === 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP', JSON.stringify(step));
  const secret = step.nextStep.totpSetupDetails.sharedSecret;
  const uri = step.nextStep.totpSetupDetails.getSetupUri('local-cognito', 'eve').toString();
  assert(uri.startsWith('otpauth://totp/') && uri.includes(secret), uri);
  const done = await confirmSignIn({ challengeResponse: await totpCode(secret) });
  assert(done.isSignedIn, JSON.stringify(done));
  const preference = await fetchMFAPreference();
  assert(JSON.stringify(preference.enabled) === '["TOTP"]' && preference.preferred === 'TOTP', JSON.stringify(preference));
  await amplifySignedIn(MFA, 'eve');
});

await scenario('aws-amplify MFA: e-mail codes set up while signing in', async () => {
  configureAmplify(MFA);
  let step = await signIn({ username: 'ivy', password: 'Passw0rd!ivy' });
  assert(step.nextStep.signInStep === 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', JSON.stringify(step));
  step = await confirmSignIn({ challengeResponse: 'EMAIL' });
  assert(step.nextStep.signInStep === 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP', JSON.stringify(step));
  step = await confirmSignIn({ challengeResponse: 'ivy@example.com' });
  assert(step.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', JSON.stringify(step));
  const done = await confirmSignIn({ challengeResponse: await lastCode(MFA, 'ivy', 'EMAIL_OTP') });
  assert(done.isSignedIn, JSON.stringify(done));
  await amplifySignedIn(MFA, 'ivy');
});

await scenario('aws-amplify MFA: setUpTOTP, verifyTOTPSetup, updateMFAPreference, fetchMFAPreference when signed in', async () => {
  configureAmplify(MFA);
  const step = await signIn({ username: 'ivy', password: 'Passw0rd!ivy' });
  assert(step.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', JSON.stringify(step));
  await confirmSignIn({ challengeResponse: await lastCode(MFA, 'ivy', 'EMAIL_OTP') });
  const details = await setUpTOTP();
  await amplifyExpectFailure(verifyTOTPSetup({ code: '000000' }), 'EnableSoftwareTokenMFAException');
  await verifyTOTPSetup({ code: await totpCode(details.sharedSecret) });
  await updateMFAPreference({ totp: 'PREFERRED', email: 'ENABLED' });
  const preference = await fetchMFAPreference();
  assert(preference.preferred === 'TOTP' && preference.enabled.includes('TOTP') && preference.enabled.includes('EMAIL'),
    JSON.stringify(preference));
  await amplifySignedIn(MFA, 'ivy');
});

// amazon-cognito-identity-js's MFA callbacks, with the plain-password flow (its SRP would be
// checked against the test server's moved clock).
function identityMfaSignIn(username, password, handlers) {
  return new Promise((resolve, reject) => {
    const user = identityUser(MFA, username);
    user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    const callbacks = { onSuccess: resolve, onFailure: reject };
    for (const [name, handler] of Object.entries(handlers)) {
      callbacks[name] = (...args) => handler(user, callbacks, ...args).catch(reject);
    }
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), callbacks);
  });
}

await scenario('identity-js MFA: totpRequired, selectMFAType, mfaSetup (associate and verify a software token)', async () => {
  await advanceClock(30);
  let session = await identityMfaSignIn('tess', 'Passw0rd!tess', {
    totpRequired: async (user, callbacks) =>
      user.sendMFACode(await totpCode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'), callbacks, 'SOFTWARE_TOKEN_MFA'),
  });
  await verifyIdToken(session.getIdToken().getJwtToken(), MFA, 'tess');
  session = await identityMfaSignIn('max', 'Passw0rd!max', {
    selectMFAType: async (user, callbacks) => user.sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA', callbacks),
    totpRequired: async (user, callbacks) =>
      user.sendMFACode(await totpCode('KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF'), callbacks, 'SOFTWARE_TOKEN_MFA'),
  });
  await verifyIdToken(session.getIdToken().getJwtToken(), MFA, 'max');
  session = await identityMfaSignIn('zoe', 'Passw0rd!zoe', {
    mfaSetup: async (user, callbacks) => user.associateSoftwareToken({
      associateSecretCode: async (secret) => {
        try {
          user.verifySoftwareToken(await totpCode(secret), 'phone', callbacks);
        } catch (error) { callbacks.onFailure(error); }
      },
      onFailure: callbacks.onFailure,
    }),
  });
  await verifyIdToken(session.getIdToken().getJwtToken(), MFA, 'zoe');
  session = await identityMfaSignIn('sid', 'Passw0rd!sid', {
    mfaRequired: async (user, callbacks, challengeName) => {
      assert(challengeName === 'SMS_MFA', challengeName);
      user.sendMFACode(await lastCode(MFA, 'sid', 'SMS_MFA'), callbacks);
    },
  });
  await verifyIdToken(session.getIdToken().getJwtToken(), MFA, 'sid');
});

await scenario('aws-amplify remembered device: rememberDevice, fetchDevices, DEVICE_SRP_AUTH instead of TOTP, forgetDevice', async () => {
  configureAmplify(MFA);
  await advanceClock(30); // a TOTP step not used yet
  let step = await signIn({ username: 'tess', password: 'Passw0rd!tess' });
  assert(step.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE', JSON.stringify(step));
  step = await confirmSignIn({ challengeResponse: await totpCode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP') });
  assert(step.isSignedIn, JSON.stringify(step));
  await rememberDevice();
  // Listed, remembered (identity-js's sign-in as tess left a device of its own, not remembered).
  const devices = await fetchDevices();
  assert(devices.some((device) => device.attributes['dev:device_remembered_status'] === 'remembered'
    && device.name === navigator.userAgent), JSON.stringify(devices));
  await signOut();
  // The device proves itself (Amplify answers DEVICE_SRP_AUTH on its own): no code asked.
  const again = await signIn({ username: 'tess', password: 'Passw0rd!tess' });
  assert(again.isSignedIn && again.nextStep.signInStep === 'DONE', JSON.stringify(again));
  await forgetDevice();
  await signOut();
  const third = await signIn({ username: 'tess', password: 'Passw0rd!tess' });
  assert(third.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE', JSON.stringify(third));
});

await scenario('identity-js remembered device: confirmDevice, setDeviceStatusRemembered, a sign-in through DEVICE_SRP_AUTH', async () => {
  const signInSid = (onMfa) => new Promise((resolve, reject) => {
    const user = identityUser(MFA, 'sid');
    user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    const callbacks = {
      onSuccess: (session) => resolve({ user, session }),
      onFailure: reject,
      mfaRequired: () => onMfa(user, callbacks).catch(reject),
    };
    user.authenticateUser(new AuthenticationDetails({ Username: 'sid', Password: 'Passw0rd!sid' }), callbacks);
  });
  let codesAsked = 0;
  const answer = async (user, callbacks) => {
    codesAsked++;
    user.sendMFACode(await lastCode(MFA, 'sid', 'SMS_MFA'), callbacks);
  };
  const { user } = await signInSid(answer);
  assert(codesAsked === 1, `codes asked: ${codesAsked}`);
  await new Promise((resolve, reject) => user.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }));
  // The device identity-js keeps proves itself: no code this time.
  const { session } = await signInSid(answer);
  assert(codesAsked === 1, 'a code was asked for on a remembered device');
  await verifyIdToken(session.getIdToken().getJwtToken(), MFA, 'sid');
});

await scenario('aws-amplify USER_AUTH refused for a client without ALLOW_USER_AUTH', async () => {
  configureAmplify(MFA);
  await amplifyExpectFailure(signIn({ username: 'tess', options: { authFlowType: 'USER_AUTH' } }),
    'InvalidParameterException', 'USER_AUTH flow not enabled for this client');
});

await scenario('aws-amplify USER_AUTH: an e-mail code given after the session expired is refused', async () => {
  configureAmplify(PASSWORDLESS);
  const step = await signIn({ username: 'grace', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
  assert(step.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', JSON.stringify(step));
  const code = await lastCode(PASSWORDLESS, 'grace', 'EMAIL_OTP');
  await advanceClock(181);
  await amplifyExpectFailure(confirmSignIn({ challengeResponse: code }), 'NotAuthorizedException',
    'Invalid session for the user, session is expired.');
});

// Last: it moves the server's clock past the session's life, and SRP claims are checked
// against that clock (5 minutes of skew at most).
await scenario('aws-amplify expired custom-challenge session is refused', async () => {
  configureAmplify(GUIDE_CAPTCHA);
  await signIn({ username: 'alice', options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
  await advanceClock(181);
  await amplifyExpectFailure(confirmSignIn({ challengeResponse: '5' }), 'NotAuthorizedException');
});

process.exit(failures ? 1 : 0);
