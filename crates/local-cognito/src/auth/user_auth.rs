//! `USER_AUTH`, Cognito's choice-based sign-in: the person (or the app, with
//! `PREFERRED_CHALLENGE`) chooses the first factor among those the pool allows
//! (`Policies.SignInPolicy.AllowedFirstAuthFactors`) and this user can use — a password (plain or
//! SRP), or a one-time code sent by e-mail (`EMAIL_OTP`) or text message (`SMS_OTP`).
//!
//! Codes go to the local outbox (`/_local/messages`, `local-cognito messages`); the log says
//! that one was sent, never the code. A code is good for one sign-in session: a wrong one is
//! `CodeMismatchException` and counts as a failed sign-in (the lockout of wrong passwords);
//! after [`CODE_TRIES`] wrong codes the session ends. A right one verifies the e-mail address or
//! phone number it went to, and confirms an unconfirmed user, as on Cognito.

use cognito_protocol::{
    AuthResponse, ChallengeName, ErrorKind, SecretMap, SecretString, StringMap,
};
use secrecy::ExposeSecret;
use subtle::ConstantTimeEq;

use super::{Attempt, optional, required};
use crate::clock::random_string;
use crate::error::{ApiError, ApiResult};
use crate::model::{Pool, User, UserStatus};
use crate::service::Service;
use crate::sessions::Step;
use crate::store::Message;

/// What a `SELECT_CHALLENGE` offered: the factors, and a passkey challenge when one was issued.
pub(super) struct Offered<'a> {
    /// `AvailableChallenges`.
    pub(super) available: &'a [ChallengeName],
    /// The assertion challenge sent with the choice.
    pub(super) passkey: Option<&'a webauthn_rs_core::proto::AuthenticationState>,
}

/// Wrong codes before the sign-in ends (Cognito's three tries).
pub(super) const CODE_TRIES: u32 = 3;
/// Sign-in codes sent to one user in an hour before `LimitExceededException`.
const CODES_PER_HOUR: u32 = 5;
/// Digits of a sign-in code (Cognito's e-mail and SMS sign-in codes have eight).
const CODE_DIGITS: usize = 8;
/// Digits of a second factor's code.
const MFA_CODE_DIGITS: usize = 6;

/// The first factors `user` may choose, in Cognito's order: a password only with one (both the
/// plain and the SRP form), a code only to an address or number the user has. A decoy (no user)
/// offers what the pool allows, so an unknown name looks like any other.
fn available(pool: &Pool, user: Option<&User>, has_passkeys: bool) -> Vec<ChallengeName> {
    let allowed = pool.first_auth_factors();
    // Codes are no first factor where MFA applies to the user (Cognito: required MFA, or
    // optional MFA the user turned on).
    let mfa_applies = match pool.mfa_configuration() {
        "ON" => true,
        "OPTIONAL" => user.is_some_and(|user| !user.mfa_factors(pool).is_empty()),
        _ => false,
    };
    let allows = |factor: &str| {
        allowed.iter().any(|name| name == factor) && !(mfa_applies && factor != "PASSWORD")
    };
    let has = |attribute: &str| user.is_none_or(|user| user.attributes.contains_key(attribute));
    let mut factors = Vec::new();
    // A passkey only for a user who has one (a decoy never: most users have none).
    if allows("WEB_AUTHN") && has_passkeys {
        factors.push(ChallengeName::WebAuthn);
    }
    if allows("PASSWORD") && user.is_none_or(|user| user.verifier.is_some()) {
        factors.extend([ChallengeName::Password, ChallengeName::PasswordSrp]);
    }
    if allows("EMAIL_OTP") && has("email") {
        factors.push(ChallengeName::EmailOtp);
    }
    if allows("SMS_OTP") && has("phone_number") {
        factors.push(ChallengeName::SmsOtp);
    }
    factors
}

