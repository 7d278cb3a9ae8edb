//! Pool, app-client and user administration (`CreateUserPool`, `AdminCreateUser`, …).

use std::collections::BTreeMap;

use cognito_protocol::{
    AdminCreateUserRequest, AdminSetUserPasswordRequest, AdminUserRequest, AttributeType,
    ErrorKind, ExposeSecret, ListUsersRequest, RefreshTokenRotation, UserPoolClientRequest,
    UserPoolRequest,
};
use cognito_srp::PasswordVerifier;
use serde_json::{Map, Value, json};

use crate::clock::{random_bytes, random_string, uuid_v4};
use crate::error::{ApiError, ApiResult};
use crate::model::{Client, Pool, User, UserStatus};
use crate::service::Service;
use crate::store::Message;
use crate::tokens::SigningKeyPair;

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const CLIENT_ID_ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
/// A new client's flows when `ExplicitAuthFlows` is not given (Cognito's defaults).
const DEFAULT_FLOWS: [&str; 3] = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
];

/// A pool description as `DescribeUserPool` returns it.
pub fn describe_pool(pool: &Pool) -> Value {
    let mut description = pool.other.clone();
    description.insert("Id".to_owned(), Value::from(pool.id.clone()));
    description.insert("Name".to_owned(), Value::from(pool.name.clone()));
    // Always there, as on Cognito: the plan new pools get unless another is asked for.
    description.insert("UserPoolTier".to_owned(), Value::from(pool.tier()));
    description.insert(
        "Arn".to_owned(),
        Value::from(format!(
            "arn:aws:cognito-idp:{}:000000000000:userpool/{}",
            pool.region(),
            pool.id
        )),
    );
    description.insert(
        "LambdaConfig".to_owned(),
        Value::Object(pool.lambda_config.clone()),
    );
    if !pool.username_attributes.is_empty() {
        description.insert(
            "UsernameAttributes".to_owned(),
            json!(pool.username_attributes),
        );
    }
    description.insert(
        "SchemaAttributes".to_owned(),
        Value::Array(pool.schema_attributes()),
    );
    description.remove("Schema");
    description.insert("CreationDate".to_owned(), Value::from(pool.created));
    description.insert("LastModifiedDate".to_owned(), Value::from(pool.created));
    Value::Object(description)
}

/// `RefreshTokenRotation` as stored: the grace period when enabled.
fn rotation_grace(rotation: Option<&RefreshTokenRotation>) -> ApiResult<Option<u32>> {
    let Some(rotation) = rotation else {
        return Ok(None);
    };
    let grace = rotation.retry_grace_period_seconds.unwrap_or(0);
    if grace > 60 {
        return Err(ApiError::invalid_parameter(
            "RetryGracePeriodSeconds must be between 0 and 60.",
        ));
    }
    match rotation.feature.as_str() {
        "ENABLED" => Ok(Some(grace)),
        "DISABLED" => Ok(None),
        other => Err(ApiError::invalid_parameter(format!(
            "1 validation error detected: Value '{other}' at 'refreshTokenRotation.feature' \
             failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]"
        ))),
    }
}

fn describe_client(client: &Client) -> Value {
    let mut description = json!({
        "UserPoolId": client.pool_id,
        "ClientName": client.name,
        "ClientId": client.id,
        "ExplicitAuthFlows": client.explicit_auth_flows,
        "PreventUserExistenceErrors": if client.prevent_user_existence_errors { "ENABLED" } else { "LEGACY" },
        "AuthSessionValidity": client.auth_session_validity,
        "RefreshTokenRotation": match client.refresh_rotation_grace {
            Some(grace) => json!({ "Feature": "ENABLED", "RetryGracePeriodSeconds": grace }),
            None => json!({ "Feature": "DISABLED" }),
        },
        "CreationDate": client.created,
        "LastModifiedDate": client.created,
    });
    // As Cognito: only permissions the client was given are described.
    for (key, names) in [
        ("ReadAttributes", &client.read_attributes),
        ("WriteAttributes", &client.write_attributes),
    ] {
        if let Some(names) = names {
            description[key] = json!(names);
        }
    }
    description
}

