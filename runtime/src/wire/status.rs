//! What an HTTP status means for a call, as the spec declares it
//! (`wire.statuses`): success, or a documented error whose fields are read
//! from the body. Statuses no rule covers keep the default meaning: 2xx
//! succeeds, anything else is [`Error::Status`](crate::Error::Status).

/// Which statuses a [`StatusRule`] covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatusMatch {
    /// One status, e.g. `404`.
    Code(u16),
    /// A class of statuses by its first digit: `4` is `4XX`.
    Class(u8),
    /// Every status no code or class covers, except 2xx (which stay
    /// successes unless a code or class says otherwise).
    Default,
}

impl StatusMatch {
    /// How specific the match is: a code beats a class beats `default`,
    /// whatever the order the spec lists them in.
    const fn rank(self) -> u8 {
        match self {
            StatusMatch::Code(_) => 0,
            StatusMatch::Class(_) => 1,
            StatusMatch::Default => 2,
        }
    }

    fn covers(self, status: u16) -> bool {
        match self {
            StatusMatch::Code(code) => code == status,
            StatusMatch::Class(digit) => status / 100 == u16::from(digit),
            StatusMatch::Default => !(200..300).contains(&status),
        }
    }
}

/// What a response with a covered status is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatusOutcome {
    /// A success: the body is read as the method's response (an empty body
    /// as a response without fields).
    Success,
    /// The documented error with this class (a key of the spec's `errors`):
    /// its fields are read from the body, when the body is an object.
    Error(&'static str),
}

/// One entry of `wire.statuses`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StatusRule {
    /// The statuses covered.
    pub status: StatusMatch,
    /// What they mean.
    pub outcome: StatusOutcome,
}

/// The outcome the most specific rule of `rules` gives `status`, or `None`
/// when no rule covers it.
///
/// ```
/// use hostapi_runtime::wire::{StatusMatch, StatusOutcome, StatusRule, status_outcome};
///
/// static RULES: &[StatusRule] = &[
///     StatusRule { status: StatusMatch::Default, outcome: StatusOutcome::Error("Failed") },
///     StatusRule { status: StatusMatch::Class(4), outcome: StatusOutcome::Error("Client") },
///     StatusRule { status: StatusMatch::Code(404), outcome: StatusOutcome::Error("NotFound") },
/// ];
/// assert_eq!(status_outcome(RULES, 404), Some(StatusOutcome::Error("NotFound")));
/// assert_eq!(status_outcome(RULES, 409), Some(StatusOutcome::Error("Client")));
/// assert_eq!(status_outcome(RULES, 503), Some(StatusOutcome::Error("Failed")));
/// assert_eq!(status_outcome(RULES, 200), None);
/// ```
pub fn status_outcome(rules: &[StatusRule], status: u16) -> Option<StatusOutcome> {
    rules
        .iter()
        .filter(|rule| rule.status.covers(status))
        .min_by_key(|rule| rule.status.rank())
        .map(|rule| rule.outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn rule(status: StatusMatch, outcome: StatusOutcome) -> StatusRule {
        StatusRule { status, outcome }
    }

    #[test]
    fn two_hundreds_stay_successes_under_default_only() {
        let rules = [rule(StatusMatch::Default, StatusOutcome::Error("E"))];
        assert_eq!(status_outcome(&rules, 204), None);
        assert_eq!(status_outcome(&rules, 302), Some(StatusOutcome::Error("E")));
        assert_eq!(status_outcome(&rules, 99), Some(StatusOutcome::Error("E")));
    }

    #[test]
    fn a_listed_two_hundred_may_be_an_error_and_an_error_status_a_success() {
        let rules = [
            rule(StatusMatch::Code(202), StatusOutcome::Error("Pending")),
            rule(StatusMatch::Code(404), StatusOutcome::Success),
        ];
        assert_eq!(
            status_outcome(&rules, 202),
            Some(StatusOutcome::Error("Pending"))
        );
        assert_eq!(status_outcome(&rules, 404), Some(StatusOutcome::Success));
        assert_eq!(status_outcome(&rules, 405), None);
    }

    #[test]
    fn no_rules_cover_nothing() {
        assert_eq!(status_outcome(&[], 500), None);
    }
}
