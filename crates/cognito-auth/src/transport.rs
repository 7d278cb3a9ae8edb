//! How requests reach Cognito: one `POST` per operation.

use cognito_protocol::ErrorBody;

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

/// Sends `body` and returns the text of a successful answer, turning Cognito's error shape into
/// [`AuthError`]. Text in, text out: one copy of this future in the WASM bundle, whatever the
/// message types (the caller writes and reads them with serde).
pub(crate) async fn call<T: Transport>(
    transport: &T,
    endpoint: &str,
    operation: &str,
    body: String,
) -> Result<String, AuthError> {
    let (status, text) = transport.post(endpoint, operation, body).await?;
    if (200..300).contains(&status) {
        return Ok(text);
    }
    Err(service_error(operation, status, &text))
}

/// The error an unsuccessful answer carries: Cognito's `__type` (without any `prefix#`) and
/// message, or, when the body is not Cognito's error shape, what was received.
fn service_error(operation: &str, status: u16, text: &str) -> AuthError {
    match crate::json::from_str::<ErrorBody>(text) {
        Ok(error) => AuthError::Service {
            kind: error
                .kind
                .rsplit('#')
                .next()
                .unwrap_or(&error.kind)
                .to_owned(),
            message: error.message,
        },
        Err(_) => AuthError::UnexpectedResponse(format!("{operation}: HTTP {status}")),
    }
}
