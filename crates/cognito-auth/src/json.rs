//! Reading JSON text into Rust types, and writing them as JSON text.
//!
//! In the browser, the browser's own `JSON.parse` reads the text and serde-wasm-bindgen maps the
//! result onto the type: a page then carries no JSON reader of its own (serde_json's, with its
//! number parsing and its messages, weighed several KB of a page's WASM). Writing goes the same
//! way: serde-wasm-bindgen builds the value, `JSON.stringify` writes it. Natively, serde_json.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// What the browser says of text that is not JSON, or of a value JSON cannot write.
#[cfg(target_arch = "wasm32")]
const NOT_JSON: &str = "not JSON";

/// Reads `text` as a `T`; the error says why (for logs and [`crate::AuthError`]'s details).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let value = js_sys::JSON::parse(text).map_err(|_| NOT_JSON.to_owned())?;
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
        stringify(&to_js(value)?)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::to_string(value).map_err(|error| error.to_string())
    }
}

/// `value` as the JavaScript value `JSON.stringify` writes as serde_json would.
#[cfg(target_arch = "wasm32")]
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<wasm_bindgen::JsValue, String> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| error.to_string())
}

/// The browser's JSON text of `value`.
#[cfg(target_arch = "wasm32")]
fn stringify(value: &wasm_bindgen::JsValue) -> Result<String, String> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| NOT_JSON.to_owned())
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
            stringify(&value)
                .map(Self)
                .map_err(serde::de::Error::custom)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
            Ok(Self(raw.get().to_owned()))
        }
    }
}

/// `object` (a request) written as a JSON object with its member `key` set to `raw` (JSON text
/// passed on as it came, such as a passkey's credential). `raw` is read as JSON first: what is
/// not JSON is refused, never pasted into the result.
pub(crate) fn with_member(object: &impl Serialize, key: &str, raw: &str) -> Result<String, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let object = to_js(object)?;
        if !object.is_object() {
            return Err("not a JSON object".to_owned());
        }
        let value = js_sys::JSON::parse(raw).map_err(|_| NOT_JSON.to_owned())?;
        js_sys::Reflect::set(&object, &key.into(), &value).map_err(|_| NOT_JSON.to_owned())?;
        stringify(&object)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let serde_json::Value::Object(mut object) =
            serde_json::to_value(object).map_err(|error| error.to_string())?
        else {
            return Err("not a JSON object".to_owned());
        };
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
        let request = std::collections::BTreeMap::from([("AccessToken", "t")]);
        let body = with_member(&request, "Credential", r#"{"id":"x"}"#).unwrap();
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"AccessToken": "t", "Credential": {"id": "x"}})
        );
        assert!(with_member(&request, "Credential", "{not json").is_err());
    }
}
