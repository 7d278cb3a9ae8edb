"""Signs in to a running local-cognito with pycognito and boto3, runs the admin operations,
and verifies the issued tokens against the pool's JWKS with PyJWT.

    python cognito_flows.py <endpoint>      (pools of demo/local-cognito.toml)

Prints "ok <name>" or "FAIL <name>: <reason>" per scenario; exits 1 on any failure.
"""

import json
import os
import sys
import traceback
import urllib.request

import boto3
import jwt
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP

ENDPOINT = sys.argv[1].rstrip("/")
POOL = "us-east-1_HostedDemo"
CLIENT = "hostedlogindemoclient00001"

os.environ.setdefault("AWS_ACCESS_KEY_ID", "local")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "local")
idp = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=ENDPOINT)
failures = 0


def scenario(function):
    global failures
    try:
        function()
        print(f"ok {function.__doc__}", flush=True)
    except Exception:  # noqa: BLE001 - report every failure, keep going
        failures += 1
        print(f"FAIL {function.__doc__}: {traceback.format_exc()}", flush=True)
    return function


def expect_error(code, call, message=None):
    try:
        call()
    except ClientError as error:
        got = error.response["Error"]
        assert got["Code"] == code, f"expected {code}, got {got}"
        if message is not None:
            assert got["Message"] == message, f"expected {message!r}, got {got['Message']!r}"
        return
    raise AssertionError(f"expected {code}, but it succeeded")


def verify_id_token(token, pool=POOL, client=CLIENT):
    issuer = f"{ENDPOINT}/{pool}"
    signing_key = jwt.PyJWKClient(f"{issuer}/.well-known/jwks.json").get_signing_key_from_jwt(token)
    return jwt.decode(token, signing_key.key, algorithms=["RS256"], audience=client, issuer=issuer)


@scenario
def admin_users():
    """boto3 admin: create, set password, get, list, delete"""
    created = idp.admin_create_user(
        UserPoolId=POOL, Username="bob", TemporaryPassword="Temp0rary!bob",
        UserAttributes=[{"Name": "email", "Value": "bob@example.com"}], MessageAction="SUPPRESS",
    )
    assert created["User"]["UserStatus"] == "FORCE_CHANGE_PASSWORD", created
    expect_error("UsernameExistsException", lambda: idp.admin_create_user(UserPoolId=POOL, Username="bob"))
    idp.admin_set_user_password(UserPoolId=POOL, Username="bob", Password="Bob-Passw0rd!", Permanent=True)
    user = idp.admin_get_user(UserPoolId=POOL, Username="bob")
    assert user["UserStatus"] == "CONFIRMED", user
    assert {"Name": "email", "Value": "bob@example.com"} in user["UserAttributes"], user
    listed = idp.list_users(UserPoolId=POOL, Filter='username ^= "bo"')
    assert [u["Username"] for u in listed["Users"]] == ["bob"], listed
    expect_error("InvalidPasswordException",
                 lambda: idp.admin_set_user_password(UserPoolId=POOL, Username="bob", Password="short", Permanent=True))
    expect_error("UserNotFoundException", lambda: idp.admin_get_user(UserPoolId=POOL, Username="nobody"))


@scenario
def pools_and_clients():
    """boto3 admin: create, describe and update a pool and its client"""
    pool = idp.create_user_pool(PoolName="scratch")["UserPool"]
    assert pool["Id"].startswith("us-east-1_"), pool
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="scratch-client", ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH"])["UserPoolClient"]
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert described["UserPoolClient"]["ExplicitAuthFlows"] == ["ALLOW_USER_SRP_AUTH"], described
    idp.update_user_pool(UserPoolId=pool["Id"], LambdaConfig={"DefineAuthChallenge": "builtin:captcha-define"})
    lambda_config = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["LambdaConfig"]
    assert lambda_config == {"DefineAuthChallenge": "builtin:captcha-define"}, lambda_config
    expect_error("ResourceNotFoundException", lambda: idp.describe_user_pool(UserPoolId="us-east-1_missing"))