impl Service {
    /// `InitiateAuth` with `USER_AUTH`: straight to the preferred factor when it is available
    /// (with its `PASSWORD` or `SRP_A` inline, or a code sent at once), else `SELECT_CHALLENGE`
    /// with the `AvailableChallenges`.
    pub(super) async fn start_user_auth(
        &self,
        attempt: &Attempt<'_>,
        parameters: &SecretMap,
    ) -> ApiResult<AuthResponse> {
        if attempt.pool.tier() == "LITE" {
            return Err(ApiError::new(
                ErrorKind::FeatureUnavailableInTierException,
                "USER_AUTH is not available in the Lite feature plan of this user pool.",
            ));
        }
        let name = required(parameters, "USERNAME")?;
        let user = match self.find_user(attempt.pool, name)? {
            Some(user) => {
                self.check_enabled_and_unlocked(&user)?;
                Some(user)
            }
            None if attempt.client.prevent_user_existence_errors => None,
            None => return Err(ApiError::user_not_found()),
        };
        let has_passkeys = match &user {
            Some(user) => !self
                .store
                .passkeys_of(&user.pool_id, &user.username)?
                .is_empty(),
            None => false,
        };
        let available = available(attempt.pool, user.as_ref(), has_passkeys);
        let preferred = optional(parameters, "PREFERRED_CHALLENGE")
            .and_then(ChallengeName::from_name)
            .filter(|preferred| available.contains(preferred));
        match preferred {
            Some(factor) => {
                self.begin_factor(attempt, user.as_ref(), name, factor, parameters)
                    .await
            }
            None => {
                let username = user.as_ref().map(|user| user.username.clone());
                let shown_name = username.clone().unwrap_or_else(|| name.to_owned());
                let mut parameters = StringMap::from([("USERNAME".to_owned(), shown_name)]);
                // A passkey's challenge comes with the choice, so that the browser may answer
                // `WEB_AUTHN` with its credential in one step.
                let passkey = match (&user, has_passkeys) {
                    (Some(user), true) => {
                        let (options, state) = self.passkey_challenge(attempt.pool, user)?;
                        parameters.insert("CREDENTIAL_REQUEST_OPTIONS".to_owned(), options);
                        Some(Box::new(state))
                    }
                    _ => None,
                };
                let step = Step::SelectChallenge {
                    available: available.clone(),
                    name: name.to_owned(),
                    passkey,
                };
                Ok(AuthResponse {
                    available_challenges: Some(available),
                    ..self.open_challenge(attempt, username.as_deref(), step, parameters)
                })
            }
        }
    }

    /// `InitiateAuth` `USER_AUTH` with `ConfirmSignUp`'s `Session`: tokens for the user just
    /// confirmed, whatever the `AuthParameters` say (as Cognito ignores them then). Once only.
    pub(super) fn sign_in_after_sign_up(
        &self,
        attempt: &Attempt<'_>,
        key: &str,
    ) -> ApiResult<AuthResponse> {
        if attempt.pool.tier() == "LITE" {
            return Err(ApiError::new(
                ErrorKind::FeatureUnavailableInTierException,
                "USER_AUTH is not available in the Lite feature plan of this user pool.",
            ));
        }
        let session = self
            .sessions
            .take(key, self.now())
            .filter(|session| {
                session.client_id == attempt.client.id
                    && matches!(session.step, Step::ConfirmedSignUp)
            })
            .ok_or_else(ApiError::expired_session)?;
        let user = session
            .username
            .and_then(|username| self.store.user(&attempt.pool.id, &username).transpose())
            .transpose()?
            .ok_or_else(ApiError::expired_session)?;
        self.check_can_sign_in(&user)?;
        self.after_first_factor(attempt, &user)
    }

