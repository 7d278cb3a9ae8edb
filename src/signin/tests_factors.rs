//! Every transition of `USER_AUTH`'s choice, one-time codes, MFA and its set-up, and the offers
//! after signing in, with canned answers.

use cognito_auth::{
    AuthError, AuthFactor, AuthFlow, CodeDeliveryDetails, ConfirmSignInInput, MfaType, NextStep,
    PasskeyError, SignInInput, SignInOutput, TotpSetupDetails,
};

use super::screen::Phase;
use super::step::{Resume, Start};
use super::*;

fn ok(next_step: NextStep) -> Action {
    Action::SignInAnswered(Ok(SignInOutput {
        is_signed_in: next_step == NextStep::Done,
        next_step,
    }))
}

fn failed(kind: &str, message: &str) -> Action {
    Action::SignInAnswered(Err(AuthError::Service {
        kind: kind.to_owned(),
        message: message.to_owned(),
    }))
}

fn confirm(answer: &str) -> Option<Request> {
    Some(Request::ConfirmSignIn(ConfirmSignInInput::answer(answer)))
}

fn notice(screen: &Screen) -> Option<Notice> {
    screen.phase().and_then(Phase::notice).cloned()
}

fn email_code(to: &str) -> NextStep {
    NextStep::ConfirmSignInWithEmailCode {
        code_delivery_details: Some(CodeDeliveryDetails {
            delivery_medium: Some("EMAIL".to_owned()),
            destination: Some(to.to_owned()),
            attribute_name: None,
        }),
    }
}

fn who(offers: Offers) -> Who {
    Who {
        username: "ada".to_owned(),
        name: None,
        email: None,
        expires_at: 1,
        offers,
    }
}

fn at(flow: AuthFlow) -> Screen {
    step(
        Screen::default(),
        Action::Started(Ok(Start {
            flow,
            resume: Resume::Nothing,
            typed: String::new(),
        })),
    )
    .0
}

/// Runs the actions, each checked to be taken (the screen or request changes).
fn walk(mut screen: Screen, actions: Vec<Action>) -> (Screen, Option<Request>) {
    let mut last = None;
    for action in actions {
        let (next, request) = step(screen, action);
        screen = next;
        last = request;
    }
    (screen, last)
}

/// The choice screen for ada, from the first-factor step.
fn choosing(available: Vec<AuthFactor>) -> (Screen, Option<Request>) {
    walk(
        at(AuthFlow::UserAuth),
        vec![
            Action::SubmitUsername("ada".to_owned()),
            ok(NextStep::ContinueSignInWithFirstFactorSelection {
                available_challenges: available,
            }),
        ],
    )
}

#[test]
fn user_auth_starts_with_the_username_and_orders_the_choice() {
    let (screen, request) = step(
        at(AuthFlow::UserAuth),
        Action::SubmitUsername(" ada ".to_owned()),
    );
    assert!(screen.is_waiting());
    assert_eq!(
        request,
        Some(Request::SignIn(SignInInput::user_auth("ada", None)))
    );
    let (screen, request) = choosing(vec![
        AuthFactor::Password,
        AuthFactor::SmsOtp,
        AuthFactor::EmailOtp,
        AuthFactor::WebAuthn,
        AuthFactor::PasswordSrp,
    ]);
    assert_eq!(request, None);
    let Screen::ChooseFactor { factors, .. } = &screen else {
        panic!("{screen:?}")
    };
    assert_eq!(
        factors,
        &[
            AuthFactor::WebAuthn,
            AuthFactor::EmailOtp,
            AuthFactor::SmsOtp,
            AuthFactor::PasswordSrp
        ]
    );
    assert_eq!(screen.path(), "/choose");
    // Only one way: it is taken without asking.
    let (screen, request) = choosing(vec![AuthFactor::EmailOtp]);
    assert!(screen.is_waiting(), "{screen:?}");
    assert_eq!(request, confirm("EMAIL_OTP"));
    // None at all: a dead end, said so.
    let (screen, _) = choosing(vec![]);
    assert_eq!(notice(&screen), Some(Notice::UnsupportedStep));
}

