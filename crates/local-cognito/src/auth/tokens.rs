//! Issuing tokens at the end of a sign-in, and `REFRESH_TOKEN_AUTH`.

use cognito_protocol::{AuthResponse, AuthenticationResult, ErrorKind, StringMap};
use sha2::{Digest, Sha256};

use super::Attempt;
use crate::clock::{random_token, uuid_v4};
use crate::error::{ApiError, ApiResult};
use crate::model::User;
use crate::service::Service;
use crate::store::RefreshToken;
use crate::tokens::{REFRESH_VALIDITY_SECONDS, TOKEN_VALIDITY_SECONDS, TokenContext, issue};

/// Refresh tokens are stored hashed: a copy of the database does not sign anyone in.
pub(crate) fn refresh_token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

impl Service {
    /// ID, access and refresh tokens for a completed sign-in.
    pub(super) fn issue_tokens(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        auth_time: Option<f64>,
    ) -> ApiResult<AuthResponse> {
        // A completed sign-in clears the failures counted on the way.
        let user = &self.record_success(user)?;
        let now = self.now();
        let origin_jti = uuid_v4();
        let auth_time = auth_time.unwrap_or(now);
        let refresh_token = random_token() + &random_token();
        self.store.insert_refresh_token(
            &refresh_token_hash(&refresh_token),
            &RefreshToken {
                pool_id: attempt.pool.id.clone(),
                client_id: attempt.client.id.clone(),
                username: user.username.clone(),
                origin_jti: origin_jti.clone(),
                auth_time,
                expires: now + REFRESH_VALIDITY_SECONDS,
                revoked: false,
                replaced_at: None,
            },
        )?;
        let mut result = self.token_result(attempt, user, auth_time, &origin_jti)?;
        result.new_device_metadata = self.new_device(attempt, user)?;
        tracing::info!(pool = %attempt.pool.id, user = %user.username, "signed in");
        Ok(AuthResponse {
            challenge_name: None,
            session: None,
            challenge_parameters: Some(StringMap::new()),
            authentication_result: Some(AuthenticationResult {
                refresh_token: Some(refresh_token.into()),
                ..result
            }),
            available_challenges: None,
        })
    }

    fn token_result(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        auth_time: f64,
        origin_jti: &str,
    ) -> ApiResult<AuthenticationResult> {
        let key = self.signing_key(&attempt.pool.id)?;
        let issuer = self.issuer(&attempt.pool.id);
        let groups = self.store.groups_of(&user.pool_id, &user.username)?;
        let (id_token, access_token) = issue(
            &key,
            &TokenContext {
                issuer: &issuer,
                pool: attempt.pool,
                client: attempt.client,
                user,
                groups: &groups,
                auth_time: auth_time as i64,
                now: self.now() as i64,
                origin_jti,
            },
        );
        Ok(AuthenticationResult {
            access_token: access_token.into(),
            expires_in: TOKEN_VALIDITY_SECONDS,
            id_token: id_token.into(),
            refresh_token: None,
            token_type: "Bearer".to_owned(),
            new_device_metadata: None,
        })
    }

    /// The stored refresh token `token` and its user, if it may still be used: issued to this
    /// client, not expired, not revoked, and — once a newer token of its family replaced it —
    /// only within the client's grace period; used later, the whole family is revoked
    /// (`RefreshTokenReuseException`), as a stolen copy would be.
    fn usable_refresh_token(
        &self,
        attempt: &Attempt<'_>,
        token: &str,
    ) -> ApiResult<(RefreshToken, User)> {
        let invalid = || ApiError::new(ErrorKind::NotAuthorizedException, "Invalid Refresh Token");
        let stored = self
            .store
            .refresh_token(&refresh_token_hash(token))?
            .ok_or_else(invalid)?;
        let now = self.now();
        if stored.client_id != attempt.client.id || stored.expires <= now {
            return Err(invalid());
        }
        if stored.revoked {
            return Err(ApiError::new(
                ErrorKind::NotAuthorizedException,
                "Refresh Token has been revoked",
            ));
        }
        if let Some(replaced_at) = stored.replaced_at {
            let grace = f64::from(attempt.client.refresh_rotation_grace.unwrap_or(0));
            if now > replaced_at + grace {
                self.store.revoke_family(&stored.origin_jti)?;
                tracing::warn!(pool = %stored.pool_id, user = %stored.username, "a replaced refresh token was reused: its family is revoked");
                return Err(ApiError::new(
                    ErrorKind::RefreshTokenReuseException,
                    "Refresh token has already been used",
                ));
            }
        }
        let user = self
            .store
            .user(&stored.pool_id, &stored.username)?
            .ok_or_else(invalid)?;
        if !user.enabled {
            return Err(ApiError::new(
                ErrorKind::NotAuthorizedException,
                "User is disabled.",
            ));
        }
        Ok((stored, user))
    }

    /// `GetTokensFromRefreshToken`: new ID and access tokens, and — when the client rotates
    /// refresh tokens — a new refresh token of the same family, the old one then good for the
    /// client's grace period only.
    pub(crate) fn tokens_from_refresh_token(
        &self,
        attempt: &Attempt<'_>,
        token: &str,
    ) -> ApiResult<AuthenticationResult> {
        let (stored, user) = self.usable_refresh_token(attempt, token)?;
        let result = self.token_result(attempt, &user, stored.auth_time, &stored.origin_jti)?;
        if attempt.client.refresh_rotation_grace.is_none() {
            return Ok(result);
        }
        let now = self.now();
        let rotated = random_token() + &random_token();
        self.store.rotate_refresh_token(
            &refresh_token_hash(token),
            &refresh_token_hash(&rotated),
            &RefreshToken {
                expires: now + REFRESH_VALIDITY_SECONDS,
                revoked: false,
                replaced_at: None,
                ..stored
            },
            now,
        )?;
        Ok(AuthenticationResult {
            refresh_token: Some(rotated.into()),
            ..result
        })
    }

    /// `REFRESH_TOKEN_AUTH`: new ID and access tokens (no new refresh token).
    pub(super) fn refresh(&self, attempt: &Attempt<'_>, token: &str) -> ApiResult<AuthResponse> {
        let (stored, user) = self.usable_refresh_token(attempt, token)?;
        let result = self.token_result(attempt, &user, stored.auth_time, &stored.origin_jti)?;
        Ok(AuthResponse {
            challenge_name: None,
            session: None,
            challenge_parameters: Some(StringMap::new()),
            authentication_result: Some(result),
            available_challenges: None,
        })
    }
}
