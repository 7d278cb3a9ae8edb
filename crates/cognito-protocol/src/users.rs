//! Users, pools and app clients: the sign-up, recovery and administration operations.

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::StringMap;

/// One user attribute.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttributeType {
    /// e.g. `email`, `custom:tier`.
    pub name: String,
    /// The value (Cognito stores every attribute as text).
    #[serde(default)]
    pub value: String,
}

/// A user as `ListUsers`, `AdminCreateUser` and `AdminGetUser` describe it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserType {
    /// The username.
    pub username: String,
    /// All attributes, `sub` included.
    pub attributes: Vec<AttributeType>,
    /// Seconds since the epoch.
    pub user_create_date: f64,
    /// Seconds since the epoch.
    pub user_last_modified_date: f64,
    /// Disabled users cannot sign in.
    pub enabled: bool,
    /// `CONFIRMED`, `FORCE_CHANGE_PASSWORD`, `UNCONFIRMED`, `RESET_REQUIRED`, ….
    pub user_status: String,
}

/// `SignUp`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignUpRequest {
    /// The app client.
    pub client_id: String,
    /// The new username.
    pub username: String,
    /// The new password (none for a passwordless user).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::secret::serialize_option"
    )]
    pub password: Option<SecretString>,
    /// Attributes such as `email`.
    #[serde(default)]
    pub user_attributes: Vec<AttributeType>,
    /// Passed to triggers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<StringMap>,
}

/// Where a code was sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CodeDeliveryDetails {
    /// Masked address, e.g. `a***@e***`.
    pub destination: String,
    /// `EMAIL` or `SMS`.
    pub delivery_medium: String,
    /// The attribute the address came from.
    pub attribute_name: String,
}

/// `SignUp`'s answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignUpResponse {
    /// Whether the user is confirmed already.
    pub user_confirmed: bool,
    /// The new user's `sub`.
    pub user_sub: String,
    /// Where the confirmation code went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_delivery_details: Option<CodeDeliveryDetails>,
    /// Ties `ConfirmSignUp` to this sign-up (and so to the automatic sign-in after it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

/// `ConfirmSignUp`, `ConfirmForgotPassword` (with `password`), `ResendConfirmationCode` and
/// `ForgotPassword` (without a code).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CodeRequest {
    /// The app client.
    pub client_id: String,
    /// `ConfirmSignUp`: the `Session` `SignUp` answered with (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// The user.
    pub username: String,
    /// The code from the message.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::secret::serialize_option"
    )]
    pub confirmation_code: Option<SecretString>,
    /// `ConfirmForgotPassword`'s new password.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::secret::serialize_option"
    )]
    pub password: Option<SecretString>,
    /// Passed to triggers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<StringMap>,
}

/// `AdminCreateUser`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminCreateUserRequest {
    /// The pool.
    pub user_pool_id: String,
    /// The new username.
    pub username: String,
    /// Attributes such as `email`.
    #[serde(default)]
    pub user_attributes: Vec<AttributeType>,
    /// A password the user must replace at first sign-in (`FORCE_CHANGE_PASSWORD`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::secret::serialize_option"
    )]
    pub temporary_password: Option<SecretString>,
    /// `SUPPRESS` or `RESEND`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_action: Option<String>,
}

/// `AdminSetUserPassword`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminSetUserPasswordRequest {
    /// The pool.
    pub user_pool_id: String,
    /// The user.
    pub username: String,
    /// The password.
    #[serde(serialize_with = "crate::secret::serialize")]
    pub password: SecretString,
    /// `true`: `CONFIRMED`; `false`: `FORCE_CHANGE_PASSWORD`.
    #[serde(default)]
    pub permanent: bool,
}

/// `AdminGetUser`, `AdminDeleteUser`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminUserRequest {
    /// The pool.
    pub user_pool_id: String,
    /// The user.
    pub username: String,
}

