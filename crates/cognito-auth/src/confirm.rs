//! `confirm_sign_in`: the person's answer to the step waiting, sent as the challenge wants it.

use cognito_protocol::{
    AssociateSoftwareTokenRequest, AuthResponse, ChallengeName, ExposeSecret, SecretMap,
    SecretString, VerifySoftwareTokenRequest, secret_map,
};

use crate::passkeys::Authenticator;
use crate::pending::PendingSignIn;
use crate::sign_in::{metadata, step_for_error};
use crate::{
    AuthError, AuthFactor, CognitoAuth, ConfirmSignInInput, KeyValueStorage, MfaType, NextStep,
    SignInOutput, TotpSetupDetails, Transport,
};

impl<T: Transport, S: KeyValueStorage, A: Authenticator> CognitoAuth<T, S, A> {
    /// Answers the step waiting: a custom challenge's answer, a new password, a code, the
    /// password, a choice of first factor or of MFA, an e-mail address for MFA. A passkey chosen
    /// is asked for and answered here.
    pub async fn confirm_sign_in(
        &self,
        input: ConfirmSignInInput,
    ) -> Result<SignInOutput, AuthError> {
        let pending = PendingSignIn::load(&self.sign_in_state, self.now_ms())
            .ok_or(AuthError::NoSignInInProgress)?;
        match self.answer(&pending, &input).await {
            Ok(Answered::Step(output)) => Ok(output),
            Ok(Answered::Response(response)) => self.next(response, &pending.username).await,
            Err(error) => {
                // A refused answer ends Cognito's session: the person must start again.
                if error.is_not_authorized() {
                    PendingSignIn::clear(&self.sign_in_state);
                }
                step_for_error(error)
            }
        }
    }

    async fn answer(
        &self,
        pending: &PendingSignIn,
        input: &ConfirmSignInInput,
    ) -> Result<Answered, AuthError> {
        let response = input.challenge_response.expose_secret().trim();
        let session = Some(pending.session.clone());
        let username = pending.username.as_str();
        let responses = |entries: &[(&str, SecretString)]| {
            let mut map = secret_map([("USERNAME", SecretString::from(username))]);
            for (name, value) in entries {
                map.insert((*name).to_owned(), value.clone());
            }
            map
        };
        let secret = || input.challenge_response.clone();
        let challenge = pending.challenge_name.as_str();
        let client_metadata = metadata(&input.client_metadata);
        let answered = match (challenge, pending.choice.as_deref()) {
            ("SELECT_CHALLENGE", None) => {
                let factor = AuthFactor::from_name(response)
                    .ok_or_else(|| AuthError::InvalidChoice(response.to_owned()))?;
                return self.choose_first_factor(pending, factor).await;
            }
            ("SELECT_CHALLENGE", Some(factor)) => {
                return self
                    .send_password(pending, factor, secret(), "SELECT_CHALLENGE")
                    .await;
            }
            ("PASSWORD" | "PASSWORD_SRP", _) => {
                return self
                    .send_password(pending, challenge, secret(), challenge)
                    .await;
            }
            ("WEB_AUTHN", _) => {
                let options = pending.parameters.get("CREDENTIAL_REQUEST_OPTIONS");
                self.answer_passkey(
                    username,
                    pending.session.clone(),
                    options.map(String::as_str),
                    false,
                )
                .await?
            }
            ("MFA_SETUP", None) => {
                let mfa = MfaType::parse(response)
                    .ok_or_else(|| AuthError::InvalidChoice(response.to_owned()))?;
                return match mfa {
                    MfaType::Totp => self
                        .start_totp_setup(pending.clone())
                        .await
                        .map(Answered::Step),
                    MfaType::Email => {
                        let mut chosen = pending.clone();
                        chosen.choice = Some(MfaType::Email.as_str().to_owned());
                        chosen.save(&self.sign_in_state)?;
                        Ok(Answered::Step(SignInOutput::step(
                            NextStep::ContinueSignInWithEmailSetup,
                        )))
                    }
                    MfaType::Sms => Err(AuthError::InvalidChoice(response.to_owned())),
                };
            }
            ("MFA_SETUP", Some("TOTP")) => {
                let request = VerifySoftwareTokenRequest {
                    access_token: None,
                    session,
                    user_code: secret(),
                    friendly_device_name: None,
                };
                let verified = self.request("VerifySoftwareToken", &request).await?;
                self.respond(
                    "MFA_SETUP",
                    verified.session,
                    responses(&[]),
                    client_metadata,
                )
                .await?
            }
            ("MFA_SETUP", Some(_)) => {
                self.respond(
                    "MFA_SETUP",
                    session,
                    responses(&[("EMAIL", secret())]),
                    client_metadata,
                )
                .await?
            }
            ("SELECT_MFA_TYPE", _) => {
                let mfa = MfaType::parse(response)
                    .ok_or_else(|| AuthError::InvalidChoice(response.to_owned()))?;
                let answer = SecretString::from(mfa.challenge_name());
                self.respond(
                    challenge,
                    session,
                    responses(&[("ANSWER", answer)]),
                    client_metadata,
                )
                .await?
            }
            ("NEW_PASSWORD_REQUIRED", _) => {
                let mut map = responses(&[("NEW_PASSWORD", secret())]);
                for (name, value) in &input.user_attributes {
                    map.insert(format!("userAttributes.{name}"), value.as_str().into());
                }
                self.respond(challenge, session, map, client_metadata)
                    .await?
            }
            (challenge, _) => {
                let key = answer_key(challenge)?;
                self.respond(
                    challenge,
                    session,
                    responses(&[(key, secret())]),
                    client_metadata,
                )
                .await?
            }
        };
        Ok(Answered::Response(answered))
    }

