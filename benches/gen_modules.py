#!/usr/bin/env python3
"""Generates a repository of Terraform modules for the gate's benchmark (docs/performance.md):
ROOTS root modules (`environments/envN/main.tf`, each with a lock file) that call a module of
lists and a module of campaigns of their own (`modules/lists_N`, `modules/campaigns_N`), and
ordinary infrastructure files (benches/gen_terraform.py's) up to COUNT `.tf` files in all.

    python3 benches/gen_modules.py OUT_DIR [--count 1000] [--roots 20]
"""
import argparse
import os

from gen_terraform import ORDINARY

LISTS = '''resource "genesyscloud_outbound_contact_list" "sales" {{
  name              = "Sales {n}"
  column_names      = ["Cell", "Region"]
  contacts_filepath = "contacts/sales.csv"
  contacts_id_name  = "Cell"
  phone_columns {{
    column_name = "Cell"
    type        = "cell"
  }}
}}

output "sales_id" {{
  value = genesyscloud_outbound_contact_list.sales.id
}}
'''

CAMPAIGNS = '''variable "list_id" {{}}

resource "genesyscloud_outbound_campaign" "sales" {{
  name            = "Sales {n}"
  contact_list_id = var.list_id
  dialing_mode    = "preview"
  phone_columns {{
    column_name = "Cell"
  }}
  contact_sorts {{
    field_name = "Region"
  }}
}}
'''

ROOT = '''module "lists" {{
  source = "../../modules/lists_{n}"
}}

module "campaigns" {{
  source  = "../../modules/campaigns_{n}"
  list_id = module.lists.sales_id
}}
'''

LOCK = '''provider "registry.terraform.io/mypurecloud/genesyscloud" {
  version     = "1.80.0"
  constraints = "~> 1.80"
}
'''


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--roots", type=int, default=20)
    args = parser.parse_args()
    os.makedirs(os.path.join(args.out, ".git"), exist_ok=True)
    files = 0
    for n in range(args.roots):
        root = os.path.join(args.out, "environments", f"env{n}")
        write(os.path.join(root, "main.tf"), ROOT.format(n=n))
        write(os.path.join(root, ".terraform.lock.hcl"), LOCK)
        write(os.path.join(root, "contacts", "sales.csv"), "Cell,Region\n+13175550100,North\n")
        write(os.path.join(args.out, "modules", f"lists_{n}", "lists.tf"), LISTS.format(n=n))
        campaigns = os.path.join(args.out, "modules", f"campaigns_{n}", "campaigns.tf")
        write(campaigns, CAMPAIGNS.format(n=n))
        files += 3
    i = 0
    while files < args.count:
        folder = os.path.join(args.out, "infra", f"group{i // 100}")
        write(os.path.join(folder, f"infra_{i}.tf"), ORDINARY.format(i=i))
        files += 1
        i += 1


if __name__ == "__main__":
    main()
