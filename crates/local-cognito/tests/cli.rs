//! The administration subcommands work on a data directory.

mod support;

use std::process::Command;

use support::fresh_data_dir;

fn run(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_local-cognito"))
        .args(args)
        .output()
        .expect("run local-cognito");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn users_are_added_listed_and_given_passwords() {
    let dir = fresh_data_dir();
    let data_dir = dir.to_str().unwrap();
    let service = local_cognito::Service::new(
        local_cognito::store::Store::open(&dir).unwrap(),
        local_cognito::triggers::Triggers::default(),
        std::sync::Arc::new(local_cognito::clock::SystemClock),
        String::new(),
    );
    let request = cognito_protocol::UserPoolRequest {
        pool_name: Some("cli".to_owned()),
        ..Default::default()
    };
    service
        .create_user_pool(request, "eu-west-1", Some("eu-west-1_CliPool".to_owned()))
        .unwrap();
    drop(service);

    run(&[
        "add-user",
        "--data-dir",
        data_dir,
        "--pool",
        "eu-west-1_CliPool",
        "--username",
        "erin",
        "--password",
        "Erin-Passw0rd!",
        "--attribute",
        "email=erin@example.com",
    ]);
    run(&[
        "add-user",
        "--data-dir",
        data_dir,
        "--pool",
        "eu-west-1_CliPool",
        "--username",
        "fred",
        "--password",
        "Fred-Temp0rary!",
        "--temporary",
    ]);
    let users = run(&[
        "users",
        "--data-dir",
        data_dir,
        "--pool",
        "eu-west-1_CliPool",
    ]);
    assert!(
        users
            .lines()
            .any(|line| line.starts_with("erin\tCONFIRMED")
                && line.ends_with("email=erin@example.com")),
        "{users}"
    );
    assert!(
        users
            .lines()
            .any(|line| line.starts_with("fred\tFORCE_CHANGE_PASSWORD")),
        "{users}"
    );
    run(&[
        "set-password",
        "--data-dir",
        data_dir,
        "--pool",
        "eu-west-1_CliPool",
        "--username",
        "fred",
        "--password",
        "Fred-Passw0rd!",
    ]);
    assert!(
        run(&[
            "users",
            "--data-dir",
            data_dir,
            "--pool",
            "eu-west-1_CliPool"
        ])
        .contains("fred\tCONFIRMED")
    );
    assert!(run(&["pools", "--data-dir", data_dir]).starts_with("eu-west-1_CliPool\tcli"));
    let hash = run(&["hash-password", "Legacy-Passw0rd!"]);
    assert!(local_cognito::triggers::builtin::password_matches(
        hash.trim(),
        "Legacy-Passw0rd!"
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The `cargo run -p local-cognito -- …` lines of the READMEs, as written: cargo picks the server
/// binary (`default-run`), and each command runs (against a scratch data directory and a free
/// port rather than the README's defaults).
#[test]
fn readme_commands_work_as_written() {
    let root = support::workspace_root();
    let help = Command::new(env!("CARGO"))
        .current_dir(&root)
        .args(["run", "-q", "-p", "local-cognito", "--", "--help"])
        .output()
        .expect("run cargo");
    assert!(
        help.status.success(),
        "cargo run -p local-cognito: {}",
        String::from_utf8_lossy(&help.stderr)
    );
    let mut commands = Vec::new();
    for readme in ["README.md", "crates/local-cognito/README.md"] {
        let text = std::fs::read_to_string(root.join(readme)).unwrap();
        for line in text.lines() {
            let Some((_, rest)) = line.split_once("cargo run -p local-cognito -- ") else {
                continue;
            };
            let command = rest.split(" # ").next().unwrap_or(rest);
            let command = command.split('`').next().unwrap_or(command).trim();
            commands.push(shell_words(command));
        }
    }
    assert!(commands.len() >= 7, "{commands:?}");
    let dir = fresh_data_dir();
    let data_dir = dir.to_str().unwrap().to_owned();
    // `serve` first (it creates the demo pools the others name), then in the READMEs' order.
    commands.sort_by_key(|command| command[0] != "serve");
    for command in &commands {
        let mut args: Vec<&str> = command.iter().map(String::as_str).collect();
        if args[0] != "hash-password" {
            args.extend(["--data-dir", &data_dir]);
        }
        if args[0] == "serve" {
            serve_until_listening(&root, &args);
            continue;
        }
        let output = Command::new(env!("CARGO_BIN_EXE_local-cognito"))
            .current_dir(&root)
            .args(&args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(!stdout.trim().is_empty(), "{args:?} printed nothing");
    }
    let users = run(&[
        "users",
        "--data-dir",
        &data_dir,
        "--pool",
        "us-east-1_HostedDemo",
    ]);
    assert!(users.contains("dave\tCONFIRMED"), "{users}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Starts `local-cognito <args>` on a free port, waits until it listens, then stops it.
fn serve_until_listening(root: &std::path::Path, args: &[&str]) {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_local-cognito"))
        .current_dir(root)
        .args(args)
        .args(["--addr", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let listening = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.starts_with("local-cognito listening on "));
    let _ = child.kill();
    let _ = child.wait();
    assert!(listening, "{args:?} did not start");
}

/// Splits a README command into words: spaces separate, single quotes group.
fn shell_words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for character in command.chars() {
        match character {
            '\'' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            other => word.push(other),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// `messages` says when there are none.
#[test]
fn an_empty_outbox_says_so() {
    let dir = fresh_data_dir();
    let out = run(&["messages", "--data-dir", dir.to_str().unwrap()]);
    assert!(out.starts_with("no messages"), "{out:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
