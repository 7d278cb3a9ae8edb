//! Tokens under Amplify's keys, so an Amplify app on the same origin shares the session:
//!
//! ```text
//! CognitoIdentityServiceProvider.<clientId>.LastAuthUser              = <username>
//! CognitoIdentityServiceProvider.<clientId>.<username>.idToken | accessToken | refreshToken | clockDrift
//! ```
//!
//! Every time computed from a token's claims uses checked arithmetic: a hostile `exp` or `iat`
//! is refused, never wrapped around, and tokens that fail any check are never stored.

use cognito_protocol::{AuthenticationResult, ExposeSecret, SecretString};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::{AuthError, KeyValueStorage};

const PREFIX: &str = "CognitoIdentityServiceProvider";

/// A signed-in user's tokens. `Debug` prints the username only: the tokens are secrets.
#[derive(Clone, Debug)]
pub struct Tokens {
    /// The username the tokens are stored under (the access token's `username`).
    pub username: String,
    /// JWT with the user's attributes.
    pub id_token: SecretString,
    /// JWT for the user-pool API.
    pub access_token: SecretString,
    /// Opaque; absent if the server gave none.
    pub refresh_token: Option<SecretString>,
    /// `iat·1000 − now` in milliseconds when the tokens were received (the device clock's error).
    pub clock_drift_ms: i64,
    /// When the tokens expire (the earlier of the two), in Unix milliseconds of the server's
    /// clock; checked when they were received or loaded.
    expires_at_ms: i64,
}

/// What `fetch_session` returns.
#[derive(Clone, Debug)]
pub struct AuthSession {
    /// Valid tokens.
    pub tokens: Tokens,
    /// When the ID and access tokens expire, in Unix seconds (server time).
    pub expires_at: i64,
}

impl AuthSession {
    /// The ID token's claims (Amplify's `tokens.idToken.payload`), not verified here: the server
    /// that uses them must verify them.
    #[must_use]
    pub fn id_claims(&self) -> Map<String, Value> {
        claims(self.tokens.id_token.expose_secret()).unwrap_or_default()
    }

    /// The ID token's claims read as `T`: only the claims `T` names are decoded (lighter than
    /// [`AuthSession::id_claims`] in a WASM bundle). `None` if they are not of that shape.
    #[must_use]
    pub fn id_claims_as<T: DeserializeOwned>(&self) -> Option<T> {
        claims(self.tokens.id_token.expose_secret())
    }
}

/// The claims of a JWT read as `T` (a `serde_json::Map` for all of them), without verifying
/// it; `None` if it is not a JWT whose payload is of that shape.
#[must_use]
pub fn claims<T: DeserializeOwned>(jwt: &str) -> Option<T> {
    decode_payload(jwt)
}

