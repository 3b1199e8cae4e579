"""`ecr-mirror discover` on a bake file whose build argument is a template over a map indexed by the matrix
(`BASE = "${distros[distro].baseImage}"`, `distros` a top-level attribute or a variable's default): each target of
the matrix builds the Dockerfile from its own base image."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

BAKE = """\
variable "tag" {
  default = "dev"
}

distros = {
  distroless = {
    baseImage = "gcr.io/distroless/static-debian12:nonroot"
    tag = ""
  }
  ubi = {
    baseImage = "registry.access.redhat.com/ubi9/ubi-micro:9.5"
    tag = "-ubi9"
  }
}

target "default" {
  matrix = {
    distro = ["distroless", "ubi"]
  }
  name = "${distro}"
  tags = ["ghcr.io/acme/operator:${tag}${distros[distro].tag}"]
  dockerfile = "Dockerfile"
  args = {
    BASE = "${distros[distro].baseImage}"
  }
}
"""
DOCKERFILE = "ARG BASE=gcr.io/distroless/static-debian12:nonroot\nFROM ${BASE}\nCOPY manager /manager\n"


@pytest.mark.parametrize("as_variable", [False, True])
def test_a_template_indexing_a_map_by_the_matrix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], as_variable: bool
) -> None:
    bake = BAKE
    if as_variable:
        bake = bake.replace("distros = {", 'variable "distros" {\n  default = {', 1)
        bake = bake.replace('    tag = "-ubi9"\n  }\n}\n', '    tag = "-ubi9"\n  }\n}\n}\n', 1)
    write_tree(tmp_path, {"docker-bake.hcl": bake, "Dockerfile": DOCKERFILE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted({r["reference"] for r in records if r["status"] == "public"}) == [
        "gcr.io/distroless/static-debian12:nonroot",
        "registry.access.redhat.com/ubi9/ubi-micro:9.5",
    ]
