//! The page's run-time configuration: an `amplify_outputs.json` (so a pool is changed by editing
//! one file, no rebuild) with our own `hosted_login` section:
//!
//! ```json
//! { "auth": { "aws_region": "us-east-1", "user_pool_id": "us-east-1_Abc", "user_pool_client_id": "…" },
//!   "hosted_login": { "endpoint": "/cognito/", "default_flow": "CUSTOM_WITHOUT_SRP",
//!                     "flow_choice": true, "redirect_targets": ["https://app.example.com/"],
//!                     "request_timeout_ms": 15000 } }
//! ```

use cognito_auth::{AuthConfig, AuthFactor, AuthFlow, AuthOutputs};
use serde::Deserialize;

use crate::brand::{Brand, BrandSection};
use crate::signin::PasswordPolicy;
use crate::words::t;

/// How long a request to Cognito may take, unless `hosted_login.request_timeout_ms` says.
pub const DEFAULT_REQUEST_TIMEOUT_MS: u32 = 15_000;

/// Where the configuration is fetched from, next to `index.html`.
pub const CONFIG_PATH: &str = "amplify_outputs.json";

/// Everything the page needs to know at run time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppConfig {
    /// The pool.
    pub auth: AuthConfig,
    /// The flow offered first.
    pub default_flow: AuthFlow,
    /// Whether the person may pick the flow (the demo).
    pub flow_choice: bool,
    /// Where a signed-in person may be sent back to (`?redirect=`); none: stay on the page.
    pub redirect_targets: Vec<String>,
    /// How long a request to Cognito may take before the person is offered "Try again".
    pub request_timeout_ms: u32,
    /// The pool's password policy (Amplify's `auth.password_policy`), shown when choosing one.
    pub password_policy: PasswordPolicy,
    /// `USER_AUTH`'s first factor to try (`hosted_login.preferred_challenge`, else Amplify's
    /// `auth.passwordless.preferred_challenge`); none: the pool offers the choice.
    pub preferred_challenge: Option<AuthFactor>,
    /// Whether the pool offers passkeys (Amplify's `auth.passwordless.web_authn`): then a person
    /// signed in without one is offered to add one.
    pub passkeys: bool,
    /// The name an authenticator app shows for this account (`hosted_login.app_name`).
    pub app_name: String,
    /// Whether people may create an account here (`hosted_login.sign_up`; off unless said).
    pub sign_up: bool,
    /// Whether people sign up with their e-mail address as the username (Amplify's
    /// `auth.username_attributes` holding `email`).
    pub email_is_username: bool,
    /// The attributes a new account must have (Amplify's `auth.standard_required_attributes`).
    pub required_attributes: Vec<String>,
    /// Whether a new account may have no password: the pool signs people in with codes
    /// (Amplify's `auth.passwordless.email_otp_enabled` / `sms_otp_enabled`) and the page with
    /// `USER_AUTH`.
    pub passwordless_sign_up: bool,
    /// The second steps the pool offers (Amplify's `auth.mfa_methods`: `SMS`, `TOTP`, `EMAIL`),
    /// unless its `auth.mfa_configuration` is `NONE`.
    pub mfa_methods: Vec<cognito_auth::MfaType>,
    /// The language for people whose browser asks for none the page speaks
    /// (`hosted_login.default_language`).
    pub default_language: Option<&'static str>,
    /// The deployer's brand and words (`hosted_login.brand`).
    pub brand: Brand,
}

/// Each flow and its name in the configuration (Amplify's `authFlowType` values).
pub const FLOW_NAMES: [(AuthFlow, &str); 5] = [
    (AuthFlow::UserSrpAuth, "USER_SRP_AUTH"),
    (AuthFlow::UserPasswordAuth, "USER_PASSWORD_AUTH"),
    (AuthFlow::CustomWithoutSrp, "CUSTOM_WITHOUT_SRP"),
    (AuthFlow::CustomWithSrp, "CUSTOM_WITH_SRP"),
    (AuthFlow::UserAuth, "USER_AUTH"),
];

/// The flow named `name` in the configuration.
#[must_use]
pub fn parse_flow(name: &str) -> Option<AuthFlow> {
    FLOW_NAMES
        .iter()
        .find(|(_, known)| *known == name)
        .map(|(flow, _)| *flow)
}

