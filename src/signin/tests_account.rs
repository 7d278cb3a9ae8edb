//! Every transition of the pages beyond signing in: creating an account, resetting a password,
//! the security page, and going between pages (links, Back and Forward, a reload).

use cognito_auth::{
    AuthError, AuthFlow, CodeDeliveryDetails, MfaPreference, MfaType, NextStep, ResetPasswordStep,
    SignInOutput, SignUpOutput, SignUpStep, TotpSetupDetails,
};

use super::screen::Phase;
use super::step::{Resume, Start};
use super::*;

fn failed(kind: &str, message: &str) -> AuthError {
    AuthError::Service {
        kind: kind.to_owned(),
        message: message.to_owned(),
    }
}

fn notice(screen: &Screen) -> Option<Notice> {
    screen.phase().and_then(Phase::notice).cloned()
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

fn who() -> Who {
    Who {
        username: "rosa".to_owned(),
        name: None,
        email: None,
        expires_at: 1,
        offers: Offers::default(),
    }
}

fn form(password: Option<&str>) -> SignUpForm {
    SignUpForm {
        username: "rosa".to_owned(),
        password: password.map(Into::into),
        attributes: [("email".to_owned(), "rosa@example.com".to_owned())].into(),
    }
}

fn all_rules_met() -> PasswordChecks {
    PasswordChecks {
        met: vec![(PasswordRule::MinLength(8), true)],
        matching: true,
    }
}

#[test]
fn create_an_account_confirm_it_and_sign_in() {
    let (screen, request) = step(at(AuthFlow::UserSrpAuth), Action::Navigate(Page::SignUp));
    assert_eq!((screen.path(), request), ("/sign-up", None));
    let (screen, _) = step(screen, Action::NewPasswordTyped(all_rules_met()));
    let (screen, request) = step(screen, Action::SubmitSignUp(form(Some("Passw0rd!rosa"))));
    assert_eq!(request, Some(Request::SignUp(form(Some("Passw0rd!rosa")))));
    let sent = SignUpOutput {
        is_sign_up_complete: false,
        user_id: Some("sub".to_owned()),
        next_step: SignUpStep::ConfirmSignUp {
            code_delivery_details: Some(CodeDeliveryDetails {
                destination: Some("r***@e***.com".to_owned()),
                ..CodeDeliveryDetails::default()
            }),
        },
    };
    let (screen, _) = step(screen, Action::SignedUp(Ok(sent), "rosa".to_owned()));
    assert_eq!(screen.path(), "/confirm-sign-up");
    assert_eq!(screen.focus_target(), Some("code"));
    let (screen, request) = step(screen, Action::ResendCode);
    assert_eq!(request, Some(Request::ResendSignUpCode("rosa".to_owned())));
    let (screen, _) = step(screen, Action::CodeSent(Ok(None)));
    assert_eq!(notice(&screen), Some(Notice::NewCodeSent));
    let (screen, request) = step(screen, Action::SubmitCode("123 456".into()));
    assert_eq!(
        request,
        Some(Request::ConfirmSignUp {
            username: "rosa".to_owned(),
            code: "123456".to_owned().into(),
        })
    );
    let (screen, _) = step(
        screen,
        Action::SignUpConfirmed(Err(failed("CodeMismatchException", "Invalid code"))),
    );
    assert_eq!(notice(&screen), Some(Notice::WrongCode));
    let (screen, _) = step(screen, Action::SubmitCode("654321".into()));
    let (screen, request) = step(screen, Action::SignUpConfirmed(Ok(())));
    assert_eq!(request, Some(Request::AutoSignIn));
    let (screen, request) = step(
        screen,
        Action::SignInAnswered(Ok(SignInOutput {
            is_signed_in: true,
            next_step: NextStep::Done,
        })),
    );
    assert_eq!(request, Some(Request::LoadSession));
    let (screen, _) = step(screen, Action::SessionLoaded(Ok(Some(who()))));
    assert!(matches!(screen, Screen::SignedIn { .. }), "{screen:?}");
}

#[test]
fn sign_up_is_refused_in_words() {
    let screen = step(at(AuthFlow::UserSrpAuth), Action::Navigate(Page::SignUp)).0;
    let (screen, request) = step(screen, Action::SubmitSignUp(form(Some("short"))));
    assert_eq!(
        (notice(&screen), request),
        (Some(Notice::PasswordsDiffer), None)
    );
    let mut empty = form(None);
    empty.attributes.insert("name".to_owned(), " ".to_owned());
    let (screen, _) = step(screen, Action::SubmitSignUp(empty));
    assert_eq!(notice(&screen), Some(Notice::FillEveryField));
    // Without a password (a passwordless pool).
    let (screen, request) = step(screen, Action::SubmitSignUp(form(None)));
    assert_eq!(request, Some(Request::SignUp(form(None))));
    let (screen, _) = step(
        screen,
        Action::SignedUp(
            Err(failed("UsernameExistsException", "User already exists")),
            "rosa".to_owned(),
        ),
    );
    assert_eq!(notice(&screen), Some(Notice::UsernameTaken));
}

#[test]
fn a_code_that_could_not_be_sent_is_said_in_words() {
    // Cognito's message when the pool cannot send the e-mail.
    let undelivered = || {
        failed(
            "CodeDeliveryFailureException",
            "Invalid email provided/Unable to send the email",
        )
    };
    let screen = step(at(AuthFlow::UserSrpAuth), Action::Navigate(Page::SignUp)).0;
    let (screen, _) = step(screen, Action::NewPasswordTyped(all_rules_met()));
    let (screen, _) = step(screen, Action::SubmitSignUp(form(Some("Passw0rd!rosa"))));
    let (screen, _) = step(
        screen,
        Action::SignedUp(Err(undelivered()), "rosa".to_owned()),
    );
    assert_eq!(notice(&screen), Some(Notice::CodeNotDelivered));
    assert!(!Notice::CodeNotDelivered.clears_password());

    // Over the pool's quota of messages, the account exists unconfirmed: its code is asked for
    // again from the confirmation step.
    let screen = step(at(AuthFlow::UserSrpAuth), Action::Navigate(Page::SignUp)).0;
    let (screen, _) = step(screen, Action::NewPasswordTyped(all_rules_met()));
    let (screen, _) = step(screen, Action::SubmitSignUp(form(Some("Passw0rd!rosa"))));
    let over_quota = failed(
        "LimitExceededException",
        "Exceeded daily email limit for the operation or the account.",
    );
    let (screen, _) = step(screen, Action::SignedUp(Err(over_quota), "rosa".to_owned()));
    assert_eq!(
        (screen.path(), notice(&screen)),
        ("/confirm-sign-up", Some(Notice::SignUpCodeNotSent))
    );
    let (screen, request) = step(screen, Action::ResendCode);
    assert_eq!(request, Some(Request::ResendSignUpCode("rosa".to_owned())));
    // Asked for too often: minutes to wait, not a locked account.
    let too_often = failed(
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
    );
    let (screen, _) = step(screen, Action::CodeSent(Err(too_often)));
    assert_eq!(notice(&screen), Some(Notice::TooManyRequests));

    let (screen, _) = step(
        at(AuthFlow::UserSrpAuth),
        Action::Navigate(Page::ForgotPassword),
    );
    let (screen, _) = step(screen, Action::SubmitUsername("ada".to_owned()));
    let (screen, _) = step(screen, Action::ResetCodeSent(Err(undelivered())));
    assert_eq!(
        (screen.path(), notice(&screen)),
        ("/forgot-password", Some(Notice::CodeNotDelivered))
    );
}

#[test]
fn reset_a_password_then_signed_in() {
    let (screen, _) = step(
        at(AuthFlow::UserSrpAuth),
        Action::Navigate(Page::ForgotPassword),
    );
    assert_eq!(screen.path(), "/forgot-password");
    let (screen, request) = step(screen, Action::SubmitUsername(" ada ".to_owned()));
    assert_eq!(request, Some(Request::ResetPassword("ada".to_owned())));
    let (screen, _) = step(
        screen,
        Action::ResetCodeSent(Ok(ResetPasswordStep::ConfirmResetPasswordWithCode {
            code_delivery_details: None,
        })),
    );
    assert_eq!(screen.path(), "/reset-password");
    let (screen, request) = step(
        screen,
        Action::SubmitReset {
            code: "".into(),
            password: "New!Passw0rd".into(),
        },
    );
    assert_eq!((notice(&screen), request), (Some(Notice::EnterCode), None));
    let (screen, _) = step(screen, Action::NewPasswordTyped(all_rules_met()));
    let (screen, request) = step(
        screen,
        Action::SubmitReset {
            code: "123456".into(),
            password: "New!Passw0rd".into(),
        },
    );
    assert_eq!(
        request,
        Some(Request::ResetPasswordAndSignIn {
            username: "ada".to_owned(),
            code: "123456".to_owned().into(),
            password: "New!Passw0rd".to_owned().into(),
        })
    );
    assert!(!format!("{screen:?}").contains("New!Passw0rd"));
    let (screen, _) = step(
        screen,
        Action::SignInAnswered(Err(failed("CodeMismatchException", "Invalid code"))),
    );
    assert_eq!(notice(&screen), Some(Notice::WrongCode));
}

fn security() -> Screen {
    let signed_in = Screen::SignedIn {
        who: who(),
        flow: AuthFlow::UserSrpAuth,
        phase: Phase::READY,
    };
    let (screen, request) = step(signed_in, Action::Navigate(Page::Security));
    assert_eq!(request, Some(Request::LoadAccount));
    let account = Account {
        passkeys: Some(vec![]),
        mfa: cognito_auth::MfaPreferences::default(),
        mfa_offered: vec![MfaType::Totp, MfaType::Email],
        devices: vec![],
        email: Some(("rosa@example.com".to_owned(), false)),
        has_phone: false,
    };
    step(screen, Action::AccountLoaded(Ok(account))).0
}

#[test]
fn the_security_page_makes_changes_and_reloads() {
    let screen = security();
    assert_eq!(screen.path(), "/account");
    assert!(screen.is_editing());
    let change = Change::Mfa(MfaType::Email, MfaPreference::Enabled);
    let (screen, request) = step(screen, Action::Change(change.clone()));
    assert_eq!(request, Some(Request::Change(change.clone())));
    let (screen, request) = step(screen, Action::Changed(Ok(()), change.done()));
    assert_eq!(request, Some(Request::LoadAccount));
    let (screen, _) = step(screen, Action::AccountLoaded(Ok(Account::default())));
    assert_eq!(notice(&screen), Some(Notice::MfaUpdated));

    // An authenticator app: its secret, a wrong code, then the right one; the secret goes.
    let (screen, request) = step(screen, Action::StartTask(TaskKind::App));
    assert_eq!(request, Some(Request::SetUpApp));
    let details = TotpSetupDetails {
        shared_secret: "JBSWY3DPEHPK3PXP".into(),
    };
    let (screen, _) = step(screen, Action::AppSecret(Ok(details)));
    assert_eq!(screen.focus_target(), Some("code"));
    let (screen, request) = step(screen, Action::Change(Change::VerifyApp("".into())));
    assert_eq!((notice(&screen), request), (Some(Notice::EnterCode), None));
    let (screen, _) = step(screen, Action::Change(Change::VerifyApp("000000".into())));
    let (screen, _) = step(
        screen,
        Action::Changed(
            Err(failed("EnableSoftwareTokenMFAException", "Code mismatch")),
            Notice::MfaUpdated,
        ),
    );
    assert_eq!(notice(&screen), Some(Notice::WrongCode));
    let (screen, _) = step(screen, Action::Change(Change::VerifyApp("123456".into())));
    let (screen, _) = step(screen, Action::Changed(Ok(()), Notice::MfaUpdated));
    assert!(
        matches!(&screen, Screen::Security { task: None, .. }),
        "{screen:?}"
    );

    // Changing the password: the rules are checked before sending.
    let (screen, _) = step(screen, Action::AccountLoaded(Ok(Account::default())));
    let (screen, _) = step(screen, Action::StartTask(TaskKind::ChangePassword));
    assert_eq!(screen.focus_target(), Some("old-password"));
    let password = Change::Password {
        old: "Old!Passw0rd".into(),
        new: "New!Passw0rd".into(),
    };
    let (screen, request) = step(screen, Action::Change(password.clone()));
    assert_eq!(
        (notice(&screen), request),
        (Some(Notice::PasswordsDiffer), None)
    );
    let (screen, _) = step(screen, Action::NewPasswordTyped(all_rules_met()));
    let (screen, request) = step(screen, Action::Change(password.clone()));
    assert_eq!(request, Some(Request::Change(password)));
    let (screen, _) = step(
        screen,
        Action::Changed(
            Err(failed(
                "NotAuthorizedException",
                "Incorrect username or password.",
            )),
            Notice::PasswordChanged,
        ),
    );
    assert_eq!(notice(&screen), Some(Notice::WrongPassword));
    let (screen, _) = step(screen, Action::CancelTask);
    assert!(matches!(&screen, Screen::Security { task: None, .. }));
    let (screen, request) = step(screen, Action::SignOut { everywhere: true });
    assert_eq!(request, Some(Request::SignOut { everywhere: true }));
    assert!(matches!(screen, Screen::SignedIn { .. }));
}

#[test]
fn pages_by_link_back_forward_and_reload() {
    // Signed out, the security page is the first screen; signed in, the pages for getting in
    // are "signed in".
    let (screen, _) = step(at(AuthFlow::UserSrpAuth), Action::Navigate(Page::Security));
    assert!(matches!(screen, Screen::Username { .. }));
    let (screen, _) = step(security(), Action::Navigate(Page::SignUp));
    assert!(matches!(screen, Screen::SignedIn { .. }));
    // Back from the sign-up page.
    let sign_up = step(at(AuthFlow::UserSrpAuth), Action::Navigate(Page::SignUp)).0;
    let (screen, _) = step(sign_up, Action::Navigate(Page::SignIn));
    assert!(matches!(screen, Screen::Username { .. }));
    // Forward again, then a reload there.
    let (screen, _) = step(screen, Action::Navigate(Page::SignUp));
    assert_eq!(screen.path(), "/sign-up");
    for (page, who, path) in [
        (Page::SignUp, None, "/sign-up"),
        (Page::ForgotPassword, None, "/forgot-password"),
        (Page::Security, Some(who()), "/account"),
    ] {
        let (screen, _) = step(
            Screen::default(),
            Action::Started(Ok(Start {
                flow: AuthFlow::UserSrpAuth,
                resume: Resume::Page(page, who),
                typed: String::new(),
            })),
        );
        assert_eq!(screen.path(), path);
    }
    // A sign-in under way is left (and forgotten) for another page.
    let password = step(
        at(AuthFlow::UserSrpAuth),
        Action::SubmitUsername("ada".to_owned()),
    )
    .0;
    let (screen, request) = step(password, Action::Navigate(Page::ForgotPassword));
    assert_eq!(screen.path(), "/forgot-password");
    assert_eq!(request, Some(Request::ForgetSignIn));
}
