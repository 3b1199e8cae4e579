#!/usr/bin/env bash
# The test command: lint, type-check, the test suite (real local registries, skopeo, moto), and cdk synth.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
[ -x "$PY" ] || { echo "test: run scripts/setup.sh first" >&2; exit 2; }
export PATH="$PWD/.venv/bin:$PATH"
export CDK_DISABLE_VERSION_CHECK=1 CDK_DISABLE_CLI_TELEMETRY=true JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

echo "== ruff"
"$PY" -m ruff check .
"$PY" -m ruff format --check .
echo "== lint-imports (the layers of lambda/ecr_mirror, see pyproject.toml)"
PYTHONPATH=lambda lint-imports --no-cache
echo "== mypy"
targets=(lambda/ecr_mirror infra tests app.py scripts/lock_lambda.py)
[ -d bench ] && targets+=(bench)
"$PY" -m mypy "${targets[@]}"
echo "== pytest"
# Tests run in parallel workers (pytest-xdist): one per core, at most 4 (each worker starts its own registries).
# TEST_WORKERS=0 runs them in this process; arguments given to this script come last and win (e.g. -n 0).
workers="${TEST_WORKERS:-$(nproc 2>/dev/null || echo 1)}"
[ "$workers" -gt 4 ] && workers=4
[ "$workers" -lt 2 ] && workers=0  # one core: no worker processes at all
# --dist loadgroup: the tests of one xdist_group run on one worker (the two reading the function's bundle share one
# build, tests/infra/conftest.py); every other test is handed out on its own, in collection order (slow ones first).
set +e
"$PY" -m pytest -n "$workers" --dist loadgroup "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "test: pytest collected no tests: that is a failure" >&2
  exit 1
fi
[ "$status" -eq 0 ] || exit "$status"
echo "== cdk synth"
cdk synth --no-notices --quiet -o "${CDK_OUT:-cdk.out}" >/dev/null
echo "test: all green"
