//! The page's addresses. The state machine's screen is the source of truth: the address bar
//! follows it (so a reload lands on the same step, and the state machine decides what may be
//! shown there); the router only writes and reads the address.

use yew_router::Routable;

use crate::signin::Screen;

/// One address per screen of a sign-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    /// Who is signing in (and every screen without a step of its own).
    #[at("/")]
    SignIn,
    /// The password.
    #[at("/password")]
    Password,
    /// A custom challenge, a code.
    #[at("/challenge")]
    Challenge,
    /// Choose a new password.
    #[at("/new-password")]
    NewPassword,
    /// Choose how to sign in.
    #[at("/choose")]
    ChooseFactor,
    /// A one-time code.
    #[at("/code")]
    Code,
    /// Choose a second factor.
    #[at("/mfa")]
    ChooseMfa,
    /// Set up an authenticator app.
    #[at("/authenticator-app")]
    TotpSetup,
    /// The e-mail address for MFA codes.
    #[at("/mfa-email")]
    EmailSetup,
    /// Remember this device?
    #[at("/remember-device")]
    RememberDevice,
    /// Add a passkey?
    #[at("/add-passkey")]
    OfferPasskey,
    /// Create an account.
    #[at("/sign-up")]
    SignUp,
    /// The code confirming a new account.
    #[at("/confirm-sign-up")]
    ConfirmSignUp,
    /// Reset a forgotten password.
    #[at("/forgot-password")]
    ForgotPassword,
    /// The code and the new password.
    #[at("/reset-password")]
    ResetPassword,
    /// The security page.
    #[at("/account")]
    Security,
    /// Signed in.
    #[at("/signed-in")]
    SignedIn,
    /// Anything else: the page starts at the first step.
    #[not_found]
    #[at("/not-found")]
    NotFound,
}

impl Route {
    /// The page a person lands on at this address (by Back, Forward or a reload): the pages
    /// with addresses of their own; every step of a sign-in under way is the first screen.
    #[must_use]
    pub fn page(self) -> crate::signin::Page {
        use crate::signin::Page;
        match self {
            Self::SignUp | Self::ConfirmSignUp => Page::SignUp,
            Self::ForgotPassword | Self::ResetPassword => Page::ForgotPassword,
            Self::Security => Page::Security,
            _ => Page::SignIn,
        }
    }

    /// The address of `page`.
    #[must_use]
    pub fn of_page(page: crate::signin::Page) -> Self {
        use crate::signin::Page;
        match page {
            Page::SignIn => Self::SignIn,
            Page::SignUp => Self::SignUp,
            Page::ForgotPassword => Self::ForgotPassword,
            Page::Security => Self::Security,
        }
    }

    /// Whether this page comes only with the bundle that has every page (`--features
    /// account`): creating an account, resetting a password, the security page, and the one
    /// step of a sign-in a person meets once, choosing a new password in place of a temporary
    /// one. The sign-in bundle goes to them by loading their address, where index.html loads
    /// that bundle instead of itself (`ACCOUNT_PAGES` in scripts/post_build.py, held to these by
    /// a test); in the middle of a sign-in (a new password required, a reset required), the
    /// page loaded carries on with the sign-in cognito-auth keeps in `sessionStorage` (and
    /// whose password to reset, `effects::HandOver`).
    #[must_use]
    pub fn in_account_bundle(self) -> bool {
        matches!(
            self,
            Self::SignUp
                | Self::ConfirmSignUp
                | Self::ForgotPassword
                | Self::ResetPassword
                | Self::NewPassword
                | Self::Security
        )
    }

    /// Whether going here from the first screen or "signed in" adds a history entry (so Back
    /// returns there rather than leaving the page).
    #[must_use]
    pub fn is_deeper(self) -> bool {
        self.is_mid_sign_in()
            || matches!(
                self,
                Self::SignUp
                    | Self::ConfirmSignUp
                    | Self::ForgotPassword
                    | Self::ResetPassword
                    | Self::Security
            )
    }

    /// Whether this is a step of a sign-in under way (the browser's Back button returns from it
    /// to the first screen).
    #[must_use]
    pub fn is_mid_sign_in(self) -> bool {
        matches!(
            self,
            Self::Password
                | Self::Challenge
                | Self::NewPassword
                | Self::ChooseFactor
                | Self::Code
                | Self::ChooseMfa
                | Self::TotpSetup
                | Self::EmailSetup
        )
    }

    /// The address of this route for a page whose public URL has the path `base` (`/` or
    /// `/login/`, from the page's `<base>`): the first screen is the base itself, the others
    /// below it.
    #[must_use]
    pub fn address(self, base: &str) -> String {
        let base = base.trim_end_matches('/');
        match self {
            Self::SignIn | Self::NotFound => format!("{base}/"),
            route => format!("{base}{}", route.to_path()),
        }
    }

