//! The schema and its migrations.

use rusqlite::Connection;

/// Each entry brings the schema from version `i` to `i + 1`, in one transaction. The first is the
/// schema local-cognito had before versions were recorded (`IF NOT EXISTS`, so it also accepts
/// such a database as it is). Append; never edit a released entry.
pub(super) const MIGRATIONS: &[&str] = &[
    "
CREATE TABLE IF NOT EXISTS pools (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, lambda_config TEXT NOT NULL,
    username_attributes TEXT NOT NULL, other TEXT NOT NULL, created REAL NOT NULL,
    key_pem TEXT NOT NULL, kid TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS clients (
    id TEXT PRIMARY KEY, pool_id TEXT NOT NULL, name TEXT NOT NULL, flows TEXT NOT NULL,
    prevent_existence_errors INTEGER NOT NULL, session_validity INTEGER NOT NULL,
    created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    pool_id TEXT NOT NULL, username TEXT NOT NULL, sub TEXT NOT NULL, status TEXT NOT NULL,
    enabled INTEGER NOT NULL, attributes TEXT NOT NULL, salt TEXT, verifier TEXT,
    created REAL NOT NULL, modified REAL NOT NULL, failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until REAL NOT NULL DEFAULT 0, tokens_valid_after REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (pool_id, username));
CREATE INDEX IF NOT EXISTS users_by_sub ON users (pool_id, sub);
CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_hash TEXT PRIMARY KEY, pool_id TEXT NOT NULL, client_id TEXT NOT NULL,
    username TEXT NOT NULL, origin_jti TEXT NOT NULL, auth_time REAL NOT NULL,
    expires REAL NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS refresh_by_origin ON refresh_tokens (origin_jti);
CREATE TABLE IF NOT EXISTS codes (
    pool_id TEXT NOT NULL, username TEXT NOT NULL, purpose TEXT NOT NULL, code TEXT NOT NULL,
    expires REAL NOT NULL, PRIMARY KEY (pool_id, username, purpose));
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, pool_id TEXT NOT NULL, username TEXT NOT NULL,
    kind TEXT NOT NULL, code TEXT NOT NULL, created REAL NOT NULL);
",
    // 2: wrong tries of a code; app clients' attribute permissions (NULL: Cognito's defaults);
    // groups and their members.
    "
ALTER TABLE codes ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN read_attributes TEXT;
ALTER TABLE clients ADD COLUMN write_attributes TEXT;
CREATE TABLE groups (
    pool_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT, precedence INTEGER,
    role_arn TEXT, created REAL NOT NULL, modified REAL NOT NULL, PRIMARY KEY (pool_id, name));
CREATE TABLE group_members (
    pool_id TEXT NOT NULL, group_name TEXT NOT NULL, username TEXT NOT NULL,
    PRIMARY KEY (pool_id, group_name, username));
CREATE INDEX group_members_by_user ON group_members (pool_id, username);
",
    // 3: refresh-token rotation: an app client's grace period (NULL: rotation off), and when a
    // refresh token was replaced by a newer one of its family.
    "
ALTER TABLE clients ADD COLUMN refresh_rotation_grace INTEGER;
ALTER TABLE refresh_tokens ADD COLUMN replaced_at REAL;
",
    // 4: a user's multi-factor settings (TOTP secret, factors enabled, preference), as JSON.
    "
ALTER TABLE users ADD COLUMN mfa TEXT NOT NULL DEFAULT '{}';
",
    // 5: devices (remembered devices): issued at a sign-in, confirmed with their SRP verifier.
    "
CREATE TABLE devices (
    device_key TEXT PRIMARY KEY, pool_id TEXT NOT NULL, username TEXT NOT NULL,
    group_key TEXT NOT NULL, salt TEXT, verifier TEXT, name TEXT, remembered INTEGER NOT NULL,
    created REAL NOT NULL, modified REAL NOT NULL, last_authenticated REAL NOT NULL);
CREATE INDEX devices_by_user ON devices (pool_id, username);
",
    // 6: passkeys (WebAuthn credentials), each with webauthn-rs's record of it as JSON.
    "
CREATE TABLE passkeys (
    credential_id TEXT PRIMARY KEY, pool_id TEXT NOT NULL, username TEXT NOT NULL,
    record TEXT NOT NULL, name TEXT, rp_id TEXT NOT NULL, transports TEXT NOT NULL,
    created REAL NOT NULL);
CREATE INDEX passkeys_by_user ON passkeys (pool_id, username);
",
];

/// Brings the database to the newest schema.
pub(super) fn migrate(connection: &mut Connection) -> rusqlite::Result<()> {
    let version: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    if version > MIGRATIONS.len() {
        return Err(rusqlite::Error::InvalidParameterName(format!(
            "the database has schema version {version}, newer than this local-cognito's {}: \
             use a newer local-cognito or another --data-dir",
            MIGRATIONS.len()
        )));
    }
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(version) {
        let transaction = connection.transaction()?;
        transaction.execute_batch(migration)?;
        transaction.pragma_update(None, "user_version", index as i64 + 1)?;
        transaction.commit()?;
    }
    Ok(())
}
