//! Writing secrets with serde. `secrecy` deliberately gives [`SecretString`] no `Serialize`, so
//! that a secret is never written by accident; the message fields that must carry one name these
//! functions in `serialize_with`.

use secrecy::{ExposeSecret, SecretString};
use serde::Serializer;
use serde::ser::SerializeMap;

use crate::SecretMap;

/// A secret, as its text.
pub fn serialize<S: Serializer>(secret: &SecretString, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(secret.expose_secret())
}

/// An optional secret (fields skipped when `None`).
pub fn serialize_option<S: Serializer>(
    secret: &Option<SecretString>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match secret {
        Some(secret) => serializer.serialize_str(secret.expose_secret()),
        None => serializer.serialize_none(),
    }
}

/// A map of secrets, as a JSON object of strings.
pub fn serialize_map<S: Serializer>(map: &SecretMap, serializer: S) -> Result<S::Ok, S::Error> {
    let mut object = serializer.serialize_map(Some(map.len()))?;
    for (name, value) in map {
        object.serialize_entry(name, value.expose_secret())?;
    }
    object.end()
}

#[cfg(test)]
mod tests {
    use crate::{InitiateAuthRequest, secret_map};

    #[test]
    fn secrets_are_written_but_never_debug_printed() {
        let request = InitiateAuthRequest {
            auth_flow: "USER_PASSWORD_AUTH".to_owned(),
            auth_parameters: secret_map([
                ("USERNAME", "alice".to_owned()),
                ("PASSWORD", "hunter2-secret".to_owned()),
            ]),
            client_id: "client".to_owned(),
            ..InitiateAuthRequest::default()
        };
        let written = serde_json::to_string(&request).unwrap();
        assert!(
            written.contains(r#""PASSWORD":"hunter2-secret""#),
            "{written}"
        );
        let printed = format!("{request:?}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(printed.contains("REDACTED"), "{printed}");
    }
}
