//! Password checks shared by the flows: the plain-password flow (with the migration trigger),
//! lockout after repeated failures, and the new-password challenge.

use std::collections::BTreeMap;

use cognito_protocol::{AuthResponse, ErrorKind, ExposeSecret, SecretMap, StringMap};
use cognito_srp::PasswordVerifier;
use serde_json::{Value, json};
use subtle::ConstantTimeEq;

use super::Attempt;
use crate::attributes;
use crate::error::{ApiError, ApiResult};
use crate::model::{Pool, User, UserStatus};
use crate::service::Service;
use crate::sessions::Step;
use crate::triggers::{self, Trigger, Triggers};

/// Failures allowed before sign-ins are refused for a while.
const FREE_ATTEMPTS: u32 = 5;
/// The longest back-off, as Cognito's (15 minutes).
const MAX_LOCK_SECONDS: f64 = 900.0;

impl Service {
    /// `USER_PASSWORD_AUTH` (and the admin password flows).
    pub(super) async fn password_sign_in(
        &self,
        attempt: &Attempt<'_>,
        name: &str,
        password: &str,
    ) -> ApiResult<AuthResponse> {
        let Some(user) = self.find_user(attempt.pool, name)? else {
            // Cognito asks the migration trigger only here: USER_PASSWORD_AUTH and an unknown user.
            return match self.migrate_user(attempt, name, password).await? {
                Some(user) => self.after_first_factor(attempt, &user),
                None if attempt.client.prevent_user_existence_errors => {
                    Err(ApiError::incorrect_credentials())
                }
                None => Err(ApiError::user_not_found()),
            };
        };
        self.check_can_sign_in(&user)?;
        if !password_is(&user, password) {
            self.record_failure(&user)?;
            return Err(ApiError::incorrect_credentials());
        }
        let user = self.password_proven(attempt, &user)?;
        self.after_first_factor(attempt, &user)
    }

    /// Once the password is proven: the new-password challenge, or tokens.
    pub(super) fn after_first_factor(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
    ) -> ApiResult<AuthResponse> {
        match user.status {
            UserStatus::ForceChangePassword => {
                let session =
                    self.open_session(attempt, Some(&user.username), Step::NewPasswordRequired);
                let attributes: serde_json::Map<String, Value> = user
                    .attributes
                    .iter()
                    .filter(|(name, _)| !name.ends_with("_verified"))
                    .map(|(name, value)| (name.clone(), Value::from(value.clone())))
                    .collect();
                Ok(AuthResponse {
                    challenge_name: Some(cognito_protocol::ChallengeName::NewPasswordRequired),
                    session: Some(session),
                    challenge_parameters: Some(StringMap::from([
                        ("USER_ID_FOR_SRP".to_owned(), user.username.clone()),
                        ("requiredAttributes".to_owned(), "[]".to_owned()),
                        (
                            "userAttributes".to_owned(),
                            Value::Object(attributes).to_string(),
                        ),
                    ])),
                    authentication_result: None,
                    available_challenges: None,
                })
            }
            _ => self.second_factor_or_tokens(attempt, user),
        }
    }

    /// `NEW_PASSWORD_REQUIRED`: sets the password (and any `userAttributes.*`), then tokens.
    pub(super) fn answer_new_password(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        responses: &SecretMap,
    ) -> ApiResult<AuthResponse> {
        let new_password = super::optional(responses, "NEW_PASSWORD")
            .ok_or_else(|| ApiError::missing("NEW_PASSWORD"))?;
        let verifier = crate::admin::password_verifier(user, new_password)?;
        let given: Vec<(String, String)> = responses
            .iter()
            .filter_map(|(key, value)| {
                let name = key.strip_prefix("userAttributes.")?;
                Some((name.to_owned(), value.expose_secret().to_owned()))
            })
            .collect();
        attributes::check_client_write(
            attempt.pool,
            attempt.client,
            given.iter().map(|(name, _)| name.as_str()),
            &BTreeMap::new(),
        )?;
        self.check_aliases_free(attempt.pool, &user.username, &given)?;
        let now = self.now();
        let (user, ()) = self.change_user(&user.pool_id, &user.username, |user| {
            if user.status != UserStatus::ForceChangePassword {
                return Err(ApiError::expired_session());
            }
            set_given_attributes(user, &given)?;
            user.verifier = Some(verifier);
            user.status = UserStatus::Confirmed;
            user.modified = now;
            Ok(())
        })?;
        self.second_factor_or_tokens(attempt, &user)
    }

