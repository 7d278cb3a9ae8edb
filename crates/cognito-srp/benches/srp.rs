//! Native SRP timings: `cargo bench -p cognito-srp`.
//!
//! - `client/A`: `A = g^a mod N` (done while the person types).
//! - `client/challenge`: key and signature from a `PASSWORD_VERIFIER` challenge.
//! - `client/full`: both, the whole client-side cost of a sign-in.
//! - `server/B`: a fresh `B = k·v + g^b`; `server/verify`: checking a claim.

use std::hint::black_box;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use cognito_srp::{
    ClaimToVerify, PasswordVerifier, PasswordVerifierChallenge, SrpClient, SrpServer, Timestamp,
};
use criterion::{Criterion, criterion_group, criterion_main};

const POOL: &str = "us-east-1_BenchPool";
const USER: &str = "a1b2c3d4-e5f6-7890-abcd-ef0123456789";
const PASSWORD: &str = "correct horse battery staple";

fn bytes(seed: u8, len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

fn srp(c: &mut Criterion) {
    let a = bytes(7, 128);
    let verifier = PasswordVerifier::new(POOL, USER, PASSWORD, &bytes(3, 16)).unwrap();
    let server = SrpServer::new(&verifier, &bytes(11, 128)).unwrap();
    let (salt, srp_b) = (server.salt_hex(), server.srp_b());
    let secret_block = bytes(5, 96);
    let block = BASE64.encode(&secret_block);
    let challenge = PasswordVerifierChallenge {
        salt: &salt,
        srp_b: &srp_b,
        secret_block: &block,
        user_id_for_srp: USER,
    };
    let now = Timestamp::from_unix_seconds(1_795_305_600);

    c.bench_function("client/A", |b| {
        b.iter(|| SrpClient::new(POOL, black_box(&a)).unwrap())
    });
    let client = SrpClient::new(POOL, &a).unwrap();
    c.bench_function("client/challenge", |b| {
        b.iter(|| {
            client
                .process_challenge(black_box(&challenge), PASSWORD)
                .unwrap()
                .claim(now)
        })
    });
    c.bench_function("client/full", |b| {
        b.iter(|| {
            let client = SrpClient::new(POOL, black_box(&a)).unwrap();
            client
                .process_challenge(&challenge, PASSWORD)
                .unwrap()
                .claim(now)
        })
    });
    c.bench_function("server/B", |b| {
        b.iter(|| SrpServer::new(&verifier, black_box(&bytes(13, 128))).unwrap())
    });
    let claim = client
        .process_challenge(&challenge, PASSWORD)
        .unwrap()
        .claim(now);
    let srp_a = client.srp_a();
    c.bench_function("server/verify", |b| {
        b.iter(|| {
            server
                .verify(black_box(&ClaimToVerify {
                    srp_a: &srp_a,
                    user_pool_id: POOL,
                    user_id_for_srp: USER,
                    secret_block: &secret_block,
                    timestamp: &claim.timestamp,
                    signature: &claim.signature,
                }))
                .unwrap()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = srp
}
criterion_main!(benches);