    /// `SELECT_CHALLENGE`'s answer: `ANSWER` names one of the factors offered (with its
    /// `PASSWORD`, `SRP_A` or passkey `CREDENTIAL` inline, or not).
    pub(super) async fn answer_select_challenge(
        &self,
        attempt: &Attempt<'_>,
        user: Option<&User>,
        name: &str,
        offered: Offered<'_>,
        responses: &SecretMap,
    ) -> ApiResult<AuthResponse> {
        let answer = required(responses, "ANSWER")?;
        let factor = ChallengeName::from_name(answer)
            .filter(|factor| offered.available.contains(factor))
            .ok_or_else(|| {
                ApiError::invalid_parameter(format!(
                    "The challenge {answer} is not available for this user."
                ))
            })?;
        if factor == ChallengeName::WebAuthn && optional(responses, "CREDENTIAL").is_some() {
            let (Some(user), Some(state)) = (user, offered.passkey) else {
                return Err(ApiError::incorrect_credentials());
            };
            return self.answer_passkey(attempt, user, state, responses);
        }
        self.begin_factor(attempt, user, name, factor, responses)
            .await
    }

    /// Starts `factor`: checks an inline password, answers an inline `SRP_A`, sends a code, or
    /// asks for what is missing.
    async fn begin_factor(
        &self,
        attempt: &Attempt<'_>,
        user: Option<&User>,
        name: &str,
        factor: ChallengeName,
        given: &SecretMap,
    ) -> ApiResult<AuthResponse> {
        let username = user.map(|user| user.username.as_str());
        match factor {
            ChallengeName::Password => match optional(given, "PASSWORD") {
                Some(password) => self.check_password(attempt, user, password),
                None => Ok(self.ask(
                    attempt,
                    username,
                    name,
                    Step::Password {
                        name: name.to_owned(),
                    },
                )),
            },
            ChallengeName::PasswordSrp => match optional(given, "SRP_A") {
                Some(srp_a) => self.start_srp(attempt, name, srp_a, None, true),
                None => Ok(self.ask(
                    attempt,
                    username,
                    name,
                    Step::PasswordSrp {
                        name: name.to_owned(),
                    },
                )),
            },
            ChallengeName::EmailOtp | ChallengeName::SmsOtp => {
                self.send_one_time_code(attempt, user, name, factor, false, None)
            }
            ChallengeName::WebAuthn => {
                let user = user.ok_or_else(ApiError::incorrect_credentials)?;
                self.ask_for_passkey(attempt, user)
            }
            other => Err(ApiError::invalid_parameter(format!(
                "The challenge {} is not available for this user.",
                other.as_str()
            ))),
        }
    }

    /// The `WEB_AUTHN` challenge: `CREDENTIAL_REQUEST_OPTIONS` (a JSON string) for
    /// `navigator.credentials.get`, allowing the user's passkeys.
    fn ask_for_passkey(&self, attempt: &Attempt<'_>, user: &User) -> ApiResult<AuthResponse> {
        let (options, state) = self.passkey_challenge(attempt.pool, user)?;
        let step = Step::WebAuthn {
            state: Box::new(state),
        };
        let parameters = StringMap::from([
            ("USERNAME".to_owned(), user.username.clone()),
            ("CREDENTIAL_REQUEST_OPTIONS".to_owned(), options),
        ]);
        Ok(self.open_challenge(attempt, Some(&user.username), step, parameters))
    }

    /// A fresh assertion challenge for `user`'s passkeys: the options (a JSON string) and the
    /// state to check the answer against.
    fn passkey_challenge(
        &self,
        pool: &Pool,
        user: &User,
    ) -> ApiResult<(String, webauthn_rs_core::proto::AuthenticationState)> {
        let stored = self.store.passkeys_of(&user.pool_id, &user.username)?;
        let (options, state) = crate::relying_party::RelyingParty::of(pool)?
            .start_authentication(crate::passkeys::credentials(&stored))
            .map_err(|error| crate::passkeys::refusal(&error))?;
        Ok((options.to_string(), state))
    }

