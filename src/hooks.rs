//! One hook per file.

pub(crate) mod use_clear_after_answer;
pub(crate) mod use_field_submit;
pub(crate) mod use_focus_on_mount;
