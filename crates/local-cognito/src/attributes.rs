//! The pool's attribute schema, and what each app client may read and write: as on Cognito, a
//! client writes only attributes of the schema its `WriteAttributes` allow, so nobody grants
//! themselves `email_verified`, a group or a developer-only attribute.
//!
//! - Standard attributes are always in the schema; `custom:` ones are declared by the pool
//!   (`CreateUserPool`'s `Schema`, or the TOML config), `dev:custom:` ones too with
//!   `DeveloperOnlyAttribute` (only an administrator writes those, and no client reads them).
//! - `Mutable: false` attributes are set once (at sign-up or creation), never changed.
//! - `email_verified` / `phone_number_verified` are not writable by a client unless its
//!   `WriteAttributes` names them: they become true by verification, or by an administrator.
//! - `cognito:groups` is no attribute at all: it comes from the groups an administrator made.

use serde::Deserialize;
use serde_json::Value;

use cognito_protocol::ErrorKind;

use crate::error::{ApiError, ApiResult};
use crate::model::{Client, Pool};

/// Cognito's standard attributes (`sub` and `identities` are read-only).
pub const STANDARD: &[&str] = &[
    "address",
    "birthdate",
    "email",
    "email_verified",
    "family_name",
    "gender",
    "given_name",
    "locale",
    "middle_name",
    "name",
    "nickname",
    "phone_number",
    "phone_number_verified",
    "picture",
    "preferred_username",
    "profile",
    "updated_at",
    "website",
    "zoneinfo",
];

/// Attributes no client writes, whatever its `WriteAttributes`.
const READ_ONLY: &[&str] = &["sub", "identities"];

/// The verified flags: by verification or an administrator only, unless a client is allowed.
const VERIFIED_FLAGS: &[&str] = &["email_verified", "phone_number_verified"];

/// One entry of `CreateUserPool`'s `Schema`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SchemaAttribute {
    /// `tier` (a custom attribute) or a standard name.
    pub name: String,
    /// `String`, `Number`, `DateTime`, `Boolean`.
    #[serde(default)]
    pub attribute_data_type: Option<String>,
    /// Developer-only: written by an administrator only, read by no client.
    #[serde(default)]
    pub developer_only_attribute: bool,
    /// Whether it may change once set (Cognito's default: true).
    #[serde(default = "yes")]
    pub mutable: bool,
    /// Whether every user must have it.
    #[serde(default)]
    pub required: bool,
}

fn yes() -> bool {
    true
}

/// What the schema says of one attribute name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// May change once set.
    pub mutable: bool,
    /// Only an administrator writes it; no client reads it.
    pub developer_only: bool,
}

impl Pool {
    /// The attributes the pool declared (`Schema`), as stored with it.
    pub fn declared_schema(&self) -> Vec<SchemaAttribute> {
        self.other
            .get("Schema")
            .cloned()
            .and_then(|schema| serde_json::from_value(schema).ok())
            .unwrap_or_default()
    }

    /// The rule for `name` (`email`, `custom:tier`, `dev:custom:secret`), if it is in the schema.
    pub fn attribute_rule(&self, name: &str) -> Option<Rule> {
        let declared = self.declared_schema();
        let find = |wanted: &str| declared.iter().find(|entry| entry.name == wanted);
        if let Some(custom) = name.strip_prefix("dev:custom:") {
            return find(custom)
                .filter(|entry| entry.developer_only_attribute)
                .map(|entry| Rule {
                    mutable: entry.mutable,
                    developer_only: true,
                });
        }
        if let Some(custom) = name.strip_prefix("custom:") {
            return find(custom)
                .filter(|entry| !entry.developer_only_attribute)
                .map(|entry| Rule {
                    mutable: entry.mutable,
                    developer_only: false,
                });
        }
        if STANDARD.contains(&name) || READ_ONLY.contains(&name) {
            return Some(Rule {
                mutable: !READ_ONLY.contains(&name) && find(name).is_none_or(|entry| entry.mutable),
                developer_only: false,
            });
        }
        None
    }

    /// The schema as `DescribeUserPool`'s `SchemaAttributes` lists it: the standard attributes,
    /// then the declared ones with their prefixes.
    pub fn schema_attributes(&self) -> Vec<Value> {
        let declared = self.declared_schema();
        let standard = STANDARD.iter().chain(READ_ONLY).map(|name| {
            let overridden = declared.iter().find(|entry| entry.name == *name);
            serde_json::json!({
                "Name": name,
                "AttributeDataType": if name.ends_with("_verified") { "Boolean" } else { "String" },
                "DeveloperOnlyAttribute": false,
                "Mutable": !READ_ONLY.contains(name) && overridden.is_none_or(|entry| entry.mutable),
                "Required": overridden.is_some_and(|entry| entry.required),
            })
        });
        let custom = declared
            .iter()
            .filter(|entry| !STANDARD.contains(&entry.name.as_str()))
            .map(|entry| {
                let prefix = if entry.developer_only_attribute {
                    "dev:custom:"
                } else {
                    "custom:"
                };
                serde_json::json!({
                    "Name": format!("{prefix}{}", entry.name),
                    "AttributeDataType": entry.attribute_data_type.as_deref().unwrap_or("String"),
                    "DeveloperOnlyAttribute": entry.developer_only_attribute,
                    "Mutable": entry.mutable,
                    "Required": entry.required,
                })
            });
        standard.chain(custom).collect()
    }
}

