//! The user-pool service: shared state of every operation. No HTTP here (see `http.rs`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use cognito_protocol::ErrorKind;

use crate::clock::Clock;
use crate::error::{ApiError, ApiResult};
use crate::model::{Client, Pool, User};
use crate::sessions::Sessions;
use crate::store::Store;
use crate::tokens::SigningKeyPair;
use crate::triggers::Triggers;

/// Everything an operation needs.
#[derive(Debug)]
pub struct Service {
    /// Persistent records.
    pub store: Store,
    /// In-flight sign-ins.
    pub sessions: Sessions,
    /// Trigger runner.
    pub triggers: Triggers,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// `scheme://host:port` clients reach this server at: the tokens' issuer prefix.
    pub public_url: String,
    keys: Mutex<HashMap<String, Arc<SigningKeyPair>>>,
}

impl Service {
    /// A service over `store`.
    pub fn new(
        store: Store,
        triggers: Triggers,
        clock: Arc<dyn Clock>,
        public_url: String,
    ) -> Self {
        Self {
            store,
            sessions: Sessions::default(),
            triggers,
            clock,
            public_url,
            keys: Mutex::default(),
        }
    }

    /// Now, in seconds.
    pub fn now(&self) -> f64 {
        self.clock.now()
    }

    /// The tokens' `iss` for a pool.
    pub fn issuer(&self, pool_id: &str) -> String {
        format!("{}/{pool_id}", self.public_url.trim_end_matches('/'))
    }

    /// The pool, or `ResourceNotFoundException`.
    pub fn pool(&self, pool_id: &str) -> ApiResult<Pool> {
        self.store.pool(pool_id)?.ok_or_else(|| {
            ApiError::new(
                ErrorKind::ResourceNotFoundException,
                format!("User pool {pool_id} does not exist."),
            )
        })
    }

    /// The app client and its pool, or `ResourceNotFoundException`.
    pub fn client(&self, client_id: &str) -> ApiResult<(Client, Pool)> {
        let client = self.store.client(client_id)?.ok_or_else(|| {
            ApiError::new(
                ErrorKind::ResourceNotFoundException,
                format!("User pool client {client_id} does not exist."),
            )
        })?;
        let pool = self.pool(&client.pool_id)?;
        Ok((client, pool))
    }

    /// The user, or `UserNotFoundException`.
    pub fn user(&self, pool_id: &str, username: &str) -> ApiResult<User> {
        self.store
            .user(pool_id, username)?
            .ok_or_else(ApiError::user_not_found)
    }

    /// Changes the stored user atomically: `change` sees the user as stored now and its changes
    /// are written in the same transaction ([`Store::modify_user`]). `UserNotFoundException` if
    /// the user is gone.
    pub fn change_user<T>(
        &self,
        pool_id: &str,
        username: &str,
        change: impl FnOnce(&mut User) -> ApiResult<T>,
    ) -> ApiResult<(User, T)> {
        self.store
            .modify_user(pool_id, username, change)?
            .ok_or_else(ApiError::user_not_found)
    }

    /// The user a sign-in names: by username, or by an alias attribute of the pool (`email`).
    pub fn find_user(&self, pool: &Pool, name: &str) -> ApiResult<Option<User>> {
        if let Some(user) = self.store.user(&pool.id, name)? {
            return Ok(Some(user));
        }
        for attribute in &pool.username_attributes {
            if let Some(user) = self.store.user_by_attribute(&pool.id, attribute, name)? {
                return Ok(Some(user));
            }
        }
        Ok(None)
    }

    /// The pool's signing key (cached after the first load).
    pub fn signing_key(&self, pool_id: &str) -> ApiResult<Arc<SigningKeyPair>> {
        let mut keys = self
            .keys
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(key) = keys.get(pool_id) {
            return Ok(key.clone());
        }
        let (pem, kid) = self.store.pool_key(pool_id)?.ok_or_else(|| {
            ApiError::new(
                ErrorKind::ResourceNotFoundException,
                format!("User pool {pool_id} does not exist."),
            )
        })?;
        let key = Arc::new(SigningKeyPair::from_pem(&pem, &kid).map_err(ApiError::internal)?);
        keys.insert(pool_id.to_owned(), key.clone());
        Ok(key)
    }
}
