use super::{Context, Rule, TERRAFORM};
use crate::diagnostic::Finding;
use crate::pointer::{Part, child};

declare_rule! {
    /// ## What it does
    /// Reports `contacts_filepath` without `contacts_id_name`, or the reverse: the provider
    /// uploads a CSV of contacts only with both, the file and the column that identifies each
    /// contact.
    ///
    /// ## Why it matters
    /// The provider declares each `RequiredWith` the other, so `terraform plan` fails; with
    /// neither, no contacts are uploaded at all.
    ///
    /// ## Example
    /// ```tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name              = "Sales"
    ///   column_names      = ["Id", "Cell"]
    ///   contacts_filepath = "contacts/sales.csv"
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name              = "Sales"
    ///   column_names      = ["Id", "Cell"]
    ///   contacts_filepath = "contacts/sales.csv"
    ///   contacts_id_name  = "Id"
    ///   phone_columns {
    ///     column_name = "Cell"
    ///     type        = "cell"
    ///   }
    /// }
    /// ```
    IncompleteContactsUpload {
        id: "incomplete-contacts-upload",
        severity: Error,
        profiles: TERRAFORM,
        summary: "contacts_filepath and contacts_id_name must be set together",
    }
}

const FILE_PATH: &str = "contacts_filepath";
const ID_NAME: &str = "contacts_id_name";

impl Rule for IncompleteContactsUpload {
    fn check_list(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(resource) = cx.list.resource else {
            return;
        };
        let set = |name: &str| resource.written.contains_key(name);
        let (given, missing, help) = match (set(FILE_PATH), set(ID_NAME)) {
            (true, false) => (
                FILE_PATH,
                ID_NAME,
                "add `contacts_id_name`: the CSV column that identifies each contact",
            ),
            (false, true) => (
                ID_NAME,
                FILE_PATH,
                "add `contacts_filepath`: the CSV of contacts to upload, or remove this line",
            ),
            _ => return,
        };
        let message = format!("`{given}` is set without `{missing}`; the provider needs both");
        out.push(Finding::new(&Self::META, child("", given), Part::Key, message).help(help));
    }
}
