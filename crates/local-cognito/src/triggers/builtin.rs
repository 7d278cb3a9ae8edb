//! Handlers built into local-cognito, for the demo and for anyone who wants a working custom
//! flow without writing Lambda code:
//!
//! | name | trigger | does |
//! |---|---|---|
//! | `captcha-define` | DefineAuthChallenge | CAPTCHA, up to 3 tries; after `SRP_A` asks for the password first |
//! | `srp-captcha-define` | DefineAuthChallenge | the same, but the password (SRP) is required first |
//! | `captcha-create` | CreateAuthChallenge | a new picture (`captchaUrl`) with a random 5-digit answer, the digits spoken (`captchaAudioUrl`, with espeak-ng) and the tries left (`attemptsLeft`) |
//! | `captcha-verify` | VerifyAuthChallengeResponse | compares the answer in constant time |
//! | `legacy-migration:<file>` | UserMigration | users from a JSON file of PBKDF2-SHA256 password hashes |

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Map, Value, json};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::{HandlerError, captcha, captcha_audio};

/// Wrong CAPTCHA answers allowed before the sign-in fails.
const CAPTCHA_ATTEMPTS: usize = 3;

pub(super) async fn run(
    name: &str,
    argument: Option<&str>,
    base_dir: &Path,
    mut event: Value,
) -> Result<Value, HandlerError> {
    let response = match name {
        "captcha-define" => define(&event["request"]["session"], false),
        "srp-captcha-define" => define(&event["request"]["session"], true),
        "captcha-create" => {
            let (answer, url) = captcha::generate(5);
            let wrong = event["request"]["session"].as_array().map_or(0, |session| {
                session
                    .iter()
                    .filter(|entry| {
                        entry["challengeName"] == "CUSTOM_CHALLENGE"
                            && entry["challengeResult"] == false
                    })
                    .count()
            });
            let mut public = json!({
                "captchaUrl": url,
                // Tries left, this one included: the page says how many.
                "attemptsLeft": CAPTCHA_ATTEMPTS.saturating_sub(wrong).to_string(),
            });
            if let Some(audio) = captcha_audio::spoken(&answer).await {
                public["captchaAudioUrl"] = Value::from(audio);
            }
            json!({
                "publicChallengeParameters": public,
                "privateChallengeParameters": { "answer": answer },
                "challengeMetadata": "CAPTCHA_CHALLENGE",
            })
        }
        "captcha-verify" => {
            let expected = event["request"]["privateChallengeParameters"]["answer"]
                .as_str()
                .unwrap_or_default();
            let given = event["request"]["challengeAnswer"]
                .as_str()
                .unwrap_or_default()
                .trim();
            let correct =
                !expected.is_empty() && bool::from(expected.as_bytes().ct_eq(given.as_bytes()));
            json!({ "answerCorrect": correct })
        }
        "legacy-migration" => {
            let file = argument.ok_or_else(|| {
                HandlerError::Failed("legacy-migration needs a users file".to_owned())
            })?;
            migrate(&base_dir.join(file), &event).await?
        }
        other => {
            return Err(HandlerError::Unreachable(format!(
                "no built-in handler named {other}"
            )));
        }
    };
    event["response"] = response;
    Ok(event)
}

