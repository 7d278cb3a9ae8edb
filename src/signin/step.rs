//! The transition table.

use cognito_auth::{
    AuthError, AuthFactor, AuthFlow, CodeDeliveryDetails, ConfirmSignInInput, ExposeSecret,
    MfaType, NextStep, ResetPasswordStep, SecretString, SignInInput, SignInOutput, SignUpOutput,
    TotpSetupDetails,
};

use super::account::{self, Page, SignUpForm};
use super::factors;
use super::screen::Phase;
use super::security::{self, Account, Change, TaskKind};
use super::{Notice, PasswordChecks, Screen, Who};

/// Something that happened: the person did something, or a request came back. What the person
/// typed into a secret field travels as a [`SecretString`], which `Debug` never prints.
#[derive(Clone, Debug)]
pub enum Action {
    /// The page started: the configuration (or what is wrong with it), the default flow, and
    /// what can be resumed.
    Started(Result<Start, String>),
    /// The person picked another flow (demo), with what the username field holds.
    ChooseFlow {
        /// The flow picked.
        flow: AuthFlow,
        /// The username typed so far (kept).
        typed: String,
    },
    /// What the username field holds, kept before the page is drawn again in another language
    /// (a field's value is otherwise put back to the screen's).
    KeepTyped(String),
    /// The username form was submitted.
    SubmitUsername(String),
    /// The password form was submitted.
    SubmitPassword(SecretString),
    /// The challenge answer was submitted.
    SubmitAnswer(SecretString),
    /// The new-password form was submitted.
    SubmitNewPassword(SecretString),
    /// The new-password fields changed: which rules hold now (never the password).
    NewPasswordTyped(PasswordChecks),
    /// Show the new passwords as text (`true`) or hide them.
    ShowPasswords(bool),
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
    /// The session ended in another tab of this browser (its tokens were removed).
    SignedOutElsewhere,
    /// Back to the first screen (cancel, the browser's Back button, or after an expired
    /// sign-in).
    StartOver,
    /// A first factor was chosen.
    ChooseFactor(AuthFactor),
    /// A one-time code was submitted.
    SubmitCode(SecretString),
    /// Send the code again.
    ResendCode,
    /// A second factor was chosen (to use, or to set up).
    ChooseMfa(MfaType),
    /// The e-mail address for MFA codes was submitted.
    SubmitEmail(String),
    /// Remember this device (`true`), or not now.
    RememberDevice(bool),
    /// The device was remembered.
    DeviceRemembered(Result<(), AuthError>),
    /// Add a passkey now.
    AddPasskey,
    /// Not now (remembered on this device).
    DeclinePasskey,
    /// The passkey was added.
    PasskeyAdded(Result<(), AuthError>),
    /// Go to a page (a link, or the browser's Back and Forward).
    Navigate(Page),
    /// The sign-up form was submitted.
    SubmitSignUp(SignUpForm),
    /// `sign_up` answered, for this username.
    SignedUp(Result<SignUpOutput, AuthError>, String),
    /// `confirm_sign_up` answered.
    SignUpConfirmed(Result<(), AuthError>),
    /// A code was sent again (sign-up, or an attribute's verification).
    CodeSent(Result<Option<CodeDeliveryDetails>, AuthError>),
    /// `reset_password` answered.
    ResetCodeSent(Result<ResetPasswordStep, AuthError>),
    /// The reset form was submitted: the code and the new password.
    SubmitReset {
        /// The code sent.
        code: SecretString,
        /// The new password.
        password: SecretString,
    },
    /// What the security page shows was loaded.
    AccountLoaded(Result<Account, AuthError>),
    /// A task of the security page starts.
    StartTask(TaskKind),
    /// The task is abandoned.
    CancelTask,
    /// An authenticator app's secret came (security page).
    AppSecret(Result<TotpSetupDetails, AuthError>),
    /// A change on the security page was asked for.
    Change(Change),
    /// It was made (or not); the notice to show when it was.
    Changed(Result<(), AuthError>, Notice),
}

