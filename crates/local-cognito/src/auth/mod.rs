//! Sign-in: `InitiateAuth` and `RespondToAuthChallenge`, a state machine over the flows
//! `USER_SRP_AUTH`, `USER_PASSWORD_AUTH`, `CUSTOM_AUTH` (with or without `SRP_A` first) and
//! `REFRESH_TOKEN_AUTH` and `USER_AUTH` (choice-based: a password, SRP, or a code by e-mail or
//! text message), with the challenges `PASSWORD_VERIFIER`, `CUSTOM_CHALLENGE`,
//! `NEW_PASSWORD_REQUIRED`, `SELECT_CHALLENGE`, `PASSWORD`, `PASSWORD_SRP`, `EMAIL_OTP` and
//! `SMS_OTP`.

mod custom;
mod devices;
mod mfa;
mod password;
mod srp;
mod tokens;
mod user_auth;

pub(crate) use mfa::enable as enable_mfa;
pub(crate) use password::password_is;
pub(crate) use tokens::refresh_token_hash;
pub(crate) use user_auth::{mask_email, mask_phone};

use cognito_protocol::{
    AuthFlow, AuthResponse, ChallengeName, ErrorKind, ExposeSecret,
    GetTokensFromRefreshTokenRequest, InitiateAuthRequest, RespondToAuthChallengeRequest,
    SecretMap, StringMap,
};

use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::model::{Client, Pool, User};
use crate::service::Service;
use crate::sessions::{AuthSession, Step};
use user_auth::Offered;

/// Every flow's name, for Cognito's validation message.
const FLOWS: &str = "[REFRESH_TOKEN_AUTH, USER_SRP_AUTH, USER_PASSWORD_AUTH, CUSTOM_AUTH, USER_AUTH, \
                     ADMIN_USER_PASSWORD_AUTH, ADMIN_NO_SRP_AUTH, REFRESH_TOKEN]";

/// Who is signing in, through what.
pub(crate) struct Attempt<'a> {
    pub(crate) pool: &'a Pool,
    pub(crate) client: &'a Client,
    pub(crate) metadata: Option<&'a StringMap>,
    /// `DEVICE_KEY` of a remembered device, if the client sent one.
    pub(crate) device_key: Option<&'a str>,
}

impl Service {
    /// `InitiateAuth`; `admin` for `AdminInitiateAuth` (which names the pool).
    pub async fn initiate_auth(
        &self,
        request: InitiateAuthRequest,
        admin: bool,
    ) -> ApiResult<AuthResponse> {
        let (client, pool) =
            self.signing_in_client(&request.client_id, admin, request.user_pool_id.as_deref())?;
        let flow = AuthFlow::from_name(&request.auth_flow).ok_or_else(|| {
            ApiError::invalid_parameter(format!(
                "1 validation error detected: Value '{}' at 'authFlow' failed to satisfy constraint: \
                 Member must satisfy enum value set: {FLOWS}",
                request.auth_flow
            ))
        })?;
        let admin_flow = matches!(
            flow,
            AuthFlow::AdminUserPasswordAuth | AuthFlow::AdminNoSrpAuth
        );
        if admin_flow != admin && (admin_flow || flow == AuthFlow::UserPasswordAuth) {
            return Err(ApiError::invalid_parameter(format!(
                "Initiate Auth method not supported: {}",
                flow.as_str()
            )));
        }
        // Clients created before the ALLOW_ names use the legacy ones.
        let legacy = match flow {
            AuthFlow::UserPasswordAuth => Some("USER_PASSWORD_AUTH"),
            AuthFlow::AdminUserPasswordAuth | AuthFlow::AdminNoSrpAuth => Some("ADMIN_NO_SRP_AUTH"),
            _ => None,
        };
        if !client.allows(flow.allow_flag()) && !legacy.is_some_and(|name| client.allows(name)) {
            return Err(ApiError::invalid_parameter(format!(
                "{} flow not enabled for this client",
                flow.as_str()
            )));
        }
        let attempt = Attempt {
            pool: &pool,
            client: &client,
            metadata: request.client_metadata.as_ref(),
            device_key: optional(&request.auth_parameters, "DEVICE_KEY"),
        };
        let parameters = &request.auth_parameters;
        let parameter = |name: &str| required(parameters, name);
        match flow {
            AuthFlow::UserPasswordAuth
            | AuthFlow::AdminUserPasswordAuth
            | AuthFlow::AdminNoSrpAuth => {
                self.password_sign_in(&attempt, parameter("USERNAME")?, parameter("PASSWORD")?)
                    .await
            }
            AuthFlow::UserSrpAuth => self.start_srp(
                &attempt,
                parameter("USERNAME")?,
                parameter("SRP_A")?,
                None,
                false,
            ),
            AuthFlow::CustomAuth => {
                let srp_a = match optional(parameters, "CHALLENGE_NAME") {
                    Some("SRP_A") => Some(parameter("SRP_A")?),
                    _ => None,
                };
                self.start_custom(&attempt, parameter("USERNAME")?, srp_a)
                    .await
            }
            AuthFlow::RefreshTokenAuth | AuthFlow::RefreshToken => {
                self.refresh(&attempt, parameter("REFRESH_TOKEN")?)
            }
            AuthFlow::UserAuth => match request.session.as_deref() {
                // Right after ConfirmSignUp: its session signs the new user in.
                Some(session) if !session.is_empty() => {
                    self.sign_in_after_sign_up(&attempt, session)
                }
                _ => self.start_user_auth(&attempt, parameters).await,
            },
        }
    }

