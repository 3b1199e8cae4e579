"""A script's own function that gives the variable its first argument names the default its second gives
(`configvar () { eval : \\$\\{"$1":="\\$2"\\}; }`), its calls read as assignments (shell_default_functions.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.shell_default_functions import defaults_assigned

SCRIPT = """\
#!/bin/bash
configvar () {
    # shellcheck disable=SC2140
    eval : \\$\\{"$1":="\\$2"\\}
    eval echo "\\$3:" "$1=\\${$1}"
}
configvar KIND_IMAGES "kindest/node:v1.35.1@sha256:aaaa
kindest/node:v1.34.3@sha256:bbbb" "kind images"
configvar K8S_VERSION 1.35.1 "Kubernetes"
configvar E2E_VERSION "$(version_to_git "${K8S_VERSION}")" "E2E version"
  configvar   TAG 'v1.2'
echo configvar NOT_A_CALL x
"""


def test_each_call_of_a_defaulting_function_is_an_assignment_on_its_lines() -> None:
    out = defaults_assigned(SCRIPT).split("\n")
    assert out[6:10] == [
        'KIND_IMAGES="kindest/node:v1.35.1@sha256:aaaa',
        'kindest/node:v1.34.3@sha256:bbbb"',
        "K8S_VERSION=1.35.1",
        'configvar E2E_VERSION "$(version_to_git "${K8S_VERSION}")" "E2E version"',  # a command substitution: left
    ]
    assert out[10:12] == ["  TAG='v1.2'", "echo configvar NOT_A_CALL x"]
    assert len(out) == len(SCRIPT.split("\n"))


def test_a_function_of_another_body_is_left() -> None:
    text = 'setvar () {\n    export "$1"="$2"\n}\nsetvar IMAGE "alpine:3.20"\n'
    assert defaults_assigned(text) == text
