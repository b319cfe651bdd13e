//! Terraform's version constraints (`required_providers { genesyscloud = { version = "~> 1.55" } }`):
//! comma-separated conditions, each an operator (`=`, `!=`, `>`, `>=`, `<`, `<=`, `~>`, or none
//! for `=`) and a version of one to three numbers (`1.55` is `1.55.0`). `~>` allows only the
//! rightmost number written to grow: `~> 1.55` is `>= 1.55.0, < 2.0.0`, `~> 1.55.0` is
//! `>= 1.55.0, < 1.56.0`.

use std::fmt;

use super::Version;

/// One condition of a constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Condition {
    Equal(Version),
    NotEqual(Version),
    Greater(Version),
    GreaterOrEqual(Version),
    Less(Version),
    LessOrEqual(Version),
    /// `~>`: at least the version, below the upper bound.
    Pessimistic(Version, Version),
}

impl Condition {
    fn allows(self, v: Version) -> bool {
        match self {
            Condition::Equal(x) => v == x,
            Condition::NotEqual(x) => v != x,
            Condition::Greater(x) => v > x,
            Condition::GreaterOrEqual(x) => v >= x,
            Condition::Less(x) => v < x,
            Condition::LessOrEqual(x) => v <= x,
            Condition::Pessimistic(low, high) => low <= v && v < high,
        }
    }
}

/// A version constraint as written, and what it allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constraint {
    conditions: Vec<Condition>,
}

/// A constraint that does not parse, with the part that does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstraintError {
    pub part: String,
}

impl fmt::Display for ConstraintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not a version condition", self.part)
    }
}

impl std::error::Error for ConstraintError {}

impl Constraint {
    pub fn parse(text: &str) -> Result<Constraint, ConstraintError> {
        let conditions = text
            .split(',')
            .map(|part| {
                condition(part.trim()).ok_or_else(|| ConstraintError {
                    part: part.trim().to_owned(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Constraint { conditions })
    }

    pub fn allows(&self, version: Version) -> bool {
        self.conditions.iter().all(|c| c.allows(version))
    }

    /// The newest release of the table that every constraint allows, as `terraform init` picks
    /// without a lock file.
    pub fn newest_allowed<'c>(
        constraints: impl IntoIterator<Item = &'c Constraint> + Clone,
    ) -> Option<Version> {
        Version::releases()
            .rev()
            .find(|v| constraints.clone().into_iter().all(|c| c.allows(*v)))
    }
}

/// One condition: an operator and a version of one to three numbers.
fn condition(part: &str) -> Option<Condition> {
    let operators = ["~>", ">=", "<=", "!=", ">", "<", "="];
    let (operator, rest) = operators
        .iter()
        .find_map(|op| Some((*op, part.strip_prefix(op)?)))
        .unwrap_or(("=", part));
    let numbers: Vec<u32> = rest
        .trim()
        .strip_prefix('v')
        .unwrap_or(rest.trim())
        .split('.')
        .map(
            |n| match !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
                true => n.parse().ok(),
                false => None,
            },
        )
        .collect::<Option<_>>()?;
    if numbers.is_empty() || numbers.len() > 3 || numbers.iter().any(|n| *n >= 1024) {
        return None;
    }
    let at = |i: usize| numbers.get(i).copied().unwrap_or(0);
    let version = Version::new(at(0), at(1), at(2));
    Some(match operator {
        "~>" => {
            // The rightmost number written may grow; the one before it may not.
            let upper = match numbers.len() {
                1 | 2 => Version::new(at(0) + 1, 0, 0),
                _ => Version::new(at(0), at(1) + 1, 0),
            };
            Condition::Pessimistic(version, upper)
        }
        ">=" => Condition::GreaterOrEqual(version),
        "<=" => Condition::LessOrEqual(version),
        "!=" => Condition::NotEqual(version),
        ">" => Condition::Greater(version),
        "<" => Condition::Less(version),
        _ => Condition::Equal(version),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(constraint: &str, version: &str) -> bool {
        Constraint::parse(constraint)
            .unwrap()
            .allows(Version::parse(version).unwrap())
    }

    #[test]
    fn every_operator() {
        assert!(allows("1.55.0", "1.55.0") && !allows("1.55.0", "1.55.1"));
        assert!(allows("= 1.55", "1.55.0"));
        assert!(!allows("!= 1.55.0", "1.55.0") && allows("!=1.55.0", "1.55.1"));
        assert!(allows("> 1.55.0", "1.55.1") && !allows(">1.55.0", "1.55.0"));
        assert!(allows(">= 1.6.0", "1.6.0") && !allows(">= 1.6.0", "1.5.9"));
        assert!(allows("< 1.60", "1.59.9") && !allows("< 1.60", "1.60.0"));
        assert!(allows("<= 1.60", "1.60.0") && !allows("<= 1.60", "1.60.1"));
        assert!(allows(">= 1.50, < 1.60", "1.55.0") && !allows(">= 1.50, < 1.60", "1.61.0"));
    }

    #[test]
    fn the_pessimistic_operator_lets_only_the_rightmost_number_grow() {
        assert!(allows("~> 1.55", "1.84.1") && !allows("~> 1.55", "1.54.9"));
        assert!(!allows("~> 1.55", "2.0.0"));
        assert!(allows("~> 1.55.0", "1.55.7") && !allows("~> 1.55.0", "1.56.0"));
        assert!(allows("~> 1.0", "1.84.1"));
        assert!(allows("~> 1", "1.2.3") && !allows("~> 1", "2.0.0"));
    }

    #[test]
    fn what_does_not_parse_is_named() {
        for bad in ["", "~>", "1.2.3.4", "latest", ">= 1.x", "1.55.0-beta"] {
            assert!(Constraint::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Constraint::parse(">= 1.0, nope").unwrap_err().to_string(),
            "\"nope\" is not a version condition"
        );
    }
}
