//! Sign-up and account recovery: `SignUp`, `ConfirmSignUp`, `ResendConfirmationCode`,
//! `ForgotPassword` (with the `UserMigration_ForgotPassword` trigger), `ConfirmForgotPassword`.
//! Codes Cognito would send by e-mail are recorded as messages (`/_local/messages`,
//! `local-cognito messages`) and logged without the code itself.

use std::collections::BTreeMap;

use cognito_protocol::{
    AttributeType, CodeDeliveryDetails, CodeRequest, ErrorKind, ExposeSecret, SignUpRequest,
    SignUpResponse,
};
use serde_json::{Value, json};
use subtle::ConstantTimeEq;

use crate::attributes;
use crate::clock::random_string;
use crate::error::{ApiError, ApiResult};
use crate::model::{Pool, User, UserStatus};
use crate::service::Service;
use crate::sessions::{AuthSession, Step};
use crate::store::{CodeUse, Message};
use crate::triggers::{self, Trigger, Triggers};

const SIGN_UP: &str = "SignUp";
const FORGOT_PASSWORD: &str = "ForgotPassword";
/// Sign-up codes last 24 hours, password-reset codes 1 hour, as Cognito's.
const SIGN_UP_CODE_SECONDS: f64 = 86_400.0;
const RESET_CODE_SECONDS: f64 = 3_600.0;
/// Wrong tries a code allows: the first five get `CodeMismatchException`, then the code is
/// spent (`LimitExceededException`), as Cognito does.
pub(crate) const CODE_ATTEMPTS: u32 = 5;
/// Codes of one kind a user may be sent in an hour, before `LimitExceededException`.
const CODES_PER_HOUR: u32 = 5;

impl Service {
    /// `SignUp`: an `UNCONFIRMED` user and a confirmation code.
    pub fn sign_up(&self, request: &SignUpRequest) -> ApiResult<SignUpResponse> {
        let (client, pool) = self.client(&request.client_id)?;
        attributes::check_client_write(
            &pool,
            &client,
            request
                .user_attributes
                .iter()
                .map(|attribute| attribute.name.as_str()),
            &BTreeMap::new(),
        )?;
        let given: Vec<(String, String)> = request
            .user_attributes
            .iter()
            .map(|attribute| (attribute.name.clone(), attribute.value.clone()))
            .collect();
        self.check_aliases_free(&pool, &request.username, &given)?;
        // Without a password only where people may sign in with a code.
        let passwordless = pool.tier() != "LITE"
            && pool
                .first_auth_factors()
                .iter()
                .any(|factor| factor == "EMAIL_OTP" || factor == "SMS_OTP");
        let password = request.password.as_ref().map(ExposeSecret::expose_secret);
        if password.is_none() && !passwordless {
            return Err(ApiError::missing("Password"));
        }
        let user = self.new_user(
            &pool,
            &request.username,
            &request.user_attributes,
            UserStatus::Unconfirmed,
            password,
        )?;
        if !self.store.insert_user(&user)? {
            return Err(ApiError::new(
                ErrorKind::UsernameExistsException,
                "User already exists",
            ));
        }
        let delivery = self.send_code(&pool, &user, SIGN_UP, SIGN_UP_CODE_SECONDS)?;
        let session = self.open_sign_up_session(
            &pool,
            &client,
            &user.username,
            Step::SignedUp,
            SIGN_UP_CODE_SECONDS,
        );
        Ok(SignUpResponse {
            user_confirmed: false,
            user_sub: user.sub,
            code_delivery_details: Some(delivery),
            session: Some(session),
        })
    }

    /// `ConfirmSignUp`; its `Session` lets `InitiateAuth` `USER_AUTH` sign the new user in at
    /// once (Amplify's `autoSignIn`).
    pub fn confirm_sign_up(&self, request: &CodeRequest) -> ApiResult<Value> {
        let (client, pool) = self.client(&request.client_id)?;
        let user = self.user(&pool.id, &request.username)?;
        // A sign-up's session, when given, must be this user's, from this client. It is spent by
        // the right code only: a mistyped code may be tried again with it.
        let mut sign_up_session = None;
        if let Some(key) = request.session.as_deref().filter(|key| !key.is_empty()) {
            let session = self.sessions.take(key, self.now()).filter(|session| {
                session.client_id == client.id
                    && session.username.as_deref() == Some(user.username.as_str())
                    && matches!(session.step, Step::SignedUp)
            });
            match session {
                Some(session) => sign_up_session = Some((key.to_owned(), session)),
                None => return Err(ApiError::expired_session()),
            }
        }
        let not_unconfirmed = || {
            ApiError::new(
                ErrorKind::NotAuthorizedException,
                "User cannot be confirmed. Current status is CONFIRMED",
            )
        };
        if user.status != UserStatus::Unconfirmed {
            return Err(not_unconfirmed());
        }
        if let Err(error) =
            self.check_code(&pool, &user, SIGN_UP, secret(&request.confirmation_code))
        {
            if let Some((key, session)) = sign_up_session {
                self.sessions.put(key, session, self.now());
            }
            return Err(error);
        }
        let now = self.now();
        self.change_user(&pool.id, &user.username, |user| {
            if user.status != UserStatus::Unconfirmed {
                return Err(not_unconfirmed());
            }
            user.status = UserStatus::Confirmed;
            // The code went to the address: it is verified.
            if user.attributes.contains_key("email") {
                user.attributes
                    .insert("email_verified".to_owned(), "true".to_owned());
            }
            user.modified = now;
            Ok(())
        })?;
        let validity = f64::from(client.auth_session_validity) * 60.0;
        let session = self.open_sign_up_session(
            &pool,
            &client,
            &user.username,
            Step::ConfirmedSignUp,
            validity,
        );
        Ok(json!({ "Session": session }))
    }

