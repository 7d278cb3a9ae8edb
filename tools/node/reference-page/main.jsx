// The reference page of the side-by-side benchmark: the same screens as the Rust page (username,
// then a password or a CAPTCHA picture, then "signed in"), written as a React + aws-amplify v6 app
// is usually written — configuration bundled at build time, Amplify's `signIn` / `confirmSignIn`.
// The element ids match the Rust page's, so one script drives both.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, signIn } from 'aws-amplify/auth';

/* global REFERENCE_CONFIG */
const config = REFERENCE_CONFIG;
Amplify.configure({
  Auth: {
    Cognito: {
      userPoolId: config.auth.user_pool_id,
      userPoolClientId: config.auth.user_pool_client_id,
      userPoolEndpoint: config.hosted_login.endpoint,
    },
  },
});
const flow = config.hosted_login.default_flow;

function App() {
  const [screen, setScreen] = useState({ name: 'username' });
  const [username, setUsername] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const run = async (work) => {
    setBusy(true);
    setError('');
    try {
      const output = await work();
      if (output.isSignedIn) setScreen({ name: 'signedIn' });
      else if (output.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE') {
        setScreen({ name: 'challenge', info: output.nextStep.additionalInfo ?? {} });
      } else setError(`Unsupported step ${output.nextStep.signInStep}`);
    } catch (caught) {
      setError(caught.message);
    } finally {
      setBusy(false);
    }
  };
  const field = (event, id) => event.currentTarget.elements.namedItem(id).value;

  if (screen.name === 'username') {
    const submit = (event) => {
      event.preventDefault();
      const typed = field(event, 'username').trim();
      setUsername(typed);
      if (flow === 'CUSTOM_WITHOUT_SRP') {
        run(() => signIn({ username: typed, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } }));
      } else setScreen({ name: 'password' });
    };
    return (
      <form onSubmit={submit}>
        <h1>Sign in</h1>
        <label htmlFor="username">Username</label>
        <input id="username" name="username" autoComplete="username" defaultValue={username} />
        <button id="continue" type="submit" disabled={busy}>Next</button>
        <p role="status">{error}</p>
      </form>
    );
  }
  if (screen.name === 'password') {
    const submit = (event) => {
      event.preventDefault();
      const password = field(event, 'password');
      run(() => signIn({ username, password, options: { authFlowType: flow } }));
    };
    return (
      <form onSubmit={submit}>
        <h1>Enter your password</h1>
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" />
        <button id="continue" type="submit" disabled={busy}>Sign in</button>
        <p role="status">{error}</p>
      </form>
    );
  }
  if (screen.name === 'challenge') {
    const submit = (event) => {
      event.preventDefault();
      run(() => confirmSignIn({ challengeResponse: field(event, 'answer') }));
    };
    return (
      <form onSubmit={submit}>
        <h1>Prove you're human</h1>
        {screen.info.captchaUrl && <img src={screen.info.captchaUrl} alt="Digits to type" />}
        <label htmlFor="answer">Digits in the picture</label>
        <input id="answer" name="answer" inputMode="numeric" autoComplete="one-time-code" />
        <button id="continue" type="submit" disabled={busy}>Continue</button>
        <p role="status">{error}</p>
      </form>
    );
  }
  return <p id="signed-in-username">{username}</p>;
}

createRoot(document.getElementById('root')).render(<App />);
