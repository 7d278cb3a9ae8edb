//! The transition table.

use cognito_auth::{
    AuthError, AuthFlow, ConfirmSignInInput, ExposeSecret, NextStep, SecretString, SignInInput,
    SignInOutput,
};

use super::screen::Phase;
use super::{Notice, Screen, Who};

/// Something that happened: the person did something, or a request came back. What the person
/// typed into a secret field travels as a [`SecretString`], which `Debug` never prints.
#[derive(Clone, Debug)]
pub enum Action {
    /// The page started: the configuration (or what is wrong with it), the default flow, and
    /// what can be resumed.
    Started(Result<Start, String>),
    /// The person picked another flow (demo).
    ChooseFlow(AuthFlow),
    /// The username form was submitted.
    SubmitUsername(String),
    /// The password form was submitted.
    SubmitPassword(SecretString),
    /// The challenge answer was submitted.
    SubmitAnswer(SecretString),
    /// The new-password form was submitted.
    SubmitNewPassword(SecretString),
    /// `sign_in` or `confirm_sign_in` answered.
    SignInAnswered(Result<SignInOutput, AuthError>),
    /// The session was read after signing in.
    SessionLoaded(Result<Option<Who>, AuthError>),
    /// Sign out here, or everywhere.
    SignOut {
        /// `GlobalSignOut` rather than this device only.
        everywhere: bool,
    },
    /// Signing out finished.
    SignedOut(Result<(), AuthError>),
    /// Back to the first screen (cancel, or after an expired sign-in).
    StartOver,
}

/// What the page found when it started.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    /// The flow to offer first.
    pub flow: AuthFlow,
    /// A session or sign-in to carry on with.
    pub resume: Resume,
}

/// A session or sign-in in progress found at start-up.
#[derive(Clone, Debug, PartialEq)]
pub enum Resume {
    /// Nothing: start at the username form.
    Nothing,
    /// Someone is signed in.
    SignedIn(Who),
    /// A sign-in is waiting for its next step (within its 3 minutes).
    Step {
        /// Who is signing in.
        username: String,
        /// The step.
        next_step: NextStep,
    },
}

/// I/O for the effects layer; its outcome comes back as an [`Action`].
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// `sign_in` (answers with [`Action::SignInAnswered`]).
    SignIn(SignInInput),
    /// `confirm_sign_in` (answers with [`Action::SignInAnswered`]).
    ConfirmSignIn(ConfirmSignInInput),
    /// `fetch_session` (answers with [`Action::SessionLoaded`]).
    LoadSession,
    /// `sign_out` / `sign_out_global` (answers with [`Action::SignedOut`]).
    SignOut {
        /// Global.
        everywhere: bool,
    },
    /// Forget an in-flight sign-in (no answer).
    ForgetSignIn,
    /// Compute the SRP values that do not depend on the password while it is being typed
    /// (no answer).
    PrepareSrp,
}

fn editing(notice: Notice) -> Phase {
    Phase::Editing(Some(notice))
}

fn start(flow: AuthFlow, username: String, notice: Option<Notice>) -> Screen {
    Screen::Username {
        flow,
        username,
        phase: Phase::Editing(notice),
    }
}

