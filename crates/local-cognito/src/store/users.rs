//! Users.

use std::collections::BTreeMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{OptionalExtension, Row, params};

use super::{Store, json_column, unreadable};
use crate::model::{MfaSettings, User, UserStatus};

/// The user `?2` of the pool `?1`: exactly, or — in a pool whose
/// `UsernameConfiguration.CaseSensitive` is false, as Cognito's case-insensitive usernames —
/// ignoring (ASCII) case. The exact spelling first.
const USER_MATCH: &str =
    "pool_id = ?1 AND (username = ?2 OR (username = ?2 COLLATE NOCASE AND EXISTS (
        SELECT 1 FROM pools WHERE id = ?1
        AND json_extract(other, '$.UsernameConfiguration.CaseSensitive') = 0)))
    ORDER BY username = ?2 DESC LIMIT 1";

impl Store {
    /// Inserts a new user; `false` if the username is taken (in any case, where the pool's
    /// usernames are case-insensitive).
    pub fn insert_user(&self, user: &User) -> rusqlite::Result<bool> {
        let db = self.db();
        let taken = db
            .query_row(
                &format!("SELECT 1 FROM users WHERE {USER_MATCH}"),
                params![user.pool_id, user.username],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if taken {
            return Ok(false);
        }
        let changed = db.execute(
            "INSERT OR IGNORE INTO users (pool_id, username, sub, status, enabled, attributes, salt, verifier,
                created, modified, failed_attempts, locked_until, tokens_valid_after, mfa)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            user_params(user),
        )?;
        Ok(changed == 1)
    }

    /// Changes a user atomically: reads the stored user, applies `change` to it and writes it
    /// back in one transaction, with no other statement in between (every statement runs under
    /// the store's one lock). So a change never writes a stale copy over another: a failed sign-in
    /// counted while a new password is set keeps both. `change` decides from what is stored now,
    /// not from a copy read earlier; when it fails, nothing is written.
    ///
    /// `None` when there is no such user. Keep `change` short: every other request waits.
    pub fn modify_user<T, E: From<rusqlite::Error>>(
        &self,
        pool_id: &str,
        username: &str,
        change: impl FnOnce(&mut User) -> Result<T, E>,
    ) -> Result<Option<(User, T)>, E> {
        let mut db = self.db();
        let transaction = db
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(E::from)?;
        let stored = transaction
            .query_row(
                &format!("SELECT {USER_COLUMNS} FROM users WHERE {USER_MATCH}"),
                params![pool_id, username],
                user_from_row,
            )
            .optional()
            .map_err(E::from)?;
        let Some(mut user) = stored else {
            return Ok(None);
        };
        let outcome = change(&mut user)?;
        transaction
            .execute(
                "UPDATE users SET sub = ?3, status = ?4, enabled = ?5, attributes = ?6, salt = ?7,
                    verifier = ?8, created = ?9, modified = ?10, failed_attempts = ?11,
                    locked_until = ?12, tokens_valid_after = ?13, mfa = ?14
                 WHERE pool_id = ?1 AND username = ?2",
                user_params(&user),
            )
            .map_err(E::from)?;
        transaction.commit().map_err(E::from)?;
        Ok(Some((user, outcome)))
    }

    /// The user `username` of `pool_id`.
    pub fn user(&self, pool_id: &str, username: &str) -> rusqlite::Result<Option<User>> {
        self.db()
            .query_row(
                &format!("SELECT {USER_COLUMNS} FROM users WHERE {USER_MATCH}"),
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

    /// Deletes a user (revoking their refresh tokens and leaving their groups, in the same
    /// transaction); `false` if there was none.
    pub fn delete_user(&self, pool_id: &str, username: &str) -> rusqlite::Result<bool> {
        let mut db = self.db();
        let transaction = db.transaction()?;
        let Some(username) = transaction
            .query_row(
                &format!("SELECT username FROM users WHERE {USER_MATCH}"),
                params![pool_id, username],
                |row| row.get::<_, String>(0),
            )
            .optional()?
        else {
            return Ok(false);
        };
        transaction.execute(
            "UPDATE refresh_tokens SET revoked = 1 WHERE pool_id = ?1 AND username = ?2",
            params![pool_id, username],
        )?;
        transaction.execute(
            "DELETE FROM group_members WHERE pool_id = ?1 AND username = ?2",
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
}

const USER_COLUMNS: &str =
    "pool_id, username, sub, status, enabled, attributes, salt, verifier, created, modified,
    failed_attempts, locked_until, tokens_valid_after, mfa";

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
        SqlValue::from(serde_json::to_string(&user.mfa).unwrap_or_default()),
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
        mfa: json_column::<MfaSettings>(row, 13)?,
    })
}
