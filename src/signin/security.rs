//! The signed-in security page: passkeys (add, remove), second steps (set up an authenticator
//! app with its QR code, turn e-mail or text-message codes on and off, choose the preferred one,
//! remove one), remembered devices (forget), the password, an unverified e-mail address, and
//! signing out here or everywhere. What it shows comes from the pool (loaded on arrival and after
//! each change); only what the pool supports is offered.

use cognito_auth::{AuthFlow, MfaPreference, MfaPreferences, MfaType, TotpSetupDetails};

use super::screen::Phase;
#[cfg(feature = "account")]
use super::step::Action;
#[cfg(feature = "account")]
use super::step::Outcome::{self, Next, NotMine};
use super::step::{Request, Secret};
use super::{Notice, PasswordChecks, Screen, Who};

/// A passkey as the page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasskeyItem {
    /// Its credential id.
    pub id: String,
    /// The name the pool gave it.
    pub name: String,
    /// When it was added (Unix seconds).
    pub created_at: Option<i64>,
}

/// A remembered device as the page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceItem {
    /// Its device key.
    pub id: String,
    /// Its name (the browser it was remembered in).
    pub name: String,
    /// Its last sign-in (Unix seconds).
    pub last_used: Option<i64>,
    /// Whether it is the device the page runs on.
    pub this_device: bool,
}

/// What the security page shows, as the pool answered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Account {
    /// The passkeys, when the pool offers them (`None`: it does not).
    pub passkeys: Option<Vec<PasskeyItem>>,
    /// The second steps turned on, and the preferred one.
    pub mfa: MfaPreferences,
    /// The second steps the pool offers (Amplify's `auth.mfa_methods`); empty: none.
    pub mfa_offered: Vec<MfaType>,
    /// Remembered devices.
    pub devices: Vec<DeviceItem>,
    /// The e-mail address, and whether it is verified.
    pub email: Option<(String, bool)>,
    /// Whether there is a phone number (text-message codes need one).
    pub has_phone: bool,
}

/// A task under way on the security page, carrying exactly its data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Task {
    /// Adding an authenticator app: its secret (shown), then its code.
    SetUpApp(TotpSetupDetails),
    /// Changing the password: which rules the new one meets.
    ChangePassword {
        /// The checks (never the password).
        checks: PasswordChecks,
        /// Whether the passwords show as text.
        visible: bool,
    },
    /// Verifying the e-mail address: the code sent.
    VerifyEmail,
}

/// A task the person starts (its data comes once it has started).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskKind {
    /// Add an authenticator app.
    App,
    /// Verify the e-mail address.
    VerifyEmail,
    /// Change the password.
    ChangePassword,
}

/// A change the page asks the pool for.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Remove a passkey.
    RemovePasskey(String),
    /// Turn a second step on or off, or make it the preferred one.
    Mfa(MfaType, MfaPreference),
    /// Forget a remembered device.
    ForgetDevice(String),
    /// Finish adding an authenticator app with its code (then it is turned on).
    VerifyApp(Secret),
    /// Change the password.
    Password {
        /// The current password.
        old: Secret,
        /// The new one.
        new: Secret,
    },
    /// Verify the e-mail address with the code sent.
    VerifyEmail(Secret),
}

impl Change {
    /// What the page says once it is done.
    #[must_use]
    pub fn done(&self) -> Notice {
        match self {
            Self::RemovePasskey(_) => Notice::PasskeyRemoved,
            Self::Mfa(..) | Self::VerifyApp(_) => Notice::MfaUpdated,
            Self::ForgetDevice(_) => Notice::DeviceForgotten,
            Self::Password { .. } => Notice::PasswordChanged,
            Self::VerifyEmail(_) => Notice::EmailVerified,
        }
    }
}

/// The security page for `who`, loading what it shows.
#[must_use]
pub(super) fn security_screen(who: Who, flow: AuthFlow) -> (Screen, Option<Request>) {
    (
        Screen::Security {
            who,
            flow,
            account: None,
            task: None,
            phase: Phase::Waiting(None),
        },
        Some(Request::LoadAccount),
    )
}

