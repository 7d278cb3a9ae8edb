//! In-flight sign-ins, keyed by their opaque, unguessable `Session` (or, for `USER_SRP_AUTH`,
//! which Cognito answers without a session, by the `SECRET_BLOCK`). Each is single use: taking
//! it removes it, and it expires after the client's `AuthSessionValidity`.
//!
//! Kept in memory: a restart ends sign-ins in flight (they live minutes), never stored data.

use std::collections::HashMap;
use std::sync::Mutex;

use cognito_protocol::{ChallengeName, SecretString};
use cognito_srp::SrpServer;
use serde_json::{Map, Value};

/// One entry of the `session` list the Define/Create triggers see.
#[derive(Clone, Debug, PartialEq)]
pub struct ChallengeResult {
    /// `SRP_A`, `PASSWORD_VERIFIER` or `CUSTOM_CHALLENGE`.
    pub challenge_name: String,
    /// Whether it was answered correctly.
    pub challenge_result: bool,
    /// `challengeMetadata` from CreateAuthChallenge, if any.
    pub challenge_metadata: Option<String>,
}

impl ChallengeResult {
    /// As the triggers' events spell it.
    pub fn to_event(&self) -> Value {
        let mut entry = Map::new();
        entry.insert(
            "challengeName".to_owned(),
            Value::from(self.challenge_name.clone()),
        );
        entry.insert(
            "challengeResult".to_owned(),
            Value::Bool(self.challenge_result),
        );
        entry.insert(
            "challengeMetadata".to_owned(),
            self.challenge_metadata
                .clone()
                .map_or(Value::Null, Value::String),
        );
        Value::Object(entry)
    }
}

/// Where a sign-in stands.
#[derive(Clone, Debug)]
pub enum Step {
    /// Waiting for the SRP proof.
    PasswordVerifier {
        /// The server half, holding `b`.
        srp: Box<SrpServer>,
        /// The client's `SRP_A`.
        srp_a: String,
        /// The `SECRET_BLOCK` issued, which the claim must echo and sign.
        secret_block: Vec<u8>,
        /// `Some` inside `CUSTOM_AUTH`: the challenges so far.
        custom: Option<Vec<ChallengeResult>>,
    },
    /// Waiting for the answer to a Lambda-defined challenge.
    CustomChallenge {
        /// The challenges so far.
        history: Vec<ChallengeResult>,
        /// CreateAuthChallenge's `privateChallengeParameters` (never sent to the client).
        private_parameters: Map<String, Value>,
        /// CreateAuthChallenge's `challengeMetadata`.
        challenge_metadata: Option<String>,
    },
    /// Waiting for the new password of an administrator-created user.
    NewPasswordRequired,
    /// `USER_AUTH`: waiting for the person to choose a first factor among `available`.
    SelectChallenge {
        /// `AvailableChallenges` as sent.
        available: Vec<ChallengeName>,
        /// The name typed (a decoy, for an unknown user, answers as a real user's would).
        name: String,
        /// When a passkey is offered: the assertion challenge already issued, so that
        /// `ANSWER: WEB_AUTHN` may come with its `CREDENTIAL` in one shot.
        passkey: Option<Box<webauthn_rs_core::proto::AuthenticationState>>,
    },
    /// `USER_AUTH`: waiting for the password (`PASSWORD`).
    Password {
        /// The name typed.
        name: String,
    },
    /// `USER_AUTH`: waiting for `SRP_A` (`PASSWORD_SRP`).
    PasswordSrp {
        /// The name typed.
        name: String,
    },
    /// Waiting for a one-time code sent by e-mail (`EMAIL_OTP`) or text message (`SMS_OTP`, or
    /// `SMS_MFA` as a second factor).
    OneTimeCode {
        /// `EmailOtp`, `SmsOtp` or `SmsMfa`.
        challenge: ChallengeName,
        /// The code sent (`Debug` prints it redacted).
        code: SecretString,
        /// Wrong codes so far.
        wrong: u32,
        /// A second factor (tokens follow), rather than the first.
        mfa: bool,
        /// The factor the right code turns on (e-mail MFA set up in the flow).
        enables: Option<String>,
    },
    /// Waiting for the authenticator app's code (`SOFTWARE_TOKEN_MFA`).
    SoftwareTokenMfa {
        /// Wrong codes so far.
        wrong: u32,
    },
    /// Waiting for the person to choose among their second factors (`SELECT_MFA_TYPE`).
    SelectMfaType {
        /// `MFAS_CAN_CHOOSE`.
        choices: Vec<String>,
    },
    /// MFA is required and the user has none: set one up (`MFA_SETUP`).
    MfaSetup {
        /// `MFAS_CAN_SETUP`.
        choices: Vec<String>,
        /// An authenticator app was associated and its code verified in this session.
        totp_verified: bool,
    },
    /// A remembered device proves itself instead of a second factor (`DEVICE_SRP_AUTH`):
    /// waiting for its `SRP_A`.
    DeviceSrpAuth {
        /// The device.
        device_key: String,
    },
    /// Waiting for the device's SRP proof (`DEVICE_PASSWORD_VERIFIER`).
    DevicePasswordVerifier {
        /// The device.
        device_key: String,
        /// The server half, holding `b`.
        srp: Box<SrpServer>,
        /// The device's `SRP_A`.
        srp_a: String,
        /// The `SECRET_BLOCK` issued.
        secret_block: Vec<u8>,
    },
    /// A passkey registration waiting for the new credential.
    WebAuthnRegistration {
        /// webauthn-rs-core's state of it (the challenge, the policy).
        state: Box<webauthn_rs_core::proto::RegistrationState>,
    },
    /// `WEB_AUTHN`: waiting for the passkey's assertion.
    WebAuthn {
        /// webauthn-rs-core's state of it (the challenge, the credentials allowed).
        state: Box<webauthn_rs_core::proto::AuthenticationState>,
    },
    /// A sign-up waiting for its confirmation (`SignUp`'s `Session`).
    SignedUp,
    /// A sign-up just confirmed: `InitiateAuth` `USER_AUTH` with this session signs the user in
    /// (`ConfirmSignUp`'s `Session`).
    ConfirmedSignUp,
}

