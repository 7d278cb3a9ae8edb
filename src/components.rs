//! One component per file: the screens, and the pieces they share.

pub(crate) mod card;
pub(crate) mod challenge_form;
pub(crate) mod config_problem;
pub(crate) mod new_password_form;
pub(crate) mod notice_line;
pub(crate) mod password_form;
pub(crate) mod signed_in;
pub(crate) mod starting;
pub(crate) mod submit_button;
pub(crate) mod username_form;
