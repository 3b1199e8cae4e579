"""`discover` on big generated files of a monorepo: many matches in one file, or on one line. The readers once counted
each match's line from the file's start, searched the text before each call again, or read each command's position
from the line's start (quadratic in the matches); the outcome is asserted here: every image listed, each at its
line however deep in the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.choose.discovery.tilt import tilt_builds
from tests.support.trees import tree_records

MANY = 3_000


def _uses(records: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    return sorted((record["written"], record["file"], record["line"]) for record in records)


def test_a_magefile_of_many_slice_commands_lists_each_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    body = "".join(
        f'\targs{i} := []string{{"run", "--rm", "acme/tool{i}:1"}}\n\t_ = exec.Command("docker", args{i}...).Run()\n'
        for i in range(MANY)
    )
    text = f'package main\n\nimport "os/exec"\n\nfunc Lint() {{\n{body}}}\n'
    records = tree_records({"magefiles/lint.go": text}, tmp_path, capsys)
    assert _uses(records) == sorted((f"acme/tool{i}:1", "magefiles/lint.go", 7 + 2 * i) for i in range(MANY))


def test_an_e2e_suite_of_many_image_fields_lists_each_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    body = "".join(f'\t{{Name: "c{i}", Image: "acme/svc{i}:1"}},\n' for i in range(MANY))
    text = f"//go:build e2e\n\npackage e2e\n\nvar containers = []Container{{\n{body}}}\n"
    records = tree_records({"test/e2e/suite_test.go": text}, tmp_path, capsys)
    assert _uses(records) == sorted((f"acme/svc{i}:1", "test/e2e/suite_test.go", 6 + i) for i in range(MANY))


@pytest.mark.parametrize("separator", ["\n", ""])
def test_a_script_of_many_docker_calls_lists_each_at_its_line_also_minified(
    separator: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    calls = "".join(f'execSync("docker run --rm acme/js{i}:1");{separator}' for i in range(MANY))
    text = f'const {{ execSync }} = require("child_process");\n{calls}'
    records = tree_records({"scripts/pull.js": text}, tmp_path, capsys)
    lines = [2 + i if separator else 2 for i in range(MANY)]
    assert _uses(records) == sorted((f"acme/js{i}:1", "scripts/pull.js", lines[i]) for i in range(MANY))


def test_a_tiltfile_of_many_builds_gives_each_its_line() -> None:
    text = "# the services\n" + "".join(f'docker_build("acme/t{i}", "./s{i}")\n' for i in range(MANY))
    builds = tilt_builds(text, "Tiltfile").builds
    assert [(build.name, build.line) for build in builds] == [(f"acme/t{i}", 2 + i) for i in range(MANY)]


@pytest.mark.parametrize("operator", [";", "&&", " ; ", "||"])
def test_a_line_of_many_make_calls_glued_by_operators_passes_each_value(
    operator: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    # a Makefile is read with at most 32 sets of values: the calls pass 16, each many times
    script = "#!/bin/sh\ntrue" + "".join(f"{operator}make run IMG=acme/m{i % 16}:1" for i in range(MANY)) + "\n"
    tree = {"Makefile": "run:\n\tdocker run --rm $(IMG)\n", "ci/all.sh": script}
    records = [record for record in tree_records(tree, tmp_path, capsys) if record["status"] == "public"]
    assert _uses(records) == sorted((f"acme/m{i}:1", "Makefile", 2) for i in range(16))


@pytest.mark.parametrize("separator", [";", "; ", " && "])
def test_a_script_line_of_many_docker_runs_lists_each(
    separator: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    line = separator.join(f"docker run --rm acme/s{i}:1" for i in range(MANY))
    records = tree_records({"ci/run.sh": f"#!/bin/sh\nset -e\n{line}\n"}, tmp_path, capsys)
    assert _uses(records) == sorted((f"acme/s{i}:1", "ci/run.sh", 3) for i in range(MANY))


def test_a_minified_package_json_of_escaped_scripts_lists_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    scripts = ",".join(f'"pull:{i}":"docker run --rm acme\\/js{i}:1 \\u0026\\u0026 echo ok"' for i in range(MANY))
    text = '{"name":"web","private":true,"scripts":{' + scripts + "}}\n"
    records = tree_records({"web/package.json": text}, tmp_path, capsys)
    assert _uses(records) == sorted((f"acme/js{i}:1", "web/package.json", 1) for i in range(MANY))