    /// An alias (an attribute people sign in with, such as `email` in a pool whose
    /// `UsernameAttributes` name it) must not be another user's.
    pub(crate) fn check_aliases_free(
        &self,
        pool: &Pool,
        username: &str,
        given: &[(String, String)],
    ) -> ApiResult<()> {
        for (name, value) in given {
            if !pool.username_attributes.contains(name) {
                continue;
            }
            if let Some(other) = self.store.user_by_attribute(&pool.id, name, value)?
                && other.username != username
            {
                return Err(ApiError::new(
                    ErrorKind::AliasExistsException,
                    format!("An account with the given {name} already exists."),
                ));
            }
        }
        Ok(())
    }

    /// Refuses disabled, unconfirmed and locked-out users, with Cognito's messages.
    pub(super) fn check_can_sign_in(&self, user: &User) -> ApiResult<()> {
        self.check_enabled_and_unlocked(user)?;
        match user.status {
            UserStatus::Unconfirmed => Err(ApiError::new(
                ErrorKind::UserNotConfirmedException,
                "User is not confirmed.",
            )),
            UserStatus::ResetRequired => Err(ApiError::new(
                ErrorKind::PasswordResetRequiredException,
                "Password reset required for the user",
            )),
            _ => Ok(()),
        }
    }

    /// Refuses disabled and locked-out users (a code sent to an unconfirmed user's address may
    /// still sign them in, and confirms them).
    pub(super) fn check_enabled_and_unlocked(&self, user: &User) -> ApiResult<()> {
        if !user.enabled {
            return Err(ApiError::new(
                ErrorKind::NotAuthorizedException,
                "User is disabled.",
            ));
        }
        if self.now() < user.locked_until {
            return Err(ApiError::new(
                ErrorKind::NotAuthorizedException,
                "Password attempts exceeded",
            ));
        }
        Ok(())
    }

    /// Counts a wrong password, on the user as stored (so concurrent failures are each
    /// counted, and nothing else about the user is overwritten); from the fifth on, locks for
    /// 1 s, 2 s, 4 s, … up to 15 min.
    pub(super) fn record_failure(&self, user: &User) -> ApiResult<()> {
        let now = self.now();
        self.change_user(&user.pool_id, &user.username, |user| {
            user.failed_attempts = user.failed_attempts.saturating_add(1);
            if user.failed_attempts >= FREE_ATTEMPTS {
                let exponent = (user.failed_attempts - FREE_ATTEMPTS).min(10) as i32;
                user.locked_until = now + 2_f64.powi(exponent).min(MAX_LOCK_SECONDS);
            }
            Ok(())
        })?;
        Ok(())
    }

    /// After a right password: the failure count is cleared — unless a second factor may follow,
    /// when only a completed sign-in clears it (so guessing codes, each after the right
    /// password, still locks the user out).
    pub(super) fn password_proven(&self, attempt: &Attempt<'_>, user: &User) -> ApiResult<User> {
        if attempt.pool.mfa_configuration() == "OFF" {
            self.record_success(user)
        } else {
            Ok(user.clone())
        }
    }

    /// Clears the failure count after a right password; the user as stored now.
    pub(super) fn record_success(&self, user: &User) -> ApiResult<User> {
        if user.failed_attempts == 0 && user.locked_until <= 0.0 {
            return Ok(user.clone());
        }
        let (user, ()) = self.change_user(&user.pool_id, &user.username, |user| {
            user.failed_attempts = 0;
            user.locked_until = 0.0;
            Ok(())
        })?;
        Ok(user)
    }

