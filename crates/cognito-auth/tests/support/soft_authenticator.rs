//! A software passkey authenticator for native tests: ES256 keys (p256), attestation `none`
//! encoded with ciborium, the W3C JSON shapes a browser's `toJSON()` gives. It signs what it is
//! asked to; the pool must do all the checking.

use std::cell::RefCell;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use cognito_auth::{Authenticator, PasskeyError};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

struct Credential {
    id: Vec<u8>,
    key: SigningKey,
    rp_id: String,
    user_handle: Vec<u8>,
    counter: u32,
}

/// Holds its passkeys in memory; `origin` is the page it pretends to run on.
pub struct SoftAuthenticator {
    origin: String,
    credentials: RefCell<Vec<Credential>>,
    /// When set, `get` answers as if the person cancelled the prompt.
    pub cancel: std::cell::Cell<bool>,
}

impl SoftAuthenticator {
    pub fn new(origin: &str) -> Self {
        Self {
            origin: origin.to_owned(),
            credentials: RefCell::new(Vec::new()),
            cancel: std::cell::Cell::new(false),
        }
    }
}

fn random(length: usize) -> Vec<u8> {
    let mut bytes = vec![0_u8; length];
    getrandom::fill(&mut bytes).unwrap();
    bytes
}

fn decode(value: &Value) -> Vec<u8> {
    B64.decode(value.as_str().unwrap_or_default())
        .unwrap_or_default()
}

fn client_data(kind: &str, challenge: &Value, origin: &str) -> Vec<u8> {
    json!({ "type": kind, "challenge": challenge, "origin": origin, "crossOrigin": false })
        .to_string()
        .into_bytes()
}

/// `rpIdHash | flags (UP, UV[, AT]) | signCount`, then what follows.
fn authenticator_data(rp_id: &str, attested: bool, counter: u32) -> Vec<u8> {
    let mut data = Sha256::digest(rp_id.as_bytes()).to_vec();
    data.push(0x01 | 0x04 | if attested { 0x40 } else { 0 });
    data.extend_from_slice(&counter.to_be_bytes());
    data
}

fn cbor(value: &ciborium::Value) -> Vec<u8> {
    let mut bytes = Vec::new();
    ciborium::into_writer(value, &mut bytes).unwrap();
    bytes
}

impl Authenticator for SoftAuthenticator {
    async fn create(&self, options: &str) -> Result<String, PasskeyError> {
        use ciborium::Value as C;
        let options: Value =
            serde_json::from_str(options).map_err(|e| PasskeyError::Failed(e.to_string()))?;
        let rp_id = options["rp"]["id"]
            .as_str()
            .unwrap_or("localhost")
            .to_owned();
        let key = SigningKey::from_slice(&random(32)).unwrap();
        let id = random(16);
        let point = key.verifying_key().to_sec1_point(false);
        let cose_key = C::Map(vec![
            (C::Integer(1.into()), C::Integer(2.into())),
            (C::Integer(3.into()), C::Integer((-7).into())),
            (C::Integer((-1).into()), C::Integer(1.into())),
            (
                C::Integer((-2).into()),
                C::Bytes(point.x().unwrap().to_vec()),
            ),
            (
                C::Integer((-3).into()),
                C::Bytes(point.y().unwrap().to_vec()),
            ),
        ]);
        let mut auth_data = authenticator_data(&rp_id, true, 0);
        auth_data.extend_from_slice(&[0_u8; 16]);
        auth_data.extend_from_slice(&u16::try_from(id.len()).unwrap().to_be_bytes());
        auth_data.extend_from_slice(&id);
        auth_data.extend_from_slice(&cbor(&cose_key));
        let attestation = C::Map(vec![
            (C::Text("fmt".into()), C::Text("none".into())),
            (C::Text("attStmt".into()), C::Map(vec![])),
            (C::Text("authData".into()), C::Bytes(auth_data)),
        ]);
        let client_data = client_data("webauthn.create", &options["challenge"], &self.origin);
        let response = json!({
            "id": B64.encode(&id), "rawId": B64.encode(&id), "type": "public-key",
            "authenticatorAttachment": "platform", "clientExtensionResults": { "credProps": { "rk": true } },
            "response": { "clientDataJSON": B64.encode(&client_data),
                          "attestationObject": B64.encode(cbor(&attestation)),
                          "transports": ["internal"] },
        });
        self.credentials.borrow_mut().push(Credential {
            id,
            key,
            rp_id,
            user_handle: decode(&options["user"]["id"]),
            counter: 0,
        });
        Ok(response.to_string())
    }

    async fn get(&self, options: &str) -> Result<String, PasskeyError> {
        if self.cancel.get() {
            return Err(PasskeyError::Canceled);
        }
        let options: Value =
            serde_json::from_str(options).map_err(|e| PasskeyError::Failed(e.to_string()))?;
        let rp_id = options["rpId"].as_str().unwrap_or("localhost");
        let allowed: Vec<Vec<u8>> = options["allowCredentials"]
            .as_array()
            .map(|list| list.iter().map(|entry| decode(&entry["id"])).collect())
            .unwrap_or_default();
        let mut credentials = self.credentials.borrow_mut();
        let credential = credentials
            .iter_mut()
            .find(|c| c.rp_id == rp_id && (allowed.is_empty() || allowed.contains(&c.id)))
            .ok_or(PasskeyError::Canceled)?;
        credential.counter += 1;
        let auth_data = authenticator_data(rp_id, false, credential.counter);
        let client_data = client_data("webauthn.get", &options["challenge"], &self.origin);
        let mut signed = auth_data.clone();
        signed.extend_from_slice(&Sha256::digest(&client_data));
        let signature: Signature = credential.key.sign(&signed);
        let response = json!({
            "id": B64.encode(&credential.id), "rawId": B64.encode(&credential.id), "type": "public-key",
            "authenticatorAttachment": "platform", "clientExtensionResults": {},
            "response": { "clientDataJSON": B64.encode(&client_data),
                          "authenticatorData": B64.encode(&auth_data),
                          "signature": B64.encode(signature.to_der().as_bytes()),
                          "userHandle": B64.encode(&credential.user_handle) },
        });
        Ok(response.to_string())
    }
}
