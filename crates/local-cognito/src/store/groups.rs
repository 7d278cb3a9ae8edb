//! Groups and their members (`CreateGroup`, `AdminAddUserToGroup`, …): what `cognito:groups` in
//! the tokens comes from, and only from.

use rusqlite::{OptionalExtension, Row, params};

use super::Store;

/// A group of a pool.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Its pool.
    pub pool_id: String,
    /// The name (unique in the pool).
    pub name: String,
    /// What it is for.
    pub description: Option<String>,
    /// Lower first: orders `cognito:groups` and picks `cognito:preferred_role`.
    pub precedence: Option<i64>,
    /// An IAM role for members.
    pub role_arn: Option<String>,
    /// Seconds since the epoch.
    pub created: f64,
    /// Seconds since the epoch.
    pub modified: f64,
}

const GROUP_COLUMNS: &str = "pool_id, name, description, precedence, role_arn, created, modified";

fn group_from_row(row: &Row<'_>) -> rusqlite::Result<Group> {
    Ok(Group {
        pool_id: row.get(0)?,
        name: row.get(1)?,
        description: row.get(2)?,
        precedence: row.get(3)?,
        role_arn: row.get(4)?,
        created: row.get(5)?,
        modified: row.get(6)?,
    })
}

impl Store {
    /// Creates a group; `false` if one of that name exists.
    pub fn insert_group(&self, group: &Group) -> rusqlite::Result<bool> {
        Ok(self.db().execute(
            &format!(
                "INSERT OR IGNORE INTO groups ({GROUP_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            ),
            params![
                group.pool_id,
                group.name,
                group.description,
                group.precedence,
                group.role_arn,
                group.created,
                group.modified
            ],
        )? == 1)
    }

    /// The group `name` of `pool_id`.
    pub fn group(&self, pool_id: &str, name: &str) -> rusqlite::Result<Option<Group>> {
        self.db()
            .query_row(
                &format!("SELECT {GROUP_COLUMNS} FROM groups WHERE pool_id = ?1 AND name = ?2"),
                params![pool_id, name],
                group_from_row,
            )
            .optional()
    }

    /// Groups of a pool in name order, after `after`, at most `limit`.
    pub fn groups(
        &self,
        pool_id: &str,
        after: Option<&str>,
        limit: usize,
    ) -> rusqlite::Result<Vec<Group>> {
        let db = self.db();
        let mut statement = db.prepare(&format!(
            "SELECT {GROUP_COLUMNS} FROM groups WHERE pool_id = ?1 AND name > ?2 ORDER BY name LIMIT ?3"
        ))?;
        statement
            .query_map(
                params![pool_id, after.unwrap_or(""), limit as i64],
                group_from_row,
            )?
            .collect()
    }

    /// Deletes a group and its memberships; `false` if there was none.
    pub fn delete_group(&self, pool_id: &str, name: &str) -> rusqlite::Result<bool> {
        let mut db = self.db();
        let transaction = db.transaction()?;
        transaction.execute(
            "DELETE FROM group_members WHERE pool_id = ?1 AND group_name = ?2",
            params![pool_id, name],
        )?;
        let deleted = transaction.execute(
            "DELETE FROM groups WHERE pool_id = ?1 AND name = ?2",
            params![pool_id, name],
        )? == 1;
        transaction.commit()?;
        Ok(deleted)
    }

    /// Adds a user to a group (nothing if a member already).
    pub fn add_to_group(&self, pool_id: &str, group: &str, username: &str) -> rusqlite::Result<()> {
        self.db().execute(
            "INSERT OR IGNORE INTO group_members (pool_id, group_name, username) VALUES (?1, ?2, ?3)",
            params![pool_id, group, username],
        )?;
        Ok(())
    }

    /// Removes a user from a group.
    pub fn remove_from_group(
        &self,
        pool_id: &str,
        group: &str,
        username: &str,
    ) -> rusqlite::Result<()> {
        self.db().execute(
            "DELETE FROM group_members WHERE pool_id = ?1 AND group_name = ?2 AND username = ?3",
            params![pool_id, group, username],
        )?;
        Ok(())
    }

    /// The groups a user is in, by precedence (lowest first; none last), then name.
    pub fn groups_of(&self, pool_id: &str, username: &str) -> rusqlite::Result<Vec<Group>> {
        let db = self.db();
        let mut statement = db.prepare(
            "SELECT g.pool_id, g.name, g.description, g.precedence, g.role_arn, g.created, g.modified
             FROM group_members m JOIN groups g ON g.pool_id = m.pool_id AND g.name = m.group_name
             WHERE m.pool_id = ?1 AND m.username = ?2
             ORDER BY g.precedence IS NULL, g.precedence, g.name",
        )?;
        statement
            .query_map(params![pool_id, username], group_from_row)?
            .collect()
    }

    /// The members of a group, in username order, after `after`, at most `limit`.
    pub fn members_of(
        &self,
        pool_id: &str,
        group: &str,
        after: Option<&str>,
        limit: usize,
    ) -> rusqlite::Result<Vec<String>> {
        let db = self.db();
        let mut statement = db.prepare(
            "SELECT username FROM group_members
             WHERE pool_id = ?1 AND group_name = ?2 AND username > ?3 ORDER BY username LIMIT ?4",
        )?;
        statement
            .query_map(
                params![pool_id, group, after.unwrap_or(""), limit as i64],
                |row| row.get(0),
            )?
            .collect()
    }
}
