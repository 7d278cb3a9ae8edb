// aws-amplify v6's auth API on a page, for the browser tests: `window.amplify` has Amplify and
// the auth functions the tests drive (passkeys, sign-in, devices).
import { Amplify } from 'aws-amplify';
import * as auth from 'aws-amplify/auth';

window.amplify = { Amplify, ...auth };
