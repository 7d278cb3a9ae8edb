//! What surrounds every screen once the page has started: the deployer's brand above, the
//! language picker and the brand's links below.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::brand::Brand;
use crate::words::{LANGUAGES, t};

/// The product's logo (its name as the text) or name.
pub(crate) fn brand_header(brand: &Brand) -> Html {
    match (&brand.logo, &brand.name) {
        (Some(logo), Some(name)) => html! {
            <header class="brand"><img id="brand-logo" src={logo.clone()} alt={name.clone()} /></header>
        },
        (None, Some(name)) => html! {
            <header class="brand"><p id="brand-name">{ name.clone() }</p></header>
        },
        _ => Html::default(),
    }
}

/// The language picker (each language named in itself) and the links to terms and privacy.
pub(crate) fn page_footer(current: &str, brand: &Brand, onlanguage: Callback<String>) -> Html {
    let onchange = Callback::from(move |event: Event| {
        if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
            onlanguage.emit(select.value());
        }
    });
    html! {
        <footer class="page-footer">
            <label for="language">{ t("language.label") }</label>
            <select id="language" onchange={onchange}>
                { for LANGUAGES.iter().map(|(tag, name)| html! {
                    <option value={*tag} lang={*tag} selected={*tag == current}>{ *name }</option>
                }) }
            </select>
            if let Some(url) = &brand.terms_url {
                <a id="terms" href={url.clone()}>{ t("brand.terms") }</a>
            }
            if let Some(url) = &brand.privacy_url {
                <a id="privacy" href={url.clone()}>{ t("brand.privacy") }</a>
            }
        </footer>
    }
}
