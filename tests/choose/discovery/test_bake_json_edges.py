"""docker-bake.json projects at their edges: strings found by their line (escaped, after a blank first line),
numbers, booleans, null and lists as variable defaults, groups, an HCL file overriding, an open string in a
template, and what cannot be read quoted whole; each project's findings compared whole."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.bake import BakeProject, bake_project
from ecr_mirror.choose.discovery.compose_build_specs import ComposeBuild
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.errors import ConfigError


def _f(text: str, line: int | None, problem: str | None = None, origin: str = "docker-bake.hcl") -> Found:
    return Found(text, origin, line, problem, "contexts", "bake file")


def _t(name: str, line: int, origin: str = "docker-bake.hcl") -> LocalBuild:
    return LocalBuild(name, origin, line, "bake tags")


def _b(dockerfile: str, args: dict[str, str], contexts: list[str], inline: str | None = None) -> ComposeBuild:
    return ComposeBuild(dockerfile, inline, args, None, named_contexts=frozenset(contexts))


CASES = {
    "json_escaped_slashes": [
        (
            "docker-bake.json",
            '{"target": {"app": {"contexts": {"a": "docker-image:\\/\\/alpine:3.20"}, "tags": ["acme\\/app:1", 2]}}}',
        ),
    ],
    "json_lines": [
        (
            "docker-bake.json",
            """\
{
  "target": {
    "a": {
      "tags": [
        "acme/a:1"
      ],
      "contexts": {"x": "docker-image://x:1"}
    },
    "b": {"tags": ["acme/a:1", "acme/b:1"]}
  }
}
""",
        ),
    ],
    "json_not_an_object": [
        ("docker-bake.json", "[1, 2]"),
    ],
    "json_starting_with_a_blank_line": [
        (
            "docker-bake.json",
            """\

{"target": {"app": {"contexts": {"a": "docker-image://alpine:3.20"}}}}""",
        ),
    ],
    "json_target_not_an_object": [
        ("docker-bake.json", '{"target": {"a": "x"}}'),
    ],
    "json_template_with_an_open_string": [
        ("docker-bake.json", '{"target": {"app": {"contexts": {"a": "docker-image://a:${f(\\"x)}"}}}}'),
    ],
    "json_with_an_hcl_override": [
        (
            "docker-bake.json",
            """\
{
  "variable": {
    "TAG": {"default": "1.0"},
    "FLAG": {"default": true},
    "N": {"default": 3},
    "F": {"default": 1.5},
    "NUL": {"default": null},
    "L": {"default": ["a"]},
    "NOSPEC": "x",
    "NODEF": {}
  },
  "group": {"default": {"targets": ["app", 3]}, "bad": "x", "empty": {}},
  "target": {
    "app": {
      "context": ".",
      "contexts": {
        "base": "docker-image://base:${TAG}",
        "f": "docker-image://f:${FLAG}",
        "n": "docker-image://n:${N}",
        "fl": "docker-image://fl:${F}",
        "nul": "docker-image://nul:${NUL}",
        "l": "docker-image://l:${L}"
      },
      "tags": ["acme/app:${TAG}"],
      "args": {"A": "x", "B": 1, "C": null}
    },
    "other": {"inherits": ["app"], "contexts": {"o": "docker-image://o:1"}}
  }
}
""",
        ),
        (
            "docker-bake.hcl",
            """\
target "other" {
  tags = ["acme/other:1"]
}
""",
        ),
    ],
}

EXPECTED = {
    "json_escaped_slashes": BakeProject(
        found=[
            _f("alpine:3.20", None, origin="docker-bake.json"),
        ],
        builds=[
            _b("Dockerfile", {}, ["a"]),
        ],
        tags=[
            _t("acme/app:1", 0, origin="docker-bake.json"),
            _t("2", 0, origin="docker-bake.json"),
        ],
        warnings=[],
    ),
    "json_lines": BakeProject(
        found=[
            _f("x:1", 7, origin="docker-bake.json"),
        ],
        builds=[
            _b("Dockerfile", {}, ["x"]),
            _b("Dockerfile", {}, []),
        ],
        tags=[
            _t("acme/a:1", 5, origin="docker-bake.json"),
            _t("acme/a:1", 5, origin="docker-bake.json"),
            _t("acme/b:1", 9, origin="docker-bake.json"),
        ],
        warnings=[],
    ),
    "json_not_an_object": ConfigError("docker-bake.json: not read as a bake file: not a JSON object"),
    "json_starting_with_a_blank_line": BakeProject(
        found=[
            _f("alpine:3.20", 2, origin="docker-bake.json"),
        ],
        builds=[
            _b("Dockerfile", {}, ["a"]),
        ],
        tags=[],
        warnings=[],
    ),
    "json_target_not_an_object": ConfigError("docker-bake.json: not read as a bake file: target 'a' is not an object"),
    "json_template_with_an_open_string": BakeProject(
        found=[
            _f('a:${f("x)}', 1, "a `${` without its closing `}`", origin="docker-bake.json"),
        ],
        builds=[
            _b("Dockerfile", {}, ["a"]),
        ],
        tags=[],
        warnings=[],
    ),
    "json_with_an_hcl_override": BakeProject(
        found=[
            _f("base:1.0", 17, origin="docker-bake.json"),
            _f("f:true", 18, origin="docker-bake.json"),
            _f("n:3", 19, origin="docker-bake.json"),
            _f("fl:1.5", 20, origin="docker-bake.json"),
            _f(
                "nul:${NUL}",
                21,
                "${NUL} has no default (bake takes it from the environment)",
                origin="docker-bake.json",
            ),
            _f(
                "l:${L}",
                22,
                "the default of ${L} is an expression this reader does not evaluate",
                origin="docker-bake.json",
            ),
            _f("o:1", 27, origin="docker-bake.json"),
        ],
        builds=[
            _b("Dockerfile", {"A": "x", "B": "1"}, ["base", "f", "fl", "l", "n", "nul"]),
            _b("Dockerfile", {"A": "x", "B": "1"}, ["base", "f", "fl", "l", "n", "nul", "o"]),
        ],
        tags=[
            _t("acme/app:1.0", 24, origin="docker-bake.json"),
            _t("acme/other:1", 2),
        ],
        warnings=[],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_project_read_whole(name: str) -> None:
    expected = EXPECTED[name]
    if isinstance(expected, ConfigError):
        with pytest.raises(ConfigError) as caught:
            bake_project(CASES[name])
        assert str(caught.value) == str(expected)
        return
    assert bake_project(CASES[name]) == expected
