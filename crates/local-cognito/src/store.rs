//! SQLite persistence (WAL): pools, clients, users, refresh tokens, messages, signing keys.
//!
//! Every write is one transaction committed before the operation answers (a write of several
//! statements is one explicit transaction), so an acknowledged write survives the process being
//! killed (`kill -9`): WAL appends reach the OS before commit returns.
//!
//! The schema is versioned (`PRAGMA user_version`): [`MIGRATIONS`] brings an older database up
//! to date when it is opened, and a database from a newer local-cognito is refused rather than
//! misread. A row with a value this version does not know (a user status, malformed JSON) is an
//! error, never read as a default.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::{Map, Value};

use crate::model::{Client, Pool, User, UserStatus};

/// Each entry brings the schema from version `i` to `i + 1`, in one transaction. The first is the
/// schema local-cognito had before versions were recorded (`IF NOT EXISTS`, so it also accepts
/// such a database as it is). Append; never edit a released entry.
const MIGRATIONS: &[&str] = &["
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
"];

/// Brings the database to the newest schema.
fn migrate(connection: &mut Connection) -> rusqlite::Result<()> {
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

/// A column whose text this version cannot read: an error naming the column.
fn unreadable(column: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("unknown {what}").into(),
    )
}

/// A JSON column.
fn json_column<T: serde::de::DeserializeOwned>(
    row: &Row<'_>,
    column: usize,
) -> rusqlite::Result<T> {
    serde_json::from_str(&row.get::<_, String>(column)?).map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            Box::new(error),
        )
    })
}

/// The database.
#[derive(Debug)]
pub struct Store {
    connection: Mutex<Connection>,
}

/// A stored refresh token.
#[derive(Clone, Debug, PartialEq)]
pub struct RefreshToken {
    /// Its pool.
    pub pool_id: String,
    /// The client it was issued to.
    pub client_id: String,
    /// Its user.
    pub username: String,
    /// The sign-in it came from; access tokens carry it as `origin_jti`.
    pub origin_jti: String,
    /// When the user authenticated.
    pub auth_time: f64,
    /// Seconds since the epoch.
    pub expires: f64,
    /// Revoked by `RevokeToken` or `GlobalSignOut`.
    pub revoked: bool,
}

/// A message Cognito would have sent (a code by e-mail or SMS).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Message {
    /// The pool.
    pub pool_id: String,
    /// The recipient.
    pub username: String,
    /// `SignUp`, `ResendCode`, `ForgotPassword`, `AdminCreateUser`.
    pub kind: String,
    /// The code or temporary password.
    pub code: String,
}

impl Store {
    /// Opens (creating if needed) the database in `dir`.
    pub fn open(dir: &Path) -> rusqlite::Result<Self> {
        if let Err(error) = std::fs::create_dir_all(dir) {
            return Err(rusqlite::Error::ToSqlConversionFailure(Box::new(error)));
        }
        Self::setup(Connection::open(dir.join("local-cognito.sqlite3"))?)
    }

    /// A database in memory, for tests.
    pub fn in_memory() -> rusqlite::Result<Self> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(mut connection: Connection) -> rusqlite::Result<Self> {
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.pragma_update(None, "busy_timeout", 5000)?;
        migrate(&mut connection)?;
        Ok(Self {
            connection: Mutex::new(connection),
        })
    }

    fn db(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite inconsistent: keep serving.
        self.connection
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    // ---- pools ----

    /// Inserts a pool with its signing key (PKCS#8 PEM) and key id.
    pub fn insert_pool(&self, pool: &Pool, key_pem: &str, kid: &str) -> rusqlite::Result<()> {
        self.db().execute(
            "INSERT INTO pools (id, name, lambda_config, username_attributes, other, created, key_pem, kid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                pool.id,
                pool.name,
                Value::Object(pool.lambda_config.clone()).to_string(),
                serde_json::to_string(&pool.username_attributes).unwrap_or_default(),
                Value::Object(pool.other.clone()).to_string(),
                pool.created,
                key_pem,
                kid
            ],
        )?;
        Ok(())
    }

    /// Replaces a pool's settings (not its key).
    pub fn update_pool(&self, pool: &Pool) -> rusqlite::Result<()> {
        self.db().execute(
            "UPDATE pools SET name = ?2, lambda_config = ?3, username_attributes = ?4, other = ?5 WHERE id = ?1",
            params![
                pool.id,
                pool.name,
                Value::Object(pool.lambda_config.clone()).to_string(),
                serde_json::to_string(&pool.username_attributes).unwrap_or_default(),
                Value::Object(pool.other.clone()).to_string()
            ],
        )?;
        Ok(())
    }

