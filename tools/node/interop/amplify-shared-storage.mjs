// aws-amplify v6 over a key/value storage shared with the Rust client (a JSON file of
// entries): it must see the user the Rust client signed in, and leave a session the Rust
// client can use.
//
//   node amplify-shared-storage.mjs <endpoint> <poolId> <clientId> <storage.json>
//
// Reads the entries, checks fetchAuthSession()/getCurrentUser(), signs out, signs alice in
// again with Amplify, and writes the entries back. Exits 1 with a message on any mismatch.
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const { Amplify } = require('aws-amplify');
const { fetchAuthSession, getCurrentUser, signIn, signOut } = require('aws-amplify/auth');
const { cognitoUserPoolsTokenProvider } = require('aws-amplify/auth/cognito');

const [endpoint, userPoolId, userPoolClientId, file] = process.argv.slice(2);
const entries = new Map(Object.entries(JSON.parse(fs.readFileSync(file, 'utf8'))));
const storage = {
  async setItem(key, value) { entries.set(key, value); },
  async getItem(key) { return entries.has(key) ? entries.get(key) : null; },
  async removeItem(key) { entries.delete(key); },
  async clear() { entries.clear(); },
};

Amplify.configure({ Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint: endpoint } } });
cognitoUserPoolsTokenProvider.setKeyValueStorage(storage);

function fail(message) {
  console.error(message);
  process.exit(1);
}

const session = await fetchAuthSession();
if (!session.tokens?.idToken) fail(`Amplify sees no session in the Rust client's storage: ${JSON.stringify([...entries.keys()])}`);
const user = await getCurrentUser();
if (user.username !== 'alice') fail(`Amplify sees user ${user.username}`);
console.log(`amplify sees ${user.username}, id token for ${session.tokens.idToken.payload['cognito:username']}`);

await signOut();
const result = await signIn({ username: 'alice', password: 'Passw0rd!alice' });
if (!result.isSignedIn) fail(`Amplify could not sign in: ${JSON.stringify(result)}`);
fs.writeFileSync(file, JSON.stringify(Object.fromEntries(entries)));
console.log('amplify signed alice in again');
