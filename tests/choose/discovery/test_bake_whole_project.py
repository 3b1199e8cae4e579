"""One docker-bake.hcl and its override file using every kind of value: variables (no default, an expression, a
number, a top-level attribute), inherits of missing and computed targets, merged maps, each kind of build context
and template, tags that are expressions, numbers or empty, and contexts, dockerfiles and inline Dockerfiles of every
form; the project's findings compared whole."""

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
    "hcl_everything": [
        (
            "docker-bake.hcl",
            """\
variable "ALPINE" {
  default = "3.20"
}
variable "REG" {}
variable "EXPR" {
  default = upper("x")
}
variable "NUM" {
  default = 3
}
TOP = "top"
variable "X" {
  description = "d"
}
group "default" {
  targets = ["app", "base", lower("x")]
}
target "base" {
  args = { A = "1", B = "${NONE}", C = upper("x"), D = "${TOP}", E = 5 }
  labels = { l1 = "a" }
  contexts = { c1 = "docker-image://base:${ALPINE}" }
}
target "app" {
  inherits = ["base", "missing", upper("x")]
  args = { B = "2" }
  labels = { l2 = "b" }
  contexts = {
    alpine = "docker-image://alpine:${ALPINE}"
    reg = "docker-image://${REG}/x:1"
    expr = "docker-image://${EXPR}/x:1"
    num = "docker-image://n:${NUM}"
    none = "docker-image://${NOPE}:1"
    src = "target:src"
    dir = "./dir"
    call = format("docker-image://%s", "a")
    dollar = "docker-image://a:$${X}"
    pct = "docker-image://a:%{ if true }x%{ endif }"
    fn = "docker-image://a:${lower(TOP)}"
    nested = "docker-image://a:${ "${TOP}" }"
    x = "docker-image://x:${X}"
    same = "docker-image://base:${ALPINE}"
    notstr = 5
    listy = ["a"]
  }
  tags = ["acme/app:${TOP}", "acme/app:${NOPE}", upper("x"), 5, "", "acme/app:latest"]
  dockerfile = "build/app.df"
  context = "./app"
}
target "exprtags" {
  tags = concat(["a"], ["b"])
}
target "git" {
  context = "https://github.com/acme/x.git"
}
target "gitssh" {
  context = "git@github.com:acme/x.git"
}
target "tgt" {
  context = "target:base"
}
target "unknownctx" {
  context = "${NOPE}"
}
target "unknowndf" {
  dockerfile = "${NOPE}"
}
target "inline" {
  dockerfile-inline = "FROM alpine\\n"
  dockerfile = "ignored"
  contexts = "notamap"
}
target "inline2" {
  dockerfile-inline = <<EOT
FROM busybox
EOT
}
""",
        ),
        (
            "docker-bake.override.hcl",
            """\
variable "ALPINE" {
  default = "3.21"
}
target "app" {
  args = { F = "6" }
  labels = "notamap"
}
target "added" {
  contexts = { a = "docker-image://added:1" }
}
""",
        ),
    ],
}

EXPECTED = {
    "hcl_everything": BakeProject(
        found=[
            _f("base:3.21", 21),
            _f("alpine:3.21", 28),
            _f("${REG}/x:1", 29, "${REG} has no default (bake takes it from the environment)"),
            _f("${EXPR}/x:1", 30, "the default of ${EXPR} is an expression this reader does not evaluate"),
            _f("n:3", 31),
            _f("${NOPE}:1", 32, "${NOPE} is not a variable of the bake files here"),
            _f(
                'format ( "docker-image://%s" , "a" )',
                35,
                '`format ( "docker-image://%s" , "a" )` is an expression this reader does not evaluate',
            ),
            _f("a:${X}", 36),
            _f("a:%{ if true }x%{ endif }", 37, "${if true} is an expression this reader does not evaluate"),
            _f("a:top", 38),  # a function call and a nested template inside `${ }` are evaluated, as bake does
            _f("a:top", 39),
            _f("x:${X}", 40, "${X} has no default (bake takes it from the environment)"),
            _f("base:3.21", 41),
            _f("added:1", 9, origin="docker-bake.override.hcl"),
        ],
        builds=[
            _b("Dockerfile", {"A": "1", "C": "X", "D": "top", "E": "5"}, ["c1"]),  # upper("x") evaluated
            _b(
                "app/build/app.df",
                {"A": "1", "B": "2", "C": "X", "D": "top", "E": "5", "F": "6"},
                [
                    "alpine",
                    "c1",
                    "call",
                    "dir",
                    "dollar",
                    "expr",
                    "fn",
                    "listy",
                    "nested",
                    "none",
                    "notstr",
                    "num",
                    "pct",
                    "reg",
                    "same",
                    "src",
                    "x",
                ],
            ),
            _b("Dockerfile", {}, []),
            _b("ignored", {}, [], inline="FROM alpine\n"),
            _b("Dockerfile", {}, [], inline="FROM busybox\n"),
            _b("Dockerfile", {}, ["a"]),
        ],
        tags=[
            _t("acme/app:top", 45),
            _t("5", 45),
            _t("acme/app:latest", 45),
        ],
        warnings=[
            "docker-bake.hcl:50: `tags` of target exprtags is an expression this reader does not evaluate; not read"
        ],
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
