//! The thin Yew adapter over [`crate::signin::step`]: the screen, plus the request the effects
//! layer must perform, numbered so that two equal requests in a row are both performed.

use std::cell::Cell;
use std::rc::Rc;

use yew::Reducible;

use crate::signin::{Action, Request, Screen, step};

/// What the app holds.
#[derive(Clone, Debug, Default)]
pub(crate) struct AppState {
    /// The screen shown.
    pub(crate) screen: Screen,
    /// How many requests the state machine has asked for: the effect that performs them is keyed
    /// on it.
    pub(crate) requests: u64,
    /// The newest request, until the effect takes it.
    outbox: Outbox,
}

/// The newest request, held only until it is performed: a request can carry a password or an
/// answer, which must not stay in the page's state once sent. [`Outbox::take`] empties it.
#[derive(Clone, Default)]
struct Outbox(Rc<Cell<Option<Request>>>);

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let request = self.0.take();
        let result = f.debug_tuple("Outbox").field(&request).finish();
        self.0.set(request);
        result
    }
}

impl AppState {
    /// The request to perform, taken out of the state.
    pub(crate) fn take_request(&self) -> Option<Request> {
        self.outbox.0.take()
    }
}

/// Two states are equal when they show the same screen after the same requests (the outbox is
/// not compared: it empties itself).
impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        self.screen == other.screen && self.requests == other.requests
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let (screen, request) = step(self.screen.clone(), action);
        let requests = self.requests + u64::from(request.is_some());
        Rc::new(Self {
            screen,
            requests,
            outbox: Outbox(Rc::new(Cell::new(request))),
        })
    }
}

#[cfg(test)]
mod tests {
    use cognito_auth::AuthFlow;

    use super::*;
    use crate::signin::{Resume, Start};

    /// A password travels in one request, which leaves the page's state when it is performed.
    #[test]
    fn a_password_leaves_the_state_once_its_request_is_taken() {
        let mut state = Rc::new(AppState::default());
        for action in [
            Action::Started(Ok(Start {
                flow: AuthFlow::UserPasswordAuth,
                resume: Resume::Nothing,
                typed: String::new(),
            })),
            Action::SubmitUsername("alice".to_owned()),
            Action::SubmitPassword("correct-horse-battery".into()),
        ] {
            state = state.reduce(action);
        }
        let printed = format!("{state:?}");
        assert!(!printed.contains("correct-horse"), "{printed}");
        let Some(Request::SignIn(input)) = state.take_request() else {
            panic!("the password is sent: {printed}");
        };
        assert_eq!(
            cognito_auth::ExposeSecret::expose_secret(input.password.as_ref().unwrap()),
            "correct-horse-battery"
        );
        assert!(state.take_request().is_none(), "taken once");
        assert_eq!(state.requests, 1);
    }
}
