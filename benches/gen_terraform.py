#!/usr/bin/env python3
"""Generates a Terraform repository for benches/run.sh: COUNT `.tf` files in module folders of
100, each 30-80 lines of ordinary infrastructure (variables, an AWS bucket, IAM, outputs), of
which one in EVERY also declares a genesyscloud_outbound_contact_list resource.

    python3 benches/gen_terraform.py OUT_DIR COUNT [--every 100]
"""
import argparse
import os
import random

ORDINARY = '''variable "environment_{i}" {{
  type        = string
  description = "Deployment environment for module {i}"
  default     = "dev"
}}

resource "aws_s3_bucket" "logs_{i}" {{
  bucket = "logs-{i}-${{var.environment_{i}}}"
  tags = {{
    Team        = "platform"
    Environment = var.environment_{i}
  }}
}}

resource "aws_iam_role" "reader_{i}" {{
  name               = "reader-{i}"
  assume_role_policy = data.aws_iam_policy_document.assume_{i}.json
}}

data "aws_iam_policy_document" "assume_{i}" {{
  statement {{
    actions = ["sts:AssumeRole"]
    principals {{
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }}
  }}
}}
'''

OUTPUT = '''
output "bucket_{i}_{j}" {{
  value = aws_s3_bucket.logs_{i}.arn
}}
'''

CONTACT_LIST = '''
resource "genesyscloud_outbound_contact_list" "sales_{i}" {{
  name                 = "Sales {i}"
  column_names         = ["First Name", "Last Name", "Cell", "Home", "Email", "Zip"]
  attempt_limit_id     = genesyscloud_outbound_attempt_limit.limit.id

  phone_columns {{
    column_name               = "Cell"
    type                      = "cell"
    callable_time_column_name = "Zip"
  }}
  email_columns {{
    column_name = "Email"
    type        = "work"
  }}
}}
'''

USERS = '''
resource "genesyscloud_outbound_campaign" "sales_{i}" {{
  name                    = "Sales {i}"
  dialing_mode            = "preview"
  contact_list_id         = genesyscloud_outbound_contact_list.sales_{i}.id
  contact_list_filter_ids = [genesyscloud_outbound_contactlistfilter.sales_{i}.id]
  rule_set_ids            = [genesyscloud_outbound_ruleset.sales_{i}.id]
  skill_columns           = ["Zip"]
  phone_columns {{
    column_name = "Cell"
  }}
}}

resource "genesyscloud_outbound_contactlistfilter" "sales_{i}" {{
  name            = "Sales {i}"
  contact_list_id = genesyscloud_outbound_contact_list.sales_{i}.id
  clauses {{
    predicates {{
      column      = "Zip"
      column_type = "alphabetic"
      operator    = "BEGINS_WITH"
      value       = "46"
    }}
  }}
}}

resource "genesyscloud_outbound_ruleset" "sales_{i}" {{
  name            = "Sales {i}"
  contact_list_id = genesyscloud_outbound_contact_list.sales_{i}.id
  rules {{
    name     = "Skip"
    category = "DIALER_PRECALL"
    conditions {{
      type           = "contactAttributeCondition"
      attribute_name = "Home"
    }}
  }}
}}
'''


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("count", type=int)
    parser.add_argument("--every", type=int, default=100)
    parser.add_argument("--users", action="store_true")
    args = parser.parse_args()
    rng = random.Random(7)
    for i in range(args.count):
        folder = os.path.join(args.out, f"module{i // 100:04d}")
        os.makedirs(folder, exist_ok=True)
        text = ORDINARY.format(i=i)
        text += "".join(OUTPUT.format(i=i, j=j) for j in range(rng.randint(2, 12)))
        if i % args.every == args.every - 1:
            text += CONTACT_LIST.format(i=i)
            if args.users and (i // 100) % 4 == 0:
                with open(os.path.join(folder, f"outbound{i:06d}.tf"), "w") as out:
                    out.write(USERS.format(i=i))
        with open(os.path.join(folder, f"main{i:06d}.tf"), "w") as out:
            out.write(text)


if __name__ == "__main__":
    main()
