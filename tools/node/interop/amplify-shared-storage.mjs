// aws-amplify v6 over a key/value storage shared with the Rust client (a JSON file of
// entries): it must see the user the Rust client signed in, and leave a session the Rust
// client can use.
//
//   node amplify-shared-storage.mjs <endpoint> <poolId> <clientId> <storage.json>
//
// Reads the entries, checks fetchAuthSession()/getCurrentUser(), signs out, signs alice in
// again with Amplify, and writes the entries back. Exits 1 with a message on any mismatch.
import { createRequire } from 'node:module';
import { amplifyOverFile, fail } from './shared-file-storage.mjs';

const require = createRequire(import.meta.url);
const { fetchAuthSession, getCurrentUser, signIn, signOut } = require('aws-amplify/auth');

const [endpoint, userPoolId, userPoolClientId, file] = process.argv.slice(2);
const { entries, save } = amplifyOverFile({ endpoint, userPoolId, userPoolClientId, file });

const session = await fetchAuthSession();
if (!session.tokens?.idToken) fail(`Amplify sees no session in the Rust client's storage: ${JSON.stringify([...entries.keys()])}`);
const user = await getCurrentUser();
if (user.username !== 'alice') fail(`Amplify sees user ${user.username}`);
console.log(`amplify sees ${user.username}, id token for ${session.tokens.idToken.payload['cognito:username']}`);

await signOut();
const result = await signIn({ username: 'alice', password: 'Passw0rd!alice' });
if (!result.isSignedIn) fail(`Amplify could not sign in: ${JSON.stringify(result)}`);
save();
console.log('amplify signed alice in again');
