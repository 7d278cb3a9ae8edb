//! The steps of the pool's own sign-in flows — `USER_AUTH`'s choice of first factor, one-time
//! codes, MFA and setting it up — and what follows signing in (remember this device, add a
//! passkey): which screen each `next_step` is, and the transitions of those screens.

use cognito_auth::{
    AuthError, AuthFactor, AuthFlow, ConfirmSignInInput, ExposeSecret, MfaType, NextStep,
    SignInInput,
};

use super::screen::{CodeSource, Phase};
use super::step::{Action, Outcome, Request};
use super::{Notice, Screen, Who};

/// The factors in the order a person would pick them: a passkey (one touch), a code by e-mail,
/// by text message, then the password — offered once, as SRP when the pool allows it (the
/// password then never leaves the device).
#[must_use]
pub fn ordered(available: &[AuthFactor]) -> Vec<AuthFactor> {
    let has = |factor| available.contains(&factor);
    let password = if has(AuthFactor::PasswordSrp) {
        Some(AuthFactor::PasswordSrp)
    } else if has(AuthFactor::Password) {
        Some(AuthFactor::Password)
    } else {
        None
    };
    [
        AuthFactor::WebAuthn,
        AuthFactor::EmailOtp,
        AuthFactor::SmsOtp,
    ]
    .into_iter()
    .filter(|factor| has(*factor))
    .chain(password)
    .collect()
}

/// The screen for one of these steps, after `before` (which tells a first-factor code from an
/// MFA code: only the former can be sent again by starting over).
pub(super) fn screen_for(
    before: &Screen,
    flow: AuthFlow,
    username: String,
    next_step: NextStep,
) -> Option<Screen> {
    let first_factor = matches!(
        before,
        Screen::Username { .. }
            | Screen::ChooseFactor { .. }
            | Screen::Code {
                first_factor: true,
                ..
            }
    );
    let code = |source| Screen::Code {
        flow,
        username: username.clone(),
        source,
        first_factor,
        phase: Phase::READY,
    };
    let destination =
        |details: Option<cognito_auth::CodeDeliveryDetails>| details.and_then(|d| d.destination);
    let next = match next_step {
        NextStep::ContinueSignInWithFirstFactorSelection {
            available_challenges,
        } => Screen::ChooseFactor {
            username,
            factors: ordered(&available_challenges),
            phase: Phase::READY,
        },
        NextStep::ConfirmSignInWithEmailCode {
            code_delivery_details,
        } => code(CodeSource::Email(destination(code_delivery_details))),
        NextStep::ConfirmSignInWithSmsCode {
            code_delivery_details,
        } => code(CodeSource::Sms(destination(code_delivery_details))),
        NextStep::ConfirmSignInWithTotpCode => Screen::Code {
            flow,
            username,
            source: CodeSource::App,
            first_factor: false,
            phase: Phase::READY,
        },
        NextStep::ContinueSignInWithMfaSelection { allowed_mfa_types } => Screen::ChooseMfa {
            flow,
            username,
            choices: allowed_mfa_types,
            setting_up: false,
            phase: Phase::READY,
        },
        NextStep::ContinueSignInWithMfaSetupSelection { allowed_mfa_types } => {
            Screen::ChooseMfa {
                flow,
                username,
                // What can be set up while signing in: an app, or e-mail codes.
                choices: allowed_mfa_types
                    .into_iter()
                    .filter(|mfa| *mfa != MfaType::Sms)
                    .collect(),
                setting_up: true,
                phase: Phase::READY,
            }
        }
        NextStep::ContinueSignInWithTotpSetup { totp_setup_details } => Screen::TotpSetup {
            flow,
            username,
            details: totp_setup_details,
            phase: Phase::READY,
        },
        NextStep::ContinueSignInWithEmailSetup => Screen::EmailSetup {
            flow,
            username,
            phase: Phase::READY,
        },
        _ => return None,
    };
    // A choice with nothing to choose is a dead end: the page says it cannot go on.
    let empty = match &next {
        Screen::ChooseFactor { factors, .. } => factors.is_empty(),
        Screen::ChooseMfa { choices, .. } => choices.is_empty(),
        _ => false,
    };
    (!empty).then_some(next)
}

/// A choice of first factor with one entry is made for the person.
pub(super) fn only_factor(screen: &Screen) -> Option<AuthFactor> {
    match screen {
        Screen::ChooseFactor { factors, .. } if factors.len() == 1 => factors.first().copied(),
        _ => None,
    }
}

