"""`discover` reads the version `go list -m MODULE` prints from the module's `go.mod` where a script or a Makefile
takes an image's tag from it (`opm:v$(go list -m github.com/acme/registry | awk '{print $2}' | sed 's/^v//')`,
operator-lifecycle-manager's hack scripts and Makefile): the `require`d version, its `v` dropped as the `sed` says."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

GO_MOD = """\
module github.com/acme/operator

go 1.24.0

require (
	github.com/acme/api v0.0.0-20250101000000-abcdef123456
	github.com/acme/registry v1.73.0
	k8s.io/api v0.34.1
)

require github.com/acme/other v1.2.3 // indirect
"""

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
OPM_IMAGE="quay.io/acme/opm:v$(go list -m github.com/acme/registry | awk '{print $2}' | sed 's/^v//')"
OTHER_IMAGE="quay.io/acme/other:$(go list -m github.com/acme/other | cut -d" " -f2)"
docker pull "${OPM_IMAGE}"
docker pull "${OTHER_IMAGE}"
"""

MAKEFILE = """\
REGISTRY_VERSION ?= $(shell go list -m github.com/acme/registry | cut -d" " -f2 | sed 's/^v//')
REGISTRY_IMAGE ?= quay.io/acme/configmap-registry:v$(REGISTRY_VERSION)

pull:
\tdocker pull $(REGISTRY_IMAGE)
"""


def _rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> set[tuple[str, int, str | None, str]]:
    return {
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    }


def test_an_image_tagged_with_a_required_module_s_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"go.mod": GO_MOD, "hack/rebuild.sh": SCRIPT, "Makefile": MAKEFILE})
    rows = _rows(tmp_path, monkeypatch, capsys)
    assert ("hack/rebuild.sh", 5, "quay.io/acme/opm:v1.73.0", "public") in rows
    assert ("hack/rebuild.sh", 6, "quay.io/acme/other:v1.2.3", "public") in rows
    assert ("Makefile", 5, "quay.io/acme/configmap-registry:v1.73.0", "public") in rows


def test_a_module_go_mod_does_not_require_stays_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    script = SCRIPT.replace("github.com/acme/registry |", "github.com/acme/missing |")
    write_tree(tmp_path, {"go.mod": GO_MOD, "hack/rebuild.sh": script})
    rows = _rows(tmp_path, monkeypatch, capsys)
    assert ("hack/rebuild.sh", 5, None, "unresolved") in rows
    assert all("opm:" not in str(reference) for _, _, reference, _ in rows)


def test_a_replaced_module_s_version_is_not_known() -> None:
    from ecr_mirror.choose.discovery.go_module_versions import required_version

    assert required_version(GO_MOD, "github.com/acme/registry") == "v1.73.0"
    replaced = GO_MOD + "\nreplace github.com/acme/registry => ../registry\n"
    assert required_version(replaced, "github.com/acme/registry") is None
    assert required_version(GO_MOD, "github.com/acme") is None
