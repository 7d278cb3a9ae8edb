//! Base64 (standard alphabet, padded) of `SECRET_BLOCK` and `PASSWORD_CLAIM_SIGNATURE`.
//!
//! With the `browser` feature, in WebAssembly, the browser's own `atob` and `btoa` do it: a
//! login page then carries no base64 code of its own (the `base64` crate's engine is ~6 KB of
//! optimised WASM, ~2.8 KB after brotli, for four calls a sign-in). Everywhere else, the
//! `base64` crate. `atob` is the more forgiving decoder (it skips ASCII whitespace and accepts
//! missing padding); what it decodes in a page came from Cognito, and the server half, which
//! judges what clients send, always decodes strictly with the crate (it never runs in a page).

/// The bytes `text` encodes, or `None` when it is not base64.
#[must_use]
pub fn decode(text: &str) -> Option<Vec<u8>> {
    imp::decode(text)
}

/// `bytes` as base64.
#[must_use]
pub fn encode(bytes: &[u8]) -> String {
    imp::encode(bytes)
}

#[cfg(all(target_arch = "wasm32", feature = "browser"))]
mod imp {
    use wasm_bindgen::prelude::wasm_bindgen;

    #[wasm_bindgen]
    extern "C" {
        // Global functions of every window and worker; each throws on what it cannot convert.
        #[wasm_bindgen(catch, js_name = atob)]
        fn atob(text: &str) -> Result<String, wasm_bindgen::JsValue>;
        #[wasm_bindgen(catch, js_name = btoa)]
        fn btoa(latin1: &str) -> Result<String, wasm_bindgen::JsValue>;
    }

    /// `atob` answers a "binary string": one character per byte, U+0000 to U+00FF.
    pub(super) fn decode(text: &str) -> Option<Vec<u8>> {
        let latin1 = atob(text).ok()?;
        latin1.chars().map(|c| u8::try_from(c).ok()).collect()
    }

    /// `btoa` takes a binary string: each byte as the character of the same number.
    pub(super) fn encode(bytes: &[u8]) -> String {
        let latin1: String = bytes.iter().copied().map(char::from).collect();
        // Only a character above U+00FF makes `btoa` throw, and there is none.
        btoa(&latin1).unwrap_or_default()
    }
}

#[cfg(not(all(target_arch = "wasm32", feature = "browser")))]
mod imp {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;

    pub(super) fn decode(text: &str) -> Option<Vec<u8>> {
        STANDARD.decode(text).ok()
    }

    pub(super) fn encode(bytes: &[u8]) -> String {
        STANDARD.encode(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::{decode, encode};

    #[test]
    fn round_trips_every_byte() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(decode(&encode(&bytes)).as_deref(), Some(&bytes[..]));
        assert_eq!(encode(b"Cognito"), "Q29nbml0bw==");
        assert_eq!(decode("Q29nbml0bw==").as_deref(), Some(&b"Cognito"[..]));
    }

    #[test]
    fn refuses_what_is_not_base64() {
        assert_eq!(decode("not base64!"), None);
        assert_eq!(decode("Q29nbml0bw=\u{e9}"), None);
    }
}
