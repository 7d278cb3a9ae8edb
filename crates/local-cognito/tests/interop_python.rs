//! pycognito and boto3, in Python, against local-cognito: SRP sign-in (right and wrong
//! password), the admin operations, sign-up and recovery, the token lifecycle, flow
//! enforcement, and tokens verified against the JWKS with PyJWT (`tools/python/cognito_flows.py`).

mod support;

use std::path::PathBuf;

use support::{TestServer, run_scenarios, workspace_root};

#[tokio::test(flavor = "multi_thread")]
async fn python_clients_sign_in_and_administer() {
    let server = TestServer::start().await;
    let root = workspace_root();
    let python = std::env::var_os("HOSTED_LOGIN_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(".tools/venv/bin/python"));
    run_scenarios(
        &python,
        &root.join("tools/python/cognito_flows.py"),
        &server.url,
        12,
    )
    .await;
}
