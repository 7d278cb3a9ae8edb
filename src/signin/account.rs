//! Getting into an account another way than signing in: creating one (the code sent to confirm
//! it, then signed in automatically) and resetting a forgotten password (a code, then the new
//! password, then signed in). Pages with their own addresses, reached from the first screen, by
//! address, or — for the reset — from a sign-in that answers `ResetPassword`. Their steps are
//! only in the bundle with every page; the sign-in bundle knows their empty screens, to hand
//! over to that bundle (`Route::in_account_bundle`).

use cognito_auth::AuthFlow;
#[cfg(feature = "account")]
use cognito_auth::{AuthError, CodeDeliveryDetails, ExposeSecret, ResetPasswordStep, SignUpStep};

#[cfg(feature = "account")]
use super::Notice;
use super::screen::Phase;
use super::step::Secret;
#[cfg(feature = "account")]
use super::step::{Action, Outcome, Request};
use super::{PasswordChecks, Screen};

/// A page a person can go to by its address (or the browser's Back and Forward).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// The first screen.
    SignIn,
    /// Create an account.
    SignUp,
    /// Reset a forgotten password.
    ForgotPassword,
    /// The signed-in security page.
    Security,
}

/// What was typed into the sign-up form (the password travels as a secret).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SignUpForm {
    /// The username (or e-mail address, where the pool signs people in with it).
    pub username: String,
    /// The password, unless the pool signs people in without one.
    pub password: Option<Secret>,
    /// The attributes the pool requires.
    pub attributes: cognito_auth::StringMap,
}

/// Empty screens of these pages.
#[must_use]
pub(super) fn sign_up_screen(flow: AuthFlow) -> Screen {
    Screen::SignUp {
        flow,
        checks: PasswordChecks::default(),
        visible: false,
        phase: Phase::READY,
    }
}

/// The forgot-password screen, with `username` filled in.
#[must_use]
pub(super) fn forgot_password_screen(flow: AuthFlow, username: String) -> Screen {
    Screen::ForgotPassword {
        flow,
        username,
        phase: Phase::READY,
    }
}

#[cfg(feature = "account")]
fn destination(details: Option<&CodeDeliveryDetails>) -> Option<String> {
    details.and_then(|details| details.destination.clone())
}

/// The transitions of creating an account (only in the bundle that shows it).
#[cfg(feature = "account")]
pub(super) fn sign_up_step(screen: Screen, action: Action) -> Outcome {
    use Outcome::{Next, NotMine};
    match (screen, action) {
        (screen @ Screen::SignUp { .. }, Action::SubmitSignUp(form)) if screen.is_editing() => {
            if form.username.trim().is_empty() {
                return Next(screen.showing(Notice::EnterUsername), None);
            }
            if form
                .attributes
                .values()
                .any(|value| value.trim().is_empty())
            {
                return Next(screen.showing(Notice::FillEveryField), None);
            }
            let refusal = match (&screen, &form.password) {
                (_, Some(password)) if password.expose().is_empty() => Some(Notice::EnterPassword),
                (Screen::SignUp { checks, .. }, Some(_)) if checks.any_unmet() => {
                    Some(Notice::PasswordRulesUnmet)
                }
                (Screen::SignUp { checks, .. }, Some(_)) if !checks.matching => {
                    Some(Notice::PasswordsDiffer)
                }
                _ => None,
            };
            if let Some(notice) = refusal {
                return Next(screen.showing(notice), None);
            }
            Next(screen.waiting(), Some(Request::SignUp(form)))
        }
        (Screen::SignUp { flow, phase, .. }, Action::SignedUp(outcome, username))
            if phase.is_waiting() =>
        {
            match outcome {
                Ok(output) => match output.next_step {
                    SignUpStep::ConfirmSignUp {
                        code_delivery_details,
                    } => Next(
                        Screen::ConfirmSignUp {
                            flow,
                            username,
                            destination: destination(code_delivery_details.as_ref()),
                            phase: Phase::READY,
                        },
                        None,
                    ),
                    // Confirmed already (a pool that auto-confirms): signed in at once.
                    _ => Next(
                        Screen::ConfirmSignUp {
                            flow,
                            username,
                            destination: None,
                            phase: Phase::Waiting(None),
                        },
                        Some(Request::AutoSignIn),
                    ),
                },
                // Over the pool's quota of messages: the account exists, unconfirmed, and its
                // code can be asked for again later (AWS's SignUp reference says so).
                Err(error) if error.kind_name() == Some("LimitExceededException") => Next(
                    Screen::ConfirmSignUp {
                        flow,
                        username,
                        destination: None,
                        phase: Phase::READY,
                    }
                    .showing(Notice::SignUpCodeNotSent),
                    None,
                ),
                Err(error) => {
                    let screen = Screen::SignUp {
                        flow,
                        checks: PasswordChecks::default(),
                        visible: false,
                        phase,
                    };
                    Next(screen.showing(Notice::for_sign_up_error(&error)), None)
                }
            }
        }

        (screen @ Screen::ConfirmSignUp { .. }, Action::SubmitCode(code))
            if screen.is_editing() =>
        {
            let typed: String = code.expose_secret().split_whitespace().collect();
            if typed.is_empty() {
                return Next(screen.showing(Notice::EnterCode), None);
            }
            let username = username_of(&screen);
            Next(
                screen.waiting(),
                Some(Request::ConfirmSignUp {
                    username,
                    code: typed.into(),
                }),
            )
        }
        (screen @ Screen::ConfirmSignUp { .. }, Action::ResendCode) if screen.is_editing() => {
            let username = username_of(&screen);
            Next(screen.waiting(), Some(Request::ResendSignUpCode(username)))
        }
        (screen @ Screen::ConfirmSignUp { .. }, Action::CodeSent(outcome))
            if screen.is_waiting() =>
        {
            match outcome {
                Ok(_) => Next(screen.showing(Notice::NewCodeSent), None),
                Err(error) => Next(screen.showing(Notice::for_code_error(&error)), None),
            }
        }
        (screen @ Screen::ConfirmSignUp { .. }, Action::SignUpConfirmed(outcome))
            if screen.is_waiting() =>
        {
            match outcome {
                Ok(()) => Next(screen, Some(Request::AutoSignIn)),
                Err(error) => Next(screen.showing(Notice::for_code_error(&error)), None),
            }
        }

        (screen, action) => NotMine(screen, action),
    }
}

