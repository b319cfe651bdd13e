"""Runs a composite GitHub Action's steps here, as the runner would, for tests.

    python3 tests/ci/run_action.py ACTION_DIR '{"format": "sarif", ...}'

Each `run:` step runs in `bash --noprofile --norc -eo pipefail` (GitHub's `shell: bash`) with
`${{ inputs.* }}` and `${{ steps.*.outputs.* }}` replaced in its `env`, `working-directory` and
script, GITHUB_ACTION_PATH set, and a fresh GITHUB_OUTPUT file whose `key=value` lines become
the step's outputs. A step's `if:` is evaluated (the expressions this repository's action uses:
`always()`, `success()`, `==`, `!=`, `&&`, `||`, literals, inputs and step outputs); after a
failure only `always()` steps run. A `uses:` step is emulated when it is one of the actions this
repository's action uses: `actions/cache/restore` and `actions/cache/save` keep the `path` as a
copy under EMULATED_CACHE named by the `key` (outputs `cache-hit`, `cache-primary-key`), and
`github/codeql-action/upload-sarif` is reported with its `with:` values after checking that the
file exists; any other fails. The caller sets GITHUB_STEP_SUMMARY, RUNNER_* and the rest of the
environment (the test lays out each runner's directories). Prints the steps' output, then one
line `STEPS <json>`; exits 1 when a step failed.
"""

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def value(path, inputs, steps):
    kind, *rest = path.split(".")
    if kind == "inputs":
        return inputs.get(rest[0], "")
    if kind == "steps" and rest[1] == "outputs":
        return steps.get(rest[0], {}).get("outputs", {}).get(rest[2], "")
    raise ValueError(f"unsupported expression: {path}")


def substitute(text, inputs, steps):
    return EXPRESSION.sub(lambda m: str(value(m.group(1), inputs, steps)), str(text))


def condition(text, inputs, steps, failed):
    """Evaluates an `if:` with the operators GitHub's expressions share with Python's."""
    text = EXPRESSION.sub(lambda m: m.group(1), str(text)).strip()
    tokens = re.findall(r"'[^']*'|\w+\(\)|[\w.-]+|==|!=|&&|\|\||[()!]", text)
    python = []
    for token in tokens:
        if token == "always()":
            python.append("True")
        elif token == "success()":
            python.append(repr(not failed))
        elif token in ("==", "!=", "(", ")"):
            python.append(token)
        elif token in ("&&", "||", "!"):
            python.append({"&&": "and", "||": "or", "!": "not"}[token])
        elif token.startswith("'"):
            python.append(repr(token[1:-1]))
        elif token in ("true", "false"):
            python.append(repr(token == "true"))
        else:
            python.append(repr(str(value(token, inputs, steps))))
    runs_after_failure = "always()" in tokens
    return eval(" ".join(python), {"__builtins__": {}}), runs_after_failure  # noqa: S307


def uses(step, with_values):
    """Runs an action of a `uses:` step the way this emulation knows it: (outcome, outputs)."""
    action = step["uses"].split("@")[0]
    cache = pathlib.Path(os.environ.get("EMULATED_CACHE", ""))
    if action in ("actions/cache/restore", "actions/cache/save"):
        assert cache.is_absolute(), "EMULATED_CACHE must name a directory"
        path, key = pathlib.Path(with_values["path"]), with_values["key"]
        assert path.is_absolute() and key, with_values
        stored = cache / key
        if action == "actions/cache/save":
            if not stored.exists():
                shutil.copytree(path, stored, symlinks=True)
            return "success", {}
        hit = stored.is_dir()
        if hit:
            shutil.copytree(stored, path, symlinks=True, dirs_exist_ok=True)
        return "success", {"cache-hit": "true" if hit else "false", "cache-primary-key": key,
                           "cache-matched-key": key if hit else ""}
    if action == "github/codeql-action/upload-sarif":
        sarif = pathlib.Path(with_values["sarif_file"])
        return ("success" if sarif.is_file() else "failure"), {}
    raise ValueError(f"this emulation does not know {action}")


def main(action_dir, given):
    # Not resolved: the runner's layout (_actions/OWNER/REPO/REF/...) is part of what is tested.
    action_dir = pathlib.Path(action_dir).absolute()
    action = yaml.safe_load((action_dir / "action.yml").read_text())
    assert action["runs"]["using"] == "composite", "only composite actions"
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update(json.loads(given))
    steps, report, failed = {}, [], False
    for number, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", f"step {number}")
        wanted, after_failure = condition(step.get("if", "success()"), inputs, steps, failed)
        if not wanted or (failed and not after_failure):
            report.append({"name": name, "outcome": "skipped"})
            continue
        if "uses" in step:
            with_values = {k: substitute(v, inputs, steps) for k, v in step.get("with", {}).items()}
            outcome, outputs = uses(step, with_values)
            if "id" in step:
                steps[step["id"]] = {"outputs": outputs}
            failed = failed or outcome == "failure"
            report.append({"name": name, "outcome": outcome, "uses": step["uses"],
                           "with": with_values, "outputs": outputs})
            continue
        with tempfile.NamedTemporaryFile("r", delete=False) as output:
            pass
        env = dict(os.environ, GITHUB_ACTION_PATH=str(action_dir), GITHUB_OUTPUT=output.name)
        env.update({k: substitute(v, inputs, steps) for k, v in step.get("env", {}).items()})
        directory = substitute(step.get("working-directory", "."), inputs, steps)
        script = substitute(step["run"], inputs, steps)
        sys.stdout.flush()
        started = time.monotonic()
        code = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                              env=env, cwd=directory).returncode
        seconds = round(time.monotonic() - started, 2)
        outputs = dict(line.split("=", 1) for line in
                       pathlib.Path(output.name).read_text().splitlines() if "=" in line)
        os.unlink(output.name)
        if "id" in step:
            steps[step["id"]] = {"outputs": outputs}
        failed = failed or code != 0
        report.append({"name": name, "outcome": "failure" if code else "success",
                       "code": code, "outputs": outputs, "seconds": seconds})
    print("STEPS " + json.dumps(report))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
