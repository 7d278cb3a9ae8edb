//! Node.js handler files, run unchanged by `node-runner.cjs` (one process per invocation).

use std::path::Path;
use std::process::Stdio;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::Command;

use super::{HandlerError, TIMEOUT};

const RUNNER: &str = include_str!("node-runner.cjs");

pub(super) async fn run(node: &Path, handler: &Path, event: Value) -> Result<Value, HandlerError> {
    let mut child = Command::new(node)
        .arg("-e")
        .arg(RUNNER)
        .arg(handler)
        .env("LOCAL_COGNITO_TIMEOUT_MS", TIMEOUT.as_millis().to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .map_err(|error| {
            HandlerError::Unreachable(format!("cannot start {}: {error}", node.display()))
        })?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| HandlerError::Unreachable("no stdin".to_owned()))?;
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| HandlerError::Unreachable("no stdout".to_owned()))?;
    let exchange = async move {
        stdin.write_all(event.to_string().as_bytes()).await.ok();
        drop(stdin);
        let mut output = String::new();
        stdout.read_to_string(&mut output).await.ok();
        output
    };
    let output = tokio::time::timeout(TIMEOUT, exchange)
        .await
        .map_err(|_| HandlerError::TimedOut)?;
    let _ = child.wait().await;
    let line = output.lines().last().unwrap_or_default();
    let reply: Value = serde_json::from_str(line).map_err(|_| {
        HandlerError::Failed(format!("{} ended without a result", handler.display()))
    })?;
    match (reply.get("result"), reply.get("error")) {
        (Some(result), _) => Ok(result.clone()),
        (None, Some(error)) => Err(HandlerError::Failed(
            error["errorMessage"].as_str().unwrap_or("Error").to_owned(),
        )),
        (None, None) => Err(HandlerError::Failed("no result".to_owned())),
    }
}
