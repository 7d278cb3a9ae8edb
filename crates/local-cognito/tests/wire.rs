//! The wire and the rules around sign-in, in-process: error shapes for bad input, CORS, limits,
//! lockout, sessions, triggers that fail, and the JWKS/OpenID documents.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::{TestServer, call, error};

const POOL: &str = "us-east-1_HostedDemo";
const CLIENT: &str = "hostedlogindemoclient00001";

async fn password_sign_in(server: &TestServer, username: &str, password: &str) -> (u16, Value) {
    call(
        &server.url,
        "InitiateAuth",
        &json!({
            "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
            "AuthParameters": { "USERNAME": username, "PASSWORD": password },
        }),
    )
    .await
}

#[tokio::test]
async fn bad_requests_get_cognito_shaped_errors() {
    let server = TestServer::start().await;
    let (status, body) = call(&server.url, "NoSuchOperation", &json!({})).await;
    assert_eq!((status, error(&body).0), (400, "UnknownOperationException"));

    let (status, body) = call(&server.url, "InitiateAuth", &json!("not an object")).await;
    assert_eq!((status, error(&body).0), (400, "SerializationException"));

    let (status, body) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT }),
    )
    .await;
    assert_eq!(
        (status, error(&body)),
        (
            400,
            (
                "InvalidParameterException",
                "Missing required parameter USERNAME"
            )
        )
    );

    let (_, body) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "MAGIC", "ClientId": CLIENT }),
    )
    .await;
    assert_eq!(error(&body).0, "InvalidParameterException");
    assert!(
        error(&body).1.contains("failed to satisfy constraint"),
        "{body}"
    );

    let (_, body) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_SRP_AUTH", "ClientId": "nope", "AuthParameters": {} }),
    )
    .await;
    assert_eq!(
        error(&body),
        (
            "ResourceNotFoundException",
            "User pool client nope does not exist."
        )
    );

    let huge = "x".repeat(300 * 1024);
    let (status, body) = call(&server.url, "InitiateAuth", &json!({ "AuthFlow": huge })).await;
    assert_eq!((status, error(&body).0), (400, "SerializationException"));

    let (_, body) = call(&server.url, "InitiateAuth", &json!({
        "AuthFlow": "USER_SRP_AUTH", "ClientId": CLIENT, "AuthParameters": { "USERNAME": "alice", "SRP_A": "zz" },
    })).await;
    assert_eq!(error(&body).0, "InvalidParameterException");
    let (_, body) = call(&server.url, "InitiateAuth", &json!({
        "AuthFlow": "USER_SRP_AUTH", "ClientId": CLIENT, "AuthParameters": { "USERNAME": "alice", "SRP_A": cognito_srp::N_HEX },
    })).await;
    assert_eq!(
        error(&body),
        ("InvalidParameterException", "SRP_A cannot be 0 modulo N")
    );
}

