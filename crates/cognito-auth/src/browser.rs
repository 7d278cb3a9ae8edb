//! Browser implementations: `fetch` (gloo-net), `localStorage` / `sessionStorage`, the page's
//! clock and `crypto.getRandomValues`.

use gloo_storage::Storage as _;

use crate::{AuthError, Environment, KeyValueStorage, Transport};

/// `fetch`, as Amplify sends it (`cache-control: no-store`).
#[derive(Clone, Copy, Debug, Default)]
pub struct FetchTransport;

impl Transport for FetchTransport {
    async fn post(
        &self,
        endpoint: &str,
        operation: &str,
        body: String,
    ) -> Result<(u16, String), AuthError> {
        let response = gloo_net::http::Request::post(endpoint)
            .header("content-type", cognito_protocol::CONTENT_TYPE)
            .header(
                "x-amz-target",
                &format!("{}{operation}", cognito_protocol::TARGET_PREFIX),
            )
            .header("cache-control", "no-store")
            .body(body)
            .map_err(|error| AuthError::Network(error.to_string()))?
            .send()
            .await
            .map_err(|error| AuthError::Network(error.to_string()))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|error| AuthError::Network(error.to_string()))?;
        Ok((status, text))
    }
}

/// The page's Web Storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrowserStorage {
    /// `localStorage`: tokens, shared by tabs and kept across restarts.
    Local,
    /// `sessionStorage`: the in-flight sign-in, this tab only.
    Session,
}

impl BrowserStorage {
    fn raw(self) -> web_sys::Storage {
        match self {
            Self::Local => gloo_storage::LocalStorage::raw(),
            Self::Session => gloo_storage::SessionStorage::raw(),
        }
    }
}

impl KeyValueStorage for BrowserStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.raw().get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), AuthError> {
        self.raw().set_item(key, value).map_err(|_| {
            AuthError::Storage(format!("cannot write {key} (storage full or blocked)"))
        })
    }

    fn remove(&self, key: &str) {
        let _ = self.raw().remove_item(key);
    }
}

/// `Date.now()` and `crypto.getRandomValues`.
#[must_use]
pub fn browser_environment() -> Environment {
    Environment {
        now_ms: Box::new(|| js_sys::Date::now() as i64),
        random: Box::new(|buffer| {
            let filled = web_sys::window()
                .and_then(|window| window.crypto().ok())
                .and_then(|crypto| crypto.get_random_values_with_u8_array(buffer).ok());
            if filled.is_none() {
                // Without a CSPRNG there is no safe sign-in: fail loudly rather than weakly.
                wasm_bindgen::throw_str("crypto.getRandomValues is unavailable");
            }
        }),
    }
}