/// Whether `client` may read `name`: its `ReadAttributes`, or by default every attribute but
/// developer-only ones.
pub fn readable(pool: &Pool, client: &Client, name: &str) -> bool {
    let Some(rule) = pool.attribute_rule(name) else {
        return false;
    };
    match &client.read_attributes {
        Some(allowed) => allowed.iter().any(|allowed| allowed == name),
        None => !rule.developer_only,
    }
}

/// Whether `client` may write `name`: its `WriteAttributes`, or by default every attribute of
/// the schema but the verified flags; never a read-only or developer-only one.
fn writable(client: &Client, name: &str, rule: Rule) -> bool {
    if rule.developer_only || READ_ONLY.contains(&name) {
        return false;
    }
    match &client.write_attributes {
        Some(allowed) => allowed.iter().any(|allowed| allowed == name),
        None => !VERIFIED_FLAGS.contains(&name),
    }
}

/// `InvalidParameterException` for a name outside the schema, in Cognito's words.
pub fn not_in_schema(name: &str) -> ApiError {
    ApiError::invalid_parameter(format!(
        "Attributes did not conform to the schema: Type for attribute {{{name}}} could not be determined"
    ))
}

/// Checks attributes a client writes for a user (sign-up, the new-password challenge, an
/// update): each in the schema, writable by this client, and — for `existing` values — mutable.
pub fn check_client_write<'a>(
    pool: &Pool,
    client: &Client,
    attributes: impl IntoIterator<Item = &'a str>,
    existing: &std::collections::BTreeMap<String, String>,
) -> ApiResult<()> {
    for name in attributes {
        let rule = pool
            .attribute_rule(name)
            .ok_or_else(|| not_in_schema(name))?;
        if !writable(client, name, rule) {
            return Err(ApiError::new(
                ErrorKind::NotAuthorizedException,
                "A client attempted to write unauthorized attribute",
            ));
        }
        if !rule.mutable && existing.contains_key(name) {
            return Err(ApiError::invalid_parameter(format!(
                "Attributes did not conform to the schema: {name}: Attribute cannot be updated. \
                 (changing an immutable attribute)"
            )));
        }
    }
    Ok(())
}

/// Checks attributes an administrator writes: each in the schema (any of it).
pub fn check_admin_write<'a>(
    pool: &Pool,
    attributes: impl IntoIterator<Item = &'a str>,
) -> ApiResult<()> {
    for name in attributes {
        if READ_ONLY.contains(&name) || pool.attribute_rule(name).is_none() {
            return Err(not_in_schema(name));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn pool(schema: Value) -> Pool {
        let mut other = serde_json::Map::new();
        other.insert("Schema".to_owned(), schema);
        Pool {
            id: "us-east-1_Attrs".to_owned(),
            name: "attrs".to_owned(),
            lambda_config: serde_json::Map::new(),
            username_attributes: Vec::new(),
            other,
            created: 0.0,
        }
    }

    fn client(write: Option<&[&str]>) -> Client {
        Client {
            id: "client".to_owned(),
            pool_id: "us-east-1_Attrs".to_owned(),
            name: "c".to_owned(),
            explicit_auth_flows: Vec::new(),
            prevent_user_existence_errors: true,
            auth_session_validity: 3,
            created: 0.0,
            read_attributes: None,
            write_attributes: write.map(|names| names.iter().map(|n| (*n).to_owned()).collect()),
            refresh_rotation_grace: None,
        }
    }

    #[test]
    fn clients_write_only_what_the_schema_and_their_permissions_allow() {
        let pool = pool(serde_json::json!([
            { "Name": "tier", "AttributeDataType": "String" },
            { "Name": "plan", "Mutable": false },
            { "Name": "score", "DeveloperOnlyAttribute": true },
        ]));
        let none = BTreeMap::new();
        let default = client(None);
        let write = |names: &[&str], existing: &BTreeMap<String, String>| {
            check_client_write(&pool, &default, names.iter().copied(), existing)
                .map_err(|error| (error.kind, error.message))
        };
        assert!(write(&["email", "name", "custom:tier", "custom:plan"], &none).is_ok());
        for unauthorised in [
            "email_verified",
            "phone_number_verified",
            "sub",
            "dev:custom:score",
        ] {
            assert_eq!(
                write(&[unauthorised], &none).unwrap_err().0,
                ErrorKind::NotAuthorizedException,
                "{unauthorised}"
            );
        }
        for unknown in ["cognito:groups", "custom:nope", "custom:score", "role", ""] {
            let (kind, message) = write(&[unknown], &none).unwrap_err();
            assert_eq!(kind, ErrorKind::InvalidParameterException, "{unknown}");
            assert!(message.contains("could not be determined"), "{message}");
        }
        let with_plan = BTreeMap::from([("custom:plan".to_owned(), "gold".to_owned())]);
        assert!(write(&["custom:plan"], &with_plan).is_err(), "immutable");
        // A client allowed to write the flag may; one limited to `name` may write only that.
        let trusted = client(Some(&["email_verified"]));
        assert!(check_client_write(&pool, &trusted, ["email_verified"], &none).is_ok());
        let limited = client(Some(&["name"]));
        assert!(check_client_write(&pool, &limited, ["email"], &none).is_err());
        // Administrators write any attribute of the schema, nothing outside it.
        assert!(check_admin_write(&pool, ["email_verified", "dev:custom:score"]).is_ok());
        assert!(check_admin_write(&pool, ["cognito:groups"]).is_err());
        assert!(readable(&pool, &default, "custom:tier"));
        assert!(!readable(&pool, &default, "dev:custom:score"));
    }
}
