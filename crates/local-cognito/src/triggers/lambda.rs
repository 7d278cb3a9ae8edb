//! Handlers behind the AWS Lambda Invoke REST API:
//! `POST <endpoint>/2015-03-31/functions/<function>/invocations`, the event as the body, the
//! handler's answer as the response; `X-Amz-Function-Error` marks a thrown error.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

use super::{HandlerError, TIMEOUT};

pub(super) async fn run(
    endpoint: &str,
    function: &str,
    event: Value,
) -> Result<Value, HandlerError> {
    let uri = format!(
        "{}/2015-03-31/functions/{function}/invocations",
        endpoint.trim_end_matches('/')
    );
    let request = Request::post(&uri)
        .header("content-type", "application/json")
        .header("x-amz-invocation-type", "RequestResponse")
        .body(Full::new(Bytes::from(event.to_string())))
        .map_err(|error| HandlerError::Unreachable(format!("bad Lambda URL {uri}: {error}")))?;
    let client = Client::builder(TokioExecutor::new()).build_http();
    let exchange = async {
        let response = client
            .request(request)
            .await
            .map_err(|error| HandlerError::Unreachable(format!("{uri}: {error}")))?;
        let failed = response.headers().contains_key("x-amz-function-error");
        let status = response.status();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|error| HandlerError::Unreachable(format!("{uri}: {error}")))?
            .to_bytes();
        let answer: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        if failed {
            let message = answer["errorMessage"]
                .as_str()
                .unwrap_or("Unhandled")
                .to_owned();
            return Err(HandlerError::Failed(message));
        }
        if !status.is_success() {
            return Err(HandlerError::Unreachable(format!(
                "{uri} answered {status}"
            )));
        }
        Ok(answer)
    };
    tokio::time::timeout(TIMEOUT, exchange)
        .await
        .map_err(|_| HandlerError::TimedOut)?
}
