//! A local-cognito on a free loopback port, seeded with `demo/local-cognito.toml`, with its own
//! database directory and a clock the test moves (`POST /_test/advance?seconds=N`, mounted here
//! by the harness only — the product has no such route).
#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use local_cognito::Service;
use local_cognito::clock::ManualClock;
use local_cognito::embedded::{Embedded, Options};

pub struct TestServer {
    pub url: String,
    pub clock: Arc<ManualClock>,
    pub service: Arc<Service>,
    pub data_dir: PathBuf,
    _pool: Embedded,
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fresh_data_dir() -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "local-cognito-test-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with_lambda(None).await
    }

    /// With `lambda:` triggers sent to `lambda_endpoint`.
    pub async fn start_with_lambda(lambda_endpoint: Option<String>) -> Self {
        let pool = Embedded::start(Options {
            config: Some(workspace_root().join("demo/local-cognito.toml")),
            lambda_endpoint,
            clock_control: true,
        })
        .await
        .expect("start local-cognito");
        Self {
            url: pool.url.clone(),
            clock: pool.clock.clone(),
            service: pool.service.clone(),
            data_dir: pool.data_dir().to_path_buf(),
            _pool: pool,
        }
    }
}

/// `POST /` with `X-Amz-Target: AWSCognitoIdentityProviderService.<operation>`; the status and
/// the JSON body.
pub async fn call(
    url: &str,
    operation: &str,
    body: &serde_json::Value,
) -> (u16, serde_json::Value) {
    try_call(url, operation, body)
        .await
        .expect("the server answers")
}

/// [`call`], or `None` when the server does not answer (e.g. it was killed).
pub async fn try_call(
    url: &str,
    operation: &str,
    body: &serde_json::Value,
) -> Option<(u16, serde_json::Value)> {
    use http_body_util::{BodyExt, Full};
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http();
    let request = hyper::Request::post(format!("{url}/"))
        .header("content-type", "application/x-amz-json-1.1")
        .header("authorization", local_cognito::LOCAL_AUTHORIZATION)
        .header(
            "x-amz-target",
            format!("AWSCognitoIdentityProviderService.{operation}"),
        )
        .body(Full::new(bytes::Bytes::from(body.to_string())))
        .ok()?;
    let response = client.request(request).await.ok()?;
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.ok()?.to_bytes();
    Some((
        status,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    ))
}

/// Runs an interop script (`<program> <script> <url>`) whose stdout has one line per scenario,
/// "ok <name>" or "FAIL <name>: …"; fails the test unless all of at least `at_least` passed.
pub async fn run_scenarios(program: &Path, script: &Path, url: &str, at_least: usize) {
    let output = tokio::process::Command::new(program)
        .arg(script)
        .arg(url)
        .output()
        .await
        .unwrap_or_else(|error| {
            panic!(
                "cannot run {} (./scripts/test installs it): {error}",
                program.display()
            )
        });
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    let passed = stdout
        .lines()
        .filter(|line| line.starts_with("ok "))
        .count();
    assert!(
        output.status.success() && !stdout.contains("FAIL"),
        "some scenarios failed:\n{stdout}"
    );
    assert!(passed >= at_least, "only {passed} scenarios ran:\n{stdout}");
}

/// A Cognito error answer's `__type` and `message`.
pub fn error(body: &serde_json::Value) -> (&str, &str) {
    (
        body["__type"].as_str().unwrap_or_default(),
        body["message"].as_str().unwrap_or_default(),
    )
}
