//! The root component: the reducer, its effects, and the screen for the state.

use std::rc::Rc;

use cognito_auth::SecretString;
use yew::prelude::*;

use crate::appearance;
use crate::config::AppConfig;
use crate::dom;
use crate::effects::{self, Ready};
use crate::route::Route;
#[cfg(feature = "account")]
use crate::signin::CodeSource;
#[cfg(feature = "account")]
use crate::signin::PasswordPolicy;
use crate::signin::{Action, Page, Screen};
use crate::state::AppState;
use crate::views::challenge_form::ChallengeForm;
use crate::views::code_form::CodeForm;
use crate::views::config_problem::config_problem;
use crate::views::email_setup::EmailSetup;
use crate::views::factor_choice::FactorChoice;
#[cfg(feature = "account")]
use crate::views::forgot_password_form::{ResetPassword, forgot_password};
use crate::views::frame::{brand_header, page_footer};
use crate::views::mfa_choice::MfaChoice;
#[cfg(feature = "account")]
use crate::views::new_password_form::NewPasswordForm;
use crate::views::offer::Offer;
use crate::views::password_form::PasswordForm;
#[cfg(feature = "account")]
use crate::views::security_page::SecurityPage;
#[cfg(feature = "account")]
use crate::views::sign_up_form::SignUp;
use crate::views::signed_in::SignedIn;
use crate::views::totp_setup::TotpSetup;
use crate::views::username_form::UsernameForm;

/// What the person typed into the username form that came with the HTML, before the app took it
/// over: it is rendered again as it was left (and the field focused, with the caret at the end).
#[derive(Clone, Debug, Default, PartialEq, Eq, Properties)]
pub struct FirstScreen {
    /// What the username field holds.
    pub typed: String,
    /// Whether Continue was chosen (the sign-in goes on once the page has started).
    pub submitted: bool,
}

