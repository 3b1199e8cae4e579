"""node_commands' argument arrays: elements that stop the reading (concatenations, a template string with quotes, a
string with escapes after an expression), run-time elements named after JS_EXPRESSION, the array's end, a
podman-only file, lines counted from a leading blank line."""

from __future__ import annotations

from ecr_mirror.choose.discovery.node_commands import node_docker_runs

UNKNOWN = "$JS_EXPRESSION has no value in this file (set by the environment, the command line or a caller)"


def _listed(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in node_docker_runs(text, "scripts/e2e.ts")]


def test_elements_after_which_nothing_is_read() -> None:
    for element in ("'acme/' + tag", '"acme/" + tag', '`--label=${a}"b`', 'prefix + "-\\"x\\""'):
        assert _listed(f'spawn("docker", ["run", {element}, "acme/after:1"]);\n') == [], element


def test_run_time_elements_that_are_no_plain_name() -> None:
    text = 'spawn("docker", ["run", imageFor("x")]);\nspawn("docker", ["run", `ghcr.io/acme/${cfg.name}:1`]);\n'
    assert _listed(text) == [("${JS_EXPRESSION}", 1, UNKNOWN), ("ghcr.io/acme/${JS_EXPRESSION}:1", 2, UNKNOWN)]


def test_the_array_ends_the_arguments() -> None:
    assert _listed('spawn("docker", ["run", "--rm"], "acme/not-an-argument:1");\n') == []
    assert _listed('spawn("docker", ["run", "acme/unclosed:1",') == [("acme/unclosed:1", 1, None)]


def test_a_file_with_podman_only_and_a_leading_blank_line() -> None:
    assert _listed('\n\nexecSync("podman run acme/p:1");\n') == [("acme/p:1", 3, None)]
