//! What `sign_in` and `confirm_sign_in` answer: Amplify's `signInStep`s, and what each carries.

use crate::StringMap;

/// A first factor of `USER_AUTH` (Amplify's `AuthFactorType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuthFactor {
    /// A passkey (`navigator.credentials.get`).
    WebAuthn,
    /// A code sent by e-mail.
    EmailOtp,
    /// A code sent by text message.
    SmsOtp,
    /// The password, sent to the server (over TLS).
    Password,
    /// The password, proven with SRP.
    PasswordSrp,
}

impl AuthFactor {
    /// Every factor, in the order a person would usually pick them.
    pub const ALL: [Self; 5] = [
        Self::WebAuthn,
        Self::EmailOtp,
        Self::SmsOtp,
        Self::PasswordSrp,
        Self::Password,
    ];

    /// The name on the wire (`PREFERRED_CHALLENGE`, `AvailableChallenges`, `ANSWER`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WebAuthn => "WEB_AUTHN",
            Self::EmailOtp => "EMAIL_OTP",
            Self::SmsOtp => "SMS_OTP",
            Self::Password => "PASSWORD",
            Self::PasswordSrp => "PASSWORD_SRP",
        }
    }

    /// The factor called `name` on the wire.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|factor| factor.as_str() == name)
    }

    /// Whether the next step is the password.
    #[must_use]
    pub fn is_password(self) -> bool {
        matches!(self, Self::Password | Self::PasswordSrp)
    }
}

/// A second factor (Amplify's `MfaType`): `SMS`, `TOTP` or `EMAIL`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MfaType {
    /// Codes by text message (`SMS_MFA`).
    Sms,
    /// An authenticator app (`SOFTWARE_TOKEN_MFA`).
    Totp,
    /// Codes by e-mail (`EMAIL_OTP`).
    Email,
}

impl MfaType {
    /// Amplify's name: what `confirm_sign_in` takes to choose it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sms => "SMS",
            Self::Totp => "TOTP",
            Self::Email => "EMAIL",
        }
    }

    /// Cognito's name (`MFAS_CAN_CHOOSE`, `SELECT_MFA_TYPE`'s `ANSWER`).
    #[must_use]
    pub fn challenge_name(self) -> &'static str {
        match self {
            Self::Sms => "SMS_MFA",
            Self::Totp => "SOFTWARE_TOKEN_MFA",
            Self::Email => "EMAIL_OTP",
        }
    }

    /// From Amplify's name or Cognito's.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Sms, Self::Totp, Self::Email]
            .into_iter()
            .find(|mfa| mfa.as_str() == name || mfa.challenge_name() == name)
    }
}

/// Where a code was sent (Amplify's `codeDeliveryDetails`), as the service masks it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodeDeliveryDetails {
    /// `EMAIL` or `SMS`.
    pub delivery_medium: Option<String>,
    /// Masked: `a***@e***`, `+*******0839`.
    pub destination: Option<String>,
    /// `email` or `phone_number`.
    pub attribute_name: Option<String>,
}

impl CodeDeliveryDetails {
    /// From a challenge's `CODE_DELIVERY_*` parameters.
    pub(crate) fn from_parameters(parameters: &StringMap) -> Option<Self> {
        let get = |name: &str| parameters.get(name).cloned();
        let details = Self {
            delivery_medium: get("CODE_DELIVERY_DELIVERY_MEDIUM"),
            destination: get("CODE_DELIVERY_DESTINATION"),
            attribute_name: None,
        };
        (details != Self::default()).then_some(details)
    }

    /// From a response's `CodeDeliveryDetails`.
    pub(crate) fn from_wire(details: &cognito_protocol::CodeDeliveryDetails) -> Self {
        let some = |text: &str| (!text.is_empty()).then(|| text.to_owned());
        Self {
            delivery_medium: some(&details.delivery_medium),
            destination: some(&details.destination),
            attribute_name: some(&details.attribute_name),
        }
    }
}

/// An authenticator app to set up (Amplify's `totpSetupDetails`). `Debug` never prints the
/// secret.
#[derive(Clone)]
pub struct TotpSetupDetails {
    /// The shared secret, base32, as Cognito gives it.
    pub shared_secret: cognito_protocol::SecretString,
}

impl std::fmt::Debug for TotpSetupDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSetupDetails { shared_secret: [REDACTED] }")
    }
}

impl TotpSetupDetails {
    /// The `otpauth://totp/…` URI an authenticator app reads from a QR code (Amplify's
    /// `getSetupUri(appName, accountName)`): the issuer is `app_name`, the label
    /// `app_name:account`.
    #[must_use]
    pub fn setup_uri(&self, app_name: &str, account: &str) -> String {
        use cognito_protocol::ExposeSecret;
        let issuer = percent_encode(app_name);
        format!(
            "otpauth://totp/{issuer}:{}?secret={}&issuer={issuer}",
            percent_encode(account),
            self.shared_secret.expose_secret()
        )
    }
}

/// Compares the secrets (for tests of code that holds a step).
impl PartialEq for TotpSetupDetails {
    fn eq(&self, other: &Self) -> bool {
        use cognito_protocol::ExposeSecret;
        self.shared_secret.expose_secret() == other.shared_secret.expose_secret()
    }
}

impl Eq for TotpSetupDetails {}

/// Everything but RFC 3986's unreserved characters is percent-encoded.
const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn percent_encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, COMPONENT).to_string()
}

/// What to do next (Amplify's `signInStep`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextStep {
    /// `USER_AUTH`: choose how to sign in; answer with [`AuthFactor::as_str`].
    ContinueSignInWithFirstFactorSelection {
        /// What this user may use, as the pool answered.
        available_challenges: Vec<AuthFactor>,
    },
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
    /// Enter the password (`USER_AUTH` with a password factor).
    ConfirmSignInWithPassword,
    /// Enter the code sent by e-mail (a first factor or MFA).
    ConfirmSignInWithEmailCode {
        /// Where it went.
        code_delivery_details: Option<CodeDeliveryDetails>,
    },
    /// Enter the code sent by text message (a first factor or MFA).
    ConfirmSignInWithSmsCode {
        /// Where it went.
        code_delivery_details: Option<CodeDeliveryDetails>,
    },
    /// Enter the code of the authenticator app.
    ConfirmSignInWithTotpCode,
    /// Choose an MFA method; answer with [`MfaType::as_str`].
    ContinueSignInWithMfaSelection {
        /// What the user has set up.
        allowed_mfa_types: Vec<MfaType>,
    },
    /// MFA is required and the user has none: choose one to set up.
    ContinueSignInWithMfaSetupSelection {
        /// What the pool offers.
        allowed_mfa_types: Vec<MfaType>,
    },
    /// Add the secret to an authenticator app, then answer with its code.
    ContinueSignInWithTotpSetup {
        /// The secret and its `otpauth://` URI.
        totp_setup_details: TotpSetupDetails,
    },
    /// Give the e-mail address that codes should go to.
    ContinueSignInWithEmailSetup,
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
