//! Every language the page speaks is complete: the same keys as English (with the plural forms
//! its CLDR rules need), the same placeholders, nothing left in English; every key is used by the
//! page and every key the page uses exists. The pseudo-language (`en-XA`) is English made longer
//! and accented, regenerated here (`UPDATE_PSEUDO=1 cargo test --test catalogues` rewrites it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use hosted_login::words::{LANGUAGES, PSEUDO};

type Catalogue = BTreeMap<String, String>;

fn read(tag: &str) -> Catalogue {
    let path = format!("{}/locales/{tag}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The CLDR cardinal categories a language's plural keys need for the whole numbers the page
/// shows (as `Intl.PluralRules` selects them for 0–1000), plus `other`.
fn plural_categories(tag: &str) -> &'static [&'static str] {
    match tag {
        "ar" => &["zero", "one", "two", "few", "many", "other"],
        "he" => &["one", "two", "other"],
        "pl" | "ru" | "uk" => &["one", "few", "many", "other"],
        "id" | "ja" | "ko" | "th" | "zh-CN" | "zh-TW" => &["other"],
        _ => &["one", "other"],
    }
}

/// English's plural keys: `rule.min_length` for `rule.min_length.one` and `….other`.
fn plural_bases(english: &Catalogue) -> BTreeSet<String> {
    english
        .keys()
        .filter_map(|key| key.strip_suffix(".other"))
        .map(str::to_owned)
        .collect()
}

/// The keys `tag` must have: English's, each plural key in the language's categories.
fn expected_keys(english: &Catalogue, tag: &str) -> BTreeSet<String> {
    let bases = plural_bases(english);
    let mut keys: BTreeSet<String> = english
        .keys()
        .filter(|key| {
            !key.rsplit_once('.')
                .is_some_and(|(base, _)| bases.contains(base))
        })
        .cloned()
        .collect();
    for base in &bases {
        for category in plural_categories(tag) {
            keys.insert(format!("{base}.{category}"));
        }
    }
    keys
}

fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

/// The English text a key of another language translates (a plural form: English's `other`).
fn english_for<'a>(english: &'a Catalogue, key: &str) -> &'a str {
    english
        .get(key)
        .or_else(|| {
            let (base, _) = key.rsplit_once('.')?;
            english.get(&format!("{base}.other"))
        })
        .map_or("", String::as_str)
}

