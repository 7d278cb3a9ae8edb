//! Known answers from amazon-cognito-identity-js and aws-amplify v6 (`fixtures/known-answers.json`,
//! produced by `tools/node/srp-peers.cjs`), checked natively (64-bit limbs) and in headless
//! Chromium as WASM (32-bit limbs): both builds must give the libraries' exact bytes.

use cognito_srp::{PasswordVerifierChallenge, SrpClient, Timestamp};
use serde_json::Value;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("fixtures/known-answers.json");

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
fn matches_identity_js_and_amplify() {
    let fixture: Value = serde_json::from_str(FIXTURE).expect("fixture JSON");
    let cases = fixture["cases"].as_array().expect("cases");
    assert!(cases.len() >= 20);
    for (index, case) in cases.iter().enumerate() {
        let field = |name: &str| case[name].as_str().expect("string field");
        let a: Vec<u8> = (0..field("a").len())
            .step_by(2)
            .map(|at| u8::from_str_radix(&field("a")[at..at + 2], 16).expect("hex"))
            .collect();
        let client = SrpClient::new(field("poolId"), &a).expect("client");
        let challenge = PasswordVerifierChallenge {
            salt: field("salt"),
            srp_b: field("srpB"),
            secret_block: field("secretBlock"),
            user_id_for_srp: field("userId"),
        };
        let verifier = client
            .process_challenge(&challenge, field("password"))
            .expect("challenge");
        let seconds = case["unixMs"].as_i64().expect("unixMs") / 1000;
        let claim = verifier.claim(Timestamp::from_unix_seconds(seconds));
        let expected = &case["expected"];
        assert_eq!(
            client.srp_a(),
            expected["srpA"].as_str().unwrap(),
            "A, case {index}"
        );
        assert_eq!(
            hex(verifier.key()),
            expected["key"].as_str().unwrap(),
            "key, case {index}"
        );
        assert_eq!(
            claim.timestamp,
            expected["timestamp"].as_str().unwrap(),
            "TIMESTAMP, case {index}"
        );
        assert_eq!(
            claim.signature,
            expected["signature"].as_str().unwrap(),
            "signature, case {index}"
        );
    }
}
