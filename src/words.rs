//! The page's words: every label, sentence and button comes from a message catalogue,
//! `locales/<tag>.json` — a flat object of key → text, with `{name}` placeholders and plural
//! forms as `<key>.<CLDR category>` (`rule.min_length.one`, `….few`, `….other`).
//!
//! English, the source catalogue, is built in: the first screen comes with the HTML in it and
//! every lookup falls back to it, so an English page makes no extra request. Every other
//! language is a file fetched only by those who read it (`effects`), so a new language costs
//! nothing to the others. The catalogue in use is installed once loaded and kept for the page's
//! life (a language change installs another): the views read their words with [`t`], [`tf`] and
//! [`plural`].

use std::cell::Cell;
use std::collections::HashMap;

/// The languages the page speaks: tag, and the language's name in itself (the picker's label).
pub const LANGUAGES: [(&str, &str); 23] = [
    ("ar", "العربية"),
    ("de", "Deutsch"),
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("he", "עברית"),
    ("hi", "हिन्दी"),
    ("hu", "Magyar"),
    ("id", "Bahasa Indonesia"),
    ("it", "Italiano"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("nb", "Norsk bokmål"),
    ("nl", "Nederlands"),
    ("pl", "Polski"),
    ("pt-BR", "Português (Brasil)"),
    ("ru", "Русский"),
    ("sv", "Svenska"),
    ("th", "ไทย"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("zh-CN", "简体中文"),
    ("zh-TW", "繁體中文"),
];

/// A pseudo-language for testing the layout: English with accents and longer words
/// (`?lang=en-XA`; not in the picker).
pub const PSEUDO: &str = "en-XA";

/// The built-in catalogue.
const ENGLISH: &str = include_str!("../locales/en.json");

/// One language's words.
#[derive(Debug, Default)]
pub struct Catalogue {
    /// The language's tag (`pt-BR`).
    pub tag: &'static str,
    words: HashMap<String, String>,
}

impl Catalogue {
    /// Reads a catalogue file; `None` when it is not a flat object of strings.
    #[must_use]
    pub fn parse(tag: &'static str, json: &str) -> Option<Self> {
        let words = cognito_auth::json::from_str(json).ok()?;
        Some(Self { tag, words })
    }

    /// English to install: empty, as every lookup falls back to the built-in words (the
    /// deployer's overrides go into it).
    #[must_use]
    pub fn english() -> Self {
        Self {
            tag: "en",
            words: HashMap::new(),
        }
    }

    /// The deployer's own words for some keys (`hosted_login.brand.overrides`) in place of
    /// the catalogue's.
    #[must_use]
    pub fn with_overrides(mut self, overrides: Option<&HashMap<String, String>>) -> Self {
        for (key, text) in overrides.into_iter().flatten() {
            self.words.insert(key.clone(), text.clone());
        }
        self
    }

    fn get(&'static self, key: &str) -> Option<&'static str> {
        self.words.get(key).map(String::as_str)
    }
}

thread_local! {
    static BUILT_IN: &'static Catalogue =
        Box::leak(Box::new(Catalogue::parse("en", ENGLISH).unwrap_or_default()));
    static CURRENT: Cell<Option<&'static Catalogue>> = const { Cell::new(None) };
}

/// Makes `catalogue` the one the views read. Kept for the page's life: a person changes
/// language a few times at most, and the views can then hold `&'static str`s.
pub fn install(catalogue: Catalogue) {
    let catalogue: &'static Catalogue = Box::leak(Box::new(catalogue));
    CURRENT.with(|current| current.set(Some(catalogue)));
}

/// The tag of the language shown.
#[must_use]
pub fn current_tag() -> &'static str {
    CURRENT
        .with(Cell::get)
        .map_or("en", |catalogue| catalogue.tag)
}

fn lookup(key: &str) -> Option<&'static str> {
    CURRENT
        .with(Cell::get)
        .and_then(|catalogue| catalogue.get(key))
        .or_else(|| BUILT_IN.with(|english| english.get(key)))
}

/// Whether `key` is one of the catalogue's keys (or a plural form of one: `rule.min_length.few`).
#[must_use]
pub fn is_key(key: &str) -> bool {
    let english = |key: &str| BUILT_IN.with(|english| english.words.contains_key(key));
    english(key)
        || key
            .rsplit_once('.')
            .is_some_and(|(base, _)| english(&format!("{base}.other")))
}

/// The words for `key` in the language shown (English where the catalogue lacks them; the key
/// itself if no catalogue has it, which the catalogue tests rule out).
#[must_use]
pub fn t(key: &'static str) -> &'static str {
    lookup(key).unwrap_or(key)
}

/// The words for `key` with each `{name}` replaced by its value in `args`, in one pass (so a
/// value that contains braces, such as a username, is never itself replaced).
#[must_use]
pub fn tf(key: &'static str, args: &[(&str, &str)]) -> String {
    fill(t(key), args)
}

/// The plural form of `key` for `count` (the language's CLDR category), `{count}` filled in
/// with the other `args`.
#[must_use]
pub fn plural(key: &'static str, count: u32, args: &[(&str, &str)]) -> String {
    let category = plural_category(current_tag(), count);
    let text = lookup(&format!("{key}.{category}"))
        .or_else(|| lookup(&format!("{key}.other")))
        .unwrap_or(key);
    let count = count.to_string();
    let mut all = vec![("count", count.as_str())];
    all.extend_from_slice(args);
    fill(text, &all)
}

/// `text` with each `{name}` of `args` replaced.
#[must_use]
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut filled = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(known, _)| *known == name)
                .map(|(_, value)| (*value, close))
        });
        match value {
            Some((value, close)) => {
                filled.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

/// The CLDR plural category of `count` in `tag`: the browser's own rules (`Intl.PluralRules`,
/// no tables in the page). Natively (the build-time first screen, tests), English's.
#[must_use]
pub fn plural_category(tag: &str, count: u32) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let locales = js_sys::Array::of1(&tag.into());
        js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new())
            .select(f64::from(count))
            .as_string()
            .unwrap_or_else(|| "other".to_owned())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = tag;
        if count == 1 { "one" } else { "other" }.to_owned()
    }
}

