//! How the page speaks and looks, applied to the document: the language (its catalogue fetched
//! and installed, `<html lang dir>`, the title) and the deployer's brand colours.
//!
//! The colours are set as CSS custom properties through the CSSOM
//! (`document.documentElement.style.setProperty`), which the page's `style-src` allows (it
//! governs style elements and attributes, not the CSSOM): no new `<style>` and no `style`
//! attribute, so the page's CSP stays as strict as it is.

#[cfg(target_arch = "wasm32")]
pub(crate) use browser::{change_language, start};

/// Where the person's choice of language is kept (`localStorage`: this browser).
#[cfg(target_arch = "wasm32")]
const CHOSEN_LANGUAGE_KEY: &str = "hosted-login.language";

/// Natively (the build-time first screen, tests) there is no document to change.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn change_language(
    _tag: &'static str,
    _config: std::rc::Rc<crate::config::AppConfig>,
    _done: yew::Callback<()>,
) {
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::rc::Rc;

    use cognito_auth::KeyValueStorage;
    use cognito_auth::browser::{BrowserStorage, get_text};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::spawn_local;
    use yew::Callback;

    use super::CHOSEN_LANGUAGE_KEY;
    use crate::brand::Brand;
    use crate::config::AppConfig;
    use crate::words::{self, Catalogue};

    /// Chooses the language (`?lang=`, the person's remembered choice, the browser's languages,
    /// the configuration's default) and shows the page in it, in the brand's colours.
    /// Without a configuration (it is missing or refused), the page still speaks the person's
    /// language to say so.
    pub(crate) async fn start(config: Option<&AppConfig>) {
        let unbranded = Brand::default();
        let brand = config.map_or(&unbranded, |config| &config.brand);
        apply_colours(brand);
        let mut asked = Vec::new();
        asked.extend(crate::effects::query_parameter("lang"));
        asked.extend(BrowserStorage::Local.get(CHOSEN_LANGUAGE_KEY));
        asked.extend(browser_languages());
        let default = config.and_then(|config| config.default_language);
        show(
            words::choose(asked.iter().map(String::as_str), default),
            brand,
        )
        .await;
    }

    /// The person picked `tag`: remembered on this device, then shown; `done` once it is.
    pub(crate) fn change_language(tag: &'static str, config: Rc<AppConfig>, done: Callback<()>) {
        // Best effort: a browser that refuses storage still shows the language.
        let _ = BrowserStorage::Local.set(CHOSEN_LANGUAGE_KEY, tag);
        spawn_local(async move {
            show(tag, &config.brand).await;
            done.emit(());
        });
    }

    /// Installs `tag`'s catalogue (fetched unless English; English if it cannot be had) with
    /// the deployer's words, and marks the document's language, direction and title. The tag
    /// shown.
    async fn show(tag: &'static str, brand: &Brand) -> &'static str {
        let fetched = match tag {
            "en" => None,
            _ => fetch_catalogue(tag).await,
        };
        let catalogue = fetched.unwrap_or_else(Catalogue::english);
        let shown = catalogue.tag;
        words::install(brand.apply_overrides(catalogue));
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", shown);
                let _ = root.set_attribute("dir", if words::is_rtl(shown) { "rtl" } else { "ltr" });
            }
            let title = words::t("page.title");
            match &brand.name {
                Some(name) => document.set_title(&format!("{title} · {name}")),
                None => document.set_title(title),
            }
        }
        shown
    }

    async fn fetch_catalogue(tag: &'static str) -> Option<Catalogue> {
        let (status, text) = get_text(&format!("locales/{tag}.json")).await.ok()?;
        (200..300)
            .contains(&status)
            .then(|| Catalogue::parse(tag, &text))
            .flatten()
    }

    /// `navigator.languages`, the person's languages in their order of preference.
    fn browser_languages() -> Vec<String> {
        web_sys::window()
            .map(|window| window.navigator().languages())
            .map(|languages| languages.iter().filter_map(|tag| tag.as_string()).collect())
            .unwrap_or_default()
    }

    /// The brand's colours as CSS custom properties on the root element (the stylesheet reads
    /// `--brand-accent-light` and the others, with its own colours as fallbacks).
    fn apply_colours(brand: &Brand) {
        let root = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
            .and_then(|root| root.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(root) = root {
            let style = root.style();
            for (property, value) in &brand.colours {
                let _ = style.set_property(property, value);
            }
        }
    }
}
