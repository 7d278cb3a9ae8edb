//! Creating and recovering an account, and the signed-in user's password and attributes:
//! Amplify's `signUp`, `confirmSignUp`, `resendSignUpCode`, `autoSignIn`, `resetPassword`,
//! `confirmResetPassword`, `updatePassword`, `fetchUserAttributes`, `updateUserAttributes`,
//! `sendUserAttributeVerificationCode` and `confirmUserAttribute`.

use cognito_protocol::{
    AccessTokenRequest, AttributeType, ChangePasswordRequest, CodeRequest, InitiateAuthRequest,
    SecretString, SignUpRequest, secret_map,
};
use serde::Serialize;

use crate::answer::Answer;
use crate::client::body;
use crate::passkeys::Authenticator;
use crate::pending::PendingSignIn;
use crate::sign_in::metadata;
use crate::{
    AuthError, CodeDeliveryDetails, CognitoAuth, KeyValueStorage, SignInOutput, StringMap,
    Transport,
};

/// `sign_up`'s input. `Debug` never prints the password.
#[derive(Clone, Debug, Default)]
pub struct SignUpInput {
    /// The username (or the e-mail address or phone number, where the pool signs people in
    /// with those).
    pub username: String,
    /// The password; `None` where the pool signs people in without one (codes, passkeys).
    pub password: Option<SecretString>,
    /// `email`, `name`, `phone_number`, … as the pool requires.
    pub user_attributes: StringMap,
    /// Passed to the triggers.
    pub client_metadata: StringMap,
    /// Sign in as soon as the sign-up is confirmed ([`CognitoAuth::auto_sign_in`]).
    pub auto_sign_in: bool,
}

/// What to do after `sign_up` or `confirm_sign_up` (Amplify's `signUpStep`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignUpStep {
    /// Enter the code sent.
    ConfirmSignUp {
        /// Where it went.
        code_delivery_details: Option<CodeDeliveryDetails>,
    },
    /// Confirmed: call [`CognitoAuth::auto_sign_in`].
    CompleteAutoSignIn,
    /// Confirmed.
    Done,
}

/// `sign_up` / `confirm_sign_up`'s output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignUpOutput {
    /// Whether the account is confirmed.
    pub is_sign_up_complete: bool,
    /// The new user's `sub` (from `sign_up`).
    pub user_id: Option<String>,
    /// What to do next.
    pub next_step: SignUpStep,
}

/// What to do after `reset_password` (Amplify's `resetPasswordStep`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResetPasswordStep {
    /// Enter the code sent, with the new password ([`CognitoAuth::confirm_reset_password`]).
    ConfirmResetPasswordWithCode {
        /// Where it went.
        code_delivery_details: Option<CodeDeliveryDetails>,
    },
    /// Done.
    Done,
}

/// What to do after updating an attribute (Amplify's `updateAttributeStep`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UpdateAttributeStep {
    /// The new value must be verified with the code sent
    /// ([`CognitoAuth::confirm_user_attribute`]).
    ConfirmAttributeWithCode {
        /// Where it went.
        code_delivery_details: Option<CodeDeliveryDetails>,
    },
    /// Updated.
    Done,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AttributesRequest {
    #[serde(serialize_with = "cognito_protocol::secret::serialize")]
    access_token: SecretString,
    user_attributes: Vec<AttributeType>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AttributeCodeRequest<'a> {
    #[serde(serialize_with = "cognito_protocol::secret::serialize")]
    access_token: SecretString,
    attribute_name: &'a str,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "cognito_protocol::secret::serialize_option"
    )]
    code: Option<SecretString>,
}

fn delivery(
    details: Option<&cognito_protocol::CodeDeliveryDetails>,
) -> Option<CodeDeliveryDetails> {
    details.map(CodeDeliveryDetails::from_wire)
}

impl<T: Transport, S: KeyValueStorage, A: Authenticator> CognitoAuth<T, S, A> {
    /// Creates an account (Amplify's `signUp`), with a password or, where the pool signs people
    /// in with codes or passkeys, without.
    pub async fn sign_up(&self, input: SignUpInput) -> Result<SignUpOutput, AuthError> {
        let username = input.username.trim().to_owned();
        if username.is_empty() {
            return Err(AuthError::EmptyUsername);
        }
        let request = SignUpRequest {
            client_id: self.client_id(),
            username: username.clone(),
            password: input.password,
            user_attributes: attributes(&input.user_attributes),
            client_metadata: metadata(&input.client_metadata),
        };
        let answer = self.request("SignUp", &request).await?;
        *self.sign_up.borrow_mut() = input.auto_sign_in.then_some((username, answer.session));
        let next_step = if answer.user_confirmed {
            self.after_confirmation()
        } else {
            SignUpStep::ConfirmSignUp {
                code_delivery_details: delivery(answer.code_delivery_details.as_ref()),
            }
        };
        Ok(SignUpOutput {
            is_sign_up_complete: answer.user_confirmed,
            user_id: answer.user_sub,
            next_step,
        })
    }

