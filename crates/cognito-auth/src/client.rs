//! The client: `sign_in`, `confirm_sign_in`, `fetch_session`, `sign_out`, `sign_out_global`.

use std::cell::RefCell;

use cognito_protocol::{
    AccessTokenRequest, AuthResponse, ChallengeName, ExposeSecret, InitiateAuthRequest,
    RespondToAuthChallengeRequest, RevokeTokenRequest, SecretString, StringMap, secret_map,
};
use cognito_srp::{PasswordVerifierChallenge, SrpClient, Timestamp};
use serde::Serialize;

use crate::flow::{PENDING_LIFETIME_MS, PendingSignIn};
use crate::tokens::{Claims, Tokens, claims};
use crate::transport::call;
use crate::{
    AuthConfig, AuthError, AuthFlow, AuthSession, ConfirmSignInInput, KeyValueStorage, NextStep,
    SignInInput, SignInOutput, Transport,
};

/// Tokens closer than this to expiry are refreshed by `fetch_session` (as Amplify's 5 minutes).
const REFRESH_MARGIN_MS: i64 = 5 * 60 * 1000;

/// Fills a buffer with cryptographically secure random bytes.
pub type RandomSource = Box<dyn Fn(&mut [u8])>;

/// Time and randomness, passed in so tests are deterministic and the WASM build can use the
/// browser's.
pub struct Environment {
    /// Milliseconds since the Unix epoch.
    pub now_ms: Box<dyn Fn() -> i64>,
    /// Fills the buffer with cryptographically secure random bytes.
    pub random: RandomSource,
}

impl std::fmt::Debug for Environment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Environment")
    }
}

/// An Amplify-style Cognito client over a transport and two stores: `tokens` (Amplify uses
/// `localStorage`) and `sign_in_state` (`sessionStorage`).
#[derive(Debug)]
pub struct CognitoAuth<T, S> {
    config: AuthConfig,
    transport: T,
    tokens: S,
    sign_in_state: S,
    environment: Environment,
    /// An SRP client (`a` and `A`) computed ahead of the next SRP sign-in; used once.
    prepared_srp: RefCell<Option<SrpClient>>,
}

impl<T: Transport, S: KeyValueStorage> CognitoAuth<T, S> {
    /// A client for `config`.
    pub fn new(
        config: AuthConfig,
        transport: T,
        tokens: S,
        sign_in_state: S,
        environment: Environment,
    ) -> Self {
        Self {
            config,
            transport,
            tokens,
            sign_in_state,
            environment,
            prepared_srp: RefCell::new(None),
        }
    }

    /// Computes the next SRP sign-in's secret `a` and public `A = g^a` now (e.g. while the
    /// person types their password), so that `sign_in` only has the challenge's maths left.
    /// Each prepared value is used for one sign-in only.
    pub fn prepare_srp(&self) -> Result<(), AuthError> {
        if self.prepared_srp.borrow().is_none() {
            let client = self.new_srp_client()?;
            *self.prepared_srp.borrow_mut() = Some(client);
        }
        Ok(())
    }

    /// The configuration.
    pub fn config(&self) -> &AuthConfig {
        &self.config
    }

    fn now_ms(&self) -> i64 {
        (self.environment.now_ms)()
    }

    /// `InitiateAuth` or `RespondToAuthChallenge` with `request`: its answer, a challenge or
    /// tokens. A body that is not of that shape is [`AuthError::UnexpectedResponse`], whatever
    /// it holds.
    ///
    /// Not generic over the answer: each answer type read with serde in a future of its own would
    /// add its own copy of serde_json's reader to the WASM bundle.
    async fn authenticate(&self, operation: &str, body: String) -> Result<AuthResponse, AuthError> {
        let text = call(&self.transport, &self.config.endpoint, operation, body).await?;
        serde_json::from_str(&text)
            .map_err(|error| AuthError::UnexpectedResponse(format!("{operation}: {error}")))
    }

    /// An operation whose answer carries nothing (`RevokeToken`, `GlobalSignOut`: `{}`).
    async fn perform(&self, operation: &str, body: String) -> Result<(), AuthError> {
        call(&self.transport, &self.config.endpoint, operation, body)
            .await
            .map(drop)
    }

