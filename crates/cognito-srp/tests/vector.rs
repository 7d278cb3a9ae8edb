//! Published values: the cross-checked Cognito test vector and the constant `k`.
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use cognito_srp::{PasswordVerifierChallenge, SrpClient, Timestamp, multiplier_k};

/// `k = H(PAD(N) | PAD(g))`, as computed independently in the reference notes.
#[test]
fn multiplier_k_matches_reference() {
    assert_eq!(
        multiplier_k()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect::<String>(),
        "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6",
        "bad k value"
    );
}

/// The vector of aws-cognito-srp, rerun with Amplify's and amazon-cognito-identity-js's own
/// code: `a = 0x01 × 128`, pool `us-west-2_abc`, `SALT = SRP_B = 36ef…58ba`, and a
/// `SECRET_BLOCK` whose base64 text is the hex-looking string below.
#[test]
fn published_cognito_vector() {
    let client = SrpClient::new("us-west-2_abc", &[1; 128]).expect("valid pool and a");
    assert!(
        client.srp_a().starts_with("b1ce118779e27c1c"),
        "bad A value"
    );

    let secret_block = "9ae77ec7154c14dcc487b47707fee4b4920cb96d8a8c045e4c8df879a7b375524aa736acdec6c9ad4ea606774d00621b";
    let challenge = PasswordVerifierChallenge {
        salt: "36ef01c6dde9fe503da333b1acc758ba",
        srp_b: "36ef01c6dde9fe503da333b1acc758ba",
        secret_block,
        user_id_for_srp: "user_id",
    };
    let verifier = client
        .process_challenge(&challenge, "password")
        .expect("valid challenge");
    assert_eq!(
        BASE64.encode(verifier.key()),
        BASE64.encode(hex16("5d090983f6b04502c9066a80cf439ad0"))
    );

    let timestamp = Timestamp::parse("Mon Feb 10 18:30:12 UTC 2025").expect("valid timestamp");
    let claim = verifier.claim(timestamp);
    assert_eq!(claim.timestamp, "Mon Feb 10 18:30:12 UTC 2025");
    assert_eq!(
        claim.signature, "apNSb5GZpJciVc6cVNkDf4elCMoWUZcH4aukLlMPiFA=",
        "bad signature"
    );
    assert_eq!(claim.username, "user_id");
    assert_eq!(claim.secret_block, secret_block);
}

fn hex16(hex: &str) -> [u8; 16] {
    let mut bytes = [0; 16];
    for (byte, pair) in bytes.iter_mut().zip(hex.as_bytes().chunks(2)) {
        *byte = u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap();
    }
    bytes
}
