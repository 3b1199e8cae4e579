"""`ecr-mirror discover` on commands held-out set DB (Kubernetes add-ons) showed missed: a Makefile recipe line
prefixed `-` (errors ignored), an include path written with a variable, an engine variable's default where the command
runs, and a sourced library marked by ShellCheck's `shell=` directive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree


def _public(records: list[dict[str, Any]]) -> set[tuple[str, int, str]]:
    return {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}


PRELOAD_MAKEFILE = """\
include versions.mk

.PHONY: pull-preloads
pull-preloads: ## Preloads the images the e2e tests use
\t-docker pull registry.k8s.io/cluster-api/cluster-api-controller:$(CAPI_VERSION)
\t-@docker pull quay.io/jetstack/cert-manager-webhook:$(CERT_MANAGER_VERSION)
\t- docker pull example/spaced:1.0
\tsome-docker pull example/not-a-command:1.0
\techo -docker pull example/echoed:1.0
"""

VERSIONS_MK = """\
CERT_MANAGER_VERSION := v1.17.2
CAPI_VERSION := v1.12.2
"""


def test_a_recipe_line_whose_errors_are_ignored_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """make runs `-docker pull ...` as `docker pull ...`, ignoring its failure
    (https://www.gnu.org/software/make/manual/make.html#Errors); a word ending in `docker` and an echoed `-docker`
    are no such command."""
    write_tree(tmp_path, {"Makefile": PRELOAD_MAKEFILE, "versions.mk": VERSIONS_MK})
    got = _public(discover_records(tmp_path, monkeypatch, capsys))
    assert got == {
        ("Makefile", 5, "registry.k8s.io/cluster-api/cluster-api-controller:v1.12.2"),
        ("Makefile", 6, "quay.io/jetstack/cert-manager-webhook:v1.17.2"),
        ("Makefile", 7, "example/spaced:1.0"),
    }


VERIFY_CHART = """\
#!/usr/bin/env bash
${CONTAINER_ENGINE:-docker} run -it --rm --network host --workdir=/data --volume $(pwd):/data \\
  quay.io/helmpack/chart-testing:v3.7.0 /bin/bash -c "ct install --config=ct.yaml"
"${RUNTIME:-podman}" pull example/pulled:2.0
${OTHER_TOOL:-nerdctl} run example/other-tool:1.0
"""

PICKED_ENGINE = """\
#!/usr/bin/env bash
ENGINE=nerdctl
${ENGINE:-docker} run example/picked:1.0
"""


def test_an_engine_variable_defaulting_to_docker_where_the_command_runs_is_docker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`${CONTAINER_ENGINE:-docker} run IMAGE` runs docker when the variable is not set (a default the shell gives,
    https://www.gnu.org/software/bash/manual/bash.html#Shell-Parameter-Expansion); not when the default is another
    program, nor when the script gives the variable another program."""
    write_tree(tmp_path, {"hack/verify-chart.sh": VERIFY_CHART, "hack/picked.sh": PICKED_ENGINE})
    got = _public(discover_records(tmp_path, monkeypatch, capsys))
    assert got == {
        ("hack/verify-chart.sh", 2, "quay.io/helmpack/chart-testing:v3.7.0"),
        ("hack/verify-chart.sh", 4, "example/pulled:2.0"),
    }


SOURCED_UTILS = """\
# shellcheck shell=bash

readonly EXTERNAL_NET="pseudo-ext"

function start_external_app() {
    docker run --cap-add=NET_ADMIN --name external-app --network "$EXTERNAL_NET" \\
        -d registry.access.redhat.com/ubi7/ubi python -m SimpleHTTPServer 1234
}
"""

PLAIN_NOTES = """\
Start the app by hand:
docker run -d example/not-a-script:1.0
"""


def test_a_file_without_extension_that_shellcheck_reads_as_bash_is_a_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A library a script sources has no `#!` line; its first line's ShellCheck directive `# shellcheck shell=bash`
    (https://www.shellcheck.net/wiki/Directive#shell) says it is bash. A text file without one is not read."""
    write_tree(tmp_path, {"scripts/e2e/external/utils": SOURCED_UTILS, "scripts/e2e/external/notes": PLAIN_NOTES})
    got = _public(discover_records(tmp_path, monkeypatch, capsys))
    assert got == {("scripts/e2e/external/utils", 6, "registry.access.redhat.com/ubi7/ubi:latest")}


ROOT_MAKEFILE = """\
ROOT_DIR_RELATIVE := .

include $(ROOT_DIR_RELATIVE)/common.mk

pull-preloads:
\t-docker pull quay.io/jetstack/cert-manager-webhook:$(CERT_MANAGER_VERSION)
\t-docker pull example/unknown:$(UNSET_VERSION)
"""

COMMON_MK = """\
include $(ROOT_DIR_RELATIVE)/versions.mk
include $(NOWHERE)/other.mk
"""


def test_an_include_path_written_with_a_variable_of_the_make_run_is_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """make expands an `include` line's variables before it reads the files it names
    (https://www.gnu.org/software/make/manual/make.html#Include): `ROOT_DIR_RELATIVE := .` then `include
    $(ROOT_DIR_RELATIVE)/common.mk`, which includes `$(ROOT_DIR_RELATIVE)/versions.mk` in turn; a variable with no
    value leaves the include unfollowed."""
    tree = {
        "Makefile": ROOT_MAKEFILE,
        "common.mk": COMMON_MK,
        "versions.mk": VERSIONS_MK,
        "other.mk": "UNSET_VERSION := 9\n",
    }
    write_tree(tmp_path, tree)
    got = _public(discover_records(tmp_path, monkeypatch, capsys))
    assert got == {("Makefile", 6, "quay.io/jetstack/cert-manager-webhook:v1.17.2")}
