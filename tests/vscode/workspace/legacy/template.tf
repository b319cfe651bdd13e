resource "genesyscloud_outbound_contact_list_template" "legacy" {
  name         = "Legacy"
  column_names = ["Cell", "Zone"]
  phone_columns {
    column_name          = "Cell"
    type                 = "cell"
    callable_time_column = "Zone"
  }
}
