//! Multi-factor authentication: TOTP set-up, the user's MFA preferences, the pool's MFA
//! configuration.

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `AssociateSoftwareToken`: by `AccessToken` (signed in) or by `Session` (`MFA_SETUP` in the
/// middle of a sign-in).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssociateSoftwareTokenRequest {
    /// A signed-in user's access token.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::secret::serialize_option"
    )]
    pub access_token: Option<SecretString>,
    /// The `MFA_SETUP` challenge's session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

/// `VerifySoftwareToken`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifySoftwareTokenRequest {
    /// A signed-in user's access token.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::secret::serialize_option"
    )]
    pub access_token: Option<SecretString>,
    /// The session `AssociateSoftwareToken` answered with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// The six digits the authenticator app shows.
    #[serde(serialize_with = "crate::secret::serialize")]
    pub user_code: SecretString,
    /// A name for the authenticator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub friendly_device_name: Option<String>,
}

/// One factor's settings in `SetUserMFAPreference`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MfaSettingsType {
    /// Turn the factor on or off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Make it the preferred factor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_mfa: Option<bool>,
}

/// `SetUserMFAPreference` (by `AccessToken`) and `AdminSetUserMFAPreference` (by pool and
/// username).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SetUserMfaPreferenceRequest {
    /// `SetUserMFAPreference`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::secret::serialize_option"
    )]
    pub access_token: Option<SecretString>,
    /// `AdminSetUserMFAPreference`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_pool_id: Option<String>,
    /// `AdminSetUserMFAPreference`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Text-message codes.
    #[serde(
        default,
        rename = "SMSMfaSettings",
        skip_serializing_if = "Option::is_none"
    )]
    pub sms_mfa_settings: Option<MfaSettingsType>,
    /// An authenticator app (TOTP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software_token_mfa_settings: Option<MfaSettingsType>,
    /// E-mail codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_mfa_settings: Option<MfaSettingsType>,
}

/// `SetUserPoolMfaConfig` / `GetUserPoolMfaConfig`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolMfaConfigRequest {
    /// The pool.
    pub user_pool_id: String,
    /// `OFF`, `ON` or `OPTIONAL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_configuration: Option<String>,
    /// `{"Enabled": true}` for authenticator apps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software_token_mfa_configuration: Option<Map<String, Value>>,
    /// Text-message codes (`SmsConfiguration`, `SmsAuthenticationMessage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_mfa_configuration: Option<Map<String, Value>>,
    /// E-mail codes (`Message`, `Subject`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_mfa_configuration: Option<Map<String, Value>>,
    /// Passkeys: `RelyingPartyId`, `UserVerification` (`preferred` or `required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_authn_configuration: Option<Map<String, Value>>,
}

/// `ConfirmDevice`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConfirmDeviceRequest {
    /// The signed-in user's access token.
    #[serde(serialize_with = "crate::secret::serialize")]
    pub access_token: SecretString,
    /// `NewDeviceMetadata.DeviceKey`.
    pub device_key: String,
    /// The device's SRP verifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_secret_verifier_config: Option<DeviceSecretVerifierConfig>,
    /// A name for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
}

/// A device's SRP verifier and salt, base64.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeviceSecretVerifierConfig {
    /// The verifier, base64.
    pub password_verifier: String,
    /// The salt, base64.
    pub salt: String,
}

/// `GetDevice`, `ListDevices`, `ForgetDevice`, `UpdateDeviceStatus` and their `Admin*` forms
/// (by pool and username instead of an access token).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeviceRequest {
    /// The signed-in user's access token.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::secret::serialize_option"
    )]
    pub access_token: Option<SecretString>,
    /// `Admin*` forms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_pool_id: Option<String>,
    /// `Admin*` forms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The device (all but `ListDevices`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_key: Option<String>,
    /// `UpdateDeviceStatus`: `remembered` or `not_remembered`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_remembered_status: Option<String>,
    /// `ListDevices`: at most this many (60 at most).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// `ListDevices`: where the previous page ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination_token: Option<String>,
}

/// `CompleteWebAuthnRegistration`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CompleteWebAuthnRegistrationRequest {
    /// The signed-in user's access token.
    #[serde(serialize_with = "crate::secret::serialize")]
    pub access_token: SecretString,
    /// The new credential as the browser gives it (`RegistrationResponseJSON`).
    pub credential: Value,
}

/// `ListWebAuthnCredentials` and `DeleteWebAuthnCredential`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct WebAuthnCredentialsRequest {
    /// The signed-in user's access token.
    #[serde(serialize_with = "crate::secret::serialize")]
    pub access_token: SecretString,
    /// `DeleteWebAuthnCredential`: the credential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_id: Option<String>,
    /// `ListWebAuthnCredentials`: where the previous page ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// `ListWebAuthnCredentials`: at most this many (20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<u32>,
}