impl Service {
    /// `CreateUserPool`; `id` may be fixed (seed config), else one is generated.
    pub fn create_user_pool(
        &self,
        request: UserPoolRequest,
        region: &str,
        id: Option<String>,
    ) -> ApiResult<Value> {
        let name = request
            .pool_name
            .filter(|name| !name.is_empty())
            .ok_or_else(|| ApiError::missing("PoolName"))?;
        let id = id.unwrap_or_else(|| format!("{region}_{}", random_string(ALNUM, 9)));
        if cognito_srp::pool_name(&id).is_err() {
            return Err(ApiError::invalid_parameter(
                "User pool id must look like <region>_<name>",
            ));
        }
        check_sign_in_policy(&request.other)?;
        let pool = Pool {
            id,
            name,
            lambda_config: request.lambda_config.unwrap_or_default(),
            username_attributes: request.username_attributes.unwrap_or_default(),
            other: request.other,
            created: self.now(),
        };
        let key = SigningKeyPair::generate().map_err(ApiError::internal)?;
        self.store
            .insert_pool(&pool, &key.to_pem().map_err(ApiError::internal)?, key.kid())?;
        Ok(json!({ "UserPool": describe_pool(&pool) }))
    }

    /// `DescribeUserPool`.
    pub fn describe_user_pool(&self, pool_id: &str) -> ApiResult<Value> {
        Ok(json!({ "UserPool": describe_pool(&self.pool(pool_id)?) }))
    }

    /// `UpdateUserPool`: replaces the settings given (notably `LambdaConfig`).
    pub fn update_user_pool(&self, request: UserPoolRequest) -> ApiResult<Value> {
        let pool_id = request
            .user_pool_id
            .as_deref()
            .ok_or_else(|| ApiError::missing("UserPoolId"))?;
        let mut pool = self.pool(pool_id)?;
        pool.lambda_config = request.lambda_config.unwrap_or_default();
        pool.other.extend(request.other);
        check_sign_in_policy(&pool.other)?;
        self.store.update_pool(&pool)?;
        Ok(json!({}))
    }

    /// `CreateUserPoolClient`; `id` may be fixed (seed config).
    pub fn create_user_pool_client(
        &self,
        request: UserPoolClientRequest,
        id: Option<String>,
    ) -> ApiResult<Value> {
        self.pool(&request.user_pool_id)?;
        if request.generate_secret == Some(true) {
            return Err(ApiError::invalid_parameter(
                "local-cognito does not support client secrets yet",
            ));
        }
        let client = Client {
            id: id.unwrap_or_else(|| random_string(CLIENT_ID_ALPHABET, 26)),
            pool_id: request.user_pool_id,
            name: request.client_name.unwrap_or_default(),
            explicit_auth_flows: request
                .explicit_auth_flows
                .unwrap_or_else(|| DEFAULT_FLOWS.map(str::to_owned).to_vec()),
            prevent_user_existence_errors: request.prevent_user_existence_errors.as_deref()
                != Some("LEGACY"),
            auth_session_validity: request.auth_session_validity.unwrap_or(3).clamp(3, 15),
            created: self.now(),
            read_attributes: request.read_attributes,
            write_attributes: request.write_attributes,
            refresh_rotation_grace: rotation_grace(request.refresh_token_rotation.as_ref())?,
        };
        self.store.put_client(&client)?;
        Ok(json!({ "UserPoolClient": describe_client(&client) }))
    }

    /// `DescribeUserPoolClient`.
    pub fn describe_user_pool_client(&self, request: &UserPoolClientRequest) -> ApiResult<Value> {
        let client_id = request
            .client_id
            .as_deref()
            .ok_or_else(|| ApiError::missing("ClientId"))?;
        let (client, _) = self.client(client_id)?;
        if client.pool_id != request.user_pool_id {
            return Err(ApiError::new(
                ErrorKind::ResourceNotFoundException,
                format!("User pool client {client_id} does not exist."),
            ));
        }
        Ok(json!({ "UserPoolClient": describe_client(&client) }))
    }

