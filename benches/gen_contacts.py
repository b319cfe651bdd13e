#!/usr/bin/env python3
"""Generates a contact file and its list for benches/run.sh: ROWS rows of 8 columns (two of them
phone columns), about 110 bytes a row, deterministic.

    python3 benches/gen_contacts.py DIR ROWS [--mistake-every N]

Writes DIR/list.json, DIR/contacts.csv, DIR/contactlint.toml (pairing them) and
DIR/schema.json, a Frictionless Table Schema with the same checks, for `frictionless validate`.
--mistake-every N writes a phone number with letters in every N-th row (a systematic mistake).
"""
import json
import os
import random
import sys

out, rows = sys.argv[1], int(sys.argv[2])
mistake = int(sys.argv[sys.argv.index("--mistake-every") + 1]) if "--mistake-every" in sys.argv else 0
os.makedirs(out, exist_ok=True)
columns = ["id", "first_name", "last_name", "cell", "home", "email", "zip", "score"]
json.dump({
    "name": "Bench",
    "columnNames": columns,
    "phoneColumns": [{"columnName": "cell", "type": "cell"}, {"columnName": "home", "type": "home"}],
    "emailColumns": [{"columnName": "email", "type": "work"}],
    "columnDataTypeSpecifications": [
        {"columnName": "score", "columnDataType": "NUMERIC", "min": 1, "max": 100},
        {"columnName": "last_name", "columnDataType": "TEXT", "maxLength": 40},
    ],
}, open(os.path.join(out, "list.json"), "w"), indent=1)
open(os.path.join(out, "contactlint.toml"), "w").write(
    '[[contacts]]\nfiles = ["*.csv"]\nlist = "list.json"\nid-column = "id"\n')
phone = {"type": "string", "constraints": {"pattern": r"^\+?[0-9 ().-]{7,25}$"}}
json.dump({
    "fields": [
        {"name": "id", "type": "string", "constraints": {"required": True, "unique": True}},
        {"name": "first_name", "type": "string", "constraints": {"maxLength": 512}},
        {"name": "last_name", "type": "string", "constraints": {"maxLength": 40}},
        {"name": "cell", **phone},
        {"name": "home", **phone},
        {"name": "email", "type": "string", "constraints": {"maxLength": 512}},
        {"name": "zip", "type": "string", "constraints": {"maxLength": 512}},
        {"name": "score", "type": "number", "constraints": {"minimum": 1, "maximum": 100}},
    ],
}, open(os.path.join(out, "schema.json"), "w"), indent=1)
rng = random.Random(7)
first = ["Ann", "Bob", "Cyrille", "Dana", "Émile", "Farah", "Gus", "Hannah", "Ivo", "Jun"]
last = ["Smith", "O'Brien", "García", "Nguyen", "Okafor", "Kowalski", "Lee", "Dubois, Jr.", "Rossi"]
with open(os.path.join(out, "contacts.csv"), "w", newline="") as f:
    f.write(",".join(columns) + "\r\n")
    for i in range(1, rows + 1):
        name = rng.choice(last)
        name = f'"{name}"' if "," in name else name
        cell = f"+1317{rng.randrange(10**7):07d}"
        if mistake and i % mistake == 0:
            cell = "call-me-later"
        home = f"({rng.randrange(200, 999)}) {rng.randrange(100, 999)}-{rng.randrange(10**4):04d}"
        email = f"contact.number{i}@example-company{rng.randrange(100)}.com"
        f.write(f"C{i:08d},{rng.choice(first)},{name},{cell},{home},{email},{rng.randrange(10**5):05d},{rng.randrange(1, 101)}\r\n")
