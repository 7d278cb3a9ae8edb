//! amazon-cognito-identity-js and aws-amplify v6, in Node, sign in to local-cognito through
//! every flow (the guides' trigger code running as Node handlers) and its failure paths, and
//! verify the tokens against the JWKS with `jose` (`tools/node/interop/cognito-flows.mjs`).

mod support;

use support::{TestServer, workspace_root};

#[tokio::test(flavor = "multi_thread")]
async fn javascript_clients_sign_in_through_every_flow() {
    let server = TestServer::start().await;
    let script = workspace_root().join("tools/node/interop/cognito-flows.mjs");
    let output = tokio::process::Command::new("node")
        .arg(&script)
        .arg(&server.url)
        .output()
        .await
        .expect("run node (./scripts/test installs the Node packages)");
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
    assert!(passed >= 15, "only {passed} scenarios ran:\n{stdout}");
}
