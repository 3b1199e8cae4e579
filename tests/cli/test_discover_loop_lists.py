"""`ecr-mirror discover` on scripts that pre-pull images in a loop over a list the same script writes: a string of
words, one a line (`IMAGES="..."`, then `for image in ${IMAGES}`), or a bash array of `"IMAGE NAME"` pairs whose
body cuts the image out (`img=$(echo "$item" | cut -d " " -f 1)`, then `docker pull "${img}"`), as image pre-pull
scripts for minikube or kind clusters write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PRELOAD = """\
#!/bin/bash
if [[ -n "${PRELOAD}" ]]; then
    IMAGES="
    example/server:24.3
    example/server:25.3
    docker.io/example/keeper:3.8
    "
    for image in ${IMAGES}; do
        docker pull -q ${image} && \\
        minikube image load ${image}
    done
fi
"""

CACHE = """\
#!/bin/bash
SERVER_IMAGE=${SERVER_IMAGE:="example/server:23.8"}
KIC_IMAGE=${KIC_IMAGE:-"gcr.io/example/kicbase:v0.0.42"}
OPERATOR_IMAGE="example/operator:${OPERATOR_VERSION:-0.23.0}"

ALL_IMAGES=(
  "${SERVER_IMAGE} server"
  "${KIC_IMAGE} kicbase"
  # the operator
  "${OPERATOR_IMAGE} operator"
  "busybox busybox"
)
for item in "${ALL_IMAGES[@]}"; do
  img=$(echo "$item" | cut -d " " -f 1)
  file=$(echo "$item" | awk '{print $2}')
  if [[ "$(docker images -q "${img}" 2> /dev/null)" == "" ]]; then
      docker pull "${img}"
  fi
  docker save "${img}" -o "cache/${file}.tar"
done
"""

NOT_LITERAL = """\
#!/bin/bash
IMAGES="$(cat images.txt)"
for image in ${IMAGES}; do docker pull "$image"; done
LISTED=(a/b:1)
LISTED+=(c/d:2)
for image in "${LISTED[@]}"; do docker pull "$image"; done
"""


def test_loops_over_a_list_the_script_writes_pull_each_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tests/preload.sh": PRELOAD, "tests/image/cache.sh": CACHE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("tests/preload.sh", 9, "example/server:24.3", "public"),
        ("tests/preload.sh", 9, "example/server:25.3", "public"),
        ("tests/preload.sh", 9, "example/keeper:3.8", "public"),
        ("tests/image/cache.sh", 17, "example/server:23.8", "public"),
        ("tests/image/cache.sh", 17, "gcr.io/example/kicbase:v0.0.42", "public"),
        ("tests/image/cache.sh", 17, "example/operator:0.23.0", "public"),
        ("tests/image/cache.sh", 17, "busybox:latest", "public"),
    }


def test_a_list_known_only_when_the_script_runs_stays_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"pull.sh": NOT_LITERAL})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"], r["status"]) for r in records} == {
        (3, None, "unresolved"),
        (6, None, "unresolved"),
    }


SMOKE = """\
#!/bin/bash
# Smoke tests against several server versions.
VERSIONS=( \\
    11.2 \\
    12 \\
    13 \\
)

for version in "${VERSIONS[@]}"; do
    docker pull "example/db:$version" > /dev/null &
done
wait
"""


def test_an_array_written_with_line_continuations_is_a_list_of_its_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tests/test-smoke": SMOKE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("tests/test-smoke", 10, "example/db:11.2", "public"),
        ("tests/test-smoke", 10, "example/db:12", "public"),
        ("tests/test-smoke", 10, "example/db:13", "public"),
    }
