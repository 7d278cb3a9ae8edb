//! Load generator: N concurrent clients doing full sign-ins over HTTP, against local-cognito
//! (USER_PASSWORD_AUTH and USER_SRP_AUTH) and, in the same run, against the npm `cognito-local`
//! (USER_PASSWORD_AUTH only: it has no SRP) as the reference.
//!
//! ```text
//! cargo run --profile server -p local-cognito --bin loadgen -- --concurrency 200 --seconds 10
//! ```
//!
//! Both servers run on this machine, on loopback ports, started and stopped by this program;
//! requests are bounded by `--seconds` per phase.

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use cognito_srp::{PasswordVerifierChallenge, SrpClient, Timestamp};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use local_cognito::clock::{SystemClock, random_bytes};
use local_cognito::store::Store;
use local_cognito::triggers::Triggers;
use local_cognito::{Service, router};
use serde_json::{Value, json};

#[derive(Debug, Parser)]
struct Args {
    /// Concurrent clients.
    #[arg(long, default_value_t = 200)]
    concurrency: usize,
    /// Seconds each phase runs.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Users to spread the sign-ins over.
    #[arg(long, default_value_t = 50)]
    users: usize,
    /// Skip the cognito-local reference (e.g. when Node packages are not installed).
    #[arg(long)]
    no_reference: bool,
}

type HttpClient = Client<HttpConnector, Full<bytes::Bytes>>;

const PASSWORD: &str = "Load-Test-Passw0rd!";

async fn call(
    http: &HttpClient,
    url: &str,
    operation: &str,
    body: &Value,
) -> Result<Value, String> {
    let request = hyper::Request::post(url)
        .header("content-type", "application/x-amz-json-1.1")
        .header("authorization", local_cognito::LOCAL_AUTHORIZATION)
        .header(
            "x-amz-target",
            format!("AWSCognitoIdentityProviderService.{operation}"),
        )
        .body(Full::new(bytes::Bytes::from(body.to_string())))
        .map_err(|error| error.to_string())?;
    let response = http
        .request(request)
        .await
        .map_err(|error| error.to_string())?;
    let status = response.status();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|error| error.to_string())?
        .to_bytes();
    let value: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    if status.is_success() {
        Ok(value)
    } else {
        Err(format!("{status} {value}"))
    }
}

