"""`ecr-mirror discover` on CI steps that pre-pull the images their `env:` names in a loop over those variables
(`for img in "$RUNTIME_IMAGE" "$BUILDER_IMAGE"; do docker pull "$img"; done`), directly or through a function of the
step that names its first argument (`load() { local img="$1"; docker pull -q "$img"; }`), as kind-based e2e jobs
preload their runtime images."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

WORKFLOW = """\
name: e2e
on: [push]
jobs:
  bench:
    runs-on: ubuntu-latest
    steps:
      - name: Preload
        env:
          RUNTIME_IMAGE: ghcr.io/example/python-env
          HELLO_IMAGE: gcr.io/example-samples/hello:1.0
        run: |
          for img in "$RUNTIME_IMAGE" "${HELLO_IMAGE}"; do
            ( docker pull -q "$img" && kind load docker-image "$img" ) &
          done
          wait
  e2e:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        k8s: ["v1.32.11", "v1.34.8"]
    steps:
      - name: Preload through a function
        env:
          NODE_IMAGE: ghcr.io/example/node-env-22
          JVM_IMAGE: ghcr.io/example/jvm-builder
        run: |
          load_image() {
            local img="$1" cluster="$2"
            [ -z "$img" ] && return 0
            docker pull -q "$img" \\
              && kind load docker-image "$img" --name "$cluster"
          }
          for img in "$NODE_IMAGE" "$JVM_IMAGE"; do
            load_image "$img" kind &
          done
          wait
          if [ "${{ matrix.k8s }}" = "v1.34.8" ]; then echo "newest"; fi
"""

UNKNOWN = """\
#!/bin/bash
for img in "$@" "$EXTRA_IMAGE"; do
  docker pull "$img"
done
for img in "$(cat images.txt)"; do
  docker pull "$img"
done
"""


def test_a_loop_over_the_steps_variables_pulls_each_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/workflows/e2e.yaml": WORKFLOW})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"], r["status"]) for r in records} == {
        (13, "ghcr.io/example/python-env:latest", "public"),
        (13, "gcr.io/example-samples/hello:1.0", "public"),
        (34, "ghcr.io/example/node-env-22:latest", "public"),
        (34, "ghcr.io/example/jvm-builder:latest", "public"),
    }  # the function's own line (`docker pull -q "$img"`, `$1`) is read at each call, not reported again


def test_a_loop_over_values_known_only_when_the_script_runs_stays_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"pull.sh": UNKNOWN})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"], r["status"]) for r in records} == {
        (3, None, "unresolved"),
        (6, None, "unresolved"),
    }


MATRIX_BRANCHES = """\
name: db
on: [push]
jobs:
  db:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        db: ["master", "v25.3"]
    steps:
      - run: |
          if [[ ${{ matrix.db }} == "master" ]]; then
            image=example/db:latest-master-build
          else
            image=example/db:latest-${{ matrix.db }}
          fi
          docker pull ${image}
"""


def test_a_line_the_file_leaves_unresolved_is_still_read_per_combination(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/workflows/db.yaml": MATRIX_BRANCHES})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {r["reference"] for r in records if r["status"] == "public"} == {
        "example/db:latest-master-build",
        "example/db:latest-master",
        "example/db:latest-v25.3",
    }
