//! The wire: `POST /` dispatched on `X-Amz-Target` (JSON 1.1), CORS as Cognito's, a body limit,
//! the JWKS and OpenID endpoints, and `/_local/messages` for codes Cognito would have sent.
//!
//! What a web page on another origin can reach is what it can reach on Cognito: the operations a
//! browser calls (sign-in, sign-up, recovery, and those authorised by an access token). The
//! administrator's operations (`Admin*`, pools, app clients, listing users) need an
//! `Authorization: AWS4-HMAC-SHA256 …` header, as Cognito needs a SigV4 signature; browsers refuse
//! to send that header across origins (CORS does not allow it), while boto3, the AWS CLI and the
//! SDKs always send one. `/_local/*`, which has every code and temporary password, answers no
//! cross-origin request at all.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use cognito_protocol::{CONTENT_TYPE, ErrorKind, TARGET_PREFIX};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::error::{ApiError, ApiResult};
use crate::service::Service;

/// Cognito rejects larger requests; so do we, before parsing.
const BODY_LIMIT: usize = 256 * 1024;

/// The HTTP app over a service.
pub fn router(service: Arc<Service>) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([Method::POST, Method::GET, Method::OPTIONS])
        // No `authorization`: a page on another origin must not be able to send a SigV4 header,
        // so it cannot call the administrator's operations.
        .allow_headers([
            header::CONTENT_TYPE,
            header::CACHE_CONTROL,
            HeaderName::from_static("x-amz-target"),
            HeaderName::from_static("x-amz-user-agent"),
            HeaderName::from_static("x-amz-date"),
            HeaderName::from_static("x-amz-security-token"),
            HeaderName::from_static("amz-sdk-invocation-id"),
            HeaderName::from_static("amz-sdk-request"),
        ])
        .expose_headers([
            HeaderName::from_static("x-amzn-requestid"),
            HeaderName::from_static("x-amzn-errortype"),
        ])
        .max_age(std::time::Duration::from_secs(600));
    let local = Router::new()
        .route("/_local/messages", get(messages))
        .route("/_local/health", get(|| async { "ok" }))
        .method_not_allowed_fallback(method_not_allowed)
        .route_layer(middleware::from_fn(same_origin_only));
    // The 405 fallback inside the CORS layer, so that browsers' preflights (OPTIONS) reach CORS.
    Router::new()
        .route("/", post(dispatch))
        .route("/{pool_id}/.well-known/jwks.json", get(jwks))
        .route(
            "/{pool_id}/.well-known/openid-configuration",
            get(openid_configuration),
        )
        .method_not_allowed_fallback(method_not_allowed)
        .layer(cors)
        .merge(local)
        .fallback(|| async { ApiError::new(ErrorKind::UnknownOperationException, "Not found.") })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(service)
}

/// The operations a browser may call without AWS credentials: unauthenticated, or authorised by
/// the access token in their body (Cognito's `authtype: none`). Every other operation needs a
/// SigV4 `Authorization` header.
const BROWSER_OPERATIONS: &[&str] = &[
    "InitiateAuth",
    "RespondToAuthChallenge",
    "SignUp",
    "ConfirmSignUp",
    "ResendConfirmationCode",
    "ForgotPassword",
    "ConfirmForgotPassword",
    "GetUser",
    "GlobalSignOut",
    "RevokeToken",
    "ChangePassword",
    "GetTokensFromRefreshToken",
    "AssociateSoftwareToken",
    "ConfirmDevice",
    "StartWebAuthnRegistration",
    "CompleteWebAuthnRegistration",
    "ListWebAuthnCredentials",
    "DeleteWebAuthnCredential",
    "UpdateDeviceStatus",
    "GetDevice",
    "ListDevices",
    "ForgetDevice",
    "VerifySoftwareToken",
    "SetUserMFAPreference",
    "GetUserAuthFactors",
    "UpdateUserAttributes",
    "DeleteUserAttributes",
    "GetUserAttributeVerificationCode",
    "VerifyUserAttribute",
    "DeleteUser",
    "AssociateSoftwareToken",
    "VerifySoftwareToken",
    "SetUserMFAPreference",
    "SetUserSettings",
    "GetUserAuthFactors",
    "ConfirmDevice",
    "GetDevice",
    "ListDevices",
    "ForgetDevice",
    "UpdateDeviceStatus",
    "StartWebAuthnRegistration",
    "CompleteWebAuthnRegistration",
    "ListWebAuthnCredentials",
    "DeleteWebAuthnCredential",
];

