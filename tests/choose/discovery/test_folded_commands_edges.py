"""Folded command blocks at the edges: a block on the file's first line, an empty block before another one, a block
running to the end of the text, a blank line inside a block, a block followed at once by less indented text, lines
already continued."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.folded_commands import folded_commands


def test_a_block_opened_on_the_first_line_and_running_to_the_end_of_the_text() -> None:
    assert folded_commands("run: >\n  docker pull\n  redis:7.4\n") == "run: >\n  docker pull \\\n  redis:7.4\n"
    assert folded_commands("- >-\n  docker pull\n  redis:7.4") == "- >-\n  docker pull \\\n  redis:7.4"


def test_an_empty_block_does_not_hide_the_next_item() -> None:
    text = "- run: >\n- run: >\n    docker pull\n    nginx:1.27\n"
    assert folded_commands(text) == "- run: >\n- run: >\n    docker pull \\\n    nginx:1.27\n"
    assert [(item.text, item.line) for item in docker_runs(folded_commands(text), "ci.yml")] == [("nginx:1.27", 3)]


def test_a_block_ends_at_the_first_less_indented_line() -> None:
    text = "- run: >\n    echo one\n- run: >\n    docker pull\n    nginx:1.27\n- name: x\n  run: echo\n"
    assert folded_commands(text).splitlines() == [
        "- run: >",
        "    echo one",
        "- run: >",
        "    docker pull \\",
        "    nginx:1.27",
        "- name: x",
        "  run: echo",
    ]


def test_a_blank_line_inside_a_block_keeps_its_break_and_the_block_goes_on() -> None:
    text = "run: >\n  docker pull\n  redis:7.4\n\n  docker pull\n  nginx:1.27\nnext: 1\n"
    assert folded_commands(text).splitlines() == [
        "run: >",
        "  docker pull \\",
        "  redis:7.4",
        "",
        "  docker pull \\",
        "  nginx:1.27",
        "next: 1",
    ]
    found = docker_runs(folded_commands(text), "ci.yml")
    assert [(item.text, item.line) for item in found] == [("redis:7.4", 2), ("nginx:1.27", 5)]


def test_a_line_already_continued_is_left_as_it_is() -> None:
    text = "run: >\n  docker pull \\\n  redis:7.4\n\n  docker pull \\  \n  nginx:1.27\n"
    assert folded_commands(text) == text