    /// Starts a sign-in. `UserAlreadyAuthenticated` if someone is signed in (sign out first).
    ///
    /// The requests are built by plain functions between the awaits, so the future keeps few
    /// values alive across them (each one costs drop code in the WASM bundle).
    pub async fn sign_in(&self, input: SignInInput) -> Result<SignInOutput, AuthError> {
        check_sign_in_input(&input)?;
        if self.fetch_session().await.ok().flatten().is_some() {
            return Err(AuthError::UserAlreadyAuthenticated);
        }
        PendingSignIn::clear(&self.sign_in_state);
        let (request, srp) = self.initiate_auth_request(&input)?;
        let response = match self.authenticate("InitiateAuth", request).await {
            Ok(response) => response,
            Err(error) => return step_for_error(error),
        };
        let response = match (&response.challenge_name, srp) {
            (Some(ChallengeName::PasswordVerifier), Some(client)) => {
                let request = self.password_verifier_request(&client, &response, &input)?;
                match self.authenticate("RespondToAuthChallenge", request).await {
                    Ok(response) => response,
                    Err(error) => return step_for_error(error),
                }
            }
            _ => response,
        };
        self.next(response, input.username.trim())
    }

    /// `InitiateAuth` for `input`'s flow, and the SRP client when the flow proves a password.
    fn initiate_auth_request(
        &self,
        input: &SignInInput,
    ) -> Result<(String, Option<SrpClient>), AuthError> {
        let mut parameters = secret_map([("USERNAME", input.username.trim().to_owned())]);
        let (flow, srp) = match input.flow {
            AuthFlow::UserPasswordAuth => {
                parameters.insert(
                    "PASSWORD".to_owned(),
                    input.password.clone().unwrap_or_default(),
                );
                ("USER_PASSWORD_AUTH", None)
            }
            AuthFlow::CustomWithoutSrp => ("CUSTOM_AUTH", None),
            AuthFlow::UserSrpAuth => ("USER_SRP_AUTH", Some(self.srp_client()?)),
            AuthFlow::CustomWithSrp => {
                parameters.insert("CHALLENGE_NAME".to_owned(), "SRP_A".into());
                ("CUSTOM_AUTH", Some(self.srp_client()?))
            }
        };
        if let Some(client) = &srp {
            parameters.insert("SRP_A".to_owned(), client.srp_a().into());
        }
        let request = InitiateAuthRequest {
            auth_flow: flow.to_owned(),
            auth_parameters: parameters,
            client_id: self.config.user_pool_client_id.clone(),
            client_metadata: metadata(&input.client_metadata),
            user_pool_id: None,
            session: None,
        };
        Ok((body(&request)?, srp))
    }

    /// Answers the current step: a custom challenge's answer, a new password, a code.
    pub async fn confirm_sign_in(
        &self,
        input: ConfirmSignInInput,
    ) -> Result<SignInOutput, AuthError> {
        let pending = PendingSignIn::load(&self.sign_in_state, self.now_ms())
            .ok_or(AuthError::NoSignInInProgress)?;
        let answer_key = match pending.challenge_name.as_str() {
            "CUSTOM_CHALLENGE" | "SELECT_MFA_TYPE" => "ANSWER",
            "NEW_PASSWORD_REQUIRED" => "NEW_PASSWORD",
            "SMS_MFA" => "SMS_MFA_CODE",
            "SOFTWARE_TOKEN_MFA" => "SOFTWARE_TOKEN_MFA_CODE",
            other => {
                return Err(AuthError::UnexpectedResponse(format!(
                    "cannot answer {other}"
                )));
            }
        };
        let mut responses = secret_map([
            ("USERNAME", SecretString::from(pending.username.as_str())),
            (answer_key, input.challenge_response.clone()),
        ]);
        for (name, value) in &input.user_attributes {
            responses.insert(format!("userAttributes.{name}"), value.as_str().into());
        }
        let request = RespondToAuthChallengeRequest {
            challenge_name: pending.challenge_name.clone(),
            challenge_responses: responses,
            client_id: self.config.user_pool_client_id.clone(),
            session: Some(pending.session.clone()),
            client_metadata: metadata(&input.client_metadata),
            user_pool_id: None,
        };
        match self
            .authenticate("RespondToAuthChallenge", body(&request)?)
            .await
        {
            Ok(response) => self.next(response, &pending.username),
            Err(error) => {
                // A refused answer ends Cognito's session: the person must start again.
                if error.is_not_authorized() {
                    PendingSignIn::clear(&self.sign_in_state);
                }
                step_for_error(error)
            }
        }
    }