    /// A session of a sign-up, for `seconds`.
    fn open_sign_up_session(
        &self,
        pool: &Pool,
        client: &crate::model::Client,
        username: &str,
        step: Step,
        seconds: f64,
    ) -> String {
        let key = crate::clock::random_token();
        let now = self.now();
        let session = AuthSession {
            pool_id: pool.id.clone(),
            client_id: client.id.clone(),
            username: Some(username.to_owned()),
            expires: now + seconds,
            step,
        };
        self.sessions.put(key.clone(), session, now);
        key
    }

    /// `ResendConfirmationCode`.
    pub fn resend_confirmation_code(&self, request: &CodeRequest) -> ApiResult<Value> {
        let (_, pool) = self.client(&request.client_id)?;
        let user = self.user(&pool.id, &request.username)?;
        let delivery = self.send_code(&pool, &user, SIGN_UP, SIGN_UP_CODE_SECONDS)?;
        Ok(json!({ "CodeDeliveryDetails": delivery }))
    }

    /// `ForgotPassword`: a reset code; an unknown user is first offered to the migration
    /// trigger (`UserMigration_ForgotPassword`).
    pub async fn forgot_password(&self, request: &CodeRequest) -> ApiResult<Value> {
        let (client, pool) = self.client(&request.client_id)?;
        let user = match self.find_user(&pool, &request.username)? {
            Some(user) => user,
            None => match self
                .migrate_for_reset(&pool, &client.id, &request.username)
                .await?
            {
                Some(user) => user,
                // Cognito answers as if a code went out, so the username's existence is not told.
                None if client.prevent_user_existence_errors => {
                    return Ok(json!({ "CodeDeliveryDetails": masked_delivery("x@x.xx") }));
                }
                None => return Err(ApiError::user_not_found()),
            },
        };
        let delivery = self.send_code(&pool, &user, FORGOT_PASSWORD, RESET_CODE_SECONDS)?;
        Ok(json!({ "CodeDeliveryDetails": delivery }))
    }

    /// `ConfirmForgotPassword`.
    pub fn confirm_forgot_password(&self, request: &CodeRequest) -> ApiResult<Value> {
        let (_, pool) = self.client(&request.client_id)?;
        let user = self
            .find_user(&pool, &request.username)?
            .ok_or_else(ApiError::user_not_found)?;
        let password = secret(&request.password).ok_or_else(|| ApiError::missing("Password"))?;
        // A password the policy refuses does not spend the code: checked first.
        let verifier = crate::admin::password_verifier(&user, password)?;
        self.check_code(
            &pool,
            &user,
            FORGOT_PASSWORD,
            secret(&request.confirmation_code),
        )?;
        let now = self.now();
        self.change_user(&pool.id, &user.username, |user| {
            user.verifier = Some(verifier);
            user.status = UserStatus::Confirmed;
            user.failed_attempts = 0;
            user.locked_until = 0.0;
            user.modified = now;
            Ok(())
        })?;
        Ok(json!({}))
    }

    fn send_code(
        &self,
        pool: &Pool,
        user: &User,
        purpose: &str,
        lifetime: f64,
    ) -> ApiResult<CodeDeliveryDetails> {
        self.send_code_to(pool, user, (purpose, "email"), lifetime)
    }

