//! The signed-in user's second factors: Amplify's `setUpTOTP`, `verifyTOTPSetup`,
//! `updateMFAPreference` and `fetchMFAPreference`.

use cognito_protocol::{
    AssociateSoftwareTokenRequest, MfaSettingsType, SetUserMfaPreferenceRequest,
    VerifySoftwareTokenRequest,
};

use crate::passkeys::Authenticator;
use crate::{AuthError, CognitoAuth, KeyValueStorage, MfaType, TotpSetupDetails, Transport};

/// A change to one second factor (Amplify's `MFAPreference`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MfaPreference {
    /// Turned on.
    Enabled,
    /// Turned off.
    Disabled,
    /// Turned on and the one asked for.
    Preferred,
    /// Turned on, not the one asked for.
    NotPreferred,
}

impl MfaPreference {
    fn settings(self) -> MfaSettingsType {
        let (enabled, preferred_mfa) = match self {
            Self::Enabled => (true, None),
            Self::Disabled => (false, Some(false)),
            Self::Preferred => (true, Some(true)),
            Self::NotPreferred => (true, Some(false)),
        };
        MfaSettingsType {
            enabled: Some(enabled),
            preferred_mfa,
        }
    }
}

/// `update_mfa_preference`'s input: what to change, per factor (`None`: unchanged).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UpdateMfaPreferenceInput {
    /// Codes by text message.
    pub sms: Option<MfaPreference>,
    /// An authenticator app.
    pub totp: Option<MfaPreference>,
    /// Codes by e-mail.
    pub email: Option<MfaPreference>,
}

/// The user's second factors (Amplify's `FetchMFAPreferenceOutput`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MfaPreferences {
    /// Those turned on.
    pub enabled: Vec<MfaType>,
    /// The one asked for, if one is preferred.
    pub preferred: Option<MfaType>,
}

impl<T: Transport, S: KeyValueStorage, A: Authenticator> CognitoAuth<T, S, A> {
    /// Starts setting up an authenticator app (Amplify's `setUpTOTP`): its secret, to show as a
    /// QR code ([`TotpSetupDetails::setup_uri`]) and as text.
    pub async fn set_up_totp(&self) -> Result<TotpSetupDetails, AuthError> {
        let request = AssociateSoftwareTokenRequest {
            access_token: Some(self.access_token().await?),
            session: None,
        };
        let answer = self.request("AssociateSoftwareToken", &request).await?;
        let secret = answer.secret_code.ok_or_else(|| {
            AuthError::UnexpectedResponse("AssociateSoftwareToken gave no secret".to_owned())
        })?;
        Ok(TotpSetupDetails {
            shared_secret: secret.into(),
        })
    }

    /// Finishes it with a code from the app (Amplify's `verifyTOTPSetup`); turn it on with
    /// [`CognitoAuth::update_mfa_preference`].
    pub async fn verify_totp_setup(
        &self,
        code: &str,
        friendly_device_name: Option<&str>,
    ) -> Result<(), AuthError> {
        let request = VerifySoftwareTokenRequest {
            access_token: Some(self.access_token().await?),
            session: None,
            user_code: code.trim().into(),
            friendly_device_name: friendly_device_name.map(str::to_owned),
        };
        self.request("VerifySoftwareToken", &request)
            .await
            .map(drop)
    }

    /// Turns second factors on or off, or chooses the preferred one (Amplify's
    /// `updateMFAPreference`).
    pub async fn update_mfa_preference(
        &self,
        input: UpdateMfaPreferenceInput,
    ) -> Result<(), AuthError> {
        let request = SetUserMfaPreferenceRequest {
            access_token: Some(self.access_token().await?),
            sms_mfa_settings: input.sms.map(MfaPreference::settings),
            software_token_mfa_settings: input.totp.map(MfaPreference::settings),
            email_mfa_settings: input.email.map(MfaPreference::settings),
            ..SetUserMfaPreferenceRequest::default()
        };
        self.request("SetUserMFAPreference", &request)
            .await
            .map(drop)
    }

    /// The user's second factors (Amplify's `fetchMFAPreference`).
    pub async fn fetch_mfa_preference(&self) -> Result<MfaPreferences, AuthError> {
        self.fetch_user().await.map(|(_, mfa)| mfa)
    }
}
