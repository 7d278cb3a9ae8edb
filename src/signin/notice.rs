//! What the page tells the person, in words they understand, for every outcome that is not
//! progress. Shown in the `aria-live` region of the current screen.

use cognito_auth::{AuthError, PasskeyError};

use super::{PasswordRule, Shown};
use crate::words::{plural, t};

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
    /// Too many requests or codes for now (Cognito's `LimitExceededException`,
    /// `TooManyRequestsException`: codes asked for again and again, too many wrong
    /// confirmation codes, a pool over its quotas): minutes, not the seconds of a lockout.
    TooManyRequests,
    /// The service could not be reached.
    NetworkDown,
    /// The pool refused the new password: the rule it named (Cognito's `InvalidPasswordException`
    /// says which), if it is one the page knows.
    PasswordRefused(Option<PasswordRule>),
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
    /// The pool could not send a code (Cognito's `CodeDeliveryFailureException`: the address
    /// bounced, the number cannot take text messages, the pool's sending is misconfigured).
    CodeNotDelivered,
    /// The account was created, but the pool could not send its confirmation code yet (its
    /// messages are over a quota: Cognito's `LimitExceededException` on `SignUp`, after which
    /// the user exists, unconfirmed).
    SignUpCodeNotSent,
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
    /// The pool refused what was entered: which kind of detail, as its message says.
    InvalidDetails(Detail),
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
    /// Anything else: the error's `__type` (kept for the record, never shown: Cognito's messages
    /// are in English and not meant for people).
    Other(String),
}

impl Notice {
    /// The catalogue key of the sentence shown.
    #[must_use]
    pub fn key(&self) -> &'static str {
        match self {
            Self::EnterUsername => "notice.enter_username",
            Self::EnterPassword => "notice.enter_password",
            Self::EnterAnswer => "notice.enter_answer",
            Self::WrongPassword => "notice.wrong_password",
            Self::UnknownUsername => "notice.unknown_username",
            Self::WrongAnswerTryAgain => "notice.wrong_answer_try_again",
            Self::WrongAnswerStartAgain => "notice.wrong_answer_start_again",
            Self::Expired => "notice.expired",
            Self::TooManyAttempts => "notice.too_many_attempts",
            Self::TooManyRequests => "notice.too_many_requests",
            Self::NetworkDown => "notice.network_down",
            Self::PasswordRefused(Some(PasswordRule::MinLength(_))) => "notice.password_too_short",
            Self::PasswordRefused(Some(PasswordRule::Lowercase)) => {
                "notice.password_needs_lowercase"
            }
            Self::PasswordRefused(Some(PasswordRule::Uppercase)) => {
                "notice.password_needs_uppercase"
            }
            Self::PasswordRefused(Some(PasswordRule::Digit)) => "notice.password_needs_digit",
            Self::PasswordRefused(Some(PasswordRule::Symbol)) => "notice.password_needs_symbol",
            Self::PasswordRefused(None) => "notice.password_refused",
            Self::PasswordRulesUnmet => "notice.password_rules_unmet",
            Self::PasswordsDiffer => "notice.passwords_differ",
            Self::ResetRequired => "notice.reset_required",
            Self::NotConfirmed => "notice.not_confirmed",
            Self::UnsupportedStep => "notice.unsupported_step",
            Self::Disabled => "notice.disabled",
            Self::SignedOut => "notice.signed_out",
            Self::SignedOutElsewhere => "notice.signed_out_elsewhere",
            Self::EnterCode => "notice.enter_code",
            Self::EnterEmail => "notice.enter_email",
            Self::WrongCode => "notice.wrong_code",
            Self::WrongCodeStartAgain => "notice.wrong_code_start_again",
            Self::CodeExpiredResent => "notice.code_expired_resent",
            Self::CodeExpired => "notice.code_expired",
            Self::NewCodeSent => "notice.new_code_sent",
            Self::CodeNotDelivered => "notice.code_not_delivered",
            Self::SignUpCodeNotSent => "notice.sign_up_code_not_sent",
            Self::PasskeyCancelled => "notice.passkey_cancelled",
            Self::PasskeyUnavailable => "notice.passkey_unavailable",
            Self::PasskeyExists => "notice.passkey_exists",
            Self::PasskeyAdded => "notice.passkey_added",
            Self::FillEveryField => "notice.fill_every_field",
            Self::UsernameTaken => "notice.username_taken",
            Self::InvalidDetails(Detail::Email) => "notice.invalid_email",
            Self::InvalidDetails(Detail::Phone) => "notice.invalid_phone",
            Self::InvalidDetails(Detail::Other) => "notice.invalid_details",
            Self::PasswordChanged => "notice.password_changed",
            Self::PasskeyRemoved => "notice.passkey_removed",
            Self::MfaUpdated => "notice.mfa_updated",
            Self::DeviceForgotten => "notice.device_forgotten",
            Self::EmailVerified => "notice.email_verified",
            Self::Other(_) => "notice.unexpected",
        }
    }

    /// The sentence shown, in the page's language.
    #[must_use]
    pub fn text(&self) -> &'static str {
        t(self.key())
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
                | Self::TooManyRequests
                | Self::CodeNotDelivered
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
                Self::InvalidDetails(if mentions(message, "email") {
                    Detail::Email
                } else if mentions(message, "phone") {
                    Detail::Phone
                } else {
                    Detail::Other
                })
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
                "InvalidPasswordException" => Self::PasswordRefused(refused_rule(message)),
                "TooManyRequestsException" | "LimitExceededException" => Self::TooManyRequests,
                "CodeDeliveryFailureException" => Self::CodeNotDelivered,
                "NotAuthorizedException" if about_session(message) => Self::Expired,
                "NotAuthorizedException" => Self::WrongPassword,
                _ => Self::Other(kind.clone()),
            },
            AuthError::Passkey(_) => Self::PasskeyUnavailable,
            _ => Self::Other(String::new()),
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
            (_, 0 | 1) => self.notice.text().to_owned(),
            (Notice::TooManyAttempts, 2) => t("notice.still_locked_minute").to_owned(),
            (Notice::TooManyAttempts, _) => t("notice.still_locked_long").to_owned(),
            (notice, times) => plural("notice.repeated", times, &[("notice", notice.text())]),
        }
    }
}

/// What kind of detail the pool refused (`InvalidParameterException` on sign-up).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// An e-mail address ("Invalid email address format.").
    Email,
    /// A phone number ("Invalid phone number format.").
    Phone,
    /// Anything else (an attribute outside the schema, a value too long…).
    Other,
}

/// The rule Cognito's `InvalidPasswordException` names ("Password did not conform with policy:
/// Password must have uppercase characters").
fn refused_rule(message: &str) -> Option<PasswordRule> {
    if mentions(message, "long") {
        Some(PasswordRule::MinLength(0))
    } else if mentions(message, "lowercase") {
        Some(PasswordRule::Lowercase)
    } else if mentions(message, "uppercase") {
        Some(PasswordRule::Uppercase)
    } else if mentions(message, "numeric") {
        Some(PasswordRule::Digit)
    } else if mentions(message, "symbol") {
        Some(PasswordRule::Symbol)
    } else {
        None
    }
}

/// Whether Cognito's message is about the sign-in's session ("Invalid session for the user,
/// session is expired."). Word by word rather than `str::contains`: the page has no other use
/// for a substring search, which costs ~0.5 KB of WASM.
fn about_session(message: &str) -> bool {
    mentions(message, "session")
}

/// Whether `message` has `word` as a word of its own (any case).
fn mentions(message: &str, word: &str) -> bool {
    message
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|each| each.eq_ignore_ascii_case(word))
}
