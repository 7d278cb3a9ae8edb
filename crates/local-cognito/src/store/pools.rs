//! Pools (with their signing keys) and app clients.

use rusqlite::{OptionalExtension, Row, params};
use serde_json::{Map, Value};

use super::{Store, json_column};
use crate::model::{Client, Pool};

impl Store {
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

    /// Inserts or replaces an app client.
    pub fn put_client(&self, client: &Client) -> rusqlite::Result<()> {
        self.db().execute(
            "INSERT OR REPLACE INTO clients (id, pool_id, name, flows, prevent_existence_errors,
                session_validity, created, read_attributes, write_attributes, refresh_rotation_grace)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                client.id,
                client.pool_id,
                client.name,
                serde_json::to_string(&client.explicit_auth_flows).unwrap_or_default(),
                client.prevent_user_existence_errors,
                client.auth_session_validity,
                client.created,
                client
                    .read_attributes
                    .as_ref()
                    .map(|names| serde_json::to_string(names).unwrap_or_default()),
                client
                    .write_attributes
                    .as_ref()
                    .map(|names| serde_json::to_string(names).unwrap_or_default()),
                client.refresh_rotation_grace,
            ],
        )?;
        Ok(())
    }

    /// The app client `id`.
    pub fn client(&self, id: &str) -> rusqlite::Result<Option<Client>> {
        self.db()
            .query_row(
                "SELECT id, pool_id, name, flows, prevent_existence_errors, session_validity, created,
                    read_attributes, write_attributes, refresh_rotation_grace
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
                        read_attributes: optional_json(row, 7)?,
                        write_attributes: optional_json(row, 8)?,
                        refresh_rotation_grace: row.get(9)?,
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

/// A JSON column that may be NULL.
fn optional_json<T: serde::de::DeserializeOwned>(
    row: &Row<'_>,
    column: usize,
) -> rusqlite::Result<Option<T>> {
    match row.get_ref(column)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => json_column(row, column).map(Some),
    }
}
