"""`ecr-mirror discover`: a composite action's `docker/build-push-action` steps build as a workflow's do: the image
a step loads (`load: true` after `docker/setup-buildx-action`) is the one a later `docker run` of the action runs;
a step that only pushes builds nothing the action's `docker run` could use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

ACTION = """\
name: Build and smoke-test
inputs:
  target:
    required: true
runs:
  using: composite
  steps:
    - uses: docker/setup-buildx-action@v3
    - name: Build (amd64)
      uses: docker/build-push-action@v6
      with:
        context: dist
        load: true
        platforms: linux/amd64
        target: ${{ inputs.target }}
        tags: acme-local:amd64
    - name: Build for a push
      uses: docker/build-push-action@v6
      with:
        context: dist
        push: true
        tags: acme/pushed:amd64
    - name: Smoke test
      shell: bash
      run: |
        docker run --rm acme-local:amd64 version
        docker run --rm acme/pushed:amd64 version
"""


def test_a_composite_action_runs_the_image_its_build_push_step_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/actions/docker-build/action.yml": ACTION})
    records = discover_records(tmp_path, monkeypatch, capsys)
    seen = {(r["file"], r["line"], r["reference"], r["status"]) for r in records}
    assert seen == {
        (".github/actions/docker-build/action.yml", 26, "acme-local:amd64", "built-here"),
        (".github/actions/docker-build/action.yml", 27, "acme/pushed:amd64", "public"),
    }
