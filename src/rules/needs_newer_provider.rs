use super::{ResourceContext, Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::model::provider::{Choice, Standing, Version};
use crate::pointer::Part;

declare_rule! {
    /// ## What it does
    /// Reports a resource type, attribute, block or value that the provider version the
    /// configuration runs with does not have yet: `contacts_filepath` with provider 1.55.0 (it
    /// came in 1.58.0). The version is the one `terraform init` would use: the lock file's,
    /// else the newest that `required_providers` allows (see `--show-settings`).
    ///
    /// Only the outermost missing item is reported: a block the version lacks is one finding,
    /// not one per attribute inside it.
    ///
    /// ## Why it matters
    /// `terraform plan` stops with "An argument named ... is not expected here" (or "Invalid
    /// resource type"): the configuration was written for a newer provider than it runs with.
    ///
    /// ## Example
    /// With provider 1.55.0 selected (a lock file, say):
    /// ```tf provider:1.55.0
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name              = "Sales"
    ///   column_names      = ["Cell"]
    ///   contacts_filepath = "sales.csv"
    ///   contacts_id_name  = "Cell"
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// ```
    ///
    /// Use instead (or require provider 1.58.0 or newer and run `terraform init -upgrade`):
    /// ```tf provider:1.55.0
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name         = "Sales"
    ///   column_names = ["Cell"]
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// ```
    NeedsNewerProvider {
        id: "needs-newer-provider",
        severity: Error,
        profiles: TERRAFORM,
        summary: "Something the selected provider version does not have yet",
    }
}

impl Rule for NeedsNewerProvider {
    fn check_resource(&self, cx: &ResourceContext, out: &mut Vec<Finding>) {
        let provider = cx.provider;
        if let Standing::NotYet(since) = cx.judged.type_standing {
            let what = format!("`{}`", cx.declared.type_name);
            out.push(self.finding(cx.type_label(), Part::Key, &what, since, provider));
            return;
        }
        let version = cx.provider.version;
        for item in &cx.judged.items {
            if let Standing::NotYet(since) = item.standing {
                let what = format!("`{}`", item.name);
                let at = cx.pointer(cx.judged.pointer(item));
                out.push(self.finding(at, Part::Key, &what, since, provider));
                continue;
            }
            let (Some(node), Some(value)) = (item.node, item.value.as_str()) else {
                continue;
            };
            let Some(known) = node.values().find(|known| known.name() == value) else {
                continue;
            };
            if known.allowed_in(version) || !cx.declared.fixes(cx.judged.pointer(item)) {
                continue;
            }
            if let Some(since) = known.next_since(version) {
                let what = format!("\"{value}\" in `{}`", item.name);
                let at = cx.pointer(cx.judged.pointer(item));
                out.push(self.finding(at, Part::Value, &what, since, provider));
            }
        }
    }
}

impl NeedsNewerProvider {
    fn finding(
        &self,
        at: String,
        part: Part,
        what: &str,
        since: Version,
        provider: &Choice,
    ) -> Finding {
        let message = format!(
            "{what} needs provider {since} or newer; {}",
            provider.selects()
        );
        Finding::new(&Self::META, at, part, message).help(provider.upgrade_help(since))
    }
}
