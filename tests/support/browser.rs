//! Headless Chromium through chromedriver, started fresh for each test and stopped on drop.
//!
//! Chromium runs with the flags this machine needs as root (no sandbox, no background
//! networking: outbound connections are refused here) and a fresh profile directory.

use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tokio::process::{Child, Command};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "chromedriver";

/// A browser session; kill chromedriver (and with it Chromium) when dropped.
pub struct Browser {
    pub client: Client,
    driver: Child,
    driver_port: u16,
    session: Option<String>,
    profile: PathBuf,
}

impl Drop for Browser {
    /// Ends the WebDriver session first (chromedriver then quits Chromium: killing chromedriver
    /// alone leaves Chromium and its children running), then stops chromedriver. Blocking I/O
    /// here is fine: this is test code, and a test may have panicked mid-way.
    fn drop(&mut self) {
        if let Some(session) = &self.session {
            end_session(self.driver_port, session);
        }
        let _ = self.driver.start_kill();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// `DELETE /session/<id>` to chromedriver, waiting (briefly) for its answer.
fn end_session(port: u16, session: &str) {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let request = format!(
        "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_ok() {
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
    }
}

fn free_port() -> u16 {
    let listener = StdListener::bind("127.0.0.1:0").expect("bind loopback");
    listener.local_addr().expect("local addr").port()
}

impl Browser {
    /// Starts chromedriver on a free port and opens a new headless Chromium session.
    pub async fn start() -> Self {
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver is not installed: run ./scripts/test, which installs it");
        let profile = std::env::temp_dir().join(format!("hosted-login-chromium-{port}"));
        let _ = std::fs::remove_dir_all(&profile);
        let capabilities = json!({
            "browserName": "chrome",
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--window-size=1024,768",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("literal object")
        };
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = None;
        for _ in 0..100 {
            let connect = ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await;
            match connect {
                Ok(client) => {
                    let session = client.session_id().await.ok().flatten();
                    return Self {
                        client,
                        driver,
                        driver_port: port,
                        session,
                        profile,
                    };
                }
                Err(error) => last_error = Some(error),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("could not start a Chromium session: {last_error:?}");
    }

    /// The messages of the console errors (`SEVERE` entries) since the last read.
    pub async fn console_errors(&self) -> Vec<String> {
        self.console_entries()
            .await
            .into_iter()
            .filter(|entry| entry.level == "SEVERE")
            .map(|entry| entry.message)
            .collect()
    }

    /// Browser console entries collected since the last call (Chromium's `browser` log).
    pub async fn console_entries(&self) -> Vec<ConsoleEntry> {
        let entries = self
            .client
            .issue_cmd(Chromedriver {
                path: "se/log",
                body: json!({ "type": "browser" }),
            })
            .await
            .expect("read the browser log");
        entries
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|entry| ConsoleEntry {
                        level: entry["level"].as_str().unwrap_or_default().to_owned(),
                        message: entry["message"].as_str().unwrap_or_default().to_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Opens `url` and waits until the login page's app has taken over the form that came with
    /// the HTML (Trunk's loader sets `window.wasmBindings` once the app has started).
    pub async fn open(&self, url: &str) {
        self.client.goto(url).await.expect("open the page");
        self.wait_until_started().await;
    }

    /// Reloads the page and waits for its app.
    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload");
        self.wait_until_started().await;
    }

    /// Waits until the page's app runs.
    pub async fn wait_until_started(&self) {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while std::time::Instant::now() < deadline {
            let started = self
                .client
                .execute("return !!window.wasmBindings", vec![])
                .await;
            if started.is_ok_and(|value| value.as_bool() == Some(true)) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("the page's app did not start within 20 s");
    }

    /// Evaluates `script` (a function body that returns a value) in the page.
    pub async fn eval(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|error| panic!("`{script}` failed: {error}"))
    }

    /// Waits until `selector` matches an element, failing the test after `timeout`.
    pub async fn wait_for(
        &self,
        selector: &str,
        timeout: Duration,
    ) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(timeout)
            .for_element(fantoccini::Locator::Css(selector))
            .await
            .unwrap_or_else(|error| {
                panic!("`{selector}` did not appear within {timeout:?}: {error}")
            })
    }

    /// Presses `keys` together (the first ones held, like Shift in Shift+Tab), then releases
    /// them, wherever focus is (WebDriver actions, as a keyboard would).
    pub async fn press(&self, keys: &[fantoccini::key::Key]) {
        let mut actions = KeyActions::new("keyboard".to_owned());
        for &key in keys {
            actions = actions.then(KeyAction::Down {
                value: char::from(key),
            });
        }
        for &key in keys.iter().rev() {
            actions = actions.then(KeyAction::Up {
                value: char::from(key),
            });
        }
        self.client
            .perform_actions(actions)
            .await
            .expect("press keys");
    }

    /// The `id` of the focused element (empty when it has none).
    pub async fn focused_id(&self) -> String {
        let id = self
            .client
            .execute("return document.activeElement.id", vec![])
            .await;
        id.expect("read the focused element")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Types `text` into the element matching `selector` (waiting for it first).
    pub async fn type_into(&self, selector: &str, text: &str) {
        let field = self.wait_for(selector, Duration::from_secs(20)).await;
        field.clear().await.expect("clear the field");
        field.send_keys(text).await.expect("type");
    }

    /// Clicks the element matching `selector` (waiting for it first).
    pub async fn click(&self, selector: &str) {
        self.wait_for(selector, Duration::from_secs(20))
            .await
            .click()
            .await
            .expect("click");
    }

    /// Waits until the element matching `selector` contains `needle`; returns its text.
    pub async fn wait_text(&self, selector: &str, needle: &str) -> String {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let mut last = String::new();
        while std::time::Instant::now() < deadline {
            if let Ok(element) = self.client.find(fantoccini::Locator::Css(selector)).await {
                last = element.text().await.unwrap_or_default();
                if last.contains(needle) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("`{selector}` never said {needle:?} (last: {last:?})");
    }

    /// Runs axe-core (from `tools/node`) on the page for WCAG 2.1 A and AA; panics listing every
    /// violation. `screen` names the screen in the message.
    pub async fn assert_accessible(&self, screen: &str) {
        let axe = std::fs::read_to_string(
            super::workspace_root().join("tools/node/node_modules/axe-core/axe.min.js"),
        )
        .expect("axe-core is installed by ./scripts/test (tools/node)");
        let script = format!(
            "{axe}\n;const done = arguments[arguments.length - 1];\
             axe.run(document, {{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }} }})\
             .then(result => done(JSON.stringify(result.violations.map(v => ({{ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) }})))))\
             .catch(error => done('error: ' + error));"
        );
        let result = self
            .client
            .execute_async(&script, vec![])
            .await
            .expect("run axe-core");
        let text = result.as_str().unwrap_or_default().to_owned();
        assert!(
            !text.starts_with("error:"),
            "axe-core failed on {screen}: {text}"
        );
        assert_eq!(text, "[]", "accessibility violations on {screen}: {text}");
    }

    /// Emulates the system's colour scheme (`light` or `dark`) for `prefers-color-scheme`.
    pub async fn color_scheme(&self, scheme: &str) {
        let command = json!({
            "cmd": "Emulation.setEmulatedMedia",
            "params": { "features": [{ "name": "prefers-color-scheme", "value": scheme }] },
        });
        self.client
            .issue_cmd(Chromedriver {
                path: "goog/cdp/execute",
                body: command,
            })
            .await
            .expect("emulate the colour scheme");
    }

    /// Runs a DevTools Protocol command in the page.
    pub async fn devtools(&self, method: &str, params: Value) -> Value {
        self.client
            .issue_cmd(Chromedriver {
                path: "goog/cdp/execute",
                body: json!({ "cmd": method, "params": params }),
            })
            .await
            .unwrap_or_else(|error| panic!("DevTools {method} failed: {error}"))
    }

    /// Lays the page out as a phone `width` CSS pixels wide would (DevTools' device metrics).
    pub async fn viewport(&self, width: u32) {
        self.devtools(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 720, "deviceScaleFactor": 2, "mobile": true }),
        )
        .await;
    }

    /// Cuts the page off the network (`true`) or reconnects it: every request fails as if the
    /// connection were down (DevTools' "Offline" spares loopback, where the test pool runs).
    pub async fn offline(&self, offline: bool) {
        let urls = if offline { vec!["*"] } else { vec![] };
        for command in [
            json!({ "cmd": "Network.enable", "params": {} }),
            json!({ "cmd": "Network.setBlockedURLs", "params": { "urls": urls } }),
        ] {
            self.client
                .issue_cmd(Chromedriver {
                    path: "goog/cdp/execute",
                    body: command,
                })
                .await
                .expect("block or unblock the network");
        }
    }

    /// The page's path.
    pub async fn path(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("current url")
            .path()
            .to_owned()
    }

    /// Saves a PNG of the current page under `target/screenshots/` for people to look at.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("take a screenshot");
        let dir = super::workspace_root().join("target/screenshots");
        std::fs::create_dir_all(&dir).expect("create screenshots dir");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }
}

/// One line of the browser console.
#[derive(Debug)]
pub struct ConsoleEntry {
    pub level: String,
    pub message: String,
}

/// A chromedriver extension (not W3C WebDriver): `POST /session/<id>/<path>` with `body`, e.g.
/// `se/log` for the console, `goog/cdp/execute` for a DevTools Protocol command.
#[derive(Debug)]
struct Chromedriver {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for Chromedriver {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}
