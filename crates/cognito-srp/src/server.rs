//! The server half: what Cognito keeps (a verifier, never the password) and how it checks a
//! password claim.

use subtle::ConstantTimeEq;

use crate::group::group;
use crate::hash::{claim_signature, compute_u, compute_x, hkdf_16, to_hex};
use crate::nat::Nat;
use crate::{SrpError, Timestamp, parse_hex, pool_name};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use secrecy::{ExposeSecret, SecretBox};

/// What the server stores for a password: the salt and `v = g^x mod N`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasswordVerifier {
    salt: Nat,
    verifier: Nat,
}

impl PasswordVerifier {
    /// The verifier of `password` for `user_id_for_srp` in the pool `user_pool_id`, salted with
    /// `salt` (Cognito uses 16 random bytes).
    pub fn new(
        user_pool_id: &str,
        user_id_for_srp: &str,
        password: &str,
        salt: &[u8],
    ) -> Result<Self, SrpError> {
        let x = compute_x(salt, pool_name(user_pool_id)?, user_id_for_srp, password);
        Ok(Self {
            salt: Nat::from_be_bytes(salt),
            verifier: group().field.pow2(&Nat::from_be_bytes(&x)),
        })
    }

    /// Rebuilds a stored verifier from [`PasswordVerifier::salt_hex`] and
    /// [`PasswordVerifier::verifier_hex`].
    pub fn from_hex(salt: &str, verifier: &str) -> Result<Self, SrpError> {
        Ok(Self {
            salt: parse_hex(salt, "SALT")?,
            // Reduced, so a corrupted store cannot feed the kernels a value above N.
            verifier: parse_hex(verifier, "verifier")?.rem(&group().n),
        })
    }

    /// `SALT` as sent in the challenge (lower-case hex).
    #[must_use]
    pub fn salt_hex(&self) -> String {
        to_hex(&self.salt.to_be_bytes())
    }

    /// `v` as lower-case hex, for storage.
    #[must_use]
    pub fn verifier_hex(&self) -> String {
        self.verifier.to_hex()
    }

    /// The salt as big-endian bytes (what `ConfirmDevice` sends, base64-encoded).
    #[must_use]
    pub fn salt_bytes(&self) -> Vec<u8> {
        self.salt.to_be_bytes()
    }

    /// `v` as big-endian bytes (what `ConfirmDevice` sends, base64-encoded).
    #[must_use]
    pub fn verifier_bytes(&self) -> Vec<u8> {
        self.verifier.to_be_bytes()
    }
}

/// One sign-in's server side: the secret `b` and `B = k·v + g^b mod N`.
#[derive(Clone, Debug)]
pub struct SrpServer {
    verifier: PasswordVerifier,
    /// Secret: never printed, wiped on drop.
    b: SecretBox<Nat>,
    b_pub: Nat,
}

/// The fields of a `PASSWORD_VERIFIER` answer the server checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClaimToVerify<'a> {
    /// The client's `SRP_A` from `InitiateAuth`, hex.
    pub srp_a: &'a str,
    /// The user pool id, `<region>_<name>`.
    pub user_pool_id: &'a str,
    /// `USERNAME` of the answer, which must be the `USER_ID_FOR_SRP` the server issued.
    pub user_id_for_srp: &'a str,
    /// `PASSWORD_CLAIM_SECRET_BLOCK`, already decoded (the caller authenticates it first).
    pub secret_block: &'a [u8],
    /// `TIMESTAMP`, as sent.
    pub timestamp: &'a str,
    /// `PASSWORD_CLAIM_SIGNATURE`, base64.
    pub signature: &'a str,
}

/// Checks a client's `SRP_A` as it arrives: hexadecimal, of bounded length, and not `0 mod N`
/// (which would let anyone compute the shared secret). [`SrpServer::verify`] checks it again.
pub fn check_srp_a(srp_a: &str) -> Result<(), SrpError> {
    if parse_hex(srp_a, "SRP_A")?.rem(&group().n).is_zero() {
        return Err(SrpError::IllegalPublicValue { name: "A" });
    }
    Ok(())
}

impl SrpServer {
    /// Answers a sign-in with the secret `b` (Cognito's size: 128 random bytes).
    pub fn new(verifier: &PasswordVerifier, b: &[u8]) -> Result<Self, SrpError> {
        let group = group();
        let b = SecretBox::new(Box::new(Nat::from_be_bytes(b)));
        let b_pub = group
            .field
            .mul(&group.k, &verifier.verifier)
            .add(&group.field.pow2(b.expose_secret()))
            .rem(&group.n);
        if b_pub.is_zero() {
            return Err(SrpError::IllegalPublicValue { name: "B" });
        }
        Ok(Self {
            verifier: verifier.clone(),
            b,
            b_pub,
        })
    }

    /// `SRP_B` as lower-case hex.
    #[must_use]
    pub fn srp_b(&self) -> String {
        self.b_pub.to_hex()
    }

    /// `SALT` as lower-case hex.
    #[must_use]
    pub fn salt_hex(&self) -> String {
        self.verifier.salt_hex()
    }

    /// Checks a password claim; on success returns the claim's time, for the caller's clock-skew
    /// check.
    ///
    /// `S = (A·v^u)^b mod N`; the expected signature is computed over the canonical form of the
    /// parsed `TIMESTAMP` and compared in constant time.
    pub fn verify(&self, claim: &ClaimToVerify<'_>) -> Result<Timestamp, SrpError> {
        let group = group();
        let timestamp = Timestamp::parse(claim.timestamp)?;
        let signature = BASE64
            .decode(claim.signature)
            .map_err(|_| SrpError::InvalidBase64 {
                field: "PASSWORD_CLAIM_SIGNATURE",
            })?;
        let a_pub = parse_hex(claim.srp_a, "SRP_A")?.rem(&group.n);
        if a_pub.is_zero() {
            return Err(SrpError::IllegalPublicValue { name: "A" });
        }
        let u = Nat::from_be_bytes(&compute_u(&a_pub.to_be_bytes(), &self.b_pub.to_be_bytes()));
        if u.is_zero() {
            return Err(SrpError::ZeroScrambler);
        }
        let v_u = group.field.pow(&self.verifier.verifier, &u);
        let s = group
            .field
            .pow(&group.field.mul(&a_pub, &v_u), self.b.expose_secret());
        let expected = claim_signature(
            &hkdf_16(&u.to_be_bytes(), &s.to_be_bytes()),
            pool_name(claim.user_pool_id)?,
            claim.user_id_for_srp,
            claim.secret_block,
            &timestamp.to_string(),
        );
        if bool::from(expected.as_slice().ct_eq(&signature)) {
            Ok(timestamp)
        } else {
            Err(SrpError::BadClaim)
        }
    }
}