/// The transitions of the security page.
#[cfg(feature = "account")]
pub(super) fn step(screen: Screen, action: Action) -> Outcome {
    let Screen::Security {
        who,
        flow,
        account,
        task,
        phase,
    } = screen
    else {
        return NotMine(screen, action);
    };
    let editing = matches!(phase, Phase::Editing(_));
    let waiting = phase.is_waiting();
    let screen = |account, task, phase| Screen::Security {
        who: who.clone(),
        flow,
        account,
        task,
        phase,
    };
    // A change made: its task ends (with any secret or code it held), the notice waits for the
    // page's figures, reloaded.
    let changed = |account, notice| {
        Next(
            screen(account, None, Phase::Waiting(Some(shown(notice)))),
            Some(Request::LoadAccount),
        )
    };
    match action {
        Action::AccountLoaded(Ok(loaded)) if waiting => {
            // A notice for the change just made stays shown with the fresh figures.
            let phase = match phase {
                Phase::Waiting(Some(shown)) => Phase::Editing(Some(shown)),
                _ => Phase::READY,
            };
            Next(screen(Some(loaded), task, phase), None)
        }
        Action::AccountLoaded(Err(error)) if waiting => Next(
            screen(
                account,
                task,
                phase.showing(Notice::for_other_error(&error)),
            ),
            None,
        ),
        Action::AddPasskey if editing => Next(
            screen(account, None, phase.to_waiting()),
            Some(Request::AddPasskey),
        ),
        Action::PasskeyAdded(outcome) if waiting => match outcome {
            Ok(()) => changed(account, Notice::PasskeyAdded),
            Err(error) => Next(
                screen(
                    account,
                    None,
                    phase.showing(Notice::for_passkey_error(&error)),
                ),
                None,
            ),
        },
        Action::StartTask(kind) if editing => match kind {
            // The app's secret comes from the pool first.
            TaskKind::App => Next(
                screen(account, None, phase.to_waiting()),
                Some(Request::SetUpApp),
            ),
            TaskKind::VerifyEmail => Next(
                screen(account, Some(Task::VerifyEmail), phase.to_waiting()),
                Some(Request::SendEmailCode),
            ),
            TaskKind::ChangePassword => {
                let task = Task::ChangePassword {
                    checks: PasswordChecks::default(),
                    visible: false,
                };
                Next(screen(account, Some(task), Phase::READY), None)
            }
        },
        Action::AppSecret(outcome) if waiting => match outcome {
            Ok(details) => Next(
                screen(account, Some(Task::SetUpApp(details)), Phase::READY),
                None,
            ),
            Err(error) => Next(
                screen(
                    account,
                    None,
                    phase.showing(Notice::for_other_error(&error)),
                ),
                None,
            ),
        },
        Action::CodeSent(outcome) if waiting => match outcome {
            Ok(_) => Next(
                screen(account, task, phase.showing(Notice::NewCodeSent)),
                None,
            ),
            Err(error) => Next(
                screen(
                    account,
                    None,
                    phase.showing(Notice::for_other_error(&error)),
                ),
                None,
            ),
        },
        Action::CancelTask if editing => Next(screen(account, None, Phase::READY), None),
        Action::Change(change) if editing => {
            if let Some(notice) = refusal(&change, task.as_ref()) {
                return Next(screen(account, task, phase.showing(notice)), None);
            }
            Next(
                screen(account, task, phase.to_waiting()),
                Some(Request::Change(change)),
            )
        }
        Action::Changed(outcome, done) if waiting => match outcome {
            Ok(()) => changed(account, done),
            Err(error) => {
                let notice = match error.kind_name() {
                    Some(
                        "CodeMismatchException"
                        | "EnableSoftwareTokenMFAException"
                        | "ExpiredCodeException",
                    ) => Notice::for_code_error(&error),
                    Some("NotAuthorizedException") if task.is_some() => Notice::WrongPassword,
                    _ => Notice::for_other_error(&error),
                };
                Next(screen(account, task, phase.showing(notice)), None)
            }
        },
        Action::SignOut { everywhere } if editing => Next(
            Screen::SignedIn {
                who: who.clone(),
                flow,
                phase: Phase::Waiting(None),
            },
            Some(Request::SignOut { everywhere }),
        ),
        action => NotMine(screen(account, task, phase), action),
    }
}

#[cfg(feature = "account")]
fn shown(notice: Notice) -> super::Shown {
    super::Shown { notice, times: 1 }
}

/// What the page refuses before asking the pool: an empty code or password, a new password
/// that breaks the rules shown or differs from its confirmation.
#[cfg(feature = "account")]
fn refusal(change: &Change, task: Option<&Task>) -> Option<Notice> {
    match change {
        Change::VerifyApp(code) | Change::VerifyEmail(code) if code.expose().trim().is_empty() => {
            Some(Notice::EnterCode)
        }
        Change::Password { old, new } => {
            if old.expose().is_empty() || new.expose().is_empty() {
                return Some(Notice::EnterPassword);
            }
            match task {
                Some(Task::ChangePassword { checks, .. }) if checks.any_unmet() => {
                    Some(Notice::PasswordRulesUnmet)
                }
                Some(Task::ChangePassword { checks, .. }) if !checks.matching => {
                    Some(Notice::PasswordsDiffer)
                }
                _ => None,
            }
        }
        _ => None,
    }
}
