#!/usr/bin/env python3
"""An exporter-style organisation: one genesyscloud.tf.json (as the provider's exporter writes it by
default) with N contact lists, N campaigns, N rule sets and N/4 filters, all cross-referenced with
"${...}" strings. One campaign in 50 names a skill column its list lacks.

    python3 benches/gen_exporter.py OUT_DIR N
"""
import json
import os
import sys

out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
lists, campaigns, rulesets, filters = {}, {}, {}, {}
for i in range(n):
    name = f"list_{i}"
    lists[name] = {
        "name": f"List {i}",
        "column_names": ["First Name", "Cell", "Home", "Email", "Zip", "Language", f"Extra {i}"],
        "phone_columns": [{"column_name": "Cell", "type": "cell"},
                          {"column_name": "Home", "type": "home"}],
        "email_columns": [{"column_name": "Email", "type": "work"}],
    }
    rulesets[f"rules_{i}"] = {
        "name": f"Rules {i}",
        "contact_list_id": f"${{genesyscloud_outbound_contact_list.{name}.id}}",
        "rules": [{"name": "Skip", "category": "DIALER_PRECALL",
                   "conditions": [{"type": "contactAttributeCondition",
                                   "attribute_name": "Language", "operator": "EQUALS",
                                   "value": "fr"}],
                   "actions": [{"type": "Action", "action_type_name": "DO_NOT_DIAL"}]}],
    }
    campaign = {
        "name": f"Campaign {i}",
        "dialing_mode": "preview",
        "contact_list_id": f"${{genesyscloud_outbound_contact_list.{name}.id}}",
        "rule_set_ids": [f"${{genesyscloud_outbound_ruleset.rules_{i}.id}}"],
        "phone_columns": [{"column_name": "Cell"}],
        "skill_columns": ["Language" if i % 50 else "Skill"],
    }
    if i % 4 == 0:
        filters[f"filter_{i}"] = {
            "name": f"Filter {i}",
            "contact_list_id": f"${{genesyscloud_outbound_contact_list.{name}.id}}",
            "clauses": [{"predicates": [{"column": "Zip", "column_type": "alphabetic",
                                         "operator": "BEGINS_WITH", "value": "46"}]}],
        }
        campaign["contact_list_filter_ids"] = [f"${{genesyscloud_outbound_contactlistfilter.filter_{i}.id}}"]
    campaigns[f"campaign_{i}"] = campaign
document = {"resource": {
    "genesyscloud_outbound_contact_list": lists,
    "genesyscloud_outbound_campaign": campaigns,
    "genesyscloud_outbound_ruleset": rulesets,
    "genesyscloud_outbound_contactlistfilter": filters,
}}
with open(os.path.join(out, "genesyscloud.tf.json"), "w") as f:
    json.dump(document, f, indent=2)
