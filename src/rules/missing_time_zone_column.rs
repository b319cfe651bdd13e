use super::{ModuleFinding, Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::model::outbound::{Module, ModulePlace, UserKind};
use crate::pointer::{self, Part};

declare_rule! {
    /// ## What it does
    /// Reports a (voice) campaign with a `callable_time_set_id` whose list does not set
    /// `automatic_time_zone_mapping = true` and has a phone column without a time-zone column
    /// (`callable_time_column_name`, or the deprecated `callable_time_column`): on
    /// `callable_time_set_id`, with a label at that phone column.
    ///
    /// ## Why it matters
    /// The Help Center: "If you restrict dialing to specific times, each phone column in the
    /// contact list must have a corresponding time zone column." Without one, the callable
    /// times cannot be applied to that column's numbers.
    ///
    /// ## Example
    /// ```tf on-disk files
    /// --- main.tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name         = "Sales"
    ///   column_names = ["Cell", "Zone"]
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// resource "genesyscloud_outbound_campaign" "sales" {
    ///   contact_list_id      = genesyscloud_outbound_contact_list.sales.id
    ///   callable_time_set_id = "00000000-0000-0000-0000-000000000001"
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```tf on-disk files
    /// --- main.tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name         = "Sales"
    ///   column_names = ["Cell", "Zone"]
    ///   phone_columns {
    ///     column_name               = "Cell"
    ///     type                      = "cell"
    ///     callable_time_column_name = "Zone"
    ///   }
    /// }
    /// resource "genesyscloud_outbound_campaign" "sales" {
    ///   contact_list_id      = genesyscloud_outbound_contact_list.sales.id
    ///   callable_time_set_id = "00000000-0000-0000-0000-000000000001"
    /// }
    /// ```
    MissingTimeZoneColumn {
        id: "missing-time-zone-column",
        severity: Warning,
        profiles: TERRAFORM,
        summary: "Callable times on a list whose phone column has no time-zone column",
    }
}

impl Rule for MissingTimeZoneColumn {
    fn check_module(&self, module: &Module, out: &mut Vec<ModuleFinding>) {
        let timed = module.users().filter(|(_, user)| {
            user.kind == UserKind::Campaign && user.settings.contains_key("callable_time_set_id")
        });
        for (file, campaign) in timed {
            let Some((list_file, list)) = module.own_list(campaign) else {
                continue;
            };
            let (Some(false), Some((column, at))) = (list.time_zone_mapping, &list.untimed_phone)
            else {
                continue;
            };
            let place = ModulePlace {
                file,
                pointer: pointer::child(&campaign.base, "callable_time_set_id"),
                part: Part::Value,
            };
            let label = ModulePlace {
                file: list_file,
                pointer: at.clone(),
                part: Part::Value,
            };
            let message = format!(
                "callable times need a time-zone column for each phone column, but \"{column}\" \
                 of {} has none",
                list.address
            );
            let help = "set `callable_time_column_name` on the phone column, or \
                        `automatic_time_zone_mapping = true` on the list";
            out.push(
                Finding::at(&Self::META, place, message)
                    .label_at(label, "this phone column has no time-zone column")
                    .help(help),
            );
        }
    }
}