/// Creates a pool, a client allowing both flows, and users; returns (pool id, client id).
async fn provision(http: &HttpClient, url: &str, users: usize) -> Result<(String, String), String> {
    let pool = call(http, url, "CreateUserPool", &json!({ "PoolName": "load" })).await?;
    let pool_id = pool["UserPool"]["Id"]
        .as_str()
        .ok_or("no pool id")?
        .to_owned();
    let client = call(http, url, "CreateUserPoolClient", &json!({
        "UserPoolId": pool_id, "ClientName": "load",
        "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    })).await?;
    let client_id = client["UserPoolClient"]["ClientId"]
        .as_str()
        .ok_or("no client id")?
        .to_owned();
    for user in 0..users {
        let username = format!("load-{user}@example.com");
        call(http, url, "AdminCreateUser", &json!({
            "UserPoolId": pool_id, "Username": username, "MessageAction": "SUPPRESS", "TemporaryPassword": PASSWORD,
        })).await?;
        call(http, url, "AdminSetUserPassword", &json!({
            "UserPoolId": pool_id, "Username": username, "Password": PASSWORD, "Permanent": true,
        })).await?;
    }
    Ok((pool_id, client_id))
}

#[derive(Clone, Copy, Debug)]
enum Flow {
    Password,
    Srp,
}

async fn sign_in(
    http: &HttpClient,
    url: &str,
    pool_id: &str,
    client_id: &str,
    username: &str,
    flow: Flow,
) -> Result<(), String> {
    match flow {
        Flow::Password => {
            let answer = call(
                http,
                url,
                "InitiateAuth",
                &json!({
                    "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client_id,
                    "AuthParameters": { "USERNAME": username, "PASSWORD": PASSWORD },
                }),
            )
            .await?;
            answer["AuthenticationResult"]["IdToken"]
                .as_str()
                .map(|_| ())
                .ok_or_else(|| format!("no tokens: {answer}"))
        }
        Flow::Srp => {
            let client =
                SrpClient::new(pool_id, &random_bytes(128)).map_err(|error| error.to_string())?;
            let challenge = call(
                http,
                url,
                "InitiateAuth",
                &json!({
                    "AuthFlow": "USER_SRP_AUTH", "ClientId": client_id,
                    "AuthParameters": { "USERNAME": username, "SRP_A": client.srp_a() },
                }),
            )
            .await?;
            let parameter = |name: &str| {
                challenge["ChallengeParameters"][name]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            };
            let (salt, srp_b, block, user_id) = (
                parameter("SALT"),
                parameter("SRP_B"),
                parameter("SECRET_BLOCK"),
                parameter("USER_ID_FOR_SRP"),
            );
            let now = Timestamp::from_unix_seconds(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap_or_default()
                    .as_secs() as i64,
            );
            let claim = client
                .process_challenge(
                    &PasswordVerifierChallenge {
                        salt: &salt,
                        srp_b: &srp_b,
                        secret_block: &block,
                        user_id_for_srp: &user_id,
                    },
                    PASSWORD,
                )
                .map_err(|error| error.to_string())?
                .claim(now);
            let answer = call(http, url, "RespondToAuthChallenge", &json!({
                "ChallengeName": "PASSWORD_VERIFIER", "ClientId": client_id,
                "ChallengeResponses": {
                    "USERNAME": claim.username, "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block,
                    "TIMESTAMP": claim.timestamp, "PASSWORD_CLAIM_SIGNATURE": claim.signature,
                },
            })).await?;
            answer["AuthenticationResult"]["IdToken"]
                .as_str()
                .map(|_| ())
                .ok_or_else(|| format!("no tokens: {answer}"))
        }
    }
}

struct Report {
    target: &'static str,
    flow: &'static str,
    signed_in: usize,
    errors: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

async fn run_phase(
    args: &Args,
    url: &str,
    target: &'static str,
    flow: Flow,
) -> Result<Report, String> {
    let http: HttpClient = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(args.concurrency)
        .build_http();
    let (pool_id, client_id) = provision(&http, url, args.users).await?;
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let (pool_id, client_id, url) = (
        Arc::new(pool_id),
        Arc::new(client_id),
        Arc::new(url.to_owned()),
    );
    let workers: Vec<_> = (0..args.concurrency)
        .map(|worker| {
            let (http, pool_id, client_id, url, users) = (
                http.clone(),
                pool_id.clone(),
                client_id.clone(),
                url.clone(),
                args.users,
            );
            tokio::spawn(async move {
                let (mut latencies, mut errors, mut first_error) = (Vec::new(), 0, None);
                let mut n = worker;
                while Instant::now() < deadline {
                    let username = format!("load-{}@example.com", n % users);
                    n += 1;
                    let begun = Instant::now();
                    match sign_in(&http, &url, &pool_id, &client_id, &username, flow).await {
                        Ok(()) => latencies.push(begun.elapsed()),
                        Err(error) => {
                            errors += 1;
                            first_error.get_or_insert(error);
                        }
                    }
                }
                (latencies, errors, first_error)
            })
        })
        .collect();
    let mut report = Report {
        target,
        flow: match flow {
            Flow::Password => "USER_PASSWORD_AUTH",
            Flow::Srp => "USER_SRP_AUTH",
        },
        signed_in: 0,
        errors: 0,
        elapsed: Duration::ZERO,
        latencies: Vec::new(),
    };
    for worker in workers {
        let (latencies, errors, first_error) = worker.await.map_err(|error| error.to_string())?;
        if let Some(error) = first_error {
            eprintln!("{target} {}: first error: {error}", report.flow);
        }
        report.errors += errors;
        report.latencies.extend(latencies);
    }
    report.elapsed = started.elapsed();
    report.signed_in = report.latencies.len();
    report.latencies.sort();
    Ok(report)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

async fn start_local_cognito() -> Result<String, String> {
    let dir = std::env::temp_dir().join(format!("local-cognito-loadgen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = Store::open(&dir).map_err(|error| error.to_string())?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|error| error.to_string())?;
    let url = format!(
        "http://{}",
        listener.local_addr().map_err(|error| error.to_string())?
    );
    let service = Arc::new(Service::new(
        store,
        Triggers::default(),
        Arc::new(SystemClock),
        url.clone(),
    ));
    tokio::spawn(async move {
        let _ = axum::serve(listener, router(service)).await;
    });
    Ok(url)
}

/// The npm `cognito-local`, from `tools/node`, on a free port; killed when dropped.
async fn start_cognito_local() -> Result<(tokio::process::Child, String, PathBuf), String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let start = root.join("tools/node/node_modules/cognito-local/lib/bin/start.js");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let dir = std::env::temp_dir().join(format!("cognito-local-loadgen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|error| error.to_string())?;
    let child = tokio::process::Command::new("node")
        .arg(&start)
        .current_dir(&dir)
        .env("PORT", port.to_string())
        .env("HOST", "127.0.0.1")
        .env("DEBUG", "")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|error| format!("cannot start cognito-local ({}): {error}", start.display()))?;
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Ok((child, url, dir));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err("cognito-local did not start".to_owned())
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args = Args::parse();
    let local = start_local_cognito().await?;
    let mut reports = vec![
        run_phase(&args, &local, "local-cognito", Flow::Password).await?,
        run_phase(&args, &local, "local-cognito", Flow::Srp).await?,
    ];
    if !args.no_reference {
        let (child, url, dir) = start_cognito_local().await?;
        reports.push(run_phase(&args, &url, "cognito-local 5.3.0 (npm)", Flow::Password).await?);
        drop(child);
        let _ = std::fs::remove_dir_all(dir);
    }
    println!(
        "{} concurrent clients, {} s per row, {} users; both servers on this machine\n",
        args.concurrency, args.seconds, args.users
    );
    println!("| server | flow | sign-ins | errors | sign-ins/s | p50 ms | p99 ms |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for report in &reports {
        println!(
            "| {} | {} | {} | {} | {:.0} | {:.1} | {:.1} |",
            report.target,
            report.flow,
            report.signed_in,
            report.errors,
            report.signed_in as f64 / report.elapsed.as_secs_f64(),
            percentile(&report.latencies, 0.5),
            percentile(&report.latencies, 0.99),
        );
    }
    Ok(())
}
