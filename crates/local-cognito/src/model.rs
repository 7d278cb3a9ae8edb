//! The records local-cognito keeps: pools, app clients, users.

use std::collections::BTreeMap;

use cognito_protocol::{AttributeType, UserType};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A user pool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pool {
    /// `<region>_<name>`, e.g. `us-east-1_AbCdEf123`.
    pub id: String,
    /// The human name.
    pub name: String,
    /// Trigger name → handler reference (see [`crate::triggers::HandlerRef`]).
    pub lambda_config: Map<String, Value>,
    /// `["email"]` when people sign in by e-mail and usernames are generated.
    pub username_attributes: Vec<String>,
    /// Other `CreateUserPool` fields, echoed back by `DescribeUserPool`.
    pub other: Map<String, Value>,
    /// Seconds since the epoch.
    pub created: f64,
}

impl Pool {
    /// `UserPoolTier`: `LITE`, `ESSENTIALS` (Cognito's default for new pools) or `PLUS`.
    pub fn tier(&self) -> &str {
        self.other
            .get("UserPoolTier")
            .and_then(Value::as_str)
            .unwrap_or("ESSENTIALS")
    }

    /// `Policies.SignInPolicy.AllowedFirstAuthFactors` (`PASSWORD` when not set, as on Cognito).
    pub fn first_auth_factors(&self) -> Vec<String> {
        self.other
            .get("Policies")
            .and_then(|policies| policies.get("SignInPolicy"))
            .and_then(|policy| policy.get("AllowedFirstAuthFactors"))
            .and_then(Value::as_array)
            .map(|factors| {
                factors
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_else(|| vec!["PASSWORD".to_owned()])
    }

    /// `MfaConfiguration`: `OFF` (the default), `ON` or `OPTIONAL`.
    pub fn mfa_configuration(&self) -> &str {
        self.other
            .get("MfaConfiguration")
            .and_then(Value::as_str)
            .unwrap_or("OFF")
    }

    /// The second factors the pool offers (`SetUserPoolMfaConfig`): `SOFTWARE_TOKEN_MFA`,
    /// `SMS_MFA`, `EMAIL_OTP`. A pool with MFA but none configured offers authenticator apps.
    pub fn mfa_factors(&self) -> Vec<&'static str> {
        let mut factors = Vec::new();
        let configured = |name: &str| self.other.get(name).is_some_and(Value::is_object);
        if self
            .other
            .get("SoftwareTokenMfaConfiguration")
            .and_then(|config| config.get("Enabled"))
            .and_then(Value::as_bool)
            == Some(true)
        {
            factors.push("SOFTWARE_TOKEN_MFA");
        }
        if configured("SmsMfaConfiguration") {
            factors.push("SMS_MFA");
        }
        if configured("EmailMfaConfiguration") {
            factors.push("EMAIL_OTP");
        }
        if factors.is_empty() && self.mfa_configuration() != "OFF" {
            factors.push("SOFTWARE_TOKEN_MFA");
        }
        factors
    }

    /// `DeviceConfiguration`: `Some(only remembered when the user says so)` when the pool tracks
    /// devices.
    pub fn device_tracking(&self) -> Option<bool> {
        let config = self.other.get("DeviceConfiguration")?.as_object()?;
        Some(
            config
                .get("DeviceOnlyRememberedOnUserPrompt")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        )
    }

    /// `DeviceConfiguration.ChallengeRequiredOnNewDevice`: whether a remembered device may sign
    /// in with device authentication instead of the second factor (devices that are not
    /// remembered always give one where MFA applies).
    pub fn devices_replace_mfa(&self) -> bool {
        self.other
            .get("DeviceConfiguration")
            .and_then(|config| config.get("ChallengeRequiredOnNewDevice"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// The region part of the pool id.
    pub fn region(&self) -> &str {
        self.id
            .split_once('_')
            .map_or("us-east-1", |(region, _)| region)
    }
}

/// An app client.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Client {
    /// 26 characters, as Cognito's.
    pub id: String,
    /// Its pool.
    pub pool_id: String,
    /// The human name.
    pub name: String,
    /// `ALLOW_USER_SRP_AUTH`, `ALLOW_USER_PASSWORD_AUTH`, `ALLOW_CUSTOM_AUTH`, ….
    pub explicit_auth_flows: Vec<String>,
    /// `true` (Cognito's default for new clients): unknown users look like wrong passwords.
    pub prevent_user_existence_errors: bool,
    /// Minutes a sign-in session lives (Cognito: 3 by default, 3–15).
    pub auth_session_validity: u32,
    /// Seconds since the epoch.
    pub created: f64,
    /// `ReadAttributes`; `None`: Cognito's default (every attribute but developer-only ones).
    pub read_attributes: Option<Vec<String>>,
    /// `WriteAttributes`; `None`: Cognito's default (every mutable attribute of the schema but
    /// the verified flags and developer-only ones).
    pub write_attributes: Option<Vec<String>>,
    /// `RefreshTokenRotation`: `Some(grace seconds)` when enabled.
    pub refresh_rotation_grace: Option<u32>,
}

impl Client {
    /// Whether `flag` (an `ALLOW_…` value) is enabled. A client created without
    /// `ExplicitAuthFlows` gets Cognito's defaults: SRP, custom auth and refresh.
    pub fn allows(&self, flag: &str) -> bool {
        self.explicit_auth_flows
            .iter()
            .any(|allowed| allowed == flag)
    }
}

/// Where a user stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UserStatus {
    /// Can sign in.
    Confirmed,
    /// Signed up, code not yet confirmed.
    Unconfirmed,
    /// Admin-created: must set a new password at first sign-in.
    ForceChangePassword,
    /// Must reset the password.
    ResetRequired,
}

impl UserStatus {
    /// Cognito's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "CONFIRMED",
            Self::Unconfirmed => "UNCONFIRMED",
            Self::ForceChangePassword => "FORCE_CHANGE_PASSWORD",
            Self::ResetRequired => "RESET_REQUIRED",
        }
    }

