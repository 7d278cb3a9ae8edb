//! The sign-in vocabulary (Amplify's), and the in-flight state kept between steps.

use cognito_protocol::{ExposeSecret, SecretString};

use crate::{AuthError, KeyValueStorage, StringMap};

/// How to sign in (Amplify's `authFlowType`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AuthFlow {
    /// SRP: the password never leaves the device. The default.
    #[default]
    UserSrpAuth,
    /// The password is sent (over TLS); needed for the user-migration trigger.
    UserPasswordAuth,
    /// Passwordless: Lambda-defined challenges only.
    CustomWithoutSrp,
    /// SRP first, then Lambda-defined challenges.
    CustomWithSrp,
}

/// `sign_in`'s input. `Debug` never prints the password.
#[derive(Clone, Debug, Default)]
pub struct SignInInput {
    /// What the person typed (a username or an alias such as an e-mail).
    pub username: String,
    /// Required by every flow but `CustomWithoutSrp`, which refuses one.
    pub password: Option<SecretString>,
    /// The flow.
    pub flow: AuthFlow,
    /// Passed to the triggers that receive it.
    pub client_metadata: StringMap,
}

impl SignInInput {
    /// SRP sign-in with a password.
    #[must_use]
    pub fn with_password(username: &str, password: &str) -> Self {
        Self {
            username: username.to_owned(),
            password: Some(password.into()),
            ..Self::default()
        }
    }

    /// Passwordless (`CustomWithoutSrp`).
    #[must_use]
    pub fn passwordless(username: &str) -> Self {
        Self {
            username: username.to_owned(),
            flow: AuthFlow::CustomWithoutSrp,
            ..Self::default()
        }
    }

    /// The same input with another flow.
    #[must_use]
    pub fn flow(mut self, flow: AuthFlow) -> Self {
        self.flow = flow;
        self
    }
}

/// Compares the passwords too (for tests of code that builds inputs).
impl PartialEq for SignInInput {
    fn eq(&self, other: &Self) -> bool {
        self.username == other.username
            && self.flow == other.flow
            && self.client_metadata == other.client_metadata
            && self.password.as_ref().map(ExposeSecret::expose_secret)
                == other.password.as_ref().map(ExposeSecret::expose_secret)
    }
}

/// `confirm_sign_in`'s input. `Debug` never prints the answer.
#[derive(Clone, Debug, Default)]
pub struct ConfirmSignInInput {
    /// The answer, the new password, or the code.
    pub challenge_response: SecretString,
    /// With a new password: attributes Cognito asked for (`missing_attributes`).
    pub user_attributes: StringMap,
    /// Passed to the Define/Create/Verify triggers.
    pub client_metadata: StringMap,
}

impl ConfirmSignInInput {
    /// Just an answer.
    #[must_use]
    pub fn answer(response: &str) -> Self {
        Self {
            challenge_response: response.into(),
            ..Self::default()
        }
    }
}

/// Compares the answers too (for tests of code that builds inputs).
impl PartialEq for ConfirmSignInInput {
    fn eq(&self, other: &Self) -> bool {
        self.challenge_response.expose_secret() == other.challenge_response.expose_secret()
            && self.user_attributes == other.user_attributes
            && self.client_metadata == other.client_metadata
    }
}

/// What to do next (Amplify's `signInStep`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextStep {
    /// Answer a Lambda-defined challenge; `additional_info` is its public parameters
    /// (`captchaUrl`, …).
    ConfirmSignInWithCustomChallenge {
        /// The challenge's public parameters.
        additional_info: StringMap,
    },
    /// Choose a new password (administrator-created user).
    ConfirmSignInWithNewPasswordRequired {
        /// Attributes the pool requires that the user lacks.
        missing_attributes: Vec<String>,
    },
    /// Enter the code sent by SMS.
    ConfirmSignInWithSmsCode,
    /// Enter the code of the authenticator app.
    ConfirmSignInWithTotpCode,
    /// Choose an MFA method.
    ContinueSignInWithMfaSelection {
        /// `SMS`, `TOTP`, `EMAIL`.
        allowed_mfa_types: Vec<String>,
    },
    /// The password must be reset first.
    ResetPassword,
    /// The sign-up must be confirmed first.
    ConfirmSignUp,
    /// Signed in.
    Done,
}

/// `sign_in` / `confirm_sign_in`'s output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInOutput {
    /// Whether tokens were issued.
    pub is_signed_in: bool,
    /// What to do next.
    pub next_step: NextStep,
}

impl SignInOutput {
    pub(crate) fn step(next_step: NextStep) -> Self {
        Self {
            is_signed_in: next_step == NextStep::Done,
            next_step,
        }
    }
}

/// A sign-in between steps, kept in session storage under Amplify's keys so it survives a
/// reload for Cognito's 3 minutes. The challenge's public parameters are kept too (a key of our
/// own, which Amplify ignores), so that the step can be shown again after a reload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PendingSignIn {
    /// The internal username (`USERNAME` / `USER_ID_FOR_SRP` of the challenge).
    pub(crate) username: String,
    /// The challenge being answered.
    pub(crate) challenge_name: String,
    /// Cognito's newest session.
    pub(crate) session: String,
    /// Milliseconds since the epoch after which it is dead.
    pub(crate) expiry_ms: i64,
    /// The challenge's parameters (public: Cognito sent them to the browser).
    pub(crate) parameters: StringMap,
}

const KEYS: [&str; 5] = [
    "CognitoSignInState.username",
    "CognitoSignInState.challengeName",
    "CognitoSignInState.signInSession",
    "CognitoSignInState.expiry",
    "CognitoSignInState.challengeParameters",
];
/// Cognito's session validity, which Amplify mirrors.
pub(crate) const PENDING_LIFETIME_MS: i64 = 3 * 60 * 1000;

impl PendingSignIn {
    pub(crate) fn save(&self, storage: &impl KeyValueStorage) -> Result<(), AuthError> {
        storage.set(KEYS[0], &self.username)?;
        storage.set(KEYS[1], &self.challenge_name)?;
        storage.set(KEYS[2], &self.session)?;
        storage.set(KEYS[3], &self.expiry_ms.to_string())?;
        let parameters = serde_json::to_string(&self.parameters)
            .map_err(|error| AuthError::Storage(error.to_string()))?;
        storage.set(KEYS[4], &parameters)
    }

    /// The pending sign-in, unless there is none or it has expired (then it is cleared).
    pub(crate) fn load(storage: &impl KeyValueStorage, now_ms: i64) -> Option<Self> {
        let pending = Self {
            username: storage.get(KEYS[0])?,
            challenge_name: storage.get(KEYS[1])?,
            session: storage.get(KEYS[2])?,
            expiry_ms: storage.get(KEYS[3])?.parse().ok()?,
            // Absent when Amplify wrote the state: the step's parameters are then unknown.
            parameters: storage
                .get(KEYS[4])
                .and_then(|text| serde_json::from_str(&text).ok())
                .unwrap_or_default(),
        };
        if pending.expiry_ms <= now_ms {
            Self::clear(storage);
            return None;
        }
        Some(pending)
    }

    pub(crate) fn clear(storage: &impl KeyValueStorage) {
        for key in KEYS {
            storage.remove(key);
        }
    }
}
