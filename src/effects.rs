//! Effects: the I/O the state machine asks for, performed with `cognito-auth`'s browser client;
//! each outcome comes back as an [`Action`]. Also what a reload needs to resume: the step
//! waiting for an answer is kept in `sessionStorage` beside Amplify's `CognitoSignInState.*`.

use std::rc::Rc;

use cognito_auth::AuthFlow;

use crate::config::AppConfig;
use crate::signin::Screen;
#[cfg(target_arch = "wasm32")]
#[cfg(not(feature = "account"))]
pub(crate) use browser::hand_over;
#[cfg(target_arch = "wasm32")]
pub(crate) use browser::{
    keep_hand_over, keep_password_step, leave_to, listen, load_page, perform, query_parameter,
    show_route, start,
};
#[cfg(all(not(target_arch = "wasm32"), not(feature = "account")))]
pub(crate) use native::hand_over;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use native::{
    keep_hand_over, keep_password_step, leave_to, listen, load_page, perform, show_route, start,
};

/// The password step of `screen`, if it is one: whose password, in which flow. Kept in
/// `sessionStorage` while it shows, so a reload comes back to it (nothing is sent to Cognito
/// before the password, so there is no pending sign-in to resume from).
pub(crate) fn password_step(screen: &Screen) -> Option<(String, AuthFlow)> {
    match screen {
        Screen::Password { username, flow, .. } => Some((username.clone(), *flow)),
        _ => None,
    }
}

/// What the sign-in bundle hands to the page of the other bundle it loads (kept in
/// `sessionStorage` for that one load, read and forgotten as it starts): the sign-in flow chosen
/// (the demo's chooser), and for a password reset, whose. A sign-in waiting for a required new
/// password needs nothing more: cognito-auth keeps the pending sign-in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HandOver {
    /// The flow the page carries on with.
    pub(crate) flow: AuthFlow,
    /// Whose password to reset, if that is the page.
    pub(crate) reset: Option<Reset>,
}

/// Whose password the page loaded resets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reset {
    /// "Forgot your password?" with this username typed: the reset form is filled with it.
    Typed(String),
    /// The sign-in answered that this user's password must be reset: the code is asked for as
    /// the page starts, as the sign-in bundle would have.
    Required(String),
}

impl HandOver {
    /// What the sign-in bundle hands over at `screen`: the reset's form waiting with "you need
    /// to reset your password" is the reset a sign-in required (the sign-in bundle leaves its
    /// request to the page it loads).
    #[cfg(any(test, not(feature = "account")))]
    pub(crate) fn of(screen: &Screen) -> Self {
        let reset = match screen {
            Screen::ForgotPassword {
                username, phase, ..
            } if phase.is_waiting_with(&crate::signin::Notice::ResetRequired) => {
                Some(Reset::Required(username.clone()))
            }
            Screen::ForgotPassword { username, .. } => Some(Reset::Typed(username.clone())),
            _ => None,
        };
        Self {
            flow: crate::signin::flow_of(screen),
            reset,
        }
    }

