#!/usr/bin/env python3
"""Checking an exported organisation: time beside Python's `json.load` of the same file, peak
memory beside the file's size.

    python3 benches/exports.py target/release/contactlint [OTHER_BINARY ...] [--rounds 5]

The exports: `python3 benches/gen_exporter.py DIR N` for N = 2,000 and 4,000 (one
`genesyscloud.tf.json`; the 4,000 is 7.2 MB), and the provider's own HCL export (1.7 MB,
`genesyscloud/genesyscloud.tf` at 1f387f12 of MyPureCloud/terraform-provider-genesyscloud, read
from the clone `--provider` names, or skipped). Each check is `BINARY check DIR --format concise
--quiet`. Times come from short `hyperfine -N` rounds, each holding every binary and, for the
JSON exports, `python3 -c "import json; json.load(open(F))"`, side by side, so that a shared
machine's drift falls on both sides of a ratio: the median over rounds of each command's median,
and of each round's ratio to Python. Peak RSS is `/usr/bin/time -f %M`, the highest of three
runs. Prints a Markdown table, then how each binary scales: rounds that time its check of the
2,000 and of the 4,000 export side by side, and the median of each round's ratio.
"""

import argparse
import json
import os
import statistics
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROVIDER = "/work/.mirror/MyPureCloud+terraform-provider-genesyscloud/repo"
HCL_EXPORT = "1f387f12:genesyscloud/genesyscloud.tf"


def exports(scratch, provider):
    """(label, directory, the file in it) of each export, generated or extracted."""
    found = []
    for count in (2000, 4000):
        directory = os.path.join(scratch, f"json-{count}")
        subprocess.run(
            ["python3", os.path.join(ROOT, "benches/gen_exporter.py"), directory, str(count)],
            check=True,
        )
        found.append((f"{count:,} lists (.tf.json)", directory, "genesyscloud.tf.json"))
    if os.path.isdir(provider):
        directory = os.path.join(scratch, "hcl")
        os.makedirs(directory)
        text = subprocess.run(
            ["git", "-C", provider, "show", HCL_EXPORT], check=True, capture_output=True
        ).stdout
        with open(os.path.join(directory, "genesyscloud.tf"), "wb") as handle:
            handle.write(text)
        found.append(("provider's HCL export (.tf)", directory, "genesyscloud.tf"))
    return found


def rounds(commands, count, runs, scratch):
    """Per round, the median time of each command in ms."""
    return [medians(commands, runs, scratch) for _ in range(count)]


def medians(commands, runs, scratch):
    """The median time of each command, in ms, from one hyperfine run."""
    out = os.path.join(scratch, "times.json")
    subprocess.run(
        ["hyperfine", "-N", "-i", "--warmup", "2", "--runs", str(runs), "--export-json", out]
        + commands,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(out, encoding="utf-8") as handle:
        return [result["median"] * 1000 for result in json.load(handle)["results"]]


def peak_kib(command):
    """The highest peak RSS of three runs, in KiB."""
    peaks = []
    for _ in range(3):
        run = subprocess.run(
            ["/usr/bin/time", "-f", "%M"] + command, capture_output=True, text=True
        )
        peaks.append(int(run.stderr.strip().splitlines()[-1]))
    return max(peaks)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3, help="runs of each command in a round")
    parser.add_argument("--provider", default=PROVIDER, help="a clone of the provider")
    args = parser.parse_args()
    binaries = [os.path.abspath(binary) for binary in args.binaries]
    print("| export | size | binary | check (median) | json.load (median) | ratio | peak RSS "
          "| RSS / size |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        found = exports(scratch, args.provider)
        for label, directory, name in found:
            path = os.path.join(directory, name)
            size = os.path.getsize(path)
            checks = [[binary, "check", directory, "--format", "concise", "--quiet"]
                      for binary in binaries]
            commands = [" ".join(check) for check in checks]
            is_json = name.endswith(".json")
            if is_json:
                commands.append(f"python3 -c \"import json; json.load(open('{path}'))\"")
            timed = rounds(commands, args.rounds, args.runs, scratch)
            median = lambda values: statistics.median(values)
            python = median([round[-1] for round in timed]) if is_json else None
            for at, (binary, check) in enumerate(zip(args.binaries, checks)):
                time = median([round[at] for round in timed])
                kib = peak_kib(check)
                ratios = [round[at] / round[-1] for round in timed]
                ratio = f"{median(ratios):.2f}x" if python else "-"
                shown = f"{python:.0f} ms" if python else "-"
                print(f"| {label} | {size / 1e6:.1f} MB | `{binary}` | {time:.0f} ms | {shown} "
                      f"| {ratio} | {kib / 1024:.1f} MiB | {kib * 1024 / size:.1f}x |")
        scaling(args, binaries, [directory for _, directory, _ in found[:2]], scratch)


def scaling(args, binaries, directories, scratch):
    """Prints, for each binary, the median over rounds of its 4,000 export's time over its
    2,000 export's, both timed in the same round."""
    print()
    print("| binary | 4,000 / 2,000 lists (median of rounds) | rounds |")
    print("|---|---|---|")
    for shown, binary in zip(args.binaries, binaries):
        commands = [f"{binary} check {directory} --format concise --quiet"
                    for directory in directories]
        timed = rounds(commands, args.rounds, args.runs, scratch)
        ratios = [four / two for two, four in timed]
        listed = ", ".join(f"{ratio:.2f}" for ratio in ratios)
        print(f"| `{shown}` | {statistics.median(ratios):.2f}x | {listed} |")


if __name__ == "__main__":
    main()