/// The whole login page.
///
/// Every screen has its own address ([`Route::of`]), kept in the address bar, so a reload lands
/// on the same screen; the state machine decides what may be shown there (a reload on
/// `/challenge` with no sign-in in progress goes to `/`). The screen is the source of truth: the
/// address follows it (`effects::show_route`), keeping the query (`?redirect=`). Going from the
/// first screen into a sign-in adds a history entry, so the browser's Back button returns to the
/// first screen ([`Action::StartOver`]) rather than leaving the page.
#[component]
pub fn App(first: &FirstScreen) -> Html {
    let state = use_reducer(AppState::default);
    // Set once, just before the `Started` action that re-renders the page with it.
    let ready = use_mut_ref(|| None::<Ready>);
    // Bumped when the person moves through the history (Back, Forward): the address is then put
    // back on the screen's route even if the screen did not change.
    let moves = use_state(|| 0_u32);
    // A picked language's words, once installed (the views read them from `crate::words`):
    // the page is drawn again in it.
    let redraw = use_force_update();

    // Effect: start once (configuration, then what to resume), and listen to the browser's
    // history and to the other tabs' sign-outs for as long as the page lives.
    {
        let (dispatcher, ready, moves) = (state.dispatcher(), ready.clone(), moves.clone());
        let first = first.clone();
        use_effect_with((), move |_| {
            if first.submitted {
                dispatcher.dispatch(Action::SubmitUsername(first.typed));
            }
            let listeners = effects::listen(
                dispatcher.clone(),
                Callback::from(move |()| moves.set(*moves + 1)),
            );
            effects::start(
                Callback::from(move |loaded| *ready.borrow_mut() = Some(loaded)),
                dispatcher,
            );
            // Dropped when the page goes: the listeners are removed.
            move || {
                let _removed = listeners;
            }
        });
    }
    // Effect: perform each new request.
    {
        // Keyed on the request's number: two equal requests in a row are both performed.
        let (state, ready) = (state.clone(), ready.clone());
        use_effect_with(state.requests, move |_| {
            if let Some(ready) = &*ready.borrow()
                && let Some(request) = state.take_request()
            {
                effects::perform(ready, request, state.dispatcher());
            }
        });
    }
    // Effect: keep the address bar on the screen's route (a new entry when a sign-in starts).
    {
        let shown = use_mut_ref(|| None::<Route>);
        use_effect_with((Route::of(&state.screen), *moves), move |(route, _)| {
            if let Some(route) = *route {
                let before = shown.borrow_mut().replace(route);
                let entering =
                    matches!(before, Some(Route::SignIn | Route::SignedIn)) && route.is_deeper();
                effects::show_route(route, entering);
            }
        });
    }
    // Effect: a step only the other bundle shows (a required new password, a reset a sign-in
    // asked for), reached by the sign-in bundle: that bundle's page is loaded to carry on.
    #[cfg(not(feature = "account"))]
    {
        let handed = Route::of(&state.screen).filter(|route| route.in_account_bundle());
        let (state, ready) = (state.clone(), ready.clone());
        use_effect_with(handed, move |handed| {
            if let (Some(_), Some(ready)) = (handed, &*ready.borrow()) {
                effects::hand_over(ready, &state.screen);
            }
        });
    }
    let starting = matches!(state.screen, Screen::Starting { .. });
    // Effect: once started, the page shows what the app drew (hidden until then at the second
    // bundle's pages, where the form that came with the HTML is not the page).
    use_effect_with(starting, |starting| {
        if !starting {
            dom::reveal();
        }
    });
    // Effect: a reload of the password step comes back to it (nothing else of a sign-in is
    // kept before Cognito has answered).
    // Not while starting: what a reload kept is read then.
    use_effect_with(
        (starting, effects::password_step(&state.screen)),
        |(starting, step)| {
            if !starting {
                effects::keep_password_step(step.as_ref());
            }
        },
    );

    // Effect: once signed in, go back where the person came from (an allowed target only).
    {
        let target = match (&state.screen, &*ready.borrow()) {
            (Screen::SignedIn { .. }, Some(ready)) => ready.redirect.clone(),
            _ => None,
        };
        use_effect_with(target, |target| {
            if let Some(url) = target {
                effects::leave_to(url);
            }
        });
    }

    // Effect: focus moves to each new step's field, so keyboard and screen-reader users land
    // where to act (after what is already typed).
    let step_key = state.screen.step_key();
    use_effect_with(
        (state.screen.focus_target(), step_key.clone()),
        |(target, _)| {
            if let Some(id) = target {
                dom::focus_at_end(id);
            }
        },
    );
    // Effect: empty the password fields once Cognito has answered what they held.
    use_effect_with(state.screen.fields_to_clear(), |fields| {
        for id in *fields {
            dom::clear_field(id);
        }
    });

    // Callbacks.
    let dispatcher = state.dispatcher();
    let dispatch = |make: fn(String) -> Action| dispatcher.to_callback().reform(make);
    let dispatch_secret = |make: fn(SecretString) -> Action| dispatcher.to_callback().reform(make);
    let start_over = dispatcher.to_callback().reform(|()| Action::StartOver);
    let onchoose_flow = dispatcher
        .to_callback()
        .reform(|(flow, typed)| Action::ChooseFlow { flow, typed });
    let config = ready.borrow().as_ref().map(|ready| ready.config.clone());
    let flow_choice = config.as_ref().is_some_and(|config| config.flow_choice);
    let go = |page: Page| {
        // The sign-in bundle loads the other bundle's pages rather than showing them.
        let route = Route::of_page(page);
        if !cfg!(feature = "account") && route.in_account_bundle() {
            let flow = crate::signin::flow_of(&state.screen);
            return Callback::from(move |()| {
                // The flow chosen goes on; the reset form comes filled with the username typed.
                let reset = (page == Page::ForgotPassword)
                    .then(|| effects::Reset::Typed(dom::field_value("username")));
                effects::keep_hand_over(&effects::HandOver { flow, reset });
                effects::load_page(route);
            });
        }
        dispatcher
            .to_callback()
            .reform(move |()| Action::Navigate(page))
    };
    #[cfg(feature = "account")]
    let default_policy = PasswordPolicy::default();
    #[cfg(feature = "account")]
    let policy = config
        .as_ref()
        .map_or(&default_policy, |config| &config.password_policy);

    let screen = match &state.screen {
        // The form that came with the HTML, as the person left it, until the page has started.
        Screen::Starting { .. } => {
            UsernameForm::first(&first.typed, dispatch(Action::SubmitUsername)).view()
        }
        Screen::ConfigProblem { message } => config_problem(message),
        Screen::Username {
            flow,
            username,
            phase,
        } => UsernameForm {
            flow: *flow,
            username,
            phase,
            flow_choice,
            onsubmit: dispatch(Action::SubmitUsername),
            onchoose_flow,
            onsign_up: config
                .as_ref()
                .is_some_and(|config| config.sign_up)
                .then(|| go(Page::SignUp)),
            onforgot: Some(go(Page::ForgotPassword)),
        }
        .view(),
        #[cfg(feature = "account")]
        Screen::SignUp {
            checks,
            visible,
            phase,
            ..
        } => SignUp {
            email_is_username: config
                .as_ref()
                .is_some_and(|config| config.email_is_username),
            attributes: config
                .as_ref()
                .map_or(&[][..], |config| &config.required_attributes),
            password: (!config
                .as_ref()
                .is_some_and(|config| config.passwordless_sign_up))
            .then_some(policy),
            checks,
            visible: *visible,
            phase,
            onsubmit: dispatcher.to_callback().reform(Action::SubmitSignUp),
            ontyped: dispatcher.to_callback().reform(Action::NewPasswordTyped),
            onshow: dispatcher.to_callback().reform(Action::ShowPasswords),
            onsign_in: go(Page::SignIn),
        }
        .view(),
        #[cfg(feature = "account")]
        Screen::ConfirmSignUp {
            destination, phase, ..
        } => CodeForm {
            source: &CodeSource::Email(destination.clone()),
            can_resend: true,
            phase,
            onsubmit: dispatch_secret(Action::SubmitCode),
            onresend: dispatcher.to_callback().reform(|()| Action::ResendCode),
            onstart_over: go(Page::SignIn),
        }
        .view(),
        #[cfg(feature = "account")]
        Screen::ForgotPassword {
            username, phase, ..
        } => forgot_password(
            username,
            phase,
            &dispatch(Action::SubmitUsername),
            &go(Page::SignIn),
        ),
        #[cfg(feature = "account")]
        Screen::ResetPassword {
            username,
            destination,
            checks,
            visible,
            phase,
            ..
        } => ResetPassword {
            username,
            destination: destination.as_deref(),
            policy,
            checks,
            visible: *visible,
            phase,
            onsubmit: dispatcher
                .to_callback()
                .reform(|(code, password)| Action::SubmitReset { code, password }),
            ontyped: dispatcher.to_callback().reform(Action::NewPasswordTyped),
            onshow: dispatcher.to_callback().reform(Action::ShowPasswords),
            onresend: dispatcher.to_callback().reform(|()| Action::ResendCode),
            onsign_in: go(Page::SignIn),
        }
        .view(),
        #[cfg(feature = "account")]
        Screen::Security {
            who,
            account,
            task,
            phase,
            ..
        } => SecurityPage {
            who,
            account: account.as_ref(),
            task: task.as_ref(),
            phase,
            policy,
            app_name: config.as_ref().map_or("Sign in", |config| &config.app_name),
            onchange: dispatcher.to_callback().reform(Action::Change),
            ontask: dispatcher.to_callback().reform(Action::StartTask),
            oncancel: dispatcher.to_callback().reform(|()| Action::CancelTask),
            onadd_passkey: dispatcher.to_callback().reform(|()| Action::AddPasskey),
            ontyped: dispatcher.to_callback().reform(Action::NewPasswordTyped),
            onshow: dispatcher.to_callback().reform(Action::ShowPasswords),
            onsign_out: dispatcher
                .to_callback()
                .reform(|everywhere| Action::SignOut { everywhere }),
            onback: go(Page::SignIn),
        }
        .view(),
        // Never shown by the sign-in bundle, which loads these pages' addresses instead.
        #[cfg(not(feature = "account"))]
        Screen::SignUp { .. }
        | Screen::ConfirmSignUp { .. }
        | Screen::Security { .. }
        | Screen::ForgotPassword { .. }
        | Screen::ResetPassword { .. }
        | Screen::NewPassword { .. } => Html::default(),
        Screen::Password {
            flow,
            username,
            phase,
        } => PasswordForm {
            username,
            flow: *flow,
            phase,
            onsubmit: dispatch_secret(Action::SubmitPassword),
            onstart_over: start_over,
        }
        .view(),
        Screen::Challenge {
            additional_info,
            phase,
            ..
        } => ChallengeForm {
            additional_info,
            phase,
            onsubmit: dispatch_secret(Action::SubmitAnswer),
            onstart_over: start_over,
        }
        .view(),
        #[cfg(feature = "account")]
        Screen::NewPassword {
            username,
            checks,
            visible,
            phase,
            ..
        } => NewPasswordForm {
            username,
            policy,
            checks,
            visible: *visible,
            phase,
            onsubmit: dispatch_secret(Action::SubmitNewPassword),
            ontyped: dispatcher.to_callback().reform(Action::NewPasswordTyped),
            onshow: dispatcher.to_callback().reform(Action::ShowPasswords),
            onstart_over: start_over,
        }
        .view(),
        Screen::ChooseFactor {
            username,
            factors,
            phase,
        } => FactorChoice {
            username,
            factors,
            phase,
            onchoose: dispatcher.to_callback().reform(Action::ChooseFactor),
            onstart_over: start_over,
        }
        .view(),
        Screen::Code {
            source,
            first_factor,
            phase,
            ..
        } => CodeForm {
            source,
            can_resend: *first_factor,
            phase,
            onsubmit: dispatch_secret(Action::SubmitCode),
            onresend: dispatcher.to_callback().reform(|()| Action::ResendCode),
            onstart_over: start_over,
        }
        .view(),
        Screen::ChooseMfa {
            choices,
            setting_up,
            phase,
            ..
        } => MfaChoice {
            choices,
            setting_up: *setting_up,
            phase,
            onchoose: dispatcher.to_callback().reform(Action::ChooseMfa),
            onstart_over: start_over,
        }
        .view(),
        Screen::TotpSetup {
            username,
            details,
            phase,
            ..
        } => TotpSetup {
            details,
            app_name: config.as_ref().map_or("Sign in", |config| &config.app_name),
            account: username,
            phase,
            onsubmit: dispatch_secret(Action::SubmitCode),
            onstart_over: start_over,
        }
        .view(),
        Screen::EmailSetup { phase, .. } => EmailSetup {
            phase,
            onsubmit: dispatch(Action::SubmitEmail),
            onstart_over: start_over,
        }
        .view(),
        Screen::RememberDevice { phase, .. } => Offer::remember_device(
            phase,
            dispatcher.to_callback().reform(Action::RememberDevice),
        )
        .view(),
        Screen::OfferPasskey { phase, .. } => Offer::add_passkey(
            phase,
            dispatcher.to_callback().reform(|add| {
                if add {
                    Action::AddPasskey
                } else {
                    Action::DeclinePasskey
                }
            }),
        )
        .view(),
        Screen::SignedIn { who, phase, .. } => SignedIn {
            who,
            phase,
            onsecurity: go(Page::Security),
            onsign_out: dispatcher
                .to_callback()
                .reform(|everywhere| Action::SignOut { everywhere }),
        }
        .view(),
    };
    let (header, footer) = frame(
        config.as_ref(),
        &redraw,
        dispatcher.to_callback().reform(Action::KeepTyped),
    );
    // Keyed on the step, so a new step is new DOM (a new challenge's answer field starts
    // empty): Yew would otherwise reuse one screen's field for the next, and an `<input>` reused
    // that way loses what is typed in it at every later render (Yew's bundle keeps the old
    // `value`).
    // Every child keyed: Yew honours keys only in a list whose children all have one.
    html! {
        <main class="page">
            <key="brand">{ header }</>
            <key={step_key}>{ screen }</>
            <key="footer">{ footer }</>
        </main>
    }
}

