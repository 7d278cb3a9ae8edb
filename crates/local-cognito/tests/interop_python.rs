//! pycognito and boto3, in Python, against local-cognito: SRP sign-in (right and wrong
//! password), the admin operations, the token lifecycle, flow enforcement, and tokens verified
//! against the JWKS with PyJWT (`tools/python/cognito_flows.py`).

mod support;

use std::path::PathBuf;

use support::{TestServer, workspace_root};

#[tokio::test(flavor = "multi_thread")]
async fn python_clients_sign_in_and_administer() {
    let server = TestServer::start().await;
    let root = workspace_root();
    let python = std::env::var_os("HOSTED_LOGIN_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(".tools/venv/bin/python"));
    let output = tokio::process::Command::new(&python)
        .arg(root.join("tools/python/cognito_flows.py"))
        .arg(&server.url)
        .output()
        .await
        .expect("run python (./scripts/test installs the Python packages)");
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
    assert!(passed >= 7, "only {passed} scenarios ran:\n{stdout}");
}
