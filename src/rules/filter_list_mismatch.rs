use super::{ModuleFinding, Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::model::outbound::{Module, ModulePlace, UserKind};
use crate::model::terraform::ResourceKind;
use crate::pointer::{self, Part};

declare_rule! {
    /// ## What it does
    /// Reports a campaign (or messaging campaign) that names, in `contact_list_filter_ids`, a
    /// filter whose `contact_list_id` is another list than the campaign's: on the filter's entry,
    /// with a label at the filter's `contact_list_id`. A filter of a list template is not judged.
    /// The filter's predicates are judged against its own list only (`column-not-in-list`), not
    /// against the campaign's: one mistake, one finding.
    ///
    /// ## Why it matters
    /// A filter's predicates name the columns of its own list; on another list they match
    /// nothing, or the wrong contacts, and Genesys Cloud accepts the pairing without an error.
    ///
    /// ## Example
    /// ```tf on-disk files
    /// --- main.tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name         = "Sales"
    ///   column_names = ["Cell"]
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// resource "genesyscloud_outbound_contact_list" "support" {
    ///   name         = "Support"
    ///   column_names = ["Cell"]
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// resource "genesyscloud_outbound_contactlistfilter" "north" {
    ///   contact_list_id = genesyscloud_outbound_contact_list.support.id
    /// }
    /// resource "genesyscloud_outbound_campaign" "sales" {
    ///   contact_list_id         = genesyscloud_outbound_contact_list.sales.id
    ///   contact_list_filter_ids = [genesyscloud_outbound_contactlistfilter.north.id]
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```tf on-disk files
    /// --- main.tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name         = "Sales"
    ///   column_names = ["Cell"]
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// resource "genesyscloud_outbound_contactlistfilter" "north" {
    ///   contact_list_id = genesyscloud_outbound_contact_list.sales.id
    /// }
    /// resource "genesyscloud_outbound_campaign" "sales" {
    ///   contact_list_id         = genesyscloud_outbound_contact_list.sales.id
    ///   contact_list_filter_ids = [genesyscloud_outbound_contactlistfilter.north.id]
    /// }
    /// ```
    FilterListMismatch {
        id: "filter-list-mismatch",
        severity: Warning,
        profiles: TERRAFORM,
        summary: "A campaign's filter belongs to another contact list",
    }
}

impl Rule for FilterListMismatch {
    fn check_module(&self, module: &Module, out: &mut Vec<ModuleFinding>) {
        for (file, campaign) in module.users() {
            let Some((_, list)) = module.own_list(campaign) else {
                continue;
            };
            let filters = campaign
                .links
                .iter()
                .filter(|(_, kind)| *kind == UserKind::ContactListFilter);
            for (named, kind) in filters {
                let found = named.reference.as_ref().and_then(|r| module.user(r, *kind));
                let Some((filter_file, filter)) = found else {
                    continue;
                };
                let Some(filter_list) = filter.lists.first() else {
                    continue;
                };
                let Some((_, other)) = filter_list.reference.as_ref().and_then(|r| module.list(r))
                else {
                    continue;
                };
                if std::ptr::eq(other, list) || other.kind == ResourceKind::Template {
                    continue;
                }
                let place = ModulePlace {
                    file,
                    pointer: format!("{}{}", campaign.base, named.pointer),
                    part: Part::Value,
                };
                let filter_at = ModulePlace {
                    file: filter_file,
                    pointer: pointer::child(&filter.base, "contact_list_id"),
                    part: Part::Value,
                };
                let message = format!(
                    "{} filters {}, but its list is {}",
                    filter.address, other.address, list.address
                );
                let finding = Finding::at(&Self::META, place, message)
                    .label_at(filter_at, "the filter's list")
                    .help("name a filter of the campaign's own list");
                out.push(finding);
            }
        }
    }
}
