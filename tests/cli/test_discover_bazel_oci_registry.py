"""rules_oci's `oci_pull` given `registry` and `repository` in place of `image` (its macro takes either, "Exactly
one of image or {registry,repository} should be set"): the image it fetches is `registry/repository` at the tag or
digest, as for rules_docker's `container_pull`; a call with neither names nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

WORKSPACE = """\
workspace(name = "operator")

load("@rules_oci//oci:pull.bzl", "oci_pull")

oci_pull(
    name = "redhat_ubi_minimal",
    platforms = [
        "linux/amd64",
        "linux/arm64/v8",
    ],
    registry = "registry.access.redhat.com",
    repository = "ubi9/ubi-minimal",
    tag = "latest",
)

oci_pull(
    name = "nothing_named",
    tag = "latest",
)
"""


def test_oci_pull_with_a_registry_and_a_repository_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"WORKSPACE": WORKSPACE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = [(r["file"], r["line"], r["reference"], r["status"]) for r in records]
    assert rows == [("WORKSPACE", 5, "registry.access.redhat.com/ubi9/ubi-minimal:latest", "public")]
