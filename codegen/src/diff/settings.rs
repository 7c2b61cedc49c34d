//! What a project decides about a diff: severity overrides from a config
//! file (`diff.severities`, rule id → level or `off`) and version checks
//! (a change of greater semver impact than the version bump is a finding).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{Comparison, Direction, Findings, Impact, Level, Location, registry};
use crate::diag::did_you_mean;
use crate::spec::span::{Entries, Sp};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    diff: Option<DiffConfig>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DiffConfig {
    /// Rule id → `breaking`, `warning`, `info` or `off`.
    #[serde(default)]
    severities: Entries<Sp<String>>,
}

/// Levels a project chose for rules; `None` turns a rule off.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides(BTreeMap<&'static str, Option<Level>>);

impl Overrides {
    /// Reads `diff.severities` from a YAML config file's text. Every wrong
    /// entry is reported at its place, as lint reports a bad suppression.
    pub fn parse(path: &Path, text: &str) -> Result<Overrides, String> {
        let shown = crate::diag::path_text(path);
        let config: ConfigFile = serde_saphyr::from_str(text)
            .map_err(|e| format!("{shown}: {}", e.without_snippet()))?;
        let mut overrides = BTreeMap::new();
        let mut problems = Vec::new();
        let entries = config.diff.map(|d| d.severities).unwrap_or_default();
        for (key, value) in entries.iter() {
            let place = format!("{shown}:{}", key.pos);
            let Some(rule) = registry::rule(&key.value) else {
                let mut problem = format!("{place}: `{}` is not a diff rule", key.value);
                if let Some(s) = did_you_mean(&key.value, registry::ids()) {
                    problem.push_str(&format!("; did you mean `{s}`?"));
                }
                problems.push(problem);
                continue;
            };
            let level = match value.value.as_str() {
                "off" => None,
                name => match Level::from_name(name) {
                    Some(level) => Some(level),
                    None => {
                        problems.push(format!(
                            "{shown}:{}: `{}` is not a level (breaking, warning, info or off)",
                            value.pos, value.value
                        ));
                        continue;
                    }
                },
            };
            overrides.insert(rule.id, level);
        }
        if problems.is_empty() {
            Ok(Overrides(overrides))
        } else {
            Err(crate::text::visible(&problems.join("\n")).into_owned())
        }
    }

    /// The findings with the chosen levels; those of rules turned off are
    /// dropped.
    pub fn apply(&self, comparison: &mut Comparison) {
        comparison
            .findings
            .retain_mut(|f| match self.0.get(f.rule) {
                Some(Some(level)) => {
                    f.level = *level;
                    true
                }
                Some(None) => false,
                None => true,
            });
    }
}

/// A semver version, `1.2.3` or `v1.2.3` (a pre-release or build suffix is
/// ignored).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u64, pub u64, pub u64);

impl Version {
    /// All three numbers are required: `v1` is a vendor's label, not a
    /// version to compare.
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.trim().trim_start_matches('v');
        let core = text.split(['-', '+']).next()?;
        let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
        let version = Version(parts.next()??, parts.next()??, parts.next()??);
        parts.next().is_none().then_some(version)
    }

    /// The largest impact going from `self` to `new` allows, as Cargo reads
    /// versions (below 1.0 the minor number is the major one); `None` when
    /// the version did not rise.
    pub fn allows(self, new: Version) -> Option<Impact> {
        if new <= self {
            return None;
        }
        let Version(a, b, _) = self;
        let Version(x, y, _) = new;
        Some(if x > a || (a == 0 && (y > b || (b == 0 && x == 0))) {
            Impact::Major
        } else if y > b || a == 0 {
            Impact::Minor
        } else {
            Impact::Patch
        })
    }
}

/// Adds `version-not-bumped` when `needed` exceeds what going from `old` to
/// `new` allows. `what` names the version ("crate version", "API `x`").
pub fn check_bump(
    out: &mut Findings,
    what: &str,
    (old, new): (&str, &str),
    needed: Option<Impact>,
    at: (Option<Location>, Option<Location>),
) {
    let (Some(needed), Some(from), Some(to)) = (needed, Version::parse(old), Version::parse(new))
    else {
        return;
    };
    let allowed = from.allows(to);
    if allowed.is_some_and(|a| a >= needed) {
        return;
    }
    let bump = allowed.map_or("no bump".to_string(), |a| format!("a {a} bump"));
    out.push(
        "version-not-bumped",
        Direction::Both,
        at.0,
        at.1,
        format!("{what}: {old} → {new} is {bump}, but the changes need a {needed} bump"),
    );
    if let Some(last) = out.0.last_mut() {
        last.impact = needed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_bumps_follow_cargo() {
        assert_eq!(Version::parse("v1.2.3"), Some(Version(1, 2, 3)));
        assert_eq!(Version::parse("1.2.3-beta.1"), Some(Version(1, 2, 3)));
        assert_eq!(Version::parse("v1"), None);
        assert_eq!(Version::parse("bleed"), None);
        let v = |s| Version::parse(s).unwrap();
        assert_eq!(v("1.2.3").allows(v("2.0.0")), Some(Impact::Major));
        assert_eq!(v("1.2.3").allows(v("1.3.0")), Some(Impact::Minor));
        assert_eq!(v("1.2.3").allows(v("1.2.4")), Some(Impact::Patch));
        assert_eq!(v("0.2.3").allows(v("0.3.0")), Some(Impact::Major));
        assert_eq!(v("0.2.3").allows(v("0.2.4")), Some(Impact::Minor));
        assert_eq!(v("1.2.3").allows(v("1.2.3")), None);
    }

    #[test]
    fn overrides_name_their_mistakes() {
        let path = Path::new("hostapi.yaml");
        let ok = Overrides::parse(path, "diff:\n  severities:\n    enum-value-added: off\n");
        assert_eq!(ok.unwrap().0.get("enum-value-added"), Some(&None));
        let typo = Overrides::parse(path, "diff:\n  severities:\n    enum-value-add: info\n");
        assert!(
            typo.unwrap_err()
                .contains("did you mean `enum-value-added`")
        );
        let level = Overrides::parse(path, "diff:\n  severities:\n    api-added: loud\n");
        assert!(level.unwrap_err().contains("`loud` is not a level"));
    }
}