    /// The `WEB_AUTHN` challenge's answer: the passkey's assertion (`CREDENTIAL`).
    pub(super) fn answer_passkey(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        state: &webauthn_rs_core::proto::AuthenticationState,
        responses: &SecretMap,
    ) -> ApiResult<AuthResponse> {
        self.check_enabled_and_unlocked(user)?;
        if let Err(error) = self.verify_passkey(
            attempt.pool,
            user,
            state,
            required(responses, "CREDENTIAL")?,
        ) {
            self.record_failure(user)?;
            return Err(error);
        }
        self.after_first_factor(attempt, user)
    }

    /// The `PASSWORD` challenge's answer.
    pub(super) fn answer_password_challenge(
        &self,
        attempt: &Attempt<'_>,
        user: Option<&User>,
        responses: &SecretMap,
    ) -> ApiResult<AuthResponse> {
        self.check_password(attempt, user, required(responses, "PASSWORD")?)
    }

    /// The `PASSWORD_SRP` challenge's answer: `SRP_A`, answered with `PASSWORD_VERIFIER`.
    pub(super) fn answer_password_srp(
        &self,
        attempt: &Attempt<'_>,
        name: &str,
        responses: &SecretMap,
    ) -> ApiResult<AuthResponse> {
        self.start_srp(attempt, name, required(responses, "SRP_A")?, None, true)
    }

    /// A password given in `USER_AUTH`: tokens (or the next challenge), or Cognito's answer to a
    /// wrong one, counted towards the lockout.
    fn check_password(
        &self,
        attempt: &Attempt<'_>,
        user: Option<&User>,
        password: &str,
    ) -> ApiResult<AuthResponse> {
        let Some(user) = user else {
            return Err(ApiError::incorrect_credentials());
        };
        self.check_can_sign_in(user)?;
        if !super::password_is(user, password) {
            self.record_failure(user)?;
            return Err(ApiError::incorrect_credentials());
        }
        let user = self.password_proven(attempt, user)?;
        self.after_first_factor(attempt, &user)
    }

    /// A challenge that waits for the factor's own answer (`PASSWORD`, `PASSWORD_SRP`).
    fn ask(
        &self,
        attempt: &Attempt<'_>,
        username: Option<&str>,
        name: &str,
        step: Step,
    ) -> AuthResponse {
        let shown = username.unwrap_or(name).to_owned();
        let parameters = StringMap::from([("USERNAME".to_owned(), shown)]);
        self.open_challenge(attempt, username, step, parameters)
    }

    /// Sends a code by e-mail or text message and asks for it: a first factor (`mfa` false,
    /// eight digits) or a second (six digits; `enables` a factor being set up). A decoy (no
    /// user) sends nothing and can never succeed.
    pub(super) fn send_one_time_code(
        &self,
        attempt: &Attempt<'_>,
        user: Option<&User>,
        name: &str,
        challenge: ChallengeName,
        mfa: bool,
        enables: Option<String>,
    ) -> ApiResult<AuthResponse> {
        let (medium, attribute) = match challenge {
            ChallengeName::SmsOtp | ChallengeName::SmsMfa => ("SMS", "phone_number"),
            _ => ("EMAIL", "email"),
        };
        let digits = if mfa { MFA_CODE_DIGITS } else { CODE_DIGITS };
        let code = random_string(b"0123456789", digits);
        let destination = match user {
            Some(user) => {
                let now = self.now();
                let kind = challenge.as_str();
                let sent = self.store.count_messages(
                    &user.pool_id,
                    &user.username,
                    kind,
                    now - 3_600.0,
                )?;
                if sent >= CODES_PER_HOUR {
                    return Err(crate::signup::attempt_limit_exceeded());
                }
                let message = Message {
                    pool_id: user.pool_id.clone(),
                    username: user.username.clone(),
                    kind: kind.to_owned(),
                    code: code.clone(),
                };
                self.store.insert_message(&message, now)?;
                tracing::info!(pool = %user.pool_id, user = %user.username, kind, "sign-in code recorded (see /_local/messages or `local-cognito messages`)");
                user.attributes.get(attribute).cloned().unwrap_or_default()
            }
            None if medium == "SMS" => "+10000000000".to_owned(),
            None => format!("{name}@example.com"),
        };
        let masked = match medium {
            "SMS" => mask_phone(&destination),
            _ => mask_email(&destination),
        };
        let step = Step::OneTimeCode {
            challenge,
            code: SecretString::from(code),
            wrong: 0,
            mfa,
            enables,
        };
        let parameters = StringMap::from([
            (
                "CODE_DELIVERY_DELIVERY_MEDIUM".to_owned(),
                medium.to_owned(),
            ),
            ("CODE_DELIVERY_DESTINATION".to_owned(), masked),
        ]);
        let username = user.map(|user| user.username.as_str());
        Ok(self.open_challenge(attempt, username, step, parameters))
    }

