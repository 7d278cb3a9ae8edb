//! Routes and the root component: the reducer, its effects, and the screen for the state.

use yew::prelude::*;

use crate::components::challenge_form::ChallengeForm;
use crate::components::config_problem::{ConfigProblemProps, config_problem};
use crate::components::new_password_form::NewPasswordForm;
use crate::components::password_form::PasswordForm;
use crate::components::signed_in::SignedIn;
use crate::components::starting::starting;
use crate::components::username_form::UsernameForm;
use crate::effects::{self, Ready};
use crate::signin::{Action, Screen};
use crate::state::AppState;

/// The whole login page.
///
/// Every screen has its own path (`Screen::path`), kept in the address bar, so a reload lands on
/// the same screen; the state machine decides what may be shown there (a reload on `/challenge`
/// with no sign-in in progress goes to `/`). The screen is the only source of truth, so no router
/// is needed: the address bar simply follows it.
#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let ready = use_state(|| None::<Ready>);

    // Effect: start once (configuration, then what to resume).
    {
        let (dispatcher, ready) = (state.dispatcher(), ready.clone());
        use_effect_with((), move |_| {
            effects::start(
                Callback::from(move |loaded| ready.set(Some(loaded))),
                dispatcher,
            )
        });
    }
    // Effect: perform each new request.
    {
        let (dispatcher, ready) = (state.dispatcher(), (*ready).clone());
        use_effect_with(state.request.clone(), move |request| {
            if let (Some((_, request)), Some(ready)) = (request, ready) {
                effects::perform(&ready, request.clone(), dispatcher);
            }
        });
    }
    // Effect: keep the address bar on the screen's path.
    use_effect_with(state.screen.path(), |path| effects::show_path(path));

    // Effect: once signed in, go back where the person came from (an allowed target only).
    {
        let target = match (&state.screen, ready.as_ref()) {
            (Screen::SignedIn { .. }, Some(ready)) => ready.redirect.clone(),
            _ => None,
        };
        use_effect_with(target, |target| {
            if let Some(url) = target {
                effects::leave_to(url);
            }
        });
    }

    // Callbacks.
    let dispatch = |make: fn(String) -> Action| state.dispatcher().to_callback().reform(make);
    let start_over = state
        .dispatcher()
        .to_callback()
        .reform(|()| Action::StartOver);
    let flow_choice = ready.as_ref().is_some_and(|ready| ready.config.flow_choice);

    let screen = match &state.screen {
        Screen::Starting => starting(),
        Screen::ConfigProblem { message } => config_problem(&ConfigProblemProps {
            message: message.clone().into(),
        }),
        Screen::Username {
            flow,
            username,
            phase,
        } => html! {
            <UsernameForm flow={*flow} username={username.clone()} phase={phase.clone()} flow_choice={flow_choice}
                onsubmit={dispatch(Action::SubmitUsername)}
                onchoose_flow={state.dispatcher().to_callback().reform(Action::ChooseFlow)} />
        },
        Screen::Password {
            flow,
            username,
            phase,
        } => html! {
            <PasswordForm flow={*flow} username={username.clone()} phase={phase.clone()}
                onsubmit={dispatch(Action::SubmitPassword)} onstart_over={start_over} />
        },
        Screen::Challenge {
            additional_info,
            phase,
            ..
        } => {
            // A new challenge is a new form: the answer field starts empty and takes focus.
            let key = additional_info
                .values()
                .cloned()
                .collect::<Vec<_>>()
                .join("\u{0}");
            html! {
                <ChallengeForm key={key} additional_info={additional_info.clone()} phase={phase.clone()}
                    onsubmit={dispatch(Action::SubmitAnswer)} onstart_over={start_over} />
            }
        }
        Screen::NewPassword {
            username, phase, ..
        } => html! {
            <NewPasswordForm username={username.clone()} phase={phase.clone()}
                onsubmit={dispatch(Action::SubmitNewPassword)} onstart_over={start_over} />
        },
        Screen::SignedIn { who, phase, .. } => html! {
            <SignedIn who={who.clone()} phase={phase.clone()}
                onsign_out={state.dispatcher().to_callback().reform(|everywhere| Action::SignOut { everywhere })} />
        },
    };
    html! { <main class="page">{ screen }</main> }
}
