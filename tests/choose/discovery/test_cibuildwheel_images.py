"""cibuildwheel's image options given to `pypa/cibuildwheel` as environment variables: a full image name is the
container the Linux wheels are built in; a pinned name (`manylinux2014`) is cibuildwheel's own, not written here."""

from __future__ import annotations

from ecr_mirror.choose.discovery.github_actions import workflow_images

WORKFLOW = """\
name: wheels
on: [push]
env:
  CIBW_MUSLLINUX_X86_64_IMAGE: quay.io/pypa/musllinux_1_2_x86_64:2025.01.01-1
jobs:
  linux:
    runs-on: ubuntu-latest
    env:
      CIBW_MANYLINUX_AARCH64_IMAGE: ghcr.io/acme/manylinux-aarch64:3
    steps:
      - uses: actions/checkout@v4
      - name: Build wheels
        uses: pypa/cibuildwheel@v3.1.0
        with:
          package-dir: binary
        env:
          CIBW_MANYLINUX_X86_64_IMAGE: manylinux2014
          CIBW_MANYLINUX_RISCV64_IMAGE: quay.io/pypa/manylinux_2_39_riscv64
          CIBW_BUILD: cp312-*
  other:
    runs-on: ubuntu-latest
    steps:
      - uses: some-org/wheels@v1
        env:
          CIBW_MANYLINUX_X86_64_IMAGE: not/pulled:1
"""


def test_full_image_names_given_to_cibuildwheel_are_pulls_and_pinned_names_are_not() -> None:
    found = workflow_images(WORKFLOW, ".github/workflows/wheels.yaml")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("quay.io/pypa/musllinux_1_2_x86_64:2025.01.01-1", 4, "env: CIBW_MUSLLINUX_X86_64_IMAGE (pypa/cibuildwheel)"),
        ("ghcr.io/acme/manylinux-aarch64:3", 9, "env: CIBW_MANYLINUX_AARCH64_IMAGE (pypa/cibuildwheel)"),
        ("quay.io/pypa/manylinux_2_39_riscv64", 18, "env: CIBW_MANYLINUX_RISCV64_IMAGE (pypa/cibuildwheel)"),
    ]
