//! The sign-in state machine: pure, no Yew, no I/O. [`step`] takes the current [`Screen`] and an
//! [`Action`] and returns the next screen and, if any, the [`Request`] the effects layer must
//! perform (whose outcome comes back as another action).

mod account;
mod factors;
mod notice;
mod password_rules;
mod screen;
mod security;
mod step;

pub use account::{Page, SignUpForm};
pub use factors::ordered as ordered_factors;
pub use notice::{Detail, Notice};
pub use password_rules::{PasswordChecks, PasswordPolicy, PasswordRule};
pub use screen::{CodeSource, Offers, Phase, Screen, Shown, Who};
pub use security::{Account, Change, DeviceItem, PasskeyItem, Task, TaskKind};
pub use step::{Action, Request, Resume, Secret, Start, flow_of, step};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_account;
#[cfg(test)]
mod tests_factors;
