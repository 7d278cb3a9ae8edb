//! Tokens under Amplify's keys, so an Amplify app on the same origin shares the session:
//!
//! ```text
//! CognitoIdentityServiceProvider.<clientId>.LastAuthUser              = <username>
//! CognitoIdentityServiceProvider.<clientId>.<username>.idToken | accessToken | refreshToken | clockDrift
//! ```

use cognito_protocol::json::{Json, Object};

use crate::{AuthError, KeyValueStorage};

const PREFIX: &str = "CognitoIdentityServiceProvider";

/// A signed-in user's tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tokens {
    /// The username the tokens are stored under (the access token's `username`).
    pub username: String,
    /// JWT with the user's attributes.
    pub id_token: String,
    /// JWT for the user-pool API.
    pub access_token: String,
    /// Opaque; absent if the server gave none.
    pub refresh_token: Option<String>,
    /// `iat·1000 − now` in milliseconds when the tokens were received (the device clock's error).
    pub clock_drift_ms: i64,
}

/// What `fetch_session` returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthSession {
    /// Valid tokens.
    pub tokens: Tokens,
    /// The ID token's claims (not verified here: the server that uses them must verify them).
    pub id_claims: Object,
    /// When the ID and access tokens expire, in Unix seconds (server time).
    pub expires_at: i64,
}

/// The claims of a JWT, without verifying it; `None` if it is not a JWT.
#[must_use]
pub fn claims(jwt: &str) -> Option<Object> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = cognito_srp::base64::decode_url(payload.trim_end_matches('='))?;
    match Json::parse(std::str::from_utf8(&bytes).ok()?).ok()? {
        Json::Object(claims) => Some(claims),
        _ => None,
    }
}

fn key(client_id: &str, rest: &str) -> String {
    format!("{PREFIX}.{client_id}.{rest}")
}

impl Tokens {
    /// Builds tokens from a sign-in's result; the username comes from the access token.
    pub(crate) fn from_result(
        result: &cognito_protocol::AuthenticationResult,
        refresh: Option<String>,
        now_ms: i64,
    ) -> Result<Self, AuthError> {
        let access = claims(&result.access_token)
            .ok_or_else(|| AuthError::UnexpectedResponse("access token is not a JWT".to_owned()))?;
        let username = access
            .get("username")
            .or_else(|| access.get("sub"))
            .and_then(Json::as_str)
            .ok_or_else(|| {
                AuthError::UnexpectedResponse("access token has no username".to_owned())
            })?
            .to_owned();
        let issued = access
            .get("iat")
            .and_then(Json::as_i64)
            .unwrap_or(now_ms / 1000);
        Ok(Self {
            username,
            id_token: result.id_token.clone(),
            access_token: result.access_token.clone(),
            refresh_token: result.refresh_token.clone().or(refresh),
            clock_drift_ms: issued * 1000 - now_ms,
        })
    }

    /// When the tokens expire (the earlier of the two), in Unix seconds of the server's clock.
    #[must_use]
    pub fn expires_at(&self) -> i64 {
        let exp = |token: &str| {
            claims(token)
                .and_then(|claims| claims.get("exp").and_then(Json::as_i64))
                .unwrap_or(0)
        };
        exp(&self.id_token).min(exp(&self.access_token))
    }

    /// Stores them under Amplify's keys.
    pub(crate) fn store(
        &self,
        storage: &impl KeyValueStorage,
        client_id: &str,
    ) -> Result<(), AuthError> {
        let user = |name: &str| key(client_id, &format!("{}.{name}", self.username));
        storage.set(&user("idToken"), &self.id_token)?;
        storage.set(&user("accessToken"), &self.access_token)?;
        match &self.refresh_token {
            Some(refresh) => storage.set(&user("refreshToken"), refresh)?,
            None => storage.remove(&user("refreshToken")),
        }
        storage.set(&user("clockDrift"), &self.clock_drift_ms.to_string())?;
        storage.set(&key(client_id, "LastAuthUser"), &self.username)
    }

    /// The last signed-in user's tokens, if any are stored.
    pub(crate) fn load(storage: &impl KeyValueStorage, client_id: &str) -> Option<Self> {
        let username = storage.get(&key(client_id, "LastAuthUser"))?;
        let user = |name: &str| storage.get(&key(client_id, &format!("{username}.{name}")));
        Some(Self {
            id_token: user("idToken")?,
            access_token: user("accessToken")?,
            refresh_token: user("refreshToken"),
            clock_drift_ms: user("clockDrift")
                .and_then(|drift| drift.parse().ok())
                .unwrap_or(0),
            username,
        })
    }

    /// Removes the last signed-in user's tokens.
    pub(crate) fn clear(storage: &impl KeyValueStorage, client_id: &str) {
        if let Some(username) = storage.get(&key(client_id, "LastAuthUser")) {
            for name in [
                "idToken",
                "accessToken",
                "refreshToken",
                "clockDrift",
                "signInDetails",
            ] {
                storage.remove(&key(client_id, &format!("{username}.{name}")));
            }
        }
        storage.remove(&key(client_id, "LastAuthUser"));
    }
}
