//! Where the pool is: region, pool id, app client id and the endpoint (Cognito's, or an
//! override such as local-cognito or a proxy). Read from Amplify's `amplify_outputs.json`.

use serde::Deserialize;

/// The pool and how to reach it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthConfig {
    /// e.g. `us-east-1`.
    pub region: String,
    /// `<region>_<name>`.
    pub user_pool_id: String,
    /// The app client (without a secret).
    pub user_pool_client_id: String,
    /// `https://cognito-idp.<region>.amazonaws.com/` unless overridden.
    pub endpoint: String,
}

/// Why a configuration was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// Not JSON.
    #[error("the configuration is not valid JSON: {0}")]
    NotJson(String),
    /// A required key is missing or not a string.
    #[error("the configuration has no `{0}`")]
    Missing(&'static str),
    /// The pool id is not `<region>_<name>`.
    #[error("`auth.user_pool_id` must look like <region>_<name>, not `{0}`")]
    BadPoolId(String),
    /// The endpoint is not an http(s) URL.
    #[error("the endpoint must be an http(s) URL, not `{0}`")]
    BadEndpoint(String),
}

impl AuthConfig {
    /// A configuration for Cognito itself.
    pub fn new(user_pool_id: &str, user_pool_client_id: &str) -> Result<Self, ConfigError> {
        let region = user_pool_id
            .split_once('_')
            .filter(|(region, name)| !region.is_empty() && !name.is_empty())
            .map(|(region, _)| region.to_owned())
            .ok_or_else(|| ConfigError::BadPoolId(user_pool_id.to_owned()))?;
        Ok(Self {
            endpoint: format!("https://cognito-idp.{region}.amazonaws.com/"),
            region,
            user_pool_id: user_pool_id.to_owned(),
            user_pool_client_id: user_pool_client_id.to_owned(),
        })
    }

    /// The same pool reached at `endpoint` (local-cognito, a proxy path such as `/cognito/`).
    pub fn with_endpoint(mut self, endpoint: &str) -> Result<Self, ConfigError> {
        let valid = endpoint.starts_with("http://")
            || endpoint.starts_with("https://")
            || endpoint.starts_with('/');
        if !valid {
            return Err(ConfigError::BadEndpoint(endpoint.to_owned()));
        }
        self.endpoint = endpoint.to_owned();
        Ok(self)
    }

    /// Reads `auth.aws_region`, `auth.user_pool_id` and `auth.user_pool_client_id` of an
    /// `amplify_outputs.json`; `auth.endpoint` (our addition) overrides the endpoint.
    pub fn from_amplify_outputs(json: &str) -> Result<Self, ConfigError> {
        let outputs: AmplifyOutputs = crate::json::from_str(json).map_err(ConfigError::NotJson)?;
        Self::from_auth_outputs(outputs.auth.unwrap_or_default())
    }

    /// The same, from the `auth` section already read (an app that reads other sections of the
    /// file reads it once).
    pub fn from_auth_outputs(auth: AuthOutputs) -> Result<Self, ConfigError> {
        let field = |value: Option<String>, name: &'static str| {
            value
                .filter(|text| !text.is_empty())
                .ok_or(ConfigError::Missing(name))
        };
        let pool_id = field(auth.user_pool_id, "auth.user_pool_id")?;
        let client_id = field(auth.user_pool_client_id, "auth.user_pool_client_id")?;
        let mut config = Self::new(&pool_id, &client_id)?;
        if let Some(region) = auth.aws_region.filter(|region| !region.is_empty()) {
            config.endpoint = format!("https://cognito-idp.{region}.amazonaws.com/");
            config.region = region;
        }
        match auth.endpoint {
            Some(endpoint) => config.with_endpoint(&endpoint),
            None => Ok(config),
        }
    }
}

/// The part of `amplify_outputs.json` read here. Keys of the wrong type are refused (with what
/// serde says about them); unknown keys are ignored, as Amplify ignores them.
#[derive(Deserialize)]
struct AmplifyOutputs {
    #[serde(default)]
    auth: Option<AuthOutputs>,
}

/// The `auth` section of `amplify_outputs.json`, as far as this library reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct AuthOutputs {
    /// `aws_region`.
    pub aws_region: Option<String>,
    /// `user_pool_id`.
    pub user_pool_id: Option<String>,
    /// `user_pool_client_id`.
    pub user_pool_client_id: Option<String>,
    /// `endpoint` (our addition): local-cognito, a proxy path such as `/cognito/`.
    pub endpoint: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_amplify_outputs() {
        let json = r#"{"version":"1.3","auth":{"aws_region":"eu-west-1","user_pool_id":"eu-west-1_Abc","user_pool_client_id":"client"}}"#;
        let config = AuthConfig::from_amplify_outputs(json).unwrap();
        assert_eq!(
            config.endpoint,
            "https://cognito-idp.eu-west-1.amazonaws.com/"
        );
        assert_eq!(config.user_pool_client_id, "client");
        let local = r#"{"auth":{"user_pool_id":"us-east-1_X","user_pool_client_id":"c","endpoint":"/cognito/"}}"#;
        assert_eq!(
            AuthConfig::from_amplify_outputs(local).unwrap().endpoint,
            "/cognito/"
        );
        assert_eq!(
            AuthConfig::from_amplify_outputs("{}"),
            Err(ConfigError::Missing("auth.user_pool_id"))
        );
        assert!(matches!(
            AuthConfig::from_amplify_outputs("nope"),
            Err(ConfigError::NotJson(_))
        ));
        let bad = r#"{"auth":{"user_pool_id":"nounderscore","user_pool_client_id":"c"}}"#;
        assert_eq!(
            AuthConfig::from_amplify_outputs(bad),
            Err(ConfigError::BadPoolId("nounderscore".to_owned()))
        );
        let javascript = r#"{"auth":{"user_pool_id":"us-east-1_X","user_pool_client_id":"c","endpoint":"javascript:alert(1)"}}"#;
        assert!(matches!(
            AuthConfig::from_amplify_outputs(javascript),
            Err(ConfigError::BadEndpoint(_))
        ));
    }
}