    /// UserMigration_Authentication: asks the pool's migration trigger about an unknown user;
    /// creates them (with this password) when it vouches for them.
    async fn migrate_user(
        &self,
        attempt: &Attempt<'_>,
        name: &str,
        password: &str,
    ) -> ApiResult<Option<User>> {
        let Some(handler) = Triggers::handler(attempt.pool, Trigger::UserMigration)? else {
            return Ok(None);
        };
        let request = json!({
            "password": password,
            "validationData": null,
            "clientMetadata": attempt.metadata.cloned().unwrap_or_default(),
        });
        let response = json!({
            "userAttributes": null, "finalUserStatus": null, "messageAction": null,
            "desiredDeliveryMediums": null, "forceAliasCreation": null, "enableSMSMFA": null,
        });
        let event = triggers::event(
            attempt.pool,
            &attempt.client.id,
            name,
            "UserMigration_Authentication",
            request,
            response,
        );
        let answer = match self
            .triggers
            .invoke(Trigger::UserMigration, &handler, event)
            .await
        {
            Ok(answer) => answer,
            // The function refusing the user is a wrong password, as Cognito reports it.
            Err(error) if error.kind == ErrorKind::UserLambdaValidationException => {
                tracing::info!(user = name, "migration trigger refused the user");
                return Err(ApiError::incorrect_credentials());
            }
            Err(error) => return Err(error),
        };
        let response = triggers::response_of(Trigger::UserMigration, &answer)?;
        let attributes = response
            .get("userAttributes")
            .and_then(Value::as_object)
            .ok_or_else(|| triggers::invalid_response(Trigger::UserMigration))?;
        let attributes: Vec<cognito_protocol::AttributeType> = attributes
            .iter()
            .filter(|(name, _)| name.as_str() != "sub" && name.as_str() != "username")
            .map(|(name, value)| cognito_protocol::AttributeType {
                name: name.clone(),
                value: value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned),
            })
            .collect();
        let status = match response.get("finalUserStatus").and_then(Value::as_str) {
            Some("RESET_REQUIRED") => UserStatus::ResetRequired,
            _ => UserStatus::Confirmed,
        };
        let user = self.new_user(attempt.pool, name, &attributes, status, Some(password))?;
        if !self.store.insert_user(&user)? {
            return Err(ApiError::new(
                ErrorKind::UsernameExistsException,
                "User account already exists",
            ));
        }
        tracing::info!(pool = %attempt.pool.id, user = name, "user migrated");
        self.check_can_sign_in(&user)?;
        Ok(Some(user))
    }
}

/// Sets the attributes given with a new password: an attribute the user already has cannot be
/// changed this way (Cognito's "Cannot modify an already provided email"), and an address given
/// here is not verified.
fn set_given_attributes(user: &mut User, given: &[(String, String)]) -> ApiResult<()> {
    for (name, value) in given {
        if user
            .attributes
            .get(name)
            .is_some_and(|current| current != value)
        {
            return Err(ApiError::invalid_parameter(format!(
                "Cannot modify an already provided {name}"
            )));
        }
    }
    for (name, value) in given {
        let changed = user.attributes.get(name) != Some(value);
        user.attributes.insert(name.clone(), value.clone());
        let flag = match name.as_str() {
            "email" => Some("email_verified"),
            "phone_number" => Some("phone_number_verified"),
            _ => None,
        };
        if let Some(flag) = flag.filter(|_| changed) {
            user.attributes.insert(flag.to_owned(), "false".to_owned());
        }
    }
    Ok(())
}

/// Whether `password` is the user's: its verifier is recomputed with the stored salt and
/// compared in constant time (only the verifier is stored).
pub(crate) fn password_is(user: &User, password: &str) -> bool {
    let Some((salt, verifier)) = &user.verifier else {
        return false;
    };
    let Ok(stored) = PasswordVerifier::from_hex(salt, verifier) else {
        return false;
    };
    let salt_bytes: Vec<u8> = (0..salt.len())
        .step_by(2)
        .filter_map(|at| {
            salt.get(at..at + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        })
        .collect();
    let Ok(candidate) = PasswordVerifier::new(&user.pool_id, &user.username, password, &salt_bytes)
    else {
        return false;
    };
    bool::from(
        candidate
            .verifier_hex()
            .as_bytes()
            .ct_eq(stored.verifier_hex().as_bytes()),
    )
}
