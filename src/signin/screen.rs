//! One variant per screen, each carrying exactly its data.

use cognito_auth::{AuthFactor, AuthFlow, MfaType, StringMap, TotpSetupDetails};

use super::{Account, Notice, PasswordChecks, Task};

/// A notice, and how many times in a row it has been the outcome (so that the fifth identical
/// failure does not look like nothing happened).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// What to tell the person.
    pub notice: Notice,
    /// 1 the first time, 2 when the same outcome comes again, ….
    pub times: u32,
}

/// Whether a screen waits for Cognito or shows its form (with at most one notice).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// The form is usable; the notice explains the last outcome, if any.
    Editing(Option<Shown>),
    /// A request is on its way; the form is disabled and a busy indicator shows. Keeps what was
    /// shown before, to tell a repeated outcome.
    Waiting(Option<Shown>),
}

impl Phase {
    /// The form, with nothing to say.
    pub const READY: Self = Self::Editing(None);

    /// The notice shown, if any.
    #[must_use]
    pub fn notice(&self) -> Option<&Notice> {
        match self {
            Self::Editing(Some(shown)) => Some(&shown.notice),
            _ => None,
        }
    }

    /// Whether a request is on its way.
    #[must_use]
    pub fn is_waiting(&self) -> bool {
        matches!(self, Self::Waiting(_))
    }

    /// Whether a request is on its way from a form showing `notice` (a reset a sign-in required
    /// waits for its code so).
    #[must_use]
    pub fn is_waiting_with(&self, notice: &Notice) -> bool {
        matches!(self, Self::Waiting(Some(shown)) if shown.notice == *notice)
    }

    /// Waiting, remembering what was shown.
    #[must_use]
    pub fn to_waiting(&self) -> Self {
        match self {
            Self::Editing(shown) | Self::Waiting(shown) => Self::Waiting(shown.clone()),
        }
    }

    /// The form again, showing `notice` (counted as a repeat when it is what was shown before).
    #[must_use]
    pub fn showing(&self, notice: Notice) -> Self {
        let (Self::Editing(before) | Self::Waiting(before)) = self;
        let times = match before {
            Some(shown) if shown.notice == notice => shown.times.saturating_add(1),
            _ => 1,
        };
        Self::Editing(Some(Shown { notice, times }))
    }
}

/// What to offer once signed in, found when the session is loaded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Offers {
    /// This device was just confirmed and the pool lets the person choose to remember it.
    pub remember_device: bool,
    /// The pool offers passkeys, the person has none, and did not say "Not now" on this device.
    pub add_passkey: bool,
}

/// Where a code was sent, or that it comes from an authenticator app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeSource {
    /// By e-mail, to the (masked) address.
    Email(Option<String>),
    /// By text message, to the (masked) number.
    Sms(Option<String>),
    /// An authenticator app.
    App,
}

/// Who is signed in, from the ID token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Who {
    /// `cognito:username`.
    pub username: String,
    /// `name`, if the pool has it.
    pub name: Option<String>,
    /// `email`, if the pool has it.
    pub email: Option<String>,
    /// When the session's tokens expire (Unix seconds).
    pub expires_at: i64,
    /// What to offer now that they are signed in.
    pub offers: Offers,
}

