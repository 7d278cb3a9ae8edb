//! The wire types of Amazon Cognito's user-pool API: `POST /` with
//! `Content-Type: application/x-amz-json-1.1` and
//! `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`, PascalCase JSON bodies, and
//! errors shaped `{"__type": "NotAuthorizedException", "message": "..."}`.
//!
//! Each message is defined once, with serde derive, and read and written with `serde_json` by
//! both sides: the client (`cognito-auth`, natively and in the browser) and the local server
//! (`local-cognito`), so the two cannot drift. Type names and messages are Cognito's own:
//! clients branch on them.
//!
//! Secrets (passwords, answers, codes, tokens) are [`SecretString`]s: their `Debug` prints a
//! placeholder, so a message can be logged or debug-printed without leaking them.

mod auth;
mod error;
mod mfa;
pub mod secret;
mod users;

use std::collections::HashMap;

pub use auth::*;
pub use error::{ErrorBody, ErrorKind};
pub use mfa::*;
pub use secrecy::{ExposeSecret, SecretString};
pub use users::*;

/// String-to-string maps of public values: `ChallengeParameters`, `ClientMetadata`, ….
///
/// Hash maps, as JSON objects have no order: a `BTreeMap`'s code (ordered insertion,
/// rebalancing, its own drop) cost the login page ~2.5 KB brotli more.
pub type StringMap = HashMap<String, String>;

/// String-to-string maps that may hold secrets: `AuthParameters` (`PASSWORD`, `REFRESH_TOKEN`)
/// and `ChallengeResponses` (`ANSWER`, `NEW_PASSWORD`, codes). Every value is a secret, the
/// username too: what matters is that none can be printed by mistake.
pub type SecretMap = HashMap<String, SecretString>;

/// The `X-Amz-Target` prefix of every user-pool operation.
pub const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";
/// The content type Cognito's JSON protocol uses, both ways.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// A [`SecretMap`] of these entries.
pub fn secret_map<'a, V: Into<SecretString>>(
    entries: impl IntoIterator<Item = (&'a str, V)>,
) -> SecretMap {
    let mut map = SecretMap::new();
    for (name, value) in entries {
        map.insert(name.to_owned(), value.into());
    }
    map
}
