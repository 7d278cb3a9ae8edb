// aws-amplify v6 and the Rust client sharing a remembered device through one key/value storage
// (a JSON file of entries), as an Amplify app and the login page share localStorage.
//
//   node amplify-shared-device.mjs <endpoint> <poolId> <clientId> <storage.json> use|make <serverSeconds>
//
// use:  the device the Rust client remembered for tess lets Amplify sign her in with her password
//       alone (DEVICE_SRP_AUTH instead of the authenticator code).
// make: Amplify signs tess in with her authenticator code (from the independent `otpauth`
//       library, at the pool's time), remembers the device, signs out, and writes the entries
//       back for the Rust client to use.
// Exits 1 with a message on any mismatch.
import { createRequire } from 'node:module';
import * as OTPAuth from 'otpauth';
import { amplifyOverFile, fail } from './shared-file-storage.mjs';

// Amplify names a device from `navigator` (a browser's; Node has one from v21 on).
globalThis.navigator ??= { userAgent: `Node.js/${process.version}` };

const require = createRequire(import.meta.url);
const { signIn, signOut, confirmSignIn, rememberDevice } = require('aws-amplify/auth');

const [endpoint, userPoolId, userPoolClientId, file, mode, serverSeconds] = process.argv.slice(2);
const { save } = amplifyOverFile({ endpoint, userPoolId, userPoolClientId, file });

const first = await signIn({ username: 'tess', password: 'Passw0rd!tess' });
if (mode === 'use') {
  if (!first.isSignedIn) fail(`Amplify was asked ${first.nextStep.signInStep}: the shared device did not stand in for the code`);
  console.log('amplify signed tess in on the device the Rust client remembered');
} else {
  if (first.nextStep.signInStep !== 'CONFIRM_SIGN_IN_WITH_TOTP_CODE') fail(`unexpected ${JSON.stringify(first)}`);
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'),
    algorithm: 'SHA1', digits: 6, period: 30 });
  const code = totp.generate({ timestamp: Number(serverSeconds) * 1000 });
  const done = await confirmSignIn({ challengeResponse: code });
  if (!done.isSignedIn) fail(`the code did not sign in: ${JSON.stringify(done)}`);
  await rememberDevice();
  console.log('amplify remembered the device');
}
await signOut();
save();