    /// `SELECT_CHALLENGE` answered with `factor`: a password factor asks for the password first;
    /// a passkey is asked for and answered (with its credential in one step when the challenge
    /// came with the choice); a code is sent.
    async fn choose_first_factor(
        &self,
        pending: &PendingSignIn,
        factor: AuthFactor,
    ) -> Result<Answered, AuthError> {
        if factor.is_password() {
            let mut chosen = pending.clone();
            chosen.choice = Some(factor.as_str().to_owned());
            chosen.save(&self.sign_in_state)?;
            return Ok(Answered::Step(SignInOutput::step(
                NextStep::ConfirmSignInWithPassword,
            )));
        }
        let username = pending.username.as_str();
        if factor == AuthFactor::WebAuthn {
            let options = pending.parameters.get("CREDENTIAL_REQUEST_OPTIONS");
            let response = self
                .answer_passkey(
                    username,
                    pending.session.clone(),
                    options.map(String::as_str),
                    true,
                )
                .await?;
            return Ok(Answered::Response(response));
        }
        let responses = secret_map([("USERNAME", username), ("ANSWER", factor.as_str())]);
        let response = self
            .respond(
                "SELECT_CHALLENGE",
                Some(pending.session.clone()),
                responses,
                None,
            )
            .await?;
        Ok(Answered::Response(response))
    }

    /// The password for `factor` (`PASSWORD` or `PASSWORD_SRP`), answering `challenge`
    /// (`SELECT_CHALLENGE` with the factor as `ANSWER`, or the factor's own challenge).
    async fn send_password(
        &self,
        pending: &PendingSignIn,
        factor: &str,
        password: SecretString,
        challenge: &str,
    ) -> Result<Answered, AuthError> {
        if password.expose_secret().is_empty() {
            return Err(AuthError::EmptyPassword);
        }
        let mut responses: SecretMap = secret_map([("USERNAME", pending.username.as_str())]);
        if challenge == "SELECT_CHALLENGE" {
            responses.insert("ANSWER".to_owned(), factor.into());
        }
        let session = Some(pending.session.clone());
        if factor == "PASSWORD" {
            responses.insert("PASSWORD".to_owned(), password);
            let response = self.respond(challenge, session, responses, None).await?;
            return Ok(Answered::Response(response));
        }
        let client = self.srp_client()?;
        responses.insert("SRP_A".to_owned(), client.srp_a().into());
        let verifier = self.respond(challenge, session, responses, None).await?;
        if verifier.challenge_name != Some(ChallengeName::PasswordVerifier) {
            return Ok(Answered::Response(verifier));
        }
        let request = self.password_verifier_request(&client, &verifier, &password)?;
        let response = self.authenticate("RespondToAuthChallenge", request).await?;
        Ok(Answered::Response(response))
    }

    /// `MFA_SETUP` with an authenticator app: its secret (`AssociateSoftwareToken` with the
    /// session), kept only in the step returned; the code then answers it.
    pub(crate) async fn start_totp_setup(
        &self,
        mut pending: PendingSignIn,
    ) -> Result<SignInOutput, AuthError> {
        let request = AssociateSoftwareTokenRequest {
            access_token: None,
            session: Some(pending.session.clone()),
        };
        let answer = self.request("AssociateSoftwareToken", &request).await?;
        let secret = answer.secret_code.ok_or_else(|| {
            AuthError::UnexpectedResponse("AssociateSoftwareToken gave no secret".to_owned())
        })?;
        if let Some(session) = answer.session {
            pending.session = session;
        }
        pending.choice = Some(MfaType::Totp.as_str().to_owned());
        pending.save(&self.sign_in_state)?;
        Ok(SignInOutput::step(NextStep::ContinueSignInWithTotpSetup {
            totp_setup_details: TotpSetupDetails {
                shared_secret: secret.into(),
            },
        }))
    }
}

/// What answering a step gave: Cognito's answer (tokens or a challenge), or a step decided
/// here (the password asked for after choosing a password factor, a set-up).
enum Answered {
    Response(AuthResponse),
    Step(SignInOutput),
}

/// The `ChallengeResponses` key a code or answer goes under.
fn answer_key(challenge: &str) -> Result<&'static str, AuthError> {
    Ok(match challenge {
        "CUSTOM_CHALLENGE" => "ANSWER",
        "SMS_MFA" => "SMS_MFA_CODE",
        "SOFTWARE_TOKEN_MFA" => "SOFTWARE_TOKEN_MFA_CODE",
        "EMAIL_OTP" => "EMAIL_OTP_CODE",
        "SMS_OTP" => "SMS_OTP_CODE",
        other => {
            return Err(AuthError::UnexpectedResponse(format!(
                "cannot answer {other}"
            )));
        }
    })
}
