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
        gloo_net::Error::GlooError(message) => message,
        // Only gloo-net's `.json()` gives this, and answers are read as text here. Named rather
        // than printed: printing it would link serde_json's messages into the page.
        gloo_net::Error::SerdeError(_) => "unreadable answer".to_owned(),
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

/// The browser's own passkeys: `navigator.credentials.create` / `.get`, with the options read
/// by `PublicKeyCredential.parseCreationOptionsFromJSON` / `parseRequestOptionsFromJSON` and
/// the credential written by its `toJSON()` (WebAuthn Level 3, as Chromium, Firefox and Safari
/// have them). Reached through `js_sys::Reflect`, so no WebAuthn bindings are compiled in.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserAuthenticator;

impl crate::Authenticator for BrowserAuthenticator {
    async fn create(&self, options: &str) -> Result<String, crate::PasskeyError> {
        webauthn("parseCreationOptionsFromJSON", "create", options).await
    }

    async fn get(&self, options: &str) -> Result<String, crate::PasskeyError> {
        webauthn("parseRequestOptionsFromJSON", "get", options).await
    }
}

/// `navigator.credentials[method]({ publicKey: PublicKeyCredential[parse](JSON.parse(options)) })`,
/// its credential as JSON.
async fn webauthn(parse: &str, method: &str, options: &str) -> Result<String, crate::PasskeyError> {
    use crate::PasskeyError;
    use js_sys::{Function, JSON, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    let global = js_sys::global();
    let get = |target: &JsValue, name: &str| Reflect::get(target, &JsValue::from_str(name)).ok();
    let function = |target: &JsValue, name: &str| {
        get(target, name).and_then(|value| value.dyn_into::<Function>().ok())
    };
    let class = get(&global, "PublicKeyCredential")
        .filter(|class| !class.is_undefined())
        .ok_or(PasskeyError::NotSupported)?;
    let credentials = get(&global, "navigator")
        .and_then(|navigator| get(&navigator, "credentials"))
        .filter(|credentials| !credentials.is_undefined())
        .ok_or(PasskeyError::NotSupported)?;
    let (Some(parse), Some(call)) = (function(&class, parse), function(&credentials, method))
    else {
        return Err(PasskeyError::NotSupported);
    };
    let invalid = |_| PasskeyError::Failed("the pool's passkey options are not valid".to_owned());
    let json = JSON::parse(options).map_err(invalid)?;
    let public_key = parse.call1(&class, &json).map_err(invalid)?;
    let argument = Object::new();
    Reflect::set(&argument, &JsValue::from_str("publicKey"), &public_key).map_err(invalid)?;
    let promise = call
        .call1(&credentials, &argument)
        .map_err(refusal)?
        .dyn_into::<js_sys::Promise>()
        .map_err(|_| PasskeyError::NotSupported)?;
    let credential = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(refusal)?;
    if credential.is_null() {
        return Err(PasskeyError::Canceled);
    }
    let to_json = function(&credential, "toJSON").ok_or(PasskeyError::NotSupported)?;
    let as_json = to_json.call0(&credential).map_err(refusal)?;
    JSON::stringify(&as_json)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| PasskeyError::Failed("the credential could not be read".to_owned()))
}

/// What a WebAuthn call's `DOMException` means (by value: it is what `map_err` hands over).
#[allow(clippy::needless_pass_by_value)]
fn refusal(error: wasm_bindgen::JsValue) -> crate::PasskeyError {
    let name = js_sys::Reflect::get(&error, &"name".into())
        .ok()
        .and_then(|name| name.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "AbortError" => crate::PasskeyError::Canceled,
        "InvalidStateError" => crate::PasskeyError::AlreadyExists,
        "NotSupportedError" => crate::PasskeyError::NotSupported,
        _ => crate::PasskeyError::Failed(name),
    }
}
