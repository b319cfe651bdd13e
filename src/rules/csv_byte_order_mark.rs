use super::CONTACT_FILES;
use super::contact_file::{ContactFinding, ContactFindings, ContactRule, Header};

declare_rule! {
    /// ## What it does
    /// Reports a UTF-8 byte-order mark at the start of a contact file that a Terraform
    /// resource uploads (`contacts_filepath`) when its first header is one of the list's
    /// `column_names`, at that header. A mark before any other first header (the id column,
    /// as Genesys's own exports write it) is fine, and so is a mark in a file imported any
    /// other way.
    ///
    /// ## Why it matters
    /// The Genesys Cloud provider checks the file at plan time
    /// (`validators.ValidateCSVWithColumns`, with Go's `encoding/csv`, which keeps the mark):
    /// the first header then reads `\uFEFFid`, matches none of `column_names`, and the plan
    /// fails with the first column reported missing. Excel's "CSV UTF-8" writes the mark. The
    /// check looks for `column_names` only: a first header that is not one of them (the
    /// `contacts_id_name` column) loses nothing, and the import itself removes the mark.
    ///
    /// ## Example
    /// The CSV below starts with a byte-order mark.
    /// ```tf on-disk files bom
    /// --- main.tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name              = "Sales"
    ///   column_names      = ["id", "phone"]
    ///   contacts_filepath = "contacts.csv"
    ///   contacts_id_name  = "id"
    ///   phone_columns {
    ///     column_name = "phone"
    ///     type        = "cell"
    ///   }
    /// }
    /// --- contacts.csv
    /// id,phone
    /// 1,3175550100
    /// ```
    ///
    /// Use instead: the same file saved as UTF-8 without a byte-order mark.
    /// ```tf on-disk files
    /// --- main.tf
    /// resource "genesyscloud_outbound_contact_list" "sales" {
    ///   name              = "Sales"
    ///   column_names      = ["id", "phone"]
    ///   contacts_filepath = "contacts.csv"
    ///   contacts_id_name  = "id"
    ///   phone_columns {
    ///     column_name = "phone"
    ///     type        = "cell"
    ///   }
    /// }
    /// --- contacts.csv
    /// id,phone
    /// 1,3175550100
    /// ```
    CsvByteOrderMark {
        id: "csv-byte-order-mark",
        severity: Error,
        profiles: CONTACT_FILES,
        summary: "A byte-order mark in a CSV the Terraform provider uploads",
    }
}

contact_rule!(CsvByteOrderMark);

impl ContactRule for CsvByteOrderMark {
    fn check_header(&self, header: &Header, out: &mut ContactFindings) {
        let Some(target) = header.target.filter(|t| t.uploaded_by_provider) else {
            return;
        };
        let (Some(first), Some(name)) = (header.record.fields.first(), header.names.first()) else {
            return;
        };
        // Only a first header the provider looks for is lost to the mark; unknown columns
        // answer nothing.
        let looked_for = target.columns.as_ref().is_some_and(|c| c.contains(name));
        if !header.byte_order_mark || !looked_for {
            return;
        }
        out.add(&Self::META, None, |rule| {
            ContactFinding::at(
                rule,
                header.record.show_field(first),
                format!(
                    "the file starts with a UTF-8 byte-order mark: the Terraform provider's \
                    plan-time check keeps it, reads the first header as \"\\uFEFF{name}\" and \
                    reports \"{name}\" missing"
                ),
            )
            .help(
                "save the file as UTF-8 without a byte-order mark (Excel's \"CSV UTF-8\" \
                writes one; in VS Code: \"Save with Encoding\", UTF-8)",
            )
        });
    }
}
