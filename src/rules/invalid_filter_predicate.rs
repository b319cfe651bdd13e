use serde_json::Value;

use super::too_many_entries::predicate_pointers;
use super::{ModuleFinding, Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::model::outbound::{Module, ModulePlace, UserKind, entries};
use crate::pointer::{self, Part};

declare_rule! {
    /// ## What it does
    /// Reports a contact-list filter predicate whose `operator` cannot work with what the
    /// predicate gives it: `BETWEEN` or `IN` without `var_range`; `BETWEEN` without `min` or
    /// `max`; `IN` without `in_set`; with `column_type = "numeric"`, a `min` not less than `max`,
    /// or `CONTAINS`, `BEGINS_WITH` or `ENDS_WITH`; `BEFORE` or `AFTER` with a `value` that is
    /// not a relative time (`P01DT08H30M`: days, hours and minutes, each a possibly negative
    /// integer). Values the file does not fix are not judged.
    ///
    /// ## Why it matters
    /// The provider's schema says `var_range` is "required for operators BETWEEN and IN", `min`
    /// and `max` "for the operator BETWEEN", `in_set` "for the IN operator", but enforces none
    /// of it, and the Help Center: "Minimum must be less than the maximum". Such a filter
    /// matches nothing, or is refused when the campaign starts.
    ///
    /// ## Example
    /// ```tf on-disk files
    /// --- main.tf
    /// resource "genesyscloud_outbound_contactlistfilter" "young" {
    ///   contact_list_id = "00000000-0000-0000-0000-000000000001"
    ///   clauses {
    ///     predicates {
    ///       column      = "Age"
    ///       column_type = "numeric"
    ///       operator    = "BETWEEN"
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```tf on-disk files
    /// --- main.tf
    /// resource "genesyscloud_outbound_contactlistfilter" "young" {
    ///   contact_list_id = "00000000-0000-0000-0000-000000000001"
    ///   clauses {
    ///     predicates {
    ///       column      = "Age"
    ///       column_type = "numeric"
    ///       operator    = "BETWEEN"
    ///       var_range {
    ///         min = "18"
    ///         max = "30"
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    InvalidFilterPredicate {
        id: "invalid-filter-predicate",
        severity: Error,
        profiles: TERRAFORM,
        summary: "A filter predicate whose operator lacks what it needs",
    }
}

impl Rule for InvalidFilterPredicate {
    fn check_module(&self, module: &Module, out: &mut Vec<ModuleFinding>) {
        let filters = module
            .users()
            .filter(|(_, user)| user.kind == UserKind::ContactListFilter);
        for (file, filter) in filters {
            let clauses = filter.settings.get("clauses");
            let mut written = serde_json::Map::new();
            written.insert("clauses".into(), clauses.cloned().unwrap_or_default());
            let written = Value::Object(written);
            for relative in predicate_pointers(clauses) {
                let Some(predicate) =
                    pointer::resolve(&written, &relative).and_then(Value::as_object)
                else {
                    continue;
                };
                let Some((message, help)) = problem(predicate) else {
                    continue;
                };
                let place = ModulePlace {
                    file,
                    pointer: pointer::child(&format!("{}{relative}", filter.base), "operator"),
                    part: Part::Value,
                };
                out.push(Finding::at(&Self::META, place, message).help(help));
            }
        }
    }
}

/// What is wrong with a predicate, and how to mend it; `None` when nothing is, or when what
/// would be judged is not fixed by the file.
fn problem(predicate: &serde_json::Map<String, Value>) -> Option<(String, &'static str)> {
    let text = |name: &str| predicate.get(name).and_then(Value::as_str);
    let operator = text("operator")?;
    let numeric = text("column_type") == Some("numeric");
    let range = match predicate.get("var_range") {
        None => None,
        Some(Value::Null) => return None,
        Some(range) => Some(entries(Some(range)).first()?.1.as_object()?.clone()),
    };
    // A bound written as a variable is there, only unknown.
    let has = |name: &str| range.as_ref().is_some_and(|r| r.contains_key(name));
    match operator {
        "BETWEEN" | "IN" if range.is_none() => Some((
            format!("{operator} needs a `var_range` block"),
            "add `var_range { ... }` with the range or the set of values",
        )),
        "BETWEEN" if !(has("min") && has("max")) => Some((
            "BETWEEN needs both `min` and `max` in `var_range`".into(),
            "give the range's two ends",
        )),
        "IN" if !has("in_set") => Some((
            "IN needs `in_set` in `var_range`".into(),
            "list the values in `in_set`",
        )),
        "BETWEEN" if numeric => {
            let bound = |name: &str| {
                let range = range.as_ref()?;
                let value = range.get(name)?;
                value
                    .as_f64()
                    .or_else(|| value.as_str()?.trim().parse().ok())
            };
            let (min, max) = (bound("min")?, bound("max")?);
            (min >= max).then(|| {
                let message = format!("`min` ({min}) is not less than `max` ({max})");
                (message, "the minimum must be less than the maximum")
            })
        }
        "CONTAINS" | "BEGINS_WITH" | "ENDS_WITH" if numeric => Some((
            format!("{operator} compares text, but the column is numeric"),
            "use `column_type = \"alphabetic\"`, or a numeric operator",
        )),
        "BEFORE" | "AFTER" => {
            let value = predicate.get("value")?.as_str()?;
            (!is_relative_time(value)).then(|| {
                let message = format!("\"{value}\" is not a relative time for {operator}");
                (
                    message,
                    "write days, hours and minutes: P01DT08H30M (P-1DT-0H-0M before)",
                )
            })
        }
        _ => None,
    }
}

/// `P`, days, `DT`, hours, `H`, minutes, `M`, each an integer of one or more digits with an
/// optional `-`.
fn is_relative_time(value: &str) -> bool {
    let number = |text: &str| {
        let digits = text.strip_prefix('-').unwrap_or(text);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    let Some(rest) = value.strip_prefix('P') else {
        return false;
    };
    let Some((days, rest)) = rest.split_once("DT") else {
        return false;
    };
    let Some((hours, rest)) = rest.split_once('H') else {
        return false;
    };
    let Some(minutes) = rest.strip_suffix('M') else {
        return false;
    };
    number(days) && number(hours) && number(minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_times_are_days_hours_and_minutes() {
        for good in ["P01DT08H30M", "P-1DT-0H-0M", "P0DT0H0M"] {
            assert!(is_relative_time(good), "{good}");
        }
        for bad in [
            "P1D",
            "2024-01-01",
            "PDT8H30M",
            "P1DT8H30",
            "P1DT8.5H30M",
            "",
        ] {
            assert!(!is_relative_time(bad), "{bad}");
        }
    }
}
