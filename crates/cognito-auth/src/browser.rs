//! Browser implementations: `fetch` through gloo-net (with a timeout), `localStorage` /
//! `sessionStorage` through gloo-storage, the page's clock and `crypto.getRandomValues`.

use gloo_net::http::Request;
use gloo_storage::{LocalStorage, SessionStorage, Storage};

use crate::{AuthError, Environment, KeyValueStorage, Transport};

/// How long a request to Cognito may take, by default, before it is given up (and the person
/// offered "Try again"): Cognito answers in well under a second; a request still open after this
/// is lost.
pub const REQUEST_TIMEOUT_MS: u32 = 15_000;

/// `fetch`, as Amplify sends it (`cache-control: no-store`), given up after a timeout
/// ([`REQUEST_TIMEOUT_MS`] by default): the error is then [`AuthError::Network`], as when the
/// network is down.
#[derive(Clone, Copy, Debug)]
pub struct FetchTransport {
    timeout_ms: u32,
}

impl Default for FetchTransport {
    fn default() -> Self {
        Self::with_timeout_ms(REQUEST_TIMEOUT_MS)
    }
}

impl FetchTransport {
    /// Requests given up after `timeout_ms` milliseconds.
    #[must_use]
    pub fn with_timeout_ms(timeout_ms: u32) -> Self {
        Self { timeout_ms }
    }
}

impl Transport for FetchTransport {
    async fn post(
        &self,
        endpoint: &str,
        operation: &str,
        body: String,
    ) -> Result<(u16, String), AuthError> {
        // The signal also covers reading the body. `AbortSignal.timeout` rejects with a
        // DOMException (an `Error`), which gloo-net turns into an error rather than a panic.
        let signal = web_sys::AbortSignal::timeout_with_u32(self.timeout_ms);
        let target = format!("{}{operation}", cognito_protocol::TARGET_PREFIX);
        let response = Request::post(endpoint)
            .header("content-type", cognito_protocol::CONTENT_TYPE)
            .header("x-amz-target", &target)
            .header("cache-control", "no-store")
            .abort_signal(Some(&signal))
            .body(body)
            .map_err(network)?
            .send()
            .await
            .map_err(network)?;
        let text = response.text().await.map_err(network)?;
        Ok((response.status(), text))
    }
}

/// `GET url`: the status and body text (the page's configuration file).
pub async fn get_text(url: &str) -> Result<(u16, String), String> {
    let signal = web_sys::AbortSignal::timeout_with_u32(REQUEST_TIMEOUT_MS);
    let response = Request::get(url)
        .abort_signal(Some(&signal))
        .send()
        .await
        .map_err(describe)?;
    let text = response.text().await.map_err(describe)?;
    Ok((response.status(), text))
}

fn network(error: gloo_net::Error) -> AuthError {
    AuthError::Network(describe(error))
}

/// What went wrong, in the browser's words ("Failed to fetch", "signal timed out", …).
fn describe(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(error) => format!("{}: {}", error.name, error.message),
        other => other.to_string(),
    }
}

/// The page's Web Storage.
///
/// Values are Amplify's plain strings (a JWT, a username), not JSON, so they go through
/// gloo-storage's `Storage::raw` handle rather than its JSON `get`/`set`. gloo-storage panics when
/// the browser blocks storage (a sandboxed frame, some privacy settings): each call checks that
/// storage is there first, and a blocked storage reads as empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrowserStorage {
    /// `localStorage`: tokens, shared by tabs and kept across restarts.
    Local,
    /// `sessionStorage`: the in-flight sign-in, this tab only.
    Session,
}

impl BrowserStorage {
    /// The storage, or `None` where the page may not use it.
    pub fn raw(self) -> Option<web_sys::Storage> {
        let window = web_sys::window()?;
        let available = match self {
            Self::Local => window.local_storage(),
            Self::Session => window.session_storage(),
        };
        available.ok().flatten()?;
        Some(match self {
            Self::Local => LocalStorage::raw(),
            Self::Session => SessionStorage::raw(),
        })
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
