//! Lambda triggers: events and responses shaped exactly as Lambda sees them, run by one of
//! three kinds of handler, named per pool in `LambdaConfig`:
//!
//! - `builtin:<name>[:<argument>]`: Rust handlers shipped with local-cognito ([`builtin`]);
//! - `node:<path>`: a Node.js handler file run unchanged ([`node`]);
//! - `lambda:<function>` or a Lambda ARN: `POST <endpoint>/2015-03-31/functions/<function>/invocations`
//!   on the configured Lambda endpoint ([`lambda`]).
//!
//! A handler that throws, times out or cannot be reached gives `UserLambdaValidationException`;
//! the caller turns a malformed response into `InvalidLambdaResponseException`.

pub mod builtin;
mod captcha;
mod captcha_audio;
mod lambda;
mod node;

use std::path::PathBuf;
use std::time::Duration;

use cognito_protocol::ErrorKind;
use serde_json::{Map, Value, json};

use crate::error::{ApiError, ApiResult};
use crate::model::Pool;

/// How long a handler may run, as a Lambda function configured with a 5-second timeout.
pub const TIMEOUT: Duration = Duration::from_secs(5);

/// The triggers local-cognito runs (the keys of `LambdaConfig`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// Decides the next challenge, or tokens, or failure.
    DefineAuthChallenge,
    /// Makes a custom challenge (public and private parameters).
    CreateAuthChallenge,
    /// Checks an answer.
    VerifyAuthChallengeResponse,
    /// Brings a user over from a legacy directory.
    UserMigration,
}

impl Trigger {
    /// The `LambdaConfig` key.
    pub fn config_key(self) -> &'static str {
        match self {
            Self::DefineAuthChallenge => "DefineAuthChallenge",
            Self::CreateAuthChallenge => "CreateAuthChallenge",
            Self::VerifyAuthChallengeResponse => "VerifyAuthChallengeResponse",
            Self::UserMigration => "UserMigration",
        }
    }
}

/// A reference to a handler, parsed from a `LambdaConfig` value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HandlerRef {
    /// A handler built into local-cognito.
    Builtin {
        /// e.g. `captcha-define`.
        name: String,
        /// What follows the name, e.g. a file path.
        argument: Option<String>,
    },
    /// A Node.js handler file.
    Node(PathBuf),
    /// A function behind the Lambda Invoke API.
    Lambda(String),
}

impl HandlerRef {
    /// Parses `builtin:…`, `node:…`, `lambda:…` or `arn:aws:lambda:…:function:<name>`.
    pub fn parse(text: &str) -> Option<Self> {
        if let Some(rest) = text.strip_prefix("builtin:") {
            let (name, argument) = match rest.split_once(':') {
                Some((name, argument)) => (name, Some(argument.to_owned())),
                None => (rest, None),
            };
            return Some(Self::Builtin {
                name: name.to_owned(),
                argument,
            });
        }
        if let Some(path) = text.strip_prefix("node:") {
            return Some(Self::Node(PathBuf::from(path)));
        }
        if let Some(name) = text.strip_prefix("lambda:") {
            return Some(Self::Lambda(name.to_owned()));
        }
        if text.starts_with("arn:") {
            let name = text.split(":function:").nth(1)?.split(':').next()?;
            return Some(Self::Lambda(name.to_owned()));
        }
        None
    }
}

/// Runs triggers.
#[derive(Debug, Clone)]
pub struct Triggers {
    /// Base URL of the Lambda Invoke API (`lambda:` handlers), e.g. `http://127.0.0.1:9001`.
    pub lambda_endpoint: Option<String>,
    /// The `node` executable.
    pub node: PathBuf,
    /// Relative `node:` paths are resolved against this directory (the config file's).
    pub base_dir: PathBuf,
    /// The one directory whose files a pool created or updated through the API may name as
    /// handlers (`node:…`, `builtin:…:<file>`); `None`: no file at all.
    pub api_handler_dir: Option<PathBuf>,
}

impl Default for Triggers {
    fn default() -> Self {
        Self {
            lambda_endpoint: None,
            node: PathBuf::from("node"),
            base_dir: PathBuf::from("."),
            api_handler_dir: None,
        }
    }
}

/// Cognito's pattern for a trigger's Lambda ARN, quoted in its validation message.
const ARN_PATTERN: &str =
    r"arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[0-9]+)?";

