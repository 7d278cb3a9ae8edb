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

/// The same maths with `num-bigint` doing the big-number work (its `modpow`) and cognito-srp's
/// public helpers the hashing: what the page would run with a general big-integer library
/// instead of cognito-srp's Montgomery kernels, measured in the same page.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn client_full_num_bigint(
    pool_id: &str,
    a: &[u8],
    salt: &str,
    srp_b: &str,
    secret_block: &str,
    user_id_for_srp: &str,
    password: &str,
    unix_seconds: f64,
) -> Result<String, JsError> {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use cognito_srp::{compute_u, compute_x, hkdf_16, multiplier_k, pool_name};
    use hmac::{Hmac, KeyInit, Mac};
    use num_bigint::BigUint;

    let hex = |text: &str| BigUint::parse_bytes(text.as_bytes(), 16);
    let (Some(n), Some(salt), Some(b_pub)) = (hex(cognito_srp::N_HEX), hex(salt), hex(srp_b))
    else {
        return Err(JsError::new("not hexadecimal"));
    };
    let g = BigUint::from(cognito_srp::G);
    let a = BigUint::from_bytes_be(a);
    let a_pub = g.modpow(&a, &n);
    let u = BigUint::from_bytes_be(&compute_u(&a_pub.to_bytes_be(), &b_pub.to_bytes_be()));
    let pool = pool_name(pool_id)?;
    let x = BigUint::from_bytes_be(&compute_x(
        &salt.to_bytes_be(),
        pool,
        user_id_for_srp,
        password,
    ));
    let k = BigUint::from_bytes_be(&multiplier_k());
    let k_g_x = (k * g.modpow(&x, &n)) % &n;
    let base = ((b_pub % &n) + &n - k_g_x) % &n;
    let s = base.modpow(&(a + u.clone() * x), &n);
    let key = hkdf_16(&u.to_bytes_be(), &s.to_bytes_be());
    let secret = STANDARD
        .decode(secret_block)
        .map_err(|_| JsError::new("not base64"))?;
    let timestamp = Timestamp::from_unix_seconds(unix_seconds as i64).to_string();
    let mut mac =
        <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&key).map_err(|_| JsError::new("key"))?;
    for part in [
        pool.as_bytes(),
        user_id_for_srp.as_bytes(),
        &secret,
        timestamp.as_bytes(),
    ] {
        mac.update(part);
    }
    Ok(STANDARD.encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    /// Both sides of the comparison compute the same signature.
    #[test]
    fn num_bigint_variant_agrees() {
        let verifier =
            cognito_srp::PasswordVerifier::new("us-east-1_Bench", "user", "pw", &[7; 16]).unwrap();
        let server = cognito_srp::SrpServer::new(&verifier, &[9; 128]).unwrap();
        let args = (
            "us-east-1_Bench",
            [5_u8; 128],
            verifier.salt_hex(),
            server.srp_b(),
            "AAECAw==",
            "user",
            "pw",
            1_795_000_000.0,
        );
        let ours = super::client_full(
            args.0, &args.1, &args.2, &args.3, args.4, args.5, args.6, args.7,
        );
        let theirs = super::client_full_num_bigint(
            args.0, &args.1, &args.2, &args.3, args.4, args.5, args.6, args.7,
        );
        assert_eq!(ours.ok(), theirs.ok());
    }
}
