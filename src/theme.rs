//! Page-wide styles: colours as custom properties so dark mode only swaps the palette.
//!
//! Contrast of every text/background pair here is at least 4.5:1 (WCAG 2.1 AA).

use stylist::css;
use stylist::yew::Global;
use yew::prelude::*;

/// Injects the page-wide styles once, at the root.
#[component]
pub(crate) fn GlobalStyles() -> Html {
    let styles = css!(
        r#"
:root {
    color-scheme: light dark;
    --bg: #f4f5f7;
    --card: #ffffff;
    --text: #1b1e24;
    --muted: #4a5261;
    --border: #8a93a3;
    --accent: #1d4ed8;
    --accent-text: #ffffff;
    --error: #b42318;
    --focus: #f59e0b;
}
@media (prefers-color-scheme: dark) {
    :root {
        --bg: #111318;
        --card: #1c1f26;
        --text: #eef0f4;
        --muted: #b4bac6;
        --border: #6b7383;
        --accent: #93b4ff;
        --accent-text: #0b1020;
        --error: #ff9b8f;
    }
}
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body {
    background: var(--bg);
    color: var(--text);
    font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
.page {
    min-height: 100%;
    display: grid;
    place-items: center;
    padding: 1rem;
}
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
@media (prefers-reduced-motion: reduce) {
    * { transition: none !important; animation: none !important; }
}
"#
    );
    html! { <Global css={styles} /> }
}