/// What the page found when it started.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    /// The flow to offer first.
    pub flow: AuthFlow,
    /// A session or sign-in to carry on with.
    pub resume: Resume,
    /// What was typed into the username field that came with the HTML, before the page started.
    pub typed: String,
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
    /// The page was loaded at a page's address (sign-up, reset), or the security page's with
    /// someone signed in.
    Page(Page, Option<Who>),
    /// The page was loaded to reset this user's password, which a sign-in answered must be
    /// reset (the sign-in bundle hands that over to the bundle with the reset's pages).
    ResetRequired(String),
    /// The page was reloaded on the password step (nothing was sent yet).
    Password {
        /// Whose password.
        username: String,
        /// The flow chosen.
        flow: AuthFlow,
    },
}

/// What a group of transitions made of an action.
pub(super) enum Outcome {
    /// The next screen and request.
    Next(Screen, Option<Request>),
    /// Not an action of these screens: the screen and action, untouched.
    NotMine(Screen, Action),
}

/// A secret a request carries: `Debug` never prints it; compared by value (for tests of the
/// requests built).
#[derive(Clone, Debug)]
pub struct Secret(pub SecretString);

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.0.expose_secret() == other.0.expose_secret()
    }
}

impl Secret {
    /// The secret, to send.
    #[must_use]
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Self(text.into())
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Self {
        Self(text.into())
    }
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
    /// Remember this device (answers with [`Action::DeviceRemembered`]).
    RememberDevice,
    /// Register a passkey (answers with [`Action::PasskeyAdded`]).
    AddPasskey,
    /// Remember "Not now" for the passkey offer on this device (no answer).
    DeclinePasskey,
    /// `sign_up` (answers with [`Action::SignedUp`]).
    SignUp(SignUpForm),
    /// `confirm_sign_up` (answers with [`Action::SignUpConfirmed`]).
    ConfirmSignUp {
        /// The new account.
        username: String,
        /// The code.
        code: Secret,
    },
    /// `resend_sign_up_code` (answers with [`Action::CodeSent`]).
    ResendSignUpCode(String),
    /// `auto_sign_in` (answers with [`Action::SignInAnswered`]).
    AutoSignIn,
    /// `reset_password` (answers with [`Action::ResetCodeSent`]).
    ResetPassword(String),
    /// `confirm_reset_password`, then `sign_in` with the new password (answers with
    /// [`Action::SignInAnswered`]): one request, so the password is not kept between the two.
    ResetPasswordAndSignIn {
        /// Whose.
        username: String,
        /// The code sent.
        code: Secret,
        /// The new password.
        password: Secret,
    },
    /// Load what the security page shows (answers with [`Action::AccountLoaded`]).
    LoadAccount,
    /// An authenticator app's secret (answers with [`Action::AppSecret`]).
    SetUpApp,
    /// A code to verify the e-mail address (answers with [`Action::CodeSent`]).
    SendEmailCode,
    /// A change on the security page (answers with [`Action::Changed`]).
    Change(Change),
}

pub(super) fn start(flow: AuthFlow, username: String, notice: Option<Notice>) -> Screen {
    let screen = Screen::Username {
        flow,
        username,
        phase: Phase::READY,
    };
    match notice {
        Some(notice) => screen.showing(notice),
        None => screen,
    }
}

/// The password step: SRP's values are computed while the person types.
fn password(flow: AuthFlow, username: String) -> (Screen, Option<Request>) {
    let srp = matches!(
        flow,
        AuthFlow::UserSrpAuth | AuthFlow::CustomWithSrp | AuthFlow::UserAuth
    );
    let screen = Screen::Password {
        flow,
        username,
        phase: Phase::READY,
    };
    (screen, srp.then_some(Request::PrepareSrp))
}

