//! Passkeys: the authenticator that makes and uses them (the browser's `navigator.credentials`,
//! or any other through [`Authenticator`]), a `WEB_AUTHN` challenge answered inside the library
//! as Amplify does, and the signed-in user's passkeys (`associate_webauthn_credential`,
//! `list_webauthn_credentials`, `delete_webauthn_credential`).

use cognito_protocol::{
    AccessTokenRequest, AuthResponse, SecretString, WebAuthnCredentialsRequest, secret_map,
};
use serde::Deserialize;

use crate::{AuthError, CognitoAuth, KeyValueStorage, Transport};

/// Why an authenticator did not give a credential (Amplify's `PasskeyError` names).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasskeyError {
    /// No authenticator here (no WebAuthn in this browser, or none given to the client).
    #[error("Passkeys are not supported here.")]
    NotSupported,
    /// The person cancelled, or the prompt timed out (`NotAllowedError`).
    #[error("The passkey prompt was cancelled or timed out.")]
    Canceled,
    /// This authenticator already holds a passkey for the user (`InvalidStateError`).
    #[error("This device already has a passkey for this account.")]
    AlreadyExists,
    /// Anything else the authenticator reported.
    #[error("The passkey operation failed: {0}")]
    Failed(String),
}

/// Makes and uses passkeys: WebAuthn's `navigator.credentials.create` and `.get`, with the
/// options and the credential as JSON (`PublicKeyCredentialCreationOptionsJSON` →
/// `RegistrationResponseJSON`, `PublicKeyCredentialRequestOptionsJSON` →
/// `AuthenticationResponseJSON`), the shapes Cognito speaks.
#[allow(async_fn_in_trait)]
pub trait Authenticator {
    /// Makes a passkey for the options; the registration response, as JSON.
    async fn create(&self, options: &str) -> Result<String, PasskeyError>;
    /// Signs the challenge of the options; the authentication response, as JSON.
    async fn get(&self, options: &str) -> Result<String, PasskeyError>;
}

/// No authenticator: every passkey operation is [`PasskeyError::NotSupported`].
#[derive(Clone, Copy, Debug, Default)]
pub struct NoAuthenticator;

impl Authenticator for NoAuthenticator {
    async fn create(&self, _: &str) -> Result<String, PasskeyError> {
        Err(PasskeyError::NotSupported)
    }

    async fn get(&self, _: &str) -> Result<String, PasskeyError> {
        Err(PasskeyError::NotSupported)
    }
}

/// A passkey in the user's list (Amplify's `AuthWebAuthnCredential`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct WebAuthnCredential {
    /// Its id (base64url).
    pub credential_id: String,
    /// The name the pool gave it.
    #[serde(default)]
    pub friendly_credential_name: Option<String>,
    /// The relying party it was made for.
    #[serde(default)]
    pub relying_party_id: Option<String>,
    /// `platform` or `cross-platform`, if known.
    #[serde(default)]
    pub authenticator_attachment: Option<String>,
    /// How the authenticator is reached (`internal`, `usb`, `hybrid`, …).
    #[serde(default)]
    pub authenticator_transports: Vec<String>,
    /// Seconds since the epoch.
    #[serde(default)]
    pub created_at: Option<f64>,
}