/// Whether `tag`'s script is written right to left.
#[must_use]
pub fn is_rtl(tag: &str) -> bool {
    matches!(primary(tag), "ar" | "he")
}

fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or_default()
}

/// The language the page speaks for a tag a person or a browser asked for: the same tag, or
/// the same language in another region (`fr-CA` → `fr`, `pt-PT` → `pt-BR`, `zh-Hant-HK` →
/// `zh-TW`, `no` → `nb`).
#[must_use]
pub fn supported(tag: &str) -> Option<&'static str> {
    let tag = tag.trim();
    if tag.eq_ignore_ascii_case(PSEUDO) {
        return Some(PSEUDO);
    }
    if let Some((known, _)) = LANGUAGES
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(tag))
    {
        return Some(known);
    }
    let lower = tag.to_ascii_lowercase();
    let wanted = match primary(&lower) {
        "zh" if ["hant", "tw", "hk", "mo"]
            .iter()
            .any(|traditional| lower.split(['-', '_']).any(|part| part == *traditional)) =>
        {
            "zh-TW"
        }
        "zh" => "zh-CN",
        "pt" => "pt-BR",
        "no" | "nn" => "nb",
        "iw" => "he",
        "in" => "id",
        other => other,
    };
    LANGUAGES
        .iter()
        .find(|(known, _)| *known == wanted || primary(known) == wanted)
        .map(|(known, _)| *known)
}

/// The page's language: the first of the `asked` tags it speaks (`?lang=`, then the person's
/// choice remembered on this device, then the browser's languages in order), else the
/// configuration's default, else English.
#[must_use]
pub fn choose<'a>(asked: impl IntoIterator<Item = &'a str>, default: Option<&str>) -> &'static str {
    asked
        .into_iter()
        .find_map(supported)
        .or_else(|| default.and_then(supported))
        .unwrap_or("en")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_built_in_and_placeholders_fill_once() {
        assert_eq!(t("common.continue"), "Continue");
        assert_eq!(
            tf("factor.signing_in_as", &[("username", "{username}")]),
            "Signing in as {username}."
        );
        assert_eq!(fill("{a} and {b} {c", &[("a", "1")]), "1 and {b} {c");
        assert_eq!(plural("rule.min_length", 1, &[]), "At least 1 character");
        assert_eq!(plural("rule.min_length", 8, &[]), "At least 8 characters");
        assert_eq!(t("no.such.key"), "no.such.key");
    }

    #[test]
    fn the_language_follows_what_was_asked_then_the_default() {
        assert_eq!(choose(["de-AT", "fr"], None), "de");
        assert_eq!(choose(["xx", "pt-PT"], None), "pt-BR");
        assert_eq!(choose(["zh-Hant-HK"], None), "zh-TW");
        assert_eq!(choose(["zh"], None), "zh-CN");
        assert_eq!(choose(["nn-NO"], None), "nb");
        assert_eq!(choose(["xx"], Some("ja")), "ja");
        assert_eq!(choose([], None), "en");
        assert_eq!(choose(["EN-xa"], None), PSEUDO);
        assert!(is_rtl("ar") && is_rtl("he-IL") && !is_rtl("en"));
    }

    #[test]
    fn an_installed_catalogue_wins_and_english_fills_its_gaps() {
        let german = Catalogue::parse("de", r#"{"common.continue":"Weiter"}"#)
            .unwrap()
            .with_overrides(Some(&HashMap::from([(
                "common.cancel".to_owned(),
                "Lieber nicht".to_owned(),
            )])));
        install(german);
        assert_eq!(current_tag(), "de");
        assert_eq!(t("common.continue"), "Weiter");
        assert_eq!(t("common.cancel"), "Lieber nicht");
        assert_eq!(t("common.code"), "Code");
        assert!(Catalogue::parse("de", r#"{"a":1}"#).is_none());
    }
}