/// A well-formed SigV4 `Authorization` value, for local tools that speak HTTP without an AWS SDK
/// (the load generator, tests). Its signature is not checked, as no signature is.
pub const LOCAL_AUTHORIZATION: &str = "AWS4-HMAC-SHA256 \
    Credential=local/20260101/us-east-1/cognito-idp/aws4_request, \
    SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00";

/// Whether an operation needs AWS credentials (a SigV4 `Authorization` header).
pub(crate) fn needs_credentials(operation: &str) -> bool {
    !BROWSER_OPERATIONS.contains(&operation)
}

/// Checks that the request carries a well-formed SigV4 `Authorization` header. The signature
/// itself is not checked (there are no real credentials here, as with every emulator); what
/// matters is that browsers never send this header across origins.
fn check_credentials(headers: &HeaderMap) -> ApiResult<()> {
    let Some(authorization) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::new(
            ErrorKind::MissingAuthenticationTokenException,
            "Missing Authentication Token",
        ));
    };
    let well_formed = authorization
        .to_str()
        .ok()
        .and_then(|value| value.strip_prefix("AWS4-HMAC-SHA256 "))
        .is_some_and(|fields| {
            ["Credential=", "SignedHeaders=", "Signature="]
                .iter()
                .all(|name| {
                    fields
                        .split([',', ' '])
                        .any(|field| field.starts_with(name))
                })
        });
    if well_formed {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorKind::IncompleteSignatureException,
            "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' \
             parameters (AWS4-HMAC-SHA256).",
        ))
    }
}

/// `/_local/*` holds every code and temporary password: it answers requests from the server's
/// own origin and from tools that send no `Origin` (curl, the CLI, tests), never a web page on
/// another origin.
async fn same_origin_only(request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok());
    let origin_ok = match headers.get(header::ORIGIN).map(HeaderValue::to_str) {
        None => true,
        Some(Ok(origin)) => host.is_some_and(|host| {
            origin
                .split_once("://")
                .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host))
        }),
        Some(Err(_)) => false,
    };
    let fetch_site_ok = headers
        .get("sec-fetch-site")
        .and_then(|value| value.to_str().ok())
        .is_none_or(|site| matches!(site, "same-origin" | "none"));
    if origin_ok && fetch_site_ok {
        next.run(request).await
    } else {
        ApiError::new(
            ErrorKind::AccessDeniedException,
            "/_local is not available to other origins.",
        )
        .into_response()
    }
}

async fn dispatch(
    State(service): State<Arc<Service>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let target = headers
        .get("x-amz-target")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let operation = target.strip_prefix(TARGET_PREFIX).unwrap_or_default();
    let credentials = if !is_aws_json(&headers) {
        // Cognito's answer to another content type: the type alone, no message.
        Err(ApiError::new(ErrorKind::SerializationException, ""))
    } else if operation.is_empty() || !needs_credentials(operation) {
        Ok(())
    } else {
        check_credentials(&headers)
    };
    let result = match (body, credentials) {
        (_, Err(error)) => Err(error),
        (Ok(body), Ok(())) => run(&service, operation, &body).await,
        (Err(_), Ok(())) => Err(ApiError::new(
            ErrorKind::SerializationException,
            format!("Request body is larger than {BODY_LIMIT} bytes or unreadable."),
        )),
    };
    let request_id = crate::clock::uuid_v4();
    let mut response = match result {
        Ok(value) => {
            let mut response = value.to_string().into_response();
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
            response
        }
        Err(error) => {
            tracing::debug!(operation, kind = error.kind.as_str(), "request failed");
            error.into_response()
        }
    };
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-amzn-requestid", value);
    }
    response
}

fn parse<T: DeserializeOwned>(body: &[u8]) -> ApiResult<T> {
    serde_json::from_slice(body).map_err(|error| {
        ApiError::new(
            ErrorKind::SerializationException,
            format!("Malformed request body: {error}"),
        )
    })
}

