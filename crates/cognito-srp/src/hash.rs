//! Hashing and padding exactly as Amplify's SRP helpers do them.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// The bytes of Amplify's `padHex(x)` for the number whose big-endian bytes are `x` (leading
/// zero bytes are not part of the number): the magnitude, with one `0x00` in front when the top
/// bit is set (Java's `BigInteger.toByteArray()` for a positive number).
#[must_use]
pub fn pad(x: &[u8]) -> Vec<u8> {
    let magnitude = match x.iter().position(|&byte| byte != 0) {
        Some(first) => &x[first..],
        None => &[0][..],
    };
    let mut padded = Vec::with_capacity(magnitude.len() + 1);
    if magnitude[0] & 0x80 != 0 {
        padded.push(0);
    }
    padded.extend_from_slice(magnitude);
    padded
}

/// Amplify's `padHex(x)` as lower-case hex, for the number whose big-endian bytes are `x`.
#[must_use]
pub fn pad_hex(x: &[u8]) -> String {
    to_hex(&pad(x))
}

pub(crate) fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        hex.push(char::from(DIGITS[usize::from(byte >> 4)]));
        hex.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    hex
}

/// `H(part₀ | part₁ | …)`, SHA-256 over the concatenated bytes.
#[must_use]
pub(crate) fn hash(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// `u = H(PAD(A) | PAD(B))`, the scrambling parameter (`A` and `B` as big-endian bytes).
#[must_use]
pub fn compute_u(a_pub: &[u8], b_pub: &[u8]) -> [u8; 32] {
    hash(&[&pad(a_pub), &pad(b_pub)])
}

/// `x = H(PAD(salt) | H(poolName | userIdForSrp | ":" | password))`, the private key.
///
/// Cognito hashes `USER_ID_FOR_SRP` here, never the alias the person typed; `salt` is big-endian
/// bytes.
#[must_use]
pub fn compute_x(salt: &[u8], pool_name: &str, user_id_for_srp: &str, password: &str) -> [u8; 32] {
    let identity = hash(&[
        pool_name.as_bytes(),
        user_id_for_srp.as_bytes(),
        b":",
        password.as_bytes(),
    ]);
    hash(&[&pad(salt), &identity])
}

/// The 16-byte key: one block of HKDF-SHA256 (RFC 5869) with salt `PAD(u)`, input `PAD(S)` and
/// info `"Caldera Derived Key"` (`u` and `S` as big-endian bytes).
#[must_use]
pub fn hkdf_16(u: &[u8], s: &[u8]) -> [u8; 16] {
    let prk = hmac(&pad(u), &[&pad(s)]);
    let okm = hmac(&prk, &[b"Caldera Derived Key", &[1]]);
    let mut key = [0; 16];
    key.copy_from_slice(&okm[..16]);
    key
}

/// HMAC-SHA256 (RFC 2104) of the concatenated `parts`, with the `hmac` crate.
#[must_use]
pub(crate) fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// `PASSWORD_CLAIM_SIGNATURE` before base64:
/// `HMAC(key, poolName | userIdForSrp | secretBlock | timestamp)`.
#[must_use]
pub(crate) fn claim_signature(
    key: &[u8; 16],
    pool_name: &str,
    user_id_for_srp: &str,
    secret_block: &[u8],
    timestamp: &str,
) -> [u8; 32] {
    hmac(
        key,
        &[
            pool_name.as_bytes(),
            user_id_for_srp.as_bytes(),
            secret_block,
            timestamp.as_bytes(),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::hmac;

    fn unhex(hex: &str) -> Vec<u8> {
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("test vectors are hex"))
            .collect()
    }

    /// RFC 4231 §4.2–4.7 (test case 5, a truncated output, does not apply).
    #[test]
    fn rfc_4231_vectors() {
        let long_key = [0xaa_u8; 131];
        let cases: [(&[u8], &[u8], &str); 5] = [
            (&[0x0b; 20], b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (b"Jefe", b"what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            (&[0xaa; 20], &[0xdd; 50], "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            (&long_key, b"Test Using Larger Than Block-Size Key - Hash Key First", "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
            (&long_key, b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.", "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
        ];
        for (key, message, expected) in cases {
            assert_eq!(hmac(key, &[message]).to_vec(), unhex(expected));
        }
    }
}
