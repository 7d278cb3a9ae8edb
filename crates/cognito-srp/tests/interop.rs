//! Cross-implementation: the SRP client math of amazon-cognito-identity-js and aws-amplify v6
//! (in Node) and of pycognito (in Python), run as installed packages on the same fixed inputs,
//! must give byte-identical `A`, HKDF key, `TIMESTAMP` and signature to ours.
//!
//! The peers live in `tools/node/srp-peers.cjs` and `tools/python/srp_peer.py`; `./scripts/test`
//! installs their packages. A missing peer fails the test rather than skipping it.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use cognito_srp::{PasswordVerifier, PasswordVerifierChallenge, SrpClient, SrpServer, Timestamp};
use serde_json::{Value, json};

const CASES: usize = 100;

/// SplitMix64: a tiny deterministic generator, so every run checks the same 100 cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
    fn text(&mut self, len: usize) -> String {
        const ALPHABET: &[char] = &[
            'a', 'Z', '0', '9', '_', '-', '.', '@', ' ', '!', 'é', 'ß', 'Ж', '中', '🔑', ':', '"',
            '\\',
        ];
        (0..len)
            .map(|_| ALPHABET[self.below(ALPHABET.len() as u64) as usize])
            .collect()
    }
}

struct Ours {
    input: Value,
    srp_a: String,
    key: String,
    signature: String,
    timestamp: String,
}

fn make_case(rng: &mut Rng, index: usize) -> Ours {
    let pool_id = format!("us-east-{}_Pool{index}", 1 + rng.below(2));
    let user = if index.is_multiple_of(3) {
        // Cognito's USER_ID_FOR_SRP is often a UUID-like sub.
        format!("{:016x}-{:04x}", rng.next(), rng.below(0x10000))
    } else {
        let len = 1 + rng.below(20) as usize;
        rng.text(len)
    };
    let password_len = rng.below(40) as usize;
    let password = rng.text(password_len);
    let mut salt = rng.bytes(16);
    if index.is_multiple_of(4) {
        salt[0] = 0; // leading zero byte: SALT must still be sent in the form all clients agree on
    }
    let a = rng.bytes(128);
    let block_len = 1 + rng.below(300) as usize;
    let secret_block = rng.bytes(block_len);
    let time = rng.below(4_102_444_800) as i64;

    let verifier = PasswordVerifier::new(&pool_id, &user, &rng.text(8), &salt).expect("pool id");
    let server = SrpServer::new(&verifier, &rng.bytes(128)).expect("b");
    let client = SrpClient::new(&pool_id, &a).expect("a");
    let (salt_hex, srp_b, block) = (
        server.salt_hex(),
        server.srp_b(),
        BASE64.encode(&secret_block),
    );
    let challenge = PasswordVerifierChallenge {
        salt: &salt_hex,
        srp_b: &srp_b,
        secret_block: &block,
        user_id_for_srp: &user,
    };
    let verified = client
        .process_challenge(&challenge, &password)
        .expect("challenge");
    let claim = verified.claim(Timestamp::from_unix_seconds(time));
    Ours {
        input: json!({
            "poolId": pool_id, "userId": user, "password": password,
            "a": a.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            "salt": salt_hex, "srpB": srp_b, "secretBlock": block, "unixMs": time * 1000,
        }),
        srp_a: client.srp_a(),
        key: verified.key().iter().map(|b| format!("{b:02x}")).collect(),
        signature: claim.signature,
        timestamp: claim.timestamp,
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs a peer with every case on stdin; returns its JSON lines.
fn run_peer(program: &Path, script: &Path, cases: &[Ours]) -> Vec<Value> {
    let mut child = Command::new(program)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| {
            panic!(
                "cannot run {} (run ./scripts/test to install it): {error}",
                program.display()
            )
        });
    let mut stdin = child.stdin.take().expect("stdin");
    let input: String = cases
        .iter()
        .map(|case| format!("{}\n", case.input))
        .collect();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("peer output");
    writer.join().expect("writer thread").expect("write cases");
    assert!(
        output.status.success(),
        "{} {} failed",
        program.display(),
        script.display()
    );
    String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("peer JSON"))
        .collect()
}

fn cases() -> Vec<Ours> {
    let mut rng = Rng(0x5eed_c0de);
    (0..CASES).map(|index| make_case(&mut rng, index)).collect()
}

fn assert_same(library: &str, ours: &Ours, theirs: &Value, index: usize) {
    assert_eq!(theirs["library"], library);
    assert_eq!(
        theirs["srpA"], ours.srp_a,
        "{library}: A differs in case {index}"
    );
    assert_eq!(
        theirs["key"], ours.key,
        "{library}: HKDF key differs in case {index}"
    );
    assert_eq!(
        theirs["timestamp"], ours.timestamp,
        "{library}: TIMESTAMP differs in case {index}"
    );
    assert_eq!(
        theirs["signature"], ours.signature,
        "{library}: signature differs in case {index}"
    );
}

#[test]
fn identity_js_and_amplify_agree_byte_for_byte() {
    let cases = cases();
    let root = workspace_root();
    let results = run_peer(
        Path::new("node"),
        &root.join("tools/node/srp-peers.cjs"),
        &cases,
    );
    assert_eq!(results.len(), 2 * CASES, "one line per library per case");
    for (index, (ours, pair)) in cases.iter().zip(results.chunks(2)).enumerate() {
        assert_same("amazon-cognito-identity-js", ours, &pair[0], index);
        assert_same("aws-amplify", ours, &pair[1], index);
    }
}

#[test]
fn pycognito_agrees_byte_for_byte() {
    let cases = cases();
    let root = workspace_root();
    let python = std::env::var_os("HOSTED_LOGIN_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(".tools/venv/bin/python"));
    let results = run_peer(&python, &root.join("tools/python/srp_peer.py"), &cases);
    assert_eq!(results.len(), CASES);
    for (index, (ours, theirs)) in cases.iter().zip(&results).enumerate() {
        assert_same("pycognito", ours, theirs, index);
    }
}
