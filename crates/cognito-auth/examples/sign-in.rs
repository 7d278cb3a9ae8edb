//! Sign in to any Cognito-compatible endpoint from the terminal — handy for debugging a pool.
//!
//! ```text
//! cargo run -p cognito-auth --example sign-in -- \
//!     --endpoint http://127.0.0.1:9229/ --pool us-east-1_HostedDemo --client hostedlogindemoclient00001 \
//!     --username alice [--password 'Passw0rd!alice'] \
//!     [--flow srp|password|custom|custom-srp|user-auth] [--prefer EMAIL_OTP|SMS_OTP|PASSWORD|PASSWORD_SRP]
//! ```
//!
//! Every step is asked for on the terminal: the first factor to use (`user-auth`), where a code
//! was sent and the code, the password, a custom answer, a new password, the MFA method to use
//! or to set up, an authenticator app's secret (printed with its `otpauth://` URI) and its code,
//! an e-mail address for MFA. Prints the ID token's claims on success. The native transport
//! speaks plain `http://` (local-cognito or a TLS-terminating proxy). Passkeys need an
//! authenticator, which a terminal does not have: choose another factor.

use std::collections::HashMap;
use std::io::{BufRead, Write};

use cognito_auth::native::{HyperTransport, system_environment};
use cognito_auth::{
    AuthConfig, AuthFactor, AuthFlow, CodeDeliveryDetails, CognitoAuth, ConfirmSignInInput,
    ExposeSecret, MemoryStorage, NextStep, SignInInput,
};

fn arguments() -> Result<HashMap<String, String>, String> {
    let mut arguments = HashMap::new();
    let mut words = std::env::args().skip(1);
    while let Some(flag) = words.next() {
        let name = flag
            .strip_prefix("--")
            .ok_or_else(|| format!("unexpected {flag}"))?;
        let value = words
            .next()
            .ok_or_else(|| format!("--{name} needs a value"))?;
        arguments.insert(name.to_owned(), value);
    }
    Ok(arguments)
}

fn ask(prompt: &str) -> String {
    print!("{prompt}: ");
    let _ = std::io::stdout().flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    line.trim().to_owned()
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), String> {
    let arguments = arguments()?;
    let get = |name: &str| {
        arguments
            .get(name)
            .cloned()
            .ok_or_else(|| format!("--{name} is required"))
    };
    let endpoint = get("endpoint")?;
    let config = AuthConfig::new(&get("pool")?, &get("client")?)
        .and_then(|config| config.with_endpoint(&endpoint))
        .map_err(|error| error.to_string())?;
    let flow = match arguments.get("flow").map(String::as_str).unwrap_or("srp") {
        "srp" => AuthFlow::UserSrpAuth,
        "password" => AuthFlow::UserPasswordAuth,
        "custom" => AuthFlow::CustomWithoutSrp,
        "custom-srp" => AuthFlow::CustomWithSrp,
        "user-auth" => AuthFlow::UserAuth,
        other => return Err(format!("unknown flow {other}")),
    };
    let preferred = match arguments.get("prefer") {
        Some(name) => Some(AuthFactor::from_name(name).ok_or(format!("unknown factor {name}"))?),
        None => None,
    };
    let password = match (flow, arguments.get("password")) {
        (AuthFlow::CustomWithoutSrp, _) => None,
        (AuthFlow::UserAuth, password) if preferred.is_some_and(AuthFactor::is_password) => Some(
            password
                .cloned()
                .unwrap_or_else(|| ask("password"))
                .as_str()
                .into(),
        ),
        (AuthFlow::UserAuth, _) => None,
        (_, Some(password)) => Some(password.as_str().into()),
        (_, None) => Some(ask("password").into()),
    };
    let auth = CognitoAuth::new(
        config,
        HyperTransport::default(),
        MemoryStorage::default(),
        MemoryStorage::default(),
        system_environment(),
    );
    let input = SignInInput {
        username: get("username")?,
        password,
        flow,
        preferred_challenge: preferred,
        ..SignInInput::default()
    };
    let mut output = auth
        .sign_in(input)
        .await
        .map_err(|error| error.to_string())?;
    loop {
        let response = match &output.next_step {
            NextStep::Done => break,
            NextStep::ConfirmSignInWithCustomChallenge { additional_info } => {
                println!("custom challenge: {additional_info:?}");
                ask("answer")
            }
            NextStep::ConfirmSignInWithNewPasswordRequired { .. } => ask("new password"),
            NextStep::ContinueSignInWithFirstFactorSelection {
                available_challenges,
            } => {
                let names: Vec<&str> = available_challenges.iter().map(|f| f.as_str()).collect();
                ask(&format!("sign in with ({})", names.join(", ")))
            }
            NextStep::ConfirmSignInWithPassword => ask("password"),
            NextStep::ConfirmSignInWithEmailCode {
                code_delivery_details,
            }
            | NextStep::ConfirmSignInWithSmsCode {
                code_delivery_details,
            } => {
                println!("{}", sent_to(code_delivery_details.as_ref()));
                ask("code")
            }
            NextStep::ConfirmSignInWithTotpCode => ask("code from your authenticator app"),
            NextStep::ContinueSignInWithMfaSelection { allowed_mfa_types } => {
                let names: Vec<&str> = allowed_mfa_types.iter().map(|m| m.as_str()).collect();
                ask(&format!("second factor ({})", names.join(", ")))
            }
            NextStep::ContinueSignInWithMfaSetupSelection { allowed_mfa_types } => {
                let names: Vec<&str> = allowed_mfa_types.iter().map(|m| m.as_str()).collect();
                ask(&format!("set up ({})", names.join(", ")))
            }
            NextStep::ContinueSignInWithTotpSetup { totp_setup_details } => {
                println!(
                    "add this secret to your authenticator app: {}\n{}",
                    totp_setup_details.shared_secret.expose_secret(),
                    totp_setup_details.setup_uri("cognito-auth", &get("username")?)
                );
                ask("code from your authenticator app")
            }
            NextStep::ContinueSignInWithEmailSetup => ask("e-mail address for codes"),
            other => return Err(format!("cannot continue here: {other:?}")),
        };
        output = auth
            .confirm_sign_in(ConfirmSignInInput::answer(&response))
            .await
            .map_err(|error| error.to_string())?;
    }
    let session = auth
        .fetch_session()
        .await
        .map_err(|error| error.to_string())?
        .ok_or("no session")?;
    println!(
        "signed in; ID token claims:\n{}",
        serde_json::Value::Object(session.id_claims())
    );
    Ok(())
}

/// Where a code went, in words.
fn sent_to(details: Option<&CodeDeliveryDetails>) -> String {
    match details.and_then(|details| details.destination.as_deref()) {
        Some(destination) => format!("a code was sent to {destination}"),
        None => "a code was sent".to_owned(),
    }
}
