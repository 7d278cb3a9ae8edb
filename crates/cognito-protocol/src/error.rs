//! Cognito's error shape and the exception types clients branch on.

use serde::{Deserialize, Serialize};

/// `{"__type": "...", "message": "..."}`, the body of every error response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The exception name, e.g. `NotAuthorizedException`.
    #[serde(rename = "__type")]
    pub kind: String,
    /// The human-readable message; clients also branch on some of these. Some AWS services
    /// write `Message`; a `null` or missing one reads as empty, and an empty one is not written
    /// (Cognito sends some errors, such as `SerializationException`, without one).
    #[serde(
        default,
        alias = "Message",
        deserialize_with = "null_as_empty",
        skip_serializing_if = "String::is_empty"
    )]
    pub message: String,
}

fn null_as_empty<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

macro_rules! error_kinds {
    ($($(#[$doc:meta])* $name:ident = $status:literal,)*) => {
        /// The exceptions this project speaks, with the HTTP status Cognito answers them with.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorKind {
            $($(#[$doc])* $name,)*
        }

        impl ErrorKind {
            /// The `__type` string.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$name => stringify!($name),)*
                }
            }

            /// The HTTP status code Cognito uses for this exception.
            #[must_use]
            pub fn status(self) -> u16 {
                match self {
                    $(Self::$name => $status,)*
                }
            }

            /// The kind named by a `__type` (which may carry a `prefix#`), if known.
            #[must_use]
            pub fn parse(kind: &str) -> Option<Self> {
                let name = kind.rsplit('#').next().unwrap_or(kind);
                match name {
                    $(stringify!($name) => Some(Self::$name),)*
                    _ => None,
                }
            }
        }
    };
}

error_kinds! {
    /// Wrong password or answer, expired session, disabled user, password attempts exceeded.
    NotAuthorizedException = 400,
    /// The user does not exist (only when the pool does not prevent user-existence errors).
    UserNotFoundException = 400,
    /// A parameter is missing, malformed or not allowed here.
    InvalidParameterException = 400,
    /// A password does not meet the pool's policy.
    InvalidPasswordException = 400,
    /// A Lambda trigger failed or rejected the request.
    UserLambdaValidationException = 400,
    /// A Lambda trigger answered with a malformed response.
    InvalidLambdaResponseException = 400,
    /// A Lambda trigger did not answer in time or could not be reached.
    UnexpectedLambdaException = 400,
    /// The pool, client or other resource does not exist.
    ResourceNotFoundException = 400,
    /// The username is taken.
    UsernameExistsException = 400,
    /// A confirmation code is wrong.
    CodeMismatchException = 400,
    /// A confirmation code has expired.
    ExpiredCodeException = 400,
    /// The user has not confirmed their sign-up.
    UserNotConfirmedException = 400,
    /// An administrator required a password reset.
    PasswordResetRequiredException = 400,
    /// Too many requests.
    TooManyRequestsException = 400,
    /// A limit (e.g. of code requests) was exceeded.
    LimitExceededException = 400,
    /// An alias (e.g. e-mail) is already used by another user.
    AliasExistsException = 400,
    /// A group of that name exists.
    GroupExistsException = 400,
    /// The pool's feature plan (`UserPoolTier`) does not include what was asked.
    FeatureUnavailableInTierException = 400,
    /// A rotated refresh token was used after its grace period (the family is revoked).
    RefreshTokenReuseException = 400,
    /// The user has no authenticator app set up.
    SoftwareTokenMFANotFoundException = 400,
    /// An authenticator app could not be set up (a wrong first code).
    EnableSoftwareTokenMFAException = 400,
    /// The pool does not offer passkeys.
    WebAuthnNotEnabledException = 400,
    /// No passkey registration is waiting for this credential.
    WebAuthnChallengeNotFoundException = 400,
    /// The credential was made for another relying party.
    WebAuthnRelyingPartyMismatchException = 400,
    /// The credential was made on an origin the relying party does not allow.
    WebAuthnOriginNotAllowedException = 400,
    /// The credential does not match what was asked for.
    WebAuthnClientMismatchException = 400,
    /// The credential's kind is not supported.
    WebAuthnCredentialNotSupportedException = 400,
    /// The operation is not known.
    UnknownOperationException = 400,
    /// The body is not valid JSON of the operation's shape.
    SerializationException = 400,
    /// An operation that needs AWS credentials came without a SigV4 `Authorization` header.
    MissingAuthenticationTokenException = 403,
    /// The `Authorization` header is not a well-formed SigV4 one.
    IncompleteSignatureException = 400,
    /// The request may not use this resource (local-cognito: `/_local` from another origin).
    AccessDeniedException = 403,
    /// The server failed.
    InternalErrorException = 500,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_prefixed_and_plain_types() {
        assert_eq!(
            ErrorKind::parse("NotAuthorizedException"),
            Some(ErrorKind::NotAuthorizedException)
        );
        assert_eq!(
            ErrorKind::parse("com.amazonaws.cognito#UserNotFoundException"),
            Some(ErrorKind::UserNotFoundException)
        );
        assert_eq!(ErrorKind::parse("Nope"), None);
    }

    #[test]
    fn error_body_round_trips() {
        let body: ErrorBody = serde_json::from_str(
            r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#,
        )
        .unwrap();
        assert_eq!(body.kind, "NotAuthorizedException");
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#
        );
        let bare: ErrorBody = serde_json::from_str(r#"{"__type":"X","message":null}"#).unwrap();
        assert_eq!(bare.message, "");
        let capital: ErrorBody = serde_json::from_str(r#"{"__type":"X","Message":"m"}"#).unwrap();
        assert_eq!(capital.message, "m");
        assert!(serde_json::from_str::<ErrorBody>(r#"{"__type":5}"#).is_err());
    }
}
