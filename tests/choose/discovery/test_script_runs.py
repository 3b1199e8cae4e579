"""The scripts a script runs by their path, with what it exports before each, and the environment it passes on."""

from __future__ import annotations

from ecr_mirror.choose.discovery.script_runs import nested_scripts, script_passed_on

SCRIPT = """\
#!/usr/bin/env bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "${ROOT}/hack/util.sh"
echo "next: hack/not-run.sh"
export KIND_IMAGE=kindest/node:v1.35.0 LOG="$HOME/x"
"${ROOT}"/hack/create-cluster.sh host
if bash ./deploy.sh; then exec "$(dirname "$0")/after.sh"; fi
"$SOMEWHERE"/unknown.sh
# ./commented.sh
"""


def test_the_scripts_a_script_runs_by_their_path() -> None:
    assert nested_scripts(SCRIPT, "repo/hack/local-up.sh", "repo") == [
        (6, "repo/hack/create-cluster.sh", {"KIND_IMAGE": "kindest/node:v1.35.0"}),
        (7, "repo/hack/deploy.sh", {"KIND_IMAGE": "kindest/node:v1.35.0"}),  # a relative path: the script's place,
        (7, "repo/deploy.sh", {"KIND_IMAGE": "kindest/node:v1.35.0"}),  # or the top it may be run from
        (7, "repo/hack/after.sh", {"KIND_IMAGE": "kindest/node:v1.35.0"}),
    ]


def test_a_name_the_script_sets_itself_is_its_own_a_default_of_itself_keeps_the_given_value() -> None:
    text = 'A=${A:-one}\nB="${B:=two}"\nC=three\n./next.sh\nD=four\n'
    env = {"A": "a", "B": "b", "C": "c", "D": "d", "E": "e"}
    assert script_passed_on(text, env, 4) == {"A": "a", "B": "b", "D": "d", "E": "e"}