    /// The address of `screen`; `None` while the page starts or cannot (the address stays as it
    /// was loaded, so the configuration is looked up next to it).
    #[must_use]
    ///
    /// A match rather than `Route::recognize(screen.path())`: recognising paths brings
    /// route-recognizer's matcher (~1 KB brotli) into the page, which never reads a route back
    /// (the tests hold the two to the same paths).
    pub fn of(screen: &Screen) -> Option<Self> {
        match screen {
            Screen::Starting { .. } | Screen::ConfigProblem { .. } => None,
            Screen::Username { .. } => Some(Self::SignIn),
            Screen::Password { .. } => Some(Self::Password),
            Screen::Challenge { .. } => Some(Self::Challenge),
            Screen::NewPassword { .. } => Some(Self::NewPassword),
            Screen::ChooseFactor { .. } => Some(Self::ChooseFactor),
            Screen::Code { .. } => Some(Self::Code),
            Screen::ChooseMfa { .. } => Some(Self::ChooseMfa),
            Screen::TotpSetup { .. } => Some(Self::TotpSetup),
            Screen::EmailSetup { .. } => Some(Self::EmailSetup),
            Screen::RememberDevice { .. } => Some(Self::RememberDevice),
            Screen::OfferPasskey { .. } => Some(Self::OfferPasskey),
            Screen::SignUp { .. } => Some(Self::SignUp),
            Screen::ConfirmSignUp { .. } => Some(Self::ConfirmSignUp),
            Screen::ForgotPassword { .. } => Some(Self::ForgotPassword),
            Screen::ResetPassword { .. } => Some(Self::ResetPassword),
            Screen::Security { .. } => Some(Self::Security),
            Screen::SignedIn { .. } => Some(Self::SignedIn),
        }
    }
}

#[cfg(test)]
mod tests {
    use cognito_auth::AuthFlow;

    use super::*;
    use crate::signin::{Page, Phase, Who};

    #[test]
    fn every_screen_has_its_address_and_starting_keeps_the_loaded_one() {
        let phase = Phase::Editing(None);
        let username = "alice".to_owned();
        let flow = AuthFlow::default();
        assert_eq!(Route::of(&Screen::default()), None);
        let cases = [
            (
                Screen::Username {
                    flow,
                    username: username.clone(),
                    phase: phase.clone(),
                },
                "/",
            ),
            (
                Screen::Password {
                    flow,
                    username: username.clone(),
                    phase: phase.clone(),
                },
                "/password",
            ),
            (
                Screen::NewPassword {
                    flow,
                    username,
                    missing_attributes: Vec::new(),
                    checks: crate::signin::PasswordChecks::default(),
                    visible: false,
                    phase: phase.clone(),
                },
                "/new-password",
            ),
            (
                Screen::SignedIn {
                    who: Who {
                        username: "alice".to_owned(),
                        name: None,
                        email: None,
                        expires_at: 0,
                        offers: crate::signin::Offers::default(),
                    },
                    flow,
                    phase,
                },
                "/signed-in",
            ),
        ];
        for (screen, path) in cases {
            let route = Route::of(&screen).unwrap();
            assert_ne!(route, Route::NotFound);
            assert_eq!(route.to_path(), path);
            assert_eq!(screen.path(), path);
            assert_eq!(Route::recognize(path), Some(route));
        }
        assert_eq!(Route::recognize("/elsewhere"), Some(Route::NotFound));
    }

    #[test]
    fn index_html_loads_the_account_bundle_at_exactly_its_pages() {
        let script = include_str!("../scripts/post_build.py");
        let listed = script
            .lines()
            .find_map(|line| line.strip_prefix("ACCOUNT_PAGES = "))
            .expect("ACCOUNT_PAGES in scripts/post_build.py");
        let pages: Vec<String> = serde_json::from_str(listed).unwrap();
        let expected: Vec<String> = [
            Route::SignIn,
            Route::Password,
            Route::Challenge,
            Route::NewPassword,
            Route::ChooseFactor,
            Route::Code,
            Route::ChooseMfa,
            Route::TotpSetup,
            Route::EmailSetup,
            Route::RememberDevice,
            Route::OfferPasskey,
            Route::SignUp,
            Route::ConfirmSignUp,
            Route::ForgotPassword,
            Route::ResetPassword,
            Route::Security,
            Route::SignedIn,
        ]
        .into_iter()
        .filter(|route| route.in_account_bundle())
        .map(|route| route.to_path().trim_start_matches('/').to_owned())
        .collect();
        assert_eq!(pages, expected);
        for page in [Page::SignUp, Page::ForgotPassword, Page::Security] {
            assert!(Route::of_page(page).in_account_bundle());
        }
        assert!(!Route::of_page(Page::SignIn).in_account_bundle());
        assert_eq!(Route::of_page(Page::SignIn).page(), Page::SignIn);
    }

    #[test]
    fn addresses_stay_under_the_public_url() {
        assert_eq!(Route::SignIn.address("/"), "/");
        assert_eq!(Route::Password.address("/"), "/password");
        assert_eq!(Route::SignIn.address("/login/"), "/login/");
        assert_eq!(Route::Challenge.address("/login/"), "/login/challenge");
        assert_eq!(Route::SignedIn.address("/a/b"), "/a/b/signed-in");
    }
}