    /// From Cognito's name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "CONFIRMED" => Some(Self::Confirmed),
            "UNCONFIRMED" => Some(Self::Unconfirmed),
            "FORCE_CHANGE_PASSWORD" => Some(Self::ForceChangePassword),
            "RESET_REQUIRED" => Some(Self::ResetRequired),
            _ => None,
        }
    }
}

/// A user. The password is kept only as an SRP verifier.
#[derive(Clone, Debug, PartialEq)]
pub struct User {
    /// Its pool.
    pub pool_id: String,
    /// The username (also `USER_ID_FOR_SRP`).
    pub username: String,
    /// The immutable id.
    pub sub: String,
    /// Where the user stands.
    pub status: UserStatus,
    /// Disabled users cannot sign in.
    pub enabled: bool,
    /// Attributes other than `sub`.
    pub attributes: BTreeMap<String, String>,
    /// `(salt hex, verifier hex)` of the password, if one is set.
    pub verifier: Option<(String, String)>,
    /// Seconds since the epoch.
    pub created: f64,
    /// Seconds since the epoch.
    pub modified: f64,
    /// Consecutive failed sign-ins.
    pub failed_attempts: u32,
    /// No sign-in before this time (lockout back-off).
    pub locked_until: f64,
    /// Tokens issued before this time are revoked (`GlobalSignOut`).
    pub tokens_valid_after: f64,
    /// Multi-factor settings.
    pub mfa: MfaSettings,
}

/// A user's multi-factor settings, stored as JSON. Unknown fields are refused when read, as
/// every stored value is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MfaSettings {
    /// The authenticator app's secret (`AssociateSoftwareToken`), base32.
    pub totp_secret: Option<TotpSecret>,
    /// Whether a code from it was verified (`VerifySoftwareToken`).
    pub totp_verified: bool,
    /// The last TOTP time step accepted: a code is good once.
    pub totp_last_step: u64,
    /// The factors the user turned on: `SOFTWARE_TOKEN_MFA`, `SMS_MFA`, `EMAIL_OTP`.
    pub enabled: Vec<String>,
    /// The preferred one, if any.
    pub preferred: Option<String>,
}

/// A TOTP secret (base32): `Debug` never prints it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TotpSecret(pub String);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret([REDACTED])")
    }
}

impl User {
    /// The second factors in force for this user: turned on by the user (or an administrator),
    /// offered by the pool, and usable — a verified authenticator, a phone number, an e-mail
    /// address. Preferred first.
    pub fn mfa_factors(&self, pool: &Pool) -> Vec<String> {
        if pool.mfa_configuration() == "OFF" {
            return Vec::new();
        }
        let offered = pool.mfa_factors();
        let mut factors: Vec<String> = self
            .mfa
            .enabled
            .iter()
            .filter(|factor| offered.contains(&factor.as_str()))
            .filter(|factor| match factor.as_str() {
                "SOFTWARE_TOKEN_MFA" => self.mfa.totp_verified,
                "SMS_MFA" => self.attributes.contains_key("phone_number"),
                "EMAIL_OTP" => self.attributes.contains_key("email"),
                _ => false,
            })
            .cloned()
            .collect();
        if let Some(preferred) = &self.mfa.preferred
            && let Some(at) = factors.iter().position(|factor| factor == preferred)
        {
            let preferred = factors.remove(at);
            factors.insert(0, preferred);
        }
        factors
    }

    /// All attributes, `sub` first, as Cognito lists them.
    pub fn attribute_list(&self) -> Vec<AttributeType> {
        std::iter::once(AttributeType {
            name: "sub".to_owned(),
            value: self.sub.clone(),
        })
        .chain(self.attributes.iter().map(|(name, value)| AttributeType {
            name: name.clone(),
            value: value.clone(),
        }))
        .collect()
    }

    /// Attributes as a Lambda event's `userAttributes` (with `sub` and `cognito:user_status`).
    pub fn event_attributes(&self) -> Map<String, Value> {
        let mut map: Map<String, Value> = self
            .attributes
            .iter()
            .map(|(name, value)| (name.clone(), Value::String(value.clone())))
            .collect();
        map.insert("sub".to_owned(), Value::String(self.sub.clone()));
        map.insert(
            "cognito:user_status".to_owned(),
            Value::String(self.status.as_str().to_owned()),
        );
        map
    }

    /// The user as the admin API describes it.
    pub fn to_user_type(&self) -> UserType {
        UserType {
            username: self.username.clone(),
            attributes: self.attribute_list(),
            user_create_date: self.created,
            user_last_modified_date: self.modified,
            enabled: self.enabled,
            user_status: self.status.as_str().to_owned(),
        }
    }
}
