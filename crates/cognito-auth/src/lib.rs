//! An Amplify-style sign-in client for Amazon Cognito user pools, in Rust, for the browser
//! (WASM) and natively. Its vocabulary is `aws-amplify/auth`'s, so the Amplify guides translate
//! line by line:
//!
//! ```no_run
//! # use cognito_auth::{AuthError, CognitoAuth, ConfirmSignInInput, KeyValueStorage, NextStep, SignInInput, Transport};
//! # async fn example(auth: &CognitoAuth<impl Transport, impl KeyValueStorage>) -> Result<(), AuthError> {
//! let output = auth.sign_in(SignInInput::passwordless("alice")).await?;
//! if let NextStep::ConfirmSignInWithCustomChallenge { additional_info } = output.next_step {
//!     // show additional_info["captchaUrl"], then:
//!     auth.confirm_sign_in(ConfirmSignInInput::answer("5")).await?;
//! }
//! # Ok(())
//! # }
//! ```
//!
//! - Flows: [`AuthFlow::UserSrpAuth`] (default), [`AuthFlow::UserPasswordAuth`],
//!   [`AuthFlow::CustomWithoutSrp`], [`AuthFlow::CustomWithSrp`], [`AuthFlow::UserAuth`] (the
//!   pool's first factors: passkey, e-mail or SMS code, password). Every [`NextStep`] of
//!   Amplify's is answered by `confirm_sign_in`; `PASSWORD_VERIFIER`, a remembered device's
//!   `DEVICE_SRP_AUTH` and a passkey's `WEB_AUTHN` are answered inside the library.
//! - Beyond signing in: sign-up and auto sign-in, password reset and change, attributes and
//!   their verification, TOTP set-up and MFA preferences, passkeys ([`Authenticator`]) and
//!   remembered devices, with Amplify's names.
//! - In-flight sign-ins survive a reload for Cognito's 3 minutes (Amplify's
//!   `CognitoSignInState.*` keys); tokens are stored under Amplify's keys, so an Amplify app on
//!   the same origin shares the session.
//! - Transport ([`Transport`]) and storage ([`KeyValueStorage`]) are traits: browser
//!   implementations on wasm32 (gloo-net, gloo-storage), native ones elsewhere. Randomness and
//!   time are parameters ([`Environment`]).
//! - Messages are `cognito-protocol`'s serde types, written with `serde_json` and read with it
//!   natively; in the browser the browser's `JSON.parse` reads them and serde-wasm-bindgen maps
//!   them onto the same types ([`json`]: no JSON reader in a page's WASM). A malformed or hostile
//!   answer is an [`AuthError`], never a panic, and nothing from it is stored. Passwords,
//!   answers and tokens are `SecretString`s, which `Debug` never prints.

// Nothing a server sends may panic the client (see tests/hostile_server.rs).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod account;
mod answer;
mod client;
mod config;
mod confirm;
mod devices;
mod error;
mod flow;
pub mod json;
mod mfa;
mod passkeys;
mod pending;
mod sign_in;
mod step;
mod storage;
mod tokens;
mod transport;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;

pub use account::{ResetPasswordStep, SignUpInput, SignUpOutput, SignUpStep, UpdateAttributeStep};
pub use client::{CognitoAuth, Environment, RandomSource};
pub use cognito_protocol::{ExposeSecret, SecretString, StringMap};
pub use config::{AuthConfig, AuthOutputs, ConfigError};
pub use devices::Device;
pub use error::AuthError;
pub use flow::{AuthFlow, ConfirmSignInInput, SignInInput};
pub use mfa::{MfaPreference, MfaPreferences, UpdateMfaPreferenceInput};
pub use passkeys::{Authenticator, NoAuthenticator, PasskeyError, WebAuthnCredential};
pub use step::{
    AuthFactor, CodeDeliveryDetails, MfaType, NextStep, SignInOutput, TotpSetupDetails,
};
pub use storage::{KeyValueStorage, MemoryStorage};
pub use tokens::{AuthSession, Claims, Tokens, claims as jwt_claims};
pub use transport::Transport;
