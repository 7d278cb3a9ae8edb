//! One component per file.

pub(crate) mod username_form;