    /// Records a code for `purpose` sent to the user's `attribute` (`email` or `phone_number`),
    /// at most [`CODES_PER_HOUR`] an hour; where it went, masked.
    pub(crate) fn send_code_to(
        &self,
        pool: &Pool,
        user: &User,
        (purpose, attribute): (&str, &str),
        lifetime: f64,
    ) -> ApiResult<CodeDeliveryDetails> {
        let now = self.now();
        let sent = self
            .store
            .count_messages(&pool.id, &user.username, purpose, now - 3_600.0)?;
        if sent >= CODES_PER_HOUR {
            return Err(attempt_limit_exceeded());
        }
        let code = random_string(b"0123456789", 6);
        self.store
            .put_code(&pool.id, &user.username, purpose, &code, now + lifetime)?;
        let message = Message {
            pool_id: pool.id.clone(),
            username: user.username.clone(),
            kind: purpose.to_owned(),
            code,
        };
        self.store.insert_message(&message, now)?;
        tracing::info!(pool = %pool.id, user = %user.username, purpose, "code recorded (see /_local/messages or `local-cognito messages`)");
        let destination = user.attributes.get(attribute).map_or("", String::as_str);
        Ok(if attribute == "phone_number" {
            CodeDeliveryDetails {
                destination: crate::auth::mask_phone(destination),
                delivery_medium: "SMS".to_owned(),
                attribute_name: attribute.to_owned(),
            }
        } else {
            masked_delivery(destination)
        })
    }

    /// Checks a code given for `purpose` and spends it: wrong tries are counted, and after
    /// [`CODE_ATTEMPTS`] the code is spent whatever is given, as on Cognito.
    pub(crate) fn check_code(
        &self,
        pool: &Pool,
        user: &User,
        purpose: &str,
        given: Option<&str>,
    ) -> ApiResult<()> {
        let given = given.ok_or_else(|| ApiError::missing("ConfirmationCode"))?;
        let outcome = self.store.use_code(
            (&pool.id, &user.username, purpose),
            self.now(),
            CODE_ATTEMPTS,
            |code| bool::from(code.as_bytes().ct_eq(given.trim().as_bytes())),
        )?;
        match outcome {
            CodeUse::Matched => Ok(()),
            CodeUse::Mismatch(_) => Err(ApiError::new(
                ErrorKind::CodeMismatchException,
                "Invalid verification code provided, please try again.",
            )),
            CodeUse::NoCode | CodeUse::Expired => Err(ApiError::new(
                ErrorKind::ExpiredCodeException,
                "Invalid code provided, please request a code again.",
            )),
            CodeUse::AttemptsExceeded => Err(attempt_limit_exceeded()),
        }
    }

    async fn migrate_for_reset(
        &self,
        pool: &Pool,
        client_id: &str,
        name: &str,
    ) -> ApiResult<Option<User>> {
        let Some(handler) = Triggers::handler(pool, Trigger::UserMigration)? else {
            return Ok(None);
        };
        let event = triggers::event(
            pool,
            client_id,
            name,
            "UserMigration_ForgotPassword",
            json!({ "password": null, "validationData": null, "clientMetadata": {} }),
            json!({ "userAttributes": null, "finalUserStatus": null, "messageAction": null }),
        );
        let Ok(answer) = self
            .triggers
            .invoke(Trigger::UserMigration, &handler, event)
            .await
        else {
            return Ok(None);
        };
        let response = triggers::response_of(Trigger::UserMigration, &answer)?;
        let Some(attributes) = response.get("userAttributes").and_then(Value::as_object) else {
            return Err(triggers::invalid_response(Trigger::UserMigration));
        };
        let attributes: Vec<AttributeType> = attributes
            .iter()
            .filter(|(name, _)| name.as_str() != "sub")
            .map(|(name, value)| AttributeType {
                name: name.clone(),
                value: value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned),
            })
            .collect();
        // The user has no password here until the reset completes: give them an unusable one.
        let placeholder = format!("Aa1!{}", crate::clock::random_token());
        let user = self.new_user(
            pool,
            name,
            &attributes,
            UserStatus::ResetRequired,
            Some(&placeholder),
        )?;
        self.store.insert_user(&user)?;
        Ok(Some(user))
    }
}

/// `LimitExceededException`, Cognito's answer to too many codes or wrong tries.
pub(crate) fn attempt_limit_exceeded() -> ApiError {
    ApiError::new(
        ErrorKind::LimitExceededException,
        "Attempt limit exceeded, please try after some time.",
    )
}

fn secret(value: &Option<cognito_protocol::SecretString>) -> Option<&str> {
    value.as_ref().map(ExposeSecret::expose_secret)
}

/// Cognito's masked destination, e.g. `a***@e***.com` (the form its one-time codes show).
fn masked_delivery(email: &str) -> CodeDeliveryDetails {
    CodeDeliveryDetails {
        destination: crate::auth::mask_email(email),
        delivery_medium: "EMAIL".to_owned(),
        attribute_name: "email".to_owned(),
    }
}