#[test]
fn an_email_code_wrong_then_right() {
    let (screen, _) = choosing(vec![AuthFactor::EmailOtp, AuthFactor::Password]);
    let (screen, request) = step(screen, Action::ChooseFactor(AuthFactor::EmailOtp));
    assert_eq!(request, confirm("EMAIL_OTP"));
    let (screen, _) = step(screen, ok(email_code("a***@e***.com")));
    assert_eq!(
        screen,
        Screen::Code {
            flow: AuthFlow::UserAuth,
            username: "ada".to_owned(),
            source: CodeSource::Email(Some("a***@e***.com".to_owned())),
            first_factor: true,
            phase: Phase::READY,
        }
    );
    assert_eq!(screen.focus_target(), Some("code"));
    let (screen, request) = step(screen, Action::SubmitCode("   ".into()));
    assert_eq!((notice(&screen), request), (Some(Notice::EnterCode), None));
    // Spaces people type between groups of digits are dropped.
    let (screen, request) = step(screen, Action::SubmitCode("1234 5678".into()));
    assert_eq!(request, confirm("12345678"));
    let (screen, _) = step(
        screen,
        failed(
            "CodeMismatchException",
            "Invalid code or auth state for the user.",
        ),
    );
    assert_eq!(notice(&screen), Some(Notice::WrongCode));
    assert_eq!(screen.fields_to_clear(), &["code"]);
    let (screen, _) = step(screen, Action::SubmitCode("87654321".into()));
    let (screen, request) = step(screen, ok(NextStep::Done));
    assert_eq!(request, Some(Request::LoadSession));
    let (screen, _) = step(
        screen,
        Action::SessionLoaded(Ok(Some(who(Offers::default())))),
    );
    assert!(matches!(screen, Screen::SignedIn { .. }), "{screen:?}");
}

#[test]
fn a_code_is_sent_again_when_asked_or_expired() {
    let (screen, _) = choosing(vec![AuthFactor::EmailOtp, AuthFactor::SmsOtp]);
    let (screen, _) = step(screen, Action::ChooseFactor(AuthFactor::SmsOtp));
    let (screen, _) = step(
        screen,
        ok(NextStep::ConfirmSignInWithSmsCode {
            code_delivery_details: None,
        }),
    );
    let again = Some(Request::SignIn(SignInInput::user_auth(
        "ada",
        Some(AuthFactor::SmsOtp),
    )));
    let (screen, request) = step(screen, Action::ResendCode);
    assert_eq!(request, again);
    let (screen, _) = step(
        screen,
        ok(NextStep::ConfirmSignInWithSmsCode {
            code_delivery_details: None,
        }),
    );
    assert_eq!(notice(&screen), Some(Notice::NewCodeSent));
    let (screen, _) = step(screen, Action::SubmitCode("12345678".into()));
    let (screen, request) = step(
        screen,
        failed(
            "ExpiredCodeException",
            "Invalid code provided, please request a code again.",
        ),
    );
    assert_eq!(request, again, "an expired code is replaced straight away");
    let (screen, _) = step(
        screen,
        ok(NextStep::ConfirmSignInWithSmsCode {
            code_delivery_details: None,
        }),
    );
    assert_eq!(notice(&screen), Some(Notice::CodeExpiredResent));
}

#[test]
fn wrong_codes_that_end_the_sign_in_go_back_to_the_start() {
    let (screen, _) = choosing(vec![AuthFactor::EmailOtp, AuthFactor::SmsOtp]);
    let (screen, _) = step(screen, Action::ChooseFactor(AuthFactor::EmailOtp));
    let (screen, _) = step(screen, ok(email_code("a***@e***.com")));
    let (screen, _) = step(screen, Action::SubmitCode("1".into()));
    let (screen, request) = step(
        screen,
        failed("NotAuthorizedException", "Incorrect username or password."),
    );
    assert!(matches!(screen, Screen::Username { .. }), "{screen:?}");
    assert_eq!(notice(&screen), Some(Notice::WrongCodeStartAgain));
    assert_eq!(request, Some(Request::ForgetSignIn));
}

#[test]
fn a_passkey_cancelled_leaves_the_choice_open() {
    let (screen, _) = choosing(vec![AuthFactor::WebAuthn, AuthFactor::EmailOtp]);
    let (screen, request) = step(screen, Action::ChooseFactor(AuthFactor::WebAuthn));
    assert_eq!(request, confirm("WEB_AUTHN"));
    let (screen, _) = step(
        screen,
        Action::SignInAnswered(Err(AuthError::Passkey(PasskeyError::Canceled))),
    );
    assert!(matches!(screen, Screen::ChooseFactor { .. }), "{screen:?}");
    assert_eq!(notice(&screen), Some(Notice::PasskeyCancelled));
    let (screen, _) = step(screen, Action::ChooseFactor(AuthFactor::WebAuthn));
    let (_, request) = step(screen, ok(NextStep::Done));
    assert_eq!(request, Some(Request::LoadSession));
}