    /// The pool `id`.
    pub fn pool(&self, id: &str) -> rusqlite::Result<Option<Pool>> {
        self.db()
            .query_row(
                "SELECT id, name, lambda_config, username_attributes, other, created FROM pools WHERE id = ?1",
                params![id],
                pool_from_row,
            )
            .optional()
    }

    /// Every pool.
    pub fn pools(&self) -> rusqlite::Result<Vec<Pool>> {
        let db = self.db();
        let mut statement = db.prepare(
            "SELECT id, name, lambda_config, username_attributes, other, created FROM pools ORDER BY created",
        )?;
        statement.query_map([], pool_from_row)?.collect()
    }

    /// The pool's signing key (PKCS#8 PEM) and key id.
    pub fn pool_key(&self, id: &str) -> rusqlite::Result<Option<(String, String)>> {
        self.db()
            .query_row(
                "SELECT key_pem, kid FROM pools WHERE id = ?1",
                params![id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
    }

    // ---- clients ----

    /// Inserts or replaces an app client.
    pub fn put_client(&self, client: &Client) -> rusqlite::Result<()> {
        self.db().execute(
            "INSERT OR REPLACE INTO clients (id, pool_id, name, flows, prevent_existence_errors, session_validity, created)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                client.id,
                client.pool_id,
                client.name,
                serde_json::to_string(&client.explicit_auth_flows).unwrap_or_default(),
                client.prevent_user_existence_errors,
                client.auth_session_validity,
                client.created
            ],
        )?;
        Ok(())
    }

    /// The app client `id`.
    pub fn client(&self, id: &str) -> rusqlite::Result<Option<Client>> {
        self.db()
            .query_row(
                "SELECT id, pool_id, name, flows, prevent_existence_errors, session_validity, created
                 FROM clients WHERE id = ?1",
                params![id],
                |row| {
                    Ok(Client {
                        id: row.get(0)?,
                        pool_id: row.get(1)?,
                        name: row.get(2)?,
                        explicit_auth_flows: json_column(row, 3)?,
                        prevent_user_existence_errors: row.get(4)?,
                        auth_session_validity: row.get(5)?,
                        created: row.get(6)?,
                    })
                },
            )
            .optional()
    }

    /// The app clients of a pool: (id, name, flows).
    pub fn clients_of(&self, pool_id: &str) -> rusqlite::Result<Vec<(String, String, String)>> {
        let db = self.db();
        let mut statement =
            db.prepare("SELECT id, name, flows FROM clients WHERE pool_id = ?1 ORDER BY created")?;
        statement
            .query_map(params![pool_id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?
            .collect()
    }

    // ---- users ----

    /// Inserts a new user; `false` if the username is taken.
    pub fn insert_user(&self, user: &User) -> rusqlite::Result<bool> {
        let changed = self.db().execute(
            "INSERT OR IGNORE INTO users (pool_id, username, sub, status, enabled, attributes, salt, verifier,
                created, modified, failed_attempts, locked_until, tokens_valid_after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            user_params(user),
        )?;
        Ok(changed == 1)
    }

    /// Writes every field of an existing user.
    pub fn update_user(&self, user: &User) -> rusqlite::Result<()> {
        self.db().execute(
            "UPDATE users SET sub = ?3, status = ?4, enabled = ?5, attributes = ?6, salt = ?7, verifier = ?8,
                created = ?9, modified = ?10, failed_attempts = ?11, locked_until = ?12, tokens_valid_after = ?13
             WHERE pool_id = ?1 AND username = ?2",
            user_params(user),
        )?;
        Ok(())
    }

    /// The user `username` of `pool_id`.
    pub fn user(&self, pool_id: &str, username: &str) -> rusqlite::Result<Option<User>> {
        self.db()
            .query_row(
                &format!("SELECT {USER_COLUMNS} FROM users WHERE pool_id = ?1 AND username = ?2"),
                params![pool_id, username],
                user_from_row,
            )
            .optional()
    }

    /// The user whose attribute `name` is `value` (aliases such as `email`), or whose `sub` is.
    pub fn user_by_attribute(
        &self,
        pool_id: &str,
        name: &str,
        value: &str,
    ) -> rusqlite::Result<Option<User>> {
        if name == "sub" {
            return self
                .db()
                .query_row(
                    &format!("SELECT {USER_COLUMNS} FROM users WHERE pool_id = ?1 AND sub = ?2"),
                    params![pool_id, value],
                    user_from_row,
                )
                .optional();
        }
        self.db()
            .query_row(
                &format!(
                    "SELECT {USER_COLUMNS} FROM users WHERE pool_id = ?1 AND json_extract(attributes, ?2) = ?3"
                ),
                params![pool_id, format!("$.\"{}\"", name.replace('"', "")), value],
                user_from_row,
            )
            .optional()
    }

    /// Deletes a user (and revokes their refresh tokens, in the same transaction); `false` if
    /// there was none.
    pub fn delete_user(&self, pool_id: &str, username: &str) -> rusqlite::Result<bool> {
        let mut db = self.db();
        let transaction = db.transaction()?;
        transaction.execute(
            "UPDATE refresh_tokens SET revoked = 1 WHERE pool_id = ?1 AND username = ?2",
            params![pool_id, username],
        )?;
        let deleted = transaction.execute(
            "DELETE FROM users WHERE pool_id = ?1 AND username = ?2",
            params![pool_id, username],
        )? == 1;
        transaction.commit()?;
        Ok(deleted)
    }

    /// Users of a pool in username order, after `after`, at most `limit`.
    pub fn users(
        &self,
        pool_id: &str,
        after: Option<&str>,
        limit: usize,
    ) -> rusqlite::Result<Vec<User>> {
        let db = self.db();
        let mut statement = db.prepare(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE pool_id = ?1 AND username > ?2 ORDER BY username LIMIT ?3"
        ))?;
        statement
            .query_map(
                params![pool_id, after.unwrap_or(""), limit as i64],
                user_from_row,
            )?
            .collect()
    }

    // ---- refresh tokens ----

    /// Stores a refresh token by its hash.
    pub fn insert_refresh_token(
        &self,
        token_hash: &str,
        token: &RefreshToken,
    ) -> rusqlite::Result<()> {
        self.db().execute(
            "INSERT INTO refresh_tokens (token_hash, pool_id, client_id, username, origin_jti, auth_time, expires, revoked)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                token_hash,
                token.pool_id,
                token.client_id,
                token.username,
                token.origin_jti,
                token.auth_time,
                token.expires,
                token.revoked
            ],
        )?;
        Ok(())
    }

    /// The refresh token with this hash.
    pub fn refresh_token(&self, token_hash: &str) -> rusqlite::Result<Option<RefreshToken>> {
        self.db()
            .query_row(
                "SELECT pool_id, client_id, username, origin_jti, auth_time, expires, revoked
                 FROM refresh_tokens WHERE token_hash = ?1",
                params![token_hash],
                |row| {
                    Ok(RefreshToken {
                        pool_id: row.get(0)?,
                        client_id: row.get(1)?,
                        username: row.get(2)?,
                        origin_jti: row.get(3)?,
                        auth_time: row.get(4)?,
                        expires: row.get(5)?,
                        revoked: row.get(6)?,
                    })
                },
            )
            .optional()
    }

    /// Revokes the refresh token with this hash.
    pub fn revoke_refresh_token(&self, token_hash: &str) -> rusqlite::Result<()> {
        self.db().execute(
            "UPDATE refresh_tokens SET revoked = 1 WHERE token_hash = ?1",
            params![token_hash],
        )?;
        Ok(())
    }

    /// Revokes every refresh token of a user (`GlobalSignOut`).
    pub fn revoke_user_refresh_tokens(
        &self,
        pool_id: &str,
        username: &str,
    ) -> rusqlite::Result<()> {
        self.db().execute(
            "UPDATE refresh_tokens SET revoked = 1 WHERE pool_id = ?1 AND username = ?2",
            params![pool_id, username],
        )?;
        Ok(())
    }

    /// Whether tokens of the sign-in `origin_jti` were revoked.
    pub fn origin_revoked(&self, origin_jti: &str) -> rusqlite::Result<bool> {
        Ok(self
            .db()
            .query_row(
                "SELECT revoked FROM refresh_tokens WHERE origin_jti = ?1",
                params![origin_jti],
                |row| row.get::<_, bool>(0),
            )
            .optional()?
            .unwrap_or(false))
    }

    // ---- codes ----

    /// Stores the current code of a user for `purpose` (replacing any earlier one).
    pub fn put_code(
        &self,
        pool_id: &str,
        username: &str,
        purpose: &str,
        code: &str,
        expires: f64,
    ) -> rusqlite::Result<()> {
        self.db().execute(
            "INSERT OR REPLACE INTO codes (pool_id, username, purpose, code, expires) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![pool_id, username, purpose, code, expires],
        )?;
        Ok(())
    }

    /// The current code and its expiry.
    pub fn code(
        &self,
        pool_id: &str,
        username: &str,
        purpose: &str,
    ) -> rusqlite::Result<Option<(String, f64)>> {
        self.db()
            .query_row(
                "SELECT code, expires FROM codes WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3",
                params![pool_id, username, purpose],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
    }

    /// Forgets a used code.
    pub fn delete_code(
        &self,
        pool_id: &str,
        username: &str,
        purpose: &str,
    ) -> rusqlite::Result<()> {
        self.db().execute(
            "DELETE FROM codes WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3",
            params![pool_id, username, purpose],
        )?;
        Ok(())
    }

    // ---- messages ----

    /// Records a message Cognito would have sent.
    pub fn insert_message(&self, message: &Message, now: f64) -> rusqlite::Result<()> {
        self.db().execute(
            "INSERT INTO messages (pool_id, username, kind, code, created) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![message.pool_id, message.username, message.kind, message.code, now],
        )?;
        Ok(())
    }

    /// Messages, newest first, optionally for one user.
    pub fn messages(
        &self,
        pool_id: Option<&str>,
        username: Option<&str>,
    ) -> rusqlite::Result<Vec<Message>> {
        let db = self.db();
        let mut statement = db.prepare(
            "SELECT pool_id, username, kind, code FROM messages
             WHERE (?1 IS NULL OR pool_id = ?1) AND (?2 IS NULL OR username = ?2) ORDER BY id DESC LIMIT 100",
        )?;
        statement
            .query_map(params![pool_id, username], |row| {
                Ok(Message {
                    pool_id: row.get(0)?,
                    username: row.get(1)?,
                    kind: row.get(2)?,
                    code: row.get(3)?,
                })
            })?
            .collect()
    }
}

const USER_COLUMNS: &str =
    "pool_id, username, sub, status, enabled, attributes, salt, verifier, created, modified,
    failed_attempts, locked_until, tokens_valid_after";

fn user_params(user: &User) -> rusqlite::ParamsFromIter<Vec<SqlValue>> {
    let (salt, verifier) = match &user.verifier {
        Some((salt, verifier)) => (
            SqlValue::from(salt.clone()),
            SqlValue::from(verifier.clone()),
        ),
        None => (SqlValue::Null, SqlValue::Null),
    };
    rusqlite::params_from_iter(vec![
        SqlValue::from(user.pool_id.clone()),
        SqlValue::from(user.username.clone()),
        SqlValue::from(user.sub.clone()),
        SqlValue::from(user.status.as_str().to_owned()),
        SqlValue::from(user.enabled),
        SqlValue::from(serde_json::to_string(&user.attributes).unwrap_or_default()),
        salt,
        verifier,
        SqlValue::from(user.created),
        SqlValue::from(user.modified),
        SqlValue::from(i64::from(user.failed_attempts)),
        SqlValue::from(user.locked_until),
        SqlValue::from(user.tokens_valid_after),
    ])
}

fn user_from_row(row: &Row<'_>) -> rusqlite::Result<User> {
    let salt: Option<String> = row.get(6)?;
    let verifier: Option<String> = row.get(7)?;
    Ok(User {
        pool_id: row.get(0)?,
        username: row.get(1)?,
        sub: row.get(2)?,
        status: UserStatus::parse(&row.get::<_, String>(3)?)
            .ok_or_else(|| unreadable(3, "user status"))?,
        enabled: row.get(4)?,
        attributes: json_column::<BTreeMap<String, String>>(row, 5)?,
        verifier: salt.zip(verifier),
        created: row.get(8)?,
        modified: row.get(9)?,
        failed_attempts: row.get(10)?,
        locked_until: row.get(11)?,
        tokens_valid_after: row.get(12)?,
    })
}

fn pool_from_row(row: &Row<'_>) -> rusqlite::Result<Pool> {
    Ok(Pool {
        id: row.get(0)?,
        name: row.get(1)?,
        lambda_config: json_column::<Map<String, Value>>(row, 2)?,
        username_attributes: json_column(row, 3)?,
        other: json_column::<Map<String, Value>>(row, 4)?,
        created: row.get(5)?,
    })
}
