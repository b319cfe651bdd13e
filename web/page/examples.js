// The page's examples: each a list as people write it, with mistakes contactlint finds (the
// browser test checks that the page gives exactly what `check` gives for each). The CSV example
// brings a file of contacts too, built in memory: nothing is fetched.

"use strict";

const EXAMPLES = [
  {
    id: "json",
    label: "A JSON request body (API)",
    name: "list.json",
    text: `{
  "name": "Spring renewals",
  "columnNames": ["Id", "Cell", "Home", "Email", "ZIP", "Score"],
  "phoneColumns": [
    {"columnName": "Cell", "type": "cell"},
    {"columnName": "Home", "type": "home", "callableTimeColumnName": "Home"}
  ],
  "emailColumns": [{"columnName": "Email", "type": "work"}],
  "automaticTimeZoneMapping": true,
  "zipCodeColumnName": "Zip",
  "columnDataTypeSpecifications": [
    {"columnName": "Score", "columnDataType": "NUMERIC", "min": 100, "max": 1}
  ],
  "previewModeColumnName": "Priority",
  "previewModeAcceptedValues": ["high"]
}
`,
  },
  {
    id: "toml",
    label: "A TOML list",
    name: "list.toml",
    text: `# A contact list written by hand: its name, type and columns.
name = "Newsletter"
type = "CSV"

[[columns]]
name = "email"
type = "EMAIL"
required = true

[[columns]]
name = "Phone"
type = "PHONE"

[[columns]]
name = "phone "
type = "PHONE"
`,
  },
  {
    id: "terraform",
    label: "A Terraform module with a campaign",
    name: "main.tf",
    text: `# A module with a list and the campaign that dials it.
resource "genesyscloud_outbound_contact_list" "renewals" {
  name            = "Renewals"
  column_names    = ["Id", "Cell", "Home", "Email"]
  trim_whitespace = true
  phone_columns {
    column_name = "Cell"
    type        = "cell"
  }
  phone_columns {
    column_name = "Home"
    type        = "home"
  }
  email_columns {
    column_name = "Email"
    type        = "work"
  }
}

resource "genesyscloud_outbound_campaign" "renewals" {
  name            = "Renewals"
  contact_list_id = genesyscloud_outbound_contact_list.renewals.id
  dialing_mode    = "preview"
  campaign_status = "off"
  phone_columns {
    column_name = "Email"
  }
  phone_columns {
    column_name = "Mobile"
  }
}
`,
  },
  {
    id: "csv",
    label: "A list and a CSV of contacts",
    name: "list.json",
    text: `{
  "name": "Sales",
  "columnNames": ["id", "phone", "email", "name", "score", "notes"],
  "phoneColumns": [{"columnName": "phone", "type": "cell"}],
  "emailColumns": [{"columnName": "email", "type": "work"}],
  "columnDataTypeSpecifications": [
    {"columnName": "score", "columnDataType": "NUMERIC", "min": 1, "max": 10},
    {"columnName": "notes", "columnDataType": "TEXT", "maxLength": 20}
  ]
}
`,
    csv: { name: "contacts.csv", idColumn: "id", text: `id,phone,email,name,score,Notes,region
1,3175550100,ann@example.com,Ann,5,first call,north
2,555-CALL-NOW,bob@example.com,"Smith, Bob",eleven,,south
3,,,Cy,10,said hi,east
2,(317) 555-0101,dee@example.com,Dee,11,this note is far too long for the column,west
` },
  },
];
