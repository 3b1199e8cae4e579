"""`ecr-mirror discover` on a Makefile that runs the container CLI through a variable (`DOCKER ?= docker`, then
`$(DOCKER) run IMAGE`): the image is pulled, and an image the same variable builds is made here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "Makefile": (
        "DOCKER ?= docker\n\n"
        "check-license:\n"
        "\t$(DOCKER) run --rm -v $(shell pwd):/github/workspace acme/license-eye:0.6.0 header check\n"
        "e2e:\n"
        "\t$(DOCKER) build -t acme/e2e-runner:dev ./e2e\n"
        "\t$(DOCKER) run --rm acme/e2e-runner:dev\n"
    ),
}


def test_a_make_variable_naming_docker_runs_and_builds_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("Makefile", 4, "acme/license-eye:0.6.0", "public"),
        ("Makefile", 7, "acme/e2e-runner:dev", "built-here"),
    }
