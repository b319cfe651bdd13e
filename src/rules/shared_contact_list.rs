use super::{ModuleFinding, Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::model::outbound::{ListFact, Module, ModulePlace, UserKind};
use crate::pointer::{self, Part};

declare_rule! {
    /// ## What it does
    /// Reports campaigns that are on (`campaign_status = "on"`) with the same contact list: on
    /// the `campaign_status` of each after the first (in path, then file order), with a label at
    /// the first.
    ///
    /// ## Why it matters
    /// The Help Center: "campaigns cannot run with the same contact list at the same time". The
    /// second campaign does not start, or stops the first, when the configuration is applied.
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
    /// resource "genesyscloud_outbound_campaign" "morning" {
    ///   contact_list_id = genesyscloud_outbound_contact_list.sales.id
    ///   campaign_status = "on"
    /// }
    /// resource "genesyscloud_outbound_campaign" "evening" {
    ///   contact_list_id = genesyscloud_outbound_contact_list.sales.id
    ///   campaign_status = "on"
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
    /// resource "genesyscloud_outbound_campaign" "morning" {
    ///   contact_list_id = genesyscloud_outbound_contact_list.sales.id
    ///   campaign_status = "on"
    /// }
    /// resource "genesyscloud_outbound_campaign" "evening" {
    ///   contact_list_id = genesyscloud_outbound_contact_list.sales.id
    ///   campaign_status = "off"
    /// }
    /// ```
    SharedContactList {
        id: "shared-contact-list",
        severity: Warning,
        profiles: TERRAFORM,
        summary: "Two campaigns that are on use the same contact list",
    }
}

impl Rule for SharedContactList {
    fn check_module(&self, module: &Module, out: &mut Vec<ModuleFinding>) {
        let mut first: Vec<(&ListFact, ModulePlace, &str)> = Vec::new();
        let campaigns = module.users().filter(|(_, user)| {
            matches!(user.kind, UserKind::Campaign | UserKind::MessagingCampaign)
                && user
                    .settings
                    .get("campaign_status")
                    .and_then(|s| s.as_str())
                    == Some("on")
        });
        for (file, campaign) in campaigns {
            let Some((_, list)) = module.own_list(campaign) else {
                continue;
            };
            let place = ModulePlace {
                file,
                pointer: pointer::child(&campaign.base, "campaign_status"),
                part: Part::Value,
            };
            match first.iter().find(|(seen, _, _)| std::ptr::eq(*seen, list)) {
                None => first.push((list, place, &campaign.address)),
                Some((_, earlier, name)) => {
                    let message = format!(
                        "{} and {name} are both on with {}; campaigns cannot run with the same \
                         contact list at the same time",
                        campaign.address, list.address
                    );
                    let finding = Finding::at(&Self::META, place, message)
                        .label_at(earlier.clone(), "also on with this list")
                        .help("turn one of them off, or give it a list of its own");
                    out.push(finding);
                }
            }
        }
    }
}