    /// `GetTokensFromRefreshToken` (what aws-amplify v6 refreshes with).
    pub fn get_tokens_from_refresh_token(
        &self,
        request: &GetTokensFromRefreshTokenRequest,
    ) -> ApiResult<Value> {
        let (client, pool) = self.client(&request.client_id)?;
        let attempt = Attempt {
            pool: &pool,
            client: &client,
            metadata: request.client_metadata.as_ref(),
            device_key: request.device_key.as_deref(),
        };
        let result =
            self.tokens_from_refresh_token(&attempt, request.refresh_token.expose_secret())?;
        Ok(json!({ "AuthenticationResult": result }))
    }

    /// `RespondToAuthChallenge`; `admin` for `AdminRespondToAuthChallenge`.
    pub async fn respond_to_auth_challenge(
        &self,
        request: RespondToAuthChallengeRequest,
        admin: bool,
    ) -> ApiResult<AuthResponse> {
        let (client, pool) =
            self.signing_in_client(&request.client_id, admin, request.user_pool_id.as_deref())?;
        let responses = &request.challenge_responses;
        // USER_SRP_AUTH's verifier challenge has no session: its SECRET_BLOCK is the key.
        let key = match (&request.session, request.challenge_name.as_str()) {
            (Some(session), _) if !session.is_empty() => session.clone(),
            (_, "PASSWORD_VERIFIER") => {
                required(responses, "PASSWORD_CLAIM_SECRET_BLOCK")?.to_owned()
            }
            _ => return Err(ApiError::missing("Session")),
        };
        let now = self.now();
        let session = self
            .sessions
            .take(&key, now)
            .ok_or_else(ApiError::expired_session)?;
        if session.client_id != client.id {
            return Err(ApiError::expired_session());
        }
        let attempt = Attempt {
            pool: &pool,
            client: &client,
            metadata: request.client_metadata.as_ref(),
            device_key: optional(responses, "DEVICE_KEY"),
        };
        let Some(expected) = session.step.challenge_name().map(ChallengeName::as_str) else {
            return Err(ApiError::expired_session());
        };
        if request.challenge_name != expected {
            return Err(ApiError::invalid_parameter(format!(
                "Invalid challenge name {}, expected {expected}",
                request.challenge_name
            )));
        }
        let AuthSession {
            pool_id,
            client_id,
            username,
            expires,
            step,
        } = session;
        let user = match &username {
            Some(username) => Some(
                self.store
                    .user(&pool.id, username)?
                    .ok_or_else(ApiError::incorrect_credentials)?,
            ),
            None => None,
        };
        if let Some(user) = &user {
            check_named_user(&pool, user, optional(responses, "USERNAME"))?;
        }
        match (step, user) {
            // USER_AUTH's steps answer a decoy (an unknown user) as they would a real user.
            (
                Step::SelectChallenge {
                    available,
                    name,
                    passkey,
                },
                user,
            ) => {
                let offered = Offered {
                    available: &available,
                    passkey: passkey.as_deref(),
                };
                self.answer_select_challenge(&attempt, user.as_ref(), &name, offered, responses)
                    .await
            }
            (Step::Password { .. }, user) => {
                self.answer_password_challenge(&attempt, user.as_ref(), responses)
            }
            (Step::PasswordSrp { name }, _) => self.answer_password_srp(&attempt, &name, responses),
            (
                Step::OneTimeCode {
                    challenge,
                    code,
                    wrong,
                    mfa,
                    enables,
                },
                user,
            ) => {
                let outcome = self.answer_code(
                    &attempt,
                    user.as_ref(),
                    (challenge, mfa, enables.as_deref()),
                    &code,
                    responses,
                );
                self.keep_for_another_try(key, &outcome, wrong, |wrong| AuthSession {
                    pool_id,
                    client_id,
                    username,
                    expires,
                    step: Step::OneTimeCode {
                        challenge,
                        code,
                        wrong,
                        mfa,
                        enables,
                    },
                });
                outcome
            }
            (Step::SoftwareTokenMfa { wrong }, Some(user)) => {
                let outcome = self.answer_software_token(&attempt, &user, responses);
                self.keep_for_another_try(key, &outcome, wrong, |wrong| AuthSession {
                    pool_id,
                    client_id,
                    username,
                    expires,
                    step: Step::SoftwareTokenMfa { wrong },
                });
                outcome
            }
            (Step::WebAuthn { state }, Some(user)) => {
                self.answer_passkey(&attempt, &user, &state, responses)
            }
            (Step::DeviceSrpAuth { device_key }, Some(user)) => {
                self.answer_device_srp_auth(&attempt, &user, &device_key, responses)
            }
            (
                Step::DevicePasswordVerifier {
                    device_key,
                    srp,
                    srp_a,
                    secret_block,
                },
                Some(user),
            ) => self.answer_device_password_verifier(
                &attempt,
                &user,
                &device_key,
                (&srp, &srp_a, &secret_block),
                responses,
            ),
            (Step::SelectMfaType { choices }, Some(user)) => {
                self.answer_select_mfa_type(&attempt, &user, &choices, responses)
            }
            (
                Step::MfaSetup {
                    choices,
                    totp_verified,
                },
                Some(user),
            ) => self.answer_mfa_setup(&attempt, &user, &choices, totp_verified, responses),
            (
                Step::PasswordVerifier {
                    srp,
                    srp_a,
                    secret_block,
                    custom,
                },
                Some(user),
            ) => {
                self.answer_password_verifier(
                    &attempt,
                    user,
                    responses,
                    (&srp, &srp_a, &secret_block),
                    custom,
                )
                .await
            }
            (
                Step::CustomChallenge {
                    history,
                    private_parameters,
                    challenge_metadata,
                },
                Some(user),
            ) => {
                let answer =
                    optional(responses, "ANSWER").ok_or_else(|| ApiError::missing("ANSWER"))?;
                self.answer_custom_challenge(
                    &attempt,
                    &user,
                    answer,
                    history,
                    private_parameters,
                    challenge_metadata,
                )
                .await
            }
            // No challenge answers a sign-up's or a passkey registration's session (refused
            // above, by their challenge name).
            (Step::SignedUp | Step::ConfirmedSignUp | Step::WebAuthnRegistration { .. }, _) => {
                Err(ApiError::expired_session())
            }
            // Past the first factor, a decoy session (an unknown user, existence errors
            // prevented) never succeeds.
            (_, None) => Err(ApiError::incorrect_credentials()),
            (Step::NewPasswordRequired, Some(user)) => {
                let outcome = self.answer_new_password(&attempt, &user, responses);
                // A password the policy refuses is not an attempt: the same session may try
                // again, as on Cognito.
                if outcome
                    .as_ref()
                    .is_err_and(|error| error.kind == ErrorKind::InvalidPasswordException)
                {
                    // Same key, same deadline: a refusal does not extend the sign-in.
                    let session = AuthSession {
                        pool_id,
                        client_id,
                        username,
                        expires,
                        step: Step::NewPasswordRequired,
                    };
                    self.sessions.put(key, session, self.now());
                }
                outcome
            }
        }
    }

