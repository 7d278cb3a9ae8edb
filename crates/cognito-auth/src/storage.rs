//! Key/value storage (the browser's `localStorage` / `sessionStorage`, or a native stand-in).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use crate::AuthError;

/// A string key/value store, like the Web Storage API.
pub trait KeyValueStorage {
    /// The value under `key`.
    fn get(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key`.
    fn set(&self, key: &str, value: &str) -> Result<(), AuthError>;
    /// Removes `key`.
    fn remove(&self, key: &str);
}

/// In memory, shareable: clones see the same entries (like two tabs sharing `localStorage`).
#[derive(Clone, Debug, Default)]
pub struct MemoryStorage {
    entries: Arc<Mutex<BTreeMap<String, String>>>,
}

impl MemoryStorage {
    /// Every entry, for inspection (tests, debugging).
    #[must_use]
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.entries
            .lock()
            .map(|entries| entries.clone())
            .unwrap_or_default()
    }
}

impl KeyValueStorage for MemoryStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.entries.lock().ok()?.get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), AuthError> {
        let mut entries = self
            .entries
            .lock()
            .map_err(|_| AuthError::Storage("poisoned".to_owned()))?;
        entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(key);
        }
    }
}
