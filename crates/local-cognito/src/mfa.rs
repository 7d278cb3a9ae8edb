//! Multi-factor operations: an authenticator app set up (`AssociateSoftwareToken`,
//! `VerifySoftwareToken`, by access token or in the middle of a sign-in by session), the user's
//! factors and preference (`SetUserMFAPreference`, `AdminSetUserMFAPreference`, and what
//! `GetUser` / `AdminGetUser` / `GetUserAuthFactors` report), and the pool's MFA configuration
//! (`SetUserPoolMfaConfig`, `GetUserPoolMfaConfig`).
//!
//! TOTP is RFC 6238 with the `totp-rs` crate: SHA-1, six digits, 30-second steps, one step of
//! clock skew either way; a code is accepted once (the last step used is kept and must grow).
//! Secrets are 20 random bytes, base32; neither they nor codes are ever logged.

use cognito_protocol::{
    AccessTokenRequest, AssociateSoftwareTokenRequest, ErrorKind, ExposeSecret, MfaSettingsType,
    SetUserMfaPreferenceRequest, UserPoolMfaConfigRequest, VerifySoftwareTokenRequest,
};
use serde_json::{Map, Value, json};
use totp_rs::{Algorithm, Secret, Totp};

use crate::error::{ApiError, ApiResult};
use crate::model::{MfaSettings, Pool, TotpSecret, User};
use crate::service::Service;
use crate::sessions::{AuthSession, Step};

fn totp(secret: &TotpSecret) -> ApiResult<Totp> {
    let bytes = Secret::try_from_base32(&secret.0).map_err(ApiError::internal)?;
    Ok(totp_rs::Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(30)
        .with_skew(1)
        .with_secret(bytes)
        .build_noncompliant())
}

/// `UserMFASettingList` and `PreferredMfaSetting` as `GetUser` reports them.
pub(crate) fn mfa_report(user: &User, pool: &Pool, into: &mut Map<String, Value>) {
    let factors = user.mfa_factors(pool);
    if !factors.is_empty() {
        into.insert("UserMFASettingList".to_owned(), json!(factors));
    }
    if let Some(preferred) = user
        .mfa
        .preferred
        .as_ref()
        .filter(|preferred| factors.contains(preferred))
    {
        into.insert("PreferredMfaSetting".to_owned(), json!(preferred));
    }
}

impl Service {
    /// Accepts `code` from the user's authenticator once: the stored last step must be older.
    pub(crate) fn accept_totp(&self, user: &User, code: &str) -> ApiResult<User> {
        let secret = user
            .mfa
            .totp_secret
            .as_ref()
            .ok_or_else(|| {
                ApiError::new(
                    ErrorKind::SoftwareTokenMFANotFoundException,
                    "Software Token MFA has not been enabled by the user.",
                )
            })?
            .clone();
        let now = self.now() as u64;
        let step = totp(&secret)?
            .check(code.trim(), now)
            .ok_or_else(ApiError::code_mismatch)?;
        let (user, ()) = self.change_user(&user.pool_id, &user.username, |user| {
            // Decided on the stored value, so two requests cannot both use one code.
            if step <= user.mfa.totp_last_step || user.mfa.totp_secret.as_ref() != Some(&secret) {
                return Err(ApiError::code_mismatch());
            }
            user.mfa.totp_last_step = step;
            Ok(())
        })?;
        Ok(user)
    }

    /// `AssociateSoftwareToken`: a new secret for an authenticator app (unverified until
    /// `VerifySoftwareToken`).
    pub fn associate_software_token(
        &self,
        request: &AssociateSoftwareTokenRequest,
    ) -> ApiResult<Value> {
        let secret = TotpSecret(Secret::generate().to_base32());
        let answer = json!({ "SecretCode": secret.0 });
        match (&request.access_token, &request.session) {
            (Some(token), _) => {
                let user = self.user_of_access_token(token.expose_secret())?;
                self.change_user(&user.pool_id, &user.username, |user| {
                    user.mfa.totp_secret = Some(secret.clone());
                    user.mfa.totp_verified = false;
                    user.mfa.totp_last_step = 0;
                    remove(&mut user.mfa, "SOFTWARE_TOKEN_MFA");
                    Ok(())
                })?;
                Ok(answer)
            }
            (None, Some(key)) => {
                let (session, user) = self.mfa_setup_session(key)?;
                self.change_user(&user.pool_id, &user.username, |user| {
                    user.mfa.totp_secret = Some(secret.clone());
                    user.mfa.totp_verified = false;
                    user.mfa.totp_last_step = 0;
                    Ok(())
                })?;
                let key = self.reopen(session, false);
                Ok(json!({ "SecretCode": secret.0, "Session": key }))
            }
            (None, None) => Err(ApiError::missing("AccessToken")),
        }
    }