#[test]
fn every_language_is_complete() {
    let english = read("en");
    let mut problems = Vec::new();
    for (tag, _) in LANGUAGES.iter().filter(|(tag, _)| *tag != "en") {
        let catalogue = read(tag);
        let have: BTreeSet<String> = catalogue.keys().cloned().collect();
        let want = expected_keys(&english, tag);
        for missing in want.difference(&have) {
            problems.push(format!("{tag}: missing {missing}"));
        }
        for extra in have.difference(&want) {
            problems.push(format!("{tag}: unknown key {extra}"));
        }
        let mut untranslated = 0;
        for (key, text) in &catalogue {
            let source = english_for(&english, key);
            if text.trim().is_empty() {
                problems.push(format!("{tag}: {key} is empty"));
            }
            if placeholders(text) != placeholders(source) {
                problems.push(format!(
                    "{tag}: {key} has placeholders {:?}, English {:?}",
                    placeholders(text),
                    placeholders(source)
                ));
            }
            if text == source {
                untranslated += 1;
            }
        }
        // A few words are the same in some languages ("Code", "Passkeys"); a catalogue mostly
        // in English is not translated.
        if untranslated * 10 > catalogue.len() {
            problems.push(format!(
                "{tag}: {untranslated} of {} texts are the English ones",
                catalogue.len()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_locales_folder_holds_exactly_the_languages_spoken() {
    let folder = format!("{}/locales", env!("CARGO_MANIFEST_DIR"));
    let files: BTreeSet<String> = std::fs::read_dir(&folder)
        .expect("locales/")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let spoken: BTreeSet<String> = LANGUAGES
        .iter()
        .map(|(tag, _)| format!("{tag}.json"))
        .chain([format!("{PSEUDO}.json")])
        .collect();
    assert_eq!(files, spoken);
    assert!(LANGUAGES.len() >= 22, "{}", LANGUAGES.len());
}

/// The namespaces of the catalogue's keys.
fn namespaces(english: &Catalogue) -> BTreeSet<String> {
    english
        .keys()
        .filter_map(|key| {
            key.split_once('.')
                .map(|(namespace, _)| namespace.to_owned())
        })
        .collect()
}

fn page_sources() -> String {
    fn walk(dir: &Path, into: &mut String) {
        for entry in std::fs::read_dir(dir).expect("src/") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, into);
            } else if path.extension().is_some_and(|ext| ext == "rs")
                && !path.to_string_lossy().contains("tests")
            {
                into.push_str(&std::fs::read_to_string(&path).expect("source"));
            }
        }
    }
    let mut sources = String::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut sources,
    );
    sources
}

#[test]
fn every_key_is_used_and_every_key_used_exists() {
    let english = read("en");
    let sources = page_sources();
    let bases = plural_bases(&english);
    let unused: Vec<&String> = english
        .keys()
        .filter(|key| {
            let base = key
                .rsplit_once('.')
                .filter(|(base, _)| bases.contains(*base))
                .map_or(key.as_str(), |(base, _)| base);
            !sources.contains(&format!("\"{base}\""))
        })
        .collect();
    assert!(unused.is_empty(), "keys no page code uses: {unused:?}");

    let mut missing = Vec::new();
    for namespace in namespaces(&english) {
        let opening = format!("\"{namespace}.");
        for (at, _) in sources.match_indices(&opening) {
            let rest = &sources[at + 1..];
            let key = &rest[..rest.find('"').unwrap_or(0)];
            let shaped = key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
            if shaped && !english.contains_key(key) && !bases.contains(key) {
                missing.push(key.to_owned());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys the page uses that English lacks: {missing:?}"
    );
}

/// English, accented, with every vowel doubled (longer words, as German or Finnish have) and
/// in brackets (so cut-off text shows): `Continue` → `[Çóóñţîîñûûéé]`. Placeholders are kept.
fn pseudo(text: &str) -> String {
    let mut out = String::from("[");
    let mut in_placeholder = false;
    for c in text.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ => {}
        }
        if in_placeholder || c == '}' {
            out.push(c);
            continue;
        }
        let accented = match c {
            'a' => "áá",
            'e' => "éé",
            'i' => "îî",
            'o' => "óó",
            'u' => "ûû",
            'A' => "ÅÅ",
            'E' => "ÉÉ",
            'I' => "ÎÎ",
            'O' => "ÖÖ",
            'U' => "ÜÜ",
            'c' => "ç",
            'C' => "Ç",
            'n' => "ñ",
            'N' => "Ñ",
            's' => "š",
            'S' => "Š",
            't' => "ţ",
            'T' => "Ţ",
            'y' => "ý",
            'Y' => "Ý",
            'g' => "ĝ",
            'G' => "Ĝ",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(accented);
    }
    out.push(']');
    out
}

#[test]
fn the_pseudo_language_is_english_made_longer() {
    let english = read("en");
    let generated: Catalogue = english
        .iter()
        .map(|(key, text)| (key.clone(), pseudo(text)))
        .collect();
    if std::env::var_os("UPDATE_PSEUDO").is_some() {
        let path = format!("{}/locales/{PSEUDO}.json", env!("CARGO_MANIFEST_DIR"));
        let json = serde_json::to_string_pretty(&generated).expect("json");
        std::fs::write(path, json + "\n").expect("write the pseudo-language");
    }
    assert_eq!(
        read(PSEUDO),
        generated,
        "run UPDATE_PSEUDO=1 cargo test --test catalogues"
    );
    assert_eq!(pseudo("Hi {username}."), "[Hîî {username}.]");
}
