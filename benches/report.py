#!/usr/bin/env python3
"""Prints the table of benches/run.sh from its results directory: times, ratios and memory."""
import os
import sys

results, cores = sys.argv[1], sys.argv[2]


def mean(name):
    path = os.path.join(results, name + ".mean")
    if not os.path.exists(path):
        return None
    return [float(x) for x in open(path).read().split()]


def kib(name):
    path = os.path.join(results, name + ".kib")
    return int(open(path).read().strip()) if os.path.exists(path) else None


def ms(value):
    return "—" if value is None else f"{value * 1000:.1f} ms"


def ratio(a, b):
    return "—" if a is None or b is None else f"{a / b:.2f}×"


rows = []
def row(what, value, against, target):
    rows.append((what, ms(value), against, target))

m = {name[:-5]: mean(name[:-5]) for name in os.listdir(results) if name.endswith(".mean")}
get = lambda name: m.get(name, [None, None])[0]
median = lambda name: m.get(name, [None, None])[1]

print(f"\ncontactlint benchmark ({cores} cores; means of hyperfine runs)\n")
print(f"| measurement | time | ratio | target |")
print(f"|---|---|---|---|")
print(f"| cat, 10,000 lists | {ms(get('cat-10k'))} | 1.00× | |")
print(f"| contactlint, 10,000 valid lists | {ms(get('cl-valid-10k'))} | {ratio(get('cl-valid-10k'), get('cat-10k'))} of cat | ≤ 1.5× |")
print(f"| contactlint, 10,000 lists, 1 in 10 invalid, full output | {ms(get('cl-invalid-10k'))} | {ratio(get('cl-invalid-10k'), get('cl-valid-10k'))} of valid | ≤ 2× |")
print(f"| cat, 10,000 definition JSON lists | {ms(get('cat-def-10k'))} | 1.00× | |")
print(f"| contactlint, same files | {ms(get('cl-def-10k'))} | {ratio(get('cl-def-10k'), get('cat-def-10k'))} of cat | |")
print(f"| ajv-cli, same files and schema | {ms(get('ajv-def-10k'))} | {ratio(get('ajv-def-10k'), get('cl-def-10k'))} of contactlint | ≥ 4× |")
print(f"| check-jsonschema, same files and schema | {ms(get('cjs-def-10k'))} | {ratio(get('cjs-def-10k'), get('cl-def-10k'))} of contactlint | ≥ 20× |")
print(f"| cat, 10,000 `.tf` files (1 in 100 a contact list) | {ms(get('cat-tf-10k'))} | 1.00× | |")
print(f"| contactlint, same Terraform repository | {ms(get('cl-tf-10k'))} | {ratio(get('cl-tf-10k'), get('cat-tf-10k'))} of cat | ≤ 1.5× |")
print(f"| contactlint, one small file (median) | {ms(median('cl-single'))} | | ≤ 3 ms |")
print(f"| `true` (process start floor, median) | {ms(median('true-single'))} | | |")
print(f"| ajv-cli, one small file | {ms(get('ajv-single'))} | | |")
print(f"| check-jsonschema, one small file | {ms(get('cjs-single'))} | | |")

print("\nScaling with the number of files (valid lists, ~0.6 KB each; medians):\n")
print("| files | time | per file | per file after start-up | peak RSS |")
print("|---|---|---|---|---|")
start = median("cl-single-dir")
per_file, net_per_file, peaks = [], [], []
for count, n in (("1k", 1000), ("10k", 10000), ("100k", 100000)):
    t = median(f"cl-valid-{count}")
    rss = kib(f"rss-{count}")
    if t is not None:
        per_file.append(t / n)
        if start is not None:
            net_per_file.append((t - start) / n)
    if rss is not None:
        peaks.append(rss)
    per = "—" if t is None else f"{t / n * 1e6:.1f} µs"
    net = "—" if t is None or start is None else f"{(t - start) / n * 1e6:.1f} µs"
    print(f"| {n:,} | {ms(t)} | {per} | {net} | {'—' if rss is None else f'{rss / 1024:.1f} MiB'} |")


def spread(values):
    return "—" if len(values) < 2 else f"{max(values) / min(values):.2f}×"


print(f"\nLargest over smallest (target ≤ 1.20×): time per file {spread(per_file)}, "
      f"after start-up {spread(net_per_file)}, peak RSS {spread(peaks)}. "
      f"Start-up = one list in a directory, median {ms(start)}.")
print("\nScaling with file size (100 lists each):\n")
print("| list size | time | per MB |")
print("|---|---|---|")
for size in (1000, 10000, 100000, 1000000):
    t = get(f"cl-size-{size}")
    per = "—" if t is None else f"{t / (size * 100 / 1e6) * 1000:.1f} ms"
    print(f"| {size:,} B | {ms(t)} | {per} |")

print("\nContact files: 1,000,000 rows, 8 columns (two of them phones), paired with their list (medians):\n")
size = None
for d in (results + "/../contacts-1000000/contacts.csv",):
    if os.path.exists(d):
        size = os.path.getsize(d)
print("| measurement | time | rows/s | MB/s | ratio | target |")
print("|---|---|---|---|---|---|")


def rate(t, n):
    return "—" if t is None else f"{n / t / 1e6:.2f} M"


def mbs(t):
    return "—" if t is None or size is None else f"{size / t / 1e6:.0f}"


base = median("csv-baseline")
for name, what, target in (
    ("csv-cat", "cat", ""),
    ("csv-wc", "wc -l", ""),
    ("csv-baseline", "bare parse, csv crate (benches/csv_baseline.rs)", ""),
    ("csv-cl", "contactlint check, every rule", "≤ 1.00× of the bare parse"),
    ("csv-cl-mistakes", "contactlint, a mistake in every row, full output", ""),
):
    t = median(name)
    print(f"| {what} | {ms(t)} | {rate(t, 1_000_000)} | {mbs(t)} | {ratio(t, base)} of the bare parse | {target} |")
cl100, fl100 = median("csv-cl-100k"), median("csv-frictionless-100k")
print(f"| contactlint, 100,000 rows | {ms(cl100)} | {rate(cl100, 100_000)} | | | |")
print(f"| frictionless validate, 100,000 rows, same checks as a Table Schema | {ms(fl100)} | {rate(fl100, 100_000)} | | {ratio(fl100, cl100)} of contactlint | ≥ 20× |")
peaks = [kib(f"rss-csv-{n}") for n in (10000, 100000, 1000000)]
shown = ", ".join("—" if p is None else f"{p / 1024:.1f} MiB" for p in peaks)
print(f"\nPeak RSS at 10k, 100k and 1M rows: {shown} (target ≤ 64 MiB, flat).")
