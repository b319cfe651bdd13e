resource "genesyscloud_outbound_contact_list" "renewals" {
  name              = "Renewals"
  column_names      = ["id", "Cell", "Region"]
  contacts_filepath = "contacts.csv"
  contacts_id_name  = "id"
  phone_columns {
    column_name = "Cell"
    type        = "cell"
  }
}