    /// `AdminCreateUser`: `FORCE_CHANGE_PASSWORD` with a temporary password (generated and
    /// "sent", i.e. recorded as a message, when not given).
    pub fn admin_create_user(&self, request: &AdminCreateUserRequest) -> ApiResult<Value> {
        let pool = self.pool(&request.user_pool_id)?;
        crate::attributes::check_admin_write(
            &pool,
            request
                .user_attributes
                .iter()
                .map(|attribute| attribute.name.as_str()),
        )?;
        let temporary = request
            .temporary_password
            .as_ref()
            .map_or_else(generated_temporary_password, |given| {
                given.expose_secret().to_owned()
            });
        let user = self.new_user(
            &pool,
            &request.username,
            &request.user_attributes,
            UserStatus::ForceChangePassword,
            Some(&temporary),
        )?;
        if !self.store.insert_user(&user)? {
            return Err(ApiError::new(
                ErrorKind::UsernameExistsException,
                "User account already exists",
            ));
        }
        if request.message_action.as_deref() != Some("SUPPRESS") {
            let message = Message {
                pool_id: pool.id.clone(),
                username: user.username.clone(),
                kind: "AdminCreateUser".to_owned(),
                code: temporary,
            };
            self.store.insert_message(&message, self.now())?;
            tracing::info!(pool = %pool.id, user = %user.username, "temporary password recorded (see /_local/messages)");
        }
        Ok(json!({ "User": user.to_user_type() }))
    }

    /// A user record for `username` with `password` set as its verifier (none: a user who signs
    /// in without one, with codes or a passkey).
    pub fn new_user(
        &self,
        pool: &Pool,
        username: &str,
        attributes: &[AttributeType],
        status: UserStatus,
        password: Option<&str>,
    ) -> ApiResult<User> {
        if username.is_empty() || username.len() > 128 || username.chars().any(char::is_whitespace)
        {
            return Err(ApiError::invalid_parameter(
                "Username should be 1–128 characters without spaces.",
            ));
        }
        let now = self.now();
        let mut user = User {
            pool_id: pool.id.clone(),
            username: username.to_owned(),
            sub: uuid_v4(),
            status,
            enabled: true,
            attributes: attributes
                .iter()
                .filter(|attribute| attribute.name != "sub")
                .map(|attribute| (attribute.name.clone(), attribute.value.clone()))
                .collect::<BTreeMap<_, _>>(),
            verifier: None,
            created: now,
            modified: now,
            failed_attempts: 0,
            locked_until: 0.0,
            tokens_valid_after: 0.0,
            mfa: crate::model::MfaSettings::default(),
        };
        if let Some(password) = password {
            self.set_password(&mut user, password)?;
        }
        Ok(user)
    }

    /// Replaces the user's verifier with one for `password` (and a fresh salt).
    pub fn set_password(&self, user: &mut User, password: &str) -> ApiResult<()> {
        user.verifier = Some(password_verifier(user, password)?);
        user.modified = self.now();
        Ok(())
    }

    /// `AdminSetUserPassword`.
    pub fn admin_set_user_password(
        &self,
        request: &AdminSetUserPasswordRequest,
    ) -> ApiResult<Value> {
        let user = self.user(&request.user_pool_id, &request.username)?;
        // The verifier's maths before the transaction, which holds every other request up.
        let verifier = password_verifier(&user, request.password.expose_secret())?;
        let now = self.now();
        self.change_user(&user.pool_id, &user.username, |user| {
            user.verifier = Some(verifier);
            user.status = if request.permanent {
                UserStatus::Confirmed
            } else {
                UserStatus::ForceChangePassword
            };
            user.failed_attempts = 0;
            user.locked_until = 0.0;
            user.modified = now;
            Ok(())
        })?;
        Ok(json!({}))
    }

