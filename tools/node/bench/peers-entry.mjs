// Bundled by esbuild for the browser bench: the SRP client helpers of the two JS libraries,
// used the way they are used when signing in.
import IdentityHelper from 'amazon-cognito-identity-js/es/AuthenticationHelper';
import IdentityBigInteger from 'amazon-cognito-identity-js/es/BigInteger';
import IdentityDateHelper from 'amazon-cognito-identity-js/es/DateHelper';
import { Buffer } from 'buffer';
import { Sha256 } from '@aws-crypto/sha256-js';
import { getAuthenticationHelper } from '../node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/srp/getAuthenticationHelper.mjs';
import { BigInteger as AmplifyBigInteger } from '../node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/srp/BigInteger/index.mjs';
import { getSignatureString } from '../node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/srp/getSignatureString.mjs';
import { getNowString } from '../node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/srp/getNowString.mjs';

// amazon-cognito-identity-js: CognitoUser.authenticateUserInternal's path.
export async function identityJsFull(c) {
  const helper = new IdentityHelper(c.poolId.split('_')[1]);
  await new Promise((ok, fail) => helper.getLargeAValue((e, v) => (e ? fail(e) : ok(v))));
  const hkdf = await new Promise((ok, fail) =>
    helper.getPasswordAuthenticationKey(c.userId, c.password, new IdentityBigInteger(c.srpB, 16),
      new IdentityBigInteger(c.salt, 16), (e, k) => (e ? fail(e) : ok(k))));
  const message = Buffer.concat([Buffer.from(c.poolId.split('_')[1], 'utf8'),
    Buffer.from(c.userId, 'utf8'), Buffer.from(c.secretBlock, 'base64'),
    Buffer.from(new IdentityDateHelper().getNowString(), 'utf8')]);
  const mac = new Sha256(hkdf);
  mac.update(message);
  return Buffer.from(mac.digestSync()).toString('base64');
}

// aws-amplify v6: handleUserSRPAuthFlow + handlePasswordVerifierChallenge's path.
export async function amplifyFull(c) {
  const helper = await getAuthenticationHelper(c.poolId.split('_')[1]);
  const hkdf = await helper.getPasswordAuthenticationKey({
    username: c.userId, password: c.password,
    serverBValue: new AmplifyBigInteger(c.srpB, 16), salt: new AmplifyBigInteger(c.salt, 16),
  });
  return getSignatureString({ userPoolName: c.poolId.split('_')[1], username: c.userId,
    challengeParameters: { SECRET_BLOCK: c.secretBlock }, dateNow: getNowString(), hkdf });
}
