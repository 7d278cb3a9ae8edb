//! The messages a client sends and reads, as [`Json`]: the same shapes serde gives them (the
//! tests compare both), without serde's code in the browser.

use crate::json::{FromJson, Json, ToJson};
use crate::{
    AccessTokenRequest, AuthResponse, AuthenticationResult, ChallengeName, ErrorBody,
    InitiateAuthRequest, RespondToAuthChallengeRequest, RevokeTokenRequest,
};

/// Members that serde leaves out when `None`.
fn with_optional<'a>(
    mut members: Vec<(&'a str, Json)>,
    optional: impl IntoIterator<Item = (&'a str, Option<Json>)>,
) -> Json {
    members.extend(
        optional
            .into_iter()
            .filter_map(|(key, value)| Some((key, value?))),
    );
    Json::object(members)
}

/// An optional member: absent or `null` is `Some(None)`; present with the wrong shape is `None`.
fn optional<T>(json: &Json, key: &str, read: impl Fn(&Json) -> Option<T>) -> Option<Option<T>> {
    match json.get(key) {
        None | Some(Json::Null) => Some(None),
        Some(value) => read(value).map(Some),
    }
}

fn string(json: &Json) -> Option<String> {
    json.as_str().map(str::to_owned)
}

impl ToJson for InitiateAuthRequest {
    fn to_json(&self) -> Json {
        with_optional(
            vec![
                ("AuthFlow", Json::from(self.auth_flow.as_str())),
                ("AuthParameters", Json::strings(&self.auth_parameters)),
                ("ClientId", Json::from(self.client_id.as_str())),
            ],
            [
                (
                    "ClientMetadata",
                    self.client_metadata.as_ref().map(Json::strings),
                ),
                ("UserPoolId", self.user_pool_id.clone().map(Json::from)),
            ],
        )
    }
}

impl ToJson for RespondToAuthChallengeRequest {
    fn to_json(&self) -> Json {
        with_optional(
            vec![
                ("ChallengeName", Json::from(self.challenge_name.as_str())),
                (
                    "ChallengeResponses",
                    Json::strings(&self.challenge_responses),
                ),
                ("ClientId", Json::from(self.client_id.as_str())),
            ],
            [
                ("Session", self.session.clone().map(Json::from)),
                (
                    "ClientMetadata",
                    self.client_metadata.as_ref().map(Json::strings),
                ),
                ("UserPoolId", self.user_pool_id.clone().map(Json::from)),
            ],
        )
    }
}

impl ToJson for AccessTokenRequest {
    fn to_json(&self) -> Json {
        Json::object([("AccessToken", Json::from(self.access_token.as_str()))])
    }
}

impl ToJson for RevokeTokenRequest {
    fn to_json(&self) -> Json {
        with_optional(
            vec![
                ("Token", Json::from(self.token.as_str())),
                ("ClientId", Json::from(self.client_id.as_str())),
            ],
            [("ClientSecret", self.client_secret.clone().map(Json::from))],
        )
    }
}

impl FromJson for AuthResponse {
    fn from_json(json: &Json) -> Option<Self> {
        json.as_object()?;
        Some(Self {
            challenge_name: optional(json, "ChallengeName", |name| {
                ChallengeName::from_name(name.as_str()?)
            })?,
            session: optional(json, "Session", string)?,
            challenge_parameters: optional(json, "ChallengeParameters", Json::as_string_map)?,
            authentication_result: optional(
                json,
                "AuthenticationResult",
                AuthenticationResult::from_json,
            )?,
        })
    }
}

impl FromJson for AuthenticationResult {
    fn from_json(json: &Json) -> Option<Self> {
        Some(Self {
            access_token: string(&json["AccessToken"])?,
            expires_in: u64::try_from(json["ExpiresIn"].as_i64()?).ok()?,
            id_token: string(&json["IdToken"])?,
            refresh_token: optional(json, "RefreshToken", string)?,
            token_type: string(&json["TokenType"])?,
        })
    }
}

impl FromJson for ErrorBody {
    fn from_json(json: &Json) -> Option<Self> {
        Some(Self {
            kind: string(&json["__type"])?,
            message: optional(json, "message", string)?.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use super::*;

    fn writes_as_serde<T: ToJson + Serialize>(message: &T) {
        let ours: serde_json::Value =
            serde_json::from_str(&message.to_json().to_json_string()).unwrap();
        assert_eq!(ours, serde_json::to_value(message).unwrap());
    }

    fn reads_as_serde<T: FromJson + DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) {
        let ours = T::from_json(&Json::parse(text).unwrap());
        let theirs = serde_json::from_str::<T>(text).ok();
        assert_eq!(ours, theirs, "{text}");
    }

    fn map(pairs: &[(&str, &str)]) -> crate::StringMap {
        pairs
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect()
    }

    #[test]
    fn requests_are_written_as_serde_writes_them() {
        writes_as_serde(&InitiateAuthRequest {
            auth_flow: "USER_SRP_AUTH".to_owned(),
            auth_parameters: map(&[("USERNAME", "alice"), ("SRP_A", "ab\"\\\n")]),
            client_id: "client".to_owned(),
            client_metadata: None,
            user_pool_id: None,
        });
        writes_as_serde(&InitiateAuthRequest {
            auth_flow: "CUSTOM_AUTH".to_owned(),
            auth_parameters: map(&[]),
            client_id: "c".to_owned(),
            client_metadata: Some(map(&[("k", "v")])),
            user_pool_id: Some("us-east-1_X".to_owned()),
        });
        writes_as_serde(&RespondToAuthChallengeRequest {
            challenge_name: "CUSTOM_CHALLENGE".to_owned(),
            challenge_responses: map(&[("USERNAME", "alice"), ("ANSWER", "é😀")]),
            client_id: "c".to_owned(),
            session: Some("s".to_owned()),
            client_metadata: Some(map(&[])),
            user_pool_id: None,
        });
        writes_as_serde(&RespondToAuthChallengeRequest::default());
        writes_as_serde(&AccessTokenRequest {
            access_token: "t".to_owned(),
        });
        writes_as_serde(&RevokeTokenRequest {
            token: "r".to_owned(),
            client_id: "c".to_owned(),
            client_secret: None,
        });
    }

    #[test]
    fn answers_are_read_as_serde_reads_them() {
        for text in [
            r#"{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SALT":"ab","SRP_B":"cd"}}"#,
            r#"{"ChallengeName":"CUSTOM_CHALLENGE","Session":"s","ChallengeParameters":{"captchaUrl":"data:image/png;base64,AA"}}"#,
            r#"{"AuthenticationResult":{"AccessToken":"a","ExpiresIn":3600,"IdToken":"i","RefreshToken":"r","TokenType":"Bearer"},"ChallengeParameters":{}}"#,
            r#"{"AuthenticationResult":{"AccessToken":"a","ExpiresIn":3600,"IdToken":"i","TokenType":"Bearer"},"Unknown":[1]}"#,
            r#"{"ChallengeName":null,"Session":null,"ChallengeParameters":null,"AuthenticationResult":null}"#,
            "{}",
            // Shapes that are not an answer: both refuse them.
            r#"{"ChallengeName":"NOT_A_CHALLENGE"}"#,
            r#"{"ChallengeName":7}"#,
            r#"{"ChallengeParameters":{"SALT":1}}"#,
            r#"{"Session":["s"]}"#,
            r#"{"AuthenticationResult":{"AccessToken":"a","ExpiresIn":-1,"IdToken":"i","TokenType":"Bearer"}}"#,
            r#"{"AuthenticationResult":{"AccessToken":"a","ExpiresIn":"3600","IdToken":"i","TokenType":"Bearer"}}"#,
            r#"{"AuthenticationResult":{"AccessToken":"a","IdToken":"i","TokenType":"Bearer"}}"#,
            r#"{"AuthenticationResult":"tokens"}"#,
            "\"text\"",
            "null",
        ] {
            reads_as_serde::<AuthResponse>(text);
        }
        for text in [
            r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#,
            r#"{"__type":"com.amazonaws#ResourceNotFoundException"}"#,
            r#"{"message":"no type"}"#,
            r#"{"__type":1}"#,
        ] {
            reads_as_serde::<ErrorBody>(text);
        }
        // serde would read a struct from an array's items; the client wants an object.
        assert_eq!(AuthResponse::from_json(&Json::Array(vec![])), None);
        assert_eq!(ErrorBody::from_json(&Json::Array(vec![])), None);
        // Where serde refuses a `null` message, the client just has no message.
        let no_message = Json::parse(r#"{"__type":"X","message":null}"#).unwrap();
        assert_eq!(ErrorBody::from_json(&no_message).unwrap().message, "");
    }

    #[test]
    fn every_challenge_name_reads_back() {
        for &name in ChallengeName::ALL {
            assert_eq!(ChallengeName::from_name(name.as_str()), Some(name));
        }
        assert_eq!(ChallengeName::from_name("password_verifier"), None);
    }
}
