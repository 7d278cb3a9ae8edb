//! Shared harness of the browser tests: build the release bundle once, serve it on a free
//! loopback port, and drive a fresh headless Chromium through chromedriver.
// Each test binary uses a different part of this harness, and `pub` here is for them.
#![allow(unreachable_pub, dead_code)]

pub mod browser;
pub mod pages;
pub mod pool;
pub mod static_server;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The workspace root (this package's manifest directory).
pub fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the app with `trunk build --release` into `target/browser-dist`, once per test binary,
/// so every test sees exactly what would be deployed. When `HOSTED_LOGIN_DIST` is set, that
/// directory is the build: `./scripts/test` makes it once, just before the tests, for every test
/// binary (each build runs wasm-bindgen and wasm-opt on both bundles again, even when nothing
/// changed).
pub fn release_dist() -> &'static Path {
    static DIST: OnceLock<PathBuf> = OnceLock::new();
    DIST.get_or_init(|| match std::env::var_os("HOSTED_LOGIN_DIST") {
        Some(dist) => {
            let dist = workspace_root().join(dist);
            assert!(
                dist.join("index.html").is_file(),
                "HOSTED_LOGIN_DIST has no index.html"
            );
            dist
        }
        None => build("target/browser-dist", "/"),
    })
}

/// The release build for deploying under the sub-path `/login/`
/// (`trunk build --release --public-url /login/`), once per test binary.
pub fn release_dist_under(public_url: &'static str) -> &'static Path {
    static DIST: OnceLock<PathBuf> = OnceLock::new();
    assert_eq!(public_url, "/login/", "one sub-path is built");
    DIST.get_or_init(|| build("target/browser-dist-login", public_url))
}

fn build(dist: &str, public_url: &str) -> PathBuf {
    let dist = workspace_root().join(dist);
    let status = Command::new("trunk")
        .current_dir(workspace_root())
        .args(["build", "--release", "--public-url", public_url, "--dist"])
        .arg(&dist)
        .status()
        .expect("`trunk` is not on PATH: run ./scripts/test, which installs it");
    assert!(status.success(), "trunk build --release failed");
    dist
}
