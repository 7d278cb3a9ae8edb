//! What the page tells the person, in words they understand, for every outcome that is not
//! progress. Shown in the `aria-live` region of the current screen.

use cognito_auth::{AuthError, PasskeyError};

use super::Shown;

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
    /// A sign-in without a password could not start for that username (Cognito does not say
    /// whether it exists).
    UnknownUsername,
    /// A wrong answer, and the challenge changed (a new picture).
    WrongAnswerTryAgain,
    /// A wrong answer that ended the sign-in.
    WrongAnswerStartAgain,
    /// The sign-in took longer than Cognito's 3 minutes.
    Expired,
    /// Too many wrong passwords: the account is locked for a while (longer each time).
    TooManyAttempts,
    /// The service could not be reached.
    NetworkDown,
    /// The new password does not meet the pool's rules (Cognito's explanation).
    PasswordRules(String),
    /// The new password does not meet the rules shown.
    PasswordRulesUnmet,
    /// The two new-password fields differ.
    PasswordsDiffer,
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
    /// Signed out in another tab of this browser.
    SignedOutElsewhere,
    /// The code field is empty.
    EnterCode,
    /// The e-mail field is empty or not an address.
    EnterEmail,
    /// A wrong code (it may be tried again).
    WrongCode,
    /// Wrong codes ended the sign-in.
    WrongCodeStartAgain,
    /// The code expired, and a new one was sent.
    CodeExpiredResent,
    /// The code expired: start again for a new one.
    CodeExpired,
    /// A new code was sent, as asked.
    NewCodeSent,
    /// The passkey prompt was cancelled or timed out.
    PasskeyCancelled,
    /// No passkey can be used here (this browser or device has none for this site).
    PasskeyUnavailable,
    /// This device already has a passkey for this account.
    PasskeyExists,
    /// A passkey was added.
    PasskeyAdded,
    /// A field of the sign-up form is empty.
    FillEveryField,
    /// That username is taken.
    UsernameTaken,
    /// The pool refused what was entered (its explanation).
    InvalidDetails(String),
    /// The password was changed (or reset).
    PasswordChanged,
    /// A passkey was removed.
    PasskeyRemoved,
    /// The second steps were changed.
    MfaUpdated,
    /// A device was forgotten.
    DeviceForgotten,
    /// The e-mail address is verified.
    EmailVerified,
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
            Self::UnknownUsername => {
                "We couldn't start signing in with that username. Check it and try again."
                    .to_owned()
            }
            Self::WrongAnswerTryAgain => {
                "That answer was not right — try the new picture.".to_owned()
            }
            Self::WrongAnswerStartAgain => {
                "That answer was not right, and this sign-in has ended. Choose Continue for a new one."
                    .to_owned()
            }
            Self::Expired => "This sign-in expired. Choose Continue to start again.".to_owned(),
            Self::TooManyAttempts => {
                "Too many attempts: this account is locked for a few seconds. Wait, then try again."
                    .to_owned()
            }
            Self::NetworkDown => {
                "We couldn't reach the sign-in service. Check your connection, then choose Try again."
                    .to_owned()
            }
            Self::PasswordRules(rules) => format!("Choose another password: {rules}."),
            Self::PasswordRulesUnmet => {
                "Your new password doesn't meet every rule yet: see the list above.".to_owned()
            }
            Self::PasswordsDiffer => "The two passwords are not the same.".to_owned(),
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
            Self::SignedOutElsewhere => "You signed out in another tab.".to_owned(),
            Self::EnterCode => "Enter the code to continue.".to_owned(),
            Self::EnterEmail => "Enter your e-mail address to continue.".to_owned(),
            Self::WrongCode => "That code is not right. Check it and try again.".to_owned(),
            Self::WrongCodeStartAgain => {
                "That code was not right, and this sign-in has ended. Choose Continue for a new one."
                    .to_owned()
            }
            Self::CodeExpiredResent => "That code has expired — we sent a new one.".to_owned(),
            Self::CodeExpired => {
                "That code has expired. Start again to get a new one.".to_owned()
            }
            Self::NewCodeSent => "We sent a new code.".to_owned(),
            Self::PasskeyCancelled => {
                "The passkey request was cancelled or timed out. Try again, or choose another way."
                    .to_owned()
            }
            Self::PasskeyUnavailable => {
                "A passkey can't be used on this device or browser. Choose another way.".to_owned()
            }
            Self::PasskeyExists => "This device already has a passkey for your account.".to_owned(),
            Self::PasskeyAdded => "Your passkey is ready: use it next time you sign in.".to_owned(),
            Self::FillEveryField => "Fill in every field to continue.".to_owned(),
            Self::UsernameTaken => {
                "That username is taken. Choose another, or sign in if it is yours.".to_owned()
            }
            Self::InvalidDetails(message) => format!("Check what you entered: {message}"),
            Self::PasswordChanged => "Your password is changed.".to_owned(),
            Self::PasskeyRemoved => "The passkey is removed.".to_owned(),
            Self::MfaUpdated => "Your second step settings are saved.".to_owned(),
            Self::DeviceForgotten => "The device is forgotten.".to_owned(),
            Self::EmailVerified => "Your e-mail address is verified.".to_owned(),
            Self::Other(message) => message.clone(),
        }
    }

    /// Whether it reports a problem (styled as an error) rather than news.
    #[must_use]
    pub fn is_problem(&self) -> bool {
        !matches!(
            self,
            Self::SignedOut
                | Self::SignedOutElsewhere
                | Self::NewCodeSent
                | Self::PasskeyAdded
                | Self::PasswordChanged
                | Self::PasskeyRemoved
                | Self::MfaUpdated
                | Self::DeviceForgotten
                | Self::EmailVerified
        )
    }

    /// Whether Cognito judged what the password fields held (so they are emptied): not when the
    /// request never left, nor when the page refused it before sending.
    #[must_use]
    pub fn clears_password(&self) -> bool {
        !matches!(
            self,
            Self::NetworkDown
                | Self::EnterPassword
                | Self::EnterCode
                | Self::FillEveryField
                | Self::PasswordRulesUnmet
                | Self::PasswordsDiffer
        )
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

    /// The notice for an error starting a sign-in without a password: no password was typed,
    /// so none can be wrong.
    #[must_use]
    pub fn for_passwordless_error(error: &AuthError) -> Self {
        match Self::for_password_error(error) {
            Self::WrongPassword => Self::UnknownUsername,
            other => other,
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

    /// The notice for an error answering a one-time code: wrong (try again), expired, or the
    /// sign-in over.
    #[must_use]
    pub fn for_code_error(error: &AuthError) -> Self {
        match error.kind_name() {
            Some("CodeMismatchException" | "EnableSoftwareTokenMFAException") => Self::WrongCode,
            Some("ExpiredCodeException") => Self::CodeExpired,
            Some("NotAuthorizedException") => match error.message() {
                Some("Password attempts exceeded") => Self::TooManyAttempts,
                Some(message) if about_session(message) => Self::Expired,
                _ => Self::WrongCodeStartAgain,
            },
            _ => Self::for_other_error(error),
        }
    }

    /// The notice for a passkey the browser did not give.
    #[must_use]
    pub fn for_passkey_error(error: &AuthError) -> Self {
        match error {
            AuthError::Passkey(PasskeyError::Canceled) => Self::PasskeyCancelled,
            AuthError::Passkey(PasskeyError::AlreadyExists) => Self::PasskeyExists,
            AuthError::Passkey(_) => Self::PasskeyUnavailable,
            // A passkey the pool refused (deleted, or another site's) cannot sign in either.
            error if error.is_not_authorized() && !error.message().is_some_and(about_session) => {
                Self::PasskeyUnavailable
            }
            error => Self::for_other_error(error),
        }
    }

    /// The notice for a refused sign-up.
    #[must_use]
    pub fn for_sign_up_error(error: &AuthError) -> Self {
        match (error.kind_name(), error.message()) {
            (Some("UsernameExistsException" | "AliasExistsException"), _) => Self::UsernameTaken,
            (Some("InvalidParameterException"), Some(message)) => {
                Self::InvalidDetails(message.to_owned())
            }
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

impl Shown {
    /// The sentence shown: a lockout says longer waits as it repeats (Cognito locks for longer
    /// each time), and any other outcome that repeats says so, so a repeated failure never looks
    /// like nothing happened.
    #[must_use]
    pub fn text(&self) -> String {
        match (&self.notice, self.times) {
            (_, 0 | 1) => self.notice.text(),
            (Notice::TooManyAttempts, 2) => {
                "Still locked: wait about a minute, then try again.".to_owned()
            }
            (Notice::TooManyAttempts, _) => {
                "Still locked: wait about 15 minutes, then try again.".to_owned()
            }
            (notice, times) => format!("{} ({times} times in a row)", notice.text()),
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