impl Triggers {
    /// Checks the `LambdaConfig` of a pool created or updated through the API: it may name
    /// Lambda functions (run through the Lambda endpoint) and the built-in handlers, and files
    /// (`node:` handlers, a built-in's file) only inside [`Triggers::api_handler_dir`]. A Node file
    /// anywhere else is code the request would have the server run; only the person who starts
    /// the server chooses those (the TOML configuration).
    pub fn check_api_lambda_config(&self, config: &Map<String, Value>) -> ApiResult<()> {
        for (key, value) in config {
            let refused = || {
                let field = key
                    .chars()
                    .next()
                    .map(|first| first.to_ascii_lowercase().to_string() + &key[first.len_utf8()..])
                    .unwrap_or_default();
                ApiError::invalid_parameter(format!(
                    "1 validation error detected: Value '{}' at 'lambdaConfig.{field}' failed to \
                     satisfy constraint: Member must satisfy regular expression pattern: {ARN_PATTERN}",
                    value.as_str().unwrap_or_default()
                ))
            };
            let Some(text) = value.as_str() else {
                return Err(refused());
            };
            let file = match HandlerRef::parse(text).ok_or_else(refused)? {
                HandlerRef::Lambda(_) => None,
                HandlerRef::Builtin { argument, .. } => argument.map(PathBuf::from),
                HandlerRef::Node(path) => Some(path),
            };
            if let Some(file) = file
                && !self.is_api_handler_file(&file)
            {
                return Err(refused());
            }
        }
        Ok(())
    }

    /// Whether `file` (relative to the config's directory, as handlers are) is inside the
    /// directory API-created pools may name, once links and `..` are resolved.
    fn is_api_handler_file(&self, file: &std::path::Path) -> bool {
        let Some(allowed) = self
            .api_handler_dir
            .as_ref()
            .and_then(|dir| dir.canonicalize().ok())
        else {
            return false;
        };
        let path = if file.is_absolute() {
            file.to_path_buf()
        } else {
            self.base_dir.join(file)
        };
        path.canonicalize()
            .is_ok_and(|resolved| resolved.starts_with(&allowed))
    }

    /// The pool's handler for `trigger`, if one is configured.
    pub fn handler(pool: &Pool, trigger: Trigger) -> ApiResult<Option<HandlerRef>> {
        match pool.lambda_config.get(trigger.config_key()) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => HandlerRef::parse(text).map(Some).ok_or_else(|| {
                ApiError::invalid_parameter(format!(
                    "Unrecognised {} handler: {text}",
                    trigger.config_key()
                ))
            }),
            Some(_) => Err(ApiError::invalid_parameter(
                "LambdaConfig values must be strings",
            )),
        }
    }

    /// Invokes `handler` with `event` and returns the event it hands back.
    pub async fn invoke(
        &self,
        trigger: Trigger,
        handler: &HandlerRef,
        event: Value,
    ) -> ApiResult<Value> {
        let outcome = match handler {
            HandlerRef::Builtin { name, argument } => {
                builtin::run(name, argument.as_deref(), &self.base_dir, event).await
            }
            HandlerRef::Node(path) => {
                let path = if path.is_absolute() {
                    path.clone()
                } else {
                    self.base_dir.join(path)
                };
                node::run(&self.node, &path, event).await
            }
            HandlerRef::Lambda(function) => match &self.lambda_endpoint {
                Some(endpoint) => lambda::run(endpoint, function, event).await,
                None => Err(HandlerError::Unreachable(
                    "no Lambda endpoint is configured".to_owned(),
                )),
            },
        };
        outcome.map_err(|error| error.into_api_error(trigger))
    }
}

/// Why a handler gave no event back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HandlerError {
    /// It threw, or called back with an error.
    Failed(String),
    /// It ran past [`TIMEOUT`].
    TimedOut,
    /// It could not be started or reached.
    Unreachable(String),
}

impl HandlerError {
    fn into_api_error(self, trigger: Trigger) -> ApiError {
        let name = trigger.config_key();
        match self {
            Self::Failed(message) => ApiError::new(
                ErrorKind::UserLambdaValidationException,
                format!("{name} failed with error {message}."),
            ),
            Self::TimedOut => ApiError::new(
                ErrorKind::UserLambdaValidationException,
                format!("{name} failed with error Task timed out after 5.00 seconds."),
            ),
            Self::Unreachable(cause) => {
                tracing::warn!(trigger = name, %cause, "trigger unreachable");
                ApiError::new(
                    ErrorKind::UnexpectedLambdaException,
                    format!("{name} invocation failed."),
                )
            }
        }
    }
}

/// The fields every trigger event has.
pub fn event(
    pool: &Pool,
    client_id: &str,
    username: &str,
    trigger_source: &str,
    request: Value,
    response: Value,
) -> Value {
    let mut event = match json!({
        "version": "1",
        "region": pool.region(),
        "userPoolId": pool.id,
        "userName": username,
        "callerContext": { "awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": client_id },
        "triggerSource": trigger_source,
    }) {
        Value::Object(event) => event,
        _ => Map::new(),
    };
    event.insert("request".to_owned(), request);
    event.insert("response".to_owned(), response);
    Value::Object(event)
}

/// `event.response` of a handler's answer, which must be an object.
pub fn response_of(trigger: Trigger, answer: &Value) -> ApiResult<&Map<String, Value>> {
    answer
        .get("response")
        .and_then(Value::as_object)
        .ok_or_else(|| invalid_response(trigger))
}

/// `InvalidLambdaResponseException` for a malformed answer of `trigger`.
pub fn invalid_response(trigger: Trigger) -> ApiError {
    ApiError::new(
        ErrorKind::InvalidLambdaResponseException,
        format!(
            "Unrecognizable lambda output from {}.",
            trigger.config_key()
        ),
    )
}
