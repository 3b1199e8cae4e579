"""A script variable that takes its value from the environment or a default (`IMG="${IMG:-x}"`, `: "${IMG:=x}"`),
used by a later `docker run` / `docker pull` of the same script: the default is the image the script pulls unless
its caller says otherwise, as `docker run "${IMG:-x}"` written inline is."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.shell_words import ShellValues

PROXY_SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
# ---- settings, each overridable from the environment ----
STORE_DIR="${STORE_DIR:-$HOME/.cache/store}"   # where the objects live
OBJECT_STORE_IMAGE="${OBJECT_STORE_IMAGE:-example/object-store:2.4}"
DEBUG_IMAGE=${DEBUG_IMAGE-example/net-debug:latest}
: "${WARM_IMAGE:=example/warm-cache:1}"
: ${LINT_IMAGE=example/lint:0.9}

shape() { docker run --rm --net "container:store" --cap-add NET_ADMIN "$DEBUG_IMAGE" tc "$@"; }

up() {
  docker pull "$WARM_IMAGE"
  docker run -d --name store \\
    -v "$STORE_DIR:/data" \\
    "$OBJECT_STORE_IMAGE" >/dev/null
  docker run --rm "${LINT_IMAGE}" check
  docker run --rm "$CALLER_IMAGE" true
}
"""


def test_an_image_variable_defaulted_from_the_environment_names_its_default() -> None:
    found = [(item.text, item.line, item.problem) for item in docker_runs(PROXY_SCRIPT, "tools/store.sh")]
    assert found[:4] == [
        ("example/net-debug:latest", 10, None),
        ("example/warm-cache:1", 13, None),
        ("example/object-store:2.4", 14, None),
        ("example/lint:0.9", 17, None),
    ]
    (text, line, problem) = found[4]
    assert (text, line) == ("$CALLER_IMAGE", 18)
    assert problem is not None and "$CALLER_IMAGE has no value" in problem


def test_a_value_through_itself_without_a_default_has_none_and_a_chain_of_defaults_resolves() -> None:
    values = ShellValues.of('A="${A}"\nB="${B:-$C}"\nC="${C:-example/c:3}"\nD="$D:suffix"\n')
    assert values.resolve("$B") == ("example/c:3", None)
    text, problem = values.resolve("$A")
    # `A="${A}"` assigns what A holds: no value of the file's own (session 35; it read as defined through itself)
    assert (text, problem) == (
        "$A",
        "$A has no value in this file (set by the environment, the command line or a caller)",
    )
    assert values.resolve("$D")[1] is not None


BUILD_SCRIPT = """\
#!/bin/bash
PG_VERSION=${PG_VERSION:-17.4}
PG_IMAGE_TAG=${PG_IMAGE_TAG:-${PG_VERSION}-alpine}
REMOTE_ORG=${REMOTE_ORG:-"example"}
REMOTE_TAG=${REMOTE_TAG:-'latest'}
docker run -d --name builder postgres:${PG_IMAGE_TAG}
docker run -d --name san "${REMOTE_ORG}/sanitizer":"${REMOTE_TAG}"
"""


def test_a_default_naming_another_variable_and_a_quoted_default_resolve_as_the_shell_does() -> None:
    found = [(item.text, item.line, item.problem) for item in docker_runs(BUILD_SCRIPT, "scripts/build.sh")]
    assert found == [("postgres:17.4-alpine", 6, None), ("example/sanitizer:latest", 7, None)]


def test_defaults_nested_and_quoted_at_their_edges() -> None:
    values = ShellValues.of("A=${A:-${B:-x}y}\nQ=${Q:-\"two words\"}\nE=${E:-''}\n")
    assert values.resolve("$A") == ("xy", None)
    assert values.resolve("${Q}") == ("two words", None)
    assert values.resolve("img:${E}v") == ("img:v", None)
    assert values.resolve("${Z:-${A}}") == ("xy", None)
