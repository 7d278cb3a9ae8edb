//! A pool's WebAuthn relying party, on webauthn-rs-core: the ceremonies with the options Cognito
//! uses (ES256 and RS256, attestation `none`, resident keys, user verification as the pool's
//! `WebAuthnConfiguration.UserVerification` says), and the checks of WebAuthn Level 3 §7.1 and
//! §7.2 (client data type, challenge, origin, RP ID hash, user presence, user verification when
//! required, the signature, a sign count that must advance).
//!
//! Why core rather than webauthn-rs's passkey helpers: those always require user verification,
//! while Cognito's default is `preferred` (a security key without a PIN may sign in).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use webauthn_rs_core::WebauthnCore;
use webauthn_rs_core::error::WebauthnError;
use webauthn_rs_core::proto::{
    AttestationConveyancePreference, AuthenticationResult, AuthenticationState, COSEAlgorithm,
    Credential, CredentialID, PublicKeyCredential, RegisterPublicKeyCredential, RegistrationState,
    UserVerificationPolicy,
};

use crate::error::{ApiError, ApiResult};
use crate::model::Pool;

/// How long the browser may take over a ceremony (Cognito's `timeout`).
const CEREMONY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(300);

/// A stored passkey: webauthn-rs-core's credential, kept in the shape webauthn-rs's `Passkey`
/// serialises to (`{"cred": …}`), so records written before stay readable.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct StoredCredential {
    /// The public key, counter, flags and registration policy.
    pub(crate) cred: Credential,
}

impl StoredCredential {
    /// Takes in what a successful sign-in tells about the credential (a higher counter, its
    /// backup state); whether anything changed, so that it must be stored again.
    pub(crate) fn update(&mut self, result: &AuthenticationResult) -> bool {
        let cred = &mut self.cred;
        let mut changed = false;
        if result.counter() > cred.counter {
            cred.counter = result.counter();
            changed = true;
        }
        if result.backup_state() != cred.backup_state {
            cred.backup_state = result.backup_state();
            changed = true;
        }
        if result.backup_eligible() && !cred.backup_eligible {
            cred.backup_eligible = true;
            changed = true;
        }
        changed
    }
}

/// The pool's relying party id (`WebAuthnConfiguration.RelyingPartyId`, `localhost` when absent).
pub(crate) fn relying_party_id(pool: &Pool) -> String {
    configuration(pool, "RelyingPartyId").unwrap_or_else(|| "localhost".to_owned())
}

fn configuration(pool: &Pool, key: &str) -> Option<String> {
    pool.other
        .get("WebAuthnConfiguration")
        .and_then(|config| config.get(key))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// A pool's relying party.
pub(crate) struct RelyingParty {
    core: WebauthnCore,
    user_verification: UserVerificationPolicy,
}

impl RelyingParty {
    /// The relying party `pool` configures: origins `https://<id>` and its subdomains, and
    /// `http://localhost` on any port when the id is `localhost`.
    pub(crate) fn of(pool: &Pool) -> ApiResult<Self> {
        let rp_id = relying_party_id(pool);
        let localhost = rp_id == "localhost";
        let scheme = if localhost { "http" } else { "https" };
        let not_a_domain = || ApiError::invalid_parameter("RelyingPartyId is not a domain.");
        let origin = url::Url::parse(&format!("{scheme}://{rp_id}")).map_err(|_| not_a_domain())?;
        // An IP address or anything with a path or port is not a relying party id.
        if !matches!(origin.host(), Some(url::Host::Domain(host)) if host == rp_id) {
            return Err(not_a_domain());
        }
        let user_verification = match configuration(pool, "UserVerification").as_deref() {
            Some("required") => UserVerificationPolicy::Required,
            _ => UserVerificationPolicy::Preferred,
        };
        Ok(Self {
            core: WebauthnCore::new_unsafe_experts_only(
                &pool.name,
                &rp_id,
                vec![origin],
                CEREMONY_TIMEOUT,
                Some(true),
                Some(localhost),
            ),
            user_verification,
        })
    }

    /// The options for `navigator.credentials.create` (`PublicKeyCredentialCreationOptionsJSON`)
    /// and the state to check the answer against.
    pub(crate) fn start_registration(
        &self,
        user_handle: &[u8],
        name: &str,
        display_name: &str,
        exclude: Vec<CredentialID>,
    ) -> Result<(Value, RegistrationState), WebauthnError> {
        let builder = self
            .core
            .new_challenge_register_builder(user_handle, name, display_name)?
            .attestation(AttestationConveyancePreference::None)
            .credential_algorithms(vec![COSEAlgorithm::ES256, COSEAlgorithm::RS256])
            .require_resident_key(true)
            .user_verification_policy(self.user_verification)
            .exclude_credentials(Some(exclude));
        let (options, state) = self.core.generate_challenge_register(builder)?;
        let options =
            serde_json::to_value(options.public_key).map_err(|_| WebauthnError::Configuration)?;
        Ok((options, state))
    }

    /// The new credential, once its attestation response checks out.
    pub(crate) fn finish_registration(
        &self,
        response: &RegisterPublicKeyCredential,
        state: &RegistrationState,
    ) -> Result<StoredCredential, WebauthnError> {
        let cred = self.core.register_credential(response, state, None)?;
        Ok(StoredCredential { cred })
    }

    /// The options for `navigator.credentials.get` (`PublicKeyCredentialRequestOptionsJSON`)
    /// allowing `credentials`, and the state to check the assertion against.
    pub(crate) fn start_authentication(
        &self,
        credentials: Vec<Credential>,
    ) -> Result<(Value, AuthenticationState), WebauthnError> {
        let builder = self
            .core
            .new_challenge_authenticate_builder(credentials, Some(self.user_verification))?;
        let (options, state) = self.core.generate_challenge_authenticate(builder)?;
        let options =
            serde_json::to_value(options.public_key).map_err(|_| WebauthnError::Configuration)?;
        Ok((options, state))
    }

    /// Checks an assertion against the challenge issued.
    pub(crate) fn finish_authentication(
        &self,
        response: &PublicKeyCredential,
        state: &AuthenticationState,
    ) -> Result<AuthenticationResult, WebauthnError> {
        self.core.authenticate_credential(response, state)
    }
}