/// The next screen, and the request to make, after `action` on `screen`. Actions that make no
/// sense on a screen (a late answer after "start over", a double submit) leave it unchanged.
#[must_use]
pub fn step(screen: Screen, action: Action) -> (Screen, Option<Request>) {
    let (mut screen, mut action) = (screen, action);
    // What is typed into a new password, on whichever screen asks for one.
    match action {
        Action::NewPasswordTyped(typed) => {
            if let Some((checks, _)) = screen.new_password_mut() {
                *checks = typed;
            }
            return (screen, None);
        }
        Action::ShowPasswords(shown) => {
            if let Some((_, visible)) = screen.new_password_mut() {
                *visible = shown;
            }
            return (screen, None);
        }
        Action::Navigate(page) => return navigate(screen, page),
        Action::KeepTyped(typed) => {
            if let Screen::Username { username, .. } | Screen::ForgotPassword { username, .. } =
                &mut screen
            {
                *username = typed;
            }
            return (screen, None);
        }
        _ => {}
    }
    // The screens of the pool's own flows, the pages for getting in, the security page (the
    // sign-in bundle never shows the last three: it loads their addresses instead).
    let transitions: &[fn(Screen, Action) -> Outcome] = &[
        factors::step,
        #[cfg(feature = "account")]
        account::reset_step,
        #[cfg(feature = "account")]
        account::sign_up_step,
        #[cfg(feature = "account")]
        security::step,
    ];
    for transitions in transitions {
        match transitions(screen, action) {
            Outcome::Next(next, request) => return (next, request),
            Outcome::NotMine(unchanged, untouched) => (screen, action) = (unchanged, untouched),
        }
    }
    match (screen, action) {
        (Screen::Starting { .. }, Action::Started(Err(message))) => {
            (Screen::ConfigProblem { message }, None)
        }
        (Screen::Starting { submitted }, Action::Started(Ok(found))) => {
            let typed = found.typed.clone();
            match resume(found) {
                // Continue was chosen before the page had started: it goes on now.
                (screen @ Screen::Username { .. }, None) if submitted => {
                    step(screen, Action::SubmitUsername(typed))
                }
                resumed => resumed,
            }
        }
        (Screen::Starting { .. }, Action::SubmitUsername(_)) => {
            (Screen::Starting { submitted: true }, None)
        }

        (screen @ Screen::Username { .. }, Action::ChooseFlow { flow, typed })
            if screen.is_editing() =>
        {
            (start(flow, typed, None), Some(Request::ForgetSignIn))
        }
        (screen @ Screen::Username { .. }, Action::SubmitUsername(typed))
            if screen.is_editing() =>
        {
            let username = typed.trim().to_owned();
            let flow = flow_of(&screen);
            if username.is_empty() {
                return (
                    start(flow, username, None).showing(Notice::EnterUsername),
                    None,
                );
            }
            match flow {
                AuthFlow::CustomWithoutSrp | AuthFlow::UserAuth => {
                    // USER_AUTH is sent with the configuration's preferred first factor, if any
                    // (the effects layer knows the configuration).
                    let input = if flow == AuthFlow::UserAuth {
                        SignInInput::user_auth(&username, None)
                    } else {
                        SignInInput::passwordless(&username)
                    };
                    let screen = Screen::Username {
                        flow,
                        username,
                        phase: screen.phase().map_or(Phase::READY, Phase::to_waiting),
                    };
                    (screen, Some(Request::SignIn(input)))
                }
                _ => password(flow, username),
            }
        }
        (screen @ Screen::Password { .. }, Action::SubmitPassword(password))
            if screen.is_editing() =>
        {
            if password.expose_secret().is_empty() {
                return (screen.showing(Notice::EnterPassword), None);
            }
            // USER_AUTH's password step answers the sign-in under way.
            if flow_of(&screen) == AuthFlow::UserAuth {
                let request = Request::ConfirmSignIn(ConfirmSignInInput {
                    challenge_response: password,
                    ..ConfirmSignInInput::default()
                });
                return (screen.waiting(), Some(request));
            }
            let input = SignInInput {
                username: username_of(&screen),
                password: Some(password),
                ..SignInInput::default()
            }
            .flow(flow_of(&screen));
            (screen.waiting(), Some(Request::SignIn(input)))
        }
        (screen @ Screen::Challenge { .. }, Action::SubmitAnswer(answer))
            if screen.is_editing() =>
        {
            let answer = answer.expose_secret().trim();
            if answer.is_empty() {
                return (screen.showing(Notice::EnterAnswer), None);
            }
            let request = Request::ConfirmSignIn(ConfirmSignInInput::answer(answer));
            (screen.waiting(), Some(request))
        }
        (screen @ Screen::NewPassword { .. }, Action::SubmitNewPassword(password))
            if screen.is_editing() =>
        {
            let refusal = match &screen {
                _ if password.expose_secret().is_empty() => Some(Notice::EnterPassword),
                Screen::NewPassword { checks, .. } if checks.any_unmet() => {
                    Some(Notice::PasswordRulesUnmet)
                }
                Screen::NewPassword { checks, .. }
                    if !checks.met.is_empty() && !checks.matching =>
                {
                    Some(Notice::PasswordsDiffer)
                }
                _ => None,
            };
            if let Some(notice) = refusal {
                return (screen.showing(notice), None);
            }
            let request = Request::ConfirmSignIn(ConfirmSignInInput {
                challenge_response: password,
                ..ConfirmSignInInput::default()
            });
            (screen.waiting(), Some(request))
        }

        (screen, Action::SignInAnswered(answer)) if screen.is_waiting() => answered(screen, answer),
        (screen, Action::SessionLoaded(loaded)) if screen.is_waiting() => match loaded {
            Ok(Some(who)) => (factors::after_sign_in(who, flow_of(&screen)), None),
            Ok(None) => (
                start(flow_of(&screen), String::new(), Some(Notice::Expired)),
                None,
            ),
            Err(error) => back_with(screen, Notice::for_other_error(&error)),
        },

        (screen @ Screen::SignedIn { .. }, Action::SignOut { everywhere })
            if screen.is_editing() =>
        {
            (screen.waiting(), Some(Request::SignOut { everywhere }))
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
                Err(error) => (screen.showing(Notice::for_other_error(&error)), None),
            }
        }
        (screen @ Screen::SignedIn { .. }, Action::SignedOutElsewhere) => (
            start(
                flow_of(&screen),
                username_of(&screen),
                Some(Notice::SignedOutElsewhere),
            ),
            None,
        ),

        (screen, Action::StartOver) if screen.is_mid_sign_in() => (
            start(flow_of(&screen), username_of(&screen), None),
            Some(Request::ForgetSignIn),
        ),
        (screen, _) => (screen, None),
    }
}