/// The transitions of resetting a password.
#[cfg(feature = "account")]
pub(super) fn reset_step(screen: Screen, action: Action) -> Outcome {
    use Outcome::{Next, NotMine};
    match (screen, action) {
        (screen @ Screen::ForgotPassword { .. }, Action::SubmitUsername(typed))
            if screen.is_editing() =>
        {
            let username = typed.trim().to_owned();
            if username.is_empty() {
                return Next(screen.showing(Notice::EnterUsername), None);
            }
            let Screen::ForgotPassword { flow, phase, .. } = screen else {
                unreachable!("matched above")
            };
            let screen = Screen::ForgotPassword {
                flow,
                username: username.clone(),
                phase: phase.to_waiting(),
            };
            Next(screen, Some(Request::ResetPassword(username)))
        }
        (
            Screen::ForgotPassword {
                flow,
                username,
                phase,
            },
            Action::ResetCodeSent(outcome),
        ) if phase.is_waiting() => match outcome {
            Ok(ResetPasswordStep::ConfirmResetPasswordWithCode {
                code_delivery_details,
            }) => Next(
                Screen::ResetPassword {
                    flow,
                    username,
                    destination: destination(code_delivery_details.as_ref()),
                    checks: PasswordChecks::default(),
                    visible: false,
                    // A reset a sign-in required still says why beside its code.
                    phase: if phase.is_waiting_with(&Notice::ResetRequired) {
                        Phase::READY.showing(Notice::ResetRequired)
                    } else {
                        Phase::READY
                    },
                },
                None,
            ),
            Ok(ResetPasswordStep::Done) => Next(
                super::step::start(flow, username, Some(Notice::PasswordChanged)),
                None,
            ),
            Err(error) => {
                let screen = Screen::ForgotPassword {
                    flow,
                    username,
                    phase,
                };
                Next(screen.showing(Notice::for_other_error(&error)), None)
            }
        },
        (screen @ Screen::ResetPassword { .. }, Action::SubmitReset { code, password })
            if screen.is_editing() =>
        {
            let code: String = code.expose_secret().split_whitespace().collect();
            let refusal = match &screen {
                _ if code.is_empty() => Some(Notice::EnterCode),
                _ if password.expose_secret().is_empty() => Some(Notice::EnterPassword),
                Screen::ResetPassword { checks, .. } if checks.any_unmet() => {
                    Some(Notice::PasswordRulesUnmet)
                }
                Screen::ResetPassword { checks, .. } if !checks.matching => {
                    Some(Notice::PasswordsDiffer)
                }
                _ => None,
            };
            if let Some(notice) = refusal {
                return Next(screen.showing(notice), None);
            }
            let username = username_of(&screen);
            Next(
                screen.waiting(),
                Some(Request::ResetPasswordAndSignIn {
                    username,
                    code: code.into(),
                    password: Secret(password),
                }),
            )
        }
        (screen @ Screen::ResetPassword { .. }, Action::ResendCode) if screen.is_editing() => {
            let username = username_of(&screen);
            Next(screen.waiting(), Some(Request::ResetPassword(username)))
        }
        (screen @ Screen::ResetPassword { .. }, Action::ResetCodeSent(outcome))
            if screen.is_waiting() =>
        {
            match outcome {
                Ok(_) => Next(screen.showing(Notice::NewCodeSent), None),
                Err(error) => Next(screen.showing(Notice::for_other_error(&error)), None),
            }
        }
        (screen, action) => NotMine(screen, action),
    }
}

#[cfg(feature = "account")]
fn username_of(screen: &Screen) -> String {
    match screen {
        Screen::ConfirmSignUp { username, .. }
        | Screen::ForgotPassword { username, .. }
        | Screen::ResetPassword { username, .. } => username.clone(),
        _ => String::new(),
    }
}

/// The notice for an error of the reset's last step (the code, or the new password).
#[cfg(feature = "account")]
pub(super) fn reset_error(error: &AuthError) -> Notice {
    match error.kind_name() {
        Some("CodeMismatchException") => Notice::WrongCode,
        Some("ExpiredCodeException") => Notice::CodeExpired,
        _ => Notice::for_other_error(error),
    }
}
