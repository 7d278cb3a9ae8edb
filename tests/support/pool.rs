//! local-cognito in-process for the end-to-end tests: the demo pools, a fresh data directory,
//! and a clock the test can move.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use local_cognito::clock::{Clock, ManualClock, SystemClock};
use local_cognito::config::Config;
use local_cognito::store::Store;
use local_cognito::triggers::Triggers;
use local_cognito::{Service, router};

pub struct Pool {
    pub url: String,
    pub clock: Arc<ManualClock>,
    pub service: Arc<Service>,
    dir: PathBuf,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.task.abort();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Pool {
    pub async fn start() -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "hosted-login-e2e-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let clock = ManualClock::at(SystemClock.now());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let demo = super::workspace_root().join("demo");
        let triggers = Triggers {
            base_dir: demo.clone(),
            ..Triggers::default()
        };
        let service = Arc::new(Service::new(
            Store::open(&dir).expect("store"),
            triggers,
            clock.clone(),
            url.clone(),
        ));
        let config = std::fs::read_to_string(demo.join("local-cognito.toml")).expect("demo config");
        Config::parse(&config)
            .expect("parse")
            .apply(&service)
            .expect("seed");
        let app = router(service.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self {
            url,
            clock,
            service,
            dir,
            task,
        }
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
