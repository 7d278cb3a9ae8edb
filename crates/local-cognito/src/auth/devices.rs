//! Remembered devices in a sign-in: a new device gets `NewDeviceMetadata` with its tokens; a
//! remembered one proves itself with SRP over its own verifier (`DEVICE_SRP_AUTH`, then
//! `DEVICE_PASSWORD_VERIFIER`, the device group standing for the pool name and the device key
//! for the username) instead of a second factor. A forgotten or unknown device, or a wrong
//! device secret, never passes.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use cognito_protocol::{AuthResponse, NewDeviceMetadata, SecretMap, StringMap};
use cognito_srp::{PasswordVerifier, SrpServer};

use super::srp::check_srp_a;
use super::{Attempt, required};
use crate::clock::{random_bytes, random_string, uuid_v4};
use crate::error::{ApiError, ApiResult};
use crate::model::User;
use crate::service::Service;
use crate::sessions::Step;
use crate::store::Device;

const GROUP_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

impl Service {
    /// The confirmed, remembered device the client named (`DEVICE_KEY`), if it is this user's
    /// and the pool lets remembered devices stand in for the second factor
    /// (`ChallengeRequiredOnNewDevice`).
    pub(super) fn remembered_device(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
    ) -> ApiResult<Option<Device>> {
        let stands_in =
            attempt.pool.device_tracking().is_some() && attempt.pool.devices_replace_mfa();
        let Some(key) = attempt.device_key.filter(|_| stands_in) else {
            return Ok(None);
        };
        Ok(self
            .store
            .device(&user.pool_id, &user.username, key)?
            .filter(|device| device.verifier.is_some() && device.remembered))
    }

    /// `NewDeviceMetadata` for a sign-in from a device the pool does not know yet (where it
    /// tracks devices): the device is recorded, to be confirmed with its verifier.
    pub(super) fn new_device(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
    ) -> ApiResult<Option<NewDeviceMetadata>> {
        if attempt.pool.device_tracking().is_none() {
            return Ok(None);
        }
        if let Some(key) = attempt.device_key
            && let Some(mut device) = self.store.device(&user.pool_id, &user.username, key)?
            && device.verifier.is_some()
        {
            device.last_authenticated = self.now();
            self.store.put_device(&device)?;
            return Ok(None);
        }
        let now = self.now();
        let device = Device {
            key: format!("{}_{}", attempt.pool.region(), uuid_v4()),
            pool_id: user.pool_id.clone(),
            username: user.username.clone(),
            group_key: format!("-{}", random_string(GROUP_ALPHABET, 9)),
            verifier: None,
            name: None,
            remembered: false,
            created: now,
            modified: now,
            last_authenticated: now,
        };
        self.store.put_device(&device)?;
        Ok(Some(NewDeviceMetadata {
            device_key: device.key,
            device_group_key: device.group_key,
        }))
    }

    /// `DEVICE_SRP_AUTH`'s answer: the device's `SRP_A`, answered with
    /// `DEVICE_PASSWORD_VERIFIER`.
    pub(super) fn answer_device_srp_auth(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        device_key: &str,
        responses: &SecretMap,
    ) -> ApiResult<AuthResponse> {
        if required(responses, "DEVICE_KEY")? != device_key {
            return Err(ApiError::incorrect_credentials());
        }
        let srp_a = required(responses, "SRP_A")?.to_ascii_lowercase();
        check_srp_a(&srp_a)?;
        let device = self.confirmed_device(user, device_key)?;
        let (salt, verifier) = device
            .verifier
            .as_ref()
            .ok_or_else(ApiError::incorrect_credentials)?;
        let verifier = PasswordVerifier::from_hex(salt, verifier).map_err(ApiError::internal)?;
        let server = SrpServer::new(&verifier, &random_bytes(128)).map_err(ApiError::internal)?;
        let secret_block = random_bytes(64);
        let parameters = StringMap::from([
            ("SALT".to_owned(), server.salt_hex()),
            ("SRP_B".to_owned(), server.srp_b()),
            ("SECRET_BLOCK".to_owned(), BASE64.encode(&secret_block)),
            ("USERNAME".to_owned(), user.username.clone()),
            ("DEVICE_KEY".to_owned(), device_key.to_owned()),
        ]);
        let step = Step::DevicePasswordVerifier {
            device_key: device_key.to_owned(),
            srp: Box::new(server),
            srp_a,
            secret_block,
        };
        Ok(self.open_challenge(attempt, Some(&user.username), step, parameters))
    }

    /// `DEVICE_PASSWORD_VERIFIER`'s answer: the device's SRP proof, then tokens.
    pub(super) fn answer_device_password_verifier(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        device_key: &str,
        (srp, srp_a, secret_block): (&SrpServer, &str, &[u8]),
        responses: &SecretMap,
    ) -> ApiResult<AuthResponse> {
        if required(responses, "DEVICE_KEY")? != device_key {
            return Err(ApiError::incorrect_credentials());
        }
        let device = self.confirmed_device(user, device_key)?;
        // The device group stands for the pool name, the device key for the username.
        let group_as_pool = format!("device_{}", device.group_key);
        let proven = self.proof_accepted(
            srp,
            (srp_a, secret_block),
            (&group_as_pool, device_key),
            responses,
        )?;
        if !proven {
            self.record_failure(user)?;
            return Err(ApiError::incorrect_credentials());
        }
        self.issue_tokens(attempt, user, None)
    }

    /// The user's confirmed device `key`, or Cognito's refusal.
    fn confirmed_device(&self, user: &User, key: &str) -> ApiResult<Device> {
        self.store
            .device(&user.pool_id, &user.username, key)?
            .filter(|device| device.verifier.is_some())
            .ok_or_else(ApiError::incorrect_credentials)
    }
}