    /// `VerifySoftwareToken`: the first code from the authenticator app proves its set-up.
    pub fn verify_software_token(&self, request: &VerifySoftwareTokenRequest) -> ApiResult<Value> {
        let code = request.user_code.expose_secret();
        if code.len() != 6 || !code.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(ApiError::invalid_parameter(
                "1 validation error detected: Value at 'userCode' failed to satisfy constraint: \
                 Member must satisfy regular expression pattern: [0-9]+",
            ));
        }
        match (&request.access_token, &request.session) {
            (Some(token), _) => {
                let user = self.user_of_access_token(token.expose_secret())?;
                self.verify_totp_setup(&user, code)?;
                Ok(json!({ "Status": "SUCCESS" }))
            }
            (None, Some(key)) => {
                let (session, user) = self.mfa_setup_session(key)?;
                if let Err(error) = self.verify_totp_setup(&user, code) {
                    // A wrong code may be corrected in the same set-up.
                    self.sessions.put(key.clone(), session, self.now());
                    return Err(error);
                }
                let key = self.reopen(session, true);
                Ok(json!({ "Status": "SUCCESS", "Session": key }))
            }
            (None, None) => Err(ApiError::missing("AccessToken")),
        }
    }

    fn verify_totp_setup(&self, user: &User, code: &str) -> ApiResult<()> {
        if user.mfa.totp_secret.is_none() {
            return Err(ApiError::new(
                ErrorKind::EnableSoftwareTokenMFAException,
                "Associate a software token first.",
            ));
        }
        let user = self
            .accept_totp(user, code)
            .map_err(|error| match error.kind {
                ErrorKind::CodeMismatchException => {
                    ApiError::new(ErrorKind::EnableSoftwareTokenMFAException, "Code mismatch")
                }
                _ => error,
            })?;
        self.change_user(&user.pool_id, &user.username, |user| {
            user.mfa.totp_verified = true;
            Ok(())
        })?;
        Ok(())
    }

    /// The live `MFA_SETUP` session `key` (taken) and its user.
    fn mfa_setup_session(&self, key: &str) -> ApiResult<(AuthSession, User)> {
        let session = self
            .sessions
            .take(key, self.now())
            .filter(|session| matches!(session.step, Step::MfaSetup { .. }))
            .ok_or_else(ApiError::expired_session)?;
        let user = session
            .username
            .as_deref()
            .map(|username| self.store.user(&session.pool_id, username))
            .transpose()?
            .flatten()
            .ok_or_else(ApiError::expired_session)?;
        Ok((session, user))
    }

    /// The `MFA_SETUP` session again, under a new key (Cognito answers each step of the set-up
    /// with a new session), noting a verified authenticator.
    fn reopen(&self, mut session: AuthSession, verified: bool) -> String {
        if let Step::MfaSetup { totp_verified, .. } = &mut session.step {
            *totp_verified |= verified;
        }
        let key = crate::clock::random_token();
        self.sessions.put(key.clone(), session, self.now());
        key
    }

    /// `SetUserMFAPreference` and `AdminSetUserMFAPreference`.
    pub fn set_user_mfa_preference(
        &self,
        request: &SetUserMfaPreferenceRequest,
        admin: bool,
    ) -> ApiResult<Value> {
        let user = self.user_named_or_signed_in(
            admin,
            request.access_token.as_ref(),
            (request.user_pool_id.as_deref(), request.username.as_deref()),
        )?;
        let settings = [
            ("SOFTWARE_TOKEN_MFA", request.software_token_mfa_settings),
            ("SMS_MFA", request.sms_mfa_settings),
            ("EMAIL_OTP", request.email_mfa_settings),
        ];
        if settings
            .iter()
            .filter(|(_, setting)| setting.and_then(|s| s.preferred_mfa) == Some(true))
            .count()
            > 1
        {
            return Err(ApiError::invalid_parameter(
                "Only one MFA type can be preferred.",
            ));
        }
        self.change_user(&user.pool_id, &user.username, |user| {
            for (factor, setting) in settings {
                let Some(MfaSettingsType {
                    enabled,
                    preferred_mfa,
                }) = setting
                else {
                    continue;
                };
                let turning_on = enabled == Some(true) || preferred_mfa == Some(true);
                if turning_on {
                    check_usable(user, factor)?;
                    crate::auth::enable_mfa(&mut user.mfa, factor, preferred_mfa);
                } else if enabled == Some(false) {
                    remove(&mut user.mfa, factor);
                } else if preferred_mfa == Some(false)
                    && user.mfa.preferred.as_deref() == Some(factor)
                {
                    user.mfa.preferred = None;
                }
            }
            Ok(())
        })?;
        Ok(json!({}))
    }

    /// `GetUserAuthFactors`: the first factors the user has and their second factors.
    pub fn get_user_auth_factors(&self, request: &AccessTokenRequest) -> ApiResult<Value> {
        let user = self.user_of_access_token(request.access_token.expose_secret())?;
        let pool = self.pool(&user.pool_id)?;
        let mut factors = Vec::new();
        if user.verifier.is_some() {
            factors.push("PASSWORD");
        }
        let allowed = pool.first_auth_factors();
        for (factor, attribute) in [("EMAIL_OTP", "email"), ("SMS_OTP", "phone_number")] {
            if allowed.iter().any(|name| name == factor) && user.attributes.contains_key(attribute)
            {
                factors.push(factor);
            }
        }
        let mut answer = Map::new();
        answer.insert("Username".to_owned(), json!(user.username));
        answer.insert("ConfiguredUserAuthFactors".to_owned(), json!(factors));
        mfa_report(&user, &pool, &mut answer);
        Ok(Value::Object(answer))
    }

    /// `SetUserPoolMfaConfig`.
    pub fn set_user_pool_mfa_config(&self, request: &UserPoolMfaConfigRequest) -> ApiResult<Value> {
        let mut pool = self.pool(&request.user_pool_id)?;
        if let Some(mode) = &request.mfa_configuration {
            if !matches!(mode.as_str(), "OFF" | "ON" | "OPTIONAL") {
                return Err(ApiError::invalid_parameter(format!(
                    "1 validation error detected: Value '{mode}' at 'mfaConfiguration' failed to \
                     satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]"
                )));
            }
            pool.other
                .insert("MfaConfiguration".to_owned(), json!(mode));
        }
        if let Some(config) = &request.web_authn_configuration {
            check_web_authn_configuration(config)?;
        }
        for (name, config) in [
            (
                "SoftwareTokenMfaConfiguration",
                &request.software_token_mfa_configuration,
            ),
            ("SmsMfaConfiguration", &request.sms_mfa_configuration),
            ("EmailMfaConfiguration", &request.email_mfa_configuration),
            ("WebAuthnConfiguration", &request.web_authn_configuration),
        ] {
            if let Some(config) = config {
                pool.other
                    .insert(name.to_owned(), Value::Object(config.clone()));
            }
        }
        if pool.mfa_configuration() == "ON" && pool.mfa_factors().is_empty() {
            return Err(ApiError::invalid_parameter(
                "MFA cannot be required without an MFA factor configured.",
            ));
        }
        self.store.update_pool(&pool)?;
        Ok(pool_mfa_config(&pool))
    }

    /// `GetUserPoolMfaConfig`.
    pub fn get_user_pool_mfa_config(&self, request: &UserPoolMfaConfigRequest) -> ApiResult<Value> {
        Ok(pool_mfa_config(&self.pool(&request.user_pool_id)?))
    }
}