@scenario
def pycognito_srp():
    """pycognito USER_SRP_AUTH signs in; ID token verifies with PyJWT against JWKS"""
    tokens = AWSSRP(username="alice", password="Passw0rd!alice", pool_id=POOL, client_id=CLIENT,
                    client=idp).authenticate_user()
    claims = verify_id_token(tokens["AuthenticationResult"]["IdToken"])
    assert claims["cognito:username"] == "alice" and claims["token_use"] == "id", claims
    assert claims["email"] == "alice@example.com", claims


@scenario
def pycognito_wrong_password():
    """pycognito USER_SRP_AUTH wrong password is rejected"""
    srp = AWSSRP(username="alice", password="Wrong!pass1", pool_id=POOL, client_id=CLIENT, client=idp)
    expect_error("NotAuthorizedException", srp.authenticate_user, "Incorrect username or password.")


@scenario
def tokens_lifecycle():
    """boto3 password sign-in, GetUser, refresh, RevokeToken, GlobalSignOut"""
    result = idp.initiate_auth(AuthFlow="USER_PASSWORD_AUTH", ClientId=CLIENT,
                               AuthParameters={"USERNAME": "alice", "PASSWORD": "Passw0rd!alice"})["AuthenticationResult"]
    assert idp.get_user(AccessToken=result["AccessToken"])["Username"] == "alice"
    refreshed = idp.initiate_auth(AuthFlow="REFRESH_TOKEN_AUTH", ClientId=CLIENT,
                                  AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]})["AuthenticationResult"]
    assert "RefreshToken" not in refreshed and verify_id_token(refreshed["IdToken"])["cognito:username"] == "alice"
    idp.revoke_token(Token=result["RefreshToken"], ClientId=CLIENT)
    expect_error("NotAuthorizedException", lambda: idp.initiate_auth(
        AuthFlow="REFRESH_TOKEN_AUTH", ClientId=CLIENT, AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]}),
        "Refresh Token has been revoked")
    expect_error("NotAuthorizedException", lambda: idp.get_user(AccessToken=result["AccessToken"]))
    other = idp.initiate_auth(AuthFlow="USER_PASSWORD_AUTH", ClientId=CLIENT,
                              AuthParameters={"USERNAME": "alice", "PASSWORD": "Passw0rd!alice"})["AuthenticationResult"]
    idp.global_sign_out(AccessToken=other["AccessToken"])
    expect_error("NotAuthorizedException", lambda: idp.get_user(AccessToken=other["AccessToken"]))


