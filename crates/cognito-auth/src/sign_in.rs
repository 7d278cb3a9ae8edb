//! `sign_in`, and what every sign-in step ends with: tokens (and a new device confirmed), a
//! step answered inside the library (`PASSWORD_VERIFIER`, `DEVICE_SRP_AUTH`, `WEB_AUTHN`), or
//! the next step for the person, remembered for `confirm_sign_in`.

use cognito_protocol::{
    AuthResponse, ChallengeName, ExposeSecret, InitiateAuthRequest, RespondToAuthChallengeRequest,
    SecretMap, SecretString, StringMap, secret_map,
};
use cognito_srp::{PasswordClaim, PasswordVerifierChallenge, SrpClient, Timestamp};

use crate::client::body;
use crate::devices::DeviceSecrets;
use crate::passkeys::Authenticator;
use crate::pending::{PENDING_LIFETIME_MS, PendingSignIn};
use crate::tokens::Tokens;
use crate::{
    AuthError, AuthFactor, AuthFlow, CodeDeliveryDetails, CognitoAuth, KeyValueStorage, MfaType,
    NextStep, SignInInput, SignInOutput, Transport,
};

/// Our key, among the pending sign-in's parameters, for `SELECT_CHALLENGE`'s
/// `AvailableChallenges` (a top-level list in Cognito's answer, kept for a reload).
pub(crate) const AVAILABLE_CHALLENGES: &str = "cognitoAuth.availableChallenges";

