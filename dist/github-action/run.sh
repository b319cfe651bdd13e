#!/usr/bin/env bash
# The action's work, as a script that runs anywhere (tests/it/distribution.rs runs it with a fake
# GITHUB_* environment): check once as JSON for the job summary, print the requested format, and
# give the exit code as the step's output. Inputs: INPUT_ARGS, INPUT_PATHS, INPUT_FORMAT.
set -uo pipefail
read -r -a args <<<"${INPUT_ARGS:-check}"
read -r -a paths <<<"${INPUT_PATHS:-.}"
format=${INPUT_FORMAT:-github}
json=$(mktemp)
trap 'rm -f "$json"' EXIT

contactlint "${args[@]}" "${paths[@]}" --format json >"$json"
code=$?
case $format in
  github) contactlint "${args[@]}" "${paths[@]}" --format github ;;
  concise)
    echo "::add-matcher::${GITHUB_ACTION_PATH:-$(dirname "$0")}/contactlint-matcher.json"
    contactlint "${args[@]}" "${paths[@]}" --format concise
    echo "::remove-matcher owner=contactlint::"
    ;;
  sarif)
    contactlint "${args[@]}" "${paths[@]}" --format sarif >contactlint.sarif
    echo "sarif-file=contactlint.sarif" >>"${GITHUB_OUTPUT:-/dev/null}"
    ;;
  *) echo "::error title=contactlint::unknown format '$format' (github, concise or sarif)"; code=2 ;;
esac

# The job summary: the counts, then the first findings as a table.
python3 - "$json" >>"${GITHUB_STEP_SUMMARY:-/dev/null}" <<'PY'
import json, sys
try:
    report = json.load(open(sys.argv[1]))
except ValueError:
    print("## contactlint\n\ncontactlint could not run: see the step's log.")
    sys.exit(0)
summary, diagnostics = report["summary"], report["diagnostics"]
plural = lambda n, word: f"{n} {word}" + ("" if n == 1 else "s")
print("## contactlint\n")
print(f"{plural(summary['errors'], 'error')} and {plural(summary['warnings'], 'warning')} "
      f"in {plural(summary['files_checked'], 'file')} checked.\n")
if diagnostics:
    print("| Where | Rule | Severity | Message |")
    print("|---|---|---|---|")
    for d in diagnostics[:20]:
        where = f"{d['path']}:{d['range']['start']['line']}"
        message = d["message"].replace("|", "\\|").replace("\n", " ")
        print(f"| `{where}` | `{d['rule']}` | {d['severity']} | {message} |")
    if len(diagnostics) > 20:
        print(f"\n… and {len(diagnostics) - 20} more: see the annotations or the step's log.")
PY
echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
exit 0
