//! The release bundle's transfer size: what a person downloads before the form appears.
//!
//! `cargo test --test bundle_size -- --nocapture` prints the table docs/performance.md quotes:
//! raw, gzip -9 and brotli -q 11 (window 24, as the `brotli` command-line tool) of every file in
//! `trunk build --release`'s output, and the same for the React + aws-amplify v6 reference page
//! (`tools/node/reference-page`, built with esbuild in the same run).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::io::Write;

/// Budget of what a person signing in downloads: 0.8× the Amplify UI Authenticator page built in
/// the same run (220,041 B with its pinned packages; the every-step issue's aim, also asserted
/// against the page built in the run), which this build (174,148 B: every sign-in step a pool
/// asks for at each sign-in, every word from a catalogue with the language and brand machinery)
/// meets with 1.9 KB to spare. Not in it: the other languages' catalogues (each fetched only by
/// those who read it), and the bundle with the pages beyond signing in and the one step a person
/// meets once, a required new password (loaded only at their addresses). Lower it as the bundle
/// shrinks; raise it only on purpose.
const BROTLI_BUDGET: usize = 176_000;

/// Budget of what a person opening creating an account, resetting a password or the security
/// page downloads (the bundle with every page instead of the sign-in one): 196,458 B plus 3 KB.
const ACCOUNT_PAGES_BUDGET: usize = 199_500;

/// The Amplify UI `<Authenticator>` page's weight as the every-step issue names it (brotli -q 11,
/// measured once): within 0.1% of that page's script alone, without its stylesheet (195,929 +
/// 112 B of HTML in this run; the stylesheet is 24,000 B more). Printed beside the page built in
/// the same run ([`authenticator_page_brotli`]), which the aim is asserted against.
const AMPLIFY_UI_AUTHENTICATOR: usize = 196_162;

struct Sizes {
    raw: usize,
    gzip: usize,
    brotli: usize,
}

fn measure(bytes: &[u8]) -> Sizes {
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(bytes).expect("gzip in memory");
    let gzip = gzip.finish().expect("gzip in memory").len();
    let mut brotli = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut brotli, &params).expect("brotli in memory");
    Sizes {
        raw: bytes.len(),
        gzip,
        brotli: brotli.len(),
    }
}

/// Builds the React + aws-amplify v6 reference page (the same screens; its configuration bundled,
/// as an Amplify app has it) and measures every file of it, brotli -q 11.
fn reference_page_brotli() -> usize {
    let config = r#"{"auth":{"user_pool_id":"us-east-1_HostedDemo","user_pool_client_id":"hostedlogindemoclient00001"},"hosted_login":{"endpoint":"http://127.0.0.1:9229/","default_flow":"USER_SRP_AUTH"}}"#;
    node_page_brotli("reference-page", config)
}

/// Builds the Amplify UI `<Authenticator>` page (React, aws-amplify v6, @aws-amplify/ui-react:
/// every step, its stylesheet) for a pool with passwordless sign-in and MFA, and measures every
/// file of it, brotli -q 11.
fn authenticator_page_brotli() -> usize {
    let config = r#"{"auth":{"aws_region":"us-east-1","user_pool_id":"us-east-1_HostedDemo","user_pool_client_id":"hostedlogindemoclient00001","mfa_configuration":"OPTIONAL","mfa_methods":["TOTP","SMS","EMAIL"],"standard_required_attributes":["email"],"passwordless":{"email_otp_enabled":true,"sms_otp_enabled":true,"web_authn":{"relying_party_id":"localhost","user_verification":"preferred"}}}}"#;
    node_page_brotli("authenticator-page", config)
}

/// Builds `tools/node/<page>` with `config` bundled in; the brotli size of its files.
fn node_page_brotli(page: &str, config: &str) -> usize {
    let out = support::workspace_root().join(format!("target/{page}"));
    let _ = std::fs::remove_dir_all(&out);
    let status = std::process::Command::new("node")
        .current_dir(support::workspace_root())
        .arg(format!("tools/node/{page}/build.mjs"))
        .arg(&out)
        .arg(config)
        .status()
        .expect("node is not installed: run ./scripts/test");
    assert!(status.success(), "{page} did not build");
    std::fs::read_dir(&out)
        .expect("read the built page")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let brotli = measure(&std::fs::read(&path).expect("read")).brotli;
            println!("{page}: {} {brotli} B brotli", path.display());
            brotli
        })
        .sum()
}

