//! Passkeys (WebAuthn credentials).

use rusqlite::{Row, params};

use super::Store;

/// A passkey: webauthn-rs-core's record of it (public key, counter, flags) and what Cognito lists.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredPasskey {
    /// The credential id, base64url.
    pub credential_id: String,
    /// Its pool.
    pub pool_id: String,
    /// Its user.
    pub username: String,
    /// webauthn-rs-core's credential (`{"cred": …}`), as JSON.
    pub record: String,
    /// `FriendlyCredentialName`.
    pub name: Option<String>,
    /// The relying party it was made for.
    pub rp_id: String,
    /// `AuthenticatorTransports`.
    pub transports: Vec<String>,
    /// Seconds since the epoch.
    pub created: f64,
}

fn passkey_from_row(row: &Row<'_>) -> rusqlite::Result<StoredPasskey> {
    Ok(StoredPasskey {
        credential_id: row.get(0)?,
        pool_id: row.get(1)?,
        username: row.get(2)?,
        record: row.get(3)?,
        name: row.get(4)?,
        rp_id: row.get(5)?,
        transports: super::json_column(row, 6)?,
        created: row.get(7)?,
    })
}

impl Store {
    /// Stores a passkey (new, or with its counter updated).
    pub fn put_passkey(&self, passkey: &StoredPasskey) -> rusqlite::Result<()> {
        self.db().execute(
            "INSERT OR REPLACE INTO passkeys (credential_id, pool_id, username, record, name, rp_id,
                transports, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                passkey.credential_id,
                passkey.pool_id,
                passkey.username,
                passkey.record,
                passkey.name,
                passkey.rp_id,
                serde_json::to_string(&passkey.transports).unwrap_or_default(),
                passkey.created
            ],
        )?;
        Ok(())
    }

    /// A user's passkeys, oldest first.
    pub fn passkeys_of(
        &self,
        pool_id: &str,
        username: &str,
    ) -> rusqlite::Result<Vec<StoredPasskey>> {
        let db = self.db();
        let mut statement = db.prepare(
            "SELECT credential_id, pool_id, username, record, name, rp_id, transports, created
             FROM passkeys WHERE pool_id = ?1 AND username = ?2 ORDER BY created, credential_id",
        )?;
        statement
            .query_map(params![pool_id, username], passkey_from_row)?
            .collect()
    }

    /// Whether a credential id is registered (to anyone: credential ids are unique).
    pub fn passkey_exists(&self, credential_id: &str) -> rusqlite::Result<bool> {
        self.db()
            .prepare("SELECT 1 FROM passkeys WHERE credential_id = ?1")?
            .exists(params![credential_id])
    }

    /// Deletes a user's passkey; whether there was one.
    pub fn delete_passkey(
        &self,
        pool_id: &str,
        username: &str,
        credential_id: &str,
    ) -> rusqlite::Result<bool> {
        Ok(self.db().execute(
            "DELETE FROM passkeys WHERE pool_id = ?1 AND username = ?2 AND credential_id = ?3",
            params![pool_id, username, credential_id],
        )? == 1)
    }
}
