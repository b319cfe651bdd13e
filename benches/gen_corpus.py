#!/usr/bin/env python3
"""Deterministic corpus of contact lists for contactlint's benchmarks.

    gen_corpus.py DIR COUNT [--invalid-every N] [--size BYTES] [--only definition-json]

Writes COUNT lists into DIR (in subdirectories of 1,000 files), cycling through four kinds:
definition JSON, definition TOML, api JSON and api TOML. With --invalid-every N, every N-th list
carries a mistake (a wrong list type, a wrong column type, an undeclared column or an unknown
field). With --size, each list is padded with columns and a description to about that many bytes.
The same arguments always give the same bytes. Standard library only.
"""
import argparse
import json
import os
import random

KINDS = ["definition-json", "definition-toml", "api-json", "api-toml"]
TYPES = ["STRING", "NUMBER", "PHONE", "EMAIL", "DATE", "DATETIME", "BOOLEAN"]


def definition(rng, index, invalid, size):
    columns = [{"name": "phone", "type": "PHONE", "required": True}]
    for c in range(rng.randint(4, 10)):
        columns.append({"name": f"field {c}", "type": rng.choice(TYPES), "required": rng.random() < 0.3})
    doc = {"name": f"List {index:06d}", "type": rng.choice(["CSV_FILE", "API"]),
           "description": "Outbound campaign contacts, refreshed nightly.", "columns": columns}
    if invalid:
        mistake = index % 3
        if mistake == 0:
            doc["type"] = "CSV"
        elif mistake == 1:
            doc["columns"][1]["type"] = "TEXT"
        else:
            doc["colums"] = []
    return pad(doc, size)


def api(rng, index, invalid, size):
    names = ["Cell", "Home", "Email"] + [f"Field{c}" for c in range(rng.randint(3, 8))]
    doc = {"name": f"Api list {index:06d}", "columnNames": names,
           "phoneColumns": [{"columnName": "Cell", "type": "cell"}, {"columnName": "Home", "type": "home"}],
           "emailColumns": [{"columnName": "Email", "type": "work"}],
           "automaticTimeZoneMapping": False, "trimWhitespace": True,
           "columnDataTypeSpecifications": [{"columnName": "Field0", "columnDataType": "NUMERIC", "min": 0, "max": 100}]}
    if invalid:
        mistake = index % 3
        if mistake == 0:
            doc["phoneColumns"][0]["columnName"] = "cell"
        elif mistake == 1:
            doc["columnDataTypeSpecifications"][0]["columnDataType"] = "NUMBER"
        else:
            doc["type"] = "CSV_FILE"
    return pad(doc, size)


def pad(doc, size):
    """Grows a list toward `size` bytes with a long description (columns stay under the limit)."""
    if size:
        current = len(json.dumps(doc))
        if current < size:
            doc["description" if "type" in doc and "columns" in doc else "name"] += " " + "x" * (size - current)
    return doc


def toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list) and all(not isinstance(v, dict) for v in value):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(value)


def to_toml(doc):
    lines, tables = [], []
    for key, value in doc.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            tables.append((key, value))
        else:
            lines.append(f"{key} = {toml_value(value)}")
    for key, items in tables:
        for item in items:
            lines.append("")
            lines.append(f"[[{key}]]")
            lines.extend(f"{k} = {toml_value(v)}" for k, v in item.items())
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("count", type=int)
    parser.add_argument("--invalid-every", type=int, default=0)
    parser.add_argument("--size", type=int, default=0)
    parser.add_argument("--only", choices=KINDS)
    args = parser.parse_args()
    rng = random.Random(20261126)
    for index in range(args.count):
        kind = args.only or KINDS[index % len(KINDS)]
        invalid = args.invalid_every and index % args.invalid_every == args.invalid_every - 1
        build = definition if kind.startswith("definition") else api
        doc = build(rng, index, invalid, args.size)
        directory = os.path.join(args.dir, f"batch{index // 1000:03d}")
        os.makedirs(directory, exist_ok=True)
        extension = kind.split("-")[1]
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n" if extension == "json" else to_toml(doc)
        with open(os.path.join(directory, f"list{index:06d}.{extension}"), "w", encoding="utf-8") as out:
            out.write(text)


if __name__ == "__main__":
    main()
