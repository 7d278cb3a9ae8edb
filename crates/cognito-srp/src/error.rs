//! The one error type of this crate.

/// Why an SRP step was refused. Every malformed input maps to one of these; nothing panics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SrpError {
    /// A field that must be hexadecimal (`SALT`, `SRP_A`, `SRP_B`) is not, or is empty.
    #[error("{field} is not a hexadecimal number")]
    InvalidHex {
        /// The challenge field's name.
        field: &'static str,
    },
    /// A field that must be base64 (`SECRET_BLOCK`, `PASSWORD_CLAIM_SIGNATURE`) is not.
    #[error("{field} is not valid base64")]
    InvalidBase64 {
        /// The challenge field's name.
        field: &'static str,
    },
    /// A public value is `0 mod N`, which would make the shared secret predictable.
    #[error("{name} is 0 modulo N")]
    IllegalPublicValue {
        /// `"A"` or `"B"`.
        name: &'static str,
    },
    /// `u = H(PAD(A) | PAD(B))` is zero, which would let the password drop out of the proof.
    #[error("the scrambling parameter u is zero")]
    ZeroScrambler,
    /// A user pool id is `<region>_<name>`; the SRP pool name is the part after `_`.
    #[error("user pool id must look like <region>_<name>")]
    InvalidPoolId,
    /// `TIMESTAMP` is not `EEE MMM d HH:mm:ss z yyyy` in English.
    #[error("TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.")]
    InvalidTimestamp,
    /// The password claim does not verify (wrong password, or a tampered field).
    #[error("the password claim signature does not verify")]
    BadClaim,
}