    /// After a wrong code, the session again under its key (same deadline) with one more wrong
    /// try counted, while Cognito's tries allow: `session` makes it from the new count.
    fn keep_for_another_try(
        &self,
        key: String,
        outcome: &ApiResult<AuthResponse>,
        wrong: u32,
        session: impl FnOnce(u32) -> AuthSession,
    ) {
        let mismatch = outcome
            .as_ref()
            .is_err_and(|error| error.kind == ErrorKind::CodeMismatchException);
        if mismatch && wrong + 1 < user_auth::CODE_TRIES {
            self.sessions.put(key, session(wrong + 1), self.now());
        }
    }

    /// The app client and pool of a sign-in; the `Admin*` forms must also name the client's pool.
    fn signing_in_client(
        &self,
        client_id: &str,
        admin: bool,
        user_pool_id: Option<&str>,
    ) -> ApiResult<(Client, Pool)> {
        let (client, pool) = self.client(client_id)?;
        if admin && user_pool_id != Some(pool.id.as_str()) {
            return Err(ApiError::invalid_parameter(
                "UserPoolId does not match the client",
            ));
        }
        Ok((client, pool))
    }

    /// Opens a session for `step` and asks its challenge with `parameters`.
    fn open_challenge(
        &self,
        attempt: &Attempt<'_>,
        username: Option<&str>,
        step: Step,
        parameters: StringMap,
    ) -> AuthResponse {
        let challenge_name = step.challenge_name();
        let session = self.open_session(attempt, username, step);
        AuthResponse {
            challenge_name,
            session: Some(session),
            challenge_parameters: Some(parameters),
            ..AuthResponse::default()
        }
    }

