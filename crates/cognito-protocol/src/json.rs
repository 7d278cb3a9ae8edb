//! A small JSON value, reader and writer for the client side of the protocol.
//!
//! Why not `serde_json` everywhere: the browser sends and reads a dozen small messages, and
//! `serde_json` (with the float formatting and per-type deserializers it brings) was a quarter of
//! the login page's WASM. The server keeps serde; `tests` check that both read and write the same
//! messages the same way.
//!
//! Numbers keep their text: the protocol's numbers are integers (`ExpiresIn`, `exp`, `iat`), read
//! with [`Json::as_i64`], and nothing here ever needs a float.

use crate::StringMap;
use crate::members::Members;

/// An object's members, in order (see [`Members`] for a repeated name).
pub type Object = Members<Json>;

/// A JSON value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Json {
    /// `null` (and what indexing a missing member gives).
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (already checked against JSON's grammar).
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Self>),
    /// An object.
    Object(Object),
}

/// Why a text is not JSON: the byte offset where reading stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset of the problem.
    pub offset: usize,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not valid JSON at byte {}", self.offset)
    }
}

impl std::error::Error for JsonError {}

/// Nesting deeper than this is refused rather than risking the stack on hostile input.
const MAX_DEPTH: usize = 128;

static NULL: Json = Json::Null;

impl Json {
    /// Reads one JSON value (surrounding whitespace allowed, nothing else).
    pub fn parse(text: &str) -> Result<Self, JsonError> {
        let mut reader = Reader { text, at: 0 };
        let value = reader.value(0)?;
        reader.skip_whitespace();
        if reader.at == reader.text.len() {
            Ok(value)
        } else {
            Err(reader.error())
        }
    }

    /// An object of these members.
    pub fn object<'a>(members: impl IntoIterator<Item = (&'a str, Self)>) -> Self {
        Self::Object(members.into_iter().collect())
    }

    /// An object of string members (`AuthParameters`, `ChallengeResponses`, …).
    pub fn strings<'a>(members: impl IntoIterator<Item = (&'a String, &'a String)>) -> Self {
        Self::Object(
            members
                .into_iter()
                .map(|(key, value)| (key.as_str(), Self::String(value.clone())))
                .collect(),
        )
    }

    /// The member `key` of an object.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Self> {
        match self {
            Self::Object(members) => members.get(key),
            _ => None,
        }
    }

    /// The text of a string.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(text) => Some(text),
            _ => None,
        }
    }

    /// A boolean's value.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// An integer number's value (`None` for fractions, exponents and out-of-range values).
    #[must_use]
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Self::Number(text) => text.parse().ok(),
            _ => None,
        }
    }

    /// An array's items.
    #[must_use]
    pub fn as_array(&self) -> Option<&[Self]> {
        match self {
            Self::Array(items) => Some(items),
            _ => None,
        }
    }

    /// An object's members.
    #[must_use]
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Self::Object(members) => Some(members),
            _ => None,
        }
    }

    /// An array of strings (`None` if it is not one).
    #[must_use]
    pub fn as_strings(&self) -> Option<Vec<String>> {
        self.as_array()?
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect()
    }

    /// An object of string members (`None` if it is not one).
    #[must_use]
    pub fn as_string_map(&self) -> Option<StringMap> {
        let mut map = StringMap::new();
        for (key, value) in self.as_object()? {
            map.push(key.clone(), value.as_str()?.to_owned());
        }
        Some(map)
    }

    /// Compact JSON text.
    #[must_use]
    pub fn to_json_string(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Self::Null => out.push_str("null"),
            Self::Bool(true) => out.push_str("true"),
            Self::Bool(false) => out.push_str("false"),
            Self::Number(text) => out.push_str(text),
            Self::String(text) => write_string(text, out),
            Self::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Self::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// `json["key"]`: the member, or `null` when absent or not an object (as `serde_json` does).
impl std::ops::Index<&str> for Json {
    type Output = Self;

    fn index(&self, key: &str) -> &Self {
        self.get(key).unwrap_or(&NULL)
    }
}

impl From<&str> for Json {
    fn from(text: &str) -> Self {
        Self::String(text.to_owned())
    }
}

impl From<String> for Json {
    fn from(text: String) -> Self {
        Self::String(text)
    }
}

impl From<bool> for Json {
    fn from(value: bool) -> Self {
        Self::Bool(value)
    }
}

impl From<i64> for Json {
    fn from(value: i64) -> Self {
        Self::Number(value.to_string())
    }
}

/// Compares a string value with text, so tests read `claims["email"] == "a@b.c"`.
impl PartialEq<&str> for Json {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

fn write_string(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0}'..='\u{1f}' => {
                let code = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[code >> 4]));
                out.push(char::from(HEX[code & 0xf]));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn error(&self) -> JsonError {
        JsonError { offset: self.at }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, literal: &str) -> Result<(), JsonError> {
        if self.text.as_bytes()[self.at..].starts_with(literal.as_bytes()) {
            self.at += literal.len();
            Ok(())
        } else {
            Err(self.error())
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error());
        }
        self.skip_whitespace();
        match self.peek() {
            Some(b'n') => self.expect("null").map(|()| Json::Null),
            Some(b't') => self.expect("true").map(|()| Json::Bool(true)),
            Some(b'f') => self.expect("false").map(|()| Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'[') => self.array(depth),
            Some(b'{') => self.object(depth),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error()),
        }
    }

    /// Skips whitespace, then consumes `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.at += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            if self.eat(b']') {
                return Ok(Json::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.error());
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.at += 1;
        let mut members = Object::new();
        if self.eat(b'}') {
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error());
            }
            let key = self.string()?;
            if !self.eat(b':') {
                return Err(self.error());
            }
            members.push(key, self.value(depth + 1)?);
            if self.eat(b'}') {
                return Ok(Json::Object(members));
            }
            if !self.eat(b',') {
                return Err(self.error());
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error()),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error());
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error());
            }
        }
        Ok(Json::Number(self.text[start..self.at].to_owned()))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.error())?;
        if !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return Err(self.error());
        }
        self.at += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.error())
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let run_start = self.at;
            while let Some(byte) = self.peek() {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // Only ASCII bytes stop a run, so both ends are character boundaries.
            out.push_str(&self.text[run_start..self.at]);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escape = self.peek().ok_or_else(|| self.error())?;
                    self.at += 1;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.escaped_char()?),
                        _ => return Err(self.error()),
                    }
                }
                _ => return Err(self.error()),
            }
        }
    }

    /// The character of a `\uXXXX` escape (the `\u` already read), joining surrogate pairs;
    /// a lone surrogate becomes U+FFFD, as JavaScript would keep it unpaired.
    fn escaped_char(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        if !(0xd800..0xdc00).contains(&first) {
            return Ok(char::from_u32(first).unwrap_or('\u{fffd}'));
        }
        if !self.text.as_bytes()[self.at..].starts_with(b"\\u") {
            return Ok('\u{fffd}');
        }
        let save = self.at;
        self.at += 2;
        let second = self.hex4()?;
        if (0xdc00..0xe000).contains(&second) {
            let code = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
            Ok(char::from_u32(code).unwrap_or('\u{fffd}'))
        } else {
            self.at = save;
            Ok('\u{fffd}')
        }
    }
}

