"""Odd but real input this round's readers must get through: a loop body's long assignment that is no field cut, a
script of many assignments, a justfile line of many unclosed `{{`, a deeply nested JSON file of test images. Each
input is sized so that a reading that backtracks or rescans (exponential, or quadratic in the lines) does not end;
the outcome is asserted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.go_e2e_images import e2e_images
from ecr_mirror.choose.discovery.python_format import formatted
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.cli.discover_scripts import command_pulls
from tests.support.trees import discover_records, write_tree

# a body line that assigns from the loop's word with many references and a blank (no field cut, no plain value)
LOOP = (
    "#!/bin/bash\n"
    "for name in redis valkey; do\n"
    "  cmd=${RUNTIME}/${REGISTRY}/${ORG}/${PROJECT}/${name}/${VERSION}/${ARCH}/${OS}/${VARIANT}/${SUFFIX}/${FLAVOR}"
    "/${BUILD}/${EXTRA}/${MORE}/${LAST} --rm\n"
    '  docker pull "library/$name:7"\n'
    "done\n"
)


def test_a_long_assignment_from_the_loop_word_is_read_without_backtracking() -> None:
    assert [(item.text, item.line) for item in command_pulls(LOOP, "ci/pull.sh")] == [
        ("library/redis:7", 4),
        ("library/valkey:7", 4),
    ]


def test_a_script_of_many_assignments_and_a_loop_over_a_list() -> None:
    assignments = "".join(f'SETTING_{index}="value-{index}"\n' for index in range(20_000))
    text = (
        '#!/bin/bash\nIMAGES="redis:7 valkey/valkey:8"\n' + assignments + "for i in $IMAGES; do docker pull $i; done\n"
    )
    found = command_pulls(text, "ci/env.sh")
    assert [(item.text, item.line) for item in found] == [("redis:7", 20_003), ("valkey/valkey:8", 20_003)]


def test_a_justfile_line_of_many_unclosed_interpolations() -> None:
    text = 'tag := "7.2"\n\nrun:\n    docker run --rm redis:{{ tag }} echo ' + "{{ x " * 50_000 + "\n"
    assert [(item.text, item.line) for item in command_pulls(text, "justfile")] == [("redis:7.2", 4)]


SETUP = """\
import { GenericContainer } from 'testcontainers';
import config from './images.json';

export const db = new GenericContainer(config.images.postgres);
export const cache = new GenericContainer('redis:7.2');
"""


def test_a_deeply_nested_json_file_of_test_images_is_no_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    nested = '{"images": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    write_tree(tmp_path, {"tests/setup.ts": SETUP, "tests/images.json": nested})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["reference"], r["file"], r["line"]) for r in records] == [("redis:7.2", "tests/setup.ts", 5)]


def test_an_e2e_suite_of_many_bindings_and_image_constants() -> None:
    settings = "".join(f'var setting{index} = "value-{index}"\n' for index in range(20_000))
    images = "".join(f'var app{index}Image = "ghcr.io/acme/app{index}:1.0"\n' for index in range(2_000))
    text = "//go:build e2e\n\npackage e2e\n\n" + settings + images + 'var localImage = "acme/local:dev"\n'
    text += 'func setup() { exec.Command("make", "docker-build", "IMG="+localImage) }\n'
    found = e2e_images(text, "test/e2e/apps_test.go")
    assert len(found) == 2_000
    assert (found[0].text, found[0].line) == ("ghcr.io/acme/app0:1.0", 20_005)
    assert (found[-1].text, found[-1].line) == ("ghcr.io/acme/app1999:1.0", 22_004)


def test_many_formatted_commands_each_filled_in_from_its_own_function() -> None:
    functions = "".join(
        f'def job_{index}(c):\n    tag = "{index}.0"\n'
        '    c.run("docker run acme/tool-{}:{}".format(VERSION, tag))\n\n'
        for index in range(20_000)
    )
    text = 'from invoke import task\n\nVERSION = "1.4"\n\n' + functions
    module = SourceNames.of(text)
    literals = [match for match in re.finditer(r'"(docker run [^"]*)"', text)]
    filled = [formatted(text, match.group(1), match.end(), module) for match in literals]
    assert filled[0] == "docker run acme/tool-1.4:0.0"
    assert filled[-1] == "docker run acme/tool-1.4:19999.0"
    assert len(set(filled)) == 20_000
