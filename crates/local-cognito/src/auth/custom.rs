//! `CUSTOM_AUTH`: the Define → Create → (answer) → Verify → Define loop of the pool's triggers.

use cognito_protocol::{AuthResponse, ChallengeName, StringMap};
use serde_json::{Map, Value, json};

use super::Attempt;
use crate::error::{ApiError, ApiResult};
use crate::model::User;
use crate::service::Service;
use crate::sessions::{ChallengeResult, Step};
use crate::triggers::{self, HandlerRef, Trigger, Triggers};

/// What DefineAuthChallenge decided.
enum Decision {
    IssueTokens,
    Fail,
    Challenge(ChallengeName),
}

impl Service {
    /// `InitiateAuth CUSTOM_AUTH`, with `SRP_A` when the client starts with SRP.
    pub(super) async fn start_custom(
        &self,
        attempt: &Attempt<'_>,
        name: &str,
        srp_a: Option<&str>,
    ) -> ApiResult<AuthResponse> {
        self.required_handler(attempt, Trigger::DefineAuthChallenge)?;
        let Some(user) = self.find_user(attempt.pool, name)? else {
            return Err(if attempt.client.prevent_user_existence_errors {
                ApiError::incorrect_credentials()
            } else {
                ApiError::user_not_found()
            });
        };
        self.check_can_sign_in(&user)?;
        let history = match srp_a {
            Some(_) => vec![ChallengeResult {
                challenge_name: "SRP_A".to_owned(),
                challenge_result: true,
                challenge_metadata: None,
            }],
            None => Vec::new(),
        };
        match self.define(attempt, &user, &history).await? {
            Decision::Challenge(ChallengeName::PasswordVerifier) => match srp_a {
                Some(srp_a) => self.start_srp(attempt, &user.username, srp_a, Some(history), true),
                None => Err(ApiError::incorrect_credentials()),
            },
            decision => self.follow(attempt, &user, history, decision, None).await,
        }
    }

    /// After a step of the custom flow: ask Define what comes next, and do it.
    pub(super) async fn next_custom_step(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        history: Vec<ChallengeResult>,
        auth_time: Option<f64>,
    ) -> ApiResult<AuthResponse> {
        let decision = self.define(attempt, user, &history).await?;
        self.follow(attempt, user, history, decision, auth_time)
            .await
    }

    async fn follow(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        history: Vec<ChallengeResult>,
        decision: Decision,
        auth_time: Option<f64>,
    ) -> ApiResult<AuthResponse> {
        match decision {
            // MFA follows custom authentication too, as on Cognito.
            Decision::IssueTokens if attempt.pool.mfa_configuration() != "OFF" => {
                self.second_factor_or_tokens(attempt, user)
            }
            Decision::IssueTokens => self.issue_tokens(attempt, user, auth_time),
            Decision::Fail => Err(ApiError::incorrect_credentials()),
            Decision::Challenge(ChallengeName::CustomChallenge) => {
                self.create_challenge(attempt, user, history).await
            }
            // PASSWORD_VERIFIER can only follow SRP_A, at the start.
            Decision::Challenge(_) => Err(ApiError::incorrect_credentials()),
        }
    }

    /// `CUSTOM_CHALLENGE`'s answer: Verify, then Define again.
    pub(super) async fn answer_custom_challenge(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        answer: &str,
        mut history: Vec<ChallengeResult>,
        private_parameters: Map<String, Value>,
        challenge_metadata: Option<String>,
    ) -> ApiResult<AuthResponse> {
        let handler = self.required_handler(attempt, Trigger::VerifyAuthChallengeResponse)?;
        let request = json!({
            "userAttributes": user.event_attributes(),
            "privateChallengeParameters": private_parameters,
            "challengeAnswer": answer,
            "userNotFound": false,
            "clientMetadata": attempt.metadata.cloned().unwrap_or_default(),
        });
        let event = triggers::event(
            attempt.pool,
            &attempt.client.id,
            &user.username,
            "VerifyAuthChallengeResponse_Authentication",
            request,
            json!({ "answerCorrect": null }),
        );
        let answer = self
            .triggers
            .invoke(Trigger::VerifyAuthChallengeResponse, &handler, event)
            .await?;
        let correct = triggers::response_of(Trigger::VerifyAuthChallengeResponse, &answer)?
            .get("answerCorrect")
            .and_then(Value::as_bool)
            .ok_or_else(|| triggers::invalid_response(Trigger::VerifyAuthChallengeResponse))?;
        history.push(ChallengeResult {
            challenge_name: "CUSTOM_CHALLENGE".to_owned(),
            challenge_result: correct,
            challenge_metadata,
        });
        self.next_custom_step(attempt, user, history, None).await
    }