    /// The signed-in user's tokens, refreshed with `REFRESH_TOKEN_AUTH` when they expire within
    /// 5 minutes (device clock drift accounted for); `None` when nobody is signed in.
    pub async fn fetch_session(&self) -> Result<Option<AuthSession>, AuthError> {
        let Some(tokens) = Tokens::load(&self.tokens, &self.config.user_pool_client_id) else {
            return Ok(None);
        };
        let fresh = tokens
            .remaining_ms(self.now_ms())
            .is_some_and(|remaining| remaining > REFRESH_MARGIN_MS);
        let tokens = if fresh {
            tokens
        } else {
            let Some(refresh) = tokens.refresh_token.clone() else {
                Tokens::clear(&self.tokens, &self.config.user_pool_client_id);
                return Ok(None);
            };
            let request = InitiateAuthRequest {
                auth_flow: "REFRESH_TOKEN_AUTH".to_owned(),
                auth_parameters: secret_map([("REFRESH_TOKEN", refresh.clone())]),
                client_id: self.config.user_pool_client_id.clone(),
                client_metadata: None,
                user_pool_id: None,
                session: None,
            };
            let response = match self.authenticate("InitiateAuth", body(&request)?).await {
                Ok(response) => response,
                Err(error) if error.is_not_authorized() => {
                    // Revoked or expired: nobody is signed in any more.
                    Tokens::clear(&self.tokens, &self.config.user_pool_client_id);
                    return Ok(None);
                }
                Err(error) => return Err(error),
            };
            let result = response.authentication_result.ok_or_else(|| {
                AuthError::UnexpectedResponse("refresh gave no tokens".to_owned())
            })?;
            let refreshed = Tokens::from_result(&result, Some(refresh), self.now_ms())?;
            refreshed.store(&self.tokens, &self.config.user_pool_client_id)?;
            refreshed
        };
        Ok(Some(AuthSession {
            expires_at: tokens.expires_at(),
            tokens,
        }))
    }

    /// Signs out on this device: revokes the refresh token (and the access tokens of its sign-in)
    /// and forgets the tokens. The tokens are forgotten even if the revocation fails.
    pub async fn sign_out(&self) -> Result<(), AuthError> {
        let tokens = Tokens::load(&self.tokens, &self.config.user_pool_client_id);
        Tokens::clear(&self.tokens, &self.config.user_pool_client_id);
        PendingSignIn::clear(&self.sign_in_state);
        let revocable = tokens.as_ref().and_then(|tokens| {
            let origin = claims::<Claims>(tokens.access_token.expose_secret())
                .is_some_and(|claims| claims.origin_jti.is_some());
            tokens.refresh_token.clone().filter(|_| origin)
        });
        if let Some(token) = revocable {
            let request = RevokeTokenRequest {
                token,
                client_id: self.config.user_pool_client_id.clone(),
                client_secret: None,
            };
            self.perform("RevokeToken", body(&request)?).await?;
        }
        Ok(())
    }

    /// Signs out everywhere (`GlobalSignOut`), then forgets the tokens here.
    pub async fn sign_out_global(&self) -> Result<(), AuthError> {
        if let Some(tokens) = Tokens::load(&self.tokens, &self.config.user_pool_client_id) {
            let request = AccessTokenRequest {
                access_token: tokens.access_token,
            };
            let outcome = self.perform("GlobalSignOut", body(&request)?).await;
            Tokens::clear(&self.tokens, &self.config.user_pool_client_id);
            outcome?;
        }
        PendingSignIn::clear(&self.sign_in_state);
        Ok(())
    }

