//! The client half: what Amplify's `getAuthenticationHelper` and `handlePasswordVerifierChallenge`
//! do, with the randomness (`a`) and the clock (the [`Timestamp`]) passed in.

use secrecy::{ExposeSecret, SecretBox};

use crate::group::group;
use crate::hash::{claim_signature, compute_u, compute_x, hkdf_16};
use crate::nat::Nat;
use crate::{SrpError, Timestamp, parse_hex, pool_name};

/// A sign-in's client side, holding the secret `a` and the public `A = g^a mod N`.
///
/// Computing `A` is one of the three big exponentiations of a sign-in, so build this early
/// (while the person types their password): [`SrpClient::process_challenge`] then has less to do.
#[derive(Clone, Debug)]
pub struct SrpClient {
    pool_name: String,
    /// Secret: never printed, wiped on drop.
    a: SecretBox<Nat>,
    a_pub: Nat,
}

/// The `PASSWORD_VERIFIER` challenge parameters, as Cognito sends them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PasswordVerifierChallenge<'a> {
    /// `SALT`, hex.
    pub salt: &'a str,
    /// `SRP_B`, hex.
    pub srp_b: &'a str,
    /// `SECRET_BLOCK`, base64; signed, then echoed back unchanged.
    pub secret_block: &'a str,
    /// `USER_ID_FOR_SRP`: the name the password was registered under, not the alias typed.
    pub user_id_for_srp: &'a str,
}

/// The client after a valid challenge: it holds the derived key and can sign claims.
#[derive(Debug)]
pub struct SrpClientVerifier {
    /// Secret: never printed, wiped on drop.
    key: SecretBox<[u8; 16]>,
    pool_name: String,
    user_id_for_srp: String,
    secret_block_base64: String,
    secret_block: Vec<u8>,
}

/// The `ChallengeResponses` that answer `PASSWORD_VERIFIER` (plus `USERNAME`, which is
/// `USER_ID_FOR_SRP`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasswordClaim {
    /// `USERNAME`: the challenge's `USER_ID_FOR_SRP`.
    pub username: String,
    /// `PASSWORD_CLAIM_SECRET_BLOCK`: the challenge's `SECRET_BLOCK`, unchanged.
    pub secret_block: String,
    /// `TIMESTAMP`, the exact string that was signed.
    pub timestamp: String,
    /// `PASSWORD_CLAIM_SIGNATURE`, base64.
    pub signature: String,
}

impl SrpClient {
    /// Starts a sign-in for the pool `user_pool_id` (`<region>_<name>`) with the secret `a`
    /// (Cognito's clients use 128 random bytes), computing `A = g^a mod N`.
    pub fn new(user_pool_id: &str, a: &[u8]) -> Result<Self, SrpError> {
        let pool_name = pool_name(user_pool_id)?.to_owned();
        let group = group();
        let a = SecretBox::new(Box::new(Nat::from_be_bytes(a)));
        let a_pub = group.field.pow2(a.expose_secret());
        if a_pub.is_zero() {
            return Err(SrpError::IllegalPublicValue { name: "A" });
        }
        Ok(Self {
            pool_name,
            a,
            a_pub,
        })
    }

    /// `SRP_A`: `A` as lower-case hex without padding, as Amplify sends it.
    #[must_use]
    pub fn srp_a(&self) -> String {
        self.a_pub.to_hex()
    }

    /// Derives the key from the challenge and the password.
    ///
    /// `S = (B − k·g^x)^(a + u·x) mod N`, then `key = HKDF(PAD(u), PAD(S))`.
    pub fn process_challenge(
        &self,
        challenge: &PasswordVerifierChallenge<'_>,
        password: &str,
    ) -> Result<SrpClientVerifier, SrpError> {
        let group = group();
        let salt = parse_hex(challenge.salt, "SALT")?;
        let b_pub = parse_hex(challenge.srp_b, "SRP_B")?;
        let secret_block =
            crate::base64::decode(challenge.secret_block).ok_or(SrpError::InvalidBase64 {
                field: "SECRET_BLOCK",
            })?;
        let b_reduced = b_pub.rem(&group.n);
        if b_reduced.is_zero() {
            return Err(SrpError::IllegalPublicValue { name: "B" });
        }
        // `u` hashes B as sent, unreduced, as Amplify does.
        let u = Nat::from_be_bytes(&compute_u(&self.a_pub.to_be_bytes(), &b_pub.to_be_bytes()));
        if u.is_zero() {
            return Err(SrpError::ZeroScrambler);
        }
        let salt = salt.to_be_bytes();
        let x = Nat::from_be_bytes(&compute_x(
            &salt,
            &self.pool_name,
            challenge.user_id_for_srp,
            password,
        ));
        let g_x = group.field.pow2(&x);
        // B − k·g^x can be negative: lift B by N before subtracting the reduced product.
        let k_g_x = group.field.mul(&group.k, &g_x);
        let base = b_reduced.add(&group.n).sub(&k_g_x).rem(&group.n);
        let s = group
            .field
            .pow(&base, &self.a.expose_secret().add(&u.mul(&x)));
        Ok(SrpClientVerifier {
            key: SecretBox::new(Box::new(hkdf_16(&u.to_be_bytes(), &s.to_be_bytes()))),
            pool_name: self.pool_name.clone(),
            user_id_for_srp: challenge.user_id_for_srp.to_owned(),
            secret_block_base64: challenge.secret_block.to_owned(),
            secret_block,
        })
    }
}

impl SrpClientVerifier {
    /// The 16-byte key both sides derive.
    #[must_use]
    pub fn key(&self) -> &[u8; 16] {
        self.key.expose_secret()
    }

    /// Signs `poolName | USER_ID_FOR_SRP | SECRET_BLOCK | TIMESTAMP` at `timestamp`.
    #[must_use]
    pub fn claim(&self, timestamp: Timestamp) -> PasswordClaim {
        let timestamp = timestamp.to_string();
        let signature = claim_signature(
            self.key.expose_secret(),
            &self.pool_name,
            &self.user_id_for_srp,
            &self.secret_block,
            &timestamp,
        );
        PasswordClaim {
            username: self.user_id_for_srp.clone(),
            secret_block: self.secret_block_base64.clone(),
            timestamp,
            signature: crate::base64::encode(&signature),
        }
    }
}
