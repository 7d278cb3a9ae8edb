//! The wire types of Amazon Cognito's user-pool API: `POST /` with
//! `Content-Type: application/x-amz-json-1.1` and
//! `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`, PascalCase JSON bodies, and
//! errors shaped `{"__type": "NotAuthorizedException", "message": "..."}`.
//!
//! Shared by the client (`cognito-auth`) and the local server (`local-cognito`) so the two
//! cannot drift. Type names and messages are Cognito's own: clients branch on them.

mod auth;
mod client_json;
mod error;
pub mod json;
mod members;
mod users;

pub use auth::*;
pub use error::{ErrorBody, ErrorKind};
pub use members::Members;
pub use users::*;

/// The `X-Amz-Target` prefix of every user-pool operation.
pub const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";
/// The content type Cognito's JSON protocol uses, both ways.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