    /// Stores `step` as a new session for `username` and returns its key.
    fn open_session(&self, attempt: &Attempt<'_>, username: Option<&str>, step: Step) -> String {
        let key = crate::clock::random_token();
        self.put_session(key.clone(), attempt, username, step);
        key
    }

    fn put_session(&self, key: String, attempt: &Attempt<'_>, username: Option<&str>, step: Step) {
        let now = self.now();
        let session = AuthSession {
            pool_id: attempt.pool.id.clone(),
            client_id: attempt.client.id.clone(),
            username: username.map(str::to_owned),
            expires: now + f64::from(attempt.client.auth_session_validity) * 60.0,
            step,
        };
        self.sessions.put(key, session, now);
    }
}

/// The value of `name` in `AuthParameters` or `ChallengeResponses`, if given.
pub(crate) fn optional<'a>(parameters: &'a SecretMap, name: &str) -> Option<&'a str> {
    parameters.get(name).map(ExposeSecret::expose_secret)
}

/// The value of `name`, which must be given and not empty (Cognito's
/// `InvalidParameterException: Missing required parameter NAME` otherwise).
pub(crate) fn required<'a>(parameters: &'a SecretMap, name: &str) -> ApiResult<&'a str> {
    optional(parameters, name)
        .filter(|value| !value.is_empty())
        .ok_or_else(|| ApiError::missing(name))
}

/// The `USERNAME` of an answer must name the session's user: its username, `sub` or an alias.
fn check_named_user(pool: &Pool, user: &User, named: Option<&str>) -> ApiResult<()> {
    let Some(named) = named else {
        return Err(ApiError::missing("USERNAME"));
    };
    let matches = named == user.username
        || named == user.sub
        || pool.username_attributes.iter().any(|alias| {
            user.attributes
                .get(alias)
                .is_some_and(|value| value == named)
        });
    if matches {
        Ok(())
    } else {
        Err(ApiError::expired_session())
    }
}
