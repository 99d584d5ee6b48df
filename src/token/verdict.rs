//! The outcome of inspecting a token, and the checks that lead to it.

/// The overall result of an inspection, ordered from least to most serious.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// Every check passed.
    Valid,
    /// `nbf` is later than now minus the leeway.
    NotYetValid,
    /// `exp` plus the leeway is not later than now.
    Expired,
    /// A registered claim has the wrong type.
    InvalidClaims,
    /// The signature does not match the signing input and the secret.
    InvalidSignature,
    /// A well-formed token that this page deliberately does not accept.
    Unsupported,
    /// The text is not a well-formed JWS.
    Malformed,
}

impl Verdict {
    /// Returns the stable identifier used in `data-verdict` attributes.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::NotYetValid => "not-yet-valid",
            Verdict::Expired => "expired",
            Verdict::InvalidClaims => "invalid-claims",
            Verdict::InvalidSignature => "invalid-signature",
            Verdict::Unsupported => "unsupported",
            Verdict::Malformed => "malformed",
        }
    }

    /// Returns a short title for the verdict badge.
    pub fn title(self) -> &'static str {
        match self {
            Verdict::Valid => "Valid",
            Verdict::NotYetValid => "Not yet valid",
            Verdict::Expired => "Expired",
            Verdict::InvalidClaims => "Invalid claims",
            Verdict::InvalidSignature => "Invalid signature",
            Verdict::Unsupported => "Unsupported",
            Verdict::Malformed => "Malformed",
        }
    }
}

/// Outcome of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The check passed.
    Pass,
    /// The check passed, with a caution.
    Warn,
    /// The check failed, giving this verdict.
    Fail(Verdict),
    /// The check could not run because an earlier one failed.
    Skipped,
}

/// One line of the inspection's findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub outcome: Outcome,
    pub message: String,
}

impl Check {
    pub fn pass(message: impl Into<String>) -> Check {
        Check {
            outcome: Outcome::Pass,
            message: message.into(),
        }
    }

    pub fn warn(message: impl Into<String>) -> Check {
        Check {
            outcome: Outcome::Warn,
            message: message.into(),
        }
    }

    pub fn fail(verdict: Verdict, message: impl Into<String>) -> Check {
        Check {
            outcome: Outcome::Fail(verdict),
            message: message.into(),
        }
    }

    pub fn skipped(message: impl Into<String>) -> Check {
        Check {
            outcome: Outcome::Skipped,
            message: message.into(),
        }
    }
}

/// Returns the most serious failure among `checks` and its message, or
/// `None` when nothing failed.
pub fn worst_failure(checks: &[Check]) -> Option<(Verdict, &str)> {
    let mut worst: Option<(Verdict, &str)> = None;
    for check in checks {
        if let Outcome::Fail(verdict) = check.outcome {
            if worst.is_none_or(|(current, _)| verdict > current) {
                worst = Some((verdict, check.message.as_str()));
            }
        }
    }
    worst
}