    async fn define(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        history: &[ChallengeResult],
    ) -> ApiResult<Decision> {
        let handler = self.required_handler(attempt, Trigger::DefineAuthChallenge)?;
        let request = json!({
            "userAttributes": user.event_attributes(),
            "session": history.iter().map(ChallengeResult::to_event).collect::<Vec<_>>(),
            "userNotFound": false,
            "clientMetadata": attempt.metadata.cloned().unwrap_or_default(),
        });
        let response =
            json!({ "challengeName": null, "issueTokens": null, "failAuthentication": null });
        let event = triggers::event(
            attempt.pool,
            &attempt.client.id,
            &user.username,
            "DefineAuthChallenge_Authentication",
            request,
            response,
        );
        let answer = self
            .triggers
            .invoke(Trigger::DefineAuthChallenge, &handler, event)
            .await?;
        let response = triggers::response_of(Trigger::DefineAuthChallenge, &answer)?;
        if response.get("issueTokens") == Some(&Value::Bool(true)) {
            return Ok(Decision::IssueTokens);
        }
        if response.get("failAuthentication") == Some(&Value::Bool(true)) {
            return Ok(Decision::Fail);
        }
        match response.get("challengeName").and_then(Value::as_str) {
            Some("CUSTOM_CHALLENGE") => Ok(Decision::Challenge(ChallengeName::CustomChallenge)),
            Some("PASSWORD_VERIFIER") => Ok(Decision::Challenge(ChallengeName::PasswordVerifier)),
            _ => Err(triggers::invalid_response(Trigger::DefineAuthChallenge)),
        }
    }

    async fn create_challenge(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        history: Vec<ChallengeResult>,
    ) -> ApiResult<AuthResponse> {
        let handler = self.required_handler(attempt, Trigger::CreateAuthChallenge)?;
        let request = json!({
            "userAttributes": user.event_attributes(),
            "challengeName": "CUSTOM_CHALLENGE",
            "session": history.iter().map(ChallengeResult::to_event).collect::<Vec<_>>(),
            "userNotFound": false,
            "clientMetadata": attempt.metadata.cloned().unwrap_or_default(),
        });
        let response = json!({ "publicChallengeParameters": {}, "privateChallengeParameters": {}, "challengeMetadata": null });
        let event = triggers::event(
            attempt.pool,
            &attempt.client.id,
            &user.username,
            "CreateAuthChallenge_Authentication",
            request,
            response,
        );
        let answer = self
            .triggers
            .invoke(Trigger::CreateAuthChallenge, &handler, event)
            .await?;
        let response = triggers::response_of(Trigger::CreateAuthChallenge, &answer)?;
        let object = |name: &str| match response.get(name) {
            None | Some(Value::Null) => Ok(Map::new()),
            Some(Value::Object(map)) => Ok(map.clone()),
            Some(_) => Err(triggers::invalid_response(Trigger::CreateAuthChallenge)),
        };
        let public = object("publicChallengeParameters")?;
        let private_parameters = object("privateChallengeParameters")?;
        let challenge_metadata = response
            .get("challengeMetadata")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let mut parameters: StringMap = public
            .iter()
            .map(|(name, value)| {
                (
                    name.clone(),
                    value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_owned),
                )
            })
            .collect();
        parameters.insert("USERNAME".to_owned(), user.username.clone());
        let session = self.open_session(
            attempt,
            Some(&user.username),
            Step::CustomChallenge {
                history,
                private_parameters,
                challenge_metadata,
            },
        );
        Ok(AuthResponse {
            challenge_name: Some(ChallengeName::CustomChallenge),
            session: Some(session),
            challenge_parameters: Some(parameters),
            authentication_result: None,
            available_challenges: None,
        })
    }

    fn required_handler(&self, attempt: &Attempt<'_>, trigger: Trigger) -> ApiResult<HandlerRef> {
        Triggers::handler(attempt.pool, trigger)?.ok_or_else(|| {
            ApiError::invalid_parameter(
                "Custom auth lambda trigger is not configured for the user pool.",
            )
        })
    }
}
