//! One screen per file, and the pieces they share.
//!
//! Every screen is a plain view: a function of its data (and the callbacks it may fire) to
//! [`yew::Html`]. The root [`crate::App`] is the only Yew component: each component type adds
//! its own copy of Yew's lifecycle code to the bundle, and the screens hold no state of their
//! own. What used to be per-screen hooks (focus on the new step, emptying a password field once
//! Cognito has answered) is driven by the state machine's screen instead, in one place
//! ([`crate::signin::Screen::focus_target`], [`crate::signin::Screen::fields_to_clear`]).

pub(crate) mod card;
pub(crate) mod challenge_form;
pub(crate) mod choice_button;
pub(crate) mod code_form;
pub(crate) mod config_problem;
pub(crate) mod email_setup;
pub(crate) mod factor_choice;
#[cfg(feature = "account")]
pub(crate) mod forgot_password_form;
pub(crate) mod frame;
pub(crate) mod mfa_choice;
#[cfg(feature = "account")]
pub(crate) mod new_password_fields;
#[cfg(feature = "account")]
pub(crate) mod new_password_form;
pub(crate) mod notice_line;
pub(crate) mod offer;
pub(crate) mod password_form;
#[cfg(feature = "account")]
pub(crate) mod security_page;
#[cfg(feature = "account")]
pub(crate) mod sign_up_form;
pub(crate) mod signed_in;
pub(crate) mod start_over_button;
pub(crate) mod submit_button;
pub(crate) mod totp_setup;
pub(crate) mod username_for_password_managers;
pub(crate) mod username_form;
