// aws-amplify v6 configured for a pool, over a key/value storage kept in a JSON file of entries
// (what the Rust client stored, for the shared-storage tests): `save()` writes it back.
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const { Amplify } = require('aws-amplify');
const { cognitoUserPoolsTokenProvider } = require('aws-amplify/auth/cognito');

export function amplifyOverFile({ endpoint, userPoolId, userPoolClientId, file }) {
  const entries = new Map(Object.entries(JSON.parse(fs.readFileSync(file, 'utf8'))));
  // Configured first: configuring resets the token provider's storage.
  Amplify.configure({ Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint: endpoint } } });
  cognitoUserPoolsTokenProvider.setKeyValueStorage({
    async setItem(key, value) { entries.set(key, value); },
    async getItem(key) { return entries.has(key) ? entries.get(key) : null; },
    async removeItem(key) { entries.delete(key); },
    async clear() { entries.clear(); },
  });
  return {
    entries,
    save() { fs.writeFileSync(file, JSON.stringify(Object.fromEntries(entries))); },
  };
}

export function fail(message) {
  console.error(message);
  process.exit(1);
}
