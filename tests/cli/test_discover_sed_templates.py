"""`ecr-mirror discover` on Dockerfile templates that an update script copies and fills in with sed
(`sed -Ei -e "s/(alpine:)0.0/\\1${alpine_version}/" "${dockerfile}-tmp"`): the template's `FROM alpine:0.0` is a
placeholder the script replaces, not an image anything pulls; the Dockerfiles it wrote are read as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

_UPDATE = (
    "#!/usr/bin/env bash\nset -e\n\nrender() {\n  local template=${1} dockerfile=${2} variant=${3}\n"
    '  cp "${template}" "${dockerfile}-tmp"\n'
    '  if [ "${variant}" = alpine3.20 ]; then\n'
    '    sed -Ei -e "s/(alpine:)0.0/\\\\1${variant#alpine}/" "${dockerfile}-tmp"\n'
    "  else\n"
    "    sed -i -e 's/\\(buildpack-deps:\\)name/\\1'\"${variant}\"'/' \"${dockerfile}-tmp\"\n"
    "  fi\n"
    '  mv -f "${dockerfile}-tmp" "${dockerfile}"\n}\n\n'
    "for variant in alpine3.20 bookworm; do\n"
    '  render "Dockerfile-${variant%%[0-9]*}.template" "20/${variant}/Dockerfile" "${variant}"\ndone\n'
)

TREE = {
    "update.sh": _UPDATE,
    "Dockerfile-alpine.template": "FROM alpine:0.0\nENV APP_VERSION=0.0.0\n",
    "Dockerfile-bookworm.template": "FROM buildpack-deps:name\nRUN true\n",
    "20/alpine3.20/Dockerfile": "FROM alpine:3.20\nENV APP_VERSION=20.1.0\n",
    "20/bookworm/Dockerfile": "FROM buildpack-deps:bookworm\nRUN true\n",
    # a near shape: a Dockerfile that is no template, whose FROM a release script bumps in place, is built as it is
    "tools/Dockerfile": "FROM golang:1.22\n",
    "tools/bump.sh": '#!/bin/sh\nsed -i -e "s/golang:1.22/golang:${GO_VERSION}/" tools/Dockerfile\n',
}


def test_a_template_from_that_a_script_fills_with_sed_is_a_placeholder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tree_rows(TREE, tmp_path, monkeypatch, capsys)
    rows = {(row[0], row[1], row[4], row[5]) for row in records}
    statuses = {(row[0], row[1], row[5]) for row in records}
    assert ("Dockerfile-alpine.template", 1, "unresolved") in statuses
    assert ("Dockerfile-bookworm.template", 1, "unresolved") in statuses
    assert ("20/alpine3.20/Dockerfile", 1, "alpine:3.20", "public") in rows
    assert ("20/bookworm/Dockerfile", 1, "buildpack-deps:bookworm", "public") in rows
    assert ("tools/Dockerfile", 1, "golang:1.22", "public") in rows
