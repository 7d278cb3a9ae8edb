//! Create an account: the username (or e-mail address), the attributes the pool requires, and a
//! password that meets the pool's rules — or none, where the pool signs people in with codes.

use cognito_auth::StringMap;
use yew::prelude::*;

use crate::dom::field_value;
use crate::signin::{PasswordChecks, PasswordPolicy, Phase, SignUpForm};
use crate::views::card::card;
use crate::views::new_password_fields::NewPasswordFields;
use crate::views::notice_line::notice_line;
use crate::views::start_over_button::start_over_button;
use crate::views::submit_button::submit_button;

/// The sign-up screen's data and callbacks.
pub(crate) struct SignUp<'a> {
    /// The username is an e-mail address.
    pub(crate) email_is_username: bool,
    /// The attributes to ask for (other than the username).
    pub(crate) attributes: &'a [String],
    /// A password is asked for (and its rules).
    pub(crate) password: Option<&'a PasswordPolicy>,
    /// Which rules it meets.
    pub(crate) checks: &'a PasswordChecks,
    /// Whether the passwords show as text.
    pub(crate) visible: bool,
    /// Form or waiting.
    pub(crate) phase: &'a Phase,
    /// Submitted with what was typed.
    pub(crate) onsubmit: Callback<SignUpForm>,
    /// What is typed meets these rules now.
    pub(crate) ontyped: Callback<PasswordChecks>,
    /// Show or hide the passwords.
    pub(crate) onshow: Callback<bool>,
    /// Back to signing in.
    pub(crate) onsign_in: Callback<()>,
}

/// A person's words for an attribute, its field type and its `autocomplete` token.
fn field(name: &str) -> (String, &'static str, &'static str) {
    match name {
        "email" => ("E-mail address".to_owned(), "email", "email"),
        "phone_number" => (
            "Phone number, with the country code (+44…)".to_owned(),
            "tel",
            "tel",
        ),
        "name" => ("Full name".to_owned(), "text", "name"),
        "given_name" => ("First name".to_owned(), "text", "given-name"),
        "family_name" => ("Last name".to_owned(), "text", "family-name"),
        "nickname" | "preferred_username" => {
            ("What we should call you".to_owned(), "text", "nickname")
        }
        "birthdate" => ("Date of birth".to_owned(), "date", "bday"),
        "address" => ("Address".to_owned(), "text", "street-address"),
        "locale" => ("Language".to_owned(), "text", "language"),
        "website" => ("Website".to_owned(), "url", "url"),
        other => (other.replace('_', " "), "text", "on"),
    }
}

impl SignUp<'_> {
    /// The form.
    pub(crate) fn view(&self) -> Html {
        let busy = self.phase.is_waiting();
        let attributes: Vec<String> = self
            .attributes
            .iter()
            .filter(|name| !(self.email_is_username && name.as_str() == "email"))
            .cloned()
            .collect();
        let (with_password, email_is_username) = (self.password.is_some(), self.email_is_username);
        let onsubmit = {
            let (onsubmit, attributes) = (self.onsubmit.clone(), attributes.clone());
            Callback::from(move |event: SubmitEvent| {
                event.prevent_default();
                let username = field_value("username").trim().to_owned();
                let mut values: StringMap = attributes
                    .iter()
                    .map(|name| {
                        (
                            name.clone(),
                            field_value(&format!("attr-{name}")).trim().to_owned(),
                        )
                    })
                    .collect();
                if email_is_username {
                    values.insert("email".to_owned(), username.clone());
                }
                onsubmit.emit(SignUpForm {
                    username,
                    password: with_password.then(|| field_value("new-password").into()),
                    attributes: values,
                });
            })
        };
        let fields = attributes.iter().map(|name| {
            let (label, kind, autocomplete) = field(name);
            let id = format!("attr-{name}");
            html! { <>
                <label for={id.clone()}>{ label }</label>
                <input id={id} type={kind} autocomplete={autocomplete} required=true readonly={busy} />
            </> }
        });
        let password = self.password.map(|policy| {
            NewPasswordFields {
                policy,
                checks: self.checks,
                visible: self.visible,
                busy,
                ontyped: self.ontyped.clone(),
                onshow: self.onshow.clone(),
            }
            .view()
        });
        card(
            "Create an account".into(),
            None,
            html! {
                <form onsubmit={onsubmit} novalidate=true>
                    <label for="username">{ if email_is_username { "E-mail address" } else { "Username" } }</label>
                    <input id="username" name="username" type={if email_is_username { "email" } else { "text" }}
                        autocomplete={if email_is_username { "email" } else { "username" }}
                        autocapitalize="none" spellcheck="false" required=true readonly={busy} />
                    { for fields }
                    { password.unwrap_or_default() }
                    { submit_button("Create account", "Creating…", self.phase) }
                    { start_over_button("I have an account: sign in", busy, &self.onsign_in) }
                    { notice_line(self.phase) }
                </form>
            },
        )
    }
}
