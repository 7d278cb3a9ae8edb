//! Native implementations: an HTTP transport (hyper, plain HTTP or through a TLS-terminating
//! proxy; enough for local-cognito) and the machine's clock and CSPRNG.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use crate::{AuthError, Environment, Transport};

/// HTTP/1.1 over hyper (`http://` endpoints).
#[derive(Clone, Debug)]
pub struct HyperTransport {
    client: Client<HttpConnector, Full<Bytes>>,
}

impl Default for HyperTransport {
    fn default() -> Self {
        Self {
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }
}

impl Transport for HyperTransport {
    async fn post(
        &self,
        endpoint: &str,
        operation: &str,
        body: String,
    ) -> Result<(u16, String), AuthError> {
        if !endpoint.starts_with("http://") {
            return Err(AuthError::Network(format!(
                "the native transport speaks plain http only, not {endpoint}"
            )));
        }
        let request = hyper::Request::post(endpoint)
            .header("content-type", cognito_protocol::CONTENT_TYPE)
            .header(
                "x-amz-target",
                format!("{}{operation}", cognito_protocol::TARGET_PREFIX),
            )
            .header("cache-control", "no-store")
            .body(Full::new(Bytes::from(body)))
            .map_err(|error| AuthError::Network(error.to_string()))?;
        let response = self
            .client
            .request(request)
            .await
            .map_err(|error| AuthError::Network(error.to_string()))?;
        let status = response.status().as_u16();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|error| AuthError::Network(error.to_string()))?
            .to_bytes();
        Ok((status, String::from_utf8_lossy(&bytes).into_owned()))
    }
}

/// The system clock and the OS CSPRNG.
#[must_use]
pub fn system_environment() -> Environment {
    Environment {
        now_ms: Box::new(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|elapsed| elapsed.as_millis() as i64)
                .unwrap_or_default()
        }),
        random: Box::new(|buffer| {
            if getrandom::fill(buffer).is_err() {
                // Never sign in with predictable secrets.
                std::process::abort();
            }
        }),
    }
}
