"""Bake projects read at their edges: each file format's values (strings found by their line, numbers, booleans,
null), templates (`$${`, `%{`, nested strings and objects, an open string), variables and inherits at and past the
depth limit, groups (two, one without a label), build contexts of every kind, and what cannot be read quoted whole;
each project's findings compared whole."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.bake import BakeProject, bake_project
from ecr_mirror.choose.discovery.compose_build_specs import ComposeBuild
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.errors import ConfigError


def _variables(count: int) -> list[tuple[str, str]]:
    """V0 defined from V1, ... from V{count}, whose default is a literal; a target pulling and tagging `${V0}`."""
    chain = "".join(f'variable "V{i}" {{\n  default = "${{V{i + 1}}}"\n}}\n' for i in range(count))
    chain += f'variable "V{count}" {{\n  default = "end"\n}}\n'
    return [
        (
            "docker-bake.hcl",
            chain + 'target "a" {\n  tags = ["x:${V0}"]\n  contexts = { c = "docker-image://c:${V0}" }\n}\n',
        )
    ]


def _inherits(count: int) -> list[tuple[str, str]]:
    """T0 inherits T1, ... T{count}, which alone has tags and args; the default group builds T0."""
    chain = "".join(f'target "T{i}" {{\n  inherits = ["T{i + 1}"]\n}}\n' for i in range(count))
    chain += f'target "T{count}" {{\n  tags = ["deep:1"]\n  args = {{ A = "a" }}\n}}\n'
    return [("docker-bake.hcl", chain + 'group "default" {\n  targets = ["T0"]\n}\n')]


def _f(text: str, line: int | None, problem: str | None = None, origin: str = "docker-bake.hcl") -> Found:
    return Found(text, origin, line, problem, "contexts", "bake file")


def _t(name: str, line: int, origin: str = "docker-bake.hcl") -> LocalBuild:
    return LocalBuild(name, origin, line, "bake tags")


def _b(dockerfile: str, args: dict[str, str], contexts: list[str], inline: str | None = None) -> ComposeBuild:
    return ComposeBuild(dockerfile, inline, args, None, named_contexts=frozenset(contexts))


CASES = {
    "a_group_whose_targets_is_no_list": [
        (
            "docker-bake.hcl",
            """\
group "g" {
  targets = "a"
}
target "a" {
  inherits = ["b"]
}
target "b" {
  tags = ["b:1"]
}
""",
        ),
    ],
    "a_group_without_a_label": [
        (
            "docker-bake.hcl",
            """\
target "_base" {
  tags = ["base:1"]
}
target "_other" {
  tags = ["other:1"]
}
target "app" {
  inherits = ["_base", "_other"]
}
group {
  targets = ["_base"]
}
""",
        ),
    ],
    "a_template_holding_a_string": [
        (
            "docker-bake.hcl",
            """\
target "a" {
  contexts = { x = "docker-image://x:${ "a" }", y = "docker-image://y:${{}" }
}
""",
        ),
    ],
    "inherits_at_the_depth_limit": _inherits(17),
    "inherits_past_the_depth_limit": _inherits(18),
    "templates_and_a_null_context": [
        (
            "docker-bake.hcl",
            """\
TOP = "t"
target "app" {
  contexts = {
    n = null
    a = "docker-image://a:$${X}-${TOP}"
    b = "docker-image://b:${coalesce(X, "")}"
    c = "docker-image://c:${ {v = 1}.v }"
  }
}
""",
        ),
    ],
    "two_groups": [
        (
            "docker-bake.hcl",
            """\
target "_base" {
  tags = ["base:1"]
}
target "_other" {
  tags = ["other:1"]
}
target "app" {
  inherits = ["_base", "_other"]
}
group "one" {
  targets = ["_base"]
}
group "two" {
  targets = ["app"]
}
""",
        ),
    ],
    "variables_at_the_depth_limit": _variables(15),
    "variables_past_the_depth_limit": _variables(16),
}

EXPECTED = {
    "a_group_whose_targets_is_no_list": BakeProject(
        found=[],
        builds=[
            _b("Dockerfile", {}, []),
        ],
        tags=[
            _t("b:1", 8),
        ],
        warnings=[],
    ),
    "a_group_without_a_label": BakeProject(
        found=[],
        builds=[_b("Dockerfile", {}, [])],  # one build: identical builds are read once
        tags=[
            _t("base:1", 2),
            _t("other:1", 5),
        ],
        warnings=[],
    ),
    "a_template_holding_a_string": BakeProject(
        found=[
            _f("x:a", 2),  # bake evaluates the string inside `${ }`
            _f("y:${{}", 2, "a `${` without its closing `}`"),
        ],
        builds=[
            _b("Dockerfile", {}, ["x", "y"]),
        ],
        tags=[],
        warnings=[],
    ),
    "inherits_at_the_depth_limit": BakeProject(
        found=[],
        builds=[
            _b("Dockerfile", {"A": "a"}, []),
        ],
        tags=[
            _t("deep:1", 53),
        ],
        warnings=[],
    ),
    "inherits_past_the_depth_limit": BakeProject(
        found=[],
        builds=[
            _b("Dockerfile", {}, []),
        ],
        tags=[],
        warnings=[],
    ),
    "templates_and_a_null_context": BakeProject(
        found=[
            _f("a:${X}-t", 5),
            _f('b:${coalesce(X, "")}', 6, '${coalesce(X, "")} is an expression this reader does not evaluate'),
            _f("c:${ {v = 1}.v }", 7, "${{v = 1}.v} is an expression this reader does not evaluate"),
        ],
        builds=[
            _b("Dockerfile", {}, ["a", "b", "c", "n"]),
        ],
        tags=[],
        warnings=[],
    ),
    "two_groups": BakeProject(
        found=[],
        builds=[_b("Dockerfile", {}, [])],  # one build: identical builds are read once
        tags=[
            _t("base:1", 2),
            _t("other:1", 5),
        ],
        warnings=[],
    ),
    "variables_at_the_depth_limit": BakeProject(
        found=[
            _f("c:end", 51),
        ],
        builds=[
            _b("Dockerfile", {}, ["c"]),
        ],
        tags=[
            _t("x:end", 50),
        ],
        warnings=[],
    ),
    "variables_past_the_depth_limit": BakeProject(
        found=[
            _f("c:${V0}", 54, "variables defined from each other too deeply"),
        ],
        builds=[
            _b("Dockerfile", {}, ["c"]),
        ],
        tags=[],
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
