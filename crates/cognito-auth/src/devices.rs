//! Remembered devices, as Amplify keeps them: a new device (`NewDeviceMetadata`) is confirmed
//! with an SRP verifier of a random password that never leaves the device, stored under
//! Amplify's keys so that an Amplify app on the same origin shares it:
//!
//! ```text
//! CognitoIdentityServiceProvider.<clientId>.<username>.deviceKey | deviceGroupKey | randomPasswordKey
//! ```
//!
//! On the next sign-in the device key goes with the request, and `DEVICE_SRP_AUTH` is answered
//! here by proving that password with SRP (`DEVICE_PASSWORD_VERIFIER`).

use cognito_protocol::{
    AuthResponse, ConfirmDeviceRequest, DeviceRequest, DeviceSecretVerifierConfig, ExposeSecret,
    NewDeviceMetadata, SecretString, secret_map,
};
use cognito_srp::PasswordVerifier;

use crate::passkeys::Authenticator;
use crate::tokens::Tokens;
use crate::{AuthError, CognitoAuth, KeyValueStorage, Transport};

/// A device remembered for a user. `Debug` never prints the password.
#[derive(Clone, Debug)]
pub(crate) struct DeviceSecrets {
    /// `DeviceKey`.
    pub(crate) key: String,
    /// `DeviceGroupKey`.
    pub(crate) group_key: String,
    /// The random password whose verifier the pool holds.
    pub(crate) password: SecretString,
}

fn device_key(client_id: &str, username: &str, name: &str) -> String {
    format!("CognitoIdentityServiceProvider.{client_id}.{username}.{name}")
}

const NAMES: [&str; 3] = ["deviceKey", "deviceGroupKey", "randomPasswordKey"];

impl DeviceSecrets {
    /// The device remembered for `username`, if any.
    pub(crate) fn load(
        storage: &impl KeyValueStorage,
        client_id: &str,
        username: &str,
    ) -> Option<Self> {
        let get = |name: &str| storage.get(&device_key(client_id, username, name));
        Some(Self {
            key: get(NAMES[0])?,
            group_key: get(NAMES[1])?,
            password: get(NAMES[2])?.into(),
        })
    }

    fn store(
        &self,
        storage: &impl KeyValueStorage,
        client_id: &str,
        username: &str,
    ) -> Result<(), AuthError> {
        let set =
            |name: &str, value: &str| storage.set(&device_key(client_id, username, name), value);
        set(NAMES[0], &self.key)?;
        set(NAMES[1], &self.group_key)?;
        set(NAMES[2], self.password.expose_secret())
    }

    fn clear(storage: &impl KeyValueStorage, client_id: &str, username: &str) {
        for name in NAMES {
            storage.remove(&device_key(client_id, username, name));
        }
    }
}

/// A device in the user's list (Amplify's `FetchDevicesOutput` item).
#[derive(Clone, Debug, PartialEq)]
pub struct Device {
    /// `DeviceKey`.
    pub id: String,
    /// Its name (`device_name`), if it has one.
    pub name: Option<String>,
    /// Every attribute (`device_name`, `device_status`, `last_ip_used`, …).
    pub attributes: crate::StringMap,
    /// Seconds since the epoch.
    pub created_at: Option<f64>,
    /// Seconds since the epoch.
    pub last_modified_at: Option<f64>,
    /// Seconds since the epoch: its last sign-in.
    pub last_authenticated_at: Option<f64>,
    /// Whether this is the device the client runs on.
    pub is_this_device: bool,
}

impl<T: Transport, S: KeyValueStorage, A: Authenticator> CognitoAuth<T, S, A> {
    /// A device seen for the first time: confirmed with the verifier of a fresh random password,
    /// and stored. A failure leaves the sign-in as it is (the device is simply not remembered).
    pub(crate) async fn confirm_new_device(&self, tokens: &Tokens, device: &NewDeviceMetadata) {
        let password = cognito_srp::base64::encode(&self.random_bytes(40));
        let salt = self.random_bytes(16);
        let Ok(verifier) = PasswordVerifier::new(
            &format!("device_{}", device.device_group_key),
            &device.device_key,
            &password,
            &salt,
        ) else {
            return;
        };
        let request = ConfirmDeviceRequest {
            access_token: tokens.access_token.clone(),
            device_key: device.device_key.clone(),
            device_secret_verifier_config: Some(DeviceSecretVerifierConfig {
                password_verifier: cognito_srp::base64::encode(&verifier.verifier_bytes()),
                salt: cognito_srp::base64::encode(&verifier.salt_bytes()),
            }),
            device_name: Some(self.device_name.clone()),
        };
        if let Ok(confirmed) = self.request("ConfirmDevice", &request).await {
            // The pool remembers devices when their user says so: the app may ask now.
            self.device_awaits_choice
                .set(confirmed.user_confirmation_necessary);
            let secrets = DeviceSecrets {
                key: device.device_key.clone(),
                group_key: device.device_group_key.clone(),
                password: password.into(),
            };
            // Not stored, the device is only not remembered: the sign-in stands.
            let _ = secrets.store(
                &self.tokens,
                &self.config.user_pool_client_id,
                &tokens.username,
            );
        }
    }

