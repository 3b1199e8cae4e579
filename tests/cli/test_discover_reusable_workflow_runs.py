"""`ecr-mirror discover` on a reusable workflow whose `run:` steps read `${{ inputs.NAME }}`: each step read with the
inputs of each call the tree's workflows make, also through a reusable workflow that passes its own inputs on
(`jdk: ${{ inputs.jdk }}`), besides the declared default. Shaped after a release pipeline where a nightly workflow
calls `release.yml` with `jdk: '25'`, which calls the image-building workflow with its own `jdk`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

_BUILD = (
    "on:\n"
    "  workflow_dispatch:\n"
    "  workflow_call:\n"
    "    inputs:\n"
    "      jdk:\n"
    "        default: '21'\n"
    "        type: string\n"
    "      alpine:\n"
    "        default: '3.20'\n"
    "jobs:\n"
    "  images:\n"
    "    runs-on: ubuntu-latest\n"
    "    steps:\n"
    "      - uses: actions/checkout@v4\n"
    "      - run: |\n"
    '          ./gradlew jib -Djib.from.image="eclipse-temurin:${{ inputs.jdk }}" -Djib.to.image=acme/gw:1\n'
    "      - run: docker run --rm alpine:${{ inputs.alpine }} true\n"
)
_RELEASE = (
    "on:\n"
    "  workflow_dispatch:\n"
    "    inputs:\n"
    "      jdk:\n"
    "        default: '21'\n"
    "  workflow_call:\n"
    "    inputs:\n"
    "      jdk:\n"
    "        default: '21'\n"
    "        type: string\n"
    "jobs:\n"
    "  images:\n"
    "    uses: ./.github/workflows/build-images.yml\n"
    "    with:\n"
    '      jdk: "${{inputs.jdk}}"\n'
)
_NIGHTLY = (
    "on:\n"
    "  schedule:\n"
    "    - cron: '0 3 * * *'\n"
    "jobs:\n"
    "  release:\n"
    "    uses: ./.github/workflows/release.yml\n"
    "    with:\n"
    "      jdk: '25'\n"
)


def _images(records: list[dict[str, object]], name: str) -> set[tuple[object, object, object]]:
    return {(r["line"], r["reference"], r["status"]) for r in records if r["file"] == name}


def test_a_run_step_takes_the_inputs_a_caller_passes_through_another_reusable_workflow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            ".github/workflows/build-images.yml": _BUILD,
            ".github/workflows/release.yml": _RELEASE,
            ".github/workflows/nightly.yml": _NIGHTLY,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert _images(records, ".github/workflows/build-images.yml") == {
        (16, "eclipse-temurin:21", "public"),
        (16, "eclipse-temurin:25", "public"),
        (17, "alpine:3.20", "public"),
    }


def test_a_run_step_takes_each_direct_callers_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    caller = (
        "on: push\n"
        "jobs:\n"
        "  old:\n"
        "    uses: ./.github/workflows/build-images.yml\n"
        "    with:\n"
        "      jdk: '17'\n"
        "      alpine: '3.19'\n"
        "  new:\n"
        "    uses: ./.github/workflows/build-images.yml\n"
        "    with:\n"
        "      jdk: ${{ github.event.inputs.jdk }}\n"
    )
    write_tree(tmp_path, {".github/workflows/build-images.yml": _BUILD, ".github/workflows/ci.yml": caller})
    records = discover_records(tmp_path, monkeypatch, capsys)
    # the second call's value is known only when it runs: it leaves no guess, only the default and the first call
    assert _images(records, ".github/workflows/build-images.yml") == {
        (16, "eclipse-temurin:21", "public"),
        (16, "eclipse-temurin:17", "public"),
        (17, "alpine:3.20", "public"),
        (17, "alpine:3.19", "public"),
    }


def test_without_callers_a_run_step_keeps_its_declared_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/workflows/build-images.yml": _BUILD})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert _images(records, ".github/workflows/build-images.yml") == {
        (16, "eclipse-temurin:21", "public"),
        (17, "alpine:3.20", "public"),
    }
