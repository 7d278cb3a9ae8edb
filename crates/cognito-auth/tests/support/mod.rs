//! A local-cognito in-process (demo pools, a clock the test moves) and clients sharing its clock.
#![allow(dead_code, unreachable_pub)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use cognito_auth::native::HyperTransport;
use cognito_auth::{AuthConfig, CognitoAuth, Environment, MemoryStorage};
use local_cognito::Service;
use local_cognito::clock::{Clock, ManualClock};
use local_cognito::embedded::{Embedded, Options};

pub const DEMO_POOL: &str = "us-east-1_HostedDemo";
pub const DEMO_CLIENT: &str = "hostedlogindemoclient00001";

pub struct Pool {
    /// The endpoint, with its trailing slash.
    pub url: String,
    pub clock: Arc<ManualClock>,
    pub service: Arc<Service>,
    _pool: Embedded,
}

pub fn workspace() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub async fn start_pool() -> Pool {
    let options = Options {
        config: Some(workspace().join("demo/local-cognito.toml")),
        ..Options::default()
    };
    let pool = Embedded::start(options).await.expect("start local-cognito");
    Pool {
        url: format!("{}/", pool.url),
        clock: pool.clock.clone(),
        service: pool.service.clone(),
        _pool: pool,
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

pub mod soft_authenticator;

/// The newest code local-cognito recorded for `username` of `pool_id` (its outbox).
pub fn latest_code(pool: &Pool, pool_id: &str, username: &str) -> String {
    pool.service
        .store
        .messages(Some(pool_id), Some(username))
        .unwrap()
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no message for {username}"))
        .code
}

/// The authenticator app's code for `secret` (base32) now, on the pool's clock.
pub fn totp_code(pool: &Pool, secret: &str) -> String {
    totp_rs::Builder::new()
        .with_algorithm(totp_rs::Algorithm::SHA1)
        .with_secret(totp_rs::Secret::try_from_base32(secret).unwrap())
        .build_noncompliant()
        .generate(pool.clock.now() as u64)
        .to_string()
}
