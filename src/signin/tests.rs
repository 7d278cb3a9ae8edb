//! Every flow and every error transition, with canned answers.

use cognito_auth::{
    AuthError, AuthFlow, ConfirmSignInInput, NextStep, SignInInput, SignInOutput, StringMap,
};

use super::screen::Phase;
use super::step::{Resume, Start};
use super::*;

fn who() -> Who {
    Who {
        username: "alice".to_owned(),
        name: Some("Alice".to_owned()),
        email: None,
        expires_at: 1,
        offers: Offers::default(),
    }
}

fn at_username(flow: AuthFlow) -> Screen {
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

fn ok(next_step: NextStep) -> Action {
    Action::SignInAnswered(Ok(SignInOutput {
        is_signed_in: next_step == NextStep::Done,
        next_step,
    }))
}

fn service(kind: &str, message: &str) -> AuthError {
    AuthError::Service {
        kind: kind.to_owned(),
        message: message.to_owned(),
    }
}

fn incorrect() -> Action {
    Action::SignInAnswered(Err(service(
        "NotAuthorizedException",
        "Incorrect username or password.",
    )))
}

fn captcha(url: &str) -> NextStep {
    NextStep::ConfirmSignInWithCustomChallenge {
        additional_info: StringMap::from([("captchaUrl".to_owned(), url.to_owned())]),
    }
}

/// Runs `actions` from `screen`, returning the screens and requests seen.
fn walk(mut screen: Screen, actions: Vec<Action>) -> (Screen, Vec<Option<Request>>) {
    let mut requests = Vec::new();
    for action in actions {
        let (next, request) = step(screen, action);
        screen = next;
        requests.push(request);
    }
    (screen, requests)
}

fn notice_of(screen: &Screen) -> Option<Notice> {
    if let Some(Phase::Editing(notice)) = screen.phase()
        && !matches!(
            screen,
            Screen::Username { .. }
                | Screen::Password { .. }
                | Screen::Challenge { .. }
                | Screen::NewPassword { .. }
                | Screen::SignedIn { .. }
        )
    {
        return notice.as_ref().map(|shown| shown.notice.clone());
    }
    match screen {
        Screen::Username {
            phase: Phase::Editing(notice),
            ..
        }
        | Screen::Password {
            phase: Phase::Editing(notice),
            ..
        }
        | Screen::Challenge {
            phase: Phase::Editing(notice),
            ..
        }
        | Screen::NewPassword {
            phase: Phase::Editing(notice),
            ..
        }
        | Screen::SignedIn {
            phase: Phase::Editing(notice),
            ..
        } => notice.as_ref().map(|shown| shown.notice.clone()),
        _ => None,
    }
}

/// A missing or broken configuration gets its own screen.
#[test]
fn bad_config_shows_the_problem() {
    let (screen, request) = step(
        Screen::default(),
        Action::Started(Err("no user_pool_id".to_owned())),
    );
    assert_eq!(
        screen,
        Screen::ConfigProblem {
            message: "no user_pool_id".to_owned()
        }
    );
    assert_eq!(request, None);
}

/// A language change draws the page again: what the username field holds is kept first, on the
/// screens that fill that field from their state; other screens do not change.
#[test]
fn what_is_typed_is_kept_across_a_language_change() {
    let (screen, request) = step(
        at_username(AuthFlow::UserSrpAuth),
        Action::KeepTyped("ada".to_owned()),
    );
    assert!(matches!(&screen, Screen::Username { username, .. } if username == "ada"));
    assert_eq!(request, None);
    let signed_out = Screen::Starting { submitted: false };
    let (unchanged, _) = step(signed_out.clone(), Action::KeepTyped("ada".to_owned()));
    assert_eq!(unchanged, signed_out);
}

/// SRP: username, then password, then tokens, then who is signed in.
#[test]
fn srp_sign_in() {
    let (screen, requests) = walk(
        at_username(AuthFlow::UserSrpAuth),
        vec![
            Action::SubmitUsername(" alice ".to_owned()),
            Action::SubmitPassword("Passw0rd!".into()),
            ok(NextStep::Done),
            Action::SessionLoaded(Ok(Some(who()))),
        ],
    );
    assert_eq!(
        requests[0],
        Some(Request::PrepareSrp),
        "nothing is sent, but A is computed while the password is typed"
    );
    assert_eq!(
        requests[1],
        Some(Request::SignIn(SignInInput::with_password(
            "alice",
            "Passw0rd!"
        )))
    );
    assert_eq!(requests[2], Some(Request::LoadSession));
    assert_eq!(
        screen,
        Screen::SignedIn {
            who: who(),
            flow: AuthFlow::UserSrpAuth,
            phase: Phase::Editing(None)
        }
    );
    assert_eq!(screen.path(), "/signed-in");
}

/// USER_PASSWORD_AUTH and CUSTOM_WITH_SRP send the password with their flow.
#[test]
fn password_flows_carry_their_flow() {
    for flow in [AuthFlow::UserPasswordAuth, AuthFlow::CustomWithSrp] {
        let (_, requests) = walk(
            at_username(flow),
            vec![
                Action::SubmitUsername("alice".to_owned()),
                Action::SubmitPassword("pw".into()),
            ],
        );
        assert_eq!(
            requests[1],
            Some(Request::SignIn(
                SignInInput::with_password("alice", "pw").flow(flow)
            ))
        );
    }
    let (screen, _) = walk(
        at_username(AuthFlow::CustomWithSrp),
        vec![
            Action::SubmitUsername("alice".to_owned()),
            Action::SubmitPassword("pw".into()),
            ok(captcha("data:image/png;base64,AA")),
        ],
    );
    assert!(
        matches!(
            screen,
            Screen::Challenge {
                flow: AuthFlow::CustomWithSrp,
                ..
            }
        ),
        "{screen:?}"
    );
}

/// Passwordless CAPTCHA: a wrong answer with a new picture, then the right answer.
#[test]
fn passwordless_wrong_then_right_answer() {
    let (screen, requests) = walk(
        at_username(AuthFlow::UserSrpAuth),
        vec![
            Action::ChooseFlow {
                flow: AuthFlow::CustomWithoutSrp,
                typed: String::new(),
            },
            Action::SubmitUsername("alice".to_owned()),
            ok(captcha("one")),
            Action::SubmitAnswer("4".into()),
            ok(captcha("two")),
        ],
    );
    assert_eq!(
        requests[1],
        Some(Request::SignIn(SignInInput::passwordless("alice")))
    );
    assert_eq!(
        requests[3],
        Some(Request::ConfirmSignIn(ConfirmSignInInput::answer("4")))
    );
    let Screen::Challenge {
        additional_info,
        phase,
        ..
    } = &screen
    else {
        panic!("{screen:?}")
    };
    assert_eq!(additional_info["captchaUrl"], "two");
    assert_eq!(phase.notice(), Some(&Notice::WrongAnswerTryAgain));
    let (screen, requests) = walk(
        screen,
        vec![
            Action::SubmitAnswer(" 5 ".into()),
            ok(NextStep::Done),
            Action::SessionLoaded(Ok(Some(who()))),
        ],
    );
    assert_eq!(
        requests[0],
        Some(Request::ConfirmSignIn(ConfirmSignInInput::answer("5")))
    );
    assert!(matches!(screen, Screen::SignedIn { .. }));
}

/// A wrong answer that ends the sign-in, and an expired one, go back to the start.
#[test]
fn ended_sign_ins_start_again() {
    let challenge = walk(
        at_username(AuthFlow::CustomWithoutSrp),
        vec![Action::SubmitUsername("alice".to_owned()), ok(captcha("x"))],
    )
    .0;
    let (screen, requests) = walk(
        challenge.clone(),
        vec![Action::SubmitAnswer("4".into()), incorrect()],
    );
    assert_eq!(notice_of(&screen), Some(Notice::WrongAnswerStartAgain));
    assert_eq!(screen.path(), "/");
    assert_eq!(requests[1], Some(Request::ForgetSignIn));

    for error in [
        AuthError::NoSignInInProgress,
        service(
            "NotAuthorizedException",
            "Invalid session for the user, session is expired.",
        ),
    ] {
        let (screen, _) = walk(
            challenge.clone(),
            vec![
                Action::SubmitAnswer("5".into()),
                Action::SignInAnswered(Err(error)),
            ],
        );
        assert_eq!(notice_of(&screen), Some(Notice::Expired));
        assert!(matches!(
            screen,
            Screen::Username {
                flow: AuthFlow::CustomWithoutSrp,
                ..
            }
        ));
    }
}

/// Password errors keep the person on the password screen with the right words.
#[test]
fn password_errors() {
    let password = walk(
        at_username(AuthFlow::UserSrpAuth),
        vec![Action::SubmitUsername("alice".to_owned())],
    )
    .0;
    let cases = [
        (incorrect(), Notice::WrongPassword),
        (
            Action::SignInAnswered(Err(service(
                "NotAuthorizedException",
                "Password attempts exceeded",
            ))),
            Notice::TooManyAttempts,
        ),
        (
            Action::SignInAnswered(Err(AuthError::Network("offline".to_owned()))),
            Notice::NetworkDown,
        ),
        (
            Action::SignInAnswered(Err(service("NotAuthorizedException", "User is disabled."))),
            Notice::Disabled,
        ),
    ];
    for (answer, notice) in cases {
        let (screen, _) = walk(
            password.clone(),
            vec![Action::SubmitPassword("pw".into()), answer],
        );
        assert!(matches!(screen, Screen::Password { .. }));
        // The password typed is emptied once Cognito has judged it; not when it was never sent.
        let cleared: &[&str] = if notice == Notice::NetworkDown {
            &[]
        } else {
            &["password"]
        };
        assert_eq!(screen.fields_to_clear(), cleared);
        assert_eq!(notice_of(&screen), Some(notice));
    }
    let waiting = step(password, Action::SubmitPassword("pw".into())).0;
    assert!(waiting.fields_to_clear().is_empty());
}

/// New password required: the pool's rules are explained, then it succeeds.
#[test]
fn new_password_required() {
    let (screen, _) = walk(
        at_username(AuthFlow::UserSrpAuth),
        vec![
            Action::SubmitUsername("newbie".to_owned()),
            Action::SubmitPassword("Temp0rary!".into()),
            ok(NextStep::ConfirmSignInWithNewPasswordRequired {
                missing_attributes: vec![],
            }),
            Action::SubmitNewPassword("short".into()),
            Action::SignInAnswered(Err(service(
                "InvalidPasswordException",
                "Password did not conform with policy: Password not long enough",
            ))),
        ],
    );
    assert_eq!(screen.path(), "/new-password");
    assert_eq!(
        notice_of(&screen),
        Some(Notice::PasswordRefused(Some(PasswordRule::MinLength(0))))
    );
    let (screen, requests) = walk(
        screen,
        vec![
            Action::SubmitNewPassword("Long-Enough!1".into()),
            ok(NextStep::Done),
        ],
    );
    assert_eq!(
        requests[0],
        Some(Request::ConfirmSignIn(ConfirmSignInInput::answer(
            "Long-Enough!1"
        )))
    );
    assert_eq!(requests[1], Some(Request::LoadSession));
    assert!(screen.is_waiting());
}

/// Empty fields are explained without a request.
#[test]
fn empty_fields() {
    let (screen, request) = step(
        at_username(AuthFlow::UserSrpAuth),
        Action::SubmitUsername("  ".to_owned()),
    );
    assert_eq!(
        (notice_of(&screen), request),
        (Some(Notice::EnterUsername), None)
    );
    let password = walk(
        at_username(AuthFlow::UserSrpAuth),
        vec![Action::SubmitUsername("a".to_owned())],
    )
    .0;
    let (screen, request) = step(password, Action::SubmitPassword(String::new().into()));
    assert_eq!(
        (notice_of(&screen), request),
        (Some(Notice::EnterPassword), None)
    );
}

/// Signing out, here or everywhere.
#[test]
fn sign_out() {
    let signed_in = Screen::SignedIn {
        who: who(),
        flow: AuthFlow::UserSrpAuth,
        phase: Phase::Editing(None),
    };
    for everywhere in [false, true] {
        let (screen, requests) = walk(
            signed_in.clone(),
            vec![Action::SignOut { everywhere }, Action::SignedOut(Ok(()))],
        );
        assert_eq!(requests[0], Some(Request::SignOut { everywhere }));
        assert_eq!(notice_of(&screen), Some(Notice::SignedOut));
        assert_eq!(screen.path(), "/");
    }
}

/// A reload resumes a signed-in user or a pending step.
#[test]
fn resume_after_reload() {
    let started = |resume| {
        step(
            Screen::default(),
            Action::Started(Ok(Start {
                flow: AuthFlow::UserSrpAuth,
                resume,
                typed: String::new(),
            })),
        )
        .0
    };
    assert!(matches!(
        started(Resume::SignedIn(who())),
        Screen::SignedIn { .. }
    ));
    let pending = started(Resume::Step {
        username: "alice".to_owned(),
        next_step: captcha("x"),
    });
    assert_eq!(pending.path(), "/challenge");
    let unsupported = started(Resume::Step {
        username: "alice".to_owned(),
        next_step: NextStep::Done,
    });
    assert_eq!(unsupported.path(), "/");
}

/// The page the sign-in bundle loads for a reset a sign-in asked for carries on as the sign-in
/// bundle would have: the code is asked for at once, saying why.
#[test]
fn a_reset_handed_over_asks_for_its_code_at_once() {
    let answered = walk(
        at_username(AuthFlow::UserSrpAuth),
        vec![
            Action::SubmitUsername("alice".to_owned()),
            Action::SubmitPassword("p".into()),
        ],
    )
    .0;
    let in_place = step(answered, ok(NextStep::ResetPassword));
    let handed_over = step(
        Screen::default(),
        Action::Started(Ok(Start {
            flow: AuthFlow::UserSrpAuth,
            resume: Resume::ResetRequired("alice".to_owned()),
            typed: String::new(),
        })),
    );
    assert_eq!(handed_over, in_place);
    assert_eq!(
        handed_over.1,
        Some(Request::ResetPassword("alice".to_owned()))
    );
    assert!(handed_over.0.is_waiting());
    // The code's screen still says why.
    let sent = step(
        handed_over.0,
        Action::ResetCodeSent(Ok(
            cognito_auth::ResetPasswordStep::ConfirmResetPasswordWithCode {
                code_delivery_details: None,
            },
        )),
    )
    .0;
    assert_eq!(sent.path(), "/reset-password");
    assert_eq!(notice_of(&sent), Some(Notice::ResetRequired));
}

/// Answers that arrive on the wrong screen, and double submits, change nothing.
#[test]
fn stray_actions_are_ignored() {
    let username = at_username(AuthFlow::UserSrpAuth);
    assert_eq!(step(username.clone(), ok(NextStep::Done)), (username, None));
    let waiting = walk(
        at_username(AuthFlow::CustomWithoutSrp),
        vec![Action::SubmitUsername("a".to_owned())],
    )
    .0;
    assert_eq!(
        step(waiting.clone(), Action::SubmitUsername("b".to_owned())),
        (waiting, None)
    );
}

/// Steps this page does not offer, and errors Amplify turns into steps, are explained.
#[test]
fn unsupported_steps() {
    let password = walk(
        at_username(AuthFlow::UserSrpAuth),
        vec![
            Action::SubmitUsername("a".to_owned()),
            Action::SubmitPassword("p".into()),
        ],
    )
    .0;
    // A required reset is the way in: its code is asked for straight away.
    let (screen, request) = step(password.clone(), ok(NextStep::ResetPassword));
    assert!(
        matches!(screen, Screen::ForgotPassword { .. }),
        "{screen:?}"
    );
    assert_eq!(request, Some(Request::ResetPassword("a".to_owned())));
    for (next_step, notice) in [
        (NextStep::ConfirmSignUp, Notice::NotConfirmed),
        (
            NextStep::ContinueSignInWithMfaSelection {
                allowed_mfa_types: vec![],
            },
            Notice::UnsupportedStep,
        ),
    ] {
        let (screen, _) = step(password.clone(), ok(next_step));
        assert_eq!(notice_of(&screen), Some(notice));
    }
    let (screen, _) = step(password.clone(), ok(NextStep::ConfirmSignInWithTotpCode));
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
    let (_, request) = step(
        password,
        Action::SignInAnswered(Err(AuthError::UserAlreadyAuthenticated)),
    );
    assert_eq!(request, Some(Request::LoadSession));
}

/// Start over from any step forgets the sign-in.
#[test]
fn start_over() {
    let challenge = walk(
        at_username(AuthFlow::CustomWithoutSrp),
        vec![Action::SubmitUsername("alice".to_owned()), ok(captcha("x"))],
    )
    .0;
    let (screen, request) = step(challenge, Action::StartOver);
    assert_eq!(request, Some(Request::ForgetSignIn));
    assert!(
        matches!(screen, Screen::Username { flow: AuthFlow::CustomWithoutSrp, ref username, .. } if username == "alice")
    );
}

/// Focus goes where the person acts next on each screen; signed in, to the heading, so that one
/// more Enter does not sign the person out.
#[test]
fn focus_targets() {
    let username = at_username(AuthFlow::CustomWithSrp);
    // The form that came with the HTML is the same step as the app's first form.
    assert_eq!(Screen::default().focus_target(), Some("username"));
    assert_eq!(Screen::default().step_key(), username.step_key());
    assert_eq!(username.focus_target(), Some("username"));
    let password = walk(username, vec![Action::SubmitUsername("alice".to_owned())]).0;
    assert_eq!(password.focus_target(), Some("password"));
    let challenge = walk(
        password,
        vec![Action::SubmitPassword("pw".into()), ok(captcha("x"))],
    )
    .0;
    assert_eq!(challenge.focus_target(), Some("answer"));
    let signed_in = walk(
        challenge,
        vec![
            Action::SubmitAnswer("5".into()),
            ok(NextStep::Done),
            Action::SessionLoaded(Ok(Some(who()))),
        ],
    )
    .0;
    assert_eq!(signed_in.focus_target(), Some("screen-title"));
}

/// A new challenge is a new step (a new form, focused afresh); a notice on the same one is not.
#[test]
fn step_keys() {
    let challenge = walk(
        at_username(AuthFlow::CustomWithoutSrp),
        vec![Action::SubmitUsername("alice".to_owned()), ok(captcha("a"))],
    )
    .0;
    let waiting = step(challenge.clone(), Action::SubmitAnswer("5".into())).0;
    assert_eq!(waiting.step_key(), challenge.step_key());
    let next = step(waiting, ok(captcha("b"))).0;
    assert_ne!(next.step_key(), challenge.step_key());
    assert_eq!(at_username(AuthFlow::UserSrpAuth).step_key(), "/");
    // The same parameters, in any order, are the same step.
    let with = |entries: &[(&str, &str)]| {
        let mut additional_info = StringMap::new();
        for (name, value) in entries {
            additional_info.insert((*name).to_owned(), (*value).to_owned());
        }
        Screen::Challenge {
            flow: AuthFlow::CustomWithoutSrp,
            username: "alice".to_owned(),
            additional_info,
            phase: Phase::Editing(None),
        }
        .step_key()
    };
    let many: Vec<(String, String)> = (0..40)
        .map(|i| (format!("name{i}"), format!("value{i}")))
        .collect();
    let forward: Vec<(&str, &str)> = many.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let backward: Vec<(&str, &str)> = forward.iter().rev().copied().collect();
    assert_eq!(with(&forward), with(&backward));
    assert_ne!(with(&[("a", "b")]), with(&[("a", "c")]));
    assert_ne!(with(&[("ab", "")]), with(&[("a", "b")]));
}

/// Choosing another flow keeps what the username field holds.
#[test]
fn choosing_a_flow_keeps_the_username() {
    let (screen, requests) = walk(
        at_username(AuthFlow::UserSrpAuth),
        vec![Action::ChooseFlow {
            flow: AuthFlow::CustomWithoutSrp,
            typed: "alice@example.com".to_owned(),
        }],
    );
    assert!(
        matches!(&screen, Screen::Username { flow: AuthFlow::CustomWithoutSrp, username, .. } if username == "alice@example.com"),
        "{screen:?}"
    );
    assert_eq!(requests, vec![Some(Request::ForgetSignIn)]);
}

/// What was typed into the form that came with the HTML is kept when the page has started.
#[test]
fn typing_before_the_start_is_kept() {
    let (screen, _) = step(
        Screen::default(),
        Action::Started(Ok(Start {
            flow: AuthFlow::UserSrpAuth,
            resume: Resume::Nothing,
            typed: "ali".to_owned(),
        })),
    );
    assert!(matches!(&screen, Screen::Username { username, .. } if username == "ali"));
}

/// The passwordless flow never says "password" about an unknown username.
#[test]
fn passwordless_unknown_user_is_not_told_about_a_password() {
    let (screen, _) = walk(
        at_username(AuthFlow::CustomWithoutSrp),
        vec![Action::SubmitUsername("nobody".to_owned()), incorrect()],
    );
    assert_eq!(notice_of(&screen), Some(Notice::UnknownUsername));
    assert!(!Notice::UnknownUsername.text().contains("password"));
}

/// The same failure twice in a row says so, and a lockout's wait grows.
#[test]
fn repeated_failures_show_as_repeats() {
    let password = walk(
        at_username(AuthFlow::UserPasswordAuth),
        vec![Action::SubmitUsername("alice".to_owned())],
    )
    .0;
    let mut screen = password;
    let mut texts = Vec::new();
    for _ in 0..3 {
        screen = walk(
            screen,
            vec![Action::SubmitPassword("pw".into()), incorrect()],
        )
        .0;
        let Some(Phase::Editing(Some(shown))) = screen.phase() else {
            panic!("{screen:?}")
        };
        texts.push(shown.text());
    }
    assert!(!texts[0].contains("in a row"), "{texts:?}");
    assert!(texts[1].ends_with("(2 times in a row)"), "{texts:?}");
    assert!(texts[2].ends_with("(3 times in a row)"), "{texts:?}");

    let locked = Action::SignInAnswered(Err(service(
        "NotAuthorizedException",
        "Password attempts exceeded",
    )));
    let mut lockouts = Vec::new();
    for _ in 0..3 {
        screen = walk(
            screen,
            vec![Action::SubmitPassword("pw".into()), locked.clone()],
        )
        .0;
        let Some(Phase::Editing(Some(shown))) = screen.phase() else {
            panic!("{screen:?}")
        };
        lockouts.push(shown.text());
    }
    assert!(lockouts[0].contains("few seconds"), "{lockouts:?}");
    assert!(lockouts[1].contains("about a minute"), "{lockouts:?}");
    assert!(lockouts[2].contains("about 15 minutes"), "{lockouts:?}");
}

/// Back in the browser during a sign-in returns to the first screen with the username; it does
/// nothing elsewhere.
#[test]
fn start_over_only_mid_sign_in() {
    let password = walk(
        at_username(AuthFlow::UserSrpAuth),
        vec![Action::SubmitUsername("alice".to_owned())],
    )
    .0;
    let (screen, request) = step(password, Action::StartOver);
    assert!(matches!(&screen, Screen::Username { username, .. } if username == "alice"));
    assert_eq!(request, Some(Request::ForgetSignIn));
    let (same, request) = step(screen.clone(), Action::StartOver);
    assert_eq!(same, screen);
    assert_eq!(request, None);
}

/// A reload on the password step comes back to it, with the username and the flow.
#[test]
fn reload_on_the_password_step() {
    let (screen, request) = step(
        Screen::default(),
        Action::Started(Ok(Start {
            flow: AuthFlow::UserSrpAuth,
            resume: Resume::Password {
                username: "alice".to_owned(),
                flow: AuthFlow::CustomWithSrp,
            },
            typed: String::new(),
        })),
    );
    assert!(
        matches!(&screen, Screen::Password { username, flow: AuthFlow::CustomWithSrp, .. } if username == "alice"),
        "{screen:?}"
    );
    assert_eq!(request, Some(Request::PrepareSrp));
}

/// Signing out in another tab signs this one out; it means nothing before signing in.
#[test]
fn signed_out_elsewhere() {
    let signed_in = step(
        Screen::default(),
        Action::Started(Ok(Start {
            flow: AuthFlow::UserSrpAuth,
            resume: Resume::SignedIn(who()),
            typed: String::new(),
        })),
    )
    .0;
    let (screen, _) = step(signed_in, Action::SignedOutElsewhere);
    assert_eq!(notice_of(&screen), Some(Notice::SignedOutElsewhere));
    let username = at_username(AuthFlow::UserSrpAuth);
    assert_eq!(
        step(username.clone(), Action::SignedOutElsewhere).0,
        username
    );
}

/// The new password: typed twice and meeting the rules before it is sent; the rules' state and
/// the show toggle live in the screen, the password never does.
#[test]
fn new_password_checks_before_sending() {
    let policy = PasswordPolicy::default();
    let mut screen = Screen::NewPassword {
        flow: AuthFlow::UserSrpAuth,
        username: "newbie".to_owned(),
        missing_attributes: Vec::new(),
        checks: PasswordChecks::default(),
        visible: false,
        phase: Phase::READY,
    };
    screen = step(screen, Action::ShowPasswords(true)).0;
    assert!(matches!(screen, Screen::NewPassword { visible: true, .. }));

    screen = step(
        screen,
        Action::NewPasswordTyped(policy.check("short", "short")),
    )
    .0;
    let (refused, request) = step(screen.clone(), Action::SubmitNewPassword("short".into()));
    assert_eq!(request, None);
    assert_eq!(notice_of(&refused), Some(Notice::PasswordRulesUnmet));

    let good = "Str0ng-Passw0rd!";
    screen = step(
        screen,
        Action::NewPasswordTyped(policy.check(good, "different")),
    )
    .0;
    let (refused, request) = step(screen.clone(), Action::SubmitNewPassword(good.into()));
    assert_eq!(request, None);
    assert_eq!(notice_of(&refused), Some(Notice::PasswordsDiffer));

    screen = step(screen, Action::NewPasswordTyped(policy.check(good, good))).0;
    let printed = format!("{screen:?}");
    assert!(!printed.contains("Passw0rd"), "{printed}");
    let (waiting, request) = step(screen, Action::SubmitNewPassword(good.into()));
    assert!(waiting.is_waiting());
    assert!(matches!(request, Some(Request::ConfirmSignIn(_))));
}

/// Continue chosen while the page was still starting goes on once it has started.
#[test]
fn continue_before_the_start_goes_on() {
    let (starting, request) = step(
        Screen::default(),
        Action::SubmitUsername("alice".to_owned()),
    );
    assert_eq!(request, None);
    let (screen, _) = step(
        starting,
        Action::Started(Ok(Start {
            flow: AuthFlow::UserSrpAuth,
            resume: Resume::Nothing,
            typed: "alice".to_owned(),
        })),
    );
    assert!(matches!(&screen, Screen::Password { username, .. } if username == "alice"));
}
