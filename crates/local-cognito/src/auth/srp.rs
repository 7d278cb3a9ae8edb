//! `USER_SRP_AUTH` and the SRP step of `CUSTOM_AUTH`: the `PASSWORD_VERIFIER` challenge and its
//! answer, verified for real.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use cognito_protocol::{AuthResponse, ChallengeName, SecretMap, StringMap};
use cognito_srp::{ClaimToVerify, PasswordVerifier, SrpError, SrpServer};

use super::{Attempt, required};
use crate::clock::random_bytes;
use crate::error::{ApiError, ApiResult};
use crate::model::User;
use crate::service::Service;
use crate::sessions::{ChallengeResult, Step};

/// How far a claim's `TIMESTAMP` may be from the server's clock.
const MAX_SKEW_SECONDS: f64 = 5.0 * 60.0;

impl Service {
    /// Answers `SRP_A` with a `PASSWORD_VERIFIER` challenge. `custom` carries the `CUSTOM_AUTH`
    /// history. The challenge has a `Session` inside `CUSTOM_AUTH` and `USER_AUTH`
    /// (`with_session`); `USER_SRP_AUTH` has none, as on Cognito.
    ///
    /// For an unknown user (when existence errors are prevented) a decoy challenge with a
    /// random verifier is issued, so the answer fails like a wrong password.
    pub(super) fn start_srp(
        &self,
        attempt: &Attempt<'_>,
        name: &str,
        srp_a: &str,
        custom: Option<Vec<ChallengeResult>>,
        with_session: bool,
    ) -> ApiResult<AuthResponse> {
        let srp_a_value = srp_a.to_ascii_lowercase();
        check_srp_a(&srp_a_value)?;
        let user = self.find_user(attempt.pool, name)?;
        let (username, verifier) = match &user {
            Some(user) => {
                self.check_can_sign_in(user)?;
                (Some(user.username.clone()), stored_verifier(user)?)
            }
            None if attempt.client.prevent_user_existence_errors => {
                (None, decoy_verifier(&attempt.pool.id, name)?)
            }
            None => return Err(ApiError::user_not_found()),
        };
        let server = SrpServer::new(&verifier, &random_bytes(128)).map_err(ApiError::internal)?;
        let secret_block = random_bytes(64);
        let secret_block_text = BASE64.encode(&secret_block);
        let user_id_for_srp = username.clone().unwrap_or_else(|| name.to_owned());
        let parameters = StringMap::from([
            ("SALT".to_owned(), server.salt_hex()),
            ("SRP_B".to_owned(), server.srp_b()),
            ("SECRET_BLOCK".to_owned(), secret_block_text.clone()),
            ("USERNAME".to_owned(), user_id_for_srp.clone()),
            ("USER_ID_FOR_SRP".to_owned(), user_id_for_srp),
        ]);
        let with_session = with_session || custom.is_some();
        let step = Step::PasswordVerifier {
            srp: Box::new(server),
            srp_a: srp_a_value,
            secret_block,
            custom,
        };
        let session = if with_session {
            Some(self.open_session(attempt, username.as_deref(), step))
        } else {
            self.put_session(secret_block_text, attempt, username.as_deref(), step);
            None
        };
        Ok(AuthResponse {
            challenge_name: Some(ChallengeName::PasswordVerifier),
            session,
            challenge_parameters: Some(parameters),
            authentication_result: None,
            available_challenges: None,
        })
    }

    /// Checks the SRP proof; then the next step of the flow.
    pub(super) async fn answer_password_verifier(
        &self,
        attempt: &Attempt<'_>,
        user: User,
        responses: &SecretMap,
        (srp, srp_a, secret_block): (&SrpServer, &str, &[u8]),
        custom: Option<Vec<ChallengeResult>>,
    ) -> ApiResult<AuthResponse> {
        self.check_can_sign_in(&user)?;
        let proven = self.proof_accepted(
            srp,
            (srp_a, secret_block),
            (&attempt.pool.id, &user.username),
            responses,
        )?;
        if !proven {
            self.record_failure(&user)?;
            return Err(ApiError::incorrect_credentials());
        }
        let user = self.password_proven(attempt, &user)?;
        match custom {
            None => self.after_first_factor(attempt, &user),
            Some(mut history) => {
                history.push(ChallengeResult {
                    challenge_name: "PASSWORD_VERIFIER".to_owned(),
                    challenge_result: true,
                    challenge_metadata: None,
                });
                self.next_custom_step(attempt, &user, history, None).await
            }
        }
    }
}

impl Service {
    /// Whether the SRP proof in `responses` (`PASSWORD_CLAIM_SECRET_BLOCK`, `TIMESTAMP`,
    /// `PASSWORD_CLAIM_SIGNATURE`) holds for the challenge issued, signed as `(pool id, user id)`
    /// — the user's, or a device's (its group for the pool, its key for the user) — at a time
    /// within five minutes of the server's clock. A malformed timestamp is Cognito's
    /// `InvalidParameterException`.
    pub(super) fn proof_accepted(
        &self,
        srp: &SrpServer,
        (srp_a, secret_block): (&str, &[u8]),
        (user_pool_id, user_id_for_srp): (&str, &str),
        responses: &SecretMap,
    ) -> ApiResult<bool> {
        let field = |name: &str| required(responses, name);
        let echoed_block = BASE64
            .decode(field("PASSWORD_CLAIM_SECRET_BLOCK")?)
            .unwrap_or_default();
        let claim = ClaimToVerify {
            srp_a,
            user_pool_id,
            user_id_for_srp,
            secret_block,
            timestamp: field("TIMESTAMP")?,
            signature: field("PASSWORD_CLAIM_SIGNATURE")?,
        };
        let verified = if echoed_block == secret_block {
            srp.verify(&claim)
        } else {
            Err(SrpError::BadClaim)
        };
        match verified {
            Ok(timestamp) => {
                Ok((timestamp.unix_seconds() as f64 - self.now()).abs() <= MAX_SKEW_SECONDS)
            }
            Err(SrpError::InvalidTimestamp) => Err(ApiError::invalid_parameter(
                SrpError::InvalidTimestamp.to_string(),
            )),
            Err(_) => Ok(false),
        }
    }
}

pub(super) fn check_srp_a(srp_a: &str) -> ApiResult<()> {
    // A ≡ 0 (mod N) would let anyone compute the shared secret; cognito-srp checks it (and
    // bounds the length of what it reduces).
    match cognito_srp::check_srp_a(srp_a) {
        Ok(()) => Ok(()),
        Err(SrpError::IllegalPublicValue { .. }) => {
            Err(ApiError::invalid_parameter("SRP_A cannot be 0 modulo N"))
        }
        Err(_) => Err(ApiError::invalid_parameter(
            "SRP_A is not a valid hexadecimal number",
        )),
    }
}

/// The stored verifier of a user who has a password.
fn stored_verifier(user: &User) -> ApiResult<PasswordVerifier> {
    let (salt, verifier) = user
        .verifier
        .as_ref()
        .ok_or_else(ApiError::incorrect_credentials)?;
    PasswordVerifier::from_hex(salt, verifier).map_err(ApiError::internal)
}

/// A verifier no password matches (random), for decoy challenges.
fn decoy_verifier(pool_id: &str, name: &str) -> ApiResult<PasswordVerifier> {
    let random_password = BASE64.encode(random_bytes(32));
    PasswordVerifier::new(pool_id, name, &random_password, &random_bytes(16))
        .map_err(ApiError::internal)
}
