//! Operations of a signed-in user: `GetUser`, `GlobalSignOut`, `RevokeToken`, `ChangePassword`.

use cognito_protocol::{
    AccessTokenRequest, ChangePasswordRequest, ErrorKind, ExposeSecret, RevokeTokenRequest,
};
use serde_json::{Map, Value, json};

use crate::attributes;
use crate::auth::refresh_token_hash;
use crate::error::{ApiError, ApiResult};
use crate::model::User;
use crate::service::Service;

impl Service {
    /// The user an access token belongs to, if the token is genuine, current and not revoked.
    pub(crate) fn user_of_access_token(&self, token: &str) -> ApiResult<User> {
        self.access_token_owner(token).map(|(user, _)| user)
    }

    /// The user a request is about: named by pool and username (`admin`: an `Admin*` operation),
    /// or the owner of the access token.
    pub(crate) fn user_named_or_signed_in(
        &self,
        admin: bool,
        access_token: Option<&cognito_protocol::SecretString>,
        (pool_id, username): (Option<&str>, Option<&str>),
    ) -> ApiResult<User> {
        if admin {
            let pool_id = pool_id.ok_or_else(|| ApiError::missing("UserPoolId"))?;
            let username = username.ok_or_else(|| ApiError::missing("Username"))?;
            return self.user(pool_id, username);
        }
        let token = access_token.ok_or_else(|| ApiError::missing("AccessToken"))?;
        self.user_of_access_token(token.expose_secret())
    }

    /// The user and the app client of a genuine, current, unrevoked access token.
    pub(crate) fn access_token_owner(&self, token: &str) -> ApiResult<(User, String)> {
        let invalid = || ApiError::new(ErrorKind::NotAuthorizedException, "Invalid Access Token");
        let pool_id = unverified_claims(token)
            .and_then(|claims| claims.get("iss").and_then(Value::as_str).map(str::to_owned))
            .and_then(|issuer| issuer.rsplit('/').next().map(str::to_owned))
            .ok_or_else(invalid)?;
        let key = self.signing_key(&pool_id).map_err(|_| invalid())?;
        let claims = key.verify(token).ok_or_else(invalid)?;
        if claims.get("token_use").and_then(Value::as_str) != Some("access") {
            return Err(invalid());
        }
        let now = self.now();
        if claims
            .get("exp")
            .and_then(Value::as_f64)
            .is_none_or(|exp| exp <= now)
        {
            return Err(ApiError::new(
                ErrorKind::NotAuthorizedException,
                "Access Token has expired",
            ));
        }
        let origin = claims
            .get("origin_jti")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if self.store.origin_revoked(origin)? {
            return Err(ApiError::new(
                ErrorKind::NotAuthorizedException,
                "Access Token has been revoked",
            ));
        }
        let username = claims
            .get("username")
            .and_then(Value::as_str)
            .ok_or_else(invalid)?;
        let user = self
            .store
            .user(&pool_id, username)?
            .ok_or_else(ApiError::user_not_found)?;
        let issued = claims
            .get("iat")
            .and_then(Value::as_f64)
            .unwrap_or_default();
        if issued < user.tokens_valid_after.floor() {
            return Err(ApiError::new(
                ErrorKind::NotAuthorizedException,
                "Access Token has been revoked",
            ));
        }
        let client_id = claims
            .get("client_id")
            .and_then(Value::as_str)
            .ok_or_else(invalid)?
            .to_owned();
        Ok((user, client_id))
    }

    /// `GetUser`: the attributes the token's app client may read.
    pub fn get_user(&self, request: &AccessTokenRequest) -> ApiResult<Value> {
        let (user, client_id) = self.access_token_owner(request.access_token.expose_secret())?;
        let (client, pool) = self.client(&client_id)?;
        let readable: Vec<_> = user
            .attribute_list()
            .into_iter()
            .filter(|attribute| {
                attribute.name == "sub" || attributes::readable(&pool, &client, &attribute.name)
            })
            .collect();
        let mut answer = Map::new();
        answer.insert("Username".to_owned(), json!(user.username));
        answer.insert("UserAttributes".to_owned(), json!(readable));
        crate::mfa::mfa_report(&user, &pool, &mut answer);
        Ok(Value::Object(answer))
    }

    /// `GlobalSignOut`: every refresh token of the user is revoked, and access tokens issued
    /// until now stop working.
    pub fn global_sign_out(&self, request: &AccessTokenRequest) -> ApiResult<Value> {
        let user = self.user_of_access_token(request.access_token.expose_secret())?;
        self.store
            .revoke_user_refresh_tokens(&user.pool_id, &user.username)?;
        let now = self.now().ceil();
        self.change_user(&user.pool_id, &user.username, |user| {
            user.tokens_valid_after = user.tokens_valid_after.max(now);
            Ok(())
        })?;
        Ok(json!({}))
    }

    /// `RevokeToken`: the refresh token and the access tokens of its sign-in.
    pub fn revoke_token(&self, request: &RevokeTokenRequest) -> ApiResult<Value> {
        let hash = refresh_token_hash(request.token.expose_secret());
        let stored = self.store.refresh_token(&hash)?;
        match stored {
            Some(stored) if stored.client_id == request.client_id => {
                self.store.revoke_refresh_token(&hash)?
            }
            Some(_) => {
                return Err(ApiError::new(
                    ErrorKind::NotAuthorizedException,
                    "Invalid Refresh Token",
                ));
            }
            // Cognito answers success for tokens it does not know.
            None => {}
        }
        Ok(json!({}))
    }

    /// `ChangePassword`.
    pub fn change_password(&self, request: &ChangePasswordRequest) -> ApiResult<Value> {
        let user = self.user_of_access_token(request.access_token.expose_secret())?;
        let verifier =
            crate::admin::password_verifier(&user, request.proposed_password.expose_secret())?;
        let now = self.now();
        // The previous password is checked against the user as stored now, in the transaction
        // that sets the new one: a password changed meanwhile is not overwritten by a stale check.
        self.change_user(&user.pool_id, &user.username, |user| {
            if !crate::auth::password_is(user, request.previous_password.expose_secret()) {
                return Err(ApiError::incorrect_credentials());
            }
            user.verifier = Some(verifier);
            user.modified = now;
            Ok(())
        })?;
        Ok(json!({}))
    }
}

/// A JWT's claims, without checking the signature (only to find which key to check it with).
fn unverified_claims(token: &str) -> Option<Map<String, Value>> {
    use base64::Engine;
    let claims = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(claims)
        .ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(claims) => Some(claims),
        _ => None,
    }
}
