//! Time and randomness, injected so tests can control them.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The current time, in seconds since the Unix epoch.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Now, in seconds (with a fraction).
    fn now(&self) -> f64;
}

/// The machine's clock.
#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> f64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or_default()
    }
}

/// A clock tests move by hand (whole milliseconds).
#[derive(Debug, Default)]
pub struct ManualClock {
    millis: AtomicI64,
}

impl ManualClock {
    /// A clock at `seconds`.
    pub fn at(seconds: f64) -> Arc<Self> {
        Arc::new(Self {
            millis: AtomicI64::new((seconds * 1000.0) as i64),
        })
    }

    /// Moves the clock forward.
    pub fn advance(&self, seconds: f64) {
        self.millis
            .fetch_add((seconds * 1000.0) as i64, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> f64 {
        self.millis.load(Ordering::SeqCst) as f64 / 1000.0
    }
}

/// `len` bytes from the operating system's CSPRNG.
pub fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0; len];
    // The OS generator failing is unrecoverable for a security server: never hand out
    // predictable secrets.
    if getrandom::fill(&mut bytes).is_err() {
        std::process::abort();
    }
    bytes
}

/// An unguessable token: 32 random bytes, base64url without padding.
pub fn random_token() -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes(32))
}

/// A random string of `len` characters from `alphabet`.
pub fn random_string(alphabet: &[u8], len: usize) -> String {
    random_bytes(len)
        .into_iter()
        .map(|byte| char::from(alphabet[usize::from(byte) % alphabet.len()]))
        .collect()
}

/// A version-4 UUID, as Cognito's `sub`.
pub fn uuid_v4() -> String {
    let mut bytes = random_bytes(16);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}
