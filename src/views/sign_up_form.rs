//! Create an account: the username (or e-mail address), the attributes the pool requires, and a
//! password that meets the pool's rules — or none, where the pool signs people in with codes.

use crate::words::t;
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
    let (key, kind, autocomplete) = match name {
        "email" => ("common.email_address", "email", "email"),
        "phone_number" => ("attribute.phone_number", "tel", "tel"),
        "name" => ("attribute.name", "text", "name"),
        "given_name" => ("attribute.given_name", "text", "given-name"),
        "family_name" => ("attribute.family_name", "text", "family-name"),
        "nickname" | "preferred_username" => ("attribute.nickname", "text", "nickname"),
        "birthdate" => ("attribute.birthdate", "date", "bday"),
        "address" => ("attribute.address", "text", "street-address"),
        "locale" => ("attribute.locale", "text", "language"),
        "website" => ("attribute.website", "url", "url"),
        "middle_name" => ("attribute.middle_name", "text", "additional-name"),
        "gender" => ("attribute.gender", "text", "sex"),
        "picture" => ("attribute.picture", "url", "photo"),
        "profile" => ("attribute.profile", "url", "url"),
        "zoneinfo" => ("attribute.zoneinfo", "text", "on"),
        // Not one of the standard attributes (Cognito requires only those): its name.
        other => return (other.replace('_', " "), "text", "on"),
    };
    (t(key).to_owned(), kind, autocomplete)
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
            t("sign_up.title").into(),
            None,
            html! {
                <form onsubmit={onsubmit} novalidate=true>
                    <label for="username">{ t(if email_is_username { "common.email_address" } else { "common.username" }) }</label>
                    <input id="username" name="username" type={if email_is_username { "email" } else { "text" }}
                        autocomplete={if email_is_username { "email" } else { "username" }}
                        autocapitalize="none" spellcheck="false" required=true readonly={busy} />
                    { for fields }
                    { password.unwrap_or_default() }
                    { submit_button(t("sign_up.create"), t("sign_up.creating"), self.phase) }
                    { start_over_button(t("sign_up.have_account"), busy, &self.onsign_in) }
                    { notice_line(self.phase) }
                </form>
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn every_standard_attribute_has_a_label_and_a_fitting_field() {
        assert_eq!(
            field("email"),
            ("E-mail address".to_owned(), "email", "email")
        );
        assert_eq!(field("gender").0, "Gender");
        assert_eq!(field("middle_name").2, "additional-name");
        assert_eq!(field("picture").1, "url");
        assert_eq!(field("zoneinfo").0, "Time zone");
        assert_eq!(field("something_else").0, "something else");
    }
}