impl<T: Transport, S: KeyValueStorage, A: Authenticator> CognitoAuth<T, S, A> {
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
        let username = input.username.trim();
        let (request, srp) = self.initiate_auth_request(&input)?;
        let response = match self.authenticate("InitiateAuth", request).await {
            Ok(response) => response,
            Err(error) => return step_for_error(error),
        };
        let response = match (&response.challenge_name, srp) {
            (Some(ChallengeName::PasswordVerifier), Some(client)) => {
                let password = input.password.unwrap_or_default();
                let request = self.password_verifier_request(&client, &response, &password)?;
                match self.authenticate("RespondToAuthChallenge", request).await {
                    Ok(response) => response,
                    Err(error) => return step_for_error(error),
                }
            }
            _ => response,
        };
        self.next(response, username).await
    }

    /// `InitiateAuth` for `input`'s flow, and the SRP client when the flow proves a password.
    fn initiate_auth_request(
        &self,
        input: &SignInInput,
    ) -> Result<(String, Option<SrpClient>), AuthError> {
        let username = input.username.trim();
        let mut parameters = secret_map([("USERNAME", username.to_owned())]);
        let password = || input.password.clone().unwrap_or_default();
        let (flow, srp) = match input.flow {
            AuthFlow::UserPasswordAuth => {
                parameters.insert("PASSWORD".to_owned(), password());
                ("USER_PASSWORD_AUTH", None)
            }
            AuthFlow::CustomWithoutSrp => ("CUSTOM_AUTH", None),
            AuthFlow::UserSrpAuth => ("USER_SRP_AUTH", Some(self.srp_client()?)),
            AuthFlow::CustomWithSrp => {
                parameters.insert("CHALLENGE_NAME".to_owned(), "SRP_A".into());
                ("CUSTOM_AUTH", Some(self.srp_client()?))
            }
            AuthFlow::UserAuth => {
                let preferred = input.preferred_challenge;
                if let Some(factor) = preferred {
                    parameters.insert("PREFERRED_CHALLENGE".to_owned(), factor.as_str().into());
                }
                // A password given with a password factor goes with the first request.
                match (preferred, &input.password) {
                    (Some(AuthFactor::Password), Some(_)) => {
                        parameters.insert("PASSWORD".to_owned(), password());
                        ("USER_AUTH", None)
                    }
                    (Some(AuthFactor::PasswordSrp), Some(_)) => {
                        ("USER_AUTH", Some(self.srp_client()?))
                    }
                    _ => ("USER_AUTH", None),
                }
            }
        };
        if let Some(client) = &srp {
            parameters.insert("SRP_A".to_owned(), client.srp_a().into());
        }
        self.add_device_key(&mut parameters, username);
        let request = InitiateAuthRequest {
            auth_flow: flow.to_owned(),
            auth_parameters: parameters,
            client_id: self.client_id(),
            client_metadata: metadata(&input.client_metadata),
            user_pool_id: None,
            session: None,
        };
        Ok((body(&request)?, srp))
    }

    /// `DEVICE_KEY`, when this device is remembered for `username` (as Amplify sends it), so
    /// that the pool may ask the device to prove itself instead of a second factor.
    pub(crate) fn add_device_key(&self, parameters: &mut SecretMap, username: &str) {
        if let Some(device) =
            DeviceSecrets::load(&self.tokens, &self.config.user_pool_client_id, username)
        {
            parameters.insert("DEVICE_KEY".to_owned(), device.key.into());
        }
    }

    /// `RespondToAuthChallenge` answering `PASSWORD_VERIFIER`: the password proven with SRP.
    pub(crate) fn password_verifier_request(
        &self,
        client: &SrpClient,
        challenge: &AuthResponse,
        password: &SecretString,
    ) -> Result<String, AuthError> {
        let parameters = challenge.challenge_parameters.clone().unwrap_or_default();
        let user_id_for_srp = parameters.get("USER_ID_FOR_SRP").cloned().ok_or_else(|| {
            AuthError::UnexpectedResponse("PASSWORD_VERIFIER without USER_ID_FOR_SRP".to_owned())
        })?;
        let claim = self.srp_claim(
            client,
            &parameters,
            &user_id_for_srp,
            password.expose_secret(),
        )?;
        let mut responses = secret_map([
            ("USERNAME", claim.username),
            ("PASSWORD_CLAIM_SECRET_BLOCK", claim.secret_block),
            ("TIMESTAMP", claim.timestamp),
            ("PASSWORD_CLAIM_SIGNATURE", claim.signature),
        ]);
        self.add_device_key(&mut responses, &user_id_for_srp);
        let request = RespondToAuthChallengeRequest {
            challenge_name: "PASSWORD_VERIFIER".to_owned(),
            challenge_responses: responses,
            client_id: self.client_id(),
            session: challenge.session.clone(),
            client_metadata: None,
            user_pool_id: None,
        };
        body(&request)
    }

    /// SRP's proof of `password` for `user_id` (a user, or a device key) against a verifier
    /// challenge's `SALT`, `SRP_B` and `SECRET_BLOCK`, stamped with this moment.
    pub(crate) fn srp_claim(
        &self,
        client: &SrpClient,
        parameters: &StringMap,
        user_id: &str,
        password: &str,
    ) -> Result<PasswordClaim, AuthError> {
        let parameter = |name: &str| {
            parameters.get(name).map(String::as_str).ok_or_else(|| {
                AuthError::UnexpectedResponse(format!("the SRP challenge came without {name}"))
            })
        };
        let verifier = client.process_challenge(
            &PasswordVerifierChallenge {
                salt: parameter("SALT")?,
                srp_b: parameter("SRP_B")?,
                secret_block: parameter("SECRET_BLOCK")?,
                user_id_for_srp: user_id,
            },
            password,
        )?;
        Ok(verifier.claim(Timestamp::from_unix_seconds(self.now_ms().div_euclid(1000))))
    }

    /// `RespondToAuthChallenge` for `challenge` with `responses` (and the remembered device).
    pub(crate) async fn respond(
        &self,
        challenge: &str,
        session: Option<String>,
        mut responses: SecretMap,
        client_metadata: Option<StringMap>,
    ) -> Result<AuthResponse, AuthError> {
        if let Some(username) = responses
            .get("USERNAME")
            .map(|name| name.expose_secret().to_owned())
        {
            self.add_device_key(&mut responses, &username);
        }
        let request = RespondToAuthChallengeRequest {
            challenge_name: challenge.to_owned(),
            challenge_responses: responses,
            client_id: self.client_id(),
            session,
            client_metadata,
            user_pool_id: None,
        };
        self.authenticate("RespondToAuthChallenge", body(&request)?)
            .await
    }

    /// Tokens, or the next challenge: those the library answers itself are answered (a
    /// remembered device's proof, a passkey asked for, an authenticator app to set up when it
    /// is the only choice); the others are remembered for `confirm_sign_in`.
    pub(crate) async fn next(
        &self,
        mut response: AuthResponse,
        typed_username: &str,
    ) -> Result<SignInOutput, AuthError> {
        loop {
            if let Some(result) = response.authentication_result {
                PendingSignIn::clear(&self.sign_in_state);
                let tokens = Tokens::from_result(&result, None, self.now_ms())?;
                tokens.store(&self.tokens, &self.config.user_pool_client_id)?;
                if let Some(device) = &result.new_device_metadata {
                    self.confirm_new_device(&tokens, device).await;
                }
                return Ok(SignInOutput::step(NextStep::Done));
            }
            let challenge = response.challenge_name.ok_or_else(|| {
                AuthError::UnexpectedResponse("neither tokens nor a challenge".to_owned())
            })?;
            let mut parameters = response.challenge_parameters.unwrap_or_default();
            let session = response.session.ok_or_else(|| {
                AuthError::UnexpectedResponse(format!("{} without a session", challenge.as_str()))
            })?;
            // As Amplify: the challenge's USERNAME, else USER_ID_FOR_SRP, else what was typed.
            let username = parameters
                .get("USERNAME")
                .or_else(|| parameters.get("USER_ID_FOR_SRP"))
                .cloned()
                .unwrap_or_else(|| typed_username.to_owned());
            match challenge {
                ChallengeName::DeviceSrpAuth => {
                    response = self.prove_device(&username, session).await?;
                    continue;
                }
                ChallengeName::WebAuthn => {
                    let options = parameters.get("CREDENTIAL_REQUEST_OPTIONS").cloned();
                    response = self
                        .answer_passkey(&username, session, options.as_deref(), false)
                        .await?;
                    continue;
                }
                _ => {}
            }
            if let Some(available) = response.available_challenges {
                let names: Vec<&str> = available.iter().map(|name| name.as_str()).collect();
                parameters.insert(
                    AVAILABLE_CHALLENGES.to_owned(),
                    crate::json::to_string(&names).map_err(AuthError::UnexpectedResponse)?,
                );
            }
            let mut pending = PendingSignIn {
                username,
                challenge_name: challenge.as_str().to_owned(),
                session,
                expiry_ms: self.now_ms() + PENDING_LIFETIME_MS,
                parameters,
                choice: None,
            };
            // Only an authenticator app to set up: set it up straight away, as Amplify does.
            if challenge == ChallengeName::MfaSetup
                && let [MfaType::Totp] = mfa_types(&pending.parameters, "MFAS_CAN_SETUP")[..]
            {
                return self.start_totp_setup(pending).await;
            }
            if challenge == ChallengeName::MfaSetup
                && let [MfaType::Email] = mfa_types(&pending.parameters, "MFAS_CAN_SETUP")[..]
            {
                pending.choice = Some(MfaType::Email.as_str().to_owned());
            }
            let step = step_for(&pending)?;
            pending.save(&self.sign_in_state)?;
            return Ok(SignInOutput::step(step));
        }
    }

    /// A sign-in waiting for `confirm_sign_in` (within its 3 minutes): who, and the step it waits
    /// for, as `sign_in` or `confirm_sign_in` returned it (after a reload, say). An authenticator
    /// app being set up comes back as the choice of what to set up (its secret is not kept).
    pub fn pending_sign_in(&self) -> Option<(String, NextStep)> {
        let mut pending = PendingSignIn::load(&self.sign_in_state, self.now_ms())?;
        if pending.choice.as_deref() == Some(MfaType::Totp.as_str()) {
            pending.choice = None;
        }
        let step = step_for(&pending).ok()?;
        Some((pending.username, step))
    }

    /// Forgets a sign-in waiting for `confirm_sign_in` (the person started again).
    pub fn cancel_sign_in(&self) {
        PendingSignIn::clear(&self.sign_in_state);
    }
}

