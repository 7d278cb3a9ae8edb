//! Sign in to any Cognito-compatible endpoint from the terminal — handy for debugging a pool.
//!
//! ```text
//! cargo run -p cognito-auth --example sign-in -- \
//!     --endpoint http://127.0.0.1:9229/ --pool us-east-1_HostedDemo --client hostedlogindemoclient00001 \
//!     --username alice [--password 'Passw0rd!alice'] [--flow srp|password|custom|custom-srp]
//! ```
//!
//! Challenges (custom answers, new passwords, codes) are asked for on the terminal. Prints the
//! ID token's claims on success. The native transport speaks plain `http://` (local-cognito or a
//! TLS-terminating proxy).

use std::collections::HashMap;
use std::io::{BufRead, Write};

use cognito_auth::native::{HyperTransport, system_environment};
use cognito_auth::{
    AuthConfig, AuthFlow, CognitoAuth, ConfirmSignInInput, MemoryStorage, NextStep, SignInInput,
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
        other => return Err(format!("unknown flow {other}")),
    };
    let password = match (flow, arguments.get("password")) {
        (AuthFlow::CustomWithoutSrp, _) => None,
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
            NextStep::ConfirmSignInWithSmsCode | NextStep::ConfirmSignInWithTotpCode => ask("code"),
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
