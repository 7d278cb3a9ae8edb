//! What `sign_in` and `confirm_sign_in` take (Amplify's `SignInInput`, `ConfirmSignInInput`).

use cognito_protocol::{ExposeSecret, SecretString};

use crate::{AuthFactor, StringMap};

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
    /// Choice-based: the pool offers this user's first factors (passkey, e-mail or SMS code,
    /// password), or signs in straight away with [`SignInInput::preferred_challenge`].
    UserAuth,
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
    /// `UserAuth`: the first factor to try (Amplify's `preferredChallenge`); the pool offers a
    /// choice when this user cannot use it.
    pub preferred_challenge: Option<AuthFactor>,
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

    /// `USER_AUTH`, trying `preferred` first if given (with a password for the password
    /// factors: `with_password(…).flow(AuthFlow::UserAuth)` and `preferred`).
    #[must_use]
    pub fn user_auth(username: &str, preferred: Option<AuthFactor>) -> Self {
        Self {
            username: username.to_owned(),
            flow: AuthFlow::UserAuth,
            preferred_challenge: preferred,
            ..Self::default()
        }
    }

    /// The same input with another flow.
    #[must_use]
    pub fn flow(mut self, flow: AuthFlow) -> Self {
        self.flow = flow;
        self
    }

    /// The same input with a preferred first factor (`UserAuth`).
    #[must_use]
    pub fn preferring(mut self, factor: AuthFactor) -> Self {
        self.preferred_challenge = Some(factor);
        self
    }
}

/// Compares the passwords too (for tests of code that builds inputs).
impl PartialEq for SignInInput {
    fn eq(&self, other: &Self) -> bool {
        self.username == other.username
            && self.flow == other.flow
            && self.preferred_challenge == other.preferred_challenge
            && self.client_metadata == other.client_metadata
            && self.password.as_ref().map(ExposeSecret::expose_secret)
                == other.password.as_ref().map(ExposeSecret::expose_secret)
    }
}

/// `confirm_sign_in`'s input. `Debug` never prints the answer.
#[derive(Clone, Debug, Default)]
pub struct ConfirmSignInInput {
    /// The answer: a custom challenge's answer, a new password, a code, a password, a choice
    /// ([`AuthFactor::as_str`], [`crate::MfaType::as_str`]) or an e-mail address.
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
