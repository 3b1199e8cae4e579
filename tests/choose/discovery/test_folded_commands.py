"""A folded YAML block that is a command is read as YAML folds it: lines at the block's indentation joined, a blank
or a more indented line keeping its break, and a folded block under another key left as it is."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.folded_commands import folded_commands

STEPS = """\
steps:
  - run: >-
      docker pull
      redis:7.4

      docker run --rm
        -e A=1
      busybox:1.37 true
  - with:
      body: >
        docker pull
        nginx:1.27
"""


def test_only_lines_yaml_joins_are_continued() -> None:
    assert folded_commands(STEPS).splitlines() == [
        "steps:",
        "  - run: >-",
        "      docker pull \\",
        "      redis:7.4",
        "",
        "      docker run --rm",
        "        -e A=1",
        "      busybox:1.37 true",
        "  - with:",
        "      body: >",
        "        docker pull",
        "        nginx:1.27",
    ]


def test_the_images_of_folded_commands_keep_the_lines_they_start_on() -> None:
    found = docker_runs(folded_commands(STEPS), ".github/workflows/ci.yml")
    assert [(item.text, item.line) for item in found] == [("redis:7.4", 3)]


def test_text_without_a_folded_block_is_unchanged() -> None:
    text = "script:\n  - docker run --rm alpine:3.21 true\n  - echo '>'\n"
    assert folded_commands(text) == text
