//! The deployer's brand (`hosted_login.brand` in `amplify_outputs.json`): the product's name and
//! logo, accent and background colours for light and dark, links to terms and privacy, and
//! overrides of any catalogue words per language. Colours are refused when the page's text would
//! fall below WCAG AA contrast (4.5:1) on them.
//!
//! ```json
//! "brand": { "name": "Example", "logo": "https://example.com/logo.png",
//!            "light": { "accent": "#0b57d0", "background": "#ffffff" },
//!            "dark": { "accent": "#a8c7fa", "background": "#131314" },
//!            "terms_url": "https://example.com/terms", "privacy_url": "https://example.com/privacy",
//!            "overrides": { "en": { "username.title": "Sign in to Example" } } }
//! ```

use std::collections::HashMap;

use serde::Deserialize;

use crate::config::safe_image_url;
use crate::words::{self, Catalogue};

/// The page's text colour in light mode (`--text` in `styles/base.css`).
const LIGHT_TEXT: Rgb = Rgb(0x1b, 0x1e, 0x24);
/// The page's text colour in dark mode.
const DARK_TEXT: Rgb = Rgb(0xee, 0xf0, 0xf4);
/// WCAG 2.2 AA for normal text (1.4.3).
const AA: f64 = 4.5;

/// `hosted_login.brand` as written.
#[derive(Default, Deserialize)]
pub(crate) struct BrandSection {
    name: Option<String>,
    logo: Option<String>,
    light: Option<ColoursSection>,
    dark: Option<ColoursSection>,
    terms_url: Option<String>,
    privacy_url: Option<String>,
    #[serde(default)]
    overrides: HashMap<String, HashMap<String, String>>,
}

#[derive(Deserialize)]
struct ColoursSection {
    accent: Option<String>,
    background: Option<String>,
}

/// The brand, checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Brand {
    /// The product's name, shown above every screen.
    pub name: Option<String>,
    /// The logo's URL (with the product's name as its text).
    pub logo: Option<String>,
    /// CSS custom properties to set on the page (`--brand-accent-light` …), each a `#rrggbb`.
    pub colours: Vec<(&'static str, String)>,
    /// The terms of use.
    pub terms_url: Option<String>,
    /// The privacy notice.
    pub privacy_url: Option<String>,
    /// The deployer's words per language tag, key → text.
    pub overrides: HashMap<String, HashMap<String, String>>,
}

