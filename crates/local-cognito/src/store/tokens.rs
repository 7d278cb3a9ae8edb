//! Refresh tokens, stored by their hash.

use rusqlite::{OptionalExtension, params};

use super::Store;

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
    /// Revoked by `RevokeToken` or `GlobalSignOut`, or with its family after a reuse.
    pub revoked: bool,
    /// When a newer token of its family replaced it (refresh-token rotation).
    pub replaced_at: Option<f64>,
}

impl Store {
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
                "SELECT pool_id, client_id, username, origin_jti, auth_time, expires, revoked, replaced_at
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
                        replaced_at: row.get(7)?,
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

    /// Replaces the token `old_hash` by `new` of the same family, in one transaction: the old
    /// one is marked replaced (the first time only, so its grace period does not restart).
    pub fn rotate_refresh_token(
        &self,
        old_hash: &str,
        new_hash: &str,
        new: &RefreshToken,
        now: f64,
    ) -> rusqlite::Result<()> {
        let mut db = self.db();
        let transaction = db.transaction()?;
        transaction.execute(
            "UPDATE refresh_tokens SET replaced_at = ?2 WHERE token_hash = ?1 AND replaced_at IS NULL",
            params![old_hash, now],
        )?;
        transaction.execute(
            "INSERT INTO refresh_tokens (token_hash, pool_id, client_id, username, origin_jti, auth_time, expires, revoked)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)",
            params![
                new_hash,
                new.pool_id,
                new.client_id,
                new.username,
                new.origin_jti,
                new.auth_time,
                new.expires
            ],
        )?;
        transaction.commit()
    }

    /// Revokes every refresh token of the sign-in `origin_jti` (a reused rotated token).
    pub fn revoke_family(&self, origin_jti: &str) -> rusqlite::Result<()> {
        self.db().execute(
            "UPDATE refresh_tokens SET revoked = 1 WHERE origin_jti = ?1",
            params![origin_jti],
        )?;
        Ok(())
    }

    /// Whether tokens of the sign-in `origin_jti` were revoked.
    pub fn origin_revoked(&self, origin_jti: &str) -> rusqlite::Result<bool> {
        Ok(self
            .db()
            .query_row(
                "SELECT MAX(revoked) FROM refresh_tokens WHERE origin_jti = ?1",
                params![origin_jti],
                |row| row.get::<_, Option<bool>>(0),
            )
            .optional()?
            .flatten()
            .unwrap_or(false))
    }
}