fn to_value<T: Serialize>(value: &T) -> ApiResult<Value> {
    serde_json::to_value(value).map_err(ApiError::internal)
}

async fn run(service: &Service, operation: &str, body: &[u8]) -> ApiResult<Value> {
    match operation {
        "InitiateAuth" => to_value(&service.initiate_auth(parse(body)?, false).await?),
        "AdminInitiateAuth" => to_value(&service.initiate_auth(parse(body)?, true).await?),
        "RespondToAuthChallenge" => to_value(
            &service
                .respond_to_auth_challenge(parse(body)?, false)
                .await?,
        ),
        "AdminRespondToAuthChallenge" => to_value(
            &service
                .respond_to_auth_challenge(parse(body)?, true)
                .await?,
        ),
        "GetUser" => service.get_user(&parse(body)?),
        "GlobalSignOut" => service.global_sign_out(&parse(body)?),
        "RevokeToken" => service.revoke_token(&parse(body)?),
        "GetTokensFromRefreshToken" => service.get_tokens_from_refresh_token(&parse(body)?),
        "AssociateSoftwareToken" => service.associate_software_token(&parse(body)?),
        "ConfirmDevice" => service.confirm_device(&parse(body)?),
        "StartWebAuthnRegistration" => service.start_webauthn_registration(&parse(body)?),
        "CompleteWebAuthnRegistration" => service.complete_webauthn_registration(&parse(body)?),
        "ListWebAuthnCredentials" => service.list_webauthn_credentials(&parse(body)?),
        "DeleteWebAuthnCredential" => service.delete_webauthn_credential(&parse(body)?),
        "UpdateDeviceStatus" => service.update_device_status(&parse(body)?, false),
        "AdminUpdateDeviceStatus" => service.update_device_status(&parse(body)?, true),
        "GetDevice" => service.get_device(&parse(body)?, false),
        "AdminGetDevice" => service.get_device(&parse(body)?, true),
        "ListDevices" => service.list_devices(&parse(body)?, false),
        "AdminListDevices" => service.list_devices(&parse(body)?, true),
        "ForgetDevice" => service.forget_device(&parse(body)?, false),
        "AdminForgetDevice" => service.forget_device(&parse(body)?, true),
        "VerifySoftwareToken" => service.verify_software_token(&parse(body)?),
        "SetUserMFAPreference" => service.set_user_mfa_preference(&parse(body)?, false),
        "AdminSetUserMFAPreference" => service.set_user_mfa_preference(&parse(body)?, true),
        "GetUserAuthFactors" => service.get_user_auth_factors(&parse(body)?),
        "SetUserPoolMfaConfig" => service.set_user_pool_mfa_config(&parse(body)?),
        "GetUserPoolMfaConfig" => service.get_user_pool_mfa_config(&parse(body)?),
        "ChangePassword" => service.change_password(&parse(body)?),
        "UpdateUserAttributes" => service.update_user_attributes(&parse(body)?),
        "DeleteUserAttributes" => service.delete_user_attributes(&parse(body)?),
        "GetUserAttributeVerificationCode" => {
            service.get_user_attribute_verification_code(&parse(body)?)
        }
        "VerifyUserAttribute" => service.verify_user_attribute(&parse(body)?),
        "DeleteUser" => service.delete_user(&parse(body)?),
        "SignUp" => to_value(&service.sign_up(&parse(body)?)?),
        "ConfirmSignUp" => service.confirm_sign_up(&parse(body)?),
        "ResendConfirmationCode" => service.resend_confirmation_code(&parse(body)?),
        "ForgotPassword" => service.forgot_password(&parse(body)?).await,
        "ConfirmForgotPassword" => service.confirm_forgot_password(&parse(body)?),
        "CreateUserPool" => {
            let request: cognito_protocol::UserPoolRequest = parse(body)?;
            if let Some(config) = &request.lambda_config {
                service.triggers.check_api_lambda_config(config)?;
            }
            service.create_user_pool(request, "us-east-1", None)
        }
        "DescribeUserPool" => {
            let request: Value = parse(body)?;
            service.describe_user_pool(request["UserPoolId"].as_str().unwrap_or_default())
        }
        "UpdateUserPool" => {
            let request: cognito_protocol::UserPoolRequest = parse(body)?;
            if let Some(config) = &request.lambda_config {
                service.triggers.check_api_lambda_config(config)?;
            }
            service.update_user_pool(request)
        }
        "CreateUserPoolClient" => service.create_user_pool_client(parse(body)?, None),
        "DescribeUserPoolClient" => service.describe_user_pool_client(&parse(body)?),
        "AdminCreateUser" => service.admin_create_user(&parse(body)?),
        "AdminSetUserPassword" => service.admin_set_user_password(&parse(body)?),
        "AdminGetUser" => service.admin_get_user(&parse(body)?),
        "AdminDeleteUser" => service.admin_delete_user(&parse(body)?),
        "ListUsers" => service.list_users(&parse(body)?),
        "CreateGroup" => service.create_group(&parse(body)?),
        "GetGroup" => service.get_group(&parse(body)?),
        "DeleteGroup" => service.delete_group(&parse(body)?),
        "ListGroups" => service.list_groups(&parse(body)?),
        "AdminAddUserToGroup" => service.admin_add_user_to_group(&parse(body)?),
        "AdminRemoveUserFromGroup" => service.admin_remove_user_from_group(&parse(body)?),
        "AdminListGroupsForUser" => service.admin_list_groups_for_user(&parse(body)?),
        "ListUsersInGroup" => service.list_users_in_group(&parse(body)?),
        "" => Err(ApiError::new(
            ErrorKind::UnknownOperationException,
            "Missing or malformed X-Amz-Target header.",
        )),
        other => Err(ApiError::new(
            ErrorKind::UnknownOperationException,
            format!("Unknown operation {other}."),
        )),
    }
}

