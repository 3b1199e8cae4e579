"""A Python function whose docker command takes one of its parameters (`def _setup_test_image(name):` running
`['docker', 'pull', name]`): the parameter is what each call of the function in the file gives it
(`_setup_test_image('alpine:latest')`), not a value the same name is bound to elsewhere in the file (a fixture's
`name = 'kraken-build-index-01'`); a call with anything but a literal leaves that command unresolved."""

from __future__ import annotations

from ecr_mirror.choose.discovery.python_commands import python_docker_runs

CONFTEST = """\
import subprocess


def _setup_test_image(name, prefix='test/'):
    new_name = prefix + name
    for command in [
        ['docker', 'pull', name],
        ['docker', 'tag', name, new_name],
    ]:
        subprocess.check_call(command)
    return new_name


TEST_IMAGE = _setup_test_image('alpine:3.20')
TEST_IMAGE_2 = _setup_test_image(
    "redis:7.4",
)


def build_index():
    name = 'index-01'
    return name
"""


def _listed(text: str) -> list[tuple[str, int | None, bool]]:
    return [(item.text, item.line, item.problem is None) for item in python_docker_runs(text, "test/conftest.py")]


def test_each_literal_a_call_gives_the_parameter_is_pulled_at_the_calls_line() -> None:
    assert _listed(CONFTEST) == [("alpine:3.20", 14, True), ("redis:7.4", 15, True)]


def test_a_parameter_no_call_gives_a_literal_is_unresolved_not_another_binding_of_the_name() -> None:
    text = CONFTEST.replace("_setup_test_image('alpine:3.20')", "_setup_test_image(IMAGE)").replace(
        '    "redis:7.4",\n', "    IMAGE,\n"
    )
    assert [(text_, ok) for text_, _, ok in _listed(text)] == [("${name}", False)]
