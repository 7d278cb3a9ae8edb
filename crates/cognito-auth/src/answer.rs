//! Cognito's answers to the operations beyond signing in, read as one type: each type read with
//! serde costs its own reader in a WASM page, and an app that uses several of these operations
//! would carry a copy per operation. Every field is optional; each operation reads its own.

use cognito_protocol::{AttributeType, CodeDeliveryDetails};
use serde::Deserialize;

use crate::WebAuthnCredential;

/// A device as `ListDevices` lists it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct WireDevice {
    pub(crate) device_key: String,
    #[serde(default)]
    pub(crate) device_attributes: Vec<AttributeType>,
    #[serde(default)]
    pub(crate) device_create_date: Option<f64>,
    #[serde(default)]
    pub(crate) device_last_modified_date: Option<f64>,
    #[serde(default)]
    pub(crate) device_last_authenticated_date: Option<f64>,
}

/// The fields this library reads from any of those answers.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Answer {
    /// `SignUp`, `ConfirmSignUp`, `AssociateSoftwareToken` and `VerifySoftwareToken` with a session.
    #[serde(default)]
    pub(crate) session: Option<String>,
    /// `AssociateSoftwareToken`.
    #[serde(default)]
    pub(crate) secret_code: Option<String>,
    /// `SignUp`, `ResendConfirmationCode`, `ForgotPassword`, `GetUserAttributeVerificationCode`.
    #[serde(default)]
    pub(crate) code_delivery_details: Option<CodeDeliveryDetails>,
    /// `UpdateUserAttributes`.
    #[serde(default)]
    pub(crate) code_delivery_details_list: Vec<CodeDeliveryDetails>,
    /// `SignUp`.
    #[serde(default)]
    pub(crate) user_confirmed: bool,
    /// `SignUp`.
    #[serde(default)]
    pub(crate) user_sub: Option<String>,
    /// `ConfirmDevice`.
    #[serde(default)]
    pub(crate) user_confirmation_necessary: bool,
    /// `GetUser`.
    #[serde(default)]
    pub(crate) user_attributes: Vec<AttributeType>,
    /// `GetUser`.
    #[serde(default)]
    pub(crate) preferred_mfa_setting: Option<String>,
    /// `GetUser`.
    #[serde(default, rename = "UserMFASettingList")]
    pub(crate) user_mfa_setting_list: Vec<String>,
    /// `ListWebAuthnCredentials`.
    #[serde(default)]
    pub(crate) credentials: Vec<WebAuthnCredential>,
    /// `ListWebAuthnCredentials`.
    #[serde(default)]
    pub(crate) next_token: Option<String>,
    /// `ListDevices`.
    #[serde(default)]
    pub(crate) devices: Vec<WireDevice>,
    /// `ListDevices`.
    #[serde(default)]
    pub(crate) pagination_token: Option<String>,
    /// `StartWebAuthnRegistration`: passed on as it came.
    #[serde(default)]
    pub(crate) credential_creation_options: Option<crate::json::RawJson>,
}
