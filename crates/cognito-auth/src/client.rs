//! The client: what it holds, how it calls Cognito, and the session (`fetch_session`,
//! `sign_out`, `sign_out_global`). Signing in is in `sign_in.rs` and `confirm.rs`; the signed-in
//! operations in `account.rs`, `mfa.rs`, `devices.rs` and `passkeys.rs`.

use std::cell::{Cell, RefCell};

use cognito_protocol::{
    AccessTokenRequest, AuthResponse, ExposeSecret, GetTokensFromRefreshTokenRequest,
    RevokeTokenRequest, SecretString,
};
use cognito_srp::SrpClient;
use serde::Serialize;

use crate::answer::Answer;
use crate::devices::DeviceSecrets;
use crate::passkeys::{Authenticator, NoAuthenticator};
use crate::pending::PendingSignIn;
use crate::tokens::{Claims, Tokens, claims};
use crate::transport::call;
use crate::{AuthConfig, AuthError, AuthSession, KeyValueStorage, Transport};

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
/// `localStorage`; remembered devices are kept there too) and `sign_in_state`
/// (`sessionStorage`), and an authenticator for passkeys (none unless one is given with
/// [`CognitoAuth::with_authenticator`]).
#[derive(Debug)]
pub struct CognitoAuth<T, S, A = NoAuthenticator> {
    pub(crate) config: AuthConfig,
    pub(crate) transport: T,
    pub(crate) tokens: S,
    pub(crate) sign_in_state: S,
    pub(crate) environment: Environment,
    pub(crate) authenticator: A,
    /// The name a new device is confirmed with (Amplify uses the browser's user agent).
    pub(crate) device_name: String,
    /// An SRP client (`a` and `A`) computed ahead of the next SRP sign-in; used once.
    pub(crate) prepared_srp: RefCell<Option<SrpClient>>,
    /// A sign-up that may sign in automatically once confirmed: the username, and
    /// `ConfirmSignUp`'s `Session` once it is confirmed.
    pub(crate) sign_up: RefCell<Option<(String, Option<String>)>>,
    /// A device confirmed by the last sign-in waits for the person to choose to remember it.
    pub(crate) device_awaits_choice: Cell<bool>,
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
            authenticator: NoAuthenticator,
            device_name: "cognito-auth".to_owned(),
            prepared_srp: RefCell::new(None),
            sign_up: RefCell::new(None),
            device_awaits_choice: Cell::new(false),
        }
    }
}

impl<T: Transport, S: KeyValueStorage, A: Authenticator> CognitoAuth<T, S, A> {
    /// The same client with `authenticator` for passkeys (the browser's
    /// `navigator.credentials`, or a software authenticator).
    pub fn with_authenticator<B: Authenticator>(self, authenticator: B) -> CognitoAuth<T, S, B> {
        CognitoAuth {
            config: self.config,
            transport: self.transport,
            tokens: self.tokens,
            sign_in_state: self.sign_in_state,
            environment: self.environment,
            authenticator,
            device_name: self.device_name,
            prepared_srp: self.prepared_srp,
            sign_up: self.sign_up,
            device_awaits_choice: self.device_awaits_choice,
        }
    }

