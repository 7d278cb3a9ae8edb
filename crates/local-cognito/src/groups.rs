//! Groups: `CreateGroup`, `GetGroup`, `ListGroups`, `DeleteGroup`, `AdminAddUserToGroup`,
//! `AdminRemoveUserFromGroup`, `AdminListGroupsForUser`, `ListUsersInGroup`. Administrator
//! operations only: a user is in a group because an administrator put them there, and that is
//! the only way `cognito:groups` reaches a token.

use cognito_protocol::{
    ErrorKind, GroupListRequest, GroupMembershipRequest, GroupRequest, GroupType,
};
use serde_json::{Map, Value, json};

use crate::error::{ApiError, ApiResult};
use crate::service::Service;
use crate::store::Group;

/// At most this many groups or members a page (Cognito's limit).
const PAGE: u32 = 60;

fn describe(group: &Group) -> GroupType {
    GroupType {
        group_name: group.name.clone(),
        user_pool_id: group.pool_id.clone(),
        description: group.description.clone(),
        precedence: group.precedence,
        role_arn: group.role_arn.clone(),
        creation_date: group.created,
        last_modified_date: group.modified,
    }
}

fn group_not_found(name: &str) -> ApiError {
    ApiError::new(
        ErrorKind::ResourceNotFoundException,
        format!("Group {name} not found."),
    )
}

fn value<T: serde::Serialize>(value: &T) -> ApiResult<Value> {
    serde_json::to_value(value).map_err(ApiError::internal)
}

/// A page of `items` and, when more follow, the token to ask for them.
fn page(key: &str, items: Vec<Value>, next: Option<String>) -> Value {
    let mut answer = Map::new();
    answer.insert(key.to_owned(), Value::Array(items));
    if let Some(next) = next {
        answer.insert("NextToken".to_owned(), Value::from(next));
    }
    Value::Object(answer)
}

impl Service {
    /// `CreateGroup`.
    pub fn create_group(&self, request: &GroupRequest) -> ApiResult<Value> {
        self.pool(&request.user_pool_id)?;
        let name = &request.group_name;
        if name.is_empty() || name.len() > 128 || name.chars().any(char::is_control) {
            return Err(ApiError::invalid_parameter(
                "GroupName must be 1 to 128 printable characters.",
            ));
        }
        if request.precedence.is_some_and(|precedence| precedence < 0) {
            return Err(ApiError::invalid_parameter("Precedence must be 0 or more."));
        }
        let now = self.now();
        let group = Group {
            pool_id: request.user_pool_id.clone(),
            name: name.clone(),
            description: request.description.clone(),
            precedence: request.precedence,
            role_arn: request.role_arn.clone(),
            created: now,
            modified: now,
        };
        if !self.store.insert_group(&group)? {
            return Err(ApiError::new(
                ErrorKind::GroupExistsException,
                "A group with the name already exists.",
            ));
        }
        Ok(json!({ "Group": value(&describe(&group))? }))
    }

    /// `GetGroup`.
    pub fn get_group(&self, request: &GroupRequest) -> ApiResult<Value> {
        self.pool(&request.user_pool_id)?;
        let group = self
            .store
            .group(&request.user_pool_id, &request.group_name)?
            .ok_or_else(|| group_not_found(&request.group_name))?;
        Ok(json!({ "Group": value(&describe(&group))? }))
    }

    /// `DeleteGroup`: the group and its memberships.
    pub fn delete_group(&self, request: &GroupRequest) -> ApiResult<Value> {
        self.pool(&request.user_pool_id)?;
        if !self
            .store
            .delete_group(&request.user_pool_id, &request.group_name)?
        {
            return Err(group_not_found(&request.group_name));
        }
        Ok(json!({}))
    }

    /// `ListGroups`.
    pub fn list_groups(&self, request: &GroupListRequest) -> ApiResult<Value> {
        self.pool(&request.user_pool_id)?;
        let limit = request.limit.unwrap_or(PAGE).clamp(1, PAGE) as usize;
        let mut groups = self.store.groups(
            &request.user_pool_id,
            request.next_token.as_deref(),
            limit + 1,
        )?;
        let next = (groups.len() > limit).then(|| groups[limit - 1].name.clone());
        groups.truncate(limit);
        let items = groups
            .iter()
            .map(|group| value(&describe(group)))
            .collect::<ApiResult<_>>()?;
        Ok(page("Groups", items, next))
    }

    /// `AdminAddUserToGroup`.
    pub fn admin_add_user_to_group(&self, request: &GroupMembershipRequest) -> ApiResult<Value> {
        let username = self.membership(request)?;
        self.store
            .add_to_group(&request.user_pool_id, &request.group_name, &username)?;
        Ok(json!({}))
    }

    /// `AdminRemoveUserFromGroup`.
    pub fn admin_remove_user_from_group(
        &self,
        request: &GroupMembershipRequest,
    ) -> ApiResult<Value> {
        let username = self.membership(request)?;
        self.store
            .remove_from_group(&request.user_pool_id, &request.group_name, &username)?;
        Ok(json!({}))
    }

    /// The pool, user and group of a membership change must exist; the user's stored name.
    fn membership(&self, request: &GroupMembershipRequest) -> ApiResult<String> {
        self.pool(&request.user_pool_id)?;
        let user = self.user(&request.user_pool_id, &request.username)?;
        self.store
            .group(&request.user_pool_id, &request.group_name)?
            .ok_or_else(|| group_not_found(&request.group_name))?;
        Ok(user.username)
    }

    /// `AdminListGroupsForUser`.
    pub fn admin_list_groups_for_user(&self, request: &GroupListRequest) -> ApiResult<Value> {
        self.pool(&request.user_pool_id)?;
        let username = request
            .username
            .as_deref()
            .ok_or_else(|| ApiError::missing("Username"))?;
        let user = self.user(&request.user_pool_id, username)?;
        let limit = request.limit.unwrap_or(PAGE).clamp(1, PAGE) as usize;
        let groups = self
            .store
            .groups_of(&request.user_pool_id, &user.username)?;
        // Paged by position in the precedence order.
        let start = request
            .next_token
            .as_deref()
            .and_then(|token| token.parse::<usize>().ok())
            .unwrap_or(0);
        let items = groups
            .iter()
            .skip(start)
            .take(limit)
            .map(|group| value(&describe(group)))
            .collect::<ApiResult<Vec<_>>>()?;
        let next = (groups.len() > start + limit).then(|| (start + limit).to_string());
        Ok(page("Groups", items, next))
    }

    /// `ListUsersInGroup`.
    pub fn list_users_in_group(&self, request: &GroupListRequest) -> ApiResult<Value> {
        self.pool(&request.user_pool_id)?;
        let name = request
            .group_name
            .as_deref()
            .ok_or_else(|| ApiError::missing("GroupName"))?;
        self.store
            .group(&request.user_pool_id, name)?
            .ok_or_else(|| group_not_found(name))?;
        let limit = request.limit.unwrap_or(PAGE).clamp(1, PAGE) as usize;
        let mut members = self.store.members_of(
            &request.user_pool_id,
            name,
            request.next_token.as_deref(),
            limit + 1,
        )?;
        let next = (members.len() > limit).then(|| members[limit - 1].clone());
        members.truncate(limit);
        let mut users = Vec::with_capacity(members.len());
        for username in &members {
            if let Some(user) = self.store.user(&request.user_pool_id, username)? {
                users.push(value(&user.to_user_type())?);
            }
        }
        Ok(page("Users", users, next))
    }
}