/// A flow's name in the configuration.
#[must_use]
pub fn flow_name(flow: AuthFlow) -> &'static str {
    FLOW_NAMES
        .iter()
        .find(|(known, _)| *known == flow)
        .map_or("USER_SRP_AUTH", |(_, name)| name)
}

/// A flow's name as people see it.
#[must_use]
pub fn flow_label(flow: AuthFlow) -> &'static str {
    match flow {
        AuthFlow::UserSrpAuth => t("flow.srp"),
        AuthFlow::UserPasswordAuth => t("flow.password"),
        AuthFlow::CustomWithoutSrp => t("flow.captcha"),
        AuthFlow::CustomWithSrp => t("flow.password_then_captcha"),
        AuthFlow::UserAuth => t("flow.user_auth"),
    }
}

/// The page's own section of `amplify_outputs.json`. Keys of the wrong type are refused with
/// what serde says about them; unknown keys are ignored.
#[derive(Default, Deserialize)]
struct HostedLogin {
    endpoint: Option<String>,
    default_flow: Option<String>,
    #[serde(default)]
    flow_choice: bool,
    #[serde(default)]
    redirect_targets: Vec<String>,
    request_timeout_ms: Option<u32>,
    preferred_challenge: Option<String>,
    app_name: Option<String>,
    #[serde(default)]
    sign_up: bool,
    default_language: Option<String>,
    #[serde(default)]
    brand: BrandSection,
}

/// The sections of `amplify_outputs.json` the page reads, read once.
#[derive(Deserialize)]
struct Outputs {
    #[serde(default)]
    auth: AuthSection,
    #[serde(default)]
    hosted_login: HostedLogin,
}

/// Amplify's `auth` section: what cognito-auth reads, and the pool's password policy. (Its
/// fields rather than `#[serde(flatten)]` of [`AuthOutputs`]: flattening buffers every value
/// through serde's generic content, ~2 KB more WASM.)
#[derive(Default, Deserialize)]
struct AuthSection {
    aws_region: Option<String>,
    user_pool_id: Option<String>,
    user_pool_client_id: Option<String>,
    endpoint: Option<String>,
    #[serde(default)]
    password_policy: PasswordPolicy,
    #[serde(default)]
    passwordless: Passwordless,
    #[serde(default)]
    username_attributes: Vec<String>,
    #[serde(default)]
    standard_required_attributes: Vec<String>,
    mfa_configuration: Option<String>,
    #[serde(default)]
    mfa_methods: Vec<String>,
}

/// Amplify's `auth.passwordless`: the pool's passwordless first factors.
#[derive(Default, Deserialize)]
struct Passwordless {
    /// Present when the pool offers passkeys (`relying_party_id`, `user_verification`; not read).
    #[serde(default)]
    web_authn: Option<serde::de::IgnoredAny>,
    preferred_challenge: Option<String>,
    #[serde(default)]
    email_otp_enabled: bool,
    #[serde(default)]
    sms_otp_enabled: bool,
}

