//! The demo's page server (`trunk serve`, as `./scripts/demo` runs it): the page loads with no
//! console error under its strict CSP, live reload works, and it sends the headers a deployed
//! login page must be served with.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::process::Stdio;
use std::time::{Duration, Instant};

use support::browser::Browser;
use tokio::process::{Child, Command};

/// `trunk serve` on a free port (the release profile, which the other tests have built already;
/// the demo itself serves the dev build the same way), stopped on drop.
struct Served {
    origin: String,
    _trunk: Child,
}

async fn serve() -> Served {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let trunk = Command::new("trunk")
        .current_dir(support::workspace_root())
        .args(["serve", "--release", "--port", &port.to_string(), "--dist"])
        .arg(support::workspace_root().join("target/demo-serve-dist"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("`trunk` is not on PATH: run ./scripts/test, which installs it");
    let origin = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(600);
    while get(&origin).await.is_none() {
        assert!(Instant::now() < deadline, "trunk serve did not start");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    Served {
        origin,
        _trunk: trunk,
    }
}

/// `GET url/`: the response's headers, once the page is served.
async fn get(origin: &str) -> Option<http::HeaderMap> {
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<String>();
    let response = client.get(format!("{origin}/").parse().ok()?).await.ok()?;
    (response.status() == 200).then(|| response.headers().clone())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_page_reloads_live_without_a_console_error() {
    let served = serve().await;
    let headers = get(&served.origin).await.unwrap();
    for (name, value) in [
        ("content-security-policy", "frame-ancestors 'none'"),
        (
            "strict-transport-security",
            "max-age=63072000; includeSubDomains",
        ),
        ("referrer-policy", "no-referrer"),
        ("x-content-type-options", "nosniff"),
    ] {
        assert_eq!(
            headers.get(name).and_then(|v| v.to_str().ok()),
            Some(value),
            "{name}"
        );
    }

    let browser = Browser::start().await;
    browser.client.goto(&served.origin).await.unwrap();
    browser
        .wait_for("input#username", Duration::from_secs(60))
        .await;
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");

    // Live reload: a changed source file reloads the page by itself.
    browser
        .client
        .execute("window.beforeReload = true", vec![])
        .await
        .unwrap();
    let stylesheet = support::workspace_root().join("styles/base.css");
    let css = std::fs::read(&stylesheet).unwrap();
    std::fs::write(&stylesheet, &css).unwrap();
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let marker = browser
            .client
            .execute("return window.beforeReload === true", vec![])
            .await
            .ok()
            .and_then(|value| value.as_bool());
        if marker == Some(false) {
            break;
        }
        assert!(Instant::now() < deadline, "the page did not reload");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    browser
        .wait_for("input#username", Duration::from_secs(60))
        .await;
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "console errors after reload: {errors:?}");
}
