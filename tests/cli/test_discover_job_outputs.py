"""`ecr-mirror discover` on workflows whose job images come from another job's literal `outputs:` (`needs.X.outputs.Y`,
also through the matrix and `fromJSON`), from a reusable workflow's matrix built from its inputs, and from a matrix
one of whose lists is known only when the workflow runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PARAMS = (
    "on: [push]\n"
    "jobs:\n"
    "  setup:\n"
    "    runs-on: ubuntu-latest\n"
    "    outputs:\n"
    "      runner_image: 'ghcr.io/acme/runner'\n"
    "      tag_suffix: '-r7'\n"
    '      pg14: \'{ "major": "14", "full": "14.12" }\'\n'
    '      pg15: \'{ "major": "15", "full": "15.7" }\'\n'
    "      computed: ${{ steps.pick.outputs.tag }}\n"
    "    steps:\n"
    "      - id: pick\n"
    "        run: echo tag=x >> $GITHUB_OUTPUT\n"
    "  lint:\n"
    "    needs: setup\n"
    "    runs-on: ubuntu-latest\n"
    "    container:\n"
    "      image: ${{ needs.setup.outputs.runner_image }}:lint${{ needs.setup.outputs.tag_suffix }}\n"
    "    steps:\n"
    "      - run: make lint\n"
    "  build:\n"
    "    needs: [setup]\n"
    "    strategy:\n"
    "      matrix:\n"
    "        image: ['${{ needs.setup.outputs.runner_image }}']\n"
    "        pg:\n"
    "          - ${{ needs.setup.outputs.pg14 }}\n"
    "          - ${{ needs.setup.outputs.pg15 }}\n"
    "    runs-on: ubuntu-latest\n"
    "    container:\n"
    '      image: "${{ matrix.image }}:${{ fromJson(matrix.pg).full }}${{ needs.setup.outputs.tag_suffix }}"\n'
    "    steps:\n"
    "      - run: make\n"
    "  computed:\n"
    "    needs: setup\n"
    "    runs-on: ubuntu-latest\n"
    "    container: ghcr.io/acme/tools:${{ needs.setup.outputs.computed }}\n"
    "    steps:\n"
    "      - run: make\n"
    "  unrelated:\n"
    "    runs-on: ubuntu-latest\n"
    "    container: ${{ needs.setup.outputs.runner_image }}:other\n"
    "    steps:\n"
    "      - run: make\n"
)


def test_a_job_image_takes_the_literal_outputs_of_the_jobs_it_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/workflows/ci.yml": PARAMS})
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = {(r["file"], r["line"], r["reference"], r["status"]) for r in records if r["status"] != "unresolved"}
    ci = ".github/workflows/ci.yml"
    assert rows == {
        (ci, 18, "ghcr.io/acme/runner:lint-r7", "public"),
        (ci, 31, "ghcr.io/acme/runner:14.12-r7", "public"),
        (ci, 31, "ghcr.io/acme/runner:15.7-r7", "public"),
    }
    # an output a step computes, and a job that does not need the job, are known only when the workflow runs
    unresolved = {(r["line"], r["status"]) for r in records if r["status"] == "unresolved"}
    assert unresolved == {(37, "unresolved"), (42, "unresolved")}


CALLER = (
    "on: [push]\n"
    "jobs:\n"
    "  params:\n"
    "    runs-on: ubuntu-latest\n"
    "    outputs:\n"
    "      image: 'ghcr.io/acme/tester'\n"
    '      v1: \'{ "major": "16", "full": "16.4" }\'\n'
    '      v2: \'{ "major": "17", "full": "17.2" }\'\n'
    "    steps:\n"
    "      - run: 'true'\n"
    "  tests:\n"
    "    needs: params\n"
    "    uses: ./.github/workflows/run-tests.yml\n"
    "    with:\n"
    "      versions: >\n"
    "        [\n"
    "          ${{ needs.params.outputs.v1 }},\n"
    "          ${{ needs.params.outputs.v2 }}\n"
    "        ]\n"
    '      targets: \'["check", "check-isolation"]\'\n'
    "      image: ${{ needs.params.outputs.image }}\n"
)
CALLED = (
    "on:\n"
    "  workflow_call:\n"
    "    inputs:\n"
    "      versions: {type: string, required: true}\n"
    "      targets: {type: string, required: true}\n"
    "      image: {type: string, required: true}\n"
    "jobs:\n"
    "  test:\n"
    "    strategy:\n"
    "      matrix:\n"
    "        version: ${{ fromJson(inputs.versions) }}\n"
    "        target: ${{ fromJson(inputs.targets) }}\n"
    "    runs-on: ubuntu-latest\n"
    "    container:\n"
    "      image: ${{ inputs.image }}:${{ matrix.version.full }}\n"
    "    steps:\n"
    "      - run: make ${{ matrix.target }}\n"
)


def test_a_reusable_workflow_matrix_is_built_from_the_inputs_each_call_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/workflows/ci.yml": CALLER, ".github/workflows/run-tests.yml": CALLED})
    records = discover_records(tmp_path, monkeypatch, capsys)
    called = ".github/workflows/run-tests.yml"
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        (called, 15, "ghcr.io/acme/tester:16.4", "public"),
        (called, 15, "ghcr.io/acme/tester:17.2", "public"),
    }


PARTIAL = (
    "on: [pull_request]\n"
    "jobs:\n"
    "  versions:\n"
    "    runs-on: ubuntu-latest\n"
    "    outputs:\n"
    "      list: ${{ steps.read.outputs.list }}\n"
    "    steps:\n"
    "      - id: read\n"
    "        run: echo 'list=[16,17]' >> $GITHUB_OUTPUT\n"
    "  deb:\n"
    "    needs: versions\n"
    "    strategy:\n"
    "      matrix:\n"
    "        distro: [debian-bookworm, ubuntu-jammy]\n"
    "        pg: ${{ fromJson(needs.versions.outputs.list) }}\n"
    "        exclude:\n"
    "          - distro: ubuntu-jammy\n"
    "            pg: 18\n"
    "    runs-on: ubuntu-latest\n"
    "    container:\n"
    "      image: acme/packaging:${{ matrix.distro }}\n"
    "    steps:\n"
    "      - run: make deb PG=${{ matrix.pg }}\n"
    "  rpm:\n"
    "    needs: versions\n"
    "    strategy:\n"
    "      matrix:\n"
    "        distro: [almalinux-9]\n"
    "        pg: ${{ fromJson(needs.versions.outputs.list) }}\n"
    "    runs-on: ubuntu-latest\n"
    "    container:\n"
    "      image: acme/packaging:${{ matrix.distro }}-pg${{ matrix.pg }}\n"
    "    steps:\n"
    "      - run: make rpm\n"
    "  whole:\n"
    "    needs: versions\n"
    "    strategy:\n"
    "      matrix: ${{ fromJson(needs.versions.outputs.list) }}\n"
    "    runs-on: ubuntu-latest\n"
    "    container:\n"
    "      image: acme/packaging:${{ matrix.distro }}\n"
    "    steps:\n"
    "      - run: make\n"
)


def test_the_literal_lists_of_a_matrix_are_read_when_another_is_known_only_at_run_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/workflows/packaging.yml": PARTIAL})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records if r["status"] != "unresolved"} == {
        (".github/workflows/packaging.yml", 21, "acme/packaging:debian-bookworm", "public"),
        (".github/workflows/packaging.yml", 21, "acme/packaging:ubuntu-jammy", "public"),
    }
    # an image using the list the run computes, or a matrix that is one expression, stays unresolved
    assert {(r["line"], r["status"]) for r in records if r["status"] == "unresolved"} == {
        (32, "unresolved"),
        (41, "unresolved"),
    }