    /// `AdminGetUser`.
    pub fn admin_get_user(&self, request: &AdminUserRequest) -> ApiResult<Value> {
        let user = self.user(&request.user_pool_id, &request.username)?;
        let pool = self.pool(&request.user_pool_id)?;
        let mut answer = json!({
            "Username": user.username,
            "UserAttributes": user.attribute_list(),
            "UserCreateDate": user.created,
            "UserLastModifiedDate": user.modified,
            "Enabled": user.enabled,
            "UserStatus": user.status.as_str(),
        });
        if let Value::Object(answer) = &mut answer {
            crate::mfa::mfa_report(&user, &pool, answer);
        }
        Ok(answer)
    }

    /// `AdminDeleteUser`.
    pub fn admin_delete_user(&self, request: &AdminUserRequest) -> ApiResult<Value> {
        self.pool(&request.user_pool_id)?;
        if !self
            .store
            .delete_user(&request.user_pool_id, &request.username)?
        {
            return Err(ApiError::user_not_found());
        }
        Ok(json!({}))
    }

    /// `ListUsers`, with `Limit` (≤ 60), `PaginationToken` and simple `Filter`s
    /// (`attr = "v"`, `attr ^= "prefix"`).
    pub fn list_users(&self, request: &ListUsersRequest) -> ApiResult<Value> {
        self.pool(&request.user_pool_id)?;
        let limit = request.limit.unwrap_or(60).clamp(1, 60) as usize;
        let filter = request.filter.as_deref().map(parse_filter).transpose()?;
        let mut found = Vec::new();
        let mut after = request.pagination_token.clone();
        loop {
            let page = self
                .store
                .users(&request.user_pool_id, after.as_deref(), 200)?;
            let exhausted = page.len() < 200;
            for user in page {
                after = Some(user.username.clone());
                if filter.as_ref().is_none_or(|filter| filter.matches(&user)) {
                    found.push(user);
                    if found.len() == limit {
                        let more = !self
                            .store
                            .users(&request.user_pool_id, after.as_deref(), 1)?
                            .is_empty();
                        return Ok(list_page(&found, more.then_some(after)));
                    }
                }
            }
            if exhausted {
                return Ok(list_page(&found, None));
            }
        }
    }
}

fn list_page(users: &[User], token: Option<Option<String>>) -> Value {
    let mut page = Map::new();
    page.insert(
        "Users".to_owned(),
        json!(users.iter().map(User::to_user_type).collect::<Vec<_>>()),
    );
    if let Some(Some(token)) = token {
        page.insert("PaginationToken".to_owned(), Value::from(token));
    }
    Value::Object(page)
}

struct Filter {
    attribute: String,
    prefix: bool,
    value: String,
}

impl Filter {
    fn matches(&self, user: &User) -> bool {
        let actual = match self.attribute.as_str() {
            "username" => Some(user.username.as_str()),
            "sub" => Some(user.sub.as_str()),
            "status" | "cognito:user_status" => Some(user.status.as_str()),
            name => user.attributes.get(name).map(String::as_str),
        };
        actual.is_some_and(|actual| {
            if self.prefix {
                actual.starts_with(&self.value)
            } else {
                actual == self.value
            }
        })
    }
}

fn parse_filter(text: &str) -> ApiResult<Filter> {
    let invalid = || ApiError::invalid_parameter("Error while parsing filter.");
    let (attribute, prefix, rest) = if let Some((attribute, rest)) = text.split_once("^=") {
        (attribute, true, rest)
    } else {
        let (attribute, rest) = text.split_once('=').ok_or_else(invalid)?;
        (attribute, false, rest)
    };
    let value = rest
        .trim()
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .ok_or_else(invalid)?;
    Ok(Filter {
        attribute: attribute.trim().to_owned(),
        prefix,
        value: value.to_owned(),
    })
}