fn decode_payload<T: DeserializeOwned>(jwt: &str) -> Option<T> {
    let mut parts = jwt.split('.');
    let (Some(_header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let bytes = base64url_decode(payload)?;
    crate::json::from_str(std::str::from_utf8(&bytes).ok()?).ok()
}

/// A JWT part (base64url, RFC 7515: `-` and `_` for `+` and `/`, padding left out), decoded by
/// the standard alphabet's decoder: in a page, the browser's (`cognito_srp::base64`).
fn base64url_decode(part: &str) -> Option<Vec<u8>> {
    if part.contains(['+', '/']) {
        return None;
    }
    let mut standard: String = part
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !standard.len().is_multiple_of(4) {
        standard.push('=');
    }
    cognito_srp::base64::decode(&standard)
}

/// The claims of Cognito's ID and access tokens that this library reads, and the ones a sign-in
/// page shows. One type for all of them: each type read with serde costs its own code in a WASM
/// bundle.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Claims {
    /// Expiry, Unix seconds.
    pub exp: i64,
    /// Issued at, Unix seconds.
    pub iat: Option<i64>,
    /// The user's immutable id.
    pub sub: Option<String>,
    /// The username (access token).
    pub username: Option<String>,
    /// The username (ID token).
    #[serde(rename = "cognito:username")]
    pub cognito_username: Option<String>,
    /// The sign-in these tokens come from; present when the refresh token can be revoked.
    pub origin_jti: Option<String>,
    /// The `name` attribute (ID token).
    pub name: Option<String>,
    /// The `email` attribute (ID token).
    pub email: Option<String>,
}

/// Seconds to milliseconds, or `None` when that does not fit.
fn millis(seconds: i64) -> Option<i64> {
    seconds.checked_mul(1000)
}

fn unexpected(what: &str) -> AuthError {
    AuthError::UnexpectedResponse(what.to_owned())
}

fn key(client_id: &str, rest: &str) -> String {
    format!("{PREFIX}.{client_id}.{rest}")
}

impl Tokens {
    /// Builds tokens from a sign-in's result, checking both tokens' times; the username comes
    /// from the access token.
    pub(crate) fn from_result(
        result: &AuthenticationResult,
        refresh: Option<SecretString>,
        now_ms: i64,
    ) -> Result<Self, AuthError> {
        let access: Claims = decode_payload(result.access_token.expose_secret())
            .ok_or_else(|| unexpected("the access token is not a JWT with exp"))?;
        let username = access
            .username
            .clone()
            .or_else(|| access.sub.clone())
            .filter(|name| !name.is_empty())
            .ok_or_else(|| unexpected("the access token has no username"))?;
        let issued_ms = match access.iat {
            Some(iat) => millis(iat).ok_or_else(|| unexpected("iat out of range"))?,
            None => now_ms,
        };
        let clock_drift_ms = issued_ms
            .checked_sub(now_ms)
            .ok_or_else(|| unexpected("iat out of range"))?;
        let expires_at_ms = expiry_ms(
            result.id_token.expose_secret(),
            result.access_token.expose_secret(),
        )?;
        Ok(Self {
            username,
            id_token: result.id_token.clone(),
            access_token: result.access_token.clone(),
            refresh_token: result.refresh_token.clone().or(refresh),
            clock_drift_ms,
            expires_at_ms,
        })
    }

    /// When the tokens expire (the earlier of the two), in Unix seconds of the server's clock.
    #[must_use]
    pub fn expires_at(&self) -> i64 {
        self.expires_at_ms / 1000
    }

    /// Milliseconds left before expiry, on the server's clock, seen from `now_ms` on this
    /// device; `None` if that cannot be computed (then the tokens are not to be trusted).
    pub(crate) fn remaining_ms(&self, now_ms: i64) -> Option<i64> {
        let server_now_ms = now_ms.checked_add(self.clock_drift_ms)?;
        self.expires_at_ms.checked_sub(server_now_ms)
    }

    /// Stores them under Amplify's keys.
    pub(crate) fn store(
        &self,
        storage: &impl KeyValueStorage,
        client_id: &str,
    ) -> Result<(), AuthError> {
        let user = |name: &str| key(client_id, &format!("{}.{name}", self.username));
        storage.set(&user("idToken"), self.id_token.expose_secret())?;
        storage.set(&user("accessToken"), self.access_token.expose_secret())?;
        match &self.refresh_token {
            Some(refresh) => storage.set(&user("refreshToken"), refresh.expose_secret())?,
            None => storage.remove(&user("refreshToken")),
        }
        storage.set(&user("clockDrift"), &self.clock_drift_ms.to_string())?;
        storage.set(&key(client_id, "LastAuthUser"), &self.username)
    }

    /// The last signed-in user's tokens, if any are stored and their times can be read.
    pub(crate) fn load(storage: &impl KeyValueStorage, client_id: &str) -> Option<Self> {
        let username = storage.get(&key(client_id, "LastAuthUser"))?;
        let user = |name: &str| storage.get(&key(client_id, &format!("{username}.{name}")));
        let id_token = user("idToken")?;
        let access_token = user("accessToken")?;
        let expires_at_ms = expiry_ms(&id_token, &access_token).ok()?;
        Some(Self {
            id_token: id_token.into(),
            access_token: access_token.into(),
            refresh_token: user("refreshToken").map(SecretString::from),
            clock_drift_ms: user("clockDrift")
                .and_then(|drift| drift.parse().ok())
                .unwrap_or(0),
            expires_at_ms,
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

/// The earlier `exp` of the two tokens, in milliseconds.
fn expiry_ms(id_token: &str, access_token: &str) -> Result<i64, AuthError> {
    let exp = |token: &str, which: &str| {
        decode_payload::<Claims>(token)
            .and_then(|claims| millis(claims.exp))
            .ok_or_else(|| AuthError::UnexpectedResponse(format!("the {which} has no usable exp")))
    };
    Ok(exp(id_token, "ID token")?.min(exp(access_token, "access token")?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn jwt(payload: &str) -> String {
        format!("e30.{}.sig", URL_SAFE_NO_PAD.encode(payload))
    }

    fn result(access: &str, id: &str) -> AuthenticationResult {
        AuthenticationResult {
            new_device_metadata: None,
            access_token: jwt(access).into(),
            id_token: jwt(id).into(),
            expires_in: 3600,
            refresh_token: Some("refresh-secret".into()),
            token_type: "Bearer".to_owned(),
        }
    }

    #[test]
    fn hostile_times_are_refused_not_wrapped() {
        let now_ms = 1_795_000_000_000;
        let fine = r#"{"username":"alice","iat":1795000000,"exp":1795003600}"#;
        let tokens = Tokens::from_result(&result(fine, fine), None, now_ms).unwrap();
        assert_eq!(tokens.expires_at(), 1_795_003_600);
        assert_eq!(tokens.remaining_ms(now_ms), Some(3_600_000));
        for hostile in [
            r#"{"username":"alice","iat":1795000000,"exp":9223372036854775807}"#,
            r#"{"username":"alice","iat":9223372036854775807,"exp":1795003600}"#,
            r#"{"username":"alice","iat":-9223372036854775808,"exp":1795003600}"#,
            r#"{"username":"alice","exp":1e300}"#,
            r#"{"username":"alice","exp":"soon"}"#,
            r#"{"username":"alice"}"#,
            r#"{"exp":1795003600}"#,
            r#"{"username":"","exp":1795003600}"#,
        ] {
            assert!(
                Tokens::from_result(&result(hostile, fine), None, now_ms).is_err(),
                "{hostile}"
            );
        }
        assert!(Tokens::from_result(&result(fine, r#"{"exp":1e300}"#), None, now_ms).is_err());
        // A drift that cannot be added to the clock is not trusted either.
        let mut drifting = tokens;
        drifting.clock_drift_ms = i64::MAX;
        assert_eq!(drifting.remaining_ms(now_ms), None);
    }

    #[test]
    fn debug_never_prints_a_token() {
        let fine = r#"{"username":"alice","iat":1795000000,"exp":1795003600}"#;
        let tokens = Tokens::from_result(&result(fine, fine), None, 1_795_000_000_000).unwrap();
        let printed = format!("{tokens:?}");
        assert!(!printed.contains(&jwt(fine)), "{printed}");
        assert!(!printed.contains("refresh-secret"), "{printed}");
        assert!(printed.contains("alice"));
    }
}
