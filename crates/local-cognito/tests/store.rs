//! The database: versioned schema with migrations, and rows this version cannot read are errors,
//! never defaults.

mod support;

use std::collections::BTreeMap;

use local_cognito::model::{User, UserStatus};
use local_cognito::store::Store;
use rusqlite::Connection;
use support::fresh_data_dir;

const FILE: &str = "local-cognito.sqlite3";

fn user(username: &str) -> User {
    User {
        pool_id: "us-east-1_Store".to_owned(),
        username: username.to_owned(),
        sub: format!("sub-{username}"),
        status: UserStatus::Confirmed,
        enabled: true,
        attributes: BTreeMap::from([("email".to_owned(), format!("{username}@example.com"))]),
        verifier: None,
        created: 1.0,
        modified: 1.0,
        failed_attempts: 0,
        locked_until: 0.0,
        tokens_valid_after: 0.0,
        mfa: local_cognito::model::MfaSettings::default(),
    }
}

fn user_version(dir: &std::path::Path) -> i64 {
    Connection::open(dir.join(FILE))
        .unwrap()
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap()
}

#[test]
fn a_new_database_records_its_schema_version() {
    let dir = fresh_data_dir();
    drop(Store::open(&dir).unwrap());
    assert!(user_version(&dir) >= 1);
    // Opening again applies nothing twice.
    let store = Store::open(&dir).unwrap();
    assert!(store.insert_user(&user("alice")).unwrap());
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The schema local-cognito wrote before it recorded versions (a fixture of that old format).
const UNVERSIONED_SCHEMA: &str = "
CREATE TABLE pools (id TEXT PRIMARY KEY, name TEXT NOT NULL, lambda_config TEXT NOT NULL,
    username_attributes TEXT NOT NULL, other TEXT NOT NULL, created REAL NOT NULL,
    key_pem TEXT NOT NULL, kid TEXT NOT NULL);
CREATE TABLE clients (id TEXT PRIMARY KEY, pool_id TEXT NOT NULL, name TEXT NOT NULL,
    flows TEXT NOT NULL, prevent_existence_errors INTEGER NOT NULL,
    session_validity INTEGER NOT NULL, created REAL NOT NULL);
CREATE TABLE users (pool_id TEXT NOT NULL, username TEXT NOT NULL, sub TEXT NOT NULL,
    status TEXT NOT NULL, enabled INTEGER NOT NULL, attributes TEXT NOT NULL, salt TEXT,
    verifier TEXT, created REAL NOT NULL, modified REAL NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until REAL NOT NULL DEFAULT 0,
    tokens_valid_after REAL NOT NULL DEFAULT 0, PRIMARY KEY (pool_id, username));
CREATE INDEX users_by_sub ON users (pool_id, sub);
CREATE TABLE refresh_tokens (token_hash TEXT PRIMARY KEY, pool_id TEXT NOT NULL,
    client_id TEXT NOT NULL, username TEXT NOT NULL, origin_jti TEXT NOT NULL,
    auth_time REAL NOT NULL, expires REAL NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
CREATE INDEX refresh_by_origin ON refresh_tokens (origin_jti);
CREATE TABLE codes (pool_id TEXT NOT NULL, username TEXT NOT NULL, purpose TEXT NOT NULL,
    code TEXT NOT NULL, expires REAL NOT NULL, PRIMARY KEY (pool_id, username, purpose));
CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, pool_id TEXT NOT NULL,
    username TEXT NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL, created REAL NOT NULL);
INSERT INTO users VALUES ('us-east-1_Store', 'alice', 'sub-alice', 'CONFIRMED', 1,
    '{\"email\":\"alice@example.com\"}', NULL, NULL, 1, 1, 0, 0, 0);
INSERT INTO codes VALUES ('us-east-1_Store', 'alice', 'SignUp', '123456', 1e12);
";

#[test]
fn a_database_from_before_versions_is_migrated_with_its_data() {
    let dir = fresh_data_dir();
    std::fs::create_dir_all(&dir).unwrap();
    Connection::open(dir.join(FILE))
        .unwrap()
        .execute_batch(UNVERSIONED_SCHEMA)
        .unwrap();
    let store = Store::open(&dir).unwrap();
    let alice = store.user("us-east-1_Store", "alice").unwrap().unwrap();
    assert_eq!(alice.attributes["email"], "alice@example.com");
    // The code kept, with the wrong tries the newer schema counts.
    let used = store
        .use_code(("us-east-1_Store", "alice", "SignUp"), 2.0, 5, |code| {
            code == "123456"
        })
        .unwrap();
    assert_eq!(used, local_cognito::store::CodeUse::Matched);
    drop(store);
    assert!(user_version(&dir) >= 2);
    // Opened again, nothing is applied twice.
    drop(Store::open(&dir).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let dir = fresh_data_dir();
    drop(Store::open(&dir).unwrap());
    Connection::open(dir.join(FILE))
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let error = Store::open(&dir).unwrap_err().to_string();
    assert!(error.contains("newer"), "{error}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rows_with_unknown_values_are_errors_not_defaults() {
    let dir = fresh_data_dir();
    let store = Store::open(&dir).unwrap();
    for name in ["status", "attributes", "flows"] {
        store.insert_user(&user(name)).unwrap();
    }
    let raw = Connection::open(dir.join(FILE)).unwrap();
    raw.execute(
        "UPDATE users SET status = 'HALF_CONFIRMED' WHERE username = 'status'",
        [],
    )
    .unwrap();
    raw.execute(
        "UPDATE users SET attributes = '{not json' WHERE username = 'attributes'",
        [],
    )
    .unwrap();
    assert!(store.user("us-east-1_Store", "status").is_err());
    assert!(store.user("us-east-1_Store", "attributes").is_err());
    assert!(store.user("us-east-1_Store", "flows").unwrap().is_some());
    // A listing that meets such a row fails rather than skipping or inventing it.
    assert!(store.users("us-east-1_Store", None, 60).is_err());
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn deleting_a_user_revokes_their_refresh_tokens_in_one_transaction() {
    let dir = fresh_data_dir();
    let store = Store::open(&dir).unwrap();
    store.insert_user(&user("alice")).unwrap();
    let token = local_cognito::store::RefreshToken {
        pool_id: "us-east-1_Store".to_owned(),
        client_id: "client".to_owned(),
        username: "alice".to_owned(),
        origin_jti: "jti".to_owned(),
        auth_time: 1.0,
        expires: f64::MAX,
        revoked: false,
        replaced_at: None,
    };
    store.insert_refresh_token("hash", &token).unwrap();
    assert!(store.delete_user("us-east-1_Store", "alice").unwrap());
    assert!(store.refresh_token("hash").unwrap().unwrap().revoked);
    assert!(!store.delete_user("us-east-1_Store", "alice").unwrap());
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