/// The SRP verifier (salt and `v`, hex) of `password` for `user`, with a fresh salt, once the
/// password meets the policy.
pub fn password_verifier(user: &User, password: &str) -> ApiResult<(String, String)> {
    check_password_policy(password)?;
    let verifier =
        PasswordVerifier::new(&user.pool_id, &user.username, password, &random_bytes(16))
            .map_err(|error| ApiError::invalid_parameter(error.to_string()))?;
    Ok((verifier.salt_hex(), verifier.verifier_hex()))
}

/// `UserPoolTier` and `Policies.SignInPolicy.AllowedFirstAuthFactors` as Cognito accepts them:
/// known values, one to five factors, no `SOFTWARE_TOKEN` first, a passkey with another factor,
/// and on the Lite plan nothing but the password.
pub(crate) fn check_sign_in_policy(settings: &Map<String, Value>) -> ApiResult<()> {
    let tier = settings
        .get("UserPoolTier")
        .map_or(Some("ESSENTIALS"), Value::as_str);
    if !matches!(tier, Some("LITE" | "ESSENTIALS" | "PLUS")) {
        return Err(ApiError::invalid_parameter(
            "1 validation error detected: Value at 'userPoolTier' failed to satisfy constraint: \
             Member must satisfy enum value set: [LITE, ESSENTIALS, PLUS]",
        ));
    }
    let Some(factors) = settings
        .get("Policies")
        .and_then(|policies| policies.get("SignInPolicy"))
        .and_then(|policy| policy.get("AllowedFirstAuthFactors"))
    else {
        return Ok(());
    };
    let factors: Vec<&str> = factors
        .as_array()
        .map(|factors| factors.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let known = ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"];
    if factors.is_empty() || factors.len() > 5 || factors.iter().any(|f| !known.contains(f)) {
        return Err(ApiError::invalid_parameter(
            "AllowedFirstAuthFactors must list 1 to 5 of PASSWORD, EMAIL_OTP, SMS_OTP and \
             WEB_AUTHN (SOFTWARE_TOKEN is not supported as a first factor).",
        ));
    }
    if factors == ["WEB_AUTHN"] {
        return Err(ApiError::invalid_parameter(
            "WEB_AUTHN must be allowed together with at least one other first factor.",
        ));
    }
    if tier == Some("LITE") && factors.iter().any(|factor| *factor != "PASSWORD") {
        return Err(ApiError::new(
            ErrorKind::FeatureUnavailableInTierException,
            "Passwordless first factors are not available in the Lite feature plan.",
        ));
    }
    Ok(())
}

/// A temporary password that always meets the default policy: one character of each class
/// it requires (a purely random one lacks a lowercase letter about once in seventy).
fn generated_temporary_password() -> String {
    format!(
        "{}{}{}-{}",
        random_string(b"ABCDEFGHJKLMNPQRSTUVWXYZ", 1),
        random_string(b"abcdefghijkmnopqrstuvwxyz", 1),
        random_string(ALNUM, 6),
        random_string(b"0123456789", 2)
    )
}

/// Cognito's default policy: at least 8 characters, upper, lower, digit and symbol.
pub fn check_password_policy(password: &str) -> ApiResult<()> {
    let rules = [
        (password.chars().count() >= 8, "Password not long enough"),
        (
            password.chars().any(char::is_uppercase),
            "Password must have uppercase characters",
        ),
        (
            password.chars().any(char::is_lowercase),
            "Password must have lowercase characters",
        ),
        (
            password.chars().any(|c| c.is_ascii_digit()),
            "Password must have numeric characters",
        ),
        (
            password.chars().any(|c| !c.is_alphanumeric()),
            "Password must have symbol characters",
        ),
    ];
    match rules.iter().find(|(ok, _)| !ok) {
        Some((_, rule)) => Err(ApiError::new(
            ErrorKind::InvalidPasswordException,
            format!("Password did not conform with policy: {rule}"),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod temporary_password_tests {
    #[test]
    fn generated_temporary_passwords_always_meet_the_policy() {
        for _ in 0..2_000 {
            let password = super::generated_temporary_password();
            assert!(
                super::check_password_policy(&password).is_ok(),
                "{password}"
            );
        }
    }
}
