//! The second factor, after the first has been proven: Cognito's `MfaConfiguration` (`OFF`,
//! `ON`, `OPTIONAL`) decides whether one is asked for; then the user's one factor in force, their
//! preferred one, a choice among them (`SELECT_MFA_TYPE`), or — when MFA is required and the user
//! has none — setting one up (`MFA_SETUP`: an authenticator app through `AssociateSoftwareToken`
//! and `VerifySoftwareToken`, or an e-mail address).

use cognito_protocol::{AuthResponse, ChallengeName, ErrorKind, SecretMap, StringMap};
use serde_json::Value;

use super::{Attempt, optional, required};
use crate::error::{ApiError, ApiResult};
use crate::model::User;
use crate::service::Service;
use crate::sessions::Step;

/// The second factors a user may set up in the middle of a sign-in, as Cognito lists them.
fn can_set_up(offered: &[&str]) -> Vec<String> {
    offered
        .iter()
        .filter(|factor| matches!(**factor, "SOFTWARE_TOKEN_MFA" | "EMAIL_OTP" | "SMS_MFA"))
        .map(|factor| (*factor).to_owned())
        .collect()
}

/// A list of factors as Cognito writes them in a challenge parameter: a JSON string.
fn json_list(factors: &[String]) -> String {
    Value::from(factors.to_vec()).to_string()
}

impl Service {
    /// After the first factor (and any new password): tokens, or the second factor.
    pub(super) fn second_factor_or_tokens(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
    ) -> ApiResult<AuthResponse> {
        // A remembered device proves itself instead.
        if let Some(device) = self.remembered_device(attempt, user)? {
            return Ok(self.challenge(
                attempt,
                user,
                Step::DeviceSrpAuth {
                    device_key: device.key,
                },
                StringMap::from([("USERNAME".to_owned(), user.username.clone())]),
            ));
        }
        let mode = attempt.pool.mfa_configuration();
        if mode == "OFF" {
            return self.issue_tokens(attempt, user, None);
        }
        let factors = user.mfa_factors(attempt.pool);
        match factors.as_slice() {
            [] if mode == "OPTIONAL" => self.issue_tokens(attempt, user, None),
            [] => {
                let choices = can_set_up(&attempt.pool.mfa_factors());
                let parameters =
                    StringMap::from([("MFAS_CAN_SETUP".to_owned(), json_list(&choices))]);
                Ok(self.challenge(
                    attempt,
                    user,
                    Step::MfaSetup {
                        choices,
                        totp_verified: false,
                    },
                    parameters,
                ))
            }
            [only] => self.ask_second_factor(attempt, user, only),
            [first, ..] if user.mfa.preferred.as_deref() == Some(first.as_str()) => {
                self.ask_second_factor(attempt, user, first)
            }
            several => {
                let choices = several.to_vec();
                let parameters =
                    StringMap::from([("MFAS_CAN_CHOOSE".to_owned(), json_list(&choices))]);
                Ok(self.challenge(attempt, user, Step::SelectMfaType { choices }, parameters))
            }
        }
    }

    /// The challenge of one second factor.
    fn ask_second_factor(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        factor: &str,
    ) -> ApiResult<AuthResponse> {
        match factor {
            "SOFTWARE_TOKEN_MFA" => Ok(self.challenge(
                attempt,
                user,
                Step::SoftwareTokenMfa { wrong: 0 },
                StringMap::new(),
            )),
            "SMS_MFA" => {
                self.send_one_time_code(attempt, Some(user), "", ChallengeName::SmsMfa, true, None)
            }
            _ => self.send_one_time_code(
                attempt,
                Some(user),
                "",
                ChallengeName::EmailOtp,
                true,
                None,
            ),
        }
    }

    /// A challenge with its session.
    fn challenge(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        step: Step,
        mut parameters: StringMap,
    ) -> AuthResponse {
        parameters.insert("USER_ID_FOR_SRP".to_owned(), user.username.clone());
        self.open_challenge(attempt, Some(&user.username), step, parameters)
    }

    /// `SELECT_MFA_TYPE`'s answer: one of `MFAS_CAN_CHOOSE`.
    pub(super) fn answer_select_mfa_type(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        choices: &[String],
        responses: &SecretMap,
    ) -> ApiResult<AuthResponse> {
        let answer = required(responses, "ANSWER")?;
        if !choices.iter().any(|choice| choice == answer) {
            return Err(ApiError::invalid_parameter(format!(
                "The MFA type {answer} is not available for this user."
            )));
        }
        self.ask_second_factor(attempt, user, answer)
    }

    /// `SOFTWARE_TOKEN_MFA`'s answer: the authenticator's code, good once.
    pub(super) fn answer_software_token(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        responses: &SecretMap,
    ) -> ApiResult<AuthResponse> {
        let code = required(responses, "SOFTWARE_TOKEN_MFA_CODE")?;
        self.check_enabled_and_unlocked(user)?;
        let user = match self.accept_totp(user, code) {
            Ok(user) => user,
            Err(error) => {
                // Guessing codes locks the user out as guessing passwords does.
                if error.kind == ErrorKind::CodeMismatchException {
                    self.record_failure(user)?;
                }
                return Err(error);
            }
        };
        self.issue_tokens(attempt, &user, None)
    }

    /// `MFA_SETUP`'s answer: after an authenticator was verified in this session, it is turned
    /// on (and preferred); or `EMAIL` gives the address for e-mail codes, which a code then
    /// proves.
    pub(super) fn answer_mfa_setup(
        &self,
        attempt: &Attempt<'_>,
        user: &User,
        choices: &[String],
        totp_verified: bool,
        responses: &SecretMap,
    ) -> ApiResult<AuthResponse> {
        if totp_verified {
            let (user, ()) = self.change_user(&user.pool_id, &user.username, |user| {
                enable(&mut user.mfa, "SOFTWARE_TOKEN_MFA", Some(true));
                Ok(())
            })?;
            return self.issue_tokens(attempt, &user, None);
        }
        let offers_email = choices.iter().any(|choice| choice == "EMAIL_OTP");
        match optional(responses, "EMAIL").filter(|_| offers_email) {
            Some(address) if address.contains('@') => {
                let address = address.trim().to_owned();
                let (user, ()) = self.change_user(&user.pool_id, &user.username, |user| {
                    if user.attributes.get("email") != Some(&address) {
                        user.attributes.insert("email".to_owned(), address.clone());
                        user.attributes
                            .insert("email_verified".to_owned(), "false".to_owned());
                    }
                    Ok(())
                })?;
                self.send_one_time_code(
                    attempt,
                    Some(&user),
                    "",
                    ChallengeName::EmailOtp,
                    true,
                    Some("EMAIL_OTP".to_owned()),
                )
            }
            Some(_) => Err(ApiError::invalid_parameter("Invalid email address format.")),
            None => Err(ApiError::new(
                ErrorKind::InvalidParameterException,
                "Set up an MFA factor first: verify a software token, or give EMAIL.",
            )),
        }
    }
}

/// Turns `factor` on (with `preferred`: makes it the preferred one, or stops it being so).
pub(crate) fn enable(mfa: &mut crate::model::MfaSettings, factor: &str, preferred: Option<bool>) {
    if !mfa.enabled.iter().any(|enabled| enabled == factor) {
        mfa.enabled.push(factor.to_owned());
    }
    match preferred {
        Some(true) => mfa.preferred = Some(factor.to_owned()),
        Some(false) if mfa.preferred.as_deref() == Some(factor) => mfa.preferred = None,
        _ => {}
    }
}
