//! Errors as Cognito sends them: `{"__type": …, "message": …}` with its HTTP status.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cognito_protocol::{CONTENT_TYPE, ErrorBody, ErrorKind};

/// An error a client sees. Internal failures become `InternalErrorException` with no detail.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", kind.as_str())]
pub struct ApiError {
    /// The exception type.
    pub kind: ErrorKind,
    /// Cognito's message for it.
    pub message: String,
}

/// Result of an operation.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// `NotAuthorizedException: Incorrect username or password.`, the answer to a wrong
    /// password, a wrong answer that ends the sign-in, and an unknown user when the pool
    /// prevents user-existence errors.
    pub fn incorrect_credentials() -> Self {
        Self::new(
            ErrorKind::NotAuthorizedException,
            "Incorrect username or password.",
        )
    }

    /// `CodeMismatchException: Invalid code received for user`, the answer to a wrong sign-in or
    /// second-factor code.
    pub fn code_mismatch() -> Self {
        Self::new(
            ErrorKind::CodeMismatchException,
            "Invalid code received for user",
        )
    }

    /// `NotAuthorizedException: Invalid session for the user, session is expired.`
    pub fn expired_session() -> Self {
        Self::new(
            ErrorKind::NotAuthorizedException,
            "Invalid session for the user, session is expired.",
        )
    }

    /// `InvalidParameterException` with `message`.
    pub fn invalid_parameter(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidParameterException, message)
    }

    /// `InvalidParameterException: Missing required parameter NAME`.
    pub fn missing(parameter: &str) -> Self {
        Self::invalid_parameter(format!("Missing required parameter {parameter}"))
    }

    /// `UserNotFoundException: User does not exist.`
    pub fn user_not_found() -> Self {
        Self::new(ErrorKind::UserNotFoundException, "User does not exist.")
    }

    /// `InternalErrorException`; the cause is logged, never sent.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        Self::new(ErrorKind::InternalErrorException, "Internal server error.")
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(error: rusqlite::Error) -> Self {
        Self::internal(error)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.kind.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = ErrorBody {
            kind: self.kind.as_str().to_owned(),
            message: self.message,
        };
        let mut response =
            (status, serde_json::to_string(&body).unwrap_or_default()).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        headers.insert(
            "x-amzn-errortype",
            HeaderValue::from_static(self.kind.as_str()),
        );
        response
    }
}