    /// As kept in `sessionStorage`: the flow's name, then whose password to reset.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn to_text(&self) -> String {
        let flow = crate::config::flow_name(self.flow);
        match &self.reset {
            None => flow.to_owned(),
            Some(Reset::Typed(username)) => format!("{flow} typed {username}"),
            Some(Reset::Required(username)) => format!("{flow} required {username}"),
        }
    }

    /// Read back from `sessionStorage`.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn from_text(text: &str) -> Option<Self> {
        let mut parts = text.splitn(3, ' ');
        let flow = crate::config::parse_flow(parts.next()?)?;
        let reset = match (parts.next(), parts.next()) {
            (None, _) => None,
            (Some("typed"), Some(username)) => Some(Reset::Typed(username.to_owned())),
            (Some("required"), Some(username)) => Some(Reset::Required(username.to_owned())),
            _ => return None,
        };
        Some(Self { flow, reset })
    }
}

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

    pub(crate) fn load_page(_route: crate::route::Route) {}

    pub(crate) fn keep_hand_over(_hand_over: &super::HandOver) {}

    #[cfg(not(feature = "account"))]
    pub(crate) fn hand_over(_ready: &Ready, _screen: &crate::signin::Screen) {}

    pub(crate) fn show_route(_route: crate::route::Route, _push: bool) {}

    pub(crate) fn keep_password_step(_step: Option<&(String, cognito_auth::AuthFlow)>) {}

    /// Nothing to listen to natively.
    #[derive(Debug)]
    pub(crate) struct Listening;

    pub(crate) fn listen(
        _dispatch: UseReducerDispatcher<AppState>,
        _moved: Callback<()>,
    ) -> Listening {
        Listening
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::rc::Rc;

    use cognito_auth::browser::{
        BrowserAuthenticator, BrowserStorage, FetchTransport, browser_environment, get_text,
    };
    use cognito_auth::{AuthFlow, AuthSession, Claims, CognitoAuth, KeyValueStorage};
    use gloo_events::EventListener;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::spawn_local;
    use yew::{Callback, UseReducerDispatcher};
    use yew_router::history::{BrowserHistory, History};
    use yew_router::query::Raw;

    use super::{HandOver, Ready, Reset};
    use crate::config::{AppConfig, CONFIG_PATH, flow_name, parse_flow};
    use crate::dom::field_value;
    use crate::route::Route;
    #[cfg(feature = "account")]
    use crate::signin::{Account, Change, DeviceItem, PasskeyItem};
    use crate::signin::{Action, Offers, Page, Request, Resume, Start, Who};
    use crate::state::AppState;

    pub(crate) type Client = CognitoAuth<FetchTransport, BrowserStorage, BrowserAuthenticator>;

    fn client(config: &AppConfig) -> Client {
        CognitoAuth::new(
            config.auth.clone(),
            FetchTransport::with_timeout_ms(config.request_timeout_ms),
            BrowserStorage::Local,
            BrowserStorage::Session,
            browser_environment(),
        )
        .with_authenticator(BrowserAuthenticator)
        .with_device_name(&user_agent())
    }

    /// The browser's `navigator.userAgent`: the name Amplify gives a device, so a device
    /// remembered here or by an Amplify app reads the same in the device list.
    fn user_agent() -> String {
        let global = js_sys::global();
        js_sys::Reflect::get(&global, &"navigator".into())
            .and_then(|navigator| js_sys::Reflect::get(&navigator, &"userAgent".into()))
            .ok()
            .and_then(|agent| agent.as_string())
            .unwrap_or_else(|| "Browser".to_owned())
    }

    /// Where "Not now" to a passkey is kept, per user (`localStorage`: this browser).
    fn passkey_declined_key(username: &str) -> String {
        format!("hosted-login.passkeyNotNow.{username}")
    }

    /// What to offer once signed in: remembering a device just confirmed, and a passkey where
    /// the pool has them, the person has none and did not decline here.
    async fn offers(client: &Client, config: &AppConfig, who: &Who) -> Offers {
        let declined = BrowserStorage::Local
            .get(&passkey_declined_key(&who.username))
            .is_some();
        let add_passkey = config.passkeys
            && !declined
            && client
                .has_webauthn_credentials()
                .await
                .is_ok_and(|has| !has);
        Offers {
            remember_device: client.device_awaits_choice(),
            add_passkey,
        }
    }

    /// Loads the configuration, then looks for a session or a sign-in to resume.
    pub(crate) fn start(set_ready: Callback<Ready>, dispatch: UseReducerDispatcher<AppState>) {
        spawn_local(async move {
            let config = match load_config().await {
                Ok(config) => config,
                Err(message) => {
                    crate::appearance::start(None).await;
                    return dispatch.dispatch(Action::Started(Err(message)));
                }
            };
            crate::appearance::start(Some(&config)).await;
            let client = client(&config);
            let page = page_at_address();
            let handed = take_hand_over();
            if handed.is_some() {
                first_screen_before_step();
            }
            let flow = handed
                .as_ref()
                .map_or(config.default_flow, |handed| handed.flow);
            let reset = handed.and_then(|handed| handed.reset);
            let handed_username = match &reset {
                Some(Reset::Typed(username)) => Some(username.clone()),
                _ => None,
            };
            let resume = match (client.fetch_session().await, page, reset) {
                (Ok(Some(session)), Page::Security, _) => {
                    Resume::Page(Page::Security, Some(who(&session)))
                }
                (Ok(Some(session)), _, _) => Resume::SignedIn(who(&session)),
                (_, Page::ForgotPassword, Some(Reset::Required(username))) => {
                    Resume::ResetRequired(username)
                }
                (_, Page::SignUp | Page::ForgotPassword, _) => Resume::Page(page, None),
                _ => match (client.pending_sign_in(), reloaded_password_step()) {
                    (Some((username, next_step)), _) => Resume::Step {
                        username,
                        next_step,
                    },
                    (None, Some((username, flow))) => Resume::Password { username, flow },
                    (None, None) => Resume::Nothing,
                },
            };
            let redirect =
                query_parameter("redirect").and_then(|requested| config.redirect_for(&requested));
            set_ready.emit(Ready {
                config: Rc::new(config),
                redirect,
                client: Rc::new(client),
            });
            // What the person typed meanwhile, in the form that came with the HTML; at a page
            // the sign-in bundle loaded, what it handed over.
            let typed = handed_username.unwrap_or_else(|| field_value("username"));
            dispatch.dispatch(Action::Started(Ok(Start {
                flow,
                resume,
                typed,
            })));
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
        let config = ready.config.clone();
        // One future for every request: each `spawn_local` of its own future type would add
        // its own copy of the task machinery to the page.
        spawn_local(async move {
            let answer = match request {
                Request::SignIn(mut input) => {
                    if input.flow == AuthFlow::UserAuth && input.preferred_challenge.is_none() {
                        input.preferred_challenge = config.preferred_challenge;
                    }
                    Action::SignInAnswered(client.sign_in(input).await)
                }
                Request::ConfirmSignIn(input) => {
                    Action::SignInAnswered(client.confirm_sign_in(input).await)
                }
                Request::LoadSession => match client.fetch_session().await {
                    Ok(Some(session)) => {
                        let mut found = who(&session);
                        found.offers = offers(&client, &config, &found).await;
                        Action::SessionLoaded(Ok(Some(found)))
                    }
                    other => Action::SessionLoaded(other.map(|_| None)),
                },
                Request::RememberDevice => Action::DeviceRemembered(client.remember_device().await),
                Request::AddPasskey => {
                    Action::PasskeyAdded(client.associate_webauthn_credential().await)
                }
                #[cfg(feature = "account")]
                Request::SignUp(form) => {
                    let username = form.username.clone();
                    let input = cognito_auth::SignUpInput {
                        username: form.username,
                        password: form.password.map(|password| password.0),
                        user_attributes: form.attributes,
                        auto_sign_in: true,
                        ..cognito_auth::SignUpInput::default()
                    };
                    Action::SignedUp(client.sign_up(input).await, username)
                }
                #[cfg(feature = "account")]
                Request::ConfirmSignUp { username, code } => Action::SignUpConfirmed(
                    client
                        .confirm_sign_up(&username, code.expose())
                        .await
                        .map(drop),
                ),
                #[cfg(feature = "account")]
                Request::ResendSignUpCode(username) => {
                    Action::CodeSent(client.resend_sign_up_code(&username).await)
                }
                #[cfg(feature = "account")]
                Request::AutoSignIn => Action::SignInAnswered(client.auto_sign_in().await),
                #[cfg(feature = "account")]
                Request::ResetPassword(username) => {
                    Action::ResetCodeSent(client.reset_password(&username).await)
                }
                #[cfg(feature = "account")]
                Request::ResetPasswordAndSignIn {
                    username,
                    code,
                    password,
                } => {
                    use cognito_auth::ExposeSecret;
                    let password = password.0;
                    match client
                        .confirm_reset_password(
                            &username,
                            code.0.expose_secret(),
                            password.expose_secret(),
                        )
                        .await
                    {
                        Ok(()) => {
                            let input = cognito_auth::SignInInput {
                                username,
                                password: Some(password),
                                ..cognito_auth::SignInInput::default()
                            };
                            let input = if config.default_flow == AuthFlow::UserAuth {
                                input
                                    .flow(AuthFlow::UserAuth)
                                    .preferring(cognito_auth::AuthFactor::PasswordSrp)
                            } else {
                                input
                            };
                            Action::SignInAnswered(client.sign_in(input).await)
                        }
                        Err(error) => Action::SignInAnswered(Err(error)),
                    }
                }
                #[cfg(feature = "account")]
                Request::LoadAccount => Action::AccountLoaded(account(&client, &config).await),
                #[cfg(feature = "account")]
                Request::SetUpApp => Action::AppSecret(client.set_up_totp().await),
                #[cfg(feature = "account")]
                Request::SendEmailCode => {
                    Action::CodeSent(client.send_user_attribute_verification_code("email").await)
                }
                #[cfg(feature = "account")]
                Request::Change(change) => {
                    let done = change.done();
                    Action::Changed(make(&client, change).await, done)
                }
                // The other bundle's pages are loaded rather than shown: nothing of theirs is
                // asked for here.
                #[cfg(not(feature = "account"))]
                Request::SignUp(_)
                | Request::ConfirmSignUp { .. }
                | Request::ResendSignUpCode(_)
                | Request::AutoSignIn
                | Request::LoadAccount
                | Request::SetUpApp
                | Request::SendEmailCode
                | Request::Change(_)
                | Request::ResetPassword(_)
                | Request::ResetPasswordAndSignIn { .. } => return,
                Request::DeclinePasskey => {
                    if let Ok(Some(session)) = client.fetch_session().await {
                        let _ = BrowserStorage::Local
                            .set(&passkey_declined_key(&session.tokens.username), "1");
                    }
                    return;
                }
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

    /// What the security page shows, fresh from the pool.
    #[cfg(feature = "account")]
    async fn account(
        client: &Client,
        config: &AppConfig,
    ) -> Result<Account, cognito_auth::AuthError> {
        let passkeys = if config.passkeys {
            Some(
                client
                    .list_webauthn_credentials()
                    .await?
                    .into_iter()
                    .map(|credential| PasskeyItem {
                        id: credential.credential_id,
                        name: credential.friendly_credential_name.unwrap_or_default(),
                        created_at: credential.created_at.map(|at| at as i64),
                    })
                    .collect(),
            )
        } else {
            None
        };
        let devices = client
            .fetch_devices()
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|device| DeviceItem {
                name: device.name.unwrap_or_else(|| device.id.clone()),
                last_used: device.last_authenticated_at.map(|at| at as i64),
                this_device: device.is_this_device,
                id: device.id,
            })
            .collect();
        let (attributes, mfa) = client.fetch_user().await?;
        Ok(Account {
            passkeys,
            mfa,
            mfa_offered: config.mfa_methods.clone(),
            devices,
            email: attributes.get("email").map(|email| {
                let verified = attributes
                    .get("email_verified")
                    .is_some_and(|v| v == "true");
                (email.clone(), verified)
            }),
            has_phone: attributes.contains_key("phone_number"),
        })
    }

    /// Makes a change asked for on the security page.
    #[cfg(feature = "account")]
    async fn make(client: &Client, change: Change) -> Result<(), cognito_auth::AuthError> {
        use cognito_auth::{MfaPreference, MfaType, UpdateMfaPreferenceInput};
        let preference = |mfa: MfaType, preference: MfaPreference| {
            let mut input = UpdateMfaPreferenceInput::default();
            match mfa {
                MfaType::Totp => input.totp = Some(preference),
                MfaType::Sms => input.sms = Some(preference),
                MfaType::Email => input.email = Some(preference),
            }
            input
        };
        match change {
            Change::RemovePasskey(id) => client.delete_webauthn_credential(&id).await,
            Change::Mfa(mfa, choice) => client.update_mfa_preference(preference(mfa, choice)).await,
            Change::ForgetDevice(id) => client.forget_device(Some(&id)).await,
            Change::VerifyApp(code) => {
                client.verify_totp_setup(code.expose(), None).await?;
                client
                    .update_mfa_preference(preference(MfaType::Totp, MfaPreference::Enabled))
                    .await
            }
            Change::Password { old, new } => {
                client.update_password(old.expose(), new.expose()).await
            }
            Change::VerifyEmail(code) => {
                client.confirm_user_attribute("email", code.expose()).await
            }
        }
    }

    /// The page's `?<name>=` parameter, decoded (`redirect`, `lang`).
    pub(crate) fn query_parameter(name: &str) -> Option<String> {
        let search = web_sys::window()?.location().search().ok()?;
        let encoded = search
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))?;
        js_sys::decode_uri_component(encoded).ok().map(String::from)
    }

    /// Puts `route` in the address bar, below the page's public URL, unless it is there already:
    /// in place of the current entry, or as a new one (`push`, when a sign-in starts, so that Back
    /// returns to the first screen). With yew-router's browser history; the query (such as
    /// `?redirect=`) is kept as it is, so a reload keeps it.
    ///
    /// Through the history rather than a `<BrowserRouter>`: nothing on the page reads the route
    /// back (the screen is the source of truth), and the router's components and contexts weighed
    /// ~10 KB brotli.
    pub(crate) fn show_route(route: Route, push: bool) {
        let history = BrowserHistory::new();
        let location = history.location();
        let address = route.address(&base_path());
        if location.path() != address {
            let query = Raw(location.query_str());
            let _ = if push {
                history.push_with_query(address, query)
            } else {
                history.replace_with_query(address, query)
            };
        }
    }

    /// The path of the page's public URL (its `<base>`, which Trunk's `--public-url` writes):
    /// `/`, or `/login/` when the page is deployed under a sub-path.
    fn base_path() -> String {
        web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.base_uri().ok().flatten())
            .and_then(|base| web_sys::Url::new(&base).ok())
            .map_or_else(|| "/".to_owned(), |url| url.pathname())
    }

    /// Where the password step is kept while it shows (`sessionStorage`: this tab only).
    const PASSWORD_STEP_KEY: &str = "hosted-login.passwordStep";

    /// Keeps the password step shown (flow, then username), or forgets it.
    pub(crate) fn keep_password_step(step: Option<&(String, AuthFlow)>) {
        let storage = BrowserStorage::Session;
        match step {
            Some((username, flow)) => {
                let _ = storage.set(
                    PASSWORD_STEP_KEY,
                    &format!("{} {username}", flow_name(*flow)),
                );
            }
            None => storage.remove(PASSWORD_STEP_KEY),
        }
    }

    /// The page at the address shown (below the page's public URL).
    fn page_at_address() -> Page {
        let path = BrowserHistory::new().location().path().to_owned();
        let base = base_path();
        [
            Route::SignUp,
            Route::ConfirmSignUp,
            Route::ForgotPassword,
            Route::ResetPassword,
            Route::Security,
        ]
        .into_iter()
        // The sign-in bundle is never loaded at the other bundle's pages (index.html loads that
        // one there); were it, it starts at the first screen.
        .filter(|route| cfg!(feature = "account") || !route.in_account_bundle())
        .find(|route| route.address(&base) == path)
        .map_or(Page::SignIn, Route::page)
    }

    /// The password step kept by this tab, if the page was reloaded at its address.
    fn reloaded_password_step() -> Option<(String, AuthFlow)> {
        let path = BrowserHistory::new().location().path().to_owned();
        if path != Route::Password.address(&base_path()) {
            return None;
        }
        let kept = BrowserStorage::Session.get(PASSWORD_STEP_KEY)?;
        let (flow, username) = kept.split_once(' ')?;
        Some((username.to_owned(), parse_flow(flow)?))
    }

    /// Listens, for as long as what it returns lives, to the browser's Back and Forward buttons
    /// (back to the first screen; `moved` re-syncs the address) and to the other tabs of this
    /// browser signing out (their tokens leave the shared `localStorage`).
    pub(crate) fn listen(
        dispatch: UseReducerDispatcher<AppState>,
        moved: Callback<()>,
    ) -> Vec<EventListener> {
        let Some(window) = web_sys::window() else {
            return Vec::new();
        };
        let on_history = {
            let dispatch = dispatch.clone();
            EventListener::new(&window, "popstate", move |_| {
                dispatch.dispatch(Action::Navigate(page_at_address()));
                moved.emit(());
            })
        };
        let on_storage = EventListener::new(&window, "storage", move |event| {
            if let Some(event) = event.dyn_ref::<web_sys::StorageEvent>()
                && ends_session(event.key().as_deref(), event.new_value().is_some())
            {
                dispatch.dispatch(Action::SignedOutElsewhere);
            }
        });
        vec![on_history, on_storage]
    }

    /// Whether a change of `localStorage` by another tab ends the session: the storage cleared,
    /// or a user's access token or the last user removed.
    fn ends_session(key: Option<&str>, has_value: bool) -> bool {
        match key {
            None => true,
            Some(key) => {
                !has_value
                    && key.starts_with("CognitoIdentityServiceProvider.")
                    && (key.ends_with(".accessToken") || key.ends_with(".LastAuthUser"))
            }
        }
    }

    /// Loads `route`'s address as a new page, keeping the query (`?redirect=`, `?lang=`): how
    /// the sign-in bundle goes to the pages only the other bundle has (index.html loads that
    /// bundle there; [`Route::in_account_bundle`]).
    pub(crate) fn load_page(route: Route) {
        leave_to(&address_with_query(route));
    }

    /// `route`'s address with the query shown now.
    fn address_with_query(route: Route) -> String {
        let search = web_sys::window()
            .and_then(|window| window.location().search().ok())
            .unwrap_or_default();
        format!("{}{search}", route.address(&base_path()))
    }

    /// Where the sign-in bundle leaves what it hands over (`sessionStorage`: this tab only).
    const HAND_OVER_KEY: &str = "hosted-login.handOver";

    /// The sign-in bundle at a step only the other bundle shows (a required new password, a
    /// reset a sign-in asked for): that bundle's page at the step's address is loaded in place
    /// of this entry (which already shows that address), with what it needs to carry on.
    ///
    /// Should the browser bring this page back as it was left (Back, from its back-forward
    /// cache), the sign-in is left, as Back from any step leaves it, and the page starts again
    /// at the address shown.
    #[cfg(not(feature = "account"))]
    pub(crate) fn hand_over(ready: &Ready, screen: &crate::signin::Screen) {
        let (Some(route), Some(window)) = (Route::of(screen), web_sys::window()) else {
            return;
        };
        keep_hand_over(&HandOver::of(screen));
        let client = ready.client.clone();
        EventListener::once(&window, "pageshow", move |event| {
            let restored = js_sys::Reflect::get(event, &"persisted".into())
                .is_ok_and(|persisted| persisted.is_truthy());
            if let (true, Some(window)) = (restored, web_sys::window()) {
                client.cancel_sign_in();
                let _ = window.location().reload();
            }
        })
        .forget();
        let _ = window.location().replace(&address_with_query(route));
    }

    /// Keeps what the next page load takes over.
    pub(crate) fn keep_hand_over(hand_over: &HandOver) {
        let _ = BrowserStorage::Session.set(HAND_OVER_KEY, &hand_over.to_text());
    }

    /// At the step of a sign-in the sign-in bundle handed over (a required new password, in
    /// place of that page's own history entry): the first screen's address goes in before it,
    /// in this page's own history, so that Back returns to the first screen and leaves the
    /// sign-in, as it does within one page (the entries before it belong to the page left,
    /// which would resume the sign-in still pending).
    fn first_screen_before_step() {
        let history = BrowserHistory::new();
        let here = history.location();
        let base = base_path();
        if here.path() == Route::NewPassword.address(&base) {
            let (path, query) = (here.path().to_owned(), here.query_str().to_owned());
            let _ = history.replace_with_query(Route::SignIn.address(&base), Raw(&query));
            let _ = history.push_with_query(path, Raw(&query));
        }
    }

    /// What the sign-in bundle handed over, read once.
    fn take_hand_over() -> Option<HandOver> {
        let kept = BrowserStorage::Session.get(HAND_OVER_KEY)?;
        BrowserStorage::Session.remove(HAND_OVER_KEY);
        HandOver::from_text(&kept)
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
            offers: Offers::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use cognito_auth::AuthFlow;

    use super::{HandOver, Reset};
    use crate::signin::{Phase, Screen};

    #[test]
    fn what_the_sign_in_bundle_hands_over_is_read_back_as_it_was() {
        let flow = AuthFlow::CustomWithSrp;
        let reset = |phase| Screen::ForgotPassword {
            flow,
            username: "élodie m".to_owned(),
            phase,
        };
        // The reset's form waiting: a sign-in asked for it, and its request is left to the
        // page loaded. The form itself: "Forgot your password?" with a username typed.
        let required = HandOver::of(&reset(
            Phase::READY
                .showing(crate::signin::Notice::ResetRequired)
                .to_waiting(),
        ));
        let typed = HandOver::of(&reset(Phase::READY));
        assert_eq!(required.reset, Some(Reset::Required("élodie m".to_owned())));
        assert_eq!(typed.reset, Some(Reset::Typed("élodie m".to_owned())));
        // A required new password needs nothing more than the pending sign-in and the flow.
        let new_password = HandOver::of(&Screen::NewPassword {
            flow,
            username: "alice".to_owned(),
            missing_attributes: Vec::new(),
            checks: crate::signin::PasswordChecks::default(),
            visible: false,
            phase: Phase::READY,
        });
        assert_eq!(new_password, HandOver { flow, reset: None });
        for hand_over in [required, typed, new_password] {
            assert_eq!(HandOver::from_text(&hand_over.to_text()), Some(hand_over));
        }
        for refused in [
            "",
            "NO_SUCH_FLOW",
            "USER_SRP_AUTH unknown alice",
            "USER_SRP_AUTH typed",
        ] {
            assert_eq!(HandOver::from_text(refused), None, "{refused}");
        }
    }
}
