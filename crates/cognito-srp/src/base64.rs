//! Base64 (RFC 4648), strict: the standard alphabet with padding (`SECRET_BLOCK`,
//! `PASSWORD_CLAIM_SIGNATURE`) and the URL-safe alphabet without padding (JWT segments).
//!
//! Why not the `base64` crate: its general engine was ~3 KB of the login page's WASM for two
//! short fields and a token payload. Decoding is as strict as that crate's (tests compare the
//! two): no whitespace, canonical padding, and unused trailing bits must be zero.

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard alphabet, padded with `=`.
#[must_use]
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk.iter().enumerate().fold(0_u32, |group, (i, byte)| {
            group | (u32::from(*byte) << (16 - 8 * i))
        });
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(
                    STANDARD[((group >> (18 - 6 * i)) & 63) as usize],
                ));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes the standard alphabet with canonical `=` padding; `None` if `text` is not that.
#[must_use]
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let padding = bytes
        .iter()
        .rev()
        .take(2)
        .take_while(|&&c| c == b'=')
        .count();
    decode_digits(&bytes[..bytes.len() - padding], false)
}

/// Decodes the URL-safe alphabet without padding (JWT); `None` if `text` is not that.
#[must_use]
pub fn decode_url(text: &str) -> Option<Vec<u8>> {
    decode_digits(text.as_bytes(), true)
}

fn digit_value(c: u8, url_safe: bool) -> Option<u32> {
    let value = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' if !url_safe => 62,
        b'/' if !url_safe => 63,
        b'-' if url_safe => 62,
        b'_' if url_safe => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

/// Groups of four digits make three bytes; a last group of two or three digits makes one or two,
/// and the bits it leaves over must be zero (as an encoder writes them).
fn decode_digits(digits: &[u8], url_safe: bool) -> Option<Vec<u8>> {
    if digits.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(digits.len() / 4 * 3 + 2);
    for group in digits.chunks(4) {
        let mut bits = 0_u32;
        for &c in group {
            bits = (bits << 6) | digit_value(c, url_safe)?;
        }
        let bytes = group.len() - 1;
        let spare = 6 * group.len() - 8 * bytes;
        if bits & ((1 << spare) - 1) != 0 {
            return None;
        }
        bits >>= spare;
        out.extend((0..bytes).rev().map(|i| (bits >> (8 * i)) as u8));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

    use super::{decode, decode_url, encode};

    #[test]
    fn rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), encoded);
            assert_eq!(decode(encoded).as_deref(), Some(plain.as_bytes()));
            let unpadded = encoded.trim_end_matches('=');
            assert_eq!(decode_url(unpadded).as_deref(), Some(plain.as_bytes()));
        }
    }

    #[test]
    fn malformed_text_is_refused() {
        for text in [
            "Zg", "Zg=", "Zg===", "Z===", "====", "Zm9v\n", " Zm9v", "Zm=v", "Zh==", "Zm9=",
            "Zm-v", "Zm_v", "Z",
        ] {
            assert_eq!(decode(text), None, "{text:?}");
            assert_eq!(
                decode(text).is_some(),
                STANDARD.decode(text).is_ok(),
                "{text:?}"
            );
        }
        for text in ["Zg==", "Zm+v", "Zm/v", "Zh", "Z", "Zm9v ", "Zm9=", "Zm9vY"] {
            assert_eq!(decode_url(text), None, "{text:?}");
            assert_eq!(
                decode_url(text).is_some(),
                URL_SAFE_NO_PAD.decode(text).is_ok(),
                "{text:?}"
            );
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn agrees_with_the_base64_crate(bytes: Vec<u8>, noise: Vec<(usize, u8)>) {
            let encoded = encode(&bytes);
            proptest::prop_assert_eq!(&encoded, &STANDARD.encode(&bytes));
            proptest::prop_assert_eq!(decode(&encoded), Some(bytes.clone()));
            let url = URL_SAFE_NO_PAD.encode(&bytes);
            proptest::prop_assert_eq!(decode_url(&url), Some(bytes));
            // Damaged text: both decoders accept exactly the same strings, with the same bytes.
            for text in [encoded, url] {
                let mut damaged = text.into_bytes();
                for (at, byte) in &noise {
                    if !damaged.is_empty() {
                        let at = at % damaged.len();
                        damaged[at] = b"A+/=-_ Zz0\x80"[usize::from(*byte) % 11];
                    }
                }
                let Ok(damaged) = String::from_utf8(damaged) else { continue };
                proptest::prop_assert_eq!(decode(&damaged), STANDARD.decode(&damaged).ok());
                proptest::prop_assert_eq!(decode_url(&damaged), URL_SAFE_NO_PAD.decode(&damaged).ok());
            }
        }
    }
}
