"""A function whose closing `}` is indented deeper than its `function` line ends there, not at a later function's `}`:
bash closes the body at the matching brace, whatever its indentation. Its names bound to positional parameters are
its own, and a call reads its command with the call's words in their places."""

from __future__ import annotations

from ecr_mirror.cli.discover_scripts import command_pulls

SCRIPT = """\
#!/usr/bin/env bash
function start_container {
  local name=$1
  local image=$2

    docker run --detach --rm --name "${name}" "${image}"
  }

function check_version {
  local image=$1
  shift
  docker run --rm "${image}" "${@}"
}

function main {
  local image="quay.io/acme/store:v3.6.1"
  local name="store_probe"
  check_version "${image}" "--version"
  start_container "${name}" "${image}"
}

main
"""


def test_a_call_of_a_function_closed_by_an_indented_brace_takes_its_words_in_their_places() -> None:
    found = command_pulls(SCRIPT, "scripts/test_images.sh")
    assert sorted({(item.text, item.line) for item in found if item.problem is None}) == [
        ("quay.io/acme/store:v3.6.1", 18),
        ("quay.io/acme/store:v3.6.1", 19),
    ]
    assert not any("store_probe" in item.text for item in found)
