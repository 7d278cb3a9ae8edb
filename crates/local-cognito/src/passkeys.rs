//! Passkeys (WebAuthn), verified with webauthn-rs-core (`crate::relying_party`): registration by a signed-in user
//! (`StartWebAuthnRegistration`, `CompleteWebAuthnRegistration`), `ListWebAuthnCredentials`,
//! `DeleteWebAuthnCredential`, and the `WEB_AUTHN` first factor of `USER_AUTH`
//! (`crate::auth`). Attestation `none` is accepted, as Cognito does not enforce any. Beyond
//! what the library checks, an assertion's user handle, when present, must be the user's.

use cognito_protocol::{
    AccessTokenRequest, CompleteWebAuthnRegistrationRequest, ErrorKind, ExposeSecret,
    WebAuthnCredentialsRequest,
};
use serde_json::{Value, json};
use webauthn_rs_core::error::WebauthnError;
use webauthn_rs_core::proto::{
    AuthenticationState, Credential, PublicKeyCredential, RegisterPublicKeyCredential,
};

use crate::error::{ApiError, ApiResult};
use crate::model::{Pool, User};
use crate::relying_party::{RelyingParty, StoredCredential, relying_party_id};
use crate::service::Service;
use crate::sessions::{AuthSession, Step};
use crate::store::StoredPasskey;

/// Passkeys a user may have (Cognito's limit).
const MAX_PASSKEYS: usize = 20;
/// How long a registration may take.
const REGISTRATION_SECONDS: f64 = 300.0;

/// Cognito's exception for what webauthn-rs refused.
pub(crate) fn refusal(error: &WebauthnError) -> ApiError {
    let (kind, message) = match error {
        WebauthnError::InvalidRPOrigin => (
            ErrorKind::WebAuthnOriginNotAllowedException,
            "The origin is not allowed for this relying party.",
        ),
        WebauthnError::InvalidRPIDHash => (
            ErrorKind::WebAuthnRelyingPartyMismatchException,
            "The credential was made for another relying party.",
        ),
        WebauthnError::MismatchedChallenge => (
            ErrorKind::WebAuthnChallengeNotFoundException,
            "The challenge does not match a pending request.",
        ),
        WebauthnError::COSEKeyInvalidType | WebauthnError::COSEKeyInvalidAlgorithm => (
            ErrorKind::WebAuthnCredentialNotSupportedException,
            "The credential's key type is not supported.",
        ),
        _ => (
            ErrorKind::WebAuthnClientMismatchException,
            "The credential does not match the request.",
        ),
    };
    ApiError::new(kind, message)
}

/// A user's passkeys as webauthn-rs-core reads them.
pub(crate) fn credentials(stored: &[StoredPasskey]) -> Vec<Credential> {
    stored
        .iter()
        .filter_map(|passkey| serde_json::from_str::<StoredCredential>(&passkey.record).ok())
        .map(|stored| stored.cred)
        .collect()
}

/// The user handle of a user's passkeys: the 16 bytes of their `sub`.
fn user_handle(user: &User) -> ApiResult<[u8; 16]> {
    uuid::Uuid::parse_str(&user.sub)
        .map(|sub| *sub.as_bytes())
        .map_err(ApiError::internal)
}

fn registration_key(user: &User) -> String {
    format!(
        "webauthn-registration\u{0}{}\u{0}{}",
        user.pool_id, user.username
    )
}

impl Service {
    /// Passkeys offered by this pool: `WEB_AUTHN` a first factor, not on the Lite plan.
    fn check_passkeys_enabled(pool: &Pool) -> ApiResult<()> {
        let allowed = pool
            .first_auth_factors()
            .iter()
            .any(|factor| factor == "WEB_AUTHN");
        if allowed && pool.tier() != "LITE" {
            return Ok(());
        }
        Err(ApiError::new(
            ErrorKind::WebAuthnNotEnabledException,
            "Passkeys are not enabled for this user pool.",
        ))
    }

    /// `StartWebAuthnRegistration`: the options for `navigator.credentials.create`.
    pub fn start_webauthn_registration(&self, request: &AccessTokenRequest) -> ApiResult<Value> {
        let user = self.user_of_access_token(request.access_token.expose_secret())?;
        let pool = self.pool(&user.pool_id)?;
        Self::check_passkeys_enabled(&pool)?;
        let stored = self.store.passkeys_of(&user.pool_id, &user.username)?;
        if stored.len() >= MAX_PASSKEYS {
            return Err(ApiError::new(
                ErrorKind::LimitExceededException,
                "A user can have at most 20 passkeys.",
            ));
        }
        let exclude = credentials(&stored)
            .into_iter()
            .map(|credential| credential.cred_id)
            .collect();
        let handle = user_handle(&user)?;
        let display = user
            .attributes
            .get("email")
            .unwrap_or(&user.username)
            .clone();
        let (options, state) = RelyingParty::of(&pool)?
            .start_registration(&handle, &user.username, &display, exclude)
            .map_err(|error| refusal(&error))?;
        let now = self.now();
        let session = AuthSession {
            pool_id: user.pool_id.clone(),
            client_id: String::new(),
            username: Some(user.username.clone()),
            expires: now + REGISTRATION_SECONDS,
            step: Step::WebAuthnRegistration {
                state: Box::new(state),
            },
        };
        self.sessions.put(registration_key(&user), session, now);
        Ok(json!({ "CredentialCreationOptions": options }))
    }

