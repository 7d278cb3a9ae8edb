//! The TOML file that seeds pools, app clients, users and triggers at start-up.
//!
//! ```toml
//! [[pools]]
//! id = "us-east-1_DemoPool1"
//! name = "demo"
//! [pools.triggers]
//! DefineAuthChallenge = "builtin:captcha-define"
//! [[pools.clients]]
//! id = "demoappclient000000000000a"
//! name = "login-page"
//! auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
//! [[pools.users]]
//! username = "alice"
//! password = "Passw0rd!"
//! attributes = { email = "alice@example.com" }
//! groups = ["admins"]
//! [[pools.schema]]          # custom attributes: custom:tier
//! name = "tier"
//! [[pools.groups]]
//! name = "admins"
//! precedence = 1
//! ```
//!
//! Seeding is idempotent: what exists already is left as it is.

use std::collections::BTreeMap;

use cognito_protocol::{
    AdminCreateUserRequest, AttributeType, GroupMembershipRequest, GroupRequest,
    UserPoolClientRequest, UserPoolRequest,
};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::ApiResult;
use crate::model::UserStatus;
use crate::service::Service;

/// The whole file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Pools to create.
    #[serde(default)]
    pub pools: Vec<PoolConfig>,
}

/// One pool.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoolConfig {
    /// `<region>_<name>`.
    pub id: String,
    /// Human name.
    pub name: String,
    /// `LambdaConfig`: trigger name → handler reference.
    #[serde(default)]
    pub triggers: BTreeMap<String, String>,
    /// `["email"]` to sign in by e-mail.
    #[serde(default)]
    pub username_attributes: Vec<String>,
    /// `UsernameConfiguration.CaseSensitive` (default true, as `CreateUserPool`'s): false lets
    /// "Alice" sign in as `alice`.
    #[serde(default)]
    pub case_sensitive: Option<bool>,
    /// `UserPoolTier`: `LITE`, `ESSENTIALS` (default) or `PLUS`.
    #[serde(default)]
    pub tier: Option<String>,
    /// `Policies.SignInPolicy.AllowedFirstAuthFactors` for `USER_AUTH` (default `["PASSWORD"]`):
    /// `PASSWORD`, `EMAIL_OTP`, `SMS_OTP`.
    #[serde(default)]
    pub first_auth_factors: Vec<String>,
    /// `MfaConfiguration`: `OFF` (default), `ON`, `OPTIONAL`.
    #[serde(default)]
    pub mfa: Option<String>,
    /// The second factors offered: `SOFTWARE_TOKEN_MFA`, `SMS_MFA`, `EMAIL_OTP`.
    #[serde(default)]
    pub mfa_factors: Vec<String>,
    /// `DeviceConfiguration`: `"always"` (every device remembered) or `"opt-in"` (remembered
    /// when the user says so); no device tracking when absent.
    #[serde(default)]
    pub devices: Option<String>,
    /// `WebAuthnConfiguration.RelyingPartyId` for passkeys (`localhost` when absent).
    #[serde(default)]
    pub passkey_relying_party: Option<String>,
    /// `WebAuthnConfiguration.UserVerification`: `"preferred"` (Cognito's default: a passkey
    /// without a PIN or biometric may sign in) or `"required"`.
    #[serde(default)]
    pub passkey_user_verification: Option<String>,
    /// App clients.
    #[serde(default)]
    pub clients: Vec<ClientConfig>,
    /// Users.
    #[serde(default)]
    pub users: Vec<UserConfig>,
    /// Custom attributes (`custom:<name>`, or `dev:custom:<name>` when developer-only).
    #[serde(default)]
    pub schema: Vec<SchemaConfig>,
    /// Groups.
    #[serde(default)]
    pub groups: Vec<GroupConfig>,
}

/// One custom attribute of a pool's schema.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaConfig {
    /// The name without its prefix.
    pub name: String,
    /// `String` (default), `Number`, `DateTime`, `Boolean`.
    #[serde(default)]
    pub data_type: Option<String>,
    /// May change once set (default true).
    #[serde(default)]
    pub mutable: Option<bool>,
    /// Written by an administrator only, read by no client.
    #[serde(default)]
    pub developer_only: bool,
}

/// One group.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupConfig {
    /// The name.
    pub name: String,
    /// Lower first.
    #[serde(default)]
    pub precedence: Option<i64>,
    /// What it is for.
    #[serde(default)]
    pub description: Option<String>,
}