    /// `Done`, or `CompleteAutoSignIn` when the sign-up asked for it.
    fn after_confirmation(&self) -> SignUpStep {
        if self.sign_up.borrow().is_some() {
            SignUpStep::CompleteAutoSignIn
        } else {
            SignUpStep::Done
        }
    }

    /// Confirms an account with the code sent (Amplify's `confirmSignUp`).
    pub async fn confirm_sign_up(
        &self,
        username: &str,
        code: &str,
    ) -> Result<SignUpOutput, AuthError> {
        let username = username.trim();
        let session = self
            .sign_up
            .borrow()
            .as_ref()
            .filter(|(name, _)| name == username)
            .and_then(|(_, session)| session.clone());
        let request = CodeRequest {
            client_id: self.client_id(),
            session,
            username: username.to_owned(),
            confirmation_code: Some(code.trim().into()),
            ..CodeRequest::default()
        };
        let answer = self.request("ConfirmSignUp", &request).await?;
        {
            let mut sign_up = self.sign_up.borrow_mut();
            match sign_up.as_mut() {
                Some((name, session)) if name == username => *session = answer.session,
                _ => *sign_up = None,
            }
        }
        Ok(SignUpOutput {
            is_sign_up_complete: true,
            user_id: None,
            next_step: self.after_confirmation(),
        })
    }

    /// Sends the sign-up code again (Amplify's `resendSignUpCode`).
    pub async fn resend_sign_up_code(
        &self,
        username: &str,
    ) -> Result<Option<CodeDeliveryDetails>, AuthError> {
        let request = CodeRequest {
            client_id: self.client_id(),
            username: username.trim().to_owned(),
            ..CodeRequest::default()
        };
        let answer = self.request("ResendConfirmationCode", &request).await?;
        Ok(delivery(answer.code_delivery_details.as_ref()))
    }

    /// Signs the new user in after `confirm_sign_up` (Amplify's `autoSignIn`): `USER_AUTH` with
    /// the confirmation's session, once.
    pub async fn auto_sign_in(&self) -> Result<SignInOutput, AuthError> {
        let (username, session) = self
            .sign_up
            .borrow_mut()
            .take()
            .and_then(|(username, session)| Some((username, session?)))
            .ok_or(AuthError::NoAutoSignIn)?;
        PendingSignIn::clear(&self.sign_in_state);
        let request = InitiateAuthRequest {
            auth_flow: "USER_AUTH".to_owned(),
            auth_parameters: secret_map([("USERNAME", username.as_str())]),
            client_id: self.client_id(),
            client_metadata: None,
            user_pool_id: None,
            session: Some(session),
        };
        let response = self.authenticate("InitiateAuth", body(&request)?).await?;
        self.next(response, &username).await
    }

    /// Asks for a code to reset a forgotten password (Amplify's `resetPassword`).
    pub async fn reset_password(&self, username: &str) -> Result<ResetPasswordStep, AuthError> {
        let username = username.trim();
        if username.is_empty() {
            return Err(AuthError::EmptyUsername);
        }
        let request = CodeRequest {
            client_id: self.client_id(),
            username: username.to_owned(),
            ..CodeRequest::default()
        };
        let answer = self.request("ForgotPassword", &request).await?;
        Ok(ResetPasswordStep::ConfirmResetPasswordWithCode {
            code_delivery_details: delivery(answer.code_delivery_details.as_ref()),
        })
    }

    /// Sets the new password with the code sent (Amplify's `confirmResetPassword`).
    pub async fn confirm_reset_password(
        &self,
        username: &str,
        code: &str,
        new_password: &str,
    ) -> Result<(), AuthError> {
        if new_password.is_empty() {
            return Err(AuthError::EmptyPassword);
        }
        let request = CodeRequest {
            client_id: self.client_id(),
            username: username.trim().to_owned(),
            confirmation_code: Some(code.trim().into()),
            password: Some(new_password.into()),
            ..CodeRequest::default()
        };
        self.request("ConfirmForgotPassword", &request)
            .await
            .map(drop)
    }

