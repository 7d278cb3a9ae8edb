//! What the page tells the person, in words they understand, for every outcome that is not
//! progress. Shown in the `aria-live` region of the current screen.

use cognito_auth::AuthError;

/// A message for the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The username field is empty.
    EnterUsername,
    /// The password field is empty.
    EnterPassword,
    /// The answer field is empty.
    EnterAnswer,
    /// Wrong username or password (Cognito does not say which).
    WrongPassword,
    /// A wrong answer, and the challenge changed (a new picture).
    WrongAnswerTryAgain,
    /// A wrong answer that ended the sign-in.
    WrongAnswerStartAgain,
    /// The sign-in took longer than Cognito's 3 minutes.
    Expired,
    /// Too many wrong passwords.
    TooManyAttempts,
    /// The service could not be reached.
    NetworkDown,
    /// The new password does not meet the pool's rules (Cognito's explanation).
    PasswordRules(String),
    /// This account must reset its password first.
    ResetRequired,
    /// This account is not confirmed yet.
    NotConfirmed,
    /// This sign-in needs a step this page does not offer.
    UnsupportedStep,
    /// The user is disabled.
    Disabled,
    /// Signed out.
    SignedOut,
    /// Anything else: Cognito's own message.
    Other(String),
}

impl Notice {
    /// The sentence shown.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            Self::EnterUsername => "Enter your username to continue.".to_owned(),
            Self::EnterPassword => "Enter your password to continue.".to_owned(),
            Self::EnterAnswer => "Enter your answer to continue.".to_owned(),
            Self::WrongPassword => {
                "That username and password don't match. Check them and try again.".to_owned()
            }
            Self::WrongAnswerTryAgain => {
                "That answer was not right — try the new picture.".to_owned()
            }
            Self::WrongAnswerStartAgain => {
                "That answer was not right. Start again to get a new challenge.".to_owned()
            }
            Self::Expired => "This sign-in expired. Start again.".to_owned(),
            Self::TooManyAttempts => "Too many attempts. Wait a moment, then try again.".to_owned(),
            Self::NetworkDown => {
                "We couldn't reach the sign-in service. Check your connection, then choose Try again."
                    .to_owned()
            }
            Self::PasswordRules(rules) => format!("Choose another password: {rules}."),
            Self::ResetRequired => {
                "You need to reset your password before you can sign in.".to_owned()
            }
            Self::NotConfirmed => {
                "Your account isn't confirmed yet. Confirm it, then sign in.".to_owned()
            }
            Self::UnsupportedStep => {
                "This account needs a sign-in step this page doesn't offer.".to_owned()
            }
            Self::Disabled => "This account is disabled.".to_owned(),
            Self::SignedOut => "You have signed out.".to_owned(),
            Self::Other(message) => message.clone(),
        }
    }

    /// Whether it reports a problem (styled as an error) rather than news.
    #[must_use]
    pub fn is_problem(&self) -> bool {
        !matches!(self, Self::SignedOut)
    }

    /// The notice for an error of a password step.
    #[must_use]
    pub fn for_password_error(error: &AuthError) -> Self {
        match (error.is_not_authorized(), error.message()) {
            (true, Some("Password attempts exceeded")) => Self::TooManyAttempts,
            (true, Some("User is disabled.")) => Self::Disabled,
            (true, Some(message)) if about_session(message) => Self::Expired,
            (true, _) => Self::WrongPassword,
            _ => Self::for_other_error(error),
        }
    }

    /// The notice for an error answering a custom challenge.
    #[must_use]
    pub fn for_answer_error(error: &AuthError) -> Self {
        match (error.is_not_authorized(), error.message()) {
            (true, Some(message)) if about_session(message) => Self::Expired,
            (true, _) => Self::WrongAnswerStartAgain,
            _ => Self::for_other_error(error),
        }
    }

    /// The notice for errors that are not about the answer given.
    #[must_use]
    pub fn for_other_error(error: &AuthError) -> Self {
        match error {
            AuthError::Network(_) => Self::NetworkDown,
            AuthError::NoSignInInProgress => Self::Expired,
            AuthError::Service { kind, message } => match kind.as_str() {
                "InvalidPasswordException" => Self::PasswordRules(
                    message
                        .strip_prefix("Password did not conform with policy: ")
                        .unwrap_or(message)
                        .to_owned(),
                ),
                "TooManyRequestsException" | "LimitExceededException" => Self::TooManyAttempts,
                "NotAuthorizedException" if about_session(message) => Self::Expired,
                "NotAuthorizedException" => Self::WrongPassword,
                _ => Self::Other(message.clone()),
            },
            other => Self::Other(other.to_string()),
        }
    }
}

/// Whether Cognito's message is about the sign-in's session ("Invalid session for the user,
/// session is expired."). Word by word rather than `str::contains`: the page has no other use
/// for a substring search, which costs ~0.5 KB of WASM.
fn about_session(message: &str) -> bool {
    message
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|word| word.eq_ignore_ascii_case("session"))
}
