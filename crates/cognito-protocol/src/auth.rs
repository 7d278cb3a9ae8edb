//! `InitiateAuth`, `RespondToAuthChallenge` (and their `Admin*` forms), and the token and
//! session operations.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// String-to-string maps: `AuthParameters`, `ChallengeParameters`, `ClientMetadata`, ….
pub type StringMap = BTreeMap<String, String>;

/// `AuthFlow` of `InitiateAuth`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuthFlow {
    /// SRP: the password never leaves the client.
    UserSrpAuth,
    /// The password in clear (over TLS); needed by the user-migration trigger.
    UserPasswordAuth,
    /// Lambda-driven challenges, optionally starting with SRP.
    CustomAuth,
    /// New tokens from a refresh token.
    RefreshTokenAuth,
    /// Alias of `RefreshTokenAuth`.
    RefreshToken,
    /// `AdminInitiateAuth` with the password in clear.
    AdminUserPasswordAuth,
    /// `AdminInitiateAuth` with the password in clear (legacy name).
    AdminNoSrpAuth,
    /// Choice-based sign-in (not served by local-cognito).
    UserAuth,
}

impl AuthFlow {
    /// The `ALLOW_…` value of `ExplicitAuthFlows` that permits this flow.
    #[must_use]
    pub fn allow_flag(self) -> &'static str {
        match self {
            Self::UserSrpAuth => "ALLOW_USER_SRP_AUTH",
            Self::UserPasswordAuth => "ALLOW_USER_PASSWORD_AUTH",
            Self::CustomAuth => "ALLOW_CUSTOM_AUTH",
            Self::RefreshTokenAuth | Self::RefreshToken => "ALLOW_REFRESH_TOKEN_AUTH",
            Self::AdminUserPasswordAuth | Self::AdminNoSrpAuth => "ALLOW_ADMIN_USER_PASSWORD_AUTH",
            Self::UserAuth => "ALLOW_USER_AUTH",
        }
    }

    /// The name on the wire.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UserSrpAuth => "USER_SRP_AUTH",
            Self::UserPasswordAuth => "USER_PASSWORD_AUTH",
            Self::CustomAuth => "CUSTOM_AUTH",
            Self::RefreshTokenAuth => "REFRESH_TOKEN_AUTH",
            Self::RefreshToken => "REFRESH_TOKEN",
            Self::AdminUserPasswordAuth => "ADMIN_USER_PASSWORD_AUTH",
            Self::AdminNoSrpAuth => "ADMIN_NO_SRP_AUTH",
            Self::UserAuth => "USER_AUTH",
        }
    }
}

/// `ChallengeName` of a challenge or of an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ChallengeName {
    /// The client's first SRP step inside `CUSTOM_AUTH` (only ever seen by DefineAuthChallenge).
    SrpA,
    /// Prove the password with SRP.
    PasswordVerifier,
    /// A Lambda-defined challenge.
    CustomChallenge,
    /// An administrator-created user must choose a password.
    NewPasswordRequired,
    /// SMS multi-factor code.
    SmsMfa,
    /// TOTP multi-factor code.
    SoftwareTokenMfa,
    /// Choose an MFA type.
    SelectMfaType,
    /// Set up MFA.
    MfaSetup,
    /// Device SRP, first step.
    DeviceSrpAuth,
    /// Device SRP, proof.
    DevicePasswordVerifier,
    /// Admin flow without SRP.
    AdminNoSrpAuth,
    /// E-mail one-time code.
    EmailOtp,
    /// SMS one-time code.
    SmsOtp,
    /// Choose the first factor (`USER_AUTH`).
    SelectChallenge,
    /// Password (`USER_AUTH`).
    Password,
    /// SRP password (`USER_AUTH`).
    PasswordSrp,
    /// Passkey (`USER_AUTH`).
    WebAuthn,
}

impl ChallengeName {
    /// Every challenge name.
    pub const ALL: [Self; 17] = [
        Self::SrpA,
        Self::PasswordVerifier,
        Self::CustomChallenge,
        Self::NewPasswordRequired,
        Self::SmsMfa,
        Self::SoftwareTokenMfa,
        Self::SelectMfaType,
        Self::MfaSetup,
        Self::DeviceSrpAuth,
        Self::DevicePasswordVerifier,
        Self::AdminNoSrpAuth,
        Self::EmailOtp,
        Self::SmsOtp,
        Self::SelectChallenge,
        Self::Password,
        Self::PasswordSrp,
        Self::WebAuthn,
    ];