/// The transitions of these screens.
pub(super) fn step(screen: Screen, action: Action) -> Outcome {
    let answer = |text: &str| Some(Request::ConfirmSignIn(ConfirmSignInInput::answer(text)));
    let (screen, request) = match (screen, action) {
        (screen @ Screen::ChooseFactor { .. }, Action::ChooseFactor(factor))
            if screen.is_editing() =>
        {
            (screen.waiting(), answer(factor.as_str()))
        }
        (screen @ (Screen::Code { .. } | Screen::TotpSetup { .. }), Action::SubmitCode(code))
            if screen.is_editing() =>
        {
            let typed: String = code.expose_secret().split_whitespace().collect();
            if typed.is_empty() {
                return Outcome::Next(screen.showing(Notice::EnterCode), None);
            }
            (screen.waiting(), answer(&typed))
        }
        (screen @ Screen::Code { .. }, Action::ResendCode) if screen.is_editing() => {
            match resend(&screen) {
                Some(request) => (screen.waiting(), Some(request)),
                None => (screen, None),
            }
        }
        (screen @ Screen::ChooseMfa { .. }, Action::ChooseMfa(mfa)) if screen.is_editing() => {
            (screen.waiting(), answer(mfa.as_str()))
        }
        (screen @ Screen::EmailSetup { .. }, Action::SubmitEmail(typed)) if screen.is_editing() => {
            let address = typed.trim();
            if !address.contains('@') {
                return Outcome::Next(screen.showing(Notice::EnterEmail), None);
            }
            (screen.waiting(), answer(address))
        }
        (screen @ Screen::RememberDevice { .. }, Action::RememberDevice(remember))
            if screen.is_editing() =>
        {
            if remember {
                (screen.waiting(), Some(Request::RememberDevice))
            } else {
                (after_device(screen), None)
            }
        }
        (screen @ Screen::RememberDevice { .. }, Action::DeviceRemembered(outcome))
            if screen.is_waiting() =>
        {
            match outcome {
                Ok(()) => (after_device(screen), None),
                Err(error) => (screen.showing(Notice::for_other_error(&error)), None),
            }
        }
        (screen @ Screen::OfferPasskey { .. }, Action::AddPasskey) if screen.is_editing() => {
            (screen.waiting(), Some(Request::AddPasskey))
        }
        (Screen::OfferPasskey { who, flow, .. }, Action::DeclinePasskey) => {
            (signed_in(who, flow, None), Some(Request::DeclinePasskey))
        }
        (screen @ Screen::OfferPasskey { .. }, Action::PasskeyAdded(outcome))
            if screen.is_waiting() =>
        {
            match (outcome, screen) {
                (Ok(()), Screen::OfferPasskey { who, flow, .. }) => {
                    (signed_in(who, flow, Some(Notice::PasskeyAdded)), None)
                }
                (Err(error), screen) => (screen.showing(Notice::for_passkey_error(&error)), None),
                (_, screen) => (screen, None),
            }
        }
        (screen, action) => return Outcome::NotMine(screen, action),
    };
    Outcome::Next(screen, request)
}

/// A new code for a first factor: the sign-in starts again, preferring the same channel.
fn resend(screen: &Screen) -> Option<Request> {
    let Screen::Code {
        username,
        source,
        first_factor: true,
        ..
    } = screen
    else {
        return None;
    };
    let factor = match source {
        CodeSource::Email(_) => AuthFactor::EmailOtp,
        CodeSource::Sms(_) => AuthFactor::SmsOtp,
        CodeSource::App => return None,
    };
    Some(Request::SignIn(SignInInput::user_auth(
        username,
        Some(factor),
    )))
}

/// An expired first-factor code: a new one is sent straight away.
pub(super) fn resend_expired(screen: Screen) -> (Screen, Option<Request>) {
    match resend(&screen) {
        Some(request) => (
            screen.showing(Notice::CodeExpiredResent).waiting(),
            Some(request),
        ),
        None => (screen.showing(Notice::CodeExpired), None),
    }
}

/// What a code screen says when the next code step comes: a code sent again (expired, or asked
/// for), or a new challenge after a wrong code.
pub(super) fn code_notice(before: &Screen) -> Option<Notice> {
    match before {
        Screen::Code { phase, .. } => match phase {
            Phase::Waiting(Some(shown)) if shown.notice == Notice::CodeExpiredResent => {
                Some(Notice::CodeExpiredResent)
            }
            _ => Some(Notice::NewCodeSent),
        },
        _ => None,
    }
}

/// The error notice for a screen of these flows, if it is one of them.
pub(super) fn notice_for(screen: &Screen, error: &AuthError) -> Option<Notice> {
    Some(match screen {
        Screen::Code { .. } | Screen::TotpSetup { .. } => Notice::for_code_error(error),
        Screen::ChooseFactor { .. } => Notice::for_passkey_error(error),
        Screen::ChooseMfa { .. } | Screen::EmailSetup { .. } => match error.kind_name() {
            Some("InvalidParameterException") => Notice::EnterEmail,
            _ => Notice::for_answer_error(error),
        },
        _ => return None,
    })
}

/// Signed in: remember this device first, then add a passkey, when there is something to offer.
pub(super) fn after_sign_in(who: Who, flow: AuthFlow) -> Screen {
    if who.offers.remember_device {
        Screen::RememberDevice {
            who,
            flow,
            phase: Phase::READY,
        }
    } else if who.offers.add_passkey {
        Screen::OfferPasskey {
            who,
            flow,
            phase: Phase::READY,
        }
    } else {
        signed_in(who, flow, None)
    }
}

/// After the device question: the passkey offer, or signed in.
fn after_device(screen: Screen) -> Screen {
    match screen {
        Screen::RememberDevice { mut who, flow, .. } => {
            who.offers.remember_device = false;
            after_sign_in(who, flow)
        }
        other => other,
    }
}

fn signed_in(who: Who, flow: AuthFlow, notice: Option<Notice>) -> Screen {
    let screen = Screen::SignedIn {
        who,
        flow,
        phase: Phase::READY,
    };
    match notice {
        Some(notice) => screen.showing(notice),
        None => screen,
    }
}