/// A colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    /// `#rgb` or `#rrggbb`.
    fn parse(text: &str) -> Option<Self> {
        let hex = text.trim().strip_prefix('#')?;
        let digit = |index: usize, width: usize| {
            let part = hex.get(index * width..index * width + width)?;
            let value = u8::from_str_radix(part, 16).ok()?;
            Some(if width == 1 { value * 17 } else { value })
        };
        let width = match hex.len() {
            3 => 1,
            6 => 2,
            _ => return None,
        };
        Some(Self(digit(0, width)?, digit(1, width)?, digit(2, width)?))
    }

    fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG's relative luminance.
    fn luminance(self) -> f64 {
        let channel = |value: u8| {
            let value = f64::from(value) / 255.0;
            if value <= 0.040_45 {
                value / 12.92
            } else {
                ((value + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG's contrast ratio, 1 to 21.
    fn contrast(self, other: Self) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// Where a link of the brand may go: `https:` or a path of the page's own site.
fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || (lower.starts_with('/') && !lower.starts_with("//"))
}

impl BrandSection {
    /// Checks the brand; the error says what to fix.
    pub(crate) fn check(self) -> Result<Brand, String> {
        if let Some(logo) = &self.logo {
            if !safe_image_url(logo) {
                return Err(format!(
                    "hosted_login.brand.logo `{logo}` is not an https:, same-site or data:image URL"
                ));
            }
            if self.name.is_none() {
                return Err(
                    "hosted_login.brand.logo needs hosted_login.brand.name, its text for people who cannot see it"
                        .to_owned(),
                );
            }
        }
        for (key, url) in [
            ("terms_url", &self.terms_url),
            ("privacy_url", &self.privacy_url),
        ] {
            if let Some(url) = url
                && !safe_link(url)
            {
                return Err(format!(
                    "hosted_login.brand.{key} `{url}` is not an https: or same-site address"
                ));
            }
        }
        for (tag, words) in &self.overrides {
            if tag != "en" && words::supported(tag) != Some(tag.as_str()) {
                return Err(format!(
                    "hosted_login.brand.overrides: `{tag}` is not one of the page's languages"
                ));
            }
            if let Some(key) = words.keys().find(|key| !words::is_key(key)) {
                return Err(format!(
                    "hosted_login.brand.overrides.{tag}: `{key}` is not a key of the page's catalogue"
                ));
            }
        }
        let mut colours = Vec::new();
        // Each scheme: its section, the page's text colour in it, and the custom properties the
        // stylesheet reads for its background, accent and the accent's words.
        for (mode, section, text, [bg, accent_property, accent_text]) in [
            (
                "light",
                &self.light,
                LIGHT_TEXT,
                [
                    "--brand-bg-light",
                    "--brand-accent-light",
                    "--brand-accent-text-light",
                ],
            ),
            (
                "dark",
                &self.dark,
                DARK_TEXT,
                [
                    "--brand-bg-dark",
                    "--brand-accent-dark",
                    "--brand-accent-text-dark",
                ],
            ),
        ] {
            let Some(section) = section else { continue };
            if let Some(background) = &section.background {
                let colour = parse_colour(mode, "background", background)?;
                check_contrast(mode, "the page's text", text, "background", colour)?;
                colours.push((bg, colour.css()));
            }
            if let Some(accent) = &section.accent {
                let colour = parse_colour(mode, "accent", accent)?;
                // The buttons' words: white or the darkest text, whichever reads better.
                let label = [Rgb(0xff, 0xff, 0xff), Rgb(0x0b, 0x10, 0x20)]
                    .into_iter()
                    .max_by(|a, b| a.contrast(colour).total_cmp(&b.contrast(colour)))
                    .unwrap_or(LIGHT_TEXT);
                check_contrast(mode, "a button's words", label, "accent", colour)?;
                colours.push((accent_property, colour.css()));
                colours.push((accent_text, label.css()));
            }
        }
        Ok(Brand {
            name: self.name,
            logo: self.logo,
            colours,
            terms_url: self.terms_url,
            privacy_url: self.privacy_url,
            overrides: self.overrides,
        })
    }
}

fn parse_colour(mode: &str, name: &str, text: &str) -> Result<Rgb, String> {
    Rgb::parse(text).ok_or_else(|| {
        format!("hosted_login.brand.{mode}.{name} `{text}` is not a colour such as #1d4ed8")
    })
}

fn check_contrast(
    mode: &str,
    what: &str,
    text: Rgb,
    name: &str,
    colour: Rgb,
) -> Result<(), String> {
    let ratio = colour.contrast(text);
    if ratio < AA {
        return Err(format!(
            "hosted_login.brand.{mode}.{name} {}: {what} on it would have a contrast of {:.2}:1, below WCAG AA's 4.5:1",
            colour.css(),
            (ratio * 100.0).floor() / 100.0
        ));
    }
    Ok(())
}

impl Brand {
    /// `catalogue` with the deployer's words for its language.
    #[must_use]
    pub fn apply_overrides(&self, catalogue: Catalogue) -> Catalogue {
        let overrides = self.overrides.get(catalogue.tag);
        catalogue.with_overrides(overrides)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(json: &str) -> Result<Brand, String> {
        serde_json::from_str::<BrandSection>(json).unwrap().check()
    }

    #[test]
    fn contrast_follows_wcag() {
        let white = Rgb(255, 255, 255);
        assert!((Rgb(0, 0, 0).contrast(white) - 21.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        assert!((Rgb::parse("#767676").unwrap().contrast(white) - 4.54).abs() < 0.01);
        assert_eq!(Rgb::parse("#abc"), Some(Rgb(0xaa, 0xbb, 0xcc)));
        for bad in ["abc", "#abcd", "#ggg", "red", "#1234567"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_readable_brand_is_applied() {
        let brand = check(
            r##"{"name":"Example","logo":"https://example.com/l.png",
                "light":{"accent":"#0b57d0","background":"#fff"},
                "dark":{"accent":"#a8c7fa","background":"#131314"},
                "terms_url":"https://example.com/terms","privacy_url":"/privacy",
                "overrides":{"de":{"username.title":"Bei Example anmelden"}}}"##,
        )
        .unwrap();
        assert!(
            brand
                .colours
                .contains(&("--brand-bg-light", "#ffffff".to_owned()))
        );
        assert!(
            brand
                .colours
                .contains(&("--brand-accent-text-light", "#ffffff".to_owned()))
        );
        assert!(
            brand
                .colours
                .contains(&("--brand-accent-text-dark", "#0b1020".to_owned()))
        );
        let german = brand.apply_overrides(Catalogue::parse("de", "{}").unwrap());
        words::install(german);
        assert_eq!(words::t("username.title"), "Bei Example anmelden");
    }

    #[test]
    fn an_unreadable_or_unsafe_brand_is_refused_saying_why() {
        let pale = check(r##"{"light":{"background":"#777777"}}"##).unwrap_err();
        assert!(
            pale.contains("3.72:1") && pale.contains("background"),
            "{pale}"
        );
        let dark = check(r##"{"dark":{"background":"#aaaaaa"}}"##).unwrap_err();
        assert!(dark.contains("dark.background"), "{dark}");
        let accent = check(r##"{"light":{"accent":"#777777"}}"##).unwrap_err();
        assert!(accent.contains("accent"), "{accent}");
        for (json, says) in [
            (r#"{"name":"X","logo":"javascript:alert(1)"}"#, "logo"),
            (r#"{"logo":"https://example.com/l.png"}"#, "needs"),
            (r#"{"terms_url":"http://example.com/"}"#, "terms_url"),
            (r#"{"overrides":{"xx":{}}}"#, "`xx`"),
            (r#"{"overrides":{"fr":{"no.such":"x"}}}"#, "no.such"),
            (r#"{"light":{"accent":"blue"}}"#, "not a colour"),
        ] {
            let error = check(json).unwrap_err();
            assert!(error.contains(says), "{json}: {error}");
        }
    }
}
