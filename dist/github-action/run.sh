#!/usr/bin/env bash
# The action's check (action.yml's "Run contactlint" step), in the working directory the workflow
# chose: one run of contactlint writes the step's log (annotations, or one line per finding), the
# JSON the counts come from, the job summary and the SARIF file (in RUNNER_TEMP, never in the
# checkout). Then the step's outputs, and its exit status as fail-on says.
#
# Inputs, from the environment: CONTACTLINT (the binary), INPUT_PATHS, INPUT_ARGS, INPUT_FORMAT,
# INPUT_FAIL_ON. Bash 3.2 or later; no Python.
set -uo pipefail

output=${GITHUB_OUTPUT:-/dev/null}

# An error annotation (its text escaped as a workflow command's data), and the step fails.
fail() {
  local message=${1//%/%25}
  echo "::error title=contactlint::${message//$'\n'/%0A}"
  exit 2
}

contactlint=${CONTACTLINT:?CONTACTLINT names the binary}
format=${INPUT_FORMAT:-github}
case $format in
  github | concise) ;;
  *) fail "format is '$format': github (annotations) or concise (one line per finding in the log)" ;;
esac
fail_on=${INPUT_FAIL_ON:-error}
case $fail_on in
  error | warning | never) ;;
  *) fail "fail-on is '$fail_on': error, warning or never" ;;
esac

# args: options of `contactlint check`, split at spaces and line breaks. The action writes the
# formats itself, so --format and --output are refused, not silently overridden.
args=()
while IFS= read -r line || [ -n "$line" ]; do
  read -r -a words <<<"$line"
  args+=(${words[@]+"${words[@]}"})
done <<<"${INPUT_ARGS:-}"
if [ "${args[0]:-}" = check ]; then args=("${args[@]:1}"); fi
for arg in ${args[@]+"${args[@]}"}; do
  case $arg in
    --format | --format=* | --output | --output=*)
      fail "args holds '$arg': the action chooses contactlint's outputs itself (the format input picks annotations or log lines; the SARIF file is always written, see the sarif-file output). Remove it from args."
      ;;
  esac
done

# paths: one per line (a path may then hold spaces), or on one line separated by spaces; a path
# with *, ? or [ is a glob, expanded here (** too, with bash 4 or later).
lines=()
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%$'\r'}
  line=${line#"${line%%[![:space:]]*}"}
  line=${line%"${line##*[![:space:]]}"}
  if [ -n "$line" ]; then lines+=("$line"); fi
done <<<"${INPUT_PATHS:-.}"
if [ "${#lines[@]}" -eq 1 ]; then
  read -r -a lines <<<"${lines[0]}"
fi
shopt -s globstar 2>/dev/null || true
paths=()
for path in ${lines[@]+"${lines[@]}"}; do
  case $path in
    *[*?[]*)
      matched=0
      while IFS= read -r match; do
        paths+=("$match")
        matched=1
      done < <(compgen -G "$path" | LC_ALL=C sort)
      [ "$matched" = 1 ] || fail "paths: '$path' matches no file in $(pwd)"
      ;;
    *) paths+=("$path") ;;
  esac
done
if [ "${#paths[@]}" -eq 0 ]; then paths=(.); fi

work=$(mktemp -d "${RUNNER_TEMP:?RUNNER_TEMP is not set}/contactlint.XXXXXX")
sarif="$work/contactlint.sarif"
echo "sarif-file=$sarif" >>"$output"
"$contactlint" check ${args[@]+"${args[@]}"} --format "$format" \
  --output "json=$work/report.json" --output "summary=$work/summary.md" \
  --output "sarif=$sarif" -- "${paths[@]}"
code=$?
echo "exit-code=$code" >>"$output"

# The counts, from the JSON's summary object (its fields are the only ones indented by four).
count() {
  sed -n "s/^    \"$1\": \([0-9][0-9]*\),\{0,1\}\$/\1/p" "$work/report.json" 2>/dev/null | head -n 1
}
errors=$(count errors)
warnings=$(count warnings)
echo "errors=$errors" >>"$output"
echo "warnings=$warnings" >>"$output"
if [ -s "$work/summary.md" ]; then
  cat "$work/summary.md" >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
else
  printf '## contactlint\n\ncontactlint could not run (exit code %s): see the step'"'"'s log.\n' \
    "$code" >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
fi

# contactlint's own verdict (errors, or warnings under --warnings-as-errors) for fail-on: error;
# any finding for warning; only a run that failed (exit code 2) for never.
case $fail_on in
  error) failing=$((code != 0)) ;;
  warning) failing=$((code != 0 || ${warnings:-0} > 0)) ;;
  never) failing=$((code == 2)) ;;
esac
if [ "$failing" = 1 ]; then
  echo "contactlint: ${errors:-?} errors and ${warnings:-?} warnings (exit code $code); the step fails (fail-on: $fail_on)"
  exit "$((code == 2 ? 2 : 1))"
fi
echo "contactlint: ${errors:-?} errors and ${warnings:-?} warnings (exit code $code); the step passes (fail-on: $fail_on)"