/// A method a route does not take (`GET /`, `POST` on a document): Cognito's error shape, with
/// HTTP 405.
async fn method_not_allowed(method: Method) -> Response {
    let mut response = ApiError::new(
        ErrorKind::UnknownOperationException,
        format!("{method} is not supported here."),
    )
    .into_response();
    *response.status_mut() = axum::http::StatusCode::METHOD_NOT_ALLOWED;
    response
}

/// A pool id from the path; a malformed one (bad percent-encoding) is Cognito-shaped.
fn pool_in_path(path: Result<Path<String>, PathRejection>) -> ApiResult<String> {
    path.map(|Path(pool_id)| pool_id)
        .map_err(|_| ApiError::invalid_parameter("The user pool id in the path is malformed."))
}

/// Whether a request's `Content-Type` is one of the AWS JSON protocol's (`application/x-amz-json-1.0`
/// or `-1.1`, with or without parameters).
fn is_aws_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| {
            let media = media.trim();
            media.eq_ignore_ascii_case("application/x-amz-json-1.1")
                || media.eq_ignore_ascii_case("application/x-amz-json-1.0")
        })
}

async fn jwks(
    State(service): State<Arc<Service>>,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Value>> {
    let pool_id = pool_in_path(path)?;
    let key = service.signing_key(&pool_id)?;
    Ok(Json(json!({ "keys": [key.jwk()] })))
}

async fn openid_configuration(
    State(service): State<Arc<Service>>,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<Value>> {
    let pool_id = pool_in_path(path)?;
    service.pool(&pool_id)?;
    let issuer = service.issuer(&pool_id);
    Ok(Json(json!({
        "issuer": issuer,
        "jwks_uri": format!("{issuer}/.well-known/jwks.json"),
        "id_token_signing_alg_values_supported": ["RS256"],
        "response_types_supported": ["code", "token"],
        "subject_types_supported": ["public"],
        "scopes_supported": ["openid", "email", "phone", "profile"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
    })))
}

#[derive(serde::Deserialize)]
struct MessageQuery {
    pool: Option<String>,
    username: Option<String>,
}

async fn messages(
    State(service): State<Arc<Service>>,
    query: Result<Query<MessageQuery>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let Query(query) = query.map_err(|rejection| {
        ApiError::invalid_parameter(format!("Malformed query: {}", rejection.body_text()))
    })?;
    let messages = service
        .store
        .messages(query.pool.as_deref(), query.username.as_deref())?;
    Ok(Json(json!({ "messages": messages })))
}
