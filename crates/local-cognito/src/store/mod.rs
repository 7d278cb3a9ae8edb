//! SQLite persistence (WAL): pools, clients, users, groups, refresh tokens, codes, messages,
//! signing keys.
//!
//! Every write is one transaction committed before the operation answers (a write of several
//! statements is one explicit transaction), so an acknowledged write survives the process being
//! killed (`kill -9`): WAL appends reach the OS before commit returns. Every statement runs under
//! one lock, and a change that depends on what is stored (a failed sign-in, a new password, a
//! code's attempts) reads and writes inside one transaction ([`Store::modify_user`]): no write
//! carries a stale copy over a concurrent one.
//!
//! The schema is versioned (`PRAGMA user_version`): [`schema::MIGRATIONS`] brings an older
//! database up to date when it is opened, and a database from a newer local-cognito is refused
//! rather than misread. A row with a value this version does not know (a user status, malformed
//! JSON) is an error, never read as a default.

mod codes;
mod devices;
mod groups;
mod passkeys;
mod pools;
mod schema;
mod tokens;
mod users;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, Row};

pub use codes::{CodeUse, Message};
pub use devices::Device;
pub use groups::Group;
pub use passkeys::StoredPasskey;
pub use tokens::RefreshToken;

/// The database.
#[derive(Debug)]
pub struct Store {
    connection: Mutex<Connection>,
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
        schema::migrate(&mut connection)?;
        Ok(Self {
            connection: Mutex::new(connection),
        })
    }

    pub(crate) fn db(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite inconsistent: keep serving.
        self.connection
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
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
