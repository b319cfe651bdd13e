use foldhash::HashSet;

use super::{ModuleFinding, Rule, TERRAFORM};
use crate::diagnostic::{Applicability, Content, Finding, FindingFix, Target, TargetEdit};
use crate::model::outbound::{Module, ModulePlace};
use crate::model::terraform::OUTBOUND_PREFIX;
use crate::pointer::Part;
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Reports a reference to an outbound resource (`genesyscloud_outbound_contact_list.NAME.id`,
    /// a campaign's rule set, filter or DNC list) whose NAME the module does not declare, while
    /// it declares other resources of that type: a typo in the label, with the name it most
    /// likely means and an unsafe fix that writes it. A module that declares no resource of
    /// that type (an example snippet, a module given its list by its caller) is left alone.
    ///
    /// ## Why it matters
    /// `terraform plan` refuses it ("Reference to undeclared resource"), and until then every
    /// check behind the reference is silent: the columns of a campaign whose list is misnamed are
    /// judged against nothing. The provider's own examples carried such a mismatch for three
    /// years, and it hid six column faults.
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
    ///
    /// resource "genesyscloud_outbound_campaign" "sales" {
    ///   name            = "Sales"
    ///   contact_list_id = genesyscloud_outbound_contact_list.sale.id
    ///   dialing_mode    = "preview"
    ///   phone_columns {
    ///     column_name = "Cell"
    ///   }
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
    ///
    /// resource "genesyscloud_outbound_campaign" "sales" {
    ///   name            = "Sales"
    ///   contact_list_id = genesyscloud_outbound_contact_list.sales.id
    ///   dialing_mode    = "preview"
    ///   phone_columns {
    ///     column_name = "Cell"
    ///   }
    /// }
    /// ```
    UndeclaredResource {
        id: "undeclared-resource",
        severity: Error,
        profiles: TERRAFORM,
        summary: "A reference to an outbound resource the module does not declare",
    }
}

impl Rule for UndeclaredResource {
    fn check_module(&self, module: &Module, out: &mut Vec<ModuleFinding>) {
        let declared = module.declared_addresses();
        // An export declares thousands: each reference is a lookup, and only a miss lists the
        // names of its type.
        let addresses: HashSet<(&str, &str)> = declared
            .iter()
            .filter_map(|address| address.split_once('.'))
            .collect();
        let types: HashSet<&str> = addresses.iter().map(|&(type_name, _)| type_name).collect();
        for (file, user) in module.users() {
            let links = user.links.iter().map(|(named, _)| named);
            for named in user.lists.iter().chain(links) {
                let Some(reference) = &named.reference else {
                    continue;
                };
                let [type_name, name, _] = reference.0.as_slice() else {
                    continue;
                };
                let known = addresses.contains(&(type_name.as_str(), name.as_str()));
                if !type_name.starts_with(OUTBOUND_PREFIX)
                    || known
                    || !types.contains(type_name.as_str())
                {
                    continue;
                }
                let prefix = format!("{type_name}.");
                let same_type: Vec<&str> = declared
                    .iter()
                    .filter_map(|address| address.strip_prefix(prefix.as_str()))
                    .collect();
                let place = ModulePlace {
                    file,
                    pointer: format!("{}{}", user.base, named.pointer),
                    part: Part::Value,
                };
                let message = format!(
                    "`{type_name}.{name}` is not declared in this module: `terraform plan` \
                     refuses the reference"
                );
                let finding = Finding::at(&Self::META, place.clone(), message);
                let finding = match did_you_mean(name, &same_type, &[]) {
                    Some(meant) => {
                        let mut meant_reference = reference.0.clone();
                        meant_reference[1] = meant.to_owned();
                        let target = Target {
                            pointer: place.pointer,
                            part: place.part,
                        };
                        let fix = FindingFix {
                            edits: vec![TargetEdit {
                                target,
                                content: Content::Reference(meant_reference),
                            }],
                            applicability: Applicability::Unsafe,
                        };
                        let mut finding =
                            finding.help(format!("did you mean `{type_name}.{meant}`?"));
                        finding.fix = Some(fix);
                        finding
                    }
                    None => finding.help(format!(
                        "the module declares {}",
                        names(type_name, &same_type)
                    )),
                };
                out.push(finding);
            }
        }
    }
}

/// The addresses a help line names: `genesyscloud_outbound_contact_list.a, ….b`.
fn names(type_name: &str, names: &[&str]) -> String {
    let addresses: Vec<String> = names.iter().map(|n| format!("`{type_name}.{n}`")).collect();
    addresses.join(", ")
}