/// `WebAuthnConfiguration`'s constraints, with the service's validation messages.
fn check_web_authn_configuration(config: &Map<String, Value>) -> ApiResult<()> {
    if let Some(rp_id) = config.get("RelyingPartyId") {
        let length = rp_id.as_str().map_or(0, str::len);
        if !(1..=127).contains(&length) {
            return Err(ApiError::invalid_parameter(
                "1 validation error detected: Value at 'webAuthnConfiguration.relyingPartyId' \
                 failed to satisfy constraint: Member must have length between 1 and 127",
            ));
        }
    }
    if let Some(verification) = config.get("UserVerification")
        && !matches!(verification.as_str(), Some("preferred" | "required"))
    {
        return Err(ApiError::invalid_parameter(format!(
            "1 validation error detected: Value '{}' at 'webAuthnConfiguration.userVerification' \
             failed to satisfy constraint: Member must satisfy enum value set: [required, preferred]",
            verification.as_str().unwrap_or_default()
        )));
    }
    Ok(())
}

fn pool_mfa_config(pool: &Pool) -> Value {
    let mut answer = Map::new();
    answer.insert(
        "MfaConfiguration".to_owned(),
        json!(pool.mfa_configuration()),
    );
    for name in [
        "SoftwareTokenMfaConfiguration",
        "SmsMfaConfiguration",
        "EmailMfaConfiguration",
        "WebAuthnConfiguration",
    ] {
        if let Some(config) = pool.other.get(name) {
            answer.insert(name.to_owned(), config.clone());
        }
    }
    Value::Object(answer)
}

/// Turning `factor` on needs what it sends to: a verified authenticator, a phone number, an
/// e-mail address.
fn check_usable(user: &User, factor: &str) -> ApiResult<()> {
    let usable = match factor {
        "SOFTWARE_TOKEN_MFA" => user.mfa.totp_verified,
        "SMS_MFA" => user.attributes.contains_key("phone_number"),
        _ => user.attributes.contains_key("email"),
    };
    if usable {
        return Ok(());
    }
    Err(match factor {
        "SOFTWARE_TOKEN_MFA" => {
            ApiError::invalid_parameter("User has not verified software token mfa")
        }
        "SMS_MFA" => ApiError::invalid_parameter("User does not have a phone number."),
        _ => ApiError::invalid_parameter("User does not have an email address."),
    })
}

fn remove(mfa: &mut MfaSettings, factor: &str) {
    mfa.enabled.retain(|enabled| enabled != factor);
    if mfa.preferred.as_deref() == Some(factor) {
        mfa.preferred = None;
    }
}
