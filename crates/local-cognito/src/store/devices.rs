//! Devices a user signed in from (remembered devices).

use rusqlite::{OptionalExtension, Row, params};

use super::Store;

/// A device: issued at a sign-in (`NewDeviceMetadata`), confirmed with its SRP verifier.
#[derive(Clone, Debug, PartialEq)]
pub struct Device {
    /// `<region>_<uuid>`.
    pub key: String,
    /// Its pool.
    pub pool_id: String,
    /// Its user.
    pub username: String,
    /// The device group (the SRP "pool name" of its verifier).
    pub group_key: String,
    /// `(salt hex, verifier hex)`, once confirmed (`ConfirmDevice`).
    pub verifier: Option<(String, String)>,
    /// `device_name`.
    pub name: Option<String>,
    /// Remembered: its sign-ins skip MFA.
    pub remembered: bool,
    /// Seconds since the epoch.
    pub created: f64,
    /// Seconds since the epoch.
    pub modified: f64,
    /// Seconds since the epoch.
    pub last_authenticated: f64,
}

const COLUMNS: &str = "device_key, pool_id, username, group_key, salt, verifier, name, remembered,
    created, modified, last_authenticated";

fn device_from_row(row: &Row<'_>) -> rusqlite::Result<Device> {
    let salt: Option<String> = row.get(4)?;
    let verifier: Option<String> = row.get(5)?;
    Ok(Device {
        key: row.get(0)?,
        pool_id: row.get(1)?,
        username: row.get(2)?,
        group_key: row.get(3)?,
        verifier: salt.zip(verifier),
        name: row.get(6)?,
        remembered: row.get(7)?,
        created: row.get(8)?,
        modified: row.get(9)?,
        last_authenticated: row.get(10)?,
    })
}

impl Store {
    /// Stores `device` (new or changed).
    pub fn put_device(&self, device: &Device) -> rusqlite::Result<()> {
        let (salt, verifier) = device.verifier.clone().unzip();
        self.db().execute(
            &format!("INSERT OR REPLACE INTO devices ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
            params![
                device.key,
                device.pool_id,
                device.username,
                device.group_key,
                salt,
                verifier,
                device.name,
                device.remembered,
                device.created,
                device.modified,
                device.last_authenticated
            ],
        )?;
        Ok(())
    }

    /// The device `key` of `username` in `pool_id`.
    pub fn device(
        &self,
        pool_id: &str,
        username: &str,
        key: &str,
    ) -> rusqlite::Result<Option<Device>> {
        self.db()
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM devices WHERE device_key = ?1 AND pool_id = ?2 AND username = ?3"
                ),
                params![key, pool_id, username],
                device_from_row,
            )
            .optional()
    }

    /// A user's confirmed devices, most recently used first.
    pub fn devices_of(&self, pool_id: &str, username: &str) -> rusqlite::Result<Vec<Device>> {
        let db = self.db();
        let mut statement = db.prepare(&format!(
            "SELECT {COLUMNS} FROM devices WHERE pool_id = ?1 AND username = ?2 AND verifier IS NOT NULL
             ORDER BY last_authenticated DESC, device_key"
        ))?;
        statement
            .query_map(params![pool_id, username], device_from_row)?
            .collect()
    }

    /// Forgets a device; whether there was one.
    pub fn delete_device(&self, key: &str) -> rusqlite::Result<bool> {
        Ok(self
            .db()
            .execute("DELETE FROM devices WHERE device_key = ?1", params![key])?
            == 1)
    }
}