    /// `DEVICE_SRP_AUTH`: the remembered device proves its password with SRP (the device group
    /// for the pool name, the device key for the username).
    pub(crate) async fn prove_device(
        &self,
        username: &str,
        session: String,
    ) -> Result<AuthResponse, AuthError> {
        let device = DeviceSecrets::load(&self.tokens, &self.config.user_pool_client_id, username)
            .ok_or_else(|| {
                AuthError::UnexpectedResponse(
                    "DEVICE_SRP_AUTH without a remembered device".to_owned(),
                )
            })?;
        let client = self.srp_client_for(&format!("device_{}", device.group_key))?;
        let responses = secret_map([
            ("USERNAME", username.to_owned()),
            ("DEVICE_KEY", device.key.clone()),
            ("SRP_A", client.srp_a()),
        ]);
        let challenge = self
            .respond("DEVICE_SRP_AUTH", Some(session), responses, None)
            .await?;
        let parameters = challenge.challenge_parameters.unwrap_or_default();
        let claim = self.srp_claim(
            &client,
            &parameters,
            &device.key,
            device.password.expose_secret(),
        )?;
        let responses = secret_map([
            ("USERNAME", SecretString::from(username)),
            ("DEVICE_KEY", device.key.into()),
            ("PASSWORD_CLAIM_SECRET_BLOCK", claim.secret_block.into()),
            ("TIMESTAMP", claim.timestamp.into()),
            ("PASSWORD_CLAIM_SIGNATURE", claim.signature.into()),
        ]);
        self.respond(
            "DEVICE_PASSWORD_VERIFIER",
            challenge.session,
            responses,
            None,
        )
        .await
    }

    /// Whether the sign-in just completed confirmed this device and the pool remembers it only
    /// if the person says so ([`CognitoAuth::remember_device`]): the moment to ask "Remember
    /// this device?". (Amplify leaves finding this out to the app.)
    pub fn device_awaits_choice(&self) -> bool {
        self.device_awaits_choice.get()
    }

    /// The signed-in user and this device's key, if it was confirmed.
    async fn this_device(&self) -> Result<(SecretString, String, Option<String>), AuthError> {
        let session = self.fetch_session().await?.ok_or(AuthError::NotSignedIn)?;
        let username = session.tokens.username.clone();
        let key = DeviceSecrets::load(&self.tokens, &self.config.user_pool_client_id, &username)
            .map(|device| device.key);
        Ok((session.tokens.access_token, username, key))
    }

    /// Remembers this device (Amplify's `rememberDevice`): where the pool lets it, the next
    /// sign-in proves the device instead of asking for a second factor.
    pub async fn remember_device(&self) -> Result<(), AuthError> {
        self.set_device_status("remembered").await
    }

    /// Stops remembering this device without forgetting it (`not_remembered`).
    pub async fn stop_remembering_device(&self) -> Result<(), AuthError> {
        self.set_device_status("not_remembered").await
    }

    async fn set_device_status(&self, status: &str) -> Result<(), AuthError> {
        self.device_awaits_choice.set(false);
        let (access_token, _, key) = self.this_device().await?;
        let request = DeviceRequest {
            access_token: Some(access_token),
            device_key: Some(key.ok_or(AuthError::NoDevice)?),
            device_remembered_status: Some(status.to_owned()),
            ..DeviceRequest::default()
        };
        self.request("UpdateDeviceStatus", &request).await.map(drop)
    }

    /// Forgets a device (Amplify's `forgetDevice`): `device_key`, or this device when `None`
    /// (whose secrets are then removed here too).
    pub async fn forget_device(&self, device_key: Option<&str>) -> Result<(), AuthError> {
        let (access_token, username, this_key) = self.this_device().await?;
        let key = match device_key {
            Some(key) => key.to_owned(),
            None => this_key.clone().ok_or(AuthError::NoDevice)?,
        };
        let request = DeviceRequest {
            access_token: Some(access_token),
            device_key: Some(key.clone()),
            ..DeviceRequest::default()
        };
        self.request("ForgetDevice", &request).await?;
        if this_key.as_deref() == Some(key.as_str()) {
            DeviceSecrets::clear(&self.tokens, &self.config.user_pool_client_id, &username);
        }
        Ok(())
    }

    /// The user's remembered devices (Amplify's `fetchDevices`), every page of them.
    pub async fn fetch_devices(&self) -> Result<Vec<Device>, AuthError> {
        let (access_token, _, this_key) = self.this_device().await?;
        let mut devices = Vec::new();
        let mut pagination_token = None;
        loop {
            let request = DeviceRequest {
                access_token: Some(access_token.clone()),
                limit: Some(60),
                pagination_token: pagination_token.take(),
                ..DeviceRequest::default()
            };
            let page = self.request("ListDevices", &request).await?;
            devices.extend(page.devices.into_iter().map(|device| {
                let attributes: crate::StringMap = device
                    .device_attributes
                    .into_iter()
                    .map(|attribute| (attribute.name, attribute.value))
                    .collect();
                Device {
                    name: attributes.get("device_name").cloned(),
                    is_this_device: this_key.as_deref() == Some(device.device_key.as_str()),
                    id: device.device_key,
                    attributes,
                    created_at: device.device_create_date,
                    last_modified_at: device.device_last_modified_date,
                    last_authenticated_at: device.device_last_authenticated_date,
                }
            }));
            match page.pagination_token {
                Some(token) if !token.is_empty() => pagination_token = Some(token),
                _ => return Ok(devices),
            }
        }
    }
}