#[tokio::test]
async fn cors_preflight_allows_what_browsers_send() {
    let server = TestServer::start().await;
    let output = tokio::process::Command::new("curl")
        .args(["-s", "-i", "-X", "OPTIONS", &format!("{}/", server.url)])
        .args(["-H", "Origin: http://127.0.0.1:8080", "-H", "Access-Control-Request-Method: POST"])
        .args(["-H", "Access-Control-Request-Headers: content-type,x-amz-target,x-amz-user-agent,cache-control"])
        .output()
        .await
        .expect("curl");
    let head = String::from_utf8_lossy(&output.stdout).to_lowercase();
    assert!(
        head.contains("access-control-allow-origin: http://127.0.0.1:8080"),
        "{head}"
    );
    for allowed in [
        "content-type",
        "x-amz-target",
        "x-amz-user-agent",
        "cache-control",
    ] {
        assert!(
            head.lines()
                .any(|line| line.starts_with("access-control-allow-headers")
                    && line.contains(allowed)),
            "{allowed}: {head}"
        );
    }
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_user_for_a_while() {
    let server = TestServer::start().await;
    for _ in 0..5 {
        let (_, body) = password_sign_in(&server, "alice", "Wrong!pass1").await;
        assert_eq!(
            error(&body),
            ("NotAuthorizedException", "Incorrect username or password.")
        );
    }
    let (_, body) = password_sign_in(&server, "alice", "Passw0rd!alice").await;
    assert_eq!(
        error(&body),
        ("NotAuthorizedException", "Password attempts exceeded")
    );
    server.clock.advance(2.0);
    let (status, body) = password_sign_in(&server, "alice", "Passw0rd!alice").await;
    assert_eq!(status, 200, "{body}");
    assert!(body["AuthenticationResult"]["IdToken"].is_string());
}

#[tokio::test]
async fn sessions_are_single_use_and_expire() {
    let server = TestServer::start().await;
    let start = json!({ "AuthFlow": "CUSTOM_AUTH", "ClientId": CLIENT, "AuthParameters": { "USERNAME": "alice" } });
    let (_, challenge) = call(&server.url, "InitiateAuth", &start).await;
    assert_eq!(challenge["ChallengeName"], "CUSTOM_CHALLENGE");
    assert!(
        challenge["ChallengeParameters"].get("answer").is_none(),
        "private parameters leaked"
    );
    let answer = |session: &Value| {
        json!({
            "ChallengeName": "CUSTOM_CHALLENGE", "ClientId": CLIENT, "Session": session,
            "ChallengeResponses": { "USERNAME": "alice", "ANSWER": "wrong" },
        })
    };
    let (_, retry) = call(
        &server.url,
        "RespondToAuthChallenge",
        &answer(&challenge["Session"]),
    )
    .await;
    assert_eq!(
        retry["ChallengeName"], "CUSTOM_CHALLENGE",
        "a wrong answer gets a new challenge: {retry}"
    );
    assert_ne!(retry["Session"], challenge["Session"]);
    let (_, reused) = call(
        &server.url,
        "RespondToAuthChallenge",
        &answer(&challenge["Session"]),
    )
    .await;
    assert_eq!(
        error(&reused),
        (
            "NotAuthorizedException",
            "Invalid session for the user, session is expired."
        )
    );

    server.clock.advance(3.0 * 60.0 + 1.0);
    let (_, expired) = call(
        &server.url,
        "RespondToAuthChallenge",
        &answer(&retry["Session"]),
    )
    .await;
    assert_eq!(
        error(&expired),
        (
            "NotAuthorizedException",
            "Invalid session for the user, session is expired."
        )
    );
}

#[tokio::test]
async fn timestamp_format_is_checked() {
    let server = TestServer::start().await;
    let client = cognito_srp::SrpClient::new(POOL, &[7; 128]).unwrap();
    let (_, challenge) = call(
        &server.url,
        "InitiateAuth",
        &json!({
            "AuthFlow": "USER_SRP_AUTH", "ClientId": CLIENT,
            "AuthParameters": { "USERNAME": "alice", "SRP_A": client.srp_a() },
        }),
    )
    .await;
    let parameters = &challenge["ChallengeParameters"];
    assert_eq!(parameters["USER_ID_FOR_SRP"], "alice");
    assert!(
        challenge.get("Session").is_none(),
        "USER_SRP_AUTH's verifier challenge has no session"
    );
    let (_, body) = call(
        &server.url,
        "RespondToAuthChallenge",
        &json!({
            "ChallengeName": "PASSWORD_VERIFIER", "ClientId": CLIENT,
            "ChallengeResponses": {
                "USERNAME": "alice", "PASSWORD_CLAIM_SECRET_BLOCK": parameters["SECRET_BLOCK"],
                "TIMESTAMP": "2026-11-22T00:00:00Z", "PASSWORD_CLAIM_SIGNATURE": "AAAA",
            },
        }),
    )
    .await;
    assert_eq!(
        error(&body),
        (
            "InvalidParameterException",
            "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english."
        )
    );
}

/// Writes `source` as a handler file and points the demo pool's `trigger` at it — in-process,
/// as the person running the server (the API may not name files to run).
async fn use_node_handler(server: &TestServer, trigger: &str, name: &str, source: &str) {
    let path = server.data_dir.join(name);
    std::fs::write(&path, source).unwrap();
    let mut config =
        server.service.describe_user_pool(POOL).unwrap()["UserPool"]["LambdaConfig"].clone();
    config[trigger] = json!(format!("node:{}", path.display()));
    let request =
        serde_json::from_value(json!({ "UserPoolId": POOL, "LambdaConfig": config })).unwrap();
    server.service.update_user_pool(request).unwrap();
}

async fn start_custom(server: &TestServer) -> Value {
    call(&server.url, "InitiateAuth", &json!({ "AuthFlow": "CUSTOM_AUTH", "ClientId": CLIENT, "AuthParameters": { "USERNAME": "alice" } }))
        .await
        .1
}

#[tokio::test]
async fn failing_triggers_give_cognito_errors() {
    let server = TestServer::start().await;
    use_node_handler(
        &server,
        "DefineAuthChallenge",
        "throws.mjs",
        "export const handler = async () => { throw new Error('Boom'); };",
    )
    .await;
    assert_eq!(
        error(&start_custom(&server).await),
        (
            "UserLambdaValidationException",
            "DefineAuthChallenge failed with error Boom."
        )
    );

    use_node_handler(
        &server,
        "DefineAuthChallenge",
        "callback-error.js",
        "exports.handler = (event, context, callback) => callback(new Error('Nope'));",
    )
    .await;
    assert_eq!(
        error(&start_custom(&server).await),
        (
            "UserLambdaValidationException",
            "DefineAuthChallenge failed with error Nope."
        )
    );

    use_node_handler(
        &server,
        "DefineAuthChallenge",
        "malformed.mjs",
        "export const handler = async () => ({ response: 42 });",
    )
    .await;
    assert_eq!(
        error(&start_custom(&server).await).0,
        "InvalidLambdaResponseException"
    );

    use_node_handler(
        &server,
        "DefineAuthChallenge",
        "hangs.mjs",
        "export const handler = () => new Promise(() => setInterval(() => {}, 1000));",
    )
    .await;
    let started = std::time::Instant::now();
    assert_eq!(
        error(&start_custom(&server).await),
        (
            "UserLambdaValidationException",
            "DefineAuthChallenge failed with error Task timed out after 5.00 seconds."
        )
    );
    assert!(started.elapsed() < Duration::from_secs(9));
}

/// A stand-in for the Lambda Invoke API: `define-ok` asks for a CUSTOM_CHALLENGE, `boom` fails.
async fn fake_lambda() -> String {
    use axum::extract::Path;
    use axum::http::HeaderMap;
    use axum::routing::post;
    let app = axum::Router::new().route(
        "/2015-03-31/functions/{name}/invocations",
        post(
            |Path(name): Path<String>, axum::Json(mut event): axum::Json<Value>| async move {
                let mut headers = HeaderMap::new();
                if name == "boom" {
                    headers.insert("x-amz-function-error", "Unhandled".parse().unwrap());
                    return (
                        headers,
                        axum::Json(json!({ "errorMessage": "Kaboom", "errorType": "Error" })),
                    );
                }
                assert_eq!(event["triggerSource"], "DefineAuthChallenge_Authentication");
                assert_eq!(event["userPoolId"], POOL);
                assert_eq!(event["callerContext"]["clientId"], CLIENT);
                event["response"]["challengeName"] = json!("CUSTOM_CHALLENGE");
                (headers, axum::Json(event))
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

#[tokio::test]
async fn lambda_invoke_endpoint_handlers() {
    let server = TestServer::start_with_lambda(Some(fake_lambda().await)).await;
    let set_define = |handler: &'static str| {
        let url = server.url.clone();
        async move {
            call(
                &url,
                "UpdateUserPool",
                &json!({ "UserPoolId": POOL, "LambdaConfig": {
                    "DefineAuthChallenge": handler,
                    "CreateAuthChallenge": "builtin:captcha-create",
                    "VerifyAuthChallengeResponse": "builtin:captcha-verify",
                }}),
            )
            .await
        }
    };
    set_define("arn:aws:lambda:us-east-1:123456789012:function:define-ok").await;
    let body = start_custom(&server).await;
    assert_eq!(body["ChallengeName"], "CUSTOM_CHALLENGE", "{body}");
    set_define("lambda:boom").await;
    assert_eq!(
        error(&start_custom(&server).await),
        (
            "UserLambdaValidationException",
            "DefineAuthChallenge failed with error Kaboom."
        )
    );
}

#[tokio::test]
async fn jwks_and_openid_configuration_name_this_server() {
    let server = TestServer::start().await;
    let fetch = |path: String| async move {
        let output = tokio::process::Command::new("curl")
            .args(["-s", &path])
            .output()
            .await
            .unwrap();
        serde_json::from_slice::<Value>(&output.stdout).unwrap()
    };
    let configuration = fetch(format!(
        "{}/{POOL}/.well-known/openid-configuration",
        server.url
    ))
    .await;
    assert_eq!(configuration["issuer"], format!("{}/{POOL}", server.url));
    assert_eq!(
        configuration["jwks_uri"],
        format!("{}/{POOL}/.well-known/jwks.json", server.url)
    );
    let jwks = fetch(format!("{}/{POOL}/.well-known/jwks.json", server.url)).await;
    assert_eq!(jwks["keys"][0]["alg"], "RS256");
    assert_eq!(jwks["keys"][0]["kty"], "RSA");
}

/// `method path` with `headers` and `body`: the status, the headers (lower-case names) and the
/// body text.
async fn raw(
    url: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, Vec<(String, String)>, String) {
    use http_body_util::{BodyExt, Full};
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http();
    let mut request = hyper::Request::builder()
        .method(method)
        .uri(format!("{url}{path}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(Full::new(bytes::Bytes::from(body.to_owned())))
        .unwrap();
    let response = client.request(request).await.unwrap();
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                value.to_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// As on Cognito, the administrator's operations need AWS credentials: a SigV4 `Authorization`
/// header (any well-formed one; the signature is not checked). The browser's operations do not.
#[tokio::test]
async fn administrator_operations_need_a_sigv4_header() {
    let server = TestServer::start().await;
    let target = |operation: &str| format!("AWSCognitoIdentityProviderService.{operation}");
    let create = json!({ "UserPoolId": POOL, "Username": "mallory", "MessageAction": "SUPPRESS" })
        .to_string();
    for operation in [
        "AdminCreateUser",
        "AdminGetUser",
        "ListUsers",
        "CreateUserPool",
        "DescribeUserPoolClient",
    ] {
        let target = target(operation);
        let headers = [
            ("content-type", "application/x-amz-json-1.1"),
            ("x-amz-target", target.as_str()),
        ];
        let (status, _, body) = raw(&server.url, "POST", "/", &headers, &create).await;
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            (status, error(&body)),
            (
                403,
                (
                    "MissingAuthenticationTokenException",
                    "Missing Authentication Token"
                )
            ),
            "{operation}"
        );
        let malformed = [
            headers[0],
            headers[1],
            ("authorization", "Bearer something"),
        ];
        let (status, _, body) = raw(&server.url, "POST", "/", &malformed, &create).await;
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            (status, error(&body).0),
            (400, "IncompleteSignatureException"),
            "{operation}"
        );
    }
    assert!(
        server
            .service
            .store
            .user(POOL, "mallory")
            .unwrap()
            .is_none(),
        "an unsigned request created a user"
    );
    // Signed (as boto3 signs), the same request works.
    let target = target("AdminCreateUser");
    let signed = [
        ("content-type", "application/x-amz-json-1.1"),
        ("x-amz-target", target.as_str()),
        ("authorization", local_cognito::LOCAL_AUTHORIZATION),
    ];
    let (status, _, _) = raw(&server.url, "POST", "/", &signed, &create).await;
    assert_eq!(status, 200);
    // A browser's operation needs nothing of the kind.
    let (status, _) = password_sign_in(&server, "alice", "Passw0rd!alice").await;
    assert_eq!(status, 200);
}

/// `/_local/*` (codes, temporary passwords) answers tools and the server's own origin, never a
/// web page on another origin; and CORS never lets such a page send an `Authorization` header.
#[tokio::test]
async fn local_routes_refuse_other_origins() {
    let server = TestServer::start().await;
    let own = server.url.clone();
    let (status, _, _) = raw(&server.url, "GET", "/_local/messages", &[], "").await;
    assert_eq!(status, 200, "a tool without an Origin");
    let (status, _, _) = raw(
        &server.url,
        "GET",
        "/_local/messages",
        &[("origin", own.as_str())],
        "",
    )
    .await;
    assert_eq!(status, 200, "the server's own origin");
    for headers in [
        vec![("origin", "http://127.0.0.1:1")],
        vec![("origin", "https://evil.example")],
        vec![("origin", "null")],
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site")],
    ] {
        let (status, response_headers, body) =
            raw(&server.url, "GET", "/_local/messages", &headers, "").await;
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            (status, error(&body).0),
            (403, "AccessDeniedException"),
            "{headers:?}"
        );
        assert!(
            !response_headers
                .iter()
                .any(|(name, _)| name.starts_with("access-control-")),
            "{headers:?}: {response_headers:?}"
        );
    }
    // The preflight of a request carrying `Authorization` is not allowed.
    let (_, headers, _) = raw(
        &server.url,
        "OPTIONS",
        "/",
        &[
            ("origin", "https://evil.example"),
            ("access-control-request-method", "POST"),
            (
                "access-control-request-headers",
                "authorization,content-type,x-amz-target",
            ),
        ],
        "",
    )
    .await;
    assert!(
        !headers
            .iter()
            .any(|(name, value)| name == "access-control-allow-headers"
                && value.to_lowercase().contains("authorization")),
        "{headers:?}"
    );
}

/// `UsernameConfiguration.CaseSensitive`: the demo pool is case-insensitive ("Alice" signs in
/// as alice, with SRP too, and cannot be registered twice); a pool created without it is
/// case-sensitive, as `CreateUserPool`'s default.
#[tokio::test]
async fn usernames_are_case_insensitive_where_the_pool_says_so() {
    let server = TestServer::start().await;
    for typed in ["Alice", "ALICE", "alice"] {
        let (status, body) = password_sign_in(&server, typed, "Passw0rd!alice").await;
        assert_eq!(status, 200, "{typed}: {body}");
    }
    let client = cognito_srp::SrpClient::new(POOL, &[3; 128]).unwrap();
    let (status, body) = call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_SRP_AUTH", "ClientId": CLIENT,
                 "AuthParameters": { "USERNAME": "ALICE", "SRP_A": client.srp_a() } }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ChallengeParameters"]["USER_ID_FOR_SRP"], "alice");
    let (status, body) = call(
        &server.url,
        "SignUp",
        &json!({ "ClientId": CLIENT, "Username": "Alice", "Password": "Another-Passw0rd!" }),
    )
    .await;
    assert_eq!((status, error(&body).0), (400, "UsernameExistsException"));

    // A pool that does not say so is case-sensitive.
    let (_, created) = call(
        &server.url,
        "CreateUserPool",
        &json!({ "PoolName": "strict" }),
    )
    .await;
    let pool = created["UserPool"]["Id"].as_str().unwrap().to_owned();
    let (_, made) = call(
        &server.url,
        "CreateUserPoolClient",
        &json!({ "UserPoolId": pool, "ClientName": "c", "ExplicitAuthFlows": ["ALLOW_ADMIN_USER_PASSWORD_AUTH"] }),
    )
    .await;
    let client_id = made["UserPoolClient"]["ClientId"]
        .as_str()
        .unwrap()
        .to_owned();
    call(
        &server.url,
        "AdminCreateUser",
        &json!({ "UserPoolId": pool, "Username": "bob", "MessageAction": "SUPPRESS" }),
    )
    .await;
    call(
        &server.url,
        "AdminSetUserPassword",
        &json!({ "UserPoolId": pool, "Username": "bob", "Password": "Bob-Passw0rd!", "Permanent": true }),
    )
    .await;
    for (typed, expected) in [("bob", 200), ("Bob", 400)] {
        let (status, _) = call(
            &server.url,
            "AdminInitiateAuth",
            &json!({ "AuthFlow": "ADMIN_USER_PASSWORD_AUTH", "ClientId": client_id, "UserPoolId": pool,
                     "AuthParameters": { "USERNAME": typed, "PASSWORD": "Bob-Passw0rd!" } }),
        )
        .await;
        assert_eq!(status, expected, "{typed}");
    }
}
