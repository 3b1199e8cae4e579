#!/usr/bin/env bash
# Mutation testing (mutmut) of one package of lambda/ecr_mirror against the tests of its area; slow, so not part
# of scripts/test.sh. Usage: scripts/mutation.sh {choose|oci|mirror|trust|function|cli} [extra `mutmut run` arguments]
# Results: .mutation/<package>/mutants/ (`cd .mutation/<package> && ../../.venv/bin/mutmut results`, `mutmut show
# <name>`); the summary of the last recorded runs is docs/mutation.md.
#
# mutmut derives a module's name from its file's path and only knows the src/ layout, so the run works on a scratch
# copy of the project with lambda/ renamed src/ (the project's own tree is never mutated).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
package=${1:?"usage: scripts/mutation.sh PACKAGE (choose, oci, mirror, trust, function, cli)"}
shift
# Each mutant runs only the tests of its area that reach the mutated function (mutmut records which), first
# failure ends it. The fault suite reaches nearly every function of oci/ and mirror/, so those areas take the
# fault files closest to them; MUTATION_TESTS (space-separated paths) replaces the selection.
case "$package" in
  choose) tests="tests/choose" ;;
  oci) tests="tests/oci tests/faults/test_transport_faults.py tests/faults/test_retry_statuses.py
    tests/faults/test_hostile_upstream.py tests/faults/test_forged_manifests.py tests/faults/test_body_caps.py
    tests/faults/test_hostile_redirects.py tests/faults/test_request_headers.py
    tests/faults/test_manifest_media_types.py tests/faults/test_token_answers.py
    tests/faults/test_wrong_basic_credentials.py tests/faults/test_retry_after_boundaries.py
    tests/faults/test_resume.py tests/faults/test_resume_wrong_range.py tests/faults/test_resume_at_the_cdn.py
    tests/faults/test_hostile_tag_list.py tests/faults/test_config_reads.py
    tests/faults/test_tag_list_pages.py tests/faults/test_target_faults.py tests/faults/test_rate_limits.py
    tests/cli/test_cli_credentials.py tests/cli/test_cli_tls.py tests/cli/test_cli_hints.py
    tests/choose/test_platform_spellings.py" ;;
  mirror) tests="tests/mirror tests/faults/test_target_faults.py tests/faults/test_tag_write_failure.py
    tests/faults/test_concurrency.py tests/faults/test_rate_limits.py tests/faults/test_run_deadline.py
    tests/faults/test_tag_invalid.py tests/faults/test_hostile_tag_list.py tests/faults/test_huge_tag_list.py" ;;
  trust) tests="tests/trust" ;;
  function) tests="tests/function" ;;
  # cli/ is large and its tests slow (each runs the command line on a tree): use it with MUTATION_FILES.
  cli) tests="tests/cli" ;;
  *) echo "mutation: unknown package '$package' (choose, oci, mirror, trust, function, cli)" >&2; exit 2 ;;
esac
tests=${MUTATION_TESTS:-$tests}
tests=$(printf '"%s", ' $tests)
tests=${tests%, }
[ -d "lambda/ecr_mirror/$package" ] || { echo "mutation: lambda/ecr_mirror/$package does not exist" >&2; exit 2; }
[ -x .venv/bin/mutmut ] || { echo "mutation: .venv/bin/mutmut missing (pip install -r requirements.txt)" >&2; exit 2; }

# MUTATION_FILES (space-separated files of the package, e.g. "tags.py rules.py") mutates only those, in a scratch
# directory of its own (.mutation/<package>-<files>), so the whole package's results stay.
only="\"src/ecr_mirror/$package/*\""
scratch=$root/.mutation/$package
if [ -n "${MUTATION_FILES:-}" ]; then
  only=$(printf '"src/ecr_mirror/'"$package"'/%s", ' $MUTATION_FILES)
  only=${only%, }
  scratch=$scratch-$(echo $MUTATION_FILES | tr ' /' '-_' | tr -d '.')  # one directory, also for discovery/x.py
fi
mkdir -p "$scratch"
# A fresh copy of the code and tests each time; mutants/ (mutmut's results and cache) is kept between runs.
find "$scratch" -mindepth 1 -maxdepth 1 ! -name mutants -exec rm -rf {} +
tar -c --exclude=./.venv --exclude=./.git --exclude=./cdk.out --exclude=./.mutation --exclude=__pycache__ \
  --exclude=.pytest_cache --exclude=.mypy_cache --exclude=.ruff_cache --exclude=./node_modules . \
  | tar -x -C "$scratch"
mv "$scratch/lambda" "$scratch/src"
mkdir "$scratch/lambda" && cp lambda/*.txt "$scratch/lambda/"  # read by tests; no code there to import by mistake
cd "$scratch"
sed -i 's|^pythonpath = \["lambda", "."\]|pythonpath = ["src", "."]|' pyproject.toml
cp scripts/mutation_conftest.py conftest.py  # each mutant's tests quickest first (see that file)
cat >>pyproject.toml <<EOF

[tool.mutmut]
source_paths = ["src"]
only_mutate = [$only]
also_copy = ["bench", "scripts", "lambda", "docs", "conftest.py", "README.md"]
pytest_add_cli_args_test_selection = [$tests]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-x", "-q"]
EOF
# MUTATION_TIMEOUT_MULTIPLIER: mutmut stops a mutant's tests after (their recorded time + 1 s) x this, wall clock
# (a timeout: counted as killed). Its default, 15, lets a mutant that makes a test wait forever hold a run of the
# request path for 15 to 20 minutes; 3 ends it in 3 to 5. The survivors of the request path took 1.2 to 2.5 times
# their recorded time at a load of 6 to 9.5 on 2 cores, so read each timeout's diff (a wait made endless?) before
# counting it. Changing it makes mutmut forget only its timeouts.
if [ -n "${MUTATION_TIMEOUT_MULTIPLIER:-}" ]; then
  echo "timeout_multiplier = $MUTATION_TIMEOUT_MULTIPLIER" >>pyproject.toml
fi
export PATH="$root/.venv/bin:$PATH"
# One mutant at a time unless told otherwise (MUTATION_CHILDREN): mutmut's default is one per core, and the machine
# is shared.
exec "$root/.venv/bin/mutmut" run --max-children "${MUTATION_CHILDREN:-1}" "$@"
