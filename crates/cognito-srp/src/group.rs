//! The group Cognito uses: the 3072-bit MODP prime of RFC 3526 §4 and generator `g = 2`.

use std::sync::OnceLock;

use crate::hash::{hash, pad};
use crate::mont::MontField;
use crate::nat::Nat;

/// `N`, the RFC 3526 3072-bit MODP prime, as Cognito's clients spell it (upper-case hex).
pub const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879",
    "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B",
    "0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA4836",
    "1C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804",
    "F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6",
    "955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64",
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D226",
    "1AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2",
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);

/// The generator, `g = 2`: small enough that `g^e` needs only squarings and doublings.
pub const G: u32 = 2;

/// Everything derived from the group, computed once.
#[derive(Debug)]
pub(crate) struct Group {
    pub(crate) n: Nat,
    /// `k = H(PAD(N) | PAD(g))`.
    pub(crate) k: Nat,
    pub(crate) field: MontField,
}

/// The one group, built on first use.
pub(crate) fn group() -> &'static Group {
    static GROUP: OnceLock<Group> = OnceLock::new();
    GROUP.get_or_init(|| {
        let n = Nat::from_hex(N_HEX).unwrap_or_default();
        let k = Nat::from_be_bytes(&multiplier_k());
        let field = MontField::new(&n);
        Group { n, k, field }
    })
}

/// The multiplier `k = H(PAD(N) | PAD(g))`, as the big-endian bytes of the hash.
#[must_use]
pub fn multiplier_k() -> [u8; 32] {
    let n = Nat::from_hex(N_HEX).unwrap_or_default();
    hash(&[&pad(&n.to_be_bytes()), &pad(&G.to_be_bytes())])
}
