// Runs the SRP client math of two independent libraries on fixed inputs, for the Rust
// cross-implementation test (crates/cognito-srp/tests/interop.rs).
//
// stdin: JSON lines {poolId, userId, password, a, salt, srpB, secretBlock, unixMs}
// stdout: JSON lines {library, srpA, key, signature, timestamp}, one per library per case.
//
// Each library computes A from our `a`, the HKDF key, the TIMESTAMP (with its own date code and
// the clock pinned to unixMs) and the signature, the way it does when it signs in.
'use strict';

const path = require('path');
const readline = require('readline');
const { Buffer } = require('buffer');
const { Sha256 } = require('@aws-crypto/sha256-js');

const IdentityHelper = require('amazon-cognito-identity-js/lib/AuthenticationHelper').default;
const IdentityBigInteger = require('amazon-cognito-identity-js/lib/BigInteger').default;
const IdentityDateHelper = require('amazon-cognito-identity-js/lib/DateHelper').default;

const amplifySrp = path.join(__dirname, 'node_modules/@aws-amplify/auth/dist/cjs/providers/cognito/utils/srp');
const { AuthenticationHelper: AmplifyHelper } = require(path.join(amplifySrp, 'AuthenticationHelper'));
const { BigInteger: AmplifyBigInteger } = require(path.join(amplifySrp, 'BigInteger'));
const { calculateA } = require(path.join(amplifySrp, 'calculate'));
const { INIT_N } = require(path.join(amplifySrp, 'constants'));
const { getNowString } = require(path.join(amplifySrp, 'getNowString'));
const { getSignatureString } = require(path.join(amplifySrp, 'getSignatureString'));

const RealDate = Date;
// Pin "now" for the libraries' own TIMESTAMP code.
function withClock(unixMs, fn) {
  globalThis.Date = class extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(unixMs);
      else super(...args);
    }
    static now() { return unixMs; }
  };
  try { return fn(); } finally { globalThis.Date = RealDate; }
}

const poolNameOf = (poolId) => poolId.split('_')[1];

async function identityJs(c) {
  const helper = new IdentityHelper(poolNameOf(c.poolId));
  helper.smallAValue = new IdentityBigInteger(c.a, 16);
  helper.largeAValue = undefined;
  const srpA = await new Promise((ok, fail) =>
    helper.getLargeAValue((err, value) => (err ? fail(err) : ok(value))));
  const hkdf = await new Promise((ok, fail) =>
    helper.getPasswordAuthenticationKey(c.userId, c.password,
      new IdentityBigInteger(c.srpB, 16), new IdentityBigInteger(c.salt, 16),
      (err, key) => (err ? fail(err) : ok(key))));
  const timestamp = withClock(c.unixMs, () => new IdentityDateHelper().getNowString());
  // As CognitoUser.authenticateUserInternal signs the claim.
  const message = Buffer.concat([
    Buffer.from(poolNameOf(c.poolId), 'utf8'), Buffer.from(c.userId, 'utf8'),
    Buffer.from(c.secretBlock, 'base64'), Buffer.from(timestamp, 'utf8'),
  ]);
  const mac = new Sha256(hkdf);
  mac.update(message);
  const signature = Buffer.from(mac.digestSync()).toString('base64');
  return { library: 'amazon-cognito-identity-js', srpA: srpA.toString(16), key: Buffer.from(hkdf).toString('hex'), signature, timestamp };
}

async function amplify(c) {
  const N = new AmplifyBigInteger(INIT_N, 16);
  const g = new AmplifyBigInteger('2', 16);
  const a = new AmplifyBigInteger(c.a, 16);
  const A = await calculateA({ a, g, N });
  const helper = new AmplifyHelper({ userPoolName: poolNameOf(c.poolId), a, g, A, N });
  const hkdf = await helper.getPasswordAuthenticationKey({
    username: c.userId, password: c.password,
    serverBValue: new AmplifyBigInteger(c.srpB, 16), salt: new AmplifyBigInteger(c.salt, 16),
  });
  const timestamp = withClock(c.unixMs, () => getNowString());
  const signature = getSignatureString({
    userPoolName: poolNameOf(c.poolId), username: c.userId,
    challengeParameters: { SECRET_BLOCK: c.secretBlock }, dateNow: timestamp, hkdf,
  });
  return { library: 'aws-amplify', srpA: A.toString(16), key: Buffer.from(hkdf).toString('hex'), signature, timestamp };
}

(async () => {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    for (const peer of [identityJs, amplify]) {
      process.stdout.write(JSON.stringify(await peer(c)) + '\n');
    }
  }
})().catch((error) => { console.error(error); process.exit(1); });
