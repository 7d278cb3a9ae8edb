//! A pool's password policy, and which of its rules a new password meets — checked as the person
//! types, so the rules show as they are met. The checks hold no password: only which rules hold
//! and whether the confirmation matches. Cognito still judges the password when it is sent.

use serde::Deserialize;

/// A pool's password policy, as Amplify's `amplify_outputs.json` writes it
/// (`auth.password_policy`). Missing keys take Cognito's defaults.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct PasswordPolicy {
    /// At least this many characters.
    pub min_length: u32,
    /// A lower-case letter.
    pub require_lowercase: bool,
    /// An upper-case letter.
    pub require_uppercase: bool,
    /// A digit.
    pub require_numbers: bool,
    /// A symbol.
    pub require_symbols: bool,
}

impl Default for PasswordPolicy {
    /// Cognito's default policy.
    fn default() -> Self {
        Self {
            min_length: 8,
            require_lowercase: true,
            require_uppercase: true,
            require_numbers: true,
            require_symbols: true,
        }
    }
}

/// One rule of a policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordRule {
    /// At least this many characters.
    MinLength(u32),
    /// A lower-case letter.
    Lowercase,
    /// An upper-case letter.
    Uppercase,
    /// A digit.
    Digit,
    /// One of Cognito's symbols.
    Symbol,
}

/// The symbols Cognito counts (its documented list; a space counts inside a password).
const SYMBOLS: &str = "^$*.[]{}()?-\"!@#%&/\\,><':;|_~`+= ";

impl PasswordRule {
    /// Whether `password` meets it.
    #[must_use]
    pub fn holds(self, password: &str) -> bool {
        match self {
            Self::MinLength(length) => password.chars().count() >= length as usize,
            Self::Lowercase => password.chars().any(|c| c.is_lowercase()),
            Self::Uppercase => password.chars().any(|c| c.is_uppercase()),
            Self::Digit => password.chars().any(|c| c.is_ascii_digit()),
            Self::Symbol => password.chars().any(|c| SYMBOLS.contains(c)),
        }
    }
}

impl PasswordPolicy {
    /// The policy's rules, in the order they are shown.
    #[must_use]
    pub fn rules(&self) -> Vec<PasswordRule> {
        let mut rules = vec![PasswordRule::MinLength(self.min_length)];
        for (required, rule) in [
            (self.require_lowercase, PasswordRule::Lowercase),
            (self.require_uppercase, PasswordRule::Uppercase),
            (self.require_numbers, PasswordRule::Digit),
            (self.require_symbols, PasswordRule::Symbol),
        ] {
            if required {
                rules.push(rule);
            }
        }
        rules
    }

    /// Which rules `password` meets, and whether `confirmation` is the same.
    #[must_use]
    pub fn check(&self, password: &str, confirmation: &str) -> PasswordChecks {
        PasswordChecks {
            met: self
                .rules()
                .into_iter()
                .map(|rule| (rule, rule.holds(password)))
                .collect(),
            matching: password == confirmation,
        }
    }
}

/// What is known of a new password as it is typed: each rule met or not, and whether the
/// confirmation matches. Empty before anything is typed (Cognito decides then).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PasswordChecks {
    /// Each rule of the policy, and whether it is met.
    pub met: Vec<(PasswordRule, bool)>,
    /// Whether the confirmation is the same password.
    pub matching: bool,
}

impl PasswordChecks {
    /// Whether a rule is known to be unmet.
    #[must_use]
    pub fn any_unmet(&self) -> bool {
        self.met.iter().any(|(_, met)| !met)
    }

    /// Whether `rule` is met (unknown counts as not yet).
    #[must_use]
    pub fn is_met(&self, rule: PasswordRule) -> bool {
        self.met
            .iter()
            .any(|(checked, met)| *checked == rule && *met)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_follow_the_policy_and_the_typing() {
        let policy = PasswordPolicy::default();
        let checks = policy.check("abc", "abd");
        assert_eq!(checks.met.len(), 5);
        assert!(checks.is_met(PasswordRule::Lowercase));
        assert!(!checks.is_met(PasswordRule::MinLength(8)));
        assert!(!checks.matching && checks.any_unmet());
        let good = policy.check("Long-Enough!1", "Long-Enough!1");
        assert!(good.matching && !good.any_unmet());
        let relaxed: PasswordPolicy =
            serde_json::from_str(r#"{"min_length":6,"require_symbols":false}"#).unwrap();
        assert_eq!(relaxed.rules().len(), 4);
        assert!(!relaxed.check("Abcde1", "Abcde1").any_unmet());
        // Before anything is typed nothing is known to be unmet: Cognito judges.
        assert!(!PasswordChecks::default().any_unmet());
    }
}
