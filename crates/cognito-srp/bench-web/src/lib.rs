//! The whole client-side SRP math of a sign-in, exported to JavaScript for the browser bench:
//! `A` from fresh random `a`, then the key and the `PASSWORD_CLAIM_SIGNATURE`, exactly what
//! the login app does between "submit password" and `RespondToAuthChallenge`.

use cognito_srp::{PasswordVerifierChallenge, SrpClient, Timestamp};
use wasm_bindgen::prelude::*;

/// Returns the signature (base64), or an error message.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn client_full(
    pool_id: &str,
    a: &[u8],
    salt: &str,
    srp_b: &str,
    secret_block: &str,
    user_id_for_srp: &str,
    password: &str,
    unix_seconds: f64,
) -> Result<String, JsError> {
    let client = SrpClient::new(pool_id, a)?;
    let challenge = PasswordVerifierChallenge {
        salt,
        srp_b,
        secret_block,
        user_id_for_srp,
    };
    let verifier = client.process_challenge(&challenge, password)?;
    Ok(verifier
        .claim(Timestamp::from_unix_seconds(unix_seconds as i64))
        .signature)
}
