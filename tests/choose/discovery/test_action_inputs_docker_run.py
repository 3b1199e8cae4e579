"""`addnab/docker-run-action` runs its `run` commands in a container of its `image` input (`docker run ...
IMAGE`, https://github.com/addnab/docker-run-action#inputs), so a step that sets it pulls that image, over the job's
matrix as any image input."""

from __future__ import annotations

from ecr_mirror.choose.discovery.github_actions import workflow_images

PACKAGES = """\
name: build
on: [push]
jobs:
  test-packages:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        goarch: [amd64, arm64]
    steps:
      - name: Test rpm package
        uses: addnab/docker-run-action@4f65fabd2431ebc8d299f8e5a018d79a769ae185 # v3
        with:
          image: registry.access.redhat.com/ubi9/ubi:9.5
          options: -v ${{ github.workspace }}:/work --platform linux/${{ matrix.goarch }}
          run: |
            dnf install -y /work/out/app.rpm
      - name: Test deb package
        uses: addnab/docker-run-action@v3
        with:
          image: debian:12
          run: apt-get install -y /work/out/app.deb
"""


def test_the_image_addnab_docker_run_action_runs_its_commands_in_is_pulled() -> None:
    found = workflow_images(PACKAGES, ".github/workflows/build.yml")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("registry.access.redhat.com/ubi9/ubi:9.5", 13, "with: image (addnab/docker-run-action)"),
        ("debian:12", 20, "with: image (addnab/docker-run-action)"),
    ]