/// The screen shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Reading the configuration; looking for a session or sign-in to resume. Shows the username
    /// form already (it came with the HTML), keeping what is typed.
    Starting {
        /// The form was submitted before the page had started: it goes on once started.
        submitted: bool,
    },
    /// The configuration is missing or wrong: nothing else can work.
    ConfigProblem {
        /// What is wrong, for the person deploying the page.
        message: String,
    },
    /// Who is signing in, and how.
    Username {
        /// The flow that will be used.
        flow: AuthFlow,
        /// The last username submitted (to pre-fill the field).
        username: String,
        /// Form or waiting.
        phase: Phase,
    },
    /// The password.
    Password {
        /// The flow.
        flow: AuthFlow,
        /// Whose password.
        username: String,
        /// Form or waiting.
        phase: Phase,
    },
    /// A custom challenge: a CAPTCHA picture, or a generic prompt and answer.
    Challenge {
        /// The flow (to start again with it).
        flow: AuthFlow,
        /// Who is answering.
        username: String,
        /// The challenge's public parameters (`captchaUrl`, `prompt`, `attemptsLeft`, …).
        additional_info: StringMap,
        /// Form or waiting.
        phase: Phase,
    },
    /// An administrator-created user chooses a password.
    NewPassword {
        /// The flow (to start again with it).
        flow: AuthFlow,
        /// Who.
        username: String,
        /// Attributes the pool also requires.
        missing_attributes: Vec<String>,
        /// Which of the pool's rules the new password meets, and whether the confirmation
        /// matches (from what is typed; never the password itself).
        checks: PasswordChecks,
        /// Whether the passwords show as text.
        visible: bool,
        /// Form or waiting.
        phase: Phase,
    },
    /// How to sign in, among what the pool offers this person (`USER_AUTH`).
    ChooseFactor {
        /// Who is signing in.
        username: String,
        /// The factors, in the order a person would pick them (one password entry).
        factors: Vec<AuthFactor>,
        /// Form or waiting.
        phase: Phase,
    },
    /// A one-time code: sent by e-mail or text message (a first factor or MFA), or from an
    /// authenticator app.
    Code {
        /// The flow (to start again with it).
        flow: AuthFlow,
        /// Who is signing in.
        username: String,
        /// Where the code comes from.
        source: CodeSource,
        /// A first factor (then a new code can be asked for), rather than MFA.
        first_factor: bool,
        /// Form or waiting.
        phase: Phase,
    },
    /// Choose the second factor to use, or (`setting_up`) to set up.
    ChooseMfa {
        /// The flow (to start again with it).
        flow: AuthFlow,
        /// Who is signing in.
        username: String,
        /// What the person may choose.
        choices: Vec<MfaType>,
        /// MFA is required and none is set up yet.
        setting_up: bool,
        /// Form or waiting.
        phase: Phase,
    },
    /// Add this secret to an authenticator app (QR code and text), then enter its code. The
    /// secret is held only while this screen shows.
    TotpSetup {
        /// The flow (to start again with it).
        flow: AuthFlow,
        /// Who is signing in (the account name in the app).
        username: String,
        /// The secret.
        details: TotpSetupDetails,
        /// Form or waiting.
        phase: Phase,
    },
    /// The e-mail address that MFA codes should go to.
    EmailSetup {
        /// The flow (to start again with it).
        flow: AuthFlow,
        /// Who is signing in.
        username: String,
        /// Form or waiting.
        phase: Phase,
    },
    /// Signed in on a new device: remember it (no second factor here next time)?
    RememberDevice {
        /// Who.
        who: Who,
        /// The flow to offer after signing out.
        flow: AuthFlow,
        /// Form or waiting.
        phase: Phase,
    },
    /// Signed in without a passkey: add one?
    OfferPasskey {
        /// Who.
        who: Who,
        /// The flow to offer after signing out.
        flow: AuthFlow,
        /// Form or waiting.
        phase: Phase,
    },
    /// Create an account: username, the attributes the pool requires, a password (unless the
    /// pool signs people in without one).
    SignUp {
        /// The flow to sign in with afterwards.
        flow: AuthFlow,
        /// Which rules the password meets, and whether its confirmation matches.
        checks: PasswordChecks,
        /// Whether the passwords show as text.
        visible: bool,
        /// Form or waiting.
        phase: Phase,
    },
    /// The code sent to confirm a new account.
    ConfirmSignUp {
        /// The flow to sign in with afterwards.
        flow: AuthFlow,
        /// The new account.
        username: String,
        /// Where the code went (masked).
        destination: Option<String>,
        /// Form or waiting.
        phase: Phase,
    },
    /// Reset a forgotten password: whose.
    ForgotPassword {
        /// The flow to sign in with afterwards.
        flow: AuthFlow,
        /// Pre-filled username.
        username: String,
        /// Form or waiting.
        phase: Phase,
    },
    /// The code sent, and the new password.
    ResetPassword {
        /// The flow to sign in with afterwards.
        flow: AuthFlow,
        /// Whose password.
        username: String,
        /// Where the code went (masked).
        destination: Option<String>,
        /// Which rules the new password meets.
        checks: PasswordChecks,
        /// Whether the passwords show as text.
        visible: bool,
        /// Form or waiting.
        phase: Phase,
    },
    /// The signed-in security page.
    Security {
        /// Who.
        who: Who,
        /// The flow to offer after signing out.
        flow: AuthFlow,
        /// What it shows, once loaded.
        account: Option<Account>,
        /// A task under way.
        task: Option<Task>,
        /// Usable, or waiting for the pool.
        phase: Phase,
    },
    /// Signed in.
    SignedIn {
        /// Who.
        who: Who,
        /// The flow to offer after signing out.
        flow: AuthFlow,
        /// Usable, or signing out.
        phase: Phase,
    },
}

