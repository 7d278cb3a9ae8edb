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