@scenario
def flows_enforced():
    """boto3 flows the app client does not allow are refused with Cognito's message"""
    expect_error("InvalidParameterException", lambda: idp.admin_initiate_auth(
        UserPoolId=POOL, ClientId=CLIENT, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": "Passw0rd!alice"}),
        "ADMIN_USER_PASSWORD_AUTH flow not enabled for this client")
    expect_error("ResourceNotFoundException", lambda: idp.initiate_auth(
        AuthFlow="USER_PASSWORD_AUTH", ClientId="nosuchclient",
        AuthParameters={"USERNAME": "alice", "PASSWORD": "x"}))


def latest_code(username, kind):
    with urllib.request.urlopen(f"{ENDPOINT}/_local/messages?username={username}") as response:
        messages = json.load(response)["messages"]
    return next(message["code"] for message in messages if message["kind"] == kind)


def password_sign_in(username, password):
    return idp.initiate_auth(AuthFlow="USER_PASSWORD_AUTH", ClientId=CLIENT,
                             AuthParameters={"USERNAME": username, "PASSWORD": password})


@scenario
def sign_up_and_recover():
    """boto3 SignUp, ConfirmSignUp, ForgotPassword, ConfirmForgotPassword (codes from /_local/messages)"""
    answer = idp.sign_up(ClientId=CLIENT, Username="carol", Password="Carol-Passw0rd!",
                         UserAttributes=[{"Name": "email", "Value": "carol@example.com"}])
    assert answer["UserConfirmed"] is False and answer["CodeDeliveryDetails"]["Destination"] == "c***@e***.com", answer
    expect_error("UsernameExistsException", lambda: idp.sign_up(ClientId=CLIENT, Username="carol", Password="Carol-Passw0rd!"))
    expect_error("UserNotConfirmedException", lambda: password_sign_in("carol", "Carol-Passw0rd!"))
    code = latest_code("carol", "SignUp")
    wrong = "000000" if code != "000000" else "111111"
    expect_error("CodeMismatchException", lambda: idp.confirm_sign_up(ClientId=CLIENT, Username="carol", ConfirmationCode=wrong))
    idp.confirm_sign_up(ClientId=CLIENT, Username="carol", ConfirmationCode=code)
    password_sign_in("carol", "Carol-Passw0rd!")
    idp.forgot_password(ClientId=CLIENT, Username="carol")
    idp.confirm_forgot_password(ClientId=CLIENT, Username="carol", Password="Carol-N3w-pass!",
                                ConfirmationCode=latest_code("carol", "ForgotPassword"))
    password_sign_in("carol", "Carol-N3w-pass!")
    expect_error("NotAuthorizedException", lambda: password_sign_in("carol", "Carol-Passw0rd!"))


@scenario
def delete_user():
    """boto3 AdminDeleteUser, after which the user cannot sign in"""
    idp.admin_delete_user(UserPoolId=POOL, Username="bob")
    expect_error("UserNotFoundException", lambda: idp.admin_get_user(UserPoolId=POOL, Username="bob"))
    expect_error("NotAuthorizedException", lambda: idp.initiate_auth(
        AuthFlow="USER_PASSWORD_AUTH", ClientId=CLIENT, AuthParameters={"USERNAME": "bob", "PASSWORD": "Bob-Passw0rd!"}),
        "Incorrect username or password.")


PASSWORDLESS_POOL = "us-east-1_Passwordless"
PASSWORDLESS_CLIENT = "passwordlessclient00000001"


@scenario
def user_auth_codes():
    """boto3 USER_AUTH: SELECT_CHALLENGE with AvailableChallenges, an e-mail code (wrong, then right)"""
    start = idp.initiate_auth(AuthFlow="USER_AUTH", ClientId=PASSWORDLESS_CLIENT,
                              AuthParameters={"USERNAME": "ada"})
    assert start["ChallengeName"] == "SELECT_CHALLENGE", start
    assert start["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"], start
    sent = idp.respond_to_auth_challenge(
        ClientId=PASSWORDLESS_CLIENT, ChallengeName="SELECT_CHALLENGE", Session=start["Session"],
        ChallengeResponses={"USERNAME": "ada", "ANSWER": "EMAIL_OTP"})
    assert sent["ChallengeName"] == "EMAIL_OTP", sent
    assert sent["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "a***@e***.com", sent
    expect_error("CodeMismatchException", lambda: idp.respond_to_auth_challenge(
        ClientId=PASSWORDLESS_CLIENT, ChallengeName="EMAIL_OTP", Session=sent["Session"],
        ChallengeResponses={"USERNAME": "ada", "EMAIL_OTP_CODE": "00000000"}),
        "Invalid code received for user")
    done = idp.respond_to_auth_challenge(
        ClientId=PASSWORDLESS_CLIENT, ChallengeName="EMAIL_OTP", Session=sent["Session"],
        ChallengeResponses={"USERNAME": "ada", "EMAIL_OTP_CODE": latest_code("ada", "EMAIL_OTP")})
    claims = verify_id_token(done["AuthenticationResult"]["IdToken"], PASSWORDLESS_POOL, PASSWORDLESS_CLIENT)
    assert claims["cognito:username"] == "ada" and claims["email_verified"] is True, claims


@scenario
def user_auth_plans_and_policies():
    """boto3 UserPoolTier and SignInPolicy: Lite refuses codes; a client without ALLOW_USER_AUTH refuses USER_AUTH"""
    expect_error("FeatureUnavailableInTierException", lambda: idp.create_user_pool(
        PoolName="lite", UserPoolTier="LITE",
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}}))
    pool = idp.create_user_pool(
        PoolName="codes", UserPoolTier="ESSENTIALS",
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}})["UserPool"]
    described = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert described["UserPoolTier"] == "ESSENTIALS", described
    assert described["Policies"]["SignInPolicy"]["AllowedFirstAuthFactors"] == ["PASSWORD", "EMAIL_OTP"], described
    expect_error("FeatureUnavailableInTierException", lambda: idp.initiate_auth(
        AuthFlow="USER_AUTH", ClientId="liteplanclient000000000001", AuthParameters={"USERNAME": "ada"}))
    expect_error("InvalidParameterException", lambda: idp.initiate_auth(
        AuthFlow="USER_AUTH", ClientId="mfarequiredclient000000001", AuthParameters={"USERNAME": "tess"}),
        "USER_AUTH flow not enabled for this client")