impl<T: Transport, S: KeyValueStorage, A: Authenticator> CognitoAuth<T, S, A> {
    /// Answers a passkey challenge: the authenticator signs `options`' challenge and the
    /// assertion goes back as `CREDENTIAL` — to `WEB_AUTHN`, or, with `choosing`, to
    /// `SELECT_CHALLENGE` with `ANSWER: WEB_AUTHN` (in one step when the choice came with the
    /// options, else after asking for them).
    pub(crate) async fn answer_passkey(
        &self,
        username: &str,
        session: String,
        options: Option<&str>,
        choosing: bool,
    ) -> Result<AuthResponse, AuthError> {
        let (challenge, session, options) = match (choosing, options) {
            (false, Some(options)) => ("WEB_AUTHN", session, options.to_owned()),
            (true, Some(options)) => ("SELECT_CHALLENGE", session, options.to_owned()),
            (true, None) => {
                let responses = secret_map([("USERNAME", username), ("ANSWER", "WEB_AUTHN")]);
                let asked = self
                    .respond("SELECT_CHALLENGE", Some(session), responses, None)
                    .await?;
                let options = asked
                    .challenge_parameters
                    .and_then(|mut parameters| parameters.remove("CREDENTIAL_REQUEST_OPTIONS"))
                    .ok_or_else(|| missing("CREDENTIAL_REQUEST_OPTIONS"))?;
                let session = asked.session.ok_or_else(|| missing("a session"))?;
                ("WEB_AUTHN", session, options)
            }
            (false, None) => return Err(missing("CREDENTIAL_REQUEST_OPTIONS")),
        };
        let credential = self
            .authenticator
            .get(&options)
            .await
            .map_err(AuthError::Passkey)?;
        let mut responses = secret_map([
            ("USERNAME", SecretString::from(username)),
            ("CREDENTIAL", credential.into()),
        ]);
        if challenge == "SELECT_CHALLENGE" {
            responses.insert("ANSWER".to_owned(), "WEB_AUTHN".into());
        }
        self.respond(challenge, Some(session), responses, None)
            .await
    }

    /// Registers a passkey for the signed-in user (Amplify's `associateWebAuthnCredential`):
    /// the authenticator makes it for the pool's options, and the pool verifies and keeps it.
    pub async fn associate_webauthn_credential(&self) -> Result<(), AuthError> {
        let access_token = self.access_token().await?;
        let start = self
            .request(
                "StartWebAuthnRegistration",
                &AccessTokenRequest {
                    access_token: access_token.clone(),
                },
            )
            .await?;
        let created = self
            .authenticator
            .create(
                start
                    .credential_creation_options
                    .as_ref()
                    .map(crate::json::RawJson::get)
                    .ok_or_else(|| missing("CredentialCreationOptions"))?,
            )
            .await
            .map_err(AuthError::Passkey)?;
        // `CompleteWebAuthnRegistration`: the authenticator's credential as it gave it.
        let request =
            crate::json::with_member(&AccessTokenRequest { access_token }, "Credential", &created)
                .map_err(|error| AuthError::Passkey(PasskeyError::Failed(error)))?;
        self.request_with_body("CompleteWebAuthnRegistration", request)
            .await
            .map(drop)
    }

    /// The signed-in user's passkeys (Amplify's `listWebAuthnCredentials`), every page of them.
    pub async fn list_webauthn_credentials(&self) -> Result<Vec<WebAuthnCredential>, AuthError> {
        let access_token = self.access_token().await?;
        let mut credentials = Vec::new();
        let mut next_token = None;
        loop {
            let request = WebAuthnCredentialsRequest {
                access_token: access_token.clone(),
                credential_id: None,
                next_token: next_token.take(),
                max_results: Some(20),
            };
            let page = self.request("ListWebAuthnCredentials", &request).await?;
            credentials.extend(page.credentials);
            match page.next_token {
                Some(token) if !token.is_empty() => next_token = Some(token),
                _ => return Ok(credentials),
            }
        }
    }

    /// Whether the signed-in user has a passkey (one page of one credential).
    pub async fn has_webauthn_credentials(&self) -> Result<bool, AuthError> {
        let request = WebAuthnCredentialsRequest {
            access_token: self.access_token().await?,
            credential_id: None,
            next_token: None,
            max_results: Some(1),
        };
        let page = self.request("ListWebAuthnCredentials", &request).await?;
        Ok(!page.credentials.is_empty())
    }

    /// Deletes one of the signed-in user's passkeys (Amplify's `deleteWebAuthnCredential`).
    pub async fn delete_webauthn_credential(&self, credential_id: &str) -> Result<(), AuthError> {
        let request = WebAuthnCredentialsRequest {
            access_token: self.access_token().await?,
            credential_id: Some(credential_id.to_owned()),
            next_token: None,
            max_results: None,
        };
        self.request("DeleteWebAuthnCredential", &request)
            .await
            .map(drop)
    }
}

fn missing(what: &str) -> AuthError {
    AuthError::UnexpectedResponse(format!("the passkey challenge came without {what}"))
}
