use super::{ModuleFinding, Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::model::outbound::{Module, ModulePlace, UserKind, entries};
use crate::pointer::{self, Part};

declare_rule! {
    /// ## What it does
    /// Reports more entries than Genesys Cloud takes: more than 4 `contact_sorts` in a campaign
    /// or messaging campaign, more than 1 entry in a (voice) campaign's
    /// `contact_list_filter_ids`, more than 10 predicates in one contact-list filter (all its
    /// clauses together). The finding sits on the first entry beyond the limit.
    ///
    /// ## Why it matters
    /// The provider's schema: `contact_sorts` takes "up to four columns", and "currently a
    /// campaign can only have one filter applied"; the Help Center: "You can add a maximum of
    /// 10 conditions to a contact list filter". The API refuses the rest when the campaign is
    /// created or started.
    ///
    /// ## Example
    /// ```tf on-disk files
    /// --- main.tf
    /// resource "genesyscloud_outbound_campaign" "sales" {
    ///   contact_list_filter_ids = ["00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"]
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```tf on-disk files
    /// --- main.tf
    /// resource "genesyscloud_outbound_campaign" "sales" {
    ///   contact_list_filter_ids = ["00000000-0000-0000-0000-000000000001"]
    /// }
    /// ```
    TooManyEntries {
        id: "too-many-entries",
        severity: Error,
        profiles: TERRAFORM,
        summary: "More sorts, filters or filter predicates than Genesys Cloud takes",
    }
}

/// Genesys Cloud's limits.
const SORTS: usize = 4;
const CAMPAIGN_FILTERS: usize = 1;
const PREDICATES: usize = 10;

impl Rule for TooManyEntries {
    fn check_module(&self, module: &Module, out: &mut Vec<ModuleFinding>) {
        for (file, user) in module.users() {
            let at = |relative: String| ModulePlace {
                file,
                pointer: format!("{}{relative}", user.base),
                part: Part::Value,
            };
            let mut limits: Vec<(&str, usize, &str)> = Vec::new();
            if matches!(user.kind, UserKind::Campaign | UserKind::MessagingCampaign) {
                limits.push((
                    "contact_sorts",
                    SORTS,
                    "a campaign sorts by at most 4 columns",
                ));
            }
            if user.kind == UserKind::Campaign {
                let why = "a campaign applies at most one contact-list filter";
                limits.push(("contact_list_filter_ids", CAMPAIGN_FILTERS, why));
            }
            for (name, limit, why) in limits {
                let count = entries(user.settings.get(name)).len();
                if count > limit {
                    let beyond = pointer::element(&pointer::child("", name), limit);
                    let message = format!("`{name}` has {count} entries; {why}");
                    let help = format!("keep at most {limit}");
                    out.push(Finding::at(&Self::META, at(beyond), message).help(help));
                }
            }
            if user.kind == UserKind::ContactListFilter {
                let predicates = predicate_pointers(user.settings.get("clauses"));
                if let Some(beyond) = predicates.get(PREDICATES) {
                    let count = predicates.len();
                    let message = format!(
                        "the filter has {count} predicates; Genesys Cloud takes at most \
                         {PREDICATES} in one filter"
                    );
                    let help = "split the filter, or combine conditions with IN";
                    out.push(Finding::at(&Self::META, at(beyond.clone()), message).help(help));
                }
            }
        }
    }
}

/// The pointers (relative to the filter) of every predicate of every clause, in order.
pub(super) fn predicate_pointers(clauses: Option<&serde_json::Value>) -> Vec<String> {
    let mut found = Vec::new();
    for (clause, body) in entries(clauses) {
        let clause_at = match clause {
            Some(index) => pointer::element("/clauses", index),
            None => "/clauses".to_owned(),
        };
        for (predicate, _) in entries(body.get("predicates")) {
            let predicates = pointer::child(&clause_at, "predicates");
            found.push(match predicate {
                Some(index) => pointer::element(&predicates, index),
                None => predicates,
            });
        }
    }
    found
}