/// The next screen, and the request to make, after `action` on `screen`. Actions that make no
/// sense on a screen (a late answer after "start over", a double submit) leave it unchanged.
#[must_use]
pub fn step(screen: Screen, action: Action) -> (Screen, Option<Request>) {
    match (screen, action) {
        (Screen::Starting, Action::Started(Err(message))) => {
            (Screen::ConfigProblem { message }, None)
        }
        (Screen::Starting, Action::Started(Ok(found))) => (resume(found), None),

        (
            Screen::Username {
                username,
                phase: Phase::Editing(_),
                ..
            },
            Action::ChooseFlow(flow),
        ) => (start(flow, username, None), Some(Request::ForgetSignIn)),
        (
            Screen::Username {
                flow,
                phase: Phase::Editing(_),
                ..
            },
            Action::SubmitUsername(typed),
        ) => {
            let username = typed.trim().to_owned();
            if username.is_empty() {
                return (start(flow, username, Some(Notice::EnterUsername)), None);
            }
            match flow {
                AuthFlow::CustomWithoutSrp => (
                    Screen::Username {
                        flow,
                        username: username.clone(),
                        phase: Phase::Waiting,
                    },
                    Some(Request::SignIn(SignInInput::passwordless(&username))),
                ),
                _ => {
                    let srp = matches!(flow, AuthFlow::UserSrpAuth | AuthFlow::CustomWithSrp);
                    let screen = Screen::Password {
                        flow,
                        username,
                        phase: Phase::Editing(None),
                    };
                    (screen, srp.then_some(Request::PrepareSrp))
                }
            }
        }
        (screen @ Screen::Password { .. }, Action::SubmitPassword(password))
            if screen.is_editing() =>
        {
            if password.expose_secret().is_empty() {
                return (screen.with_phase(editing(Notice::EnterPassword)), None);
            }
            let input = SignInInput {
                username: username_of(&screen),
                password: Some(password),
                ..SignInInput::default()
            }
            .flow(flow_of(&screen));
            (
                screen.with_phase(Phase::Waiting),
                Some(Request::SignIn(input)),
            )
        }
        (screen @ Screen::Challenge { .. }, Action::SubmitAnswer(answer))
            if screen.is_editing() =>
        {
            let answer = answer.expose_secret().trim();
            if answer.is_empty() {
                return (screen.with_phase(editing(Notice::EnterAnswer)), None);
            }
            let request = Request::ConfirmSignIn(ConfirmSignInInput::answer(answer));
            (screen.with_phase(Phase::Waiting), Some(request))
        }
        (screen @ Screen::NewPassword { .. }, Action::SubmitNewPassword(password))
            if screen.is_editing() =>
        {
            if password.expose_secret().is_empty() {
                return (screen.with_phase(editing(Notice::EnterPassword)), None);
            }
            let request = Request::ConfirmSignIn(ConfirmSignInInput {
                challenge_response: password,
                ..ConfirmSignInInput::default()
            });
            (screen.with_phase(Phase::Waiting), Some(request))
        }

        (screen, Action::SignInAnswered(answer)) if screen.is_waiting() => answered(screen, answer),
        (screen, Action::SessionLoaded(loaded)) if screen.is_waiting() => match loaded {
            Ok(Some(who)) => (
                Screen::SignedIn {
                    who,
                    flow: flow_of(&screen),
                    phase: Phase::Editing(None),
                },
                None,
            ),
            Ok(None) => (
                start(flow_of(&screen), String::new(), Some(Notice::Expired)),
                None,
            ),
            Err(error) => back_with(screen, Notice::for_other_error(&error)),
        },

        (screen @ Screen::SignedIn { .. }, Action::SignOut { everywhere })
            if screen.is_editing() =>
        {
            (
                screen.with_phase(Phase::Waiting),
                Some(Request::SignOut { everywhere }),
            )
        }
        (screen @ Screen::SignedIn { .. }, Action::SignedOut(outcome)) if screen.is_waiting() => {
            match outcome {
                // Signed out here even if the revocation could not be sent: the tokens are gone.
                Ok(()) | Err(AuthError::Network(_)) => (
                    start(
                        flow_of(&screen),
                        username_of(&screen),
                        Some(Notice::SignedOut),
                    ),
                    None,
                ),
                Err(error) => (
                    screen.with_phase(editing(Notice::for_other_error(&error))),
                    None,
                ),
            }
        }

        (
            screen @ (Screen::Password { .. }
            | Screen::Challenge { .. }
            | Screen::NewPassword { .. }),
            Action::StartOver,
        ) => (
            start(flow_of(&screen), username_of(&screen), None),
            Some(Request::ForgetSignIn),
        ),
        (screen, _) => (screen, None),
    }
}

fn resume(found: Start) -> Screen {
    match found.resume {
        Resume::Nothing => start(found.flow, String::new(), None),
        Resume::SignedIn(who) => Screen::SignedIn {
            who,
            flow: found.flow,
            phase: Phase::Editing(None),
        },
        Resume::Step {
            username,
            next_step,
        } => match next_screen(found.flow, username.clone(), next_step, None) {
            Some(screen) => screen,
            None => start(found.flow, username, None),
        },
    }
}