    /// A sign-in waiting for `confirm_sign_in` (within its 3 minutes): who, and the step it waits
    /// for, as `sign_in` or `confirm_sign_in` returned it (after a reload, say).
    pub fn pending_sign_in(&self) -> Option<(String, NextStep)> {
        let pending = PendingSignIn::load(&self.sign_in_state, self.now_ms())?;
        let challenge = ChallengeName::from_name(&pending.challenge_name)?;
        let step = step_for_challenge(challenge, pending.parameters).ok()?;
        Some((pending.username, step))
    }

    /// Forgets a sign-in waiting for `confirm_sign_in` (the person started again).
    pub fn cancel_sign_in(&self) {
        PendingSignIn::clear(&self.sign_in_state);
    }

    /// A new SRP client (computing `A`) with fresh random `a`.
    fn srp_client(&self) -> Result<SrpClient, AuthError> {
        match self.prepared_srp.borrow_mut().take() {
            Some(prepared) => Ok(prepared),
            None => self.new_srp_client(),
        }
    }

    fn new_srp_client(&self) -> Result<SrpClient, AuthError> {
        let mut a = [0_u8; 128];
        (self.environment.random)(&mut a);
        Ok(SrpClient::new(&self.config.user_pool_id, &a)?)
    }

    /// `RespondToAuthChallenge` answering `PASSWORD_VERIFIER`: the password proven with SRP.
    fn password_verifier_request(
        &self,
        client: &SrpClient,
        challenge: &AuthResponse,
        input: &SignInInput,
    ) -> Result<String, AuthError> {
        let parameters = challenge.challenge_parameters.clone().unwrap_or_default();
        let parameter = |name: &str| {
            parameters.get(name).cloned().ok_or_else(|| {
                AuthError::UnexpectedResponse(format!("PASSWORD_VERIFIER without {name}"))
            })
        };
        let user_id_for_srp = parameter("USER_ID_FOR_SRP")?;
        let (salt, srp_b, secret_block) = (
            parameter("SALT")?,
            parameter("SRP_B")?,
            parameter("SECRET_BLOCK")?,
        );
        let verifier = client.process_challenge(
            &PasswordVerifierChallenge {
                salt: &salt,
                srp_b: &srp_b,
                secret_block: &secret_block,
                user_id_for_srp: &user_id_for_srp,
            },
            input
                .password
                .as_ref()
                .map_or("", |password| password.expose_secret()),
        )?;
        let claim = verifier.claim(Timestamp::from_unix_seconds(self.now_ms().div_euclid(1000)));
        let request = RespondToAuthChallengeRequest {
            challenge_name: "PASSWORD_VERIFIER".to_owned(),
            challenge_responses: secret_map([
                ("USERNAME", claim.username),
                ("PASSWORD_CLAIM_SECRET_BLOCK", claim.secret_block),
                ("TIMESTAMP", claim.timestamp),
                ("PASSWORD_CLAIM_SIGNATURE", claim.signature),
            ]),
            client_id: self.config.user_pool_client_id.clone(),
            session: challenge.session.clone(),
            client_metadata: metadata(&input.client_metadata),
            user_pool_id: None,
        };
        body(&request)
    }

    /// Tokens, or the next challenge (remembered for `confirm_sign_in`).
    fn next(
        &self,
        response: AuthResponse,
        typed_username: &str,
    ) -> Result<SignInOutput, AuthError> {
        if let Some(result) = response.authentication_result {
            PendingSignIn::clear(&self.sign_in_state);
            let tokens = Tokens::from_result(&result, None, self.now_ms())?;
            tokens.store(&self.tokens, &self.config.user_pool_client_id)?;
            return Ok(SignInOutput::step(NextStep::Done));
        }
        let challenge = response.challenge_name.ok_or_else(|| {
            AuthError::UnexpectedResponse("neither tokens nor a challenge".to_owned())
        })?;
        let parameters = response.challenge_parameters.unwrap_or_default();
        let session = response.session.ok_or_else(|| {
            AuthError::UnexpectedResponse(format!("{} without a session", challenge.as_str()))
        })?;
        // As Amplify: the challenge's USERNAME, else USER_ID_FOR_SRP, else what was typed.
        let username = parameters
            .get("USERNAME")
            .or_else(|| parameters.get("USER_ID_FOR_SRP"))
            .cloned()
            .unwrap_or_else(|| typed_username.to_owned());
        let step = step_for_challenge(challenge, parameters.clone())?;
        PendingSignIn {
            username,
            challenge_name: challenge.as_str().to_owned(),
            session,
            expiry_ms: self.now_ms() + PENDING_LIFETIME_MS,
            parameters,
        }
        .save(&self.sign_in_state)?;
        Ok(SignInOutput::step(step))
    }
}