impl AppConfig {
    /// Parses the file; the error says what to fix.
    pub fn parse(json: &str) -> Result<Self, String> {
        let outputs: Outputs = cognito_auth::json::from_str(json).map_err(|error| {
            format!("the configuration is not valid JSON of its shape: {error}")
        })?;
        let AuthSection {
            aws_region,
            user_pool_id,
            user_pool_client_id,
            endpoint,
            password_policy,
            passwordless,
            username_attributes,
            standard_required_attributes,
            mfa_configuration,
            mfa_methods,
        } = outputs.auth;
        let auth = AuthConfig::from_auth_outputs(AuthOutputs {
            aws_region,
            user_pool_id,
            user_pool_client_id,
            endpoint,
        })
        .map_err(|error| error.to_string())?;
        let ours = outputs.hosted_login;
        let auth = match &ours.endpoint {
            Some(endpoint) => auth
                .with_endpoint(endpoint)
                .map_err(|error| error.to_string())?,
            None => auth,
        };
        let default_flow = match ours.default_flow.as_deref() {
            None => AuthFlow::UserSrpAuth,
            Some(name) => parse_flow(name)
                .ok_or_else(|| format!("hosted_login.default_flow `{name}` is not a flow"))?,
        };
        let preferred_challenge = match ours
            .preferred_challenge
            .or(passwordless.preferred_challenge)
            .as_deref()
        {
            None => None,
            Some(name) => Some(AuthFactor::from_name(name).ok_or_else(|| {
                format!("the preferred challenge `{name}` is not a first factor")
            })?),
        };
        let mfa_methods = if mfa_configuration.as_deref() == Some("NONE") {
            Vec::new()
        } else {
            mfa_methods
                .iter()
                .filter_map(|name| cognito_auth::MfaType::parse(name))
                .collect()
        };
        let default_language = match ours.default_language.as_deref() {
            None => None,
            Some(tag) => Some(crate::words::supported(tag).ok_or_else(|| {
                format!("hosted_login.default_language `{tag}` is not one of the page's languages")
            })?),
        };
        Ok(Self {
            default_language,
            brand: ours.brand.check()?,
            passwordless_sign_up: default_flow == AuthFlow::UserAuth
                && (passwordless.email_otp_enabled || passwordless.sms_otp_enabled),
            sign_up: ours.sign_up,
            email_is_username: username_attributes.iter().any(|name| name == "email"),
            required_attributes: standard_required_attributes,
            mfa_methods,
            preferred_challenge,
            passkeys: passwordless.web_authn.is_some(),
            app_name: ours.app_name.unwrap_or_else(|| "Sign in".to_owned()),
            auth,
            default_flow,
            flow_choice: ours.flow_choice,
            redirect_targets: ours.redirect_targets,
            request_timeout_ms: ours
                .request_timeout_ms
                .unwrap_or(DEFAULT_REQUEST_TIMEOUT_MS),
            password_policy,
        })
    }
}

/// `.` or `..`, also percent-encoded: a browser resolves these, so `allowed/..` would leave an
/// allowed prefix.
fn is_dot_segment(segment: &str) -> bool {
    [".", "..", "%2e", "%2e%2e", ".%2e", "%2e."]
        .iter()
        .any(|dots| segment.eq_ignore_ascii_case(dots))
}

impl AppConfig {
    /// The `?redirect=` target to send a signed-in person to, if it is one of the allowed
    /// targets: equal to one, or under one that ends with `/` (same scheme, host and port, and
    /// a path below). Anything else is ignored, so the page is never an open redirect.
    #[must_use]
    pub fn redirect_for(&self, requested: &str) -> Option<String> {
        let requested = requested.trim();
        let parseable = requested.starts_with("https://") || requested.starts_with("http://");
        let tricky = requested.contains(['\\', '\n', '\r', '\t', '@'])
            || requested.split('/').any(is_dot_segment);
        if !parseable || tricky {
            return None;
        }
        self.redirect_targets
            .iter()
            .any(|allowed| {
                requested == allowed
                    || (allowed.ends_with('/') && requested.starts_with(allowed.as_str()))
            })
            .then(|| requested.to_owned())
    }
}

/// Whether `url` may be played as a CAPTCHA's spoken digits: `data:audio/…` or what
/// [`safe_image_url`] allows but `data:` of another type.
#[must_use]
pub fn safe_audio_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("data:") {
        return lower.starts_with("data:audio/");
    }
    safe_image_url(url)
}

