//! RS256 JWTs with Cognito's claims, and the JWKS that verifies them.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use rsa::sha2::Sha256;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::{Map, Value, json};

use crate::attributes;
use crate::clock::{random_string, uuid_v4};
use crate::model::{Client, Pool, User};
use crate::store::Group;

/// ID and access tokens live an hour, as Cognito's default.
pub const TOKEN_VALIDITY_SECONDS: u64 = 3600;
/// Refresh tokens live 30 days, as Cognito's default.
pub const REFRESH_VALIDITY_SECONDS: f64 = 30.0 * 86_400.0;

/// A pool's signing key. Generated and stored with the `rsa` crate; signing goes through
/// `aws-lc-rs`: two signatures per sign-in dominate the cost of a password sign-in under load,
/// and AWS-LC's RSA is several times faster than the `rsa` crate's (and, on CPUs with AVX-512
/// IFMA, about twice as fast as `ring`'s).
#[derive(Debug)]
pub struct SigningKeyPair {
    kid: String,
    private: RsaPrivateKey,
    signer: aws_lc_rs::rsa::KeyPair,
}

impl SigningKeyPair {
    /// A new 2048-bit key with a random key id.
    pub fn generate() -> Result<Self, rsa::Error> {
        let private = RsaPrivateKey::new(&mut rand_core::OsRng, 2048)?;
        let kid = random_string(
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            43,
        );
        Self::with_key(kid, private).map_err(|_| rsa::Error::Internal)
    }

    /// Loads a key stored with [`SigningKeyPair::to_pem`].
    pub fn from_pem(pem: &str, kid: &str) -> Result<Self, rsa::pkcs8::Error> {
        Self::with_key(kid.to_owned(), RsaPrivateKey::from_pkcs8_pem(pem)?)
    }

    fn with_key(kid: String, private: RsaPrivateKey) -> Result<Self, rsa::pkcs8::Error> {
        let der = private.to_pkcs8_der()?;
        let signer = aws_lc_rs::rsa::KeyPair::from_pkcs8(der.as_bytes())
            .map_err(|_| rsa::pkcs8::Error::KeyMalformed)?;
        Ok(Self {
            kid,
            private,
            signer,
        })
    }

    /// PKCS#8 PEM, for storage.
    pub fn to_pem(&self) -> Result<String, rsa::pkcs8::Error> {
        Ok(self.private.to_pkcs8_pem(LineEnding::LF)?.to_string())
    }

    /// The key id (`kid`).
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public key as a JWK.
    pub fn jwk(&self) -> Value {
        let public = RsaPublicKey::from(&self.private);
        json!({
            "alg": "RS256",
            "e": B64URL.encode(public.e().to_bytes_be()),
            "kid": self.kid,
            "kty": "RSA",
            "n": B64URL.encode(public.n().to_bytes_be()),
            "use": "sig",
        })
    }

    /// A signed JWT of `claims`.
    pub fn sign(&self, claims: &Value) -> String {
        let header = json!({ "kid": self.kid, "alg": "RS256" });
        let signing_input = format!(
            "{}.{}",
            B64URL.encode(header.to_string()),
            B64URL.encode(claims.to_string())
        );
        let mut signature = vec![0; self.signer.public_modulus_len()];
        let rng = aws_lc_rs::rand::SystemRandom::new();
        let signed = self.signer.sign(
            &aws_lc_rs::signature::RSA_PKCS1_SHA256,
            &rng,
            signing_input.as_bytes(),
            &mut signature,
        );
        // AWS-LC fails only for a buffer of the wrong size; fall back rather than panic.
        if signed.is_err() {
            signature = SigningKey::<Sha256>::new(self.private.clone())
                .sign(signing_input.as_bytes())
                .to_vec();
        }
        format!("{signing_input}.{}", B64URL.encode(signature))
    }

