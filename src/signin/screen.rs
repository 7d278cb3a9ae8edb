//! One variant per screen, each carrying exactly its data.

use cognito_auth::{AuthFlow, StringMap};

use super::Notice;

/// Whether a screen waits for Cognito or shows its form (with at most one notice).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// The form is usable; the notice explains the last outcome, if any.
    Editing(Option<Notice>),
    /// A request is on its way; the form is disabled and a busy indicator shows.
    Waiting,
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
}

/// The screen shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Screen {
    /// Reading the configuration; looking for a session or sign-in to resume.
    #[default]
    Starting,
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
    /// The password (SRP or plain, per flow).
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
        /// The challenge's public parameters (`captchaUrl`, `prompt`, …).
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
        /// Form or waiting.
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

impl Screen {
    /// The URL path of this screen (reloading it lands back here).
    #[must_use]
    pub fn path(&self) -> &'static str {
        match self {
            Self::Starting | Self::ConfigProblem { .. } | Self::Username { .. } => "/",
            Self::Password { .. } => "/password",
            Self::Challenge { .. } => "/challenge",
            Self::NewPassword { .. } => "/new-password",
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
            _ => self.path().to_owned(),
        }
    }

    /// The id of the element that takes focus when this screen's form appears: where the
    /// person acts next.
    #[must_use]
    pub fn focus_target(&self) -> Option<&'static str> {
        match self {
            Self::Starting | Self::ConfigProblem { .. } => None,
            Self::Username { .. } => Some("username"),
            Self::Password { .. } => Some("password"),
            Self::Challenge { .. } => Some("answer"),
            Self::NewPassword { .. } => Some("new-password"),
            Self::SignedIn { .. } => Some("sign-out"),
        }
    }

    /// The password field to empty, once Cognito has answered what it held. Not after
    /// [`Notice::NetworkDown`]: then nothing was sent, and "Try again" resends the field as is.
    #[must_use]
    pub fn field_to_clear(&self) -> Option<&'static str> {
        let field = match self {
            Self::Password { .. } => "password",
            Self::NewPassword { .. } => "new-password",
            _ => return None,
        };
        match self.phase() {
            Some(Phase::Editing(Some(notice))) if *notice != Notice::NetworkDown => Some(field),
            _ => None,
        }
    }

    /// The phase of a screen with a form.
    fn phase(&self) -> Option<&Phase> {
        match self {
            Self::Username { phase, .. }
            | Self::Password { phase, .. }
            | Self::Challenge { phase, .. }
            | Self::NewPassword { phase, .. }
            | Self::SignedIn { phase, .. } => Some(phase),
            Self::Starting | Self::ConfigProblem { .. } => None,
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
            | Self::SignedIn { phase, .. } => *phase = new,
            Self::Starting | Self::ConfigProblem { .. } => {}
        }
        self
    }

    /// Whether a request is on its way.
    #[must_use]
    pub fn is_waiting(&self) -> bool {
        self.phase() == Some(&Phase::Waiting)
    }

    /// Whether the screen's form is usable.
    #[must_use]
    pub fn is_editing(&self) -> bool {
        matches!(self.phase(), Some(Phase::Editing(_)))
    }
}