    /// The challenge called `name` on the wire.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|challenge| challenge.as_str() == name)
    }

    /// The name on the wire.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SrpA => "SRP_A",
            Self::PasswordVerifier => "PASSWORD_VERIFIER",
            Self::CustomChallenge => "CUSTOM_CHALLENGE",
            Self::NewPasswordRequired => "NEW_PASSWORD_REQUIRED",
            Self::SmsMfa => "SMS_MFA",
            Self::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA",
            Self::SelectMfaType => "SELECT_MFA_TYPE",
            Self::MfaSetup => "MFA_SETUP",
            Self::DeviceSrpAuth => "DEVICE_SRP_AUTH",
            Self::DevicePasswordVerifier => "DEVICE_PASSWORD_VERIFIER",
            Self::AdminNoSrpAuth => "ADMIN_NO_SRP_AUTH",
            Self::EmailOtp => "EMAIL_OTP",
            Self::SmsOtp => "SMS_OTP",
            Self::SelectChallenge => "SELECT_CHALLENGE",
            Self::Password => "PASSWORD",
            Self::PasswordSrp => "PASSWORD_SRP",
            Self::WebAuthn => "WEB_AUTHN",
        }
    }
}

/// `InitiateAuth` / `AdminInitiateAuth`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InitiateAuthRequest {
    /// The flow; kept as text so an unknown flow gets Cognito's own error.
    pub auth_flow: String,
    /// `USERNAME`, `SRP_A`, `PASSWORD`, `REFRESH_TOKEN`, `CHALLENGE_NAME`, `SECRET_HASH`, ….
    #[serde(default)]
    pub auth_parameters: StringMap,
    /// The app client.
    pub client_id: String,
    /// Passed to some triggers (not Define/Create/Verify Auth Challenge, as on Cognito).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<StringMap>,
    /// `AdminInitiateAuth` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_pool_id: Option<String>,
}

/// `RespondToAuthChallenge` / `AdminRespondToAuthChallenge`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RespondToAuthChallengeRequest {
    /// The challenge answered; kept as text so an unknown name gets Cognito's own error.
    pub challenge_name: String,
    /// `USERNAME`, `ANSWER`, `PASSWORD_CLAIM_SIGNATURE`, `NEW_PASSWORD`, ….
    #[serde(default)]
    pub challenge_responses: StringMap,
    /// The app client.
    pub client_id: String,
    /// The session of the challenge being answered (absent for USER_SRP_AUTH's verifier).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// Passed to the Define/Create/Verify Auth Challenge triggers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<StringMap>,
    /// `AdminRespondToAuthChallenge` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_pool_id: Option<String>,
}

/// The answer to both: either a challenge (with parameters and usually a session) or tokens.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuthResponse {
    /// The next challenge, when not signed in yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge_name: Option<ChallengeName>,
    /// Opaque; answer the challenge with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// The challenge's public parameters (`{}` alongside tokens, as Cognito sends).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge_parameters: Option<StringMap>,
    /// Tokens, when signed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_result: Option<AuthenticationResult>,
}

/// The tokens of a successful sign-in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuthenticationResult {
    /// JWT for the user-pool API (`GetUser`, `GlobalSignOut`, …).
    pub access_token: String,
    /// Seconds until the access and ID tokens expire.
    pub expires_in: u64,
    /// JWT with the user's attributes.
    pub id_token: String,
    /// Opaque; absent on refresh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Always `Bearer`.
    pub token_type: String,
}

/// `GetUser`, `GlobalSignOut`: anything that only carries an access token.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessTokenRequest {
    /// The access token.
    pub access_token: String,
}

/// `RevokeToken`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RevokeTokenRequest {
    /// The refresh token to revoke.
    pub token: String,
    /// The app client that issued it.
    pub client_id: String,
    /// For clients with a secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
}

/// `ChangePassword`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ChangePasswordRequest {
    /// The signed-in user's access token.
    pub access_token: String,
    /// The current password.
    pub previous_password: String,
    /// The new password.
    pub proposed_password: String,
}
