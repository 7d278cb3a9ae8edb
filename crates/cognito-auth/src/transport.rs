//! How requests reach Cognito: one `POST` per operation.

use cognito_protocol::ErrorBody;
use serde::Serialize;
use serde::de::DeserializeOwned;

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

/// Sends `request` and reads the answer, turning Cognito's error shape into [`AuthError`].
pub(crate) async fn call<T: Transport, Q: Serialize, A: DeserializeOwned>(
    transport: &T,
    endpoint: &str,
    operation: &str,
    request: &Q,
) -> Result<A, AuthError> {
    let body = serde_json::to_string(request)
        .map_err(|error| AuthError::UnexpectedResponse(error.to_string()))?;
    let (status, text) = transport.post(endpoint, operation, body).await?;
    if (200..300).contains(&status) {
        return serde_json::from_str(&text)
            .map_err(|error| AuthError::UnexpectedResponse(format!("{operation}: {error}")));
    }
    match serde_json::from_str::<ErrorBody>(&text) {
        Ok(error) => Err(AuthError::Service {
            kind: error
                .kind
                .rsplit('#')
                .next()
                .unwrap_or(&error.kind)
                .to_owned(),
            message: error.message,
        }),
        Err(_) => Err(AuthError::UnexpectedResponse(format!(
            "{operation}: HTTP {status}"
        ))),
    }
}
