//! Page-wide styles: colours as custom properties so dark mode only swaps the palette, and the
//! few shared pieces every screen uses (card, field, buttons, notice, spinner).
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
            --ok: #166534;
            --focus: #b45309;
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
                --ok: #86efac;
                --focus: #fbbf24;
            }
        }
        *, *::before, *::after { box-sizing: border-box; }
        html, body { margin: 0; height: 100%; }
        body {
            background: var(--bg);
            color: var(--text);
            font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
        }
        .page { min-height: 100%; display: grid; place-items: center; padding: 1rem; }
        .card {
            width: min(100%, 24rem);
            background: var(--card);
            border: 1px solid var(--border);
            border-radius: 12px;
            padding: 2rem 1.5rem;
        }
        .card h1 { margin: 0 0 0.25rem; font-size: 1.5rem; }
        .card .lead { margin: 0 0 1.25rem; color: var(--muted); }
        .card label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
        .card input, .card select {
            width: 100%;
            font: inherit;
            padding: 0.625rem 0.75rem;
            color: var(--text);
            background: var(--card);
            border: 1px solid var(--border);
            border-radius: 8px;
        }
        .card button {
            width: 100%;
            margin-top: 1rem;
            font: inherit;
            font-weight: 600;
            padding: 0.625rem;
            border: 1px solid var(--accent);
            border-radius: 8px;
            cursor: pointer;
            display: inline-flex;
            gap: 0.5rem;
            align-items: center;
            justify-content: center;
        }
        .card button.primary { background: var(--accent); color: var(--accent-text); }
        .card button.secondary { background: transparent; color: var(--text); border-color: var(--border); }
        .card button:disabled { cursor: progress; opacity: 0.8; }
        .card .captcha { display: block; width: 100%; height: auto; margin: 0.5rem 0; border: 1px solid var(--border); border-radius: 8px; background: #fff; }
        .notice { min-height: 1.5rem; margin: 0.75rem 0 0; }
        .notice.problem { color: var(--error); }
        .notice.news { color: var(--ok); }
        .who dt { color: var(--muted); }
        .who dd { margin: 0 0 0.5rem; font-weight: 600; overflow-wrap: anywhere; }
        .spinner {
            width: 1em; height: 1em; border-radius: 50%;
            border: 2px solid currentColor; border-right-color: transparent;
            animation: spin 0.8s linear infinite;
        }
        @keyframes spin { to { transform: rotate(360deg); } }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
        @media (prefers-reduced-motion: reduce) {
            * { transition: none !important; animation: none !important; }
        }
        "#
    );
    html! { <Global css={styles} /> }
}