    /// Changes the signed-in user's password (Amplify's `updatePassword`).
    pub async fn update_password(
        &self,
        old_password: &str,
        new_password: &str,
    ) -> Result<(), AuthError> {
        if new_password.is_empty() {
            return Err(AuthError::EmptyPassword);
        }
        let request = ChangePasswordRequest {
            access_token: self.access_token().await?,
            previous_password: old_password.into(),
            proposed_password: new_password.into(),
        };
        self.request("ChangePassword", &request).await.map(drop)
    }

    /// `GetUser` for the signed-in user.
    pub(crate) async fn get_user(&self) -> Result<Answer, AuthError> {
        let request = AccessTokenRequest {
            access_token: self.access_token().await?,
        };
        self.request("GetUser", &request).await
    }

    /// The signed-in user's attributes, fresh from the pool (Amplify's `fetchUserAttributes`).
    pub async fn fetch_user_attributes(&self) -> Result<StringMap, AuthError> {
        self.fetch_user().await.map(|(attributes, _)| attributes)
    }

    /// The attributes and the second factors, from one `GetUser` (what
    /// `fetch_user_attributes` and `fetch_mfa_preference` each ask for, for a page that shows
    /// both).
    pub async fn fetch_user(&self) -> Result<(StringMap, crate::MfaPreferences), AuthError> {
        let user = self.get_user().await?;
        let mfa = crate::MfaPreferences {
            enabled: user
                .user_mfa_setting_list
                .iter()
                .filter_map(|name| crate::MfaType::parse(name))
                .collect(),
            preferred: user
                .preferred_mfa_setting
                .as_deref()
                .and_then(crate::MfaType::parse),
        };
        let attributes = user
            .user_attributes
            .into_iter()
            .map(|attribute| (attribute.name, attribute.value))
            .collect();
        Ok((attributes, mfa))
    }

    /// Changes attributes (Amplify's `updateUserAttributes`): each is `Done`, or waits for the
    /// code sent to verify its new value (an e-mail address, a phone number).
    pub async fn update_user_attributes(
        &self,
        attributes_to_update: &StringMap,
    ) -> Result<Vec<(String, UpdateAttributeStep)>, AuthError> {
        let request = AttributesRequest {
            access_token: self.access_token().await?,
            user_attributes: attributes(attributes_to_update),
        };
        let answer = self.request("UpdateUserAttributes", &request).await?;
        let mut steps: Vec<(String, UpdateAttributeStep)> = attributes_to_update
            .keys()
            .map(|name| (name.clone(), UpdateAttributeStep::Done))
            .collect();
        for details in &answer.code_delivery_details_list {
            if let Some((_, step)) = steps
                .iter_mut()
                .find(|(name, _)| *name == details.attribute_name)
            {
                *step = UpdateAttributeStep::ConfirmAttributeWithCode {
                    code_delivery_details: Some(CodeDeliveryDetails::from_wire(details)),
                };
            }
        }
        steps.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(steps)
    }

    /// Sends a code to verify an attribute (Amplify's `sendUserAttributeVerificationCode`).
    pub async fn send_user_attribute_verification_code(
        &self,
        attribute_name: &str,
    ) -> Result<Option<CodeDeliveryDetails>, AuthError> {
        let request = AttributeCodeRequest {
            access_token: self.access_token().await?,
            attribute_name,
            code: None,
        };
        let answer = self
            .request("GetUserAttributeVerificationCode", &request)
            .await?;
        Ok(delivery(answer.code_delivery_details.as_ref()))
    }

    /// Verifies an attribute with the code sent (Amplify's `confirmUserAttribute`).
    pub async fn confirm_user_attribute(
        &self,
        attribute_name: &str,
        code: &str,
    ) -> Result<(), AuthError> {
        let request = AttributeCodeRequest {
            access_token: self.access_token().await?,
            attribute_name,
            code: Some(code.trim().into()),
        };
        self.request("VerifyUserAttribute", &request)
            .await
            .map(drop)
    }
}

/// Attributes as the wire lists them, in a stable order.
fn attributes(map: &StringMap) -> Vec<AttributeType> {
    let mut list: Vec<AttributeType> = map
        .iter()
        .map(|(name, value)| AttributeType {
            name: name.clone(),
            value: value.clone(),
        })
        .collect();
    list.sort_by(|a, b| a.name.cmp(&b.name));
    list
}
