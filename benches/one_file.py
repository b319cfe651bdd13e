#!/usr/bin/env python3
"""Checking one named file beside `cat`: the cost of an editor's save or a hook on one file.

    python3 benches/one_file.py target/release/contactlint [OTHER_BINARY ...]

Runs `hyperfine -N` in short rounds, each timing `cat F` and `BINARY check F` for every binary
back to back, so that the drift of a shared machine falls on both sides of each ratio; prints,
per file and binary, the median over rounds of (median check time / median cat time), with the
lowest and highest round. Several binaries (builds to compare) are timed in the same rounds.
Files: a 95-byte API list written here, and a definition list from fixtures/ (`--file` for others).
"""

import argparse
import json
import os
import statistics
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SMALL_LIST = (
    '{"name":"Leads","columnNames":["Phone"],'
    '"phoneColumns":[{"columnName":"Phone","type":"Cell"}]}\n'
)


def one_round(binaries, path, runs, scratch):
    """The median times of `cat` and of each binary's check of `path`, in ms."""
    commands = [f"cat {path}"] + [f"{binary} check {path}" for binary in binaries]
    out = os.path.join(scratch, "round.json")
    subprocess.run(
        ["hyperfine", "-N", "--warmup", "20", "--runs", str(runs), "--export-json", out]
        + commands,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(out, encoding="utf-8") as handle:
        results = json.load(handle)["results"]
    return [result["median"] * 1000 for result in results]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--file", action="append", dest="files")
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        small = os.path.join(scratch, "one.json")
        with open(small, "w", encoding="utf-8") as handle:
            handle.write(SMALL_LIST)
        files = args.files or [
            small,
            os.path.join(ROOT, "fixtures/definition/valid/all-column-types.toml"),
        ]
        binaries = [os.path.abspath(binary) for binary in args.binaries]
        for binary in binaries:
            subprocess.run([binary, "check", files[0]], check=True, stdout=subprocess.DEVNULL)
        for path in files:
            rounds = [one_round(binaries, path, args.runs, scratch) for _ in range(args.rounds)]
            cat = statistics.median(times[0] for times in rounds)
            print(f"{os.path.basename(path)}: cat {cat:.2f} ms (median of round medians)")
            for index, binary in enumerate(binaries, start=1):
                ratios = [times[index] / times[0] for times in rounds]
                check = statistics.median(times[index] for times in rounds)
                print(
                    f"  {binary}: {check:.2f} ms, {statistics.median(ratios):.2f}x cat "
                    f"(rounds {min(ratios):.2f}-{max(ratios):.2f}x, {args.rounds} x {args.runs} runs)"
                )


if __name__ == "__main__":
    main()