/// Whether `name` is a file of the bundle with every page (loaded only at the pages beyond
/// signing in: create an account, the security page).
fn in_account_bundle(name: &str) -> bool {
    name.starts_with("hosted-login-account-")
}

/// Whether `name` is a file of the sign-in bundle.
fn in_sign_in_bundle(name: &str) -> bool {
    name.starts_with("hosted-login-") && !in_account_bundle(name)
}

fn add(total: &mut Sizes, sizes: &Sizes) {
    total.raw += sizes.raw;
    total.gzip += sizes.gzip;
    total.brotli += sizes.brotli;
}

#[test]
fn release_bundle_stays_within_budget() {
    let dist = support::release_dist();
    let mut files: Vec<_> = std::fs::read_dir(dist)
        .expect("read dist")
        .map(|entry| entry.expect("dist entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();

    let zero = || Sizes {
        raw: 0,
        gzip: 0,
        brotli: 0,
    };
    // What a person signing in downloads (everything but the other bundle), and what a person
    // who opens one of the pages beyond signing in downloads (everything but the sign-in bundle).
    let (mut total, mut account_page) = (zero(), zero());
    println!("| file | raw | gzip -9 | brotli -q 11 |\n|---|---:|---:|---:|");
    for file in &files {
        let sizes = measure(&std::fs::read(file).expect("read dist file"));
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        println!(
            "| {name} | {} | {} | {} |",
            sizes.raw, sizes.gzip, sizes.brotli
        );
        if !in_account_bundle(&name) {
            add(&mut total, &sizes);
        }
        if !in_sign_in_bundle(&name) {
            add(&mut account_page, &sizes);
        }
    }
    assert!(
        files
            .iter()
            .any(|file| in_account_bundle(&file.file_name().unwrap_or_default().to_string_lossy())),
        "no bundle with every page in dist"
    );
    println!(
        "| **total, signing in** | {} | {} | {} |",
        total.raw, total.gzip, total.brotli
    );
    println!(
        "| **total, creating an account or the security page** | {} | {} | {} |",
        account_page.raw, account_page.gzip, account_page.brotli
    );
    // What a language other than English adds: its catalogue, fetched by those who read it.
    let mut catalogues: Vec<(String, usize)> = std::fs::read_dir(dist.join("locales"))
        .expect("read dist/locales")
        .map(|entry| entry.expect("catalogue").path())
        .map(|path| {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (
                name,
                measure(&std::fs::read(&path).expect("read catalogue")).brotli,
            )
        })
        .collect();
    catalogues.sort_by_key(|(_, brotli)| *brotli);
    let (smallest, largest) = (catalogues.first(), catalogues.last());
    println!("catalogues (not in the total), brotli: smallest {smallest:?}, largest {largest:?}");
    let reference = reference_page_brotli();
    println!(
        "brotli: {:.2}× the React + aws-amplify v6 reference page ({reference} B)",
        total.brotli as f64 / reference as f64
    );
    let authenticator = authenticator_page_brotli();
    println!(
        "brotli: {:.2}× the Amplify UI Authenticator page built in this run ({authenticator} B)",
        total.brotli as f64 / authenticator as f64
    );
    println!(
        "brotli: {:.2}× the Amplify UI Authenticator page as the every-step issue measured it ({AMPLIFY_UI_AUTHENTICATOR} B)",
        total.brotli as f64 / AMPLIFY_UI_AUTHENTICATOR as f64
    );
    // The every-step issue's aim, against the Authenticator page as a person downloads it (its
    // script and its stylesheet), built in this run; the figure the issue names, 196,162 B, is
    // within 0.1% of that page's script alone.
    assert!(
        total.brotli * 10 <= authenticator * 8,
        "the sign-in page is {} B brotli, past 0.8× the Amplify UI Authenticator page ({authenticator} B)",
        total.brotli
    );
    assert!(
        total.brotli <= BROTLI_BUDGET,
        "the sign-in page grew to {} B brotli, past its budget of {BROTLI_BUDGET} B",
        total.brotli
    );
    assert!(
        account_page.brotli <= ACCOUNT_PAGES_BUDGET,
        "the pages beyond signing in grew to {} B brotli, past their budget of {ACCOUNT_PAGES_BUDGET} B",
        account_page.brotli
    );
}
