//! The first screen: the person says who they are.

use stylist::yew::styled_component;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the form has to say to the person, announced through the `aria-live` region.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Notice {
    None,
    EmptyUsername,
    NotConnected,
}

impl Notice {
    fn text(&self) -> &'static str {
        match self {
            Self::None => "",
            Self::EmptyUsername => "Enter your username to continue.",
            // The walking skeleton has no Cognito client yet; say so rather than pretend.
            Self::NotConnected => "Signing in is not available in this build yet.",
        }
    }
}

/// Username form: a labelled field, a submit button and a live region for messages.
#[styled_component]
pub(crate) fn UsernameForm() -> Html {
    let input = use_node_ref();
    let notice = use_state(|| Notice::None);

    // Focus the field when the screen appears so keyboard users can type at once.
    {
        let input = input.clone();
        use_effect_with((), move |_| {
            if let Some(field) = input.cast::<HtmlInputElement>() {
                let _ = field.focus();
            }
        });
    }

    let onsubmit = {
        let input = input.clone();
        let notice = notice.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let username = input
                .cast::<HtmlInputElement>()
                .map(|field| field.value())
                .unwrap_or_default();
            notice.set(if username.trim().is_empty() {
                Notice::EmptyUsername
            } else {
                Notice::NotConnected
            });
        })
    };

    let card = css!(
        r#"
        width: min(100%, 24rem);
        background: var(--card);
        border: 1px solid var(--border);
        border-radius: 12px;
        padding: 2rem 1.5rem;
        h1 { margin: 0 0 1.5rem; font-size: 1.5rem; }
        label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
        input {
            width: 100%;
            font: inherit;
            padding: 0.625rem 0.75rem;
            color: var(--text);
            background: var(--card);
            border: 1px solid var(--border);
            border-radius: 8px;
        }
        button {
            width: 100%;
            margin-top: 1rem;
            font: inherit;
            font-weight: 600;
            padding: 0.625rem;
            border: 0;
            border-radius: 8px;
            background: var(--accent);
            color: var(--accent-text);
            cursor: pointer;
        }
        .notice { min-height: 1.5rem; margin: 0.75rem 0 0; color: var(--error); }
    "#
    );

    html! {
        <section class={card} aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">{ "Sign in" }</h1>
            <form {onsubmit} novalidate=true>
                <label for="username">{ "Username" }</label>
                <input
                    ref={input}
                    id="username"
                    name="username"
                    type="text"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    required=true
                />
                <button id="continue" type="submit">{ "Continue" }</button>
                <p class="notice" role="status" aria-live="polite">{ notice.text() }</p>
            </form>
        </section>
    }
}