    /// `CompleteWebAuthnRegistration`: the new credential, verified, is stored.
    pub fn complete_webauthn_registration(
        &self,
        request: &CompleteWebAuthnRegistrationRequest,
    ) -> ApiResult<Value> {
        let user = self.user_of_access_token(request.access_token.expose_secret())?;
        let pool = self.pool(&user.pool_id)?;
        Self::check_passkeys_enabled(&pool)?;
        let Some(Step::WebAuthnRegistration { state }) = self
            .sessions
            .take(&registration_key(&user), self.now())
            .map(|session| session.step)
        else {
            return Err(ApiError::new(
                ErrorKind::WebAuthnChallengeNotFoundException,
                "No passkey registration is waiting: start one first.",
            ));
        };
        let credential: RegisterPublicKeyCredential =
            serde_json::from_value(request.credential.clone()).map_err(|_| {
                ApiError::new(
                    ErrorKind::WebAuthnClientMismatchException,
                    "The credential is not a registration response.",
                )
            })?;
        let transports = request.credential["response"]["transports"]
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let passkey = RelyingParty::of(&pool)?
            .finish_registration(&credential, &state)
            .map_err(|error| refusal(&error))?;
        // One credential, one user (the library leaves this to its caller).
        if self.store.passkey_exists(&credential.id)? {
            return Err(ApiError::new(
                ErrorKind::WebAuthnCredentialNotSupportedException,
                "This credential is already registered.",
            ));
        }
        self.store.put_passkey(&StoredPasskey {
            credential_id: credential.id,
            pool_id: user.pool_id.clone(),
            username: user.username.clone(),
            record: serde_json::to_string(&passkey).map_err(ApiError::internal)?,
            name: None,
            rp_id: relying_party_id(&pool),
            transports,
            created: self.now(),
        })?;
        tracing::info!(pool = %user.pool_id, user = %user.username, "passkey registered");
        Ok(json!({}))
    }

    /// `ListWebAuthnCredentials`.
    pub fn list_webauthn_credentials(
        &self,
        request: &WebAuthnCredentialsRequest,
    ) -> ApiResult<Value> {
        let user = self.user_of_access_token(request.access_token.expose_secret())?;
        let stored = self.store.passkeys_of(&user.pool_id, &user.username)?;
        let limit = request.max_results.unwrap_or(20).clamp(1, 20) as usize;
        let start = match &request.next_token {
            Some(token) => stored
                .iter()
                .position(|passkey| &passkey.credential_id == token)
                .ok_or_else(|| ApiError::invalid_parameter("Invalid NextToken."))?,
            None => 0,
        };
        let credentials: Vec<Value> = stored
            .iter()
            .skip(start)
            .take(limit)
            .map(|passkey| {
                json!({
                    "CredentialId": passkey.credential_id,
                    "FriendlyCredentialName": passkey.name.clone().unwrap_or_default(),
                    "RelyingPartyId": passkey.rp_id,
                    "AuthenticatorTransports": passkey.transports,
                    "CreatedAt": passkey.created,
                })
            })
            .collect();
        let mut answer = json!({ "Credentials": credentials });
        if let Some(next) = stored.get(start + limit) {
            answer["NextToken"] = json!(next.credential_id);
        }
        Ok(answer)
    }

    /// `DeleteWebAuthnCredential`: the passkey no longer signs in.
    pub fn delete_webauthn_credential(
        &self,
        request: &WebAuthnCredentialsRequest,
    ) -> ApiResult<Value> {
        let user = self.user_of_access_token(request.access_token.expose_secret())?;
        let id = request
            .credential_id
            .as_deref()
            .ok_or_else(|| ApiError::missing("CredentialId"))?;
        if !self
            .store
            .delete_passkey(&user.pool_id, &user.username, id)?
        {
            return Err(ApiError::new(
                ErrorKind::ResourceNotFoundException,
                "The credential does not exist.",
            ));
        }
        Ok(json!({}))
    }

    /// Checks a `WEB_AUTHN` answer (`CREDENTIAL`, the browser's `AuthenticationResponseJSON`)
    /// against the challenge issued; the passkey's counter is updated. Any failure is
    /// `NotAuthorizedException`, as a wrong password is.
    pub(crate) fn verify_passkey(
        &self,
        pool: &Pool,
        user: &User,
        state: &AuthenticationState,
        credential: &str,
    ) -> ApiResult<()> {
        let refused = || {
            ApiError::new(
                ErrorKind::NotAuthorizedException,
                "Incorrect username or password.",
            )
        };
        let credential: PublicKeyCredential =
            serde_json::from_str(credential).map_err(|_| refused())?;
        let result = RelyingParty::of(pool)?
            .finish_authentication(&credential, state)
            .map_err(|_| refused())?;
        // A discoverable credential names its user: it must be this one.
        if let Some(handle) = &credential.response.user_handle
            && AsRef::<[u8]>::as_ref(handle) != user_handle(user)?.as_slice()
        {
            return Err(refused());
        }
        // The credential must still be the user's (not deleted since the challenge).
        let mut stored = self
            .store
            .passkeys_of(&user.pool_id, &user.username)?
            .into_iter()
            .find(|passkey| passkey.credential_id == credential.id)
            .ok_or_else(refused)?;
        let mut passkey: StoredCredential =
            serde_json::from_str(&stored.record).map_err(ApiError::internal)?;
        if passkey.update(&result) {
            stored.record = serde_json::to_string(&passkey).map_err(ApiError::internal)?;
            self.store.put_passkey(&stored)?;
        }
        Ok(())
    }
}