/// The step a pending challenge asks for (Amplify's `getSignInResult`).
pub(crate) fn step_for(pending: &PendingSignIn) -> Result<NextStep, AuthError> {
    let parameters = &pending.parameters;
    let challenge = ChallengeName::from_name(&pending.challenge_name).ok_or_else(|| {
        AuthError::UnexpectedResponse(format!("unsupported challenge {}", pending.challenge_name))
    })?;
    let choice = pending.choice.as_deref();
    let step = match challenge {
        ChallengeName::SelectChallenge if choice.is_some() => NextStep::ConfirmSignInWithPassword,
        ChallengeName::SelectChallenge => NextStep::ContinueSignInWithFirstFactorSelection {
            available_challenges: json_list(parameters, AVAILABLE_CHALLENGES)
                .iter()
                .filter_map(|name| AuthFactor::from_name(name))
                .collect(),
        },
        ChallengeName::CustomChallenge => {
            let mut additional_info = parameters.clone();
            additional_info.remove("USERNAME");
            NextStep::ConfirmSignInWithCustomChallenge { additional_info }
        }
        ChallengeName::NewPasswordRequired => NextStep::ConfirmSignInWithNewPasswordRequired {
            missing_attributes: json_list(parameters, "requiredAttributes")
                .into_iter()
                .map(|name| {
                    name.strip_prefix("userAttributes.")
                        .unwrap_or(&name)
                        .to_owned()
                })
                .collect(),
        },
        ChallengeName::Password | ChallengeName::PasswordSrp => NextStep::ConfirmSignInWithPassword,
        ChallengeName::EmailOtp => NextStep::ConfirmSignInWithEmailCode {
            code_delivery_details: CodeDeliveryDetails::from_parameters(parameters),
        },
        ChallengeName::SmsMfa | ChallengeName::SmsOtp => NextStep::ConfirmSignInWithSmsCode {
            code_delivery_details: CodeDeliveryDetails::from_parameters(parameters),
        },
        ChallengeName::SoftwareTokenMfa => NextStep::ConfirmSignInWithTotpCode,
        ChallengeName::SelectMfaType => NextStep::ContinueSignInWithMfaSelection {
            allowed_mfa_types: mfa_types(parameters, "MFAS_CAN_CHOOSE"),
        },
        ChallengeName::MfaSetup if choice == Some(MfaType::Email.as_str()) => {
            NextStep::ContinueSignInWithEmailSetup
        }
        ChallengeName::MfaSetup => NextStep::ContinueSignInWithMfaSetupSelection {
            allowed_mfa_types: mfa_types(parameters, "MFAS_CAN_SETUP"),
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
        (AuthFlow::CustomWithoutSrp | AuthFlow::UserAuth, None) => Ok(()),
        (AuthFlow::UserAuth, Some(_))
            if !input
                .preferred_challenge
                .is_some_and(AuthFactor::is_password) =>
        {
            Err(AuthError::PasswordWithoutPasswordFactor)
        }
        (_, None | Some("")) => Err(AuthError::EmptyPassword),
        _ => Ok(()),
    }
}

/// `ClientMetadata`: sent only when there is some.
pub(crate) fn metadata(client_metadata: &StringMap) -> Option<StringMap> {
    (!client_metadata.is_empty()).then(|| client_metadata.clone())
}

/// Amplify turns two errors into steps: a required reset and an unconfirmed sign-up.
pub(crate) fn step_for_error(error: AuthError) -> Result<SignInOutput, AuthError> {
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
        .and_then(|json| crate::json::from_str(json).ok())
        .unwrap_or_default()
}

/// `MFAS_CAN_CHOOSE` / `MFAS_CAN_SETUP` in Amplify's names; unknown names are left out.
fn mfa_types(parameters: &StringMap, key: &str) -> Vec<MfaType> {
    json_list(parameters, key)
        .iter()
        .filter_map(|name| MfaType::parse(name))
        .collect()
}