/// The screen for a step Cognito asked for, if this page offers it.
fn next_screen(
    flow: AuthFlow,
    username: String,
    next_step: NextStep,
    notice: Option<Notice>,
) -> Option<Screen> {
    match next_step {
        NextStep::ConfirmSignInWithCustomChallenge { additional_info } => Some(Screen::Challenge {
            flow,
            username,
            additional_info,
            phase: Phase::Editing(notice),
        }),
        NextStep::ConfirmSignInWithNewPasswordRequired { missing_attributes } => {
            Some(Screen::NewPassword {
                flow,
                username,
                missing_attributes,
                phase: Phase::Editing(notice),
            })
        }
        NextStep::ConfirmSignInWithSmsCode | NextStep::ConfirmSignInWithTotpCode => {
            let prompt = if next_step == NextStep::ConfirmSignInWithSmsCode {
                "Enter the code we sent you by text message."
            } else {
                "Enter the code from your authenticator app."
            };
            let additional_info = [("prompt".to_owned(), prompt.to_owned())].into();
            Some(Screen::Challenge {
                flow,
                username,
                additional_info,
                phase: Phase::Editing(notice),
            })
        }
        _ => None,
    }
}

fn answered(screen: Screen, answer: Result<SignInOutput, AuthError>) -> (Screen, Option<Request>) {
    let output = match answer {
        Ok(output) => output,
        Err(AuthError::UserAlreadyAuthenticated) => return (screen, Some(Request::LoadSession)),
        Err(error) => {
            let notice = match &screen {
                Screen::Challenge { .. } => Notice::for_answer_error(&error),
                Screen::NewPassword { .. } => Notice::for_other_error(&error),
                _ => Notice::for_password_error(&error),
            };
            return back_with(screen, notice);
        }
    };
    let username = username_of(&screen);
    match output.next_step {
        NextStep::Done => (screen, Some(Request::LoadSession)),
        NextStep::ResetPassword => (
            start(flow_of(&screen), username, Some(Notice::ResetRequired)),
            None,
        ),
        NextStep::ConfirmSignUp => (
            start(flow_of(&screen), username, Some(Notice::NotConfirmed)),
            None,
        ),
        next_step => {
            // A new challenge after an answer means the answer was wrong and Define let the
            // person try again.
            let notice =
                matches!(screen, Screen::Challenge { .. }).then_some(Notice::WrongAnswerTryAgain);
            match next_screen(flow_of(&screen), username.clone(), next_step, notice) {
                Some(next) => (next, None),
                None => (
                    start(flow_of(&screen), username, Some(Notice::UnsupportedStep)),
                    Some(Request::ForgetSignIn),
                ),
            }
        }
    }
}

/// After an error: the same screen's form with the notice — or, when the sign-in is over
/// (expired, a wrong answer that ended it), the first screen.
fn back_with(screen: Screen, notice: Notice) -> (Screen, Option<Request>) {
    let over = matches!(notice, Notice::Expired | Notice::WrongAnswerStartAgain);
    match screen {
        Screen::Challenge { flow, username, .. } | Screen::NewPassword { flow, username, .. }
            if over =>
        {
            (
                start(flow, username, Some(notice)),
                Some(Request::ForgetSignIn),
            )
        }
        screen => (screen.with_phase(editing(notice)), None),
    }
}

fn flow_of(screen: &Screen) -> AuthFlow {
    match screen {
        Screen::Username { flow, .. }
        | Screen::Password { flow, .. }
        | Screen::Challenge { flow, .. }
        | Screen::NewPassword { flow, .. }
        | Screen::SignedIn { flow, .. } => *flow,
        Screen::Starting | Screen::ConfigProblem { .. } => AuthFlow::default(),
    }
}

fn username_of(screen: &Screen) -> String {
    match screen {
        Screen::Username { username, .. }
        | Screen::Password { username, .. }
        | Screen::Challenge { username, .. }
        | Screen::NewPassword { username, .. } => username.clone(),
        Screen::SignedIn { who, .. } => who.username.clone(),
        Screen::Starting | Screen::ConfigProblem { .. } => String::new(),
    }
}
