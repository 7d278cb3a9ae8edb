//! Remembered devices: `ConfirmDevice` (the device's SRP verifier), `UpdateDeviceStatus`,
//! `GetDevice`, `ListDevices`, `ForgetDevice` and their `Admin*` forms.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use cognito_protocol::{ConfirmDeviceRequest, DeviceRequest, ErrorKind, ExposeSecret};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::model::User;
use crate::service::Service;
use crate::store::Device;

/// Devices listed per page at most (Cognito's `Limit` bound).
const MAX_DEVICES: u32 = 60;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn not_found() -> ApiError {
    ApiError::new(
        ErrorKind::ResourceNotFoundException,
        "Device does not exist.",
    )
}

/// A device as Cognito describes it (`DeviceType`).
fn describe(device: &Device) -> Value {
    let mut attributes = vec![json!({ "Name": "device_status", "Value": "valid" })];
    if let Some(name) = &device.name {
        attributes.push(json!({ "Name": "device_name", "Value": name }));
    }
    attributes.push(json!({ "Name": "dev:device_remembered_status",
        "Value": if device.remembered { "remembered" } else { "not_remembered" } }));
    json!({
        "DeviceKey": device.key,
        "DeviceAttributes": attributes,
        "DeviceCreateDate": device.created,
        "DeviceLastModifiedDate": device.modified,
        "DeviceLastAuthenticatedDate": device.last_authenticated,
    })
}

impl Service {
    /// The user a device request is about: by access token, or (`admin`) by pool and username.
    fn device_owner(&self, request: &DeviceRequest, admin: bool) -> ApiResult<User> {
        self.user_named_or_signed_in(
            admin,
            request.access_token.as_ref(),
            (request.user_pool_id.as_deref(), request.username.as_deref()),
        )
    }

    fn owned_device(&self, user: &User, request: &DeviceRequest) -> ApiResult<Device> {
        let key = request
            .device_key
            .as_deref()
            .ok_or_else(|| ApiError::missing("DeviceKey"))?;
        self.store
            .device(&user.pool_id, &user.username, key)?
            .filter(|device| device.verifier.is_some())
            .ok_or_else(not_found)
    }

    /// `ConfirmDevice`: the device issued at the sign-in gives its SRP verifier; remembered at
    /// once unless the pool remembers devices only when the user says so.
    pub fn confirm_device(&self, request: &ConfirmDeviceRequest) -> ApiResult<Value> {
        let user = self.user_of_access_token(request.access_token.expose_secret())?;
        let pool = self.pool(&user.pool_id)?;
        let only_on_prompt = pool.device_tracking().ok_or_else(|| {
            ApiError::invalid_parameter("Device tracking is not enabled for this user pool.")
        })?;
        let mut device = self
            .store
            .device(&user.pool_id, &user.username, &request.device_key)?
            .ok_or_else(not_found)?;
        let config = request
            .device_secret_verifier_config
            .as_ref()
            .ok_or_else(|| ApiError::missing("DeviceSecretVerifierConfig"))?;
        let decode = |value: &str, name: &str| {
            BASE64
                .decode(value)
                .ok()
                .filter(|bytes| !bytes.is_empty() && bytes.len() <= 512)
                .ok_or_else(|| ApiError::invalid_parameter(format!("{name} is not valid base64.")))
        };
        let verifier = decode(&config.password_verifier, "PasswordVerifier")?;
        let salt = decode(&config.salt, "Salt")?;
        let now = self.now();
        device.verifier = Some((hex(&salt), hex(&verifier)));
        device.name = request.device_name.clone().or(device.name);
        device.remembered = !only_on_prompt;
        device.modified = now;
        self.store.put_device(&device)?;
        Ok(json!({ "UserConfirmationNecessary": only_on_prompt }))
    }

    /// `UpdateDeviceStatus` / `AdminUpdateDeviceStatus`.
    pub fn update_device_status(&self, request: &DeviceRequest, admin: bool) -> ApiResult<Value> {
        let user = self.device_owner(request, admin)?;
        let mut device = self.owned_device(&user, request)?;
        device.remembered = match request.device_remembered_status.as_deref() {
            Some("remembered") => true,
            Some("not_remembered") => false,
            _ => {
                return Err(ApiError::invalid_parameter(
                    "DeviceRememberedStatus must be remembered or not_remembered.",
                ));
            }
        };
        device.modified = self.now();
        self.store.put_device(&device)?;
        Ok(json!({}))
    }

    /// `GetDevice` / `AdminGetDevice`.
    pub fn get_device(&self, request: &DeviceRequest, admin: bool) -> ApiResult<Value> {
        let user = self.device_owner(request, admin)?;
        Ok(json!({ "Device": describe(&self.owned_device(&user, request)?) }))
    }

    /// `ListDevices` / `AdminListDevices`: most recently used first, by pages.
    pub fn list_devices(&self, request: &DeviceRequest, admin: bool) -> ApiResult<Value> {
        let user = self.device_owner(request, admin)?;
        let limit = request.limit.unwrap_or(MAX_DEVICES).clamp(1, MAX_DEVICES) as usize;
        let devices = self.store.devices_of(&user.pool_id, &user.username)?;
        let start = match &request.pagination_token {
            Some(token) => devices
                .iter()
                .position(|device| &device.key == token)
                .ok_or_else(|| ApiError::invalid_parameter("Invalid pagination token."))?,
            None => 0,
        };
        let page: Vec<Value> = devices
            .iter()
            .skip(start)
            .take(limit)
            .map(describe)
            .collect();
        let mut answer = json!({ "Devices": page });
        if let Some(next) = devices.get(start + limit) {
            answer["PaginationToken"] = json!(next.key);
        }
        Ok(answer)
    }

    /// `ForgetDevice` / `AdminForgetDevice`: the device no longer signs in.
    pub fn forget_device(&self, request: &DeviceRequest, admin: bool) -> ApiResult<Value> {
        let user = self.device_owner(request, admin)?;
        let device = self.owned_device(&user, request)?;
        self.store.delete_device(&device.key)?;
        Ok(json!({}))
    }
}
