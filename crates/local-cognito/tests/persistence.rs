//! Durability: the server is killed with SIGKILL in the middle of a burst of writes; after a
//! restart on the same data directory, every write it had acknowledged is there.

mod support;

use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};

use serde_json::json;
use support::{call, fresh_data_dir, try_call, workspace_root};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const POOL: &str = "us-east-1_HostedDemo";

/// Starts the `local-cognito` binary on a free port; returns it and its URL.
async fn start(data_dir: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_local-cognito"))
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .arg("--config")
        .arg(workspace_root().join("demo/local-cognito.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start local-cognito");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    while let Some(line) = lines.next_line().await.expect("read stdout") {
        if let Some(url) = line.strip_prefix("local-cognito listening on ") {
            return (child, url.to_owned());
        }
    }
    panic!("local-cognito did not start");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_sigkill() {
    let data_dir = fresh_data_dir();
    let (mut server, url) = start(&data_dir).await;
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let writers: Vec<_> = (0..8)
        .map(|writer| {
            let (url, acknowledged) = (url.clone(), acknowledged.clone());
            tokio::spawn(async move {
                for i in 0.. {
                    let username = format!("burst-{writer}-{i}");
                    let request = json!({
                        "UserPoolId": POOL, "Username": username, "TemporaryPassword": "Temp0rary!pass",
                        "MessageAction": "SUPPRESS",
                        "UserAttributes": [{ "Name": "email", "Value": format!("{username}@example.com") }],
                    });
                    let (200, _) = call_owned(url.clone(), request).await else { return };
                    acknowledged.lock().unwrap().push(username);
                }
            })
        })
        .collect();
    while acknowledged.lock().unwrap().len() < 150 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    server.start_kill().expect("SIGKILL");
    server.wait().await.expect("killed");
    for writer in writers {
        let _ = writer.await;
    }
    let acknowledged = acknowledged.lock().unwrap().clone();

    let (_restarted, url) = start(&data_dir).await;
    for username in &acknowledged {
        let (status, body) = call(
            &url,
            "AdminGetUser",
            &json!({ "UserPoolId": POOL, "Username": username }),
        )
        .await;
        assert_eq!(status, 200, "acknowledged user {username} was lost: {body}");
        assert_eq!(
            body["UserAttributes"][1]["Value"],
            format!("{username}@example.com")
        );
    }
    println!(
        "{} acknowledged writes, all present after SIGKILL and restart",
        acknowledged.len()
    );
    let _ = std::fs::remove_dir_all(&data_dir);
}

/// A request that a killed server cannot answer ends as an error, never a hang.
async fn call_owned(url: String, request: serde_json::Value) -> (u16, serde_json::Value) {
    let answer = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        try_call(&url, "AdminCreateUser", &request),
    );
    answer
        .await
        .ok()
        .flatten()
        .unwrap_or((0, serde_json::Value::Null))
}