/// `ListUsers`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersRequest {
    /// The pool.
    pub user_pool_id: String,
    /// At most this many (Cognito caps at 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// From a previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination_token: Option<String>,
    /// e.g. `email = "a@example.com"` or `username ^= "al"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
}

/// A pool's triggers, by Lambda ARN (or, for local-cognito, any handler reference).
pub type LambdaConfig = serde_json::Map<String, Value>;

/// `CreateUserPool`, `UpdateUserPool` (the fields local-cognito honours; others are ignored).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolRequest {
    /// `CreateUserPool`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool_name: Option<String>,
    /// `UpdateUserPool`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_pool_id: Option<String>,
    /// Triggers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lambda_config: Option<LambdaConfig>,
    /// `["email"]` to sign in by e-mail with a UUID username.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username_attributes: Option<Vec<String>>,
    /// Everything else, echoed back by `DescribeUserPool`.
    #[serde(flatten)]
    pub other: serde_json::Map<String, Value>,
}

/// `CreateUserPoolClient`, `DescribeUserPoolClient`, `UpdateUserPoolClient`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolClientRequest {
    /// `RefreshTokenRotation`: a new refresh token at every `GetTokensFromRefreshToken`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token_rotation: Option<RefreshTokenRotation>,
    /// The pool.
    pub user_pool_id: String,
    /// Describe / update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// `ALLOW_USER_SRP_AUTH`, `ALLOW_CUSTOM_AUTH`, ….
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explicit_auth_flows: Option<Vec<String>>,
    /// Secret clients need `SECRET_HASH` (not supported by local-cognito yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate_secret: Option<bool>,
    /// `ENABLED` (default) or `LEGACY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prevent_user_existence_errors: Option<String>,
    /// Minutes a sign-in session lives (3–15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_session_validity: Option<u32>,
    /// The attributes the client may read (default: all but developer-only ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_attributes: Option<Vec<String>>,
    /// The attributes the client may write (default: the schema's, but the verified flags).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub write_attributes: Option<Vec<String>>,
}

/// `CreateGroup`, `GetGroup`, `DeleteGroup`, `UpdateGroup`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupRequest {
    /// The pool.
    pub user_pool_id: String,
    /// The group.
    pub group_name: String,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Lower first (orders `cognito:groups`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precedence: Option<i64>,
    /// An IAM role for the group's members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
}

/// `AdminAddUserToGroup`, `AdminRemoveUserFromGroup`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupMembershipRequest {
    /// The pool.
    pub user_pool_id: String,
    /// The user.
    pub username: String,
    /// The group.
    pub group_name: String,
}

/// `ListGroups`, `AdminListGroupsForUser` (with `Username`), `ListUsersInGroup` (with
/// `GroupName`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupListRequest {
    /// The pool.
    pub user_pool_id: String,
    /// The user whose groups to list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The group whose members to list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// At most this many (Cognito caps at 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// From a previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// A group as the group operations describe it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupType {
    /// The name.
    pub group_name: String,
    /// The pool.
    pub user_pool_id: String,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Lower first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precedence: Option<i64>,
    /// The IAM role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// Seconds since the epoch.
    pub creation_date: f64,
    /// Seconds since the epoch.
    pub last_modified_date: f64,
}

/// An app client's `RefreshTokenRotation`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RefreshTokenRotation {
    /// `ENABLED` or `DISABLED`.
    pub feature: String,
    /// Seconds (0–60) the replaced token still works, for a client that lost the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_grace_period_seconds: Option<u32>,
}

/// `GetTokensFromRefreshToken`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetTokensFromRefreshTokenRequest {
    /// The refresh token.
    #[serde(serialize_with = "crate::secret::serialize")]
    pub refresh_token: SecretString,
    /// The app client.
    pub client_id: String,
    /// The client's secret, for a client that has one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::secret::serialize_option"
    )]
    pub client_secret: Option<SecretString>,
    /// A remembered device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_key: Option<String>,
    /// Passed to the pre-token-generation trigger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<StringMap>,
}
