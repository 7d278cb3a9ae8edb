//! amazon-cognito-identity-js and aws-amplify v6, in Node, sign in to local-cognito through
//! every flow (the guides' trigger code running as Node handlers) and its failure paths, and
//! verify the tokens against the JWKS with `jose` (`tools/node/interop/cognito-flows.mjs`).

mod support;

use std::path::Path;

use support::{TestServer, run_scenarios, workspace_root};

#[tokio::test(flavor = "multi_thread")]
async fn javascript_clients_sign_in_through_every_flow() {
    let server = TestServer::start().await;
    let script = workspace_root().join("tools/node/interop/cognito-flows.mjs");
    run_scenarios(Path::new("node"), &script, &server.url, 32).await;
}
