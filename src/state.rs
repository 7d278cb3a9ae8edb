//! The thin Yew adapter over [`crate::signin::step`]: the screen, plus the request the effects
//! layer must perform, numbered so that two equal requests in a row are both performed.

use std::rc::Rc;

use yew::Reducible;

use crate::signin::{Action, Request, Screen, step};

/// What the app holds.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AppState {
    /// The screen shown.
    pub(crate) screen: Screen,
    /// The newest request and its number.
    pub(crate) request: Option<(u64, Request)>,
    requests: u64,
}

impl Default for AppState {
    fn default() -> Self {
        Self {
            screen: Screen::Starting,
            request: None,
            requests: 0,
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let (screen, request) = step(self.screen.clone(), action);
        let requests = self.requests + u64::from(request.is_some());
        Rc::new(Self {
            screen,
            request: request.map(|request| (requests, request)),
            requests,
        })
    }
}