/// Whether `url` may be shown as a CAPTCHA picture: `https:`, a same-origin path,
/// `data:image/…` (not SVG, which can carry script), or `http:` to loopback (development).
/// Never `javascript:` or anything else.
#[must_use]
pub fn safe_image_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("data:image/") {
        return !lower.starts_with("data:image/svg");
    }
    if let Some(rest) = lower.strip_prefix("https://") {
        return !rest.is_empty();
    }
    if let Some(rest) = lower.strip_prefix("http://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = match authority.rsplit_once(':') {
            Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => {
                host
            }
            _ => authority,
        };
        return host == "localhost"
            || host == "[::1]"
            || host
                .parse::<std::net::Ipv4Addr>()
                .is_ok_and(|ip| ip.is_loopback());
    }
    // Same-origin relative paths, but not protocol-relative `//host` URLs.
    (lower.starts_with('/') && !lower.starts_with("//")) || lower.starts_with("./")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_our_section() {
        let json = r#"{"auth":{"aws_region":"us-east-1","user_pool_id":"us-east-1_Abc","user_pool_client_id":"c"},
            "hosted_login":{"endpoint":"/cognito/","default_flow":"CUSTOM_WITHOUT_SRP","flow_choice":true,"redirect_targets":["https://app.example.com/"]}}"#;
        let config = AppConfig::parse(json).unwrap();
        assert_eq!(config.auth.endpoint, "/cognito/");
        assert_eq!(config.default_flow, AuthFlow::CustomWithoutSrp);
        assert!(config.flow_choice);
        assert_eq!(config.redirect_targets, ["https://app.example.com/"]);
        let plain = r#"{"auth":{"user_pool_id":"us-east-1_Abc","user_pool_client_id":"c"}}"#;
        assert_eq!(
            AppConfig::parse(plain).unwrap().default_flow,
            AuthFlow::UserSrpAuth
        );
    }

    #[test]
    fn bad_configs_say_what_is_wrong() {
        assert!(
            AppConfig::parse("<html>")
                .unwrap_err()
                .contains("not valid JSON")
        );
        assert!(
            AppConfig::parse("{}")
                .unwrap_err()
                .contains("auth.user_pool_id")
        );
        let flow = r#"{"auth":{"user_pool_id":"us-east-1_A","user_pool_client_id":"c"},"hosted_login":{"default_flow":"MAGIC"}}"#;
        assert!(AppConfig::parse(flow).unwrap_err().contains("MAGIC"));
        let targets = r#"{"auth":{"user_pool_id":"us-east-1_A","user_pool_client_id":"c"},"hosted_login":{"redirect_targets":"https://app.example.com/"}}"#;
        // serde_json names the value it could not read, and where.
        let error = AppConfig::parse(targets).unwrap_err();
        assert!(
            error.contains("https://app.example.com/") && error.contains("expected a sequence"),
            "{error}"
        );
    }

    #[test]
    fn redirects_only_to_allowed_targets() {
        let json = r#"{"auth":{"user_pool_id":"us-east-1_A","user_pool_client_id":"c"},
            "hosted_login":{"redirect_targets":["https://app.example.com/","https://other.example.com/exact"]}}"#;
        let config = AppConfig::parse(json).unwrap();
        for allowed in [
            "https://app.example.com/",
            "https://app.example.com/home?x=1",
            "https://other.example.com/exact",
        ] {
            assert_eq!(
                config.redirect_for(allowed).as_deref(),
                Some(allowed),
                "{allowed}"
            );
        }
        for refused in [
            "https://app.example.com.evil.example/",
            "https://evil.example/https://app.example.com/",
            "https://other.example.com/exactly",
            "http://app.example.com/",
            "javascript:alert(1)",
            "https://app.example.com@evil.example/",
            "https://app.example.com/../x",
            "https://app.example.com/x/..",
            "https://app.example.com/x/%2E%2e/y",
            "https://app.example.com/./x",
            "//app.example.com/",
            "",
        ] {
            assert_eq!(config.redirect_for(refused), None, "{refused}");
        }
    }

    #[test]
    fn only_safe_captcha_audio() {
        assert!(safe_audio_url("data:audio/wav;base64,UklGRg=="));
        assert!(safe_audio_url("https://example.com/digits.wav"));
        for unsafe_url in [
            "data:text/html,<script>",
            "data:image/png;base64,AA",
            "javascript:x",
            "//evil.example/a.wav",
        ] {
            assert!(!safe_audio_url(unsafe_url), "{unsafe_url}");
        }
    }

    #[test]
    fn only_safe_captcha_urls() {
        for safe in [
            "https://example.com/c.png",
            "/captcha/1.png",
            "data:image/png;base64,AA",
            "http://127.0.0.1:9229/c.png",
            "http://localhost/c",
        ] {
            assert!(safe_image_url(safe), "{safe}");
        }
        for unsafe_url in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,<script>",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "http://example.com/c.png",
            "//evil.example/c.png",
            "vbscript:x",
            "url/123.jpg",
            "",
            "http://127.0.0.1.evil.example/",
            "http://127.0.0.1@evil.example/",
        ] {
            assert!(!safe_image_url(unsafe_url), "{unsafe_url}");
        }
    }
}
