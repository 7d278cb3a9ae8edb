//! The root component: the reducer, its effects, and the screen for the state.

use cognito_auth::SecretString;
use yew::prelude::*;

use crate::dom;
use crate::effects::{self, Ready};
use crate::route::Route;
use crate::signin::{Action, Screen};
use crate::state::AppState;
use crate::views::challenge_form::ChallengeForm;
use crate::views::config_problem::config_problem;
use crate::views::new_password_form::NewPasswordForm;
use crate::views::password_form::PasswordForm;
use crate::views::signed_in::SignedIn;
use crate::views::starting::starting;
use crate::views::username_form::UsernameForm;

/// The whole login page.
///
/// Every screen has its own address ([`Route::of`]), kept in the address bar, so a reload lands
/// on the same screen; the state machine decides what may be shown there (a reload on
/// `/challenge` with no sign-in in progress goes to `/`). The screen is the source of truth: the
/// address follows it (`effects::show_route`), replacing the current entry and keeping the
/// query (`?redirect=`).
#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    // Set once, just before the `Started` action that re-renders the page with it.
    let ready = use_mut_ref(|| None::<Ready>);

    // Effect: start once (configuration, then what to resume).
    {
        let (dispatcher, ready) = (state.dispatcher(), ready.clone());
        use_effect_with((), move |_| {
            effects::start(
                Callback::from(move |loaded| *ready.borrow_mut() = Some(loaded)),
                dispatcher,
            )
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
    // Effect: keep the address bar on the screen's route.
    use_effect_with(Route::of(&state.screen), |route| {
        if let Some(route) = route {
            effects::show_route(*route);
        }
    });

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
    // where to act.
    let step_key = state.screen.step_key();
    use_effect_with(
        (state.screen.focus_target(), step_key.clone()),
        |(target, _)| {
            if let Some(id) = target {
                dom::focus(id);
            }
        },
    );
    // Effect: empty a password field once Cognito has answered what it held.
    use_effect_with(state.screen.field_to_clear(), |field| {
        if let Some(id) = field {
            dom::clear_field(id);
        }
    });

    // Callbacks.
    let dispatch = |make: fn(String) -> Action| state.dispatcher().to_callback().reform(make);
    let dispatch_secret =
        |make: fn(SecretString) -> Action| state.dispatcher().to_callback().reform(make);
    let start_over = state
        .dispatcher()
        .to_callback()
        .reform(|()| Action::StartOver);
    let flow_choice = ready
        .borrow()
        .as_ref()
        .is_some_and(|ready| ready.config.flow_choice);

    let screen = match &state.screen {
        Screen::Starting => starting(),
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
            onchoose_flow: state.dispatcher().to_callback().reform(Action::ChooseFlow),
        }
        .view(),
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
        Screen::NewPassword {
            username, phase, ..
        } => NewPasswordForm {
            username,
            phase,
            onsubmit: dispatch_secret(Action::SubmitNewPassword),
            onstart_over: start_over,
        }
        .view(),
        Screen::SignedIn { who, phase, .. } => SignedIn {
            who,
            phase,
            onsign_out: state
                .dispatcher()
                .to_callback()
                .reform(|everywhere| Action::SignOut { everywhere }),
        }
        .view(),
    };
    // Keyed on the step, so a new step is new DOM (a new challenge's answer field starts
    // empty): Yew would otherwise reuse one screen's field for the next, and an `<input>` reused
    // that way loses what is typed in it at every later render (Yew's bundle keeps the old
    // `value`).
    html! { <main class="page"><key={step_key}>{ screen }</></main> }
}