/// One app client.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    /// Fixed id, so the login page's config can name it.
    pub id: String,
    /// Human name.
    pub name: String,
    /// `ExplicitAuthFlows`.
    pub auth_flows: Vec<String>,
    /// Minutes a sign-in session lives (default 3).
    #[serde(default)]
    pub session_validity_minutes: Option<u32>,
    /// `ReadAttributes` (default: all but developer-only ones).
    #[serde(default)]
    pub read_attributes: Option<Vec<String>>,
    /// `WriteAttributes` (default: the schema's, but the verified flags).
    #[serde(default)]
    pub write_attributes: Option<Vec<String>>,
    /// `RefreshTokenRotation` enabled with this grace period (0–60 s); off when absent.
    #[serde(default)]
    pub refresh_rotation_grace_seconds: Option<u32>,
}

/// One user.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserConfig {
    /// Username.
    pub username: String,
    /// Password (only its SRP verifier is stored); none for a user who signs in with codes only.
    #[serde(default)]
    pub password: Option<String>,
    /// `CONFIRMED` (default) or `FORCE_CHANGE_PASSWORD` (the password is temporary).
    #[serde(default)]
    pub status: Option<String>,
    /// Attributes.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// The groups (of this pool) the user is in.
    #[serde(default)]
    pub groups: Vec<String>,
    /// An authenticator app already set up: its secret (base32), verified.
    #[serde(default)]
    pub totp_secret: Option<String>,
    /// Second factors turned on (`SOFTWARE_TOKEN_MFA`, `SMS_MFA`, `EMAIL_OTP`).
    #[serde(default)]
    pub mfa: Vec<String>,
    /// The preferred one.
    #[serde(default)]
    pub preferred_mfa: Option<String>,
}

impl Config {
    /// Parses a TOML document.
    pub fn parse(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }

    /// Creates whatever the config names that does not exist yet.
    pub fn apply(&self, service: &Service) -> ApiResult<()> {
        for pool in &self.pools {
            let triggers: Map<String, Value> = pool
                .triggers
                .iter()
                .map(|(name, handler)| (name.clone(), Value::from(handler.clone())))
                .collect();
            match service.store.pool(&pool.id)? {
                None => {
                    let region = pool.id.split('_').next().unwrap_or("us-east-1");
                    let mut other = Map::new();
                    if let Some(case_sensitive) = pool.case_sensitive {
                        other.insert(
                            "UsernameConfiguration".to_owned(),
                            serde_json::json!({ "CaseSensitive": case_sensitive }),
                        );
                    }
                    if !pool.schema.is_empty() {
                        other.insert("Schema".to_owned(), pool.schema_value());
                    }
                    if let Some(tier) = &pool.tier {
                        other.insert("UserPoolTier".to_owned(), Value::from(tier.clone()));
                    }
                    if let Some(rp_id) = &pool.passkey_relying_party {
                        other.insert(
                            "WebAuthnConfiguration".to_owned(),
                            serde_json::json!({
                                "RelyingPartyId": rp_id,
                                "UserVerification": pool
                                    .passkey_user_verification
                                    .as_deref()
                                    .unwrap_or("preferred"),
                            }),
                        );
                    }
                    if let Some(devices) = &pool.devices {
                        other.insert(
                            "DeviceConfiguration".to_owned(),
                            serde_json::json!({
                                // Remembered devices sign in with device authentication
                                // instead of the second factor.
                                "ChallengeRequiredOnNewDevice": true,
                                "DeviceOnlyRememberedOnUserPrompt": devices == "opt-in",
                            }),
                        );
                    }
                    if let Some(mode) = &pool.mfa {
                        other.insert("MfaConfiguration".to_owned(), Value::from(mode.clone()));
                    }
                    for factor in &pool.mfa_factors {
                        let (name, config) = match factor.as_str() {
                            "SOFTWARE_TOKEN_MFA" => (
                                "SoftwareTokenMfaConfiguration",
                                serde_json::json!({ "Enabled": true }),
                            ),
                            "SMS_MFA" => (
                                "SmsMfaConfiguration",
                                serde_json::json!({ "SmsAuthenticationMessage": "Your code is {####}" }),
                            ),
                            _ => (
                                "EmailMfaConfiguration",
                                serde_json::json!({ "Message": "Your code is {####}", "Subject": "Your code" }),
                            ),
                        };
                        other.insert(name.to_owned(), config);
                    }
                    if !pool.first_auth_factors.is_empty() {
                        other.insert(
                            "Policies".to_owned(),
                            serde_json::json!({ "SignInPolicy": {
                                "AllowedFirstAuthFactors": pool.first_auth_factors } }),
                        );
                    }
                    let request = UserPoolRequest {
                        pool_name: Some(pool.name.clone()),
                        lambda_config: Some(triggers),
                        username_attributes: Some(pool.username_attributes.clone()),
                        other,
                        ..UserPoolRequest::default()
                    };
                    service.create_user_pool(request, region, Some(pool.id.clone()))?;
                }
                Some(mut existing) => {
                    // Triggers follow the config file, so editing it and restarting takes effect.
                    existing.lambda_config = triggers;
                    service.store.update_pool(&existing)?;
                }
            }
            for client in &pool.clients {
                if service.store.client(&client.id)?.is_none() {
                    let request = UserPoolClientRequest {
                        user_pool_id: pool.id.clone(),
                        client_name: Some(client.name.clone()),
                        explicit_auth_flows: Some(client.auth_flows.clone()),
                        auth_session_validity: client.session_validity_minutes,
                        read_attributes: client.read_attributes.clone(),
                        write_attributes: client.write_attributes.clone(),
                        refresh_token_rotation: client.refresh_rotation_grace_seconds.map(
                            |grace| cognito_protocol::RefreshTokenRotation {
                                feature: "ENABLED".to_owned(),
                                retry_grace_period_seconds: Some(grace),
                            },
                        ),
                        ..UserPoolClientRequest::default()
                    };
                    service.create_user_pool_client(request, Some(client.id.clone()))?;
                }
            }
            for group in &pool.groups {
                if service.store.group(&pool.id, &group.name)?.is_none() {
                    service.create_group(&GroupRequest {
                        user_pool_id: pool.id.clone(),
                        group_name: group.name.clone(),
                        description: group.description.clone(),
                        precedence: group.precedence,
                        role_arn: None,
                    })?;
                }
            }
            for user in &pool.users {
                if service.store.user(&pool.id, &user.username)?.is_some() {
                    continue;
                }
                let attributes: Vec<AttributeType> = user
                    .attributes
                    .iter()
                    .map(|(name, value)| AttributeType {
                        name: name.clone(),
                        value: value.clone(),
                    })
                    .collect();
                let status = user
                    .status
                    .as_deref()
                    .and_then(UserStatus::parse)
                    .unwrap_or(UserStatus::Confirmed);
                match (status, &user.password) {
                    (UserStatus::ForceChangePassword, Some(password)) => {
                        service.admin_create_user(&AdminCreateUserRequest {
                            user_pool_id: pool.id.clone(),
                            username: user.username.clone(),
                            user_attributes: attributes,
                            temporary_password: Some(password.as_str().into()),
                            message_action: Some("SUPPRESS".to_owned()),
                        })?;
                    }
                    (UserStatus::ForceChangePassword, None) => {
                        return Err(crate::error::ApiError::invalid_parameter(format!(
                            "user {}: FORCE_CHANGE_PASSWORD needs a (temporary) password",
                            user.username
                        )));
                    }
                    (status, password) => {
                        let pool_record = service.pool(&pool.id)?;
                        let record = service.new_user(
                            &pool_record,
                            &user.username,
                            &attributes,
                            status,
                            password.as_deref(),
                        )?;
                        service.store.insert_user(&record)?;
                    }
                }
                if user.totp_secret.is_some() || !user.mfa.is_empty() {
                    service.change_user(&pool.id, &user.username, |stored| {
                        stored.mfa.totp_secret =
                            user.totp_secret.clone().map(crate::model::TotpSecret);
                        stored.mfa.totp_verified = user.totp_secret.is_some();
                        stored.mfa.enabled = user.mfa.clone();
                        stored.mfa.preferred = user.preferred_mfa.clone();
                        Ok(())
                    })?;
                }
                for group in &user.groups {
                    service.admin_add_user_to_group(&GroupMembershipRequest {
                        user_pool_id: pool.id.clone(),
                        username: user.username.clone(),
                        group_name: group.clone(),
                    })?;
                }
            }
        }
        Ok(())
    }
}

impl PoolConfig {
    /// The custom attributes as `CreateUserPool`'s `Schema`.
    fn schema_value(&self) -> Value {
        Value::Array(
            self.schema
                .iter()
                .map(|attribute| {
                    serde_json::json!({
                        "Name": attribute.name,
                        "AttributeDataType": attribute.data_type.as_deref().unwrap_or("String"),
                        "Mutable": attribute.mutable.unwrap_or(true),
                        "DeveloperOnlyAttribute": attribute.developer_only,
                    })
                })
                .collect(),
        )
    }
}