@scenario
def refresh_rotation():
    """boto3 RefreshTokenRotation and GetTokensFromRefreshToken: a new refresh token each time"""
    described = idp.describe_user_pool_client(UserPoolId=PASSWORDLESS_POOL, ClientId=PASSWORDLESS_CLIENT)
    rotation = described["UserPoolClient"]["RefreshTokenRotation"]
    assert rotation == {"Feature": "ENABLED", "RetryGracePeriodSeconds": 10}, rotation
    signed_in = idp.initiate_auth(AuthFlow="USER_AUTH", ClientId=PASSWORDLESS_CLIENT, AuthParameters={
        "USERNAME": "ada", "PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": "Passw0rd!ada"})
    first = signed_in["AuthenticationResult"]["RefreshToken"]
    refreshed = idp.get_tokens_from_refresh_token(ClientId=PASSWORDLESS_CLIENT, RefreshToken=first)
    second = refreshed["AuthenticationResult"]["RefreshToken"]
    assert second != first, refreshed
    verify_id_token(refreshed["AuthenticationResult"]["IdToken"], PASSWORDLESS_POOL, PASSWORDLESS_CLIENT)
    client = idp.create_user_pool_client(UserPoolId=POOL, ClientName="rotating",
                                         RefreshTokenRotation={"Feature": "ENABLED", "RetryGracePeriodSeconds": 30})
    assert client["UserPoolClient"]["RefreshTokenRotation"]["RetryGracePeriodSeconds"] == 30, client
    expect_error("InvalidParameterException", lambda: idp.create_user_pool_client(
        UserPoolId=POOL, ClientName="bad", RefreshTokenRotation={"Feature": "ENABLED", "RetryGracePeriodSeconds": 61}))



MFA_POOL = "us-east-1_MfaRequired"


@scenario
def mfa_administration():
    """boto3 GetUserPoolMfaConfig, SetUserPoolMfaConfig, AdminSetUserMFAPreference, AdminGetUser's MFA settings"""
    config = idp.get_user_pool_mfa_config(UserPoolId=MFA_POOL)
    assert config["MfaConfiguration"] == "ON" and config["SoftwareTokenMfaConfiguration"]["Enabled"] is True, config
    idp.admin_set_user_mfa_preference(UserPoolId=MFA_POOL, Username="max",
                                      EmailMfaSettings={"Enabled": True, "PreferredMfa": True})
    user = idp.admin_get_user(UserPoolId=MFA_POOL, Username="max")
    assert user["PreferredMfaSetting"] == "EMAIL_OTP", user
    assert sorted(user["UserMFASettingList"]) == ["EMAIL_OTP", "SOFTWARE_TOKEN_MFA"], user
    expect_error("InvalidParameterException", lambda: idp.admin_set_user_mfa_preference(
        UserPoolId=MFA_POOL, Username="ivy", SoftwareTokenMfaSettings={"Enabled": True}),
        "User has not verified software token mfa")
    pool = idp.create_user_pool(PoolName="optional-mfa")["UserPool"]["Id"]
    answer = idp.set_user_pool_mfa_config(UserPoolId=pool, MfaConfiguration="OPTIONAL",
                                          SoftwareTokenMfaConfiguration={"Enabled": True})
    assert answer["MfaConfiguration"] == "OPTIONAL", answer


sys.exit(1 if failures else 0)
