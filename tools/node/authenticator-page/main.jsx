// The Amplify UI <Authenticator> page: the sign-in page an Amplify team gets off the shelf
// (React 19, aws-amplify v6, @aws-amplify/ui-react's every step: sign in, sign up, reset,
// MFA and its set-up with a QR code, e-mail/SMS codes), its configuration bundled in. The
// login page's weight is compared with it in the same run (tests/bundle_size.rs).
import { Amplify } from 'aws-amplify';
import { Authenticator } from '@aws-amplify/ui-react';
import '@aws-amplify/ui-react/styles.css';
import { createRoot } from 'react-dom/client';

Amplify.configure(REFERENCE_CONFIG);

createRoot(document.getElementById('root')).render(
  <Authenticator>
    {({ signOut, user }) => (
      <main>
        <h1>Signed in as {user?.username}</h1>
        <button type="button" onClick={signOut}>Sign out</button>
      </main>
    )}
  </Authenticator>,
);
