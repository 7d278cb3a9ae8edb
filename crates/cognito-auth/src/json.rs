//! Reading JSON text into Rust types.
//!
//! In the browser, the browser's own `JSON.parse` reads the text and serde-wasm-bindgen maps the
//! result onto the type: a page then carries no JSON reader of its own (serde_json's, with its
//! number parsing and its messages, weighed several KB of a page's WASM). Writing goes the same
//! way: serde-wasm-bindgen builds the value, `JSON.stringify` writes it. Natively, serde_json.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Reads `text` as a `T`; the error says why (for logs and [`crate::AuthError`]'s details).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let value = js_sys::JSON::parse(text).map_err(|_| "not JSON".to_owned())?;
        serde_wasm_bindgen::from_value(value).map_err(|error| error.to_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(text).map_err(|error| error.to_string())
    }
}

/// `value` written as JSON text, as serde_json writes it (maps as objects, `None` as `null`).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let value = value
            .serialize(&serializer)
            .map_err(|error| error.to_string())?;
        js_sys::JSON::stringify(&value)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| "not JSON".to_owned())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::to_string(value).map_err(|error| error.to_string())
    }
}

/// Some JSON passed on as it came (a passkey's options from the pool, on their way to the
/// authenticator): its text, never read into Rust types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawJson(String);

impl RawJson {
    /// The JSON text.
    #[must_use]
    pub fn get(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for RawJson {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[cfg(target_arch = "wasm32")]
        {
            let value: wasm_bindgen::JsValue =
                serde_wasm_bindgen::preserve::deserialize(deserializer)?;
            js_sys::JSON::stringify(&value)
                .ok()
                .and_then(|text| text.as_string())
                .map(Self)
                .ok_or_else(|| serde::de::Error::custom("not JSON"))
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
            Ok(Self(raw.get().to_owned()))
        }
    }
}

/// `object` (a JSON object's text) with its member `key` set to `raw` (JSON text passed on as
/// it came, such as a passkey's credential). Both are read as JSON first: what is not JSON is
/// refused, never pasted into the result.
pub(crate) fn with_member(object: &str, key: &str, raw: &str) -> Result<String, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let not_json = |_| "not JSON".to_owned();
        let object = js_sys::JSON::parse(object).map_err(not_json)?;
        let value = js_sys::JSON::parse(raw).map_err(not_json)?;
        if !object.is_object() {
            return Err("not a JSON object".to_owned());
        }
        js_sys::Reflect::set(&object, &key.into(), &value).map_err(not_json)?;
        js_sys::JSON::stringify(&object)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| "not JSON".to_owned())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(object).map_err(|error| error.to_string())?;
        let value: serde_json::Value =
            serde_json::from_str(raw).map_err(|error| error.to_string())?;
        object.insert(key.to_owned(), value);
        serde_json::to_string(&object).map_err(|error| error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_shape_and_refuses_what_is_not_it() {
        let read: std::collections::HashMap<String, u32> = from_str(r#"{"a":1}"#).unwrap();
        assert_eq!(read["a"], 1);
        assert!(from_str::<u32>("\"one\"").is_err());
        assert!(from_str::<u32>("{").is_err());
    }

    #[test]
    fn passes_json_on_as_it_came() {
        #[derive(serde::Deserialize)]
        struct Answer {
            options: RawJson,
        }
        let answer: Answer = from_str(r#"{"options":{"challenge":"abc","n":[1,2]}}"#).unwrap();
        let options: serde_json::Value = serde_json::from_str(answer.options.get()).unwrap();
        assert_eq!(
            options,
            serde_json::json!({"challenge": "abc", "n": [1, 2]})
        );
        let body = with_member(r#"{"AccessToken":"t"}"#, "Credential", r#"{"id":"x"}"#).unwrap();
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"AccessToken": "t", "Credential": {"id": "x"}})
        );
        assert!(with_member(r#"{"AccessToken":"t"}"#, "Credential", "{not json").is_err());
    }
}
