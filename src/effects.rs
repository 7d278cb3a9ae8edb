//! Effects: the I/O the state machine asks for, performed with `cognito-auth`'s browser client;
//! each outcome comes back as an [`Action`]. Also what a reload needs to resume: the step
//! waiting for an answer is kept in `sessionStorage` beside Amplify's `CognitoSignInState.*`.

use std::rc::Rc;

use crate::config::AppConfig;
#[cfg(target_arch = "wasm32")]
pub(crate) use browser::{leave_to, perform, show_route, start};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use native::{leave_to, perform, show_route, start};

/// What the effects need once the page has started: the configuration and the one client
/// (which keeps SRP values prepared ahead of a sign-in).
#[derive(Debug)]
pub(crate) struct Ready {
    /// The run-time configuration.
    pub(crate) config: Rc<AppConfig>,
    /// Where to send the person once signed in (an allowed `?redirect=` target).
    pub(crate) redirect: Option<String>,
    #[cfg(target_arch = "wasm32")]
    client: Rc<browser::Client>,
}

/// Native builds only run the pure core's tests: the page's effects do nothing there.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use yew::{Callback, UseReducerDispatcher};

    use super::Ready;
    use crate::signin::Request;
    use crate::state::AppState;

    pub(crate) fn start(_set_ready: Callback<Ready>, _dispatch: UseReducerDispatcher<AppState>) {}

    pub(crate) fn perform(
        _ready: &Ready,
        _request: Request,
        _dispatch: UseReducerDispatcher<AppState>,
    ) {
    }

    pub(crate) fn leave_to(_url: &str) {}

    pub(crate) fn show_route(_route: crate::route::Route) {}
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::rc::Rc;

    use cognito_auth::browser::{BrowserStorage, FetchTransport, browser_environment, get_text};
    use cognito_auth::{AuthSession, Claims, CognitoAuth};
    use wasm_bindgen_futures::spawn_local;
    use yew::{Callback, UseReducerDispatcher};
    use yew_router::Routable;
    use yew_router::history::{BrowserHistory, History};
    use yew_router::query::Raw;

    use super::Ready;
    use crate::config::{AppConfig, CONFIG_PATH};
    use crate::route::Route;
    use crate::signin::{Action, Request, Resume, Start, Who};
    use crate::state::AppState;

    pub(crate) type Client = CognitoAuth<FetchTransport, BrowserStorage>;

    fn client(config: &AppConfig) -> Client {
        CognitoAuth::new(
            config.auth.clone(),
            FetchTransport::with_timeout_ms(config.request_timeout_ms),
            BrowserStorage::Local,
            BrowserStorage::Session,
            browser_environment(),
        )
    }

    /// Loads the configuration, then looks for a session or a sign-in to resume.
    pub(crate) fn start(set_ready: Callback<Ready>, dispatch: UseReducerDispatcher<AppState>) {
        spawn_local(async move {
            let config = match load_config().await {
                Ok(config) => config,
                Err(message) => return dispatch.dispatch(Action::Started(Err(message))),
            };
            let client = client(&config);
            let resume = match client.fetch_session().await {
                Ok(Some(session)) => Resume::SignedIn(who(&session)),
                _ => match client.pending_sign_in() {
                    Some((username, next_step)) => Resume::Step {
                        username,
                        next_step,
                    },
                    None => Resume::Nothing,
                },
            };
            let flow = config.default_flow;
            let redirect =
                requested_redirect().and_then(|requested| config.redirect_for(&requested));
            set_ready.emit(Ready {
                config: Rc::new(config),
                redirect,
                client: Rc::new(client),
            });
            dispatch.dispatch(Action::Started(Ok(Start { flow, resume })));
        });
    }

    async fn load_config() -> Result<AppConfig, String> {
        let (status, text) = get_text(CONFIG_PATH)
            .await
            .map_err(|error| format!("cannot be loaded ({error})"))?;
        if !(200..300).contains(&status) {
            return Err(format!("cannot be loaded (HTTP {status})"));
        }
        AppConfig::parse(&text)
    }

    /// Performs `request`; its outcome comes back as an action.
    pub(crate) fn perform(
        ready: &Ready,
        request: Request,
        dispatch: UseReducerDispatcher<AppState>,
    ) {
        let client = ready.client.clone();
        // One future for every request: each `spawn_local` of its own future type would add
        // its own copy of the task machinery to the page.
        spawn_local(async move {
            let answer = match request {
                Request::SignIn(input) => Action::SignInAnswered(client.sign_in(input).await),
                Request::ConfirmSignIn(input) => {
                    Action::SignInAnswered(client.confirm_sign_in(input).await)
                }
                Request::LoadSession => Action::SessionLoaded(
                    client
                        .fetch_session()
                        .await
                        .map(|session| session.as_ref().map(who)),
                ),
                Request::SignOut { everywhere } => {
                    let outcome = if everywhere {
                        client.sign_out_global().await
                    } else {
                        client.sign_out().await
                    };
                    Action::SignedOut(outcome)
                }
                // After the password screen has rendered: the person is about to type.
                Request::PrepareSrp => {
                    let _ = client.prepare_srp();
                    return;
                }
                Request::ForgetSignIn => {
                    client.cancel_sign_in();
                    return;
                }
            };
            dispatch.dispatch(answer);
        });
    }

    /// The page's `?redirect=` parameter, decoded.
    fn requested_redirect() -> Option<String> {
        let search = web_sys::window()?.location().search().ok()?;
        let encoded = search
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix("redirect="))?;
        js_sys::decode_uri_component(encoded).ok().map(String::from)
    }

    /// Puts `route` in the address bar in place of the current entry, with yew-router's browser
    /// history, unless it is there already. The query (such as `?redirect=`) is kept as it is, so
    /// a reload keeps it.
    ///
    /// Through the history rather than a `<BrowserRouter>`: nothing on the page reads the route
    /// back (the screen is the source of truth), and the router's components and contexts weighed
    /// ~10 KB brotli.
    pub(crate) fn show_route(route: Route) {
        let history = BrowserHistory::new();
        let location = history.location();
        let path = route.to_path();
        if location.path() != path {
            let _ = history.replace_with_query(path, Raw(location.query_str()));
        }
    }

    /// Leaves the page for `url` (an allowed redirect target).
    pub(crate) fn leave_to(url: &str) {
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign(url);
        }
    }

    fn who(session: &AuthSession) -> Who {
        let claims = session.id_claims_as::<Claims>().unwrap_or_default();
        Who {
            username: claims
                .cognito_username
                .unwrap_or_else(|| session.tokens.username.clone()),
            name: claims.name,
            email: claims.email,
            expires_at: session.expires_at,
        }
    }
}