#[test]
fn the_password_step_of_user_auth_answers_the_sign_in() {
    let (screen, _) = choosing(vec![AuthFactor::EmailOtp, AuthFactor::PasswordSrp]);
    let (screen, _) = step(screen, Action::ChooseFactor(AuthFactor::PasswordSrp));
    let (screen, request) = step(screen, ok(NextStep::ConfirmSignInWithPassword));
    assert_eq!(request, Some(Request::PrepareSrp));
    assert!(
        matches!(
            &screen,
            Screen::Password {
                flow: AuthFlow::UserAuth,
                ..
            }
        ),
        "{screen:?}"
    );
    let (screen, request) = step(screen, Action::SubmitPassword("Passw0rd!ada".into()));
    assert_eq!(request, confirm("Passw0rd!ada"));
    // Then MFA: an app code, which cannot be sent again.
    let (screen, _) = step(screen, ok(NextStep::ConfirmSignInWithTotpCode));
    assert!(
        matches!(
            &screen,
            Screen::Code {
                source: CodeSource::App,
                first_factor: false,
                ..
            }
        ),
        "{screen:?}"
    );
    let (_, request) = step(screen, Action::ResendCode);
    assert_eq!(request, None);
}

fn after_password(next_step: NextStep) -> Screen {
    walk(
        at(AuthFlow::UserSrpAuth),
        vec![
            Action::SubmitUsername("eve".to_owned()),
            Action::SubmitPassword("Passw0rd!eve".into()),
            ok(next_step),
        ],
    )
    .0
}

#[test]
fn mfa_choice_and_set_up_choice() {
    let screen = after_password(NextStep::ContinueSignInWithMfaSelection {
        allowed_mfa_types: vec![MfaType::Totp, MfaType::Email],
    });
    assert!(
        matches!(
            &screen,
            Screen::ChooseMfa {
                setting_up: false,
                ..
            }
        ),
        "{screen:?}"
    );
    let (_, request) = step(screen, Action::ChooseMfa(MfaType::Email));
    assert_eq!(request, confirm("EMAIL"));
    // SMS cannot be set up in the middle of a sign-in: not offered.
    let screen = after_password(NextStep::ContinueSignInWithMfaSetupSelection {
        allowed_mfa_types: vec![MfaType::Totp, MfaType::Sms, MfaType::Email],
    });
    let Screen::ChooseMfa {
        choices,
        setting_up: true,
        ..
    } = &screen
    else {
        panic!("{screen:?}")
    };
    assert_eq!(choices, &[MfaType::Totp, MfaType::Email]);
    assert_eq!(screen.path(), "/mfa");
}

#[test]
fn an_authenticator_app_is_set_up_and_its_secret_leaves_the_state() {
    let details = TotpSetupDetails {
        shared_secret: "JBSWY3DPEHPK3PXP".into(),
    };
    let screen = after_password(NextStep::ContinueSignInWithTotpSetup {
        totp_setup_details: details,
    });
    assert!(matches!(&screen, Screen::TotpSetup { .. }), "{screen:?}");
    assert!(
        !format!("{screen:?}").contains("JBSWY3DP"),
        "Debug never prints it"
    );
    let (screen, request) = step(screen, Action::SubmitCode("123456".into()));
    assert_eq!(request, confirm("123456"));
    let (screen, _) = step(
        screen,
        failed("EnableSoftwareTokenMFAException", "Code mismatch"),
    );
    assert_eq!(notice(&screen), Some(Notice::WrongCode));
    let (screen, _) = step(screen, Action::SubmitCode("654321".into()));
    let (screen, request) = step(screen, ok(NextStep::Done));
    assert_eq!(request, Some(Request::LoadSession));
    let (screen, _) = step(
        screen,
        Action::SessionLoaded(Ok(Some(who(Offers::default())))),
    );
    assert!(
        matches!(screen, Screen::SignedIn { .. }),
        "the secret is gone once set up"
    );
}

