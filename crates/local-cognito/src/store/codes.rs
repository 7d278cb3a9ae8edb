//! One-time codes (sign-up confirmation, password reset, …) and the messages that carried them.

use rusqlite::{OptionalExtension, params};

use super::Store;

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

/// What became of a code given for a user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeUse {
    /// The code matched: it is spent (single use).
    Matched,
    /// A wrong code; this many wrong tries so far.
    Mismatch(u32),
    /// There is no current code (never sent, already used, or spent by wrong tries).
    NoCode,
    /// The code has expired.
    Expired,
    /// Too many wrong tries: the code is spent, even the right one no longer works.
    AttemptsExceeded,
}

impl Store {
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
            "INSERT OR REPLACE INTO codes (pool_id, username, purpose, code, expires, attempts)
             VALUES (?1, ?2, ?3, ?4, ?5, 0)",
            params![pool_id, username, purpose, code, expires],
        )?;
        Ok(())
    }

    /// Checks a code someone gave for `purpose`, in one transaction: `matches` compares it with
    /// the current code. A match spends the code; a mismatch counts a wrong try, and from the
    /// `max_attempts`-th on the code is spent whatever is given, so guessing is bounded.
    pub fn use_code(
        &self,
        (pool_id, username, purpose): (&str, &str, &str),
        now: f64,
        max_attempts: u32,
        matches: impl FnOnce(&str) -> bool,
    ) -> rusqlite::Result<CodeUse> {
        let mut db = self.db();
        let transaction = db.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let key = params![pool_id, username, purpose];
        let current: Option<(String, f64, u32)> = transaction
            .query_row(
                "SELECT code, expires, attempts FROM codes
                 WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3",
                key,
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        let outcome = match current {
            None => CodeUse::NoCode,
            Some((_, _, attempts)) if attempts >= max_attempts => CodeUse::AttemptsExceeded,
            Some((_, expires, _)) if expires <= now => CodeUse::Expired,
            Some((code, _, _)) if matches(&code) => {
                transaction.execute(
                    "DELETE FROM codes WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3",
                    key,
                )?;
                CodeUse::Matched
            }
            Some((_, _, attempts)) => {
                transaction.execute(
                    "UPDATE codes SET attempts = attempts + 1
                     WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3",
                    key,
                )?;
                CodeUse::Mismatch(attempts + 1)
            }
        };
        transaction.commit()?;
        Ok(outcome)
    }

    /// Records a message Cognito would have sent.
    pub fn insert_message(&self, message: &Message, now: f64) -> rusqlite::Result<()> {
        self.db().execute(
            "INSERT INTO messages (pool_id, username, kind, code, created) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![message.pool_id, message.username, message.kind, message.code, now],
        )?;
        Ok(())
    }

    /// How many messages of `kind` went to a user since `since` (to bound how often codes may be
    /// asked for).
    pub fn count_messages(
        &self,
        pool_id: &str,
        username: &str,
        kind: &str,
        since: f64,
    ) -> rusqlite::Result<u32> {
        self.db().query_row(
            "SELECT COUNT(*) FROM messages
             WHERE pool_id = ?1 AND username = ?2 AND kind = ?3 AND created > ?4",
            params![pool_id, username, kind, since],
            |row| row.get(0),
        )
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