/// The brand above the screen and the footer below it (the language picker, the brand's links),
/// once the configuration is known. A language picked is fetched and installed, then the page
/// drawn again (`redraw`) in it; what the username field holds is kept first
/// (`keep_typed`), or that redraw would put the field back to the screen's value.
fn frame(
    config: Option<&Rc<AppConfig>>,
    redraw: &UseForceUpdateHandle,
    keep_typed: Callback<String>,
) -> (Html, Html) {
    let Some(config) = config else {
        return (Html::default(), Html::default());
    };
    let onlanguage = {
        let (redraw, config) = (redraw.clone(), config.clone());
        Callback::from(move |asked: String| {
            if let Some(tag) = crate::words::supported(&asked) {
                keep_typed.emit(dom::field_value("username"));
                let redraw = redraw.clone();
                appearance::change_language(
                    tag,
                    config.clone(),
                    Callback::from(move |()| redraw.force_update()),
                );
            }
        })
    };
    (
        brand_header(&config.brand),
        page_footer(crate::words::current_tag(), &config.brand, onlanguage),
    )
}

/// The first screen as it comes with the HTML: rendered at build time into `index.html`
/// (`src/main.rs` natively, for `scripts/post_build.py`), the same view the app shows until it
/// has started.
pub fn first_screen_html() -> Html {
    let form = UsernameForm::first("", Callback::noop());
    html! { <main class="page"><key={"/"}>{ form.view() }</></main> }
}