#[test]
fn codes_by_e_mail_are_set_up_with_an_address() {
    let screen = after_password(NextStep::ContinueSignInWithEmailSetup);
    assert_eq!(screen.focus_target(), Some("mfa-email"));
    let (screen, request) = step(screen, Action::SubmitEmail("not an address".to_owned()));
    assert_eq!((notice(&screen), request), (Some(Notice::EnterEmail), None));
    let (screen, request) = step(screen, Action::SubmitEmail(" eve@example.com ".to_owned()));
    assert_eq!(request, confirm("eve@example.com"));
    let (screen, _) = step(screen, ok(email_code("e***@e***.com")));
    assert!(
        matches!(
            &screen,
            Screen::Code {
                first_factor: false,
                ..
            }
        ),
        "an MFA code: {screen:?}"
    );
}

#[test]
fn after_signing_in_remember_the_device_then_add_a_passkey() {
    let both = Offers {
        remember_device: true,
        add_passkey: true,
    };
    let signed_in = |offers| {
        walk(
            after_password(NextStep::ConfirmSignInWithTotpCode),
            vec![
                Action::SubmitCode("123456".into()),
                ok(NextStep::Done),
                Action::SessionLoaded(Ok(Some(who(offers)))),
            ],
        )
        .0
    };
    let screen = signed_in(both);
    assert!(
        matches!(screen, Screen::RememberDevice { .. }),
        "{screen:?}"
    );
    let (screen, request) = step(screen, Action::RememberDevice(true));
    assert_eq!(request, Some(Request::RememberDevice));
    let (screen, _) = step(screen, Action::DeviceRemembered(Ok(())));
    assert!(matches!(screen, Screen::OfferPasskey { .. }), "{screen:?}");
    let (screen, request) = step(screen, Action::AddPasskey);
    assert_eq!(request, Some(Request::AddPasskey));
    let (screen, _) = step(
        screen,
        Action::PasskeyAdded(Err(AuthError::Passkey(PasskeyError::Canceled))),
    );
    assert_eq!(notice(&screen), Some(Notice::PasskeyCancelled));
    let (screen, _) = step(screen, Action::AddPasskey);
    let (screen, _) = step(screen, Action::PasskeyAdded(Ok(())));
    assert!(matches!(screen, Screen::SignedIn { .. }), "{screen:?}");
    assert_eq!(notice(&screen), Some(Notice::PasskeyAdded));

    // Not now, twice: signed in, and "Not now" is kept for the passkey.
    let (screen, request) = step(signed_in(both), Action::RememberDevice(false));
    assert_eq!(request, None);
    let (screen, request) = step(screen, Action::DeclinePasskey);
    assert!(matches!(screen, Screen::SignedIn { .. }), "{screen:?}");
    assert_eq!(request, Some(Request::DeclinePasskey));
    // Nothing to offer: straight to signed in.
    assert!(matches!(
        signed_in(Offers::default()),
        Screen::SignedIn { .. }
    ));
}

#[test]
fn every_step_goes_back_to_the_start_and_a_reload_resumes_it() {
    let (screen, _) = choosing(vec![AuthFactor::EmailOtp, AuthFactor::SmsOtp]);
    for screen in [
        screen.clone(),
        step(screen, Action::ChooseFactor(AuthFactor::EmailOtp)).0,
        after_password(NextStep::ContinueSignInWithEmailSetup),
        after_password(NextStep::ContinueSignInWithMfaSelection {
            allowed_mfa_types: vec![MfaType::Totp, MfaType::Sms],
        }),
    ] {
        let (back, request) = step(screen.clone(), Action::StartOver);
        if screen.is_waiting() {
            continue;
        }
        assert!(
            matches!(back, Screen::Username { .. }),
            "{screen:?} → {back:?}"
        );
        assert_eq!(request, Some(Request::ForgetSignIn));
    }
    for (next_step, path) in [
        (NextStep::ConfirmSignInWithPassword, "/password"),
        (email_code("a***@e***.com"), "/code"),
        (
            NextStep::ContinueSignInWithMfaSetupSelection {
                allowed_mfa_types: vec![MfaType::Totp],
            },
            "/mfa",
        ),
    ] {
        let (screen, _) = step(
            Screen::default(),
            Action::Started(Ok(Start {
                flow: AuthFlow::UserAuth,
                resume: Resume::Step {
                    username: "ada".to_owned(),
                    next_step,
                },
                typed: String::new(),
            })),
        );
        assert_eq!(screen.path(), path, "{screen:?}");
    }
}
