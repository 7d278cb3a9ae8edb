//! `InitiateAuth`, `RespondToAuthChallenge` (and their `Admin*` forms), and the token and
//! session operations.

use serde::{Deserialize, Serialize};

use secrecy::SecretString;

use crate::{SecretMap, StringMap};

/// An enum of names sent on the wire: the variants, `ALL`, and both directions of the mapping
/// from one list, so a name cannot be added to one and forgotten in another. (serde uses the same
/// names through `rename_all`; a test holds the two together.)
macro_rules! wire_names {
    ($(#[$meta:meta])* pub enum $enum:ident { $($(#[$doc:meta])* $name:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        pub enum $enum {
            $($(#[$doc])* $name,)*
        }

        impl $enum {
            /// Every value.
            pub const ALL: &'static [Self] = &[$(Self::$name,)*];

            /// The name on the wire.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$name => $wire,)*
                }
            }

            /// The value called `name` on the wire.
            #[must_use]
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $($wire => Some(Self::$name),)*
                    _ => None,
                }
            }
        }
    };
}

wire_names! {
    /// `AuthFlow` of `InitiateAuth`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum AuthFlow {
        /// SRP: the password never leaves the client.
        UserSrpAuth = "USER_SRP_AUTH",
        /// The password in clear (over TLS); needed by the user-migration trigger.
        UserPasswordAuth = "USER_PASSWORD_AUTH",
        /// Lambda-driven challenges, optionally starting with SRP.
        CustomAuth = "CUSTOM_AUTH",
        /// New tokens from a refresh token.
        RefreshTokenAuth = "REFRESH_TOKEN_AUTH",
        /// Alias of `RefreshTokenAuth`.
        RefreshToken = "REFRESH_TOKEN",
        /// `AdminInitiateAuth` with the password in clear.
        AdminUserPasswordAuth = "ADMIN_USER_PASSWORD_AUTH",
        /// `AdminInitiateAuth` with the password in clear (legacy name).
        AdminNoSrpAuth = "ADMIN_NO_SRP_AUTH",
        /// Choice-based sign-in (not served by local-cognito).
        UserAuth = "USER_AUTH",
    }
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
}

wire_names! {
    /// `ChallengeName` of a challenge or of an answer.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum ChallengeName {
        /// The client's first SRP step inside `CUSTOM_AUTH` (only ever seen by DefineAuthChallenge).
        SrpA = "SRP_A",
        /// Prove the password with SRP.
        PasswordVerifier = "PASSWORD_VERIFIER",
        /// A Lambda-defined challenge.
        CustomChallenge = "CUSTOM_CHALLENGE",
        /// An administrator-created user must choose a password.
        NewPasswordRequired = "NEW_PASSWORD_REQUIRED",
        /// SMS multi-factor code.
        SmsMfa = "SMS_MFA",
        /// TOTP multi-factor code.
        SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA",
        /// Choose an MFA type.
        SelectMfaType = "SELECT_MFA_TYPE",
        /// Set up MFA.
        MfaSetup = "MFA_SETUP",
        /// Device SRP, first step.
        DeviceSrpAuth = "DEVICE_SRP_AUTH",
        /// Device SRP, proof.
        DevicePasswordVerifier = "DEVICE_PASSWORD_VERIFIER",
        /// Admin flow without SRP.
        AdminNoSrpAuth = "ADMIN_NO_SRP_AUTH",
        /// E-mail one-time code.
        EmailOtp = "EMAIL_OTP",
        /// SMS one-time code.
        SmsOtp = "SMS_OTP",
        /// Choose the first factor (`USER_AUTH`).
        SelectChallenge = "SELECT_CHALLENGE",
        /// Password (`USER_AUTH`).
        Password = "PASSWORD",
        /// SRP password (`USER_AUTH`).
        PasswordSrp = "PASSWORD_SRP",
        /// Passkey (`USER_AUTH`).
        WebAuthn = "WEB_AUTHN",
    }
}