    /// The same client confirming new devices with `name` (shown in the device list).
    #[must_use]
    pub fn with_device_name(mut self, name: &str) -> Self {
        name.clone_into(&mut self.device_name);
        self
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

    /// The passkey authenticator.
    pub fn authenticator(&self) -> &A {
        &self.authenticator
    }

    /// The configuration.
    pub fn config(&self) -> &AuthConfig {
        &self.config
    }

    pub(crate) fn now_ms(&self) -> i64 {
        (self.environment.now_ms)()
    }

    pub(crate) fn client_id(&self) -> String {
        self.config.user_pool_client_id.clone()
    }

    /// `InitiateAuth` or `RespondToAuthChallenge` with `request`: its answer, a challenge or
    /// tokens. A body that is not of that shape is [`AuthError::UnexpectedResponse`], whatever
    /// it holds.
    ///
    /// Not generic over the answer: each answer type read with serde in a future of its own would
    /// add its own copy of the reader to the WASM bundle.
    pub(crate) async fn authenticate(
        &self,
        operation: &str,
        body: String,
    ) -> Result<AuthResponse, AuthError> {
        let text = call(&self.transport, &self.config.endpoint, operation, body).await?;
        read_answer(operation, &text)
    }

    /// An operation beyond signing in: its answer, read as the one [`Answer`] type.
    pub(crate) async fn request(
        &self,
        operation: &str,
        request: &impl Serialize,
    ) -> Result<Answer, AuthError> {
        self.request_with_body(operation, body(request)?).await
    }

    /// The same with the request's body already written.
    pub(crate) async fn request_with_body(
        &self,
        operation: &str,
        body: String,
    ) -> Result<Answer, AuthError> {
        let text = call(&self.transport, &self.config.endpoint, operation, body).await?;
        read_answer(operation, &text)
    }

    /// An operation whose answer carries nothing (`RevokeToken`, `GlobalSignOut`: `{}`).
    pub(crate) async fn perform(&self, operation: &str, body: String) -> Result<(), AuthError> {
        call(&self.transport, &self.config.endpoint, operation, body)
            .await
            .map(drop)
    }

    /// The signed-in user's access token (refreshed if need be); Amplify's
    /// `UserUnAuthenticatedException` when nobody is signed in.
    pub(crate) async fn access_token(&self) -> Result<SecretString, AuthError> {
        self.fetch_session()
            .await?
            .map(|session| session.tokens.access_token)
            .ok_or(AuthError::NotSignedIn)
    }

    /// The signed-in user's tokens, refreshed with `GetTokensFromRefreshToken` when they expire
    /// within 5 minutes (device clock drift accounted for), keeping a rotated refresh token;
    /// `None` when nobody is signed in.
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
            match self.refresh(&tokens).await? {
                Some(refreshed) => refreshed,
                None => return Ok(None),
            }
        };
        Ok(Some(AuthSession {
            expires_at: tokens.expires_at(),
            tokens,
        }))
    }

    /// New tokens from the refresh token (with the remembered device's key), stored; `None`
    /// (and nothing stored any more) when it is revoked, expired or reused.
    async fn refresh(&self, tokens: &Tokens) -> Result<Option<Tokens>, AuthError> {
        let Some(refresh) = tokens.refresh_token.clone() else {
            Tokens::clear(&self.tokens, &self.config.user_pool_client_id);
            return Ok(None);
        };
        let device = DeviceSecrets::load(
            &self.tokens,
            &self.config.user_pool_client_id,
            &tokens.username,
        );
        let request = GetTokensFromRefreshTokenRequest {
            refresh_token: refresh.clone(),
            client_id: self.client_id(),
            client_secret: None,
            device_key: device.map(|device| device.key),
            client_metadata: None,
        };
        let response = match self
            .authenticate("GetTokensFromRefreshToken", body(&request)?)
            .await
        {
            Ok(response) => response,
            Err(error)
                if error.is_not_authorized()
                    || error.is(cognito_protocol::ErrorKind::RefreshTokenReuseException) =>
            {
                // Revoked, expired or already used: nobody is signed in any more.
                Tokens::clear(&self.tokens, &self.config.user_pool_client_id);
                return Ok(None);
            }
            Err(error) => return Err(error),
        };
        let result = response
            .authentication_result
            .ok_or_else(|| AuthError::UnexpectedResponse("refresh gave no tokens".to_owned()))?;
        // A rotating client sends a new refresh token; otherwise the old one stays.
        let refreshed = Tokens::from_result(&result, Some(refresh), self.now_ms())?;
        refreshed.store(&self.tokens, &self.config.user_pool_client_id)?;
        Ok(Some(refreshed))
    }

    /// Signs out on this device: revokes the refresh token (and the access tokens of its sign-in)
    /// and forgets the tokens. The tokens are forgotten even if the revocation fails. A
    /// remembered device stays remembered, as with Amplify.
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
                client_id: self.client_id(),
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

    /// A new SRP client (computing `A`) with fresh random `a`, or the one prepared.
    pub(crate) fn srp_client(&self) -> Result<SrpClient, AuthError> {
        match self.prepared_srp.borrow_mut().take() {
            Some(prepared) => Ok(prepared),
            None => self.new_srp_client(),
        }
    }

    fn new_srp_client(&self) -> Result<SrpClient, AuthError> {
        self.srp_client_for(&self.config.user_pool_id)
    }

    /// An SRP client for `pool` (a user pool id, or `device_<group>` for a device).
    pub(crate) fn srp_client_for(&self, pool: &str) -> Result<SrpClient, AuthError> {
        let mut a = [0_u8; 128];
        (self.environment.random)(&mut a);
        Ok(SrpClient::new(pool, &a)?)
    }

    /// `length` fresh random bytes.
    pub(crate) fn random_bytes(&self, length: usize) -> Vec<u8> {
        let mut bytes = vec![0_u8; length];
        (self.environment.random)(&mut bytes);
        bytes
    }
}

/// `operation`'s answer read as `R`; a body not of that shape is
/// [`AuthError::UnexpectedResponse`], whatever it holds.
fn read_answer<R: serde::de::DeserializeOwned>(
    operation: &str,
    text: &str,
) -> Result<R, AuthError> {
    crate::json::from_str(text)
        .map_err(|error| AuthError::UnexpectedResponse(format!("{operation}: {error}")))
}

/// A request's body.
pub(crate) fn body(request: &impl Serialize) -> Result<String, AuthError> {
    crate::json::to_string(request).map_err(AuthError::UnexpectedResponse)
}
