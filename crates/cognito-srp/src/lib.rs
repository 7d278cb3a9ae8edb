//! Amazon Cognito's variant of SRP-6a (`USER_SRP_AUTH`, `CUSTOM_AUTH` with `SRP_A`), both halves.
//!
//! | Client                               | Wire                                   | Server                                  |
//! |--------------------------------------|----------------------------------------|-----------------------------------------|
//! | `a` random, `A = g^a`                | `InitiateAuth {USERNAME, SRP_A}` →     | look up `(salt, v)`; `b` random         |
//! |                                      | ← `PASSWORD_VERIFIER {SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP}` | `B = k·v + g^b`     |
//! | `u = H(PAD(A)‖PAD(B))`, `x`, `S`, key| `{USERNAME, PASSWORD_CLAIM_SIGNATURE, PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP}` → | `S = (A·v^u)^b`, same key, check HMAC |
//!
//! - `N`: RFC 3526's 3072-bit MODP prime; `g = 2`; `k = H(PAD(N) ‖ PAD(g))`; `H` = SHA-256.
//! - `PAD(x)`: Java's `BigInteger.toByteArray()` (a `0x00` byte in front when the top bit is set).
//! - `x = H(PAD(salt) ‖ H(poolName ‖ USER_ID_FOR_SRP ‖ ":" ‖ password))`, `poolName` being the
//!   part of the pool id after `_`.
//! - `key = HKDF-SHA256(salt = PAD(u), ikm = PAD(S), info = "Caldera Derived Key")[..16]`.
//! - `signature = HMAC-SHA256(key, poolName ‖ USER_ID_FOR_SRP ‖ SECRET_BLOCK ‖ TIMESTAMP)`.
//!
//! Randomness (`a`, `b`, salts) and time are parameters: the crate does no I/O, reads no clock
//! and compiles for `wasm32-unknown-unknown` as for native targets.
#![deny(missing_docs, clippy::unwrap_used, clippy::panic)]

pub mod base64;
mod client;
mod error;
mod group;
mod hash;
mod mont;
mod nat;
mod server;
mod timestamp;

use crate::nat::Nat;

pub use client::{PasswordClaim, PasswordVerifierChallenge, SrpClient, SrpClientVerifier};
pub use error::SrpError;
pub use group::{G, N_HEX, multiplier_k};
pub use hash::{compute_u, compute_x, hkdf_16, pad, pad_hex};
pub use server::{ClaimToVerify, PasswordVerifier, SrpServer, check_srp_a};
pub use timestamp::Timestamp;

/// The SRP pool name: the part of `<region>_<name>` after the first `_`.
pub fn pool_name(user_pool_id: &str) -> Result<&str, SrpError> {
    match user_pool_id.split_once('_') {
        Some((region, name)) if !region.is_empty() && !name.is_empty() => Ok(name),
        _ => Err(SrpError::InvalidPoolId),
    }
}

/// Hex digits a challenge or answer field may have: 4× a 3072-bit value, room for any leading
/// zeros a client adds, while bounding the work of reducing a hostile value modulo N.
const MAX_HEX_DIGITS: usize = 3072;

/// Parses a non-empty hex field of a challenge or answer.
fn parse_hex(text: &str, field: &'static str) -> Result<Nat, SrpError> {
    if text.len() > MAX_HEX_DIGITS {
        return Err(SrpError::InvalidHex { field });
    }
    Nat::from_hex(text).ok_or(SrpError::InvalidHex { field })
}
