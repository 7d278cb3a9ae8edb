//! local-cognito under concurrent and hostile clients: no lost updates, no self-granted claims,
//! no unbounded guessing, no code run on request, and Cognito's error shape for every answer.

mod support;

use base64::Engine;
use serde_json::{Value, json};
use support::{TestServer, call, error};

const POOL: &str = "us-east-1_HostedDemo";
const CLIENT: &str = "hostedlogindemoclient00001";

async fn create_user(server: &TestServer, username: &str, password: &str, email: &str) {
    let (status, body) = call(
        &server.url,
        "AdminCreateUser",
        &json!({ "UserPoolId": POOL, "Username": username, "MessageAction": "SUPPRESS",
                 "UserAttributes": [{ "Name": "email", "Value": email }] }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = call(
        &server.url,
        "AdminSetUserPassword",
        &json!({ "UserPoolId": POOL, "Username": username, "Password": password, "Permanent": true }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

async fn sign_in(server: &TestServer, username: &str, password: &str) -> (u16, Value) {
    call(
        &server.url,
        "InitiateAuth",
        &json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
                 "AuthParameters": { "USERNAME": username, "PASSWORD": password } }),
    )
    .await
}

async fn tokens(server: &TestServer, username: &str, password: &str) -> Value {
    let (status, body) = sign_in(server, username, password).await;
    assert_eq!(status, 200, "{body}");
    body["AuthenticationResult"].clone()
}

fn claims(jwt: &str) -> Value {
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap()
}

fn failed_attempts(server: &TestServer, username: &str) -> u32 {
    server
        .service
        .store
        .user(POOL, username)
        .unwrap()
        .unwrap()
        .failed_attempts
}

/// Every change to a user is atomic against every other: bursts of a password change (or a
/// global sign-out, or a refresh) released together with wrong-password sign-ins never lose the
/// acknowledged change, and every failure is counted.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_changes_and_failures_lose_nothing() {
    let server = TestServer::start().await;
    const WRONG: u32 = 4; // below the lockout, so the new password can be tried at once after
    for trial in 0..20 {
        let username = format!("race-{trial}");
        let (old, new) = ("Old-Passw0rd!", "New-Passw0rd!");
        create_user(&server, &username, old, &format!("{username}@example.com")).await;
        let signed_in = tokens(&server, &username, old).await;
        let access = signed_in["AccessToken"].as_str().unwrap().to_owned();
        let refresh = signed_in["RefreshToken"].as_str().unwrap().to_owned();

        let url = server.url.clone();
        let change = {
            let (url, access) = (url.clone(), access.clone());
            tokio::spawn(async move {
                call(
                    &url,
                    "ChangePassword",
                    &json!({
                        "AccessToken": access, "PreviousPassword": old, "ProposedPassword": new,
                    }),
                )
                .await
            })
        };
        let failures: Vec<_> = (0..WRONG)
            .map(|_| {
                let (url, username) = (url.clone(), username.clone());
                tokio::spawn(async move {
                    call(&url, "InitiateAuth", &json!({
                        "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
                        "AuthParameters": { "USERNAME": username, "PASSWORD": "Wrong-Passw0rd!" },
                    }))
                    .await
                })
            })
            .collect();
        let refreshing = {
            let url = url.clone();
            tokio::spawn(async move {
                call(
                    &url,
                    "InitiateAuth",
                    &json!({
                        "AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": CLIENT,
                        "AuthParameters": { "REFRESH_TOKEN": refresh },
                    }),
                )
                .await
            })
        };
        let (status, body) = change.await.unwrap();
        assert_eq!(status, 200, "trial {trial}: {body}");
        for failure in failures {
            assert_eq!(failure.await.unwrap().0, 400);
        }
        assert_eq!(refreshing.await.unwrap().0, 200);
        assert_eq!(
            failed_attempts(&server, &username),
            WRONG,
            "trial {trial}: failures lost"
        );
        // (The new password first: a right one clears the count, so the old one's refusal
        // below is a fifth failure that does not lock the user.)
        assert_eq!(
            sign_in(&server, &username, new).await.0,
            200,
            "trial {trial}: the acknowledged new password was lost"
        );
        assert_eq!(
            error(&sign_in(&server, &username, old).await.1),
            ("NotAuthorizedException", "Incorrect username or password."),
            "trial {trial}: the old password still signs in"
        );

        // A global sign-out released with failures: both land.
        let access = tokens(&server, &username, new).await["AccessToken"]
            .as_str()
            .unwrap()
            .to_owned();
        let sign_out = {
            let (url, access) = (url.clone(), access.clone());
            tokio::spawn(async move {
                call(&url, "GlobalSignOut", &json!({ "AccessToken": access })).await
            })
        };
        let failures: Vec<_> = (0..WRONG)
            .map(|_| {
                let (url, username) = (url.clone(), username.clone());
                tokio::spawn(async move {
                    call(&url, "InitiateAuth", &json!({
                        "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
                        "AuthParameters": { "USERNAME": username, "PASSWORD": "Wrong-Passw0rd!" },
                    }))
                    .await
                })
            })
            .collect();
        assert_eq!(sign_out.await.unwrap().0, 200);
        for failure in failures {
            failure.await.unwrap();
        }
        assert_eq!(failed_attempts(&server, &username), WRONG);
        let (status, body) = call(&url, "GetUser", &json!({ "AccessToken": access })).await;
        assert_eq!(
            (status, error(&body).0),
            (400, "NotAuthorizedException"),
            "trial {trial}: the global sign-out was lost"
        );
    }
}

/// Nobody grants themselves a claim: attributes outside the schema, the verified flags, groups
/// and other people's addresses are refused, with Cognito's errors; groups come only from an
/// administrator, and reach both tokens.
#[tokio::test(flavor = "multi_thread")]
async fn no_self_granted_claims() {
    let server = TestServer::start().await;
    let sign_up = |attributes: Value| {
        let url = server.url.clone();
        async move {
            call(
                &url,
                "SignUp",
                &json!({
                    "ClientId": CLIENT, "Username": "mallory", "Password": "Mall0ry!pass",
                    "UserAttributes": attributes,
                }),
            )
            .await
        }
    };
    for (attributes, expected) in [
        (
            json!([{ "Name": "cognito:groups", "Value": "admin" }]),
            (
                "InvalidParameterException",
                "Attributes did not conform to the schema: Type for attribute {cognito:groups} could not be determined",
            ),
        ),
        (
            json!([{ "Name": "email_verified", "Value": "true" }]),
            (
                "NotAuthorizedException",
                "A client attempted to write unauthorized attribute",
            ),
        ),
        (
            json!([{ "Name": "custom:role", "Value": "admin" }]),
            (
                "InvalidParameterException",
                "Attributes did not conform to the schema: Type for attribute {custom:role} could not be determined",
            ),
        ),
        (
            json!([{ "Name": "sub", "Value": "00000000-0000-4000-8000-000000000000" }]),
            (
                "NotAuthorizedException",
                "A client attempted to write unauthorized attribute",
            ),
        ),
    ] {
        let (status, body) = sign_up(attributes.clone()).await;
        assert_eq!((status, error(&body)), (400, expected), "{attributes}");
    }
    assert!(
        server
            .service
            .store
            .user(POOL, "mallory")
            .unwrap()
            .is_none()
    );

    // The new-password step: no groups, no verified flag, no changing an address on file.
    let new_password = |responses: Value| {
        let url = server.url.clone();
        async move {
            let (_, started) = call(
                &url,
                "InitiateAuth",
                &json!({
                    "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
                    "AuthParameters": { "USERNAME": "newbie", "PASSWORD": "Temp0rary!pass" },
                }),
            )
            .await;
            assert_eq!(
                started["ChallengeName"], "NEW_PASSWORD_REQUIRED",
                "{started}"
            );
            let mut answers = json!({ "USERNAME": "newbie", "NEW_PASSWORD": "Newbie-Passw0rd!" });
            answers
                .as_object_mut()
                .unwrap()
                .extend(responses.as_object().unwrap().clone());
            call(
                &url,
                "RespondToAuthChallenge",
                &json!({
                    "ChallengeName": "NEW_PASSWORD_REQUIRED", "ClientId": CLIENT,
                    "Session": started["Session"], "ChallengeResponses": answers,
                }),
            )
            .await
        }
    };
    for (responses, expected) in [
        (
            json!({ "userAttributes.cognito:groups": "admin" }),
            (
                "InvalidParameterException",
                "Attributes did not conform to the schema: Type for attribute {cognito:groups} could not be determined",
            ),
        ),
        (
            json!({ "userAttributes.email_verified": "true" }),
            (
                "NotAuthorizedException",
                "A client attempted to write unauthorized attribute",
            ),
        ),
        (
            json!({ "userAttributes.email": "alice@example.com" }),
            (
                "InvalidParameterException",
                "Cannot modify an already provided email",
            ),
        ),
    ] {
        let (status, body) = new_password(responses.clone()).await;
        assert_eq!((status, error(&body)), (400, expected), "{responses}");
    }
    // The same step, honestly answered: a name the user did not have is theirs to give.
    let (status, body) = new_password(json!({ "userAttributes.nickname": "newb" })).await;
    assert_eq!(status, 200, "{body}");
    let id = claims(body["AuthenticationResult"]["IdToken"].as_str().unwrap());
    assert_eq!(id["nickname"], "newb");
    assert!(id.get("cognito:groups").is_none());
    assert_ne!(id["email"], "alice@example.com");

    // Groups: made and granted by an administrator only; in both tokens, by precedence.
    for (group, precedence) in [("staff", 5), ("admins", 1)] {
        let (status, body) = call(
            &server.url,
            "CreateGroup",
            &json!({
                "UserPoolId": POOL, "GroupName": group, "Precedence": precedence,
            }),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = call(
            &server.url,
            "AdminAddUserToGroup",
            &json!({
                "UserPoolId": POOL, "Username": "alice", "GroupName": group,
            }),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = call(
        &server.url,
        "CreateGroup",
        &json!({
            "UserPoolId": POOL, "GroupName": "admins",
        }),
    )
    .await;
    assert_eq!((status, error(&body).0), (400, "GroupExistsException"));
    let signed_in = tokens(&server, "alice", "Passw0rd!alice").await;
    for token in ["IdToken", "AccessToken"] {
        assert_eq!(
            claims(signed_in[token].as_str().unwrap())["cognito:groups"],
            json!(["admins", "staff"]),
            "{token}"
        );
    }
    let (_, listed) = call(
        &server.url,
        "AdminListGroupsForUser",
        &json!({
            "UserPoolId": POOL, "Username": "alice",
        }),
    )
    .await;
    let names: Vec<_> = listed["Groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|group| group["GroupName"].clone())
        .collect();
    assert_eq!(names, [json!("admins"), json!("staff")]);
    let (_, members) = call(
        &server.url,
        "ListUsersInGroup",
        &json!({
            "UserPoolId": POOL, "GroupName": "admins",
        }),
    )
    .await;
    assert_eq!(members["Users"][0]["Username"], "alice");
    let (status, _) = call(
        &server.url,
        "AdminRemoveUserFromGroup",
        &json!({
            "UserPoolId": POOL, "Username": "alice", "GroupName": "staff",
        }),
    )
    .await;
    assert_eq!(status, 200);
    let id = claims(
        tokens(&server, "alice", "Passw0rd!alice").await["IdToken"]
            .as_str()
            .unwrap(),
    );
    assert_eq!(id["cognito:groups"], json!(["admins"]));
}

/// Guessing codes is bounded: five wrong codes, then the code is spent (even the right one),
/// and codes may be asked for five times an hour.
#[tokio::test(flavor = "multi_thread")]
async fn guessing_codes_is_bounded() {
    let server = TestServer::start().await;
    let (status, _) = call(
        &server.url,
        "ForgotPassword",
        &json!({
            "ClientId": CLIENT, "Username": "alice",
        }),
    )
    .await;
    assert_eq!(status, 200);
    let code = server
        .service
        .store
        .messages(Some(POOL), Some("alice"))
        .unwrap()[0]
        .code
        .clone();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let confirm = |given: &str| {
        let (url, given) = (server.url.clone(), given.to_owned());
        async move {
            call(
                &url,
                "ConfirmForgotPassword",
                &json!({
                    "ClientId": CLIENT, "Username": "alice", "ConfirmationCode": given,
                    "Password": "Reset-Passw0rd!",
                }),
            )
            .await
        }
    };
    for attempt in 1..=25 {
        let (status, body) = confirm(wrong).await;
        let expected = if attempt <= 5 {
            (
                "CodeMismatchException",
                "Invalid verification code provided, please try again.",
            )
        } else {
            (
                "LimitExceededException",
                "Attempt limit exceeded, please try after some time.",
            )
        };
        assert_eq!((status, error(&body)), (400, expected), "attempt {attempt}");
    }
    let (status, body) = confirm(&code).await;
    assert_eq!(
        (status, error(&body).0),
        (400, "LimitExceededException"),
        "the right code after the limit"
    );
    assert_eq!(
        sign_in(&server, "alice", "Reset-Passw0rd!").await.0,
        400,
        "the password was not reset"
    );

    // Asking for codes: the first was the one above; four more in this hour, then no more.
    for request in 2..=7 {
        let (status, body) = call(
            &server.url,
            "ForgotPassword",
            &json!({
                "ClientId": CLIENT, "Username": "alice",
            }),
        )
        .await;
        if request <= 5 {
            assert_eq!(status, 200, "request {request}: {body}");
        } else {
            assert_eq!(
                (status, error(&body).0),
                (400, "LimitExceededException"),
                "request {request}"
            );
        }
    }
    server.clock.advance(3_601.0);
    let (status, _) = call(
        &server.url,
        "ForgotPassword",
        &json!({
            "ClientId": CLIENT, "Username": "alice",
        }),
    )
    .await;
    assert_eq!(status, 200, "an hour later");
    let code = server
        .service
        .store
        .messages(Some(POOL), Some("alice"))
        .unwrap()[0]
        .code
        .clone();
    assert_eq!(confirm(&code).await.0, 200);
    assert_eq!(sign_in(&server, "alice", "Reset-Passw0rd!").await.0, 200);
}

/// A pool created or updated through the API cannot make the server run a file it names: only
/// Lambda functions and the built-in handlers (files only from the TOML configuration).
#[tokio::test(flavor = "multi_thread")]
async fn the_api_cannot_name_code_to_run() {
    let server = TestServer::start().await;
    let dir = support::fresh_data_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let marker = dir.join("ran");
    let handler = dir.join("handler.js");
    std::fs::write(
        &handler,
        format!(
            "require('fs').writeFileSync({:?}, 'ran'); exports.handler = async (e) => e;",
            marker.display().to_string()
        ),
    )
    .unwrap();
    let node = format!("node:{}", handler.display());
    for (operation, request) in [
        (
            "CreateUserPool",
            json!({ "PoolName": "evil", "LambdaConfig": { "DefineAuthChallenge": node } }),
        ),
        (
            "UpdateUserPool",
            json!({ "UserPoolId": POOL, "LambdaConfig": { "DefineAuthChallenge": node } }),
        ),
        (
            "CreateUserPool",
            json!({ "PoolName": "evil", "LambdaConfig": { "UserMigration": "builtin:legacy-migration:/etc/passwd" } }),
        ),
        (
            "CreateUserPool",
            json!({ "PoolName": "evil", "LambdaConfig": { "DefineAuthChallenge": "bash -c id" } }),
        ),
    ] {
        let (status, body) = call(&server.url, operation, &request).await;
        assert_eq!(status, 400, "{operation} {request}: {body}");
        let (kind, message) = error(&body);
        assert_eq!(kind, "InvalidParameterException");
        assert!(
            message.contains(
                "failed to satisfy constraint: Member must satisfy regular expression pattern: arn:"
            ),
            "{message}"
        );
    }
    // Signing in on the demo pool still runs its own (configured) handlers, never the file.
    let (status, _) = call(&server.url, "InitiateAuth", &json!({
        "AuthFlow": "CUSTOM_AUTH", "ClientId": CLIENT, "AuthParameters": { "USERNAME": "alice" },
    }))
    .await;
    assert_eq!(status, 200);
    assert!(
        !marker.exists(),
        "the server ran a file an API request named"
    );
    // Lambda functions and built-in handlers are fine.
    let (status, body) = call(
        &server.url,
        "CreateUserPool",
        &json!({ "PoolName": "fine", "LambdaConfig": {
        "DefineAuthChallenge": "arn:aws:lambda:us-east-1:123456789012:function:define",
        "CreateAuthChallenge": "builtin:captcha-create",
    } }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    // A directory the server was started with may hold files the API names.
    let mut triggers = local_cognito::triggers::Triggers {
        api_handler_dir: Some(dir.clone()),
        ..Default::default()
    };
    let config = |value: &str| {
        serde_json::Map::from_iter([("DefineAuthChallenge".to_owned(), Value::from(value))])
    };
    assert!(triggers.check_api_lambda_config(&config(&node)).is_ok());
    let outside = format!("node:{}/../outside.js", dir.display());
    assert!(triggers.check_api_lambda_config(&config(&outside)).is_err());
    triggers.api_handler_dir = None;
    assert!(triggers.check_api_lambda_config(&config(&node)).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every answer the server gives is Cognito's `{"__type", "message"}`, whatever is asked.
#[tokio::test(flavor = "multi_thread")]
async fn every_answer_is_cognito_shaped() {
    let server = TestServer::start().await;
    let json_type = |body: &str| -> String {
        serde_json::from_str::<Value>(body)
            .ok()
            .and_then(|value| value["__type"].as_str().map(str::to_owned))
            .unwrap_or_else(|| format!("not Cognito JSON: {body:?}"))
    };
    for (method, path, headers, body, status, kind) in [
        ("GET", "/", vec![], "", 405, "UnknownOperationException"),
        ("PUT", "/", vec![], "{}", 405, "UnknownOperationException"),
        ("DELETE", "/", vec![], "", 405, "UnknownOperationException"),
        (
            "POST",
            "/us-east-1_HostedDemo/.well-known/jwks.json",
            vec![],
            "",
            405,
            "UnknownOperationException",
        ),
        (
            "POST",
            "/_local/messages",
            vec![],
            "",
            405,
            "UnknownOperationException",
        ),
        (
            "GET",
            "/%ZZ/.well-known/jwks.json",
            vec![],
            "",
            400,
            "ResourceNotFoundException",
        ),
        (
            "GET",
            "/%FF%FE/.well-known/jwks.json",
            vec![],
            "",
            400,
            "InvalidParameterException",
        ),
        (
            "GET",
            "/_local/messages?username=a&username=b",
            vec![],
            "",
            400,
            "InvalidParameterException",
        ),
        (
            "GET",
            "/nowhere",
            vec![],
            "",
            400,
            "UnknownOperationException",
        ),
        (
            "POST",
            "/",
            vec![
                ("content-type", "text/plain"),
                (
                    "x-amz-target",
                    "AWSCognitoIdentityProviderService.InitiateAuth",
                ),
            ],
            "{}",
            400,
            "SerializationException",
        ),
        (
            "POST",
            "/",
            vec![(
                "x-amz-target",
                "AWSCognitoIdentityProviderService.InitiateAuth",
            )],
            "{}",
            400,
            "SerializationException",
        ),
    ] {
        let (got, answer) = raw(&server.url, method, path, &headers, body).await;
        assert_eq!(
            (got, json_type(&answer)),
            (status, kind.to_owned()),
            "{method} {path} {headers:?}"
        );
    }
}

/// `method path` with `headers` and `body`: the status and the body text.
async fn raw(
    url: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    use http_body_util::{BodyExt, Full};
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http();
    let mut request = hyper::Request::builder()
        .method(method)
        .uri(format!("{url}{path}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = client
        .request(
            request
                .body(Full::new(bytes::Bytes::from(body.to_owned())))
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}