/// A message the client writes.
pub trait ToJson {
    /// The message as JSON.
    fn to_json(&self) -> Json;
}

/// A message the client reads; `None` when the JSON does not have its shape.
pub trait FromJson: Sized {
    /// The message, if `json` has its shape.
    fn from_json(json: &Json) -> Option<Self>;
}

/// Any JSON (answers whose content does not matter, such as `RevokeToken`'s `{}`).
impl FromJson for Json {
    fn from_json(json: &Json) -> Option<Self> {
        Some(json.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_json_reads() {
        let texts = [
            r#"{"a":1,"b":[true,false,null],"c":{"d":"e"},"f":-0.5e+3,"g":""}"#,
            r#" [ 1 , "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00" ] "#,
            r#""é😀 plain UTF-8""#,
            "0",
            "-12",
            "1E9",
            r#"{"k":"v","k":"w"}"#,
        ];
        for text in texts {
            let ours = Json::parse(text).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            let ours_again: serde_json::Value =
                serde_json::from_str(&ours.to_json_string()).unwrap();
            assert_eq!(ours_again, theirs, "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_json() {
        let depth = "[".repeat(MAX_DEPTH + 2) + &"]".repeat(MAX_DEPTH + 2);
        for text in [
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "{\"a\":}",
            "{\"a\" 1}",
            "{a:1}",
            "01",
            "1.",
            ".5",
            "1e",
            "-",
            "+1",
            "tru",
            "nulls",
            "\"unterminated",
            "\"bad \\x escape\"",
            "\"\\u12\"",
            "\"raw \n newline\"",
            "[1] [2]",
            "NaN",
            &depth,
        ] {
            assert!(Json::parse(text).is_err(), "{text:?}");
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_err(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn writes_escapes_that_serde_json_reads_back() {
        let text = "quote \" backslash \\ newline \n tab \t nul \u{0} unit \u{1f} é 😀";
        let written = Json::from(text).to_json_string();
        assert_eq!(serde_json::from_str::<String>(&written).unwrap(), text);
        assert_eq!(Json::parse(&written).unwrap(), Json::from(text));
    }

    #[test]
    fn accessors() {
        let json =
            Json::parse(r#"{"n":3600,"f":1.5,"s":"x","a":["p","q"],"m":{"k":"v"}}"#).unwrap();
        assert_eq!(json["n"].as_i64(), Some(3600));
        assert_eq!(json["f"].as_i64(), None);
        assert_eq!(json["s"], "x");
        assert_eq!(json["missing"], Json::Null);
        assert_eq!(json["s"]["deeper"], Json::Null);
        assert_eq!(
            json["a"].as_strings(),
            Some(vec!["p".to_owned(), "q".to_owned()])
        );
        assert_eq!(json["m"].as_string_map().unwrap()["k"], "v");
        assert_eq!(json["m"].as_strings(), None);
        assert_eq!(Json::from(-5).as_i64(), Some(-5));
    }
}
