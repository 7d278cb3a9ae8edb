//! The embedded local-cognito for the end-to-end tests: the demo pools, a fresh data
//! directory, and a clock the test can move.

use std::ops::Deref;

use local_cognito::embedded::{Embedded, Options};

pub struct Pool(Embedded);

impl Deref for Pool {
    type Target = Embedded;

    fn deref(&self) -> &Embedded {
        &self.0
    }
}

impl Pool {
    pub async fn start() -> Self {
        let config = Some(super::workspace_root().join("demo/local-cognito.toml"));
        Self(
            Embedded::start(Options {
                config,
                ..Options::default()
            })
            .await
            .expect("start local-cognito"),
        )
    }

    /// The page's `amplify_outputs.json` for one of this pool's app clients.
    pub fn page_config(&self, pool_id: &str, client_id: &str, default_flow: &str) -> String {
        serde_json::json!({
            "auth": { "aws_region": "us-east-1", "user_pool_id": pool_id, "user_pool_client_id": client_id },
            "hosted_login": { "endpoint": format!("{}/", self.url), "default_flow": default_flow, "flow_choice": true },
        })
        .to_string()
    }
}