/// The step a challenge asks for (Amplify's `getSignInResult`).
fn step_for_challenge(
    challenge: ChallengeName,
    mut parameters: StringMap,
) -> Result<NextStep, AuthError> {
    let step = match challenge {
        ChallengeName::CustomChallenge => {
            parameters.remove("USERNAME");
            NextStep::ConfirmSignInWithCustomChallenge {
                additional_info: parameters,
            }
        }
        ChallengeName::NewPasswordRequired => NextStep::ConfirmSignInWithNewPasswordRequired {
            missing_attributes: json_list(&parameters, "requiredAttributes")
                .into_iter()
                .map(|name| {
                    name.strip_prefix("userAttributes.")
                        .unwrap_or(&name)
                        .to_owned()
                })
                .collect(),
        },
        ChallengeName::SmsMfa | ChallengeName::SmsOtp => NextStep::ConfirmSignInWithSmsCode,
        ChallengeName::SoftwareTokenMfa => NextStep::ConfirmSignInWithTotpCode,
        ChallengeName::SelectMfaType => NextStep::ContinueSignInWithMfaSelection {
            allowed_mfa_types: json_list(&parameters, "MFAS_CAN_CHOOSE")
                .into_iter()
                .map(|mfa| {
                    if mfa == "SOFTWARE_TOKEN_MFA" {
                        "TOTP".to_owned()
                    } else {
                        mfa.strip_suffix("_MFA").unwrap_or(&mfa).to_owned()
                    }
                })
                .collect(),
        },
        other => {
            return Err(AuthError::UnexpectedResponse(format!(
                "unsupported challenge {}",
                other.as_str()
            )));
        }
    };
    Ok(step)
}

/// A request's body.
fn body(request: &impl Serialize) -> Result<String, AuthError> {
    serde_json::to_string(request).map_err(|error| AuthError::UnexpectedResponse(error.to_string()))
}

/// The input errors Amplify reports before sending anything.
fn check_sign_in_input(input: &SignInInput) -> Result<(), AuthError> {
    if input.username.trim().is_empty() {
        return Err(AuthError::EmptyUsername);
    }
    match (
        input.flow,
        input.password.as_ref().map(ExposeSecret::expose_secret),
    ) {
        (AuthFlow::CustomWithoutSrp, Some(_)) => Err(AuthError::CustomAuthSignInPassword),
        (AuthFlow::CustomWithoutSrp, None) => Ok(()),
        (_, None | Some("")) => Err(AuthError::EmptyPassword),
        _ => Ok(()),
    }
}

/// `ClientMetadata`: sent only when there is some.
fn metadata(client_metadata: &StringMap) -> Option<StringMap> {
    (!client_metadata.is_empty()).then(|| client_metadata.clone())
}

/// Amplify turns two errors into steps: a required reset and an unconfirmed sign-up.
fn step_for_error(error: AuthError) -> Result<SignInOutput, AuthError> {
    if error.is(cognito_protocol::ErrorKind::PasswordResetRequiredException) {
        Ok(SignInOutput::step(NextStep::ResetPassword))
    } else if error.is(cognito_protocol::ErrorKind::UserNotConfirmedException) {
        Ok(SignInOutput::step(NextStep::ConfirmSignUp))
    } else {
        Err(error)
    }
}

/// A challenge parameter holding a JSON array of strings (`requiredAttributes`,
/// `MFAS_CAN_CHOOSE`); empty when absent or malformed.
fn json_list(parameters: &StringMap, key: &str) -> Vec<String> {
    parameters
        .get(key)
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default()
}