/// DefineAuthChallenge for a CAPTCHA, optionally after SRP.
fn define(session: &Value, srp_required: bool) -> Value {
    let entries: Vec<(&str, bool)> = session
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .map(|entry| {
                    (
                        entry["challengeName"].as_str().unwrap_or_default(),
                        entry["challengeResult"] == true,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let fail = json!({ "challengeName": null, "issueTokens": false, "failAuthentication": true });
    let ask = |name: &str| json!({ "challengeName": name, "issueTokens": false, "failAuthentication": false });
    let started_with_srp = entries.first().is_some_and(|(name, _)| *name == "SRP_A");
    if srp_required && !started_with_srp {
        return fail;
    }
    let captcha = if started_with_srp {
        match entries.get(1) {
            None => return ask("PASSWORD_VERIFIER"),
            Some(("PASSWORD_VERIFIER", true)) => &entries[2..],
            Some(_) => return fail,
        }
    } else {
        &entries[..]
    };
    match captcha.last() {
        None => ask("CUSTOM_CHALLENGE"),
        Some(("CUSTOM_CHALLENGE", true)) => {
            json!({ "challengeName": null, "issueTokens": true, "failAuthentication": false })
        }
        Some(("CUSTOM_CHALLENGE", false)) if captcha.len() < CAPTCHA_ATTEMPTS => {
            ask("CUSTOM_CHALLENGE")
        }
        Some(_) => fail,
    }
}

/// UserMigration from a JSON file: `[{"username", "passwordHash": "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>", "attributes": {…}}]`.
async fn migrate(file: &Path, event: &Value) -> Result<Value, HandlerError> {
    let text = tokio::fs::read_to_string(file).await.map_err(|error| {
        HandlerError::Failed(format!("cannot read {}: {error}", file.display()))
    })?;
    let users: Vec<Value> = serde_json::from_str(&text).map_err(|error| {
        HandlerError::Failed(format!("{} is not a JSON list: {error}", file.display()))
    })?;
    let username = event["userName"].as_str().unwrap_or_default();
    let Some(user) = users.iter().find(|user| user["username"] == username) else {
        return Err(HandlerError::Failed("User not found".to_owned()));
    };
    if event["triggerSource"] == "UserMigration_Authentication" {
        let password = event["request"]["password"].as_str().unwrap_or_default();
        if !password_matches(user["passwordHash"].as_str().unwrap_or_default(), password) {
            return Err(HandlerError::Failed("Bad password".to_owned()));
        }
    }
    let attributes = user["attributes"]
        .as_object()
        .cloned()
        .unwrap_or_else(Map::new);
    Ok(json!({
        "userAttributes": attributes,
        "finalUserStatus": "CONFIRMED",
        "messageAction": "SUPPRESS",
    }))
}

/// Checks `password` against `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`.
pub fn password_matches(stored: &str, password: &str) -> bool {
    let mut parts = stored.split('$');
    let (Some("pbkdf2-sha256"), Some(iterations), Some(salt), Some(hash), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return false;
    };
    let (Ok(iterations), Ok(salt), Ok(hash)) = (
        iterations.parse::<u32>(),
        BASE64.decode(salt),
        BASE64.decode(hash),
    ) else {
        return false;
    };
    if hash.len() != 32 || iterations == 0 || iterations > 10_000_000 {
        return false;
    }
    bool::from(pbkdf2_sha256(password.as_bytes(), &salt, iterations).ct_eq(&hash[..]))
}

/// Hashes a password for a legacy-users file (also used to write the demo's).
pub fn hash_password(password: &str, salt: &[u8], iterations: u32) -> String {
    let hash = pbkdf2_sha256(password.as_bytes(), salt, iterations);
    format!(
        "pbkdf2-sha256${iterations}${}${}",
        BASE64.encode(salt),
        BASE64.encode(hash)
    )
}

/// PBKDF2-HMAC-SHA256 (RFC 8018), one 32-byte block, with the `pbkdf2` crate.
fn pbkdf2_sha256(password: &[u8], salt: &[u8], iterations: u32) -> [u8; 32] {
    pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(password, salt, iterations)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7914 §11's PBKDF2-HMAC-SHA256 vector ("passwd", "salt", 1 iteration), first block.
    #[test]
    fn pbkdf2_matches_rfc_7914() {
        let hash = pbkdf2_sha256(b"passwd", b"salt", 1);
        assert_eq!(
            hash.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        );
        let stored = hash_password("Legacy-Passw0rd!", b"0123456789abcdef", 1000);
        assert!(password_matches(&stored, "Legacy-Passw0rd!"));
        assert!(!password_matches(&stored, "legacy-passw0rd!"));
        assert!(!password_matches("plain", "plain"));
    }

    fn session(entries: &[(&str, bool)]) -> Value {
        Value::Array(
            entries
                .iter()
                .map(|(name, ok)| json!({"challengeName": name, "challengeResult": ok}))
                .collect(),
        )
    }

    #[test]
    fn captcha_define_allows_three_tries() {
        assert_eq!(
            define(&session(&[]), false)["challengeName"],
            "CUSTOM_CHALLENGE"
        );
        assert_eq!(
            define(&session(&[("CUSTOM_CHALLENGE", true)]), false)["issueTokens"],
            true
        );
        let one_wrong = session(&[("CUSTOM_CHALLENGE", false)]);
        assert_eq!(
            define(&one_wrong, false)["challengeName"],
            "CUSTOM_CHALLENGE"
        );
        let three_wrong = session(&[("CUSTOM_CHALLENGE", false); 3]);
        assert_eq!(define(&three_wrong, false)["failAuthentication"], true);
    }

    #[test]
    fn srp_then_captcha() {
        assert_eq!(
            define(&session(&[("SRP_A", true)]), true)["challengeName"],
            "PASSWORD_VERIFIER"
        );
        let after_password = session(&[("SRP_A", true), ("PASSWORD_VERIFIER", true)]);
        assert_eq!(
            define(&after_password, true)["challengeName"],
            "CUSTOM_CHALLENGE"
        );
        let wrong_password = session(&[("SRP_A", true), ("PASSWORD_VERIFIER", false)]);
        assert_eq!(define(&wrong_password, true)["failAuthentication"], true);
        assert_eq!(define(&session(&[]), true)["failAuthentication"], true);
        let done = session(&[
            ("SRP_A", true),
            ("PASSWORD_VERIFIER", true),
            ("CUSTOM_CHALLENGE", true),
        ]);
        assert_eq!(define(&done, true)["issueTokens"], true);
    }
}
