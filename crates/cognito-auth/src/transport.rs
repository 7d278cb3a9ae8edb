//! How requests reach Cognito: one `POST` per operation.

use cognito_protocol::ErrorBody;
use cognito_protocol::json::{FromJson, Json};

use crate::AuthError;

/// Sends one Cognito operation: `POST <endpoint>` with `Content-Type:
/// application/x-amz-json-1.1` and `X-Amz-Target: AWSCognitoIdentityProviderService.<operation>`.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// The response's status and body text.
    async fn post(
        &self,
        endpoint: &str,
        operation: &str,
        body: String,
    ) -> Result<(u16, String), AuthError>;
}

/// Sends `request` and reads the answer's JSON, turning Cognito's error shape into
/// [`AuthError`]. One function for every operation (the answer's type is read by the caller), so
/// the WASM bundle carries one copy of this future rather than one per request and answer type.
pub(crate) async fn call<T: Transport>(
    transport: &T,
    endpoint: &str,
    operation: &str,
    request: Json,
) -> Result<Json, AuthError> {
    let body = request.to_json_string();
    let (status, text) = transport.post(endpoint, operation, body).await?;
    let json = Json::parse(&text);
    if (200..300).contains(&status) {
        return json
            .map_err(|error| AuthError::UnexpectedResponse(format!("{operation}: {error}")));
    }
    match json.ok().as_ref().and_then(ErrorBody::from_json) {
        Some(error) => Err(AuthError::Service {
            kind: error
                .kind
                .rsplit('#')
                .next()
                .unwrap_or(&error.kind)
                .to_owned(),
            message: error.message,
        }),
        None => Err(AuthError::UnexpectedResponse(format!(
            "{operation}: HTTP {status}"
        ))),
    }
}