    /// The claims of a JWT this key signed, if the signature verifies.
    pub fn verify(&self, token: &str) -> Option<Map<String, Value>> {
        use rsa::pkcs1v15::{Signature, VerifyingKey};
        use rsa::signature::Verifier;

        let (signing_input, signature) = token.rsplit_once('.')?;
        let (header, claims) = signing_input.split_once('.')?;
        let header: Value = serde_json::from_slice(&B64URL.decode(header).ok()?).ok()?;
        if header["alg"] != "RS256" || header["kid"] != self.kid.as_str() {
            return None;
        }
        let signature = Signature::try_from(B64URL.decode(signature).ok()?.as_slice()).ok()?;
        VerifyingKey::<Sha256>::new(RsaPublicKey::from(&self.private))
            .verify(signing_input.as_bytes(), &signature)
            .ok()?;
        match serde_json::from_slice(&B64URL.decode(claims).ok()?).ok()? {
            Value::Object(claims) => Some(claims),
            _ => None,
        }
    }
}

/// What a sign-in's tokens say about it.
#[derive(Clone, Debug)]
pub struct TokenContext<'a> {
    /// `https://…/<poolId>`.
    pub issuer: &'a str,
    /// The user's pool (its attribute schema).
    pub pool: &'a Pool,
    /// The app client (the attributes it may read).
    pub client: &'a Client,
    /// The user.
    pub user: &'a User,
    /// The groups the user is in, by precedence: `cognito:groups`.
    pub groups: &'a [Group],
    /// When the user authenticated (kept across refreshes).
    pub auth_time: i64,
    /// Now.
    pub now: i64,
    /// The sign-in's id, shared by its access and refresh tokens.
    pub origin_jti: &'a str,
}

/// An ID token and an access token.
pub fn issue(key: &SigningKeyPair, context: &TokenContext<'_>) -> (String, String) {
    let event_id = uuid_v4();
    let exp = context.now + TOKEN_VALIDITY_SECONDS as i64;
    let mut id_claims = Map::new();
    let readable = context
        .user
        .attributes
        .iter()
        .filter(|(name, _)| attributes::readable(context.pool, context.client, name));
    for (name, value) in readable {
        let value = match value.as_str() {
            "true" if name.ends_with("_verified") => Value::Bool(true),
            "false" if name.ends_with("_verified") => Value::Bool(false),
            _ => Value::String(value.clone()),
        };
        id_claims.insert(name.clone(), value);
    }
    let common = json!({
        "sub": context.user.sub,
        "iss": context.issuer,
        "origin_jti": context.origin_jti,
        "event_id": event_id,
        "auth_time": context.auth_time,
        "iat": context.now,
        "exp": exp,
    });
    if let Value::Object(common) = &common {
        id_claims.extend(common.clone());
    }
    id_claims.insert("aud".to_owned(), Value::from(context.client.id.clone()));
    id_claims.insert("token_use".to_owned(), Value::from("id"));
    id_claims.insert(
        "cognito:username".to_owned(),
        Value::from(context.user.username.clone()),
    );
    id_claims.insert("jti".to_owned(), Value::from(uuid_v4()));

    let mut access_claims = match common {
        Value::Object(common) => common,
        _ => Map::new(),
    };
    access_claims.insert(
        "client_id".to_owned(),
        Value::from(context.client.id.clone()),
    );
    access_claims.insert("token_use".to_owned(), Value::from("access"));
    access_claims.insert(
        "scope".to_owned(),
        Value::from("aws.cognito.signin.user.admin"),
    );
    access_claims.insert(
        "username".to_owned(),
        Value::from(context.user.username.clone()),
    );
    access_claims.insert("jti".to_owned(), Value::from(uuid_v4()));
    if !context.groups.is_empty() {
        // As Cognito: the group names in both tokens, by precedence; the roles in the ID token.
        let names: Vec<&str> = context
            .groups
            .iter()
            .map(|group| group.name.as_str())
            .collect();
        id_claims.insert("cognito:groups".to_owned(), json!(names));
        access_claims.insert("cognito:groups".to_owned(), json!(names));
        let roles: Vec<&str> = context
            .groups
            .iter()
            .filter_map(|group| group.role_arn.as_deref())
            .collect();
        if let Some(preferred) = roles.first() {
            id_claims.insert("cognito:preferred_role".to_owned(), json!(preferred));
            id_claims.insert("cognito:roles".to_owned(), json!(roles));
        }
    }
    (
        key.sign(&Value::Object(id_claims)),
        key.sign(&Value::Object(access_claims)),
    )
}