/// A sign-in answered that the password must be reset: the reset is the way in, and its code
/// is asked for straight away.
fn reset_required(flow: AuthFlow, username: String) -> (Screen, Option<Request>) {
    (
        account::forgot_password_screen(flow, username.clone())
            .showing(Notice::ResetRequired)
            .waiting(),
        Some(Request::ResetPassword(username)),
    )
}

fn resume(found: Start) -> (Screen, Option<Request>) {
    match found.resume {
        Resume::Page(Page::SignUp, None) => (account::sign_up_screen(found.flow), None),
        Resume::Page(Page::ForgotPassword, None) => (
            account::forgot_password_screen(found.flow, found.typed),
            None,
        ),
        Resume::Page(Page::Security, Some(who)) => security::security_screen(who, found.flow),
        Resume::Page(_, Some(who)) => (factors::after_sign_in(who, found.flow), None),
        Resume::Page(_, None) => (start(found.flow, found.typed, None), None),
        Resume::Nothing => (start(found.flow, found.typed, None), None),
        Resume::SignedIn(who) => (
            Screen::SignedIn {
                who,
                flow: found.flow,
                phase: Phase::READY,
            },
            None,
        ),
        Resume::Step {
            username,
            next_step,
        } => {
            let before = Screen::Starting { submitted: false };
            match next_step {
                NextStep::ConfirmSignInWithPassword => password(AuthFlow::UserAuth, username),
                next_step => match factors::screen_for(
                    &before,
                    found.flow,
                    username.clone(),
                    next_step.clone(),
                )
                .or_else(|| next_screen(found.flow, username.clone(), next_step))
                {
                    Some(screen) => (screen, None),
                    None => (start(found.flow, username, None), None),
                },
            }
        }
        Resume::Password { username, flow } => password(flow, username),
        Resume::ResetRequired(username) => reset_required(found.flow, username),
    }
}

