//! The one error type: Cognito's own errors (type and message, as clients branch on them), the
//! library's rule violations (named as Amplify names them), and transport failures.

use cognito_protocol::ErrorKind;

/// Why an operation failed. `Clone + PartialEq` so UI state can hold it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// Cognito answered with an error, e.g. `NotAuthorizedException: Incorrect username or password.`.
    #[error("{kind}: {message}")]
    Service {
        /// The `__type`, without any `prefix#`.
        kind: String,
        /// The message.
        message: String,
    },
    /// The request did not get an answer (offline, refused, CORS).
    #[error("network error: {0}")]
    Network(String),
    /// The answer was not what Cognito sends.
    #[error("unexpected response: {0}")]
    UnexpectedResponse(String),
    /// `sign_in` while a user is signed in (Amplify's `UserAlreadyAuthenticatedException`).
    #[error("There is already a signed in user.")]
    UserAlreadyAuthenticated,
    /// A password was given to `CustomWithoutSrp` (Amplify's `CustomAuthSignInPassword`).
    #[error("A password is not needed when signing in with CUSTOM_WITHOUT_SRP.")]
    CustomAuthSignInPassword,
    /// The flow needs a password and none was given.
    #[error("A password is required to sign in with this flow.")]
    EmptyPassword,
    /// The username is empty.
    #[error("A username is required to sign in.")]
    EmptyUsername,
    /// `USER_AUTH` with a password but no password factor preferred.
    #[error("A password goes with the PASSWORD or PASSWORD_SRP challenge only.")]
    PasswordWithoutPasswordFactor,
    /// `confirm_sign_in` with a choice that is not one of those offered.
    #[error("`{0}` is not one of the choices offered.")]
    InvalidChoice(String),
    /// An operation for a signed-in user with nobody signed in (Amplify's
    /// `UserUnAuthenticatedException`).
    #[error("User needs to be authenticated to call this API.")]
    NotSignedIn,
    /// A device operation on a device that was never confirmed here.
    #[error("This device is not remembered.")]
    NoDevice,
    /// `auto_sign_in` without a confirmed sign-up that asked for it.
    #[error("There is no confirmed sign-up to sign in with.")]
    NoAutoSignIn,
    /// The passkey authenticator gave no credential.
    #[error("{0}")]
    Passkey(crate::PasskeyError),
    /// `confirm_sign_in` with no sign-in in progress (or one older than 3 minutes).
    #[error("There is no sign-in in progress; start again.")]
    NoSignInInProgress,
    /// The SRP maths refused the server's challenge.
    #[error("invalid SRP challenge: {0}")]
    Srp(#[from] cognito_srp::SrpError),
    /// Stored data could not be read or written.
    #[error("storage error: {0}")]
    Storage(String),
}

impl AuthError {
    /// The Cognito exception, if this is one.
    #[must_use]
    pub fn kind(&self) -> Option<ErrorKind> {
        match self {
            Self::Service { kind, .. } => ErrorKind::parse(kind),
            _ => None,
        }
    }

    /// Whether this is the Cognito exception `kind` (cheaper than [`AuthError::kind`], which
    /// looks the name up among every kind).
    #[must_use]
    pub fn is(&self, kind: ErrorKind) -> bool {
        matches!(self, Self::Service { kind: name, .. } if name == kind.as_str())
    }

    /// Whether this is `NotAuthorizedException` (wrong password or answer, expired session,
    /// too many attempts — tell them apart with [`AuthError::message`]).
    #[must_use]
    pub fn is_not_authorized(&self) -> bool {
        self.is(ErrorKind::NotAuthorizedException)
    }

    /// Cognito's exception name (`__type`), if this is a service error.
    #[must_use]
    pub fn kind_name(&self) -> Option<&str> {
        match self {
            Self::Service { kind, .. } => Some(kind),
            _ => None,
        }
    }

    /// Cognito's message, if this is a service error.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        match self {
            Self::Service { message, .. } => Some(message),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_compares_the_exception_name() {
        let error = AuthError::Service {
            kind: "NotAuthorizedException".to_owned(),
            message: "Incorrect username or password.".to_owned(),
        };
        assert!(error.is(ErrorKind::NotAuthorizedException));
        assert!(error.is_not_authorized());
        assert!(!error.is(ErrorKind::UserNotFoundException));
        assert!(!AuthError::Network("offline".to_owned()).is(ErrorKind::NotAuthorizedException));
    }
}
