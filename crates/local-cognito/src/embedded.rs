//! local-cognito in-process, on a free loopback port: how the end-to-end tests of this
//! workspace (and anyone embedding it) run a pool. Data lives in a fresh temporary directory,
//! removed on drop; time is a [`ManualClock`] the caller can move (to expire sessions).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use std::collections::HashMap;

use axum::Router;
use axum::extract::Query;
use axum::routing::post;

use crate::clock::{Clock, ManualClock, SystemClock};
use crate::config::Config;
use crate::store::Store;
use crate::triggers::Triggers;
use crate::{Service, router};

/// How to start an [`Embedded`] pool.
#[derive(Debug, Default)]
pub struct Options {
    /// A seed config (TOML); its directory is the base of `node:` trigger paths.
    pub config: Option<PathBuf>,
    /// Base URL of a Lambda Invoke API for `lambda:` triggers.
    pub lambda_endpoint: Option<String>,
    /// Serve `POST /_test/advance?seconds=N`, which moves the pool's clock and answers with its
    /// time in Unix seconds (for tests that
    /// drive it from another process, e.g. a browser or Node). Never part of `serve`.
    pub clock_control: bool,
}

/// A running pool; stopped, and its data deleted, when dropped.
#[derive(Debug)]
pub struct Embedded {
    /// `http://127.0.0.1:<port>` (no trailing slash).
    pub url: String,
    /// The service, for direct inspection.
    pub service: Arc<Service>,
    /// The pool's clock.
    pub clock: Arc<ManualClock>,
    data_dir: PathBuf,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Embedded {
    fn drop(&mut self) {
        self.task.abort();
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// Why an embedded pool could not start.
#[derive(Debug, thiserror::Error)]
#[error("embedded local-cognito: {0}")]
pub struct StartError(String);

impl Embedded {
    /// Starts a pool seeded from `config` (if any).
    pub async fn start(options: Options) -> Result<Self, StartError> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let data_dir = std::env::temp_dir().join(format!(
            "local-cognito-embedded-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&data_dir);
        let store = Store::open(&data_dir).map_err(|error| StartError(error.to_string()))?;
        let clock = ManualClock::at(SystemClock.now());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|error| StartError(error.to_string()))?;
        let url = format!(
            "http://{}",
            listener
                .local_addr()
                .map_err(|error| StartError(error.to_string()))?
        );
        let base_dir = options
            .config
            .as_deref()
            .and_then(Path::parent)
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let triggers = Triggers {
            base_dir,
            lambda_endpoint: options.lambda_endpoint,
            ..Triggers::default()
        };
        let service = Arc::new(Service::new(store, triggers, clock.clone(), url.clone()));
        if let Some(path) = &options.config {
            let text = std::fs::read_to_string(path)
                .map_err(|error| StartError(format!("{}: {error}", path.display())))?;
            let config = Config::parse(&text)
                .map_err(|error| StartError(format!("{}: {error}", path.display())))?;
            config
                .apply(&service)
                .map_err(|error| StartError(format!("{}: {error}", path.display())))?;
        }
        let app = if options.clock_control {
            router(service.clone()).merge(clock_control(clock.clone()))
        } else {
            router(service.clone())
        };
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self {
            url,
            service,
            clock,
            data_dir,
            task,
        })
    }

    /// The data directory (deleted on drop).
    #[must_use]
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }
}

fn clock_control(clock: Arc<ManualClock>) -> Router {
    Router::new().route(
        "/_test/advance",
        post(move |Query(query): Query<HashMap<String, f64>>| {
            let clock = clock.clone();
            async move {
                clock.advance(query.get("seconds").copied().unwrap_or(0.0));
                // The time now, so a test can compute what depends on it (a TOTP code).
                clock.now().to_string()
            }
        }),
    )
}