    /// The answer to `EMAIL_OTP` / `SMS_OTP`: tokens (or the next challenge) for the right code;
    /// [`ApiError::code_mismatch`] for a wrong one (the caller keeps the session for another try while
    /// [`CODE_TRIES`] allow).
    pub(super) fn answer_code(
        &self,
        attempt: &Attempt<'_>,
        user: Option<&User>,
        (challenge, mfa, enables): (ChallengeName, bool, Option<&str>),
        code: &SecretString,
        responses: &SecretMap,
    ) -> ApiResult<AuthResponse> {
        let field = match challenge {
            ChallengeName::SmsOtp => "SMS_OTP_CODE",
            ChallengeName::SmsMfa => "SMS_MFA_CODE",
            _ => "EMAIL_OTP_CODE",
        };
        let given = required(responses, field)?;
        let right = bool::from(
            given
                .trim()
                .as_bytes()
                .ct_eq(code.expose_secret().as_bytes()),
        );
        let Some(user) = user else {
            return Err(ApiError::code_mismatch());
        };
        self.check_enabled_and_unlocked(user)?;
        if !right {
            self.record_failure(user)?;
            return Err(ApiError::code_mismatch());
        }
        let verified = match challenge {
            ChallengeName::SmsOtp | ChallengeName::SmsMfa => "phone_number_verified",
            _ => "email_verified",
        };
        let now = self.now();
        let (user, ()) = self.change_user(&user.pool_id, &user.username, |user| {
            user.attributes
                .insert(verified.to_owned(), "true".to_owned());
            if user.status == UserStatus::Unconfirmed {
                user.status = UserStatus::Confirmed;
            }
            user.failed_attempts = 0;
            user.locked_until = 0.0;
            user.modified = now;
            if let Some(factor) = enables {
                super::mfa::enable(&mut user.mfa, factor, Some(true));
            }
            Ok(())
        })?;
        if mfa {
            self.issue_tokens(attempt, &user, None)
        } else {
            self.after_first_factor(attempt, &user)
        }
    }
}

/// `t***@e***.com`: the first character of the name and of the domain, and the domain's last
/// label (whole characters, whatever their length in bytes).
pub(crate) fn mask_email(address: &str) -> String {
    let first = |part: &str| part.chars().next().map(String::from).unwrap_or_default();
    match address.split_once('@') {
        Some((local, domain)) => match domain.rsplit_once('.') {
            Some((host, top)) => format!("{}***@{}***.{top}", first(local), first(host)),
            None => format!("{}***@{}***", first(local), first(domain)),
        },
        None => "***".to_owned(),
    }
}

/// `+*******0839`: the last four digits.
pub(crate) fn mask_phone(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    let shown = digits.len().saturating_sub(4);
    let tail: String = digits[shown..].iter().collect();
    format!("+{}{tail}", "*".repeat(shown))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_masked_as_cognito_does() {
        assert_eq!(mask_email("test@example.com"), "t***@e***.com");
        assert_eq!(mask_email("élodie@exämple.co.uk"), "é***@e***.uk");
        assert_eq!(mask_email("nobody"), "***");
        assert_eq!(mask_phone("+12065550839"), "+*******0839");
        assert_eq!(mask_phone("12"), "+12");
    }
}
