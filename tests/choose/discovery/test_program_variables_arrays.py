"""The container CLI kept in a bash array, `DOCKER=(docker)` then `"${DOCKER[@]}" run ... IMAGE` (the array expands
to its words, https://www.gnu.org/software/bash/manual/bash.html#Arrays): docker runs and pulls IMAGE. A dry-run
branch, `DOCKER=(echo docker)`, prints the command in the runs that take it; the other runs pull. An array of
another program, or whose elements the file does not give, names no engine."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.program_variables import named_programs

LINT = """\
#!/usr/bin/env bash
set -o errexit
DOCKER=(docker)
if [[ -n "${NO_DOCKER:-}" ]]; then
  DOCKER=(echo docker)
elif ! (command -v docker >/dev/null); then
  exit 1
fi
LINT_COMMAND=("yamllint" "-c" "config/.yamllint.conf" "config")
"${DOCKER[@]}" run \\
    --rm -i \\
    -v "${REPO_ROOT:?}:${REPO_ROOT:?}" -w "${REPO_ROOT}" \\
    "acme/yamllint:1.26" \\
    "${LINT_COMMAND[@]:1}"
"""

OTHER = """\
#!/usr/bin/env bash
RUNNER=(nerdctl --namespace k8s.io)
"${RUNNER[@]}" run --rm acme/not-docker:1
UNKNOWN=("$@")
"${UNKNOWN[@]}" run --rm acme/unknown:1
"""


def test_an_array_holding_docker_runs_the_image() -> None:
    assert [(item.text, item.line) for item in docker_runs(named_programs(LINT), "hack/lint.sh")] == [
        ("acme/yamllint:1.26", 10)
    ]


def test_an_array_of_another_program_names_no_engine() -> None:
    assert named_programs(OTHER) == OTHER