impl Default for Screen {
    fn default() -> Self {
        Self::Starting { submitted: false }
    }
}

impl Screen {
    /// The URL path of this screen (reloading it lands back here).
    #[must_use]
    pub fn path(&self) -> &'static str {
        match self {
            Self::Starting { .. } | Self::ConfigProblem { .. } | Self::Username { .. } => "/",
            Self::Password { .. } => "/password",
            Self::Challenge { .. } => "/challenge",
            Self::NewPassword { .. } => "/new-password",
            Self::ChooseFactor { .. } => "/choose",
            Self::Code { .. } => "/code",
            Self::ChooseMfa { .. } => "/mfa",
            Self::TotpSetup { .. } => "/authenticator-app",
            Self::EmailSetup { .. } => "/mfa-email",
            Self::RememberDevice { .. } => "/remember-device",
            Self::OfferPasskey { .. } => "/add-passkey",
            Self::SignUp { .. } => "/sign-up",
            Self::ConfirmSignUp { .. } => "/confirm-sign-up",
            Self::ForgotPassword { .. } => "/forgot-password",
            Self::ResetPassword { .. } => "/reset-password",
            Self::Security { .. } => "/account",
            Self::SignedIn { .. } => "/signed-in",
        }
    }

    /// What identifies the step shown: its path, and for a challenge its parameters too, since
    /// a new challenge (a new picture) is a new step on the same screen.
    ///
    /// The parameters are a hash map, whose order is not defined: each is hashed on its own
    /// (FNV-1a, name and value) and the hashes added, so equal challenges give equal keys.
    #[must_use]
    pub fn step_key(&self) -> String {
        match self {
            Self::Challenge {
                additional_info, ..
            } => {
                let digest = additional_info
                    .iter()
                    .map(|(name, value)| fnv1a([name.as_bytes(), &[0], value.as_bytes()]))
                    .fold(0_u64, u64::wrapping_add);
                format!("{}#{digest:x}", self.path())
            }
            // The first form and the one that came with the HTML are the same step.
            Self::Starting { .. } => "/".to_owned(),
            _ => self.path().to_owned(),
        }
    }

    /// The id of the element that takes focus when this screen's form appears: where the
    /// person acts next. Signed in, the heading: one more Enter must not sign them out.
    #[must_use]
    pub fn focus_target(&self) -> Option<&'static str> {
        match self {
            Self::ConfigProblem { .. } => None,
            Self::Starting { .. } | Self::Username { .. } => Some("username"),
            Self::Password { .. } => Some("password"),
            Self::Challenge { .. } => Some("answer"),
            Self::NewPassword { .. } => Some("new-password"),
            Self::Code { .. }
            | Self::TotpSetup { .. }
            | Self::ConfirmSignUp { .. }
            | Self::ResetPassword { .. } => Some("code"),
            Self::SignUp { .. } | Self::ForgotPassword { .. } => Some("username"),
            Self::Security { task, .. } => match task {
                Some(Task::SetUpApp(_) | Task::VerifyEmail) => Some("code"),
                Some(Task::ChangePassword { .. }) => Some("old-password"),
                None => Some("screen-title"),
            },
            Self::EmailSetup { .. } => Some("mfa-email"),
            Self::ChooseFactor { .. }
            | Self::ChooseMfa { .. }
            | Self::RememberDevice { .. }
            | Self::OfferPasskey { .. }
            | Self::SignedIn { .. } => Some("screen-title"),
        }
    }

    /// The password fields to empty, once Cognito has answered what they held. Not after
    /// [`Notice::NetworkDown`]: then nothing was sent, and "Try again" resends the fields as
    /// they are.
    #[must_use]
    pub fn fields_to_clear(&self) -> &'static [&'static str] {
        let fields: &[&str] = match self {
            Self::Password { .. } => &["password"],
            Self::NewPassword { .. } => &["new-password", "confirm-password"],
            Self::Code { .. } | Self::TotpSetup { .. } | Self::ConfirmSignUp { .. } => &["code"],
            Self::SignUp { .. } => &["new-password", "confirm-password"],
            Self::ResetPassword { .. } => &["code", "new-password", "confirm-password"],
            Self::Security { .. } => &["code", "old-password", "new-password", "confirm-password"],
            _ => return &[],
        };
        match self.phase().and_then(Phase::notice) {
            Some(notice) if notice.clears_password() => fields,
            _ => &[],
        }
    }

    /// The checks and the show/hide state of the new password this screen asks for (the
    /// new-password step, sign-up, a reset, a password change on the security page).
    pub fn new_password_mut(&mut self) -> Option<(&mut PasswordChecks, &mut bool)> {
        match self {
            Self::NewPassword {
                checks, visible, ..
            }
            | Self::SignUp {
                checks, visible, ..
            }
            | Self::ResetPassword {
                checks, visible, ..
            }
            | Self::Security {
                task: Some(Task::ChangePassword { checks, visible }),
                ..
            } => Some((checks, visible)),
            _ => None,
        }
    }

    /// The phase of a screen with a form.
    #[must_use]
    pub fn phase(&self) -> Option<&Phase> {
        match self {
            Self::Username { phase, .. }
            | Self::Password { phase, .. }
            | Self::Challenge { phase, .. }
            | Self::NewPassword { phase, .. }
            | Self::ChooseFactor { phase, .. }
            | Self::Code { phase, .. }
            | Self::ChooseMfa { phase, .. }
            | Self::TotpSetup { phase, .. }
            | Self::EmailSetup { phase, .. }
            | Self::RememberDevice { phase, .. }
            | Self::OfferPasskey { phase, .. }
            | Self::SignUp { phase, .. }
            | Self::ConfirmSignUp { phase, .. }
            | Self::ForgotPassword { phase, .. }
            | Self::ResetPassword { phase, .. }
            | Self::Security { phase, .. }
            | Self::SignedIn { phase, .. } => Some(phase),
            Self::Starting { .. } | Self::ConfigProblem { .. } => None,
        }
    }

    /// The same screen in `phase` (screens without a form stay as they are).
    #[must_use]
    pub fn with_phase(mut self, new: Phase) -> Self {
        match &mut self {
            Self::Username { phase, .. }
            | Self::Password { phase, .. }
            | Self::Challenge { phase, .. }
            | Self::NewPassword { phase, .. }
            | Self::ChooseFactor { phase, .. }
            | Self::Code { phase, .. }
            | Self::ChooseMfa { phase, .. }
            | Self::TotpSetup { phase, .. }
            | Self::EmailSetup { phase, .. }
            | Self::RememberDevice { phase, .. }
            | Self::OfferPasskey { phase, .. }
            | Self::SignUp { phase, .. }
            | Self::ConfirmSignUp { phase, .. }
            | Self::ForgotPassword { phase, .. }
            | Self::ResetPassword { phase, .. }
            | Self::Security { phase, .. }
            | Self::SignedIn { phase, .. } => *phase = new,
            Self::Starting { .. } | Self::ConfigProblem { .. } => {}
        }
        self
    }

    /// The same screen, waiting for Cognito.
    #[must_use]
    pub fn waiting(self) -> Self {
        let phase = self.phase().map_or(Phase::Waiting(None), Phase::to_waiting);
        self.with_phase(phase)
    }

    /// The same screen's form, showing `notice`.
    #[must_use]
    pub fn showing(self, notice: Notice) -> Self {
        let phase = match self.phase() {
            Some(phase) => phase.showing(notice),
            None => Phase::READY,
        };
        self.with_phase(phase)
    }

    /// Whether a request is on its way.
    #[must_use]
    pub fn is_waiting(&self) -> bool {
        self.phase().is_some_and(Phase::is_waiting)
    }

    /// Whether the screen's form is usable.
    #[must_use]
    pub fn is_editing(&self) -> bool {
        matches!(self.phase(), Some(Phase::Editing(_)))
    }

    /// Whether this is a step of a sign-in under way (past the username).
    #[must_use]
    pub fn is_mid_sign_in(&self) -> bool {
        matches!(
            self,
            Self::Password { .. }
                | Self::Challenge { .. }
                | Self::NewPassword { .. }
                | Self::ChooseFactor { .. }
                | Self::Code { .. }
                | Self::ChooseMfa { .. }
                | Self::TotpSetup { .. }
                | Self::EmailSetup { .. }
        )
    }
}

/// FNV-1a over the concatenated parts: a cheap, stable digest (not a secure one; the step key
/// only tells steps apart).
fn fnv1a<const N: usize>(parts: [&[u8]; N]) -> u64 {
    parts
        .iter()
        .flat_map(|part| part.iter())
        .fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}
