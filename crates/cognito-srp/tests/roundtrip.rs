//! Our client against our server: any user, pool, salt and password signs in, and nothing else
//! does.
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use cognito_srp::{
    ClaimToVerify, N_HEX, PasswordClaim, PasswordVerifier, PasswordVerifierChallenge, SrpClient,
    SrpError, SrpServer, Timestamp,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Case {
    pool: String,
    user: String,
    password: String,
    salt: Vec<u8>,
    a: Vec<u8>,
    b: Vec<u8>,
    secret_block: Vec<u8>,
    time: i64,
}

fn case() -> impl Strategy<Value = Case> {
    (
        ("[a-z]{2}-[a-z]{4,9}-[1-9]", "[A-Za-z0-9]{1,12}").prop_map(|(r, n)| format!("{r}_{n}")),
        // Any printable text, non-ASCII included; passwords may even be empty.
        ("\\PC{1,24}", "\\PC{0,32}"),
        proptest::collection::vec(any::<u8>(), 1..=32),
        (
            proptest::collection::vec(any::<u8>(), 128),
            proptest::collection::vec(any::<u8>(), 128),
        ),
        proptest::collection::vec(any::<u8>(), 1..=256),
        0_i64..4_102_444_800,
    )
        .prop_map(
            |(pool, (user, password), salt, (a, b), secret_block, time)| Case {
                pool,
                user,
                password,
                salt,
                a,
                b,
                secret_block,
                time,
            },
        )
}

/// The server's side of a sign-in for `case` and the client's claim made with `password`.
fn sign_in(case: &Case, password: &str) -> (SrpServer, String, PasswordClaim) {
    let verifier = PasswordVerifier::new(&case.pool, &case.user, &case.password, &case.salt)
        .expect("valid pool");
    let server = SrpServer::new(&verifier, &case.b).expect("valid b");
    let client = SrpClient::new(&case.pool, &case.a).expect("valid a");
    let salt = server.salt_hex();
    let srp_b = server.srp_b();
    let secret_block = BASE64.encode(&case.secret_block);
    let challenge = PasswordVerifierChallenge {
        salt: &salt,
        srp_b: &srp_b,
        secret_block: &secret_block,
        user_id_for_srp: &case.user,
    };
    let claim = client
        .process_challenge(&challenge, password)
        .expect("valid challenge")
        .claim(Timestamp::from_unix_seconds(case.time));
    (server, client.srp_a(), claim)
}

fn verify(
    case: &Case,
    server: &SrpServer,
    srp_a: &str,
    claim: &PasswordClaim,
) -> Result<Timestamp, SrpError> {
    server.verify(&ClaimToVerify {
        srp_a,
        user_pool_id: &case.pool,
        user_id_for_srp: &claim.username,
        secret_block: &case.secret_block,
        timestamp: &claim.timestamp,
        signature: &claim.signature,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn right_password_verifies(case in case()) {
        let (server, srp_a, claim) = sign_in(&case, &case.password);
        prop_assert_eq!(verify(&case, &server, &srp_a, &claim), Ok(Timestamp::from_unix_seconds(case.time)));
    }

    #[test]
    fn wrong_password_never_verifies(case in case(), wrong in "\\PC{0,32}") {
        prop_assume!(wrong != case.password);
        let (server, srp_a, claim) = sign_in(&case, &wrong);
        prop_assert_eq!(verify(&case, &server, &srp_a, &claim), Err(SrpError::BadClaim));
    }

    #[test]
    fn tampered_claims_never_verify(case in case(), flip in any::<prop::sample::Index>()) {
        let (server, srp_a, claim) = sign_in(&case, &case.password);

        let mut signature = BASE64.decode(&claim.signature).unwrap();
        let at = flip.index(signature.len());
        signature[at] ^= 1;
        let forged = PasswordClaim { signature: BASE64.encode(&signature), ..claim.clone() };
        prop_assert_eq!(verify(&case, &server, &srp_a, &forged), Err(SrpError::BadClaim));

        let mut other_block = case.clone();
        let at = flip.index(other_block.secret_block.len());
        other_block.secret_block[at] ^= 0x80;
        prop_assert_eq!(verify(&other_block, &server, &srp_a, &claim), Err(SrpError::BadClaim));

        let later = Timestamp::from_unix_seconds(case.time + 1).to_string();
        let retimed = PasswordClaim { timestamp: later, ..claim.clone() };
        prop_assert_eq!(verify(&case, &server, &srp_a, &retimed), Err(SrpError::BadClaim));

        let other_user = PasswordClaim { username: format!("{}x", claim.username), ..claim };
        prop_assert_eq!(verify(&case, &server, &srp_a, &other_user), Err(SrpError::BadClaim));
    }
}

fn fixed_case() -> Case {
    Case {
        pool: "eu-west-1_Pool".to_owned(),
        user: "alice".to_owned(),
        password: "correct horse".to_owned(),
        salt: vec![0, 0, 7, 9],
        a: vec![3; 128],
        b: vec![5; 128],
        secret_block: b"secret".to_vec(),
        time: 1_700_000_000,
    }
}

/// A client that zero-pads the day signs a string the server never signs (it signs the
/// canonical form of the parsed time), so its claim fails like a wrong password, as against
/// Cognito.
#[test]
fn zero_padded_day_fails_like_a_wrong_password() {
    use hmac::{Hmac, KeyInit, Mac};

    let case = fixed_case();
    let verifier =
        PasswordVerifier::new(&case.pool, &case.user, &case.password, &case.salt).unwrap();
    let server = SrpServer::new(&verifier, &case.b).unwrap();
    let client = SrpClient::new(&case.pool, &case.a).unwrap();
    let (salt, srp_b, block) = (
        server.salt_hex(),
        server.srp_b(),
        BASE64.encode(&case.secret_block),
    );
    let challenge = PasswordVerifierChallenge {
        salt: &salt,
        srp_b: &srp_b,
        secret_block: &block,
        user_id_for_srp: &case.user,
    };
    let key = *client
        .process_challenge(&challenge, &case.password)
        .unwrap()
        .key();
    let sign = |timestamp: &str| {
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
        for part in [
            b"Pool".as_slice(),
            case.user.as_bytes(),
            &case.secret_block,
            timestamp.as_bytes(),
        ] {
            mac.update(part);
        }
        BASE64.encode(mac.finalize().into_bytes())
    };
    let claim = |timestamp: &str| PasswordClaim {
        username: case.user.clone(),
        secret_block: block.clone(),
        timestamp: timestamp.to_owned(),
        signature: sign(timestamp),
    };
    let canonical = "Wed Feb 5 08:00:00 UTC 2025";
    assert!(verify(&case, &server, &client.srp_a(), &claim(canonical)).is_ok());
    let padded = claim("Wed Feb 05 08:00:00 UTC 2025");
    assert_eq!(
        verify(&case, &server, &client.srp_a(), &padded),
        Err(SrpError::BadClaim)
    );
}

#[test]
fn malformed_inputs_are_typed_errors() {
    let case = fixed_case();
    let client = SrpClient::new(&case.pool, &case.a).unwrap();
    let challenge = |salt, srp_b, secret_block| PasswordVerifierChallenge {
        salt,
        srp_b,
        secret_block,
        user_id_for_srp: "alice",
    };
    let process = |c: PasswordVerifierChallenge<'_>| client.process_challenge(&c, "pw").map(|_| ());
    assert_eq!(
        process(challenge("xyz", "ab", "AA==")),
        Err(SrpError::InvalidHex { field: "SALT" })
    );
    assert_eq!(
        process(challenge("", "ab", "AA==")),
        Err(SrpError::InvalidHex { field: "SALT" })
    );
    assert_eq!(
        process(challenge("ab", "-1", "AA==")),
        Err(SrpError::InvalidHex { field: "SRP_B" })
    );
    assert_eq!(
        process(challenge("ab", "ab", "not base64!")),
        Err(SrpError::InvalidBase64 {
            field: "SECRET_BLOCK"
        })
    );
    // B ≡ 0 (mod N): 0 itself, N, and 2N.
    let two_n =
        (num_bigint::BigUint::parse_bytes(N_HEX.as_bytes(), 16).unwrap() * 2_u8).to_str_radix(16);
    for zero in ["0", N_HEX, &two_n] {
        assert_eq!(
            process(challenge("ab", zero, "AA==")),
            Err(SrpError::IllegalPublicValue { name: "B" })
        );
    }
    assert_eq!(
        SrpClient::new("nounderscore", &case.a).err(),
        Some(SrpError::InvalidPoolId)
    );
    assert_eq!(
        SrpClient::new("_name", &case.a).err(),
        Some(SrpError::InvalidPoolId)
    );
    assert_eq!(
        SrpClient::new("region_", &case.a).err(),
        Some(SrpError::InvalidPoolId)
    );
}

#[test]
fn server_rejects_malformed_claims() {
    let case = fixed_case();
    let (server, srp_a, claim) = sign_in(&case, &case.password);
    let check = |srp_a: &str, timestamp: &str, signature: &str| {
        server.verify(&ClaimToVerify {
            srp_a,
            user_pool_id: &case.pool,
            user_id_for_srp: &claim.username,
            secret_block: &case.secret_block,
            timestamp,
            signature,
        })
    };
    for zero in ["0", N_HEX] {
        assert_eq!(
            check(zero, &claim.timestamp, &claim.signature),
            Err(SrpError::IllegalPublicValue { name: "A" })
        );
    }
    assert_eq!(
        check("zz", &claim.timestamp, &claim.signature),
        Err(SrpError::InvalidHex { field: "SRP_A" })
    );
    // Leading zeros are the same number; a value far too long to be one is refused outright.
    let padded = format!("{}{srp_a}", "0".repeat(1000));
    assert_eq!(
        check(&padded, &claim.timestamp, &claim.signature).is_ok(),
        check(&srp_a, &claim.timestamp, &claim.signature).is_ok()
    );
    assert_eq!(
        check(&"f".repeat(3073), &claim.timestamp, &claim.signature),
        Err(SrpError::InvalidHex { field: "SRP_A" })
    );
    assert_eq!(
        check(&srp_a, "yesterday", &claim.signature),
        Err(SrpError::InvalidTimestamp)
    );
    assert_eq!(
        check(&srp_a, &claim.timestamp, "%%%"),
        Err(SrpError::InvalidBase64 {
            field: "PASSWORD_CLAIM_SIGNATURE"
        })
    );
    assert_eq!(check(&srp_a, &claim.timestamp, ""), Err(SrpError::BadClaim));
    assert_eq!(
        check(&srp_a, &claim.timestamp, &claim.signature),
        Ok(Timestamp::from_unix_seconds(case.time))
    );
}

/// Stored verifiers survive a round trip through their hex form.
#[test]
fn verifier_hex_round_trip() {
    let verifier = PasswordVerifier::new("us-east-1_x", "bob", "pw", &[0, 1, 2]).unwrap();
    let restored =
        PasswordVerifier::from_hex(&verifier.salt_hex(), &verifier.verifier_hex()).unwrap();
    assert_eq!(restored, verifier);
}

/// The secret exponents and the derived key are never printed by `Debug` (so never logged by
/// accident); the public values still are.
#[test]
fn secrets_are_not_printed_by_debug() {
    let pool = "us-east-1_Debug";
    let client = SrpClient::new(pool, &[0x5a; 128]).unwrap();
    let printed = format!("{client:?}");
    assert!(printed.contains("REDACTED"), "{printed}");
    assert!(!printed.contains("1515870810"), "a's words leak: {printed}"); // 0x5a5a5a5a
    let verifier = PasswordVerifier::new(pool, "alice", "pw", &[1; 16]).unwrap();
    let server = SrpServer::new(&verifier, &[0x5a; 128]).unwrap();
    let printed = format!("{server:?}");
    assert!(
        printed.contains("REDACTED") && !printed.contains("1515870810"),
        "{printed}"
    );
    let challenge = PasswordVerifierChallenge {
        salt: &verifier.salt_hex(),
        srp_b: &server.srp_b(),
        secret_block: "AAAA",
        user_id_for_srp: "alice",
    };
    let session = client.process_challenge(&challenge, "pw").unwrap();
    let key = format!("{:?}", session.key());
    let printed = format!("{session:?}");
    assert!(!printed.contains(&key), "{printed}");
}
