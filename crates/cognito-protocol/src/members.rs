//! [`Members`]: named values in order — a JSON object's members, a string map
//! (`AuthParameters`, `ChallengeParameters`, …).
//!
//! A list rather than a `BTreeMap`: the protocol's maps hold a handful of entries, and the login
//! page's WASM carried ~10 KB of `BTreeMap` code (insertion, rebalancing, iteration, clone, drop)
//! for them. Lookups are linear, which at these sizes is also faster.

use std::collections::HashMap;
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Named values in the order they were read or added.
///
/// A name a peer repeats keeps its last value, as with `JSON.parse`:
/// - read with serde (the server), it is kept once, where it first appeared, so nothing passes
///   a repeated name on (to a trigger, say);
/// - read by the page's own JSON reader, which stays small, the repeats are kept as read and
///   [`get`] answers with the last.
///
/// [`insert`] replaces a value instead of adding another. Equality compares the members in
/// order.
///
/// [`get`]: Members::get
/// [`insert`]: Members::insert
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Members<V>(Vec<(String, V)>);

impl<V> Default for Members<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<V> Members<V> {
    /// No members.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of `name` (its last, if repeated).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&V> {
        self.0
            .iter()
            .rev()
            .find_map(|(key, value)| (key == name).then_some(value))
    }

    /// Whether `name` is a member.
    #[must_use]
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Sets `name` to `value`: replaces its (last) value, or adds it last.
    pub fn insert(&mut self, name: String, value: V) {
        match self.0.iter_mut().rev().find(|(key, _)| *key == name) {
            Some((_, old)) => *old = value,
            None => self.0.push((name, value)),
        }
    }

    /// Adds a member last without looking for `name` (reading: linear whatever the input).
    pub fn push(&mut self, name: String, value: V) {
        self.0.push((name, value));
    }

    /// The members, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(key, value)| (key, value))
    }

    /// The values, in order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, value)| value)
    }

    /// How many members (a repeated name counted each time).
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no members.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a, V> IntoIterator for &'a Members<V> {
    type Item = (&'a String, &'a V);
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&(String, V)) -> (&String, &V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(key, value)| (key, value))
    }
}

/// `members["name"]`, as with a `BTreeMap`: panics when `name` is absent, so use it where the
/// member is known to be there (tests); [`Members::get`] otherwise.
impl<V> std::ops::Index<&str> for Members<V> {
    type Output = V;

    fn index(&self, name: &str) -> &V {
        match self.get(name) {
            Some(value) => value,
            None => panic!("no member {name:?}"),
        }
    }
}

/// Built with [`Members::insert`], so a repeated name keeps its last value once.
impl<K: Into<String>, V> FromIterator<(K, V)> for Members<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(members: I) -> Self {
        let mut all = Self::new();
        for (name, value) in members {
            all.insert(name.into(), value);
        }
        all
    }
}

impl<K: Into<String>, V, const N: usize> From<[(K, V); N]> for Members<V> {
    fn from(members: [(K, V); N]) -> Self {
        members.into_iter().collect()
    }
}

/// Serialized as a JSON object, members in order.
impl<V: Serialize> Serialize for Members<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// Read from a JSON object, members in order; a repeated name keeps its last value, once.
impl<'de, V: Deserialize<'de>> Deserialize<'de> for Members<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor<V>(std::marker::PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for MembersVisitor<V> {
            type Value = Members<V>;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Members::new();
                // Where each name is: linear time whatever a peer repeats.
                let mut index = HashMap::new();
                while let Some((name, value)) = map.next_entry::<String, V>()? {
                    match index.get(&name) {
                        Some(&at) => members.0[at] = (name, value),
                        None => {
                            index.insert(name.clone(), members.0.len());
                            members.0.push((name, value));
                        }
                    }
                }
                Ok(members)
            }
        }

        deserializer.deserialize_map(MembersVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::Members;

    #[test]
    fn insert_replaces_and_keeps_order() {
        let mut members = Members::from([("b", 1), ("a", 2)]);
        members.insert("b".to_owned(), 3);
        members.insert("c".to_owned(), 4);
        let names: Vec<_> = members
            .iter()
            .map(|(name, value)| (name.as_str(), *value))
            .collect();
        assert_eq!(names, [("b", 3), ("a", 2), ("c", 4)]);
        assert_eq!(members.len(), 3);
    }

    #[test]
    fn a_repeated_name_read_answers_with_its_last_value() {
        let read: Members<String> = serde_json::from_str(r#"{"a":"1","b":"2","a":"3"}"#).unwrap();
        assert_eq!(read.get("a").map(String::as_str), Some("3"));
        assert!(read.contains_key("b") && !read.contains_key("c"));
        // Kept once, so it is passed on once.
        assert_eq!(read.len(), 2);
        assert_eq!(
            serde_json::to_string(&read).unwrap(),
            r#"{"a":"3","b":"2"}"#
        );
        assert_eq!(
            serde_json::to_string(&Members::from([("z", "1"), ("a", "2")])).unwrap(),
            r#"{"z":"1","a":"2"}"#
        );
    }

    #[test]
    fn not_an_object_is_refused() {
        assert!(serde_json::from_str::<Members<String>>(r#"["a"]"#).is_err());
        assert!(serde_json::from_str::<Members<String>>(r#"{"a":1}"#).is_err());
    }
}