/// `InitiateAuth` / `AdminInitiateAuth`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InitiateAuthRequest {
    /// The flow; kept as text so an unknown flow gets Cognito's own error.
    pub auth_flow: String,
    /// `USERNAME`, `SRP_A`, `PASSWORD`, `REFRESH_TOKEN`, `CHALLENGE_NAME`, `SECRET_HASH`, ….
    #[serde(default, serialize_with = "crate::secret::serialize_map")]
    pub auth_parameters: SecretMap,
    /// The app client.
    pub client_id: String,
    /// Passed to some triggers (not Define/Create/Verify Auth Challenge, as on Cognito).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<StringMap>,
    /// `AdminInitiateAuth` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_pool_id: Option<String>,
    /// `USER_AUTH` right after `ConfirmSignUp`: its `Session` signs the new user in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

/// `RespondToAuthChallenge` / `AdminRespondToAuthChallenge`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RespondToAuthChallengeRequest {
    /// The challenge answered; kept as text so an unknown name gets Cognito's own error.
    pub challenge_name: String,
    /// `USERNAME`, `ANSWER`, `PASSWORD_CLAIM_SIGNATURE`, `NEW_PASSWORD`, ….
    #[serde(default, serialize_with = "crate::secret::serialize_map")]
    pub challenge_responses: SecretMap,
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
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
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
    /// `USER_AUTH`'s `SELECT_CHALLENGE`: the first factors this user may choose (a top-level
    /// list, not a challenge parameter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_challenges: Option<Vec<ChallengeName>>,
}

/// The tokens of a successful sign-in.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuthenticationResult {
    /// JWT for the user-pool API (`GetUser`, `GlobalSignOut`, …).
    #[serde(serialize_with = "crate::secret::serialize")]
    pub access_token: SecretString,
    /// Seconds until the access and ID tokens expire.
    pub expires_in: u64,
    /// JWT with the user's attributes.
    #[serde(serialize_with = "crate::secret::serialize")]
    pub id_token: SecretString,
    /// Opaque; absent on refresh.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::secret::serialize_option"
    )]
    pub refresh_token: Option<SecretString>,
    /// Always `Bearer`.
    pub token_type: String,
    /// A new device to remember, where the pool tracks devices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_device_metadata: Option<NewDeviceMetadata>,
}

/// `NewDeviceMetadata`: the key and group of a device seen for the first time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NewDeviceMetadata {
    /// `<region>_<uuid>`.
    pub device_key: String,
    /// The device group (the SRP "pool name" of the device's verifier).
    pub device_group_key: String,
}

/// `GetUser`, `GlobalSignOut`: anything that only carries an access token.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessTokenRequest {
    /// The access token.
    #[serde(serialize_with = "crate::secret::serialize")]
    pub access_token: SecretString,
}

/// `RevokeToken`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RevokeTokenRequest {
    /// The refresh token to revoke.
    #[serde(serialize_with = "crate::secret::serialize")]
    pub token: SecretString,
    /// The app client that issued it.
    pub client_id: String,
    /// For clients with a secret.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::secret::serialize_option"
    )]
    pub client_secret: Option<SecretString>,
}

/// `ChangePassword`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ChangePasswordRequest {
    /// The signed-in user's access token.
    #[serde(serialize_with = "crate::secret::serialize")]
    pub access_token: SecretString,
    /// The current password.
    #[serde(serialize_with = "crate::secret::serialize")]
    pub previous_password: SecretString,
    /// The new password.
    #[serde(serialize_with = "crate::secret::serialize")]
    pub proposed_password: SecretString,
}

/// An operation that answers with an empty object (`GlobalSignOut`, `RevokeToken`, …).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Empty {}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde's names (`rename_all`) and the wire names of `wire_names!` are the same.
    #[test]
    fn serde_uses_the_wire_names() {
        for &flow in AuthFlow::ALL {
            assert_eq!(serde_json::to_value(flow).unwrap(), flow.as_str());
            assert_eq!(AuthFlow::from_name(flow.as_str()), Some(flow));
        }
        for &name in ChallengeName::ALL {
            assert_eq!(serde_json::to_value(name).unwrap(), name.as_str());
        }
    }
}