impl Step {
    /// The challenge name an answer to this step must give (none for a sign-up's sessions,
    /// which no challenge answers).
    pub fn challenge_name(&self) -> Option<ChallengeName> {
        Some(match self {
            Self::PasswordVerifier { .. } => ChallengeName::PasswordVerifier,
            Self::CustomChallenge { .. } => ChallengeName::CustomChallenge,
            Self::NewPasswordRequired => ChallengeName::NewPasswordRequired,
            Self::SelectChallenge { .. } => ChallengeName::SelectChallenge,
            Self::Password { .. } => ChallengeName::Password,
            Self::PasswordSrp { .. } => ChallengeName::PasswordSrp,
            Self::OneTimeCode { challenge, .. } => *challenge,
            Self::SoftwareTokenMfa { .. } => ChallengeName::SoftwareTokenMfa,
            Self::SelectMfaType { .. } => ChallengeName::SelectMfaType,
            Self::MfaSetup { .. } => ChallengeName::MfaSetup,
            Self::DeviceSrpAuth { .. } => ChallengeName::DeviceSrpAuth,
            Self::DevicePasswordVerifier { .. } => ChallengeName::DevicePasswordVerifier,
            Self::WebAuthn { .. } => ChallengeName::WebAuthn,
            Self::SignedUp | Self::ConfirmedSignUp | Self::WebAuthnRegistration { .. } => {
                return None;
            }
        })
    }
}

/// An in-flight sign-in.
#[derive(Clone, Debug)]
pub struct AuthSession {
    /// Its pool.
    pub pool_id: String,
    /// The app client that started it.
    pub client_id: String,
    /// The user (the real username, also `USER_ID_FOR_SRP`); `None` for a decoy issued for an
    /// unknown user, which can never succeed.
    pub username: Option<String>,
    /// Seconds since the epoch.
    pub expires: f64,
    /// Where it stands.
    pub step: Step,
}

/// The in-flight sign-ins.
#[derive(Debug, Default)]
pub struct Sessions {
    entries: Mutex<HashMap<String, AuthSession>>,
}

impl Sessions {
    /// Stores `session` under `key`, dropping expired entries now and then.
    pub fn put(&self, key: String, session: AuthSession, now: f64) {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= 4096 && entries.len().is_power_of_two() {
            entries.retain(|_, entry| entry.expires > now);
        }
        entries.insert(key, session);
    }

    /// Removes and returns the live session under `key`.
    pub fn take(&self, key: &str, now: f64) -> Option<AuthSession> {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        entries.remove(key).filter(|session| session.expires > now)
    }
}
