//! Browser implementations: `fetch`, `localStorage` / `sessionStorage`, the page's clock and
//! `crypto.getRandomValues`.
//!
//! Straight on `web-sys` rather than through gloo: its request builder and storage wrappers
//! weighed ~2 KB of the login page's WASM and JS glue for the one request shape used here.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, Response};

use crate::{AuthError, Environment, KeyValueStorage, Transport};

/// `fetch(url, init)`: the response's status and text. Errors carry the browser's message
/// (e.g. "Failed to fetch" when the network is down).
pub async fn fetch_text(url: &str, init: &RequestInit) -> Result<(u16, String), String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, init))
        .await
        .and_then(JsValue::dyn_into)
        .map_err(|error| error_message(&error))?;
    let text = JsFuture::from(response.text().map_err(|error| error_message(&error))?)
        .await
        .map_err(|error| error_message(&error))?;
    Ok((response.status(), text.as_string().unwrap_or_default()))
}

fn error_message(error: &JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().map_or_else(
        || "the request failed".to_owned(),
        |error| error.message().into(),
    )
}

fn post_init(operation: &str, body: &str) -> Result<RequestInit, JsValue> {
    let headers = Headers::new()?;
    headers.set("content-type", cognito_protocol::CONTENT_TYPE)?;
    headers.set(
        "x-amz-target",
        &format!("{}{operation}", cognito_protocol::TARGET_PREFIX),
    )?;
    headers.set("cache-control", "no-store")?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    Ok(init)
}

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
        let init = post_init(operation, &body)
            .map_err(|error| AuthError::Network(error_message(&error)))?;
        fetch_text(endpoint, &init)
            .await
            .map_err(AuthError::Network)
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
    /// `None` where the page may not use it (blocked by the browser's settings).
    fn raw(self) -> Option<web_sys::Storage> {
        let window = web_sys::window()?;
        match self {
            Self::Local => window.local_storage(),
            Self::Session => window.session_storage(),
        }
        .ok()
        .flatten()
    }
}

impl KeyValueStorage for BrowserStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.raw()?.get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), AuthError> {
        self.raw()
            .and_then(|storage| storage.set_item(key, value).ok())
            .ok_or_else(|| {
                AuthError::Storage(format!("cannot write {key} (storage full or blocked)"))
            })
    }

    fn remove(&self, key: &str) {
        if let Some(storage) = self.raw() {
            let _ = storage.remove_item(key);
        }
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
