resource "genesyscloud_outbound_campaign" "renewals" {
  name            = "Renewals"
  dialing_mode    = "preview"
  contact_list_id = genesyscloud_outbound_contact_list.renewals.id
  skill_columns   = ["Language"]
  phone_columns {
    column_name = "Cell"
  }
}
