//! A tiny static file server for `dist/`, with the single-page-app fallback a host would give:
//! unknown paths without a file extension get `index.html`, so deep links and reloads work.
//! `/amplify_outputs.json` can be replaced, as a deployer edits it to point at their pool. It
//! can also serve the page under a sub-path (as `https://example.com/login/`), and hold the WASM
//! back for a while (a slow network), to show what a person can do before the app has started.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A running server; it stops when dropped.
pub struct StaticServer {
    pub origin: String,
    task: JoinHandle<()>,
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl StaticServer {
    /// Serves `root` on a free port of 127.0.0.1.
    pub async fn start(root: &Path) -> Self {
        Self::start_with(root, None).await
    }

    /// Serves `root`, but `/amplify_outputs.json` with `config`.
    pub async fn start_with(root: &Path, config: Option<String>) -> Self {
        Self::serve(
            root,
            Serving {
                config,
                ..Serving::default()
            },
        )
        .await
    }

    /// Serves `root` as `serving` says.
    pub async fn serve(root: &Path, serving: Serving) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let origin = format!("http://{}", listener.local_addr().expect("local addr"));
        let root = root.to_path_buf();
        let serving = Arc::new(serving);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve_one(stream, root.clone(), serving.clone()));
            }
        });
        Self { origin, task }
    }
}

/// How to serve the page.
#[derive(Default)]
pub struct Serving {
    /// `amplify_outputs.json`, in place of the built one.
    pub config: Option<String>,
    /// The path the page is deployed under (`/login`), or empty for the root; anything outside
    /// it is not found.
    pub prefix: &'static str,
    /// How long the WASM is held back.
    pub wasm_delay: Duration,
    /// Paths answered with a status and a body of their own, in place of the built files (a
    /// broken catalogue, a missing one).
    pub replaced: Vec<(&'static str, &'static str, String)>,
}

async fn serve_one(mut stream: TcpStream, root: PathBuf, serving: Arc<Serving>) {
    let mut buffer = vec![0_u8; 16 * 1024];
    let Ok(read) = stream.read(&mut buffer).await else {
        return;
    };
    let request = String::from_utf8_lossy(&buffer[..read]);
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let Some(path) = path
        .strip_prefix(serving.prefix)
        .filter(|path| path.starts_with('/'))
    else {
        let head = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        let _ = stream.write_all(head.as_bytes()).await;
        return;
    };
    if path.ends_with(".wasm") {
        tokio::time::sleep(serving.wasm_delay).await;
    }
    let replaced = serving
        .replaced
        .iter()
        .find(|(replaced, _, _)| *replaced == path);
    let (status, content_type, body) = match (path, serving.config.as_ref(), replaced) {
        (_, _, Some((_, status, body))) => (*status, "application/json", body.clone().into_bytes()),
        ("/amplify_outputs.json", Some(config), None) => {
            ("200 OK", "application/json", config.clone().into_bytes())
        }
        _ => serve_file(&root, path).await,
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(&body).await;
    let _ = stream.shutdown().await;
}

async fn serve_file(root: &Path, path: &str) -> (&'static str, &'static str, Vec<u8>) {
    let not_found = ("404 Not Found", "text/plain", b"not found".to_vec());
    let Some(file) = resolve(root, path) else {
        return not_found;
    };
    match tokio::fs::read(&file).await {
        Ok(body) => ("200 OK", content_type(&file), body),
        Err(_) => not_found,
    }
}

fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let relative = path.trim_start_matches('/');
    if relative.split('/').any(|part| part == "..") {
        return None;
    }
    let candidate = root.join(relative);
    if candidate.is_file() {
        return Some(candidate);
    }
    let looks_like_asset = relative
        .rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.'));
    (!looks_like_asset).then(|| root.join("index.html"))
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|ext| ext.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}