/// The screen for a step Cognito asked for, if this page offers it.
fn next_screen(flow: AuthFlow, username: String, next_step: NextStep) -> Option<Screen> {
    match next_step {
        NextStep::ConfirmSignInWithCustomChallenge { additional_info } => Some(Screen::Challenge {
            flow,
            username,
            additional_info,
            phase: Phase::READY,
        }),
        NextStep::ConfirmSignInWithNewPasswordRequired { missing_attributes } => {
            Some(Screen::NewPassword {
                flow,
                username,
                missing_attributes,
                checks: PasswordChecks::default(),
                visible: false,
                phase: Phase::READY,
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
                Screen::NewPassword { .. } | Screen::ConfirmSignUp { .. } => {
                    Notice::for_other_error(&error)
                }
                #[cfg(feature = "account")]
                Screen::ResetPassword { .. } => account::reset_error(&error),
                Screen::Username {
                    flow: AuthFlow::CustomWithoutSrp | AuthFlow::UserAuth,
                    ..
                } => Notice::for_passwordless_error(&error),
                screen => factors::notice_for(screen, &error)
                    .unwrap_or_else(|| Notice::for_password_error(&error)),
            };
            if notice == Notice::CodeExpired {
                return factors::resend_expired(screen);
            }
            return back_with(screen, notice);
        }
    };
    let username = username_of(&screen);
    match output.next_step {
        NextStep::Done => (screen, Some(Request::LoadSession)),
        NextStep::ResetPassword => reset_required(flow_of(&screen), username),
        NextStep::ConfirmSignUp => (
            start(flow_of(&screen), username, Some(Notice::NotConfirmed)),
            None,
        ),
        NextStep::ConfirmSignInWithPassword => password(AuthFlow::UserAuth, username),
        next_step => {
            let flow = flow_of(&screen);
            if let Some(next) =
                factors::screen_for(&screen, flow, username.clone(), next_step.clone())
            {
                // A code sent again keeps the code screen, saying so.
                let next = match factors::code_notice(&screen) {
                    Some(notice) if matches!(next, Screen::Code { .. }) => next.showing(notice),
                    _ => next,
                };
                // One way to sign in: it is taken without asking.
                if let Some(factor) = factors::only_factor(&next) {
                    return step(next, Action::ChooseFactor(factor));
                }
                return (next, None);
            }
            // A new challenge after an answer means the answer was wrong and Define let the
            // person try again.
            let wrong_answer = matches!(screen, Screen::Challenge { .. });
            match next_screen(flow, username.clone(), next_step) {
                Some(next) if wrong_answer => {
                    // Counted with the notice the previous picture had, so repeats show.
                    let phase = screen.phase().map_or(Phase::READY, |phase| {
                        phase.showing(Notice::WrongAnswerTryAgain)
                    });
                    (next.with_phase(phase), None)
                }
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
    let over = matches!(
        notice,
        Notice::Expired | Notice::WrongAnswerStartAgain | Notice::WrongCodeStartAgain
    );
    // The password step of USER_AUTH is answered within the sign-in, like the steps after it.
    let answered_within = screen.is_mid_sign_in()
        && !matches!(screen, Screen::Password { flow, .. } if flow != AuthFlow::UserAuth);
    if over && answered_within {
        return (
            start(flow_of(&screen), username_of(&screen), Some(notice)),
            Some(Request::ForgetSignIn),
        );
    }
    (screen.showing(notice), None)
}

/// The sign-in flow a screen carries (what starting again starts with).
#[must_use]
pub fn flow_of(screen: &Screen) -> AuthFlow {
    match screen {
        Screen::Username { flow, .. }
        | Screen::Password { flow, .. }
        | Screen::Challenge { flow, .. }
        | Screen::NewPassword { flow, .. }
        | Screen::Code { flow, .. }
        | Screen::ChooseMfa { flow, .. }
        | Screen::TotpSetup { flow, .. }
        | Screen::EmailSetup { flow, .. }
        | Screen::RememberDevice { flow, .. }
        | Screen::OfferPasskey { flow, .. }
        | Screen::SignUp { flow, .. }
        | Screen::ConfirmSignUp { flow, .. }
        | Screen::ForgotPassword { flow, .. }
        | Screen::ResetPassword { flow, .. }
        | Screen::Security { flow, .. }
        | Screen::SignedIn { flow, .. } => *flow,
        Screen::ChooseFactor { .. } => AuthFlow::UserAuth,
        Screen::Starting { .. } | Screen::ConfigProblem { .. } => AuthFlow::default(),
    }
}

fn username_of(screen: &Screen) -> String {
    match screen {
        Screen::Username { username, .. }
        | Screen::Password { username, .. }
        | Screen::Challenge { username, .. }
        | Screen::NewPassword { username, .. }
        | Screen::ChooseFactor { username, .. }
        | Screen::Code { username, .. }
        | Screen::ChooseMfa { username, .. }
        | Screen::TotpSetup { username, .. }
        | Screen::EmailSetup { username, .. }
        | Screen::ConfirmSignUp { username, .. }
        | Screen::ForgotPassword { username, .. }
        | Screen::ResetPassword { username, .. } => username.clone(),
        Screen::SignUp { .. } => String::new(),
        Screen::SignedIn { who, .. }
        | Screen::Security { who, .. }
        | Screen::RememberDevice { who, .. }
        | Screen::OfferPasskey { who, .. } => who.username.clone(),
        Screen::Starting { .. } | Screen::ConfigProblem { .. } => String::new(),
    }
}

/// Who is signed in, on a screen of a signed-in person.
fn signed_in_who(screen: &Screen) -> Option<Who> {
    match screen {
        Screen::SignedIn { who, .. }
        | Screen::Security { who, .. }
        | Screen::RememberDevice { who, .. }
        | Screen::OfferPasskey { who, .. } => Some(who.clone()),
        _ => None,
    }
}

/// Going to a page: by a link, or by the browser's Back and Forward. A sign-in under way is
/// left (and forgotten); a signed-in person goes to the security page or back to "signed in",
/// and is not shown the pages for getting in.
fn navigate(screen: Screen, page: Page) -> (Screen, Option<Request>) {
    if screen.is_waiting() {
        return (screen, None);
    }
    let flow = flow_of(&screen);
    let forget = screen.is_mid_sign_in().then_some(Request::ForgetSignIn);
    match (signed_in_who(&screen), page) {
        (Some(who), Page::Security) => match screen {
            screen @ Screen::Security { .. } => (screen, None),
            _ => security::security_screen(who, flow),
        },
        (Some(who), _) => match screen {
            screen @ Screen::SignedIn { .. } => (screen, None),
            _ => (
                Screen::SignedIn {
                    who,
                    flow,
                    phase: Phase::READY,
                },
                None,
            ),
        },
        (None, Page::SignUp) => match screen {
            screen @ Screen::SignUp { .. } => (screen, None),
            _ => (account::sign_up_screen(flow), forget),
        },
        (None, Page::ForgotPassword) => match screen {
            screen @ Screen::ForgotPassword { .. } => (screen, None),
            screen => (
                account::forgot_password_screen(flow, username_of(&screen)),
                forget,
            ),
        },
        (None, Page::SignIn | Page::Security) => match screen {
            screen @ Screen::Username { .. } => (screen, None),
            screen => (start(flow, username_of(&screen), None), forget),
        },
    }
}
