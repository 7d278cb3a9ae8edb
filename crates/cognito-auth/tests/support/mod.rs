//! A local-cognito in-process (demo pools, a clock the test moves) and clients sharing its clock.
#![allow(dead_code, unreachable_pub)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use cognito_auth::native::HyperTransport;
use cognito_auth::{AuthConfig, CognitoAuth, Environment, MemoryStorage};
use local_cognito::clock::{Clock, ManualClock, SystemClock};
use local_cognito::config::Config;
use local_cognito::store::Store;
use local_cognito::triggers::Triggers;
use local_cognito::{Service, router};

pub const DEMO_POOL: &str = "us-east-1_HostedDemo";
pub const DEMO_CLIENT: &str = "hostedlogindemoclient00001";

pub struct Pool {
    pub url: String,
    pub clock: Arc<ManualClock>,
    pub service: Arc<Service>,
    _dir: TempDir,
}

struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn workspace() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub async fn start_pool() -> Pool {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "cognito-auth-test-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let clock = ManualClock::at(SystemClock.now());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let triggers = Triggers {
        base_dir: workspace().join("demo"),
        ..Triggers::default()
    };
    let service = Arc::new(Service::new(
        Store::open(&dir).unwrap(),
        triggers,
        clock.clone(),
        url.clone(),
    ));
    let config = std::fs::read_to_string(workspace().join("demo/local-cognito.toml")).unwrap();
    Config::parse(&config).unwrap().apply(&service).unwrap();
    let app = router(service.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Pool {
        url: format!("{url}/"),
        clock,
        service,
        _dir: TempDir(dir),
    }
}

pub type Client = CognitoAuth<HyperTransport, MemoryStorage>;

/// A client whose clock is the pool's and whose randomness is a deterministic counter.
pub fn client_with(
    pool: &Pool,
    pool_id: &str,
    client_id: &str,
    tokens: MemoryStorage,
    state: MemoryStorage,
) -> Client {
    let config = AuthConfig::new(pool_id, client_id)
        .unwrap()
        .with_endpoint(&pool.url)
        .unwrap();
    let clock = pool.clock.clone();
    let counter = Arc::new(AtomicU64::new(1));
    let environment = Environment {
        now_ms: Box::new(move || (clock.now() * 1000.0) as i64),
        random: Box::new(move |buffer| {
            let seed = counter.fetch_add(1, Ordering::SeqCst);
            for (i, byte) in buffer.iter_mut().enumerate() {
                *byte = (seed as u8)
                    .wrapping_mul(31)
                    .wrapping_add(i as u8)
                    .wrapping_mul(17)
                    | 1;
            }
        }),
    };
    CognitoAuth::new(
        config,
        HyperTransport::default(),
        tokens,
        state,
        environment,
    )
}

pub fn client(pool: &Pool, pool_id: &str, client_id: &str) -> Client {
    client_with(
        pool,
        pool_id,
        client_id,
        MemoryStorage::default(),
        MemoryStorage::default(),
    )
}
