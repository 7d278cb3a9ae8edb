//! A sign-in between steps, kept in session storage under Amplify's keys.

use crate::{AuthError, KeyValueStorage, StringMap};

/// A sign-in between steps, kept in session storage under Amplify's keys so it survives a
/// reload for Cognito's 3 minutes. The challenge's public parameters and a choice made locally
/// are kept too (keys of our own, which Amplify ignores), so that the step can be shown again
/// after a reload. Nothing secret is kept: no password, code or TOTP secret.
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
    /// A choice made without asking the server yet: the password factor chosen at
    /// `SELECT_CHALLENGE` (then the password is asked for), or the MFA being set up at
    /// `MFA_SETUP` (`TOTP`, `EMAIL`).
    pub(crate) choice: Option<String>,
}

const KEYS: [&str; 6] = [
    "CognitoSignInState.username",
    "CognitoSignInState.challengeName",
    "CognitoSignInState.signInSession",
    "CognitoSignInState.expiry",
    "CognitoSignInState.challengeParameters",
    "CognitoSignInState.cognitoAuthChoice",
];
/// Cognito's session validity, which Amplify mirrors.
pub(crate) const PENDING_LIFETIME_MS: i64 = 3 * 60 * 1000;

impl PendingSignIn {
    pub(crate) fn save(&self, storage: &impl KeyValueStorage) -> Result<(), AuthError> {
        storage.set(KEYS[0], &self.username)?;
        storage.set(KEYS[1], &self.challenge_name)?;
        storage.set(KEYS[2], &self.session)?;
        storage.set(KEYS[3], &self.expiry_ms.to_string())?;
        let parameters = crate::json::to_string(&self.parameters).map_err(AuthError::Storage)?;
        storage.set(KEYS[4], &parameters)?;
        match &self.choice {
            Some(choice) => storage.set(KEYS[5], choice),
            None => {
                storage.remove(KEYS[5]);
                Ok(())
            }
        }
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
                .and_then(|text| crate::json::from_str(&text).ok())
                .unwrap_or_default(),
            choice: storage.get(KEYS[5]),
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
