//! The signed-in user's own attributes (by access token): `UpdateUserAttributes` (a new e-mail
//! address or phone number is unverified until a code proves it), `DeleteUserAttributes`,
//! `GetUserAttributeVerificationCode`, `VerifyUserAttribute`, and `DeleteUser`.

use cognito_protocol::{AttributeType, ErrorKind, ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::attributes;
use crate::error::{ApiError, ApiResult};
use crate::service::Service;

/// How long an attribute's verification code works (Cognito's 24 hours).
const VERIFICATION_CODE_SECONDS: f64 = 86_400.0;
/// Attributes a code can verify, each with its `…_verified` flag.
const VERIFIABLE: [&str; 2] = ["email", "phone_number"];

/// `UpdateUserAttributes`, `DeleteUserAttributes`, `GetUserAttributeVerificationCode`,
/// `VerifyUserAttribute`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ProfileRequest {
    /// The user's access token.
    pub access_token: SecretString,
    /// `UpdateUserAttributes`.
    #[serde(default)]
    pub user_attributes: Vec<AttributeType>,
    /// `DeleteUserAttributes`.
    #[serde(default)]
    pub user_attribute_names: Vec<String>,
    /// `GetUserAttributeVerificationCode`, `VerifyUserAttribute`.
    #[serde(default)]
    pub attribute_name: Option<String>,
    /// `VerifyUserAttribute`.
    #[serde(default)]
    pub code: Option<SecretString>,
}

fn purpose(attribute: &str) -> String {
    format!("VerifyUserAttribute:{attribute}")
}

impl Service {
    /// `UpdateUserAttributes`: the attributes change now; a changed e-mail address or phone
    /// number becomes unverified and a code is sent to it (`CodeDeliveryDetailsList`).
    pub fn update_user_attributes(&self, request: &ProfileRequest) -> ApiResult<Value> {
        let (user, client_id) = self.access_token_owner(request.access_token.expose_secret())?;
        let (client, pool) = self.client(&client_id)?;
        let names = request.user_attributes.iter().map(|a| a.name.as_str());
        attributes::check_client_write(&pool, &client, names, &user.attributes)?;
        let changed: Vec<String> = request
            .user_attributes
            .iter()
            .filter(|attribute| {
                VERIFIABLE.contains(&attribute.name.as_str())
                    && user.attributes.get(&attribute.name) != Some(&attribute.value)
            })
            .map(|attribute| attribute.name.clone())
            .collect();
        let now = self.now();
        let (user, ()) = self.change_user(&user.pool_id, &user.username, |user| {
            for attribute in &request.user_attributes {
                user.attributes
                    .insert(attribute.name.clone(), attribute.value.clone());
            }
            for name in &changed {
                user.attributes
                    .insert(format!("{name}_verified"), "false".to_owned());
            }
            user.modified = now;
            Ok(())
        })?;
        let mut deliveries = Vec::new();
        for name in &changed {
            let details = self.send_code_to(
                &pool,
                &user,
                (&purpose(name), name),
                VERIFICATION_CODE_SECONDS,
            )?;
            deliveries.push(details);
        }
        Ok(json!({ "CodeDeliveryDetailsList": deliveries }))
    }

    /// `DeleteUserAttributes`: optional, mutable attributes only.
    pub fn delete_user_attributes(&self, request: &ProfileRequest) -> ApiResult<Value> {
        let (user, client_id) = self.access_token_owner(request.access_token.expose_secret())?;
        let (client, pool) = self.client(&client_id)?;
        let names = request.user_attribute_names.iter().map(String::as_str);
        attributes::check_client_write(&pool, &client, names, &Default::default())?;
        for name in &request.user_attribute_names {
            let required = pool
                .declared_schema()
                .iter()
                .any(|entry| entry.required && entry.name == *name);
            if required {
                return Err(ApiError::invalid_parameter(format!(
                    "Attributes did not conform to the schema: {name}: The attribute is required"
                )));
            }
        }
        let now = self.now();
        self.change_user(&user.pool_id, &user.username, |user| {
            for name in &request.user_attribute_names {
                user.attributes.remove(name);
                if VERIFIABLE.contains(&name.as_str()) {
                    user.attributes.remove(&format!("{name}_verified"));
                }
            }
            user.modified = now;
            Ok(())
        })?;
        Ok(json!({}))
    }

    /// `GetUserAttributeVerificationCode`: a code sent to the e-mail address or phone number.
    pub fn get_user_attribute_verification_code(
        &self,
        request: &ProfileRequest,
    ) -> ApiResult<Value> {
        let user = self.user_of_access_token(request.access_token.expose_secret())?;
        let pool = self.pool(&user.pool_id)?;
        let name = verifiable(request, &user)?;
        let details = self.send_code_to(
            &pool,
            &user,
            (&purpose(name), name),
            VERIFICATION_CODE_SECONDS,
        )?;
        Ok(json!({ "CodeDeliveryDetails": details }))
    }

    /// `VerifyUserAttribute`: the code sent proves the attribute (`…_verified` = `true`).
    pub fn verify_user_attribute(&self, request: &ProfileRequest) -> ApiResult<Value> {
        let user = self.user_of_access_token(request.access_token.expose_secret())?;
        let pool = self.pool(&user.pool_id)?;
        let name = verifiable(request, &user)?;
        let code = request
            .code
            .as_ref()
            .map(ExposeSecret::expose_secret)
            .ok_or_else(|| ApiError::missing("Code"))?;
        self.check_code(&pool, &user, &purpose(name), Some(code))?;
        let now = self.now();
        self.change_user(&user.pool_id, &user.username, |user| {
            user.attributes
                .insert(format!("{name}_verified"), "true".to_owned());
            user.modified = now;
            Ok(())
        })?;
        Ok(json!({}))
    }

    /// `DeleteUser`: the signed-in user deletes their own account.
    pub fn delete_user(&self, request: &ProfileRequest) -> ApiResult<Value> {
        let user = self.user_of_access_token(request.access_token.expose_secret())?;
        self.store.delete_user(&user.pool_id, &user.username)?;
        tracing::info!(pool = %user.pool_id, user = %user.username, "user deleted themselves");
        Ok(json!({}))
    }
}

/// The request's `AttributeName`: `email` or `phone_number`, and the user has it.
fn verifiable<'a>(request: &'a ProfileRequest, user: &crate::model::User) -> ApiResult<&'a str> {
    let name = request
        .attribute_name
        .as_deref()
        .ok_or_else(|| ApiError::missing("AttributeName"))?;
    if !VERIFIABLE.contains(&name) || !user.attributes.contains_key(name) {
        return Err(ApiError::new(
            ErrorKind::InvalidParameterException,
            format!("Invalid attribute name: {name} cannot be verified."),
        ));
    }
    Ok(name)
}
