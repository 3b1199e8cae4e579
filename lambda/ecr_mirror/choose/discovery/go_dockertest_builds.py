"""The build arguments Go tests pass to the Dockerfiles they build with ory/dockertest (pure).

`pool.BuildAndRunWithBuildOptions(&dockertest.BuildOptions{ContextDir: "./testdata/docker", Dockerfile: "Dockerfile",
BuildArgs: []docker.BuildArg{{Name: "BASE_IMAGE", Value: "mysql:8"}}}, runOptions)` builds that Dockerfile with
those arguments before it starts the container (https://github.com/ory/dockertest, `BuildOptions`; `BuildArg` is
go-dockerclient's, re-exported as `github.com/ory/dockertest/v3/docker`): `ARG BASE_IMAGE` / `FROM $BASE_IMAGE` pulls
mysql:8 there. The context is relative to the test's package directory, where `go test` runs it; the Dockerfile is
`Dockerfile` unless named. A `BuildArgs` written in the options is that build's; one given by a field or a variable
(`BuildArgs: db.BuildArgs`, xo/usql's table of databases, each with its `[]dc.BuildArg{...}`) is, in turn, each
`[]...BuildArg{...}` list the file writes: one build per list. Only `Name`/`Value` pairs of literal strings are read;
a list with none adds no build. Read only in a Go file that imports dockertest and names `BuildOptions`.
"""

from __future__ import annotations

import posixpath
import re

from ecr_mirror.choose.discovery.command_builds import CommandBuild
from ecr_mirror.choose.discovery.go_test_tables import block_end
from ecr_mirror.choose.discovery.line_index import LineIndex

_IMPORT_RE = re.compile(r'(?:(?P<alias>[A-Za-z_]\w*)[ \t]+)?"github\.com/ory/dockertest(?:/v\d+)?"')
_LITERAL = r'(?:"(?P<{0}>[^"\\\n]*)"|`(?P<{0}_raw>[^`\n]*)`)'
_CONTEXT_RE = re.compile(r"(?<![\w.])ContextDir\s*:\s*" + _LITERAL.format("value"))
_DOCKERFILE_RE = re.compile(r"(?<![\w.])Dockerfile\s*:\s*" + _LITERAL.format("value"))
_ARGS_FIELD_RE = re.compile(r"(?<![\w.])BuildArgs\s*:\s*(?P<list>\[\]\s*[\w.]*BuildArg\s*\{)?")
_LIST_RE = re.compile(r"\[\]\s*(?:[A-Za-z_]\w*\.)?BuildArg\s*\{")
_PAIR_RE = re.compile(
    r"\{\s*Name\s*:\s*" + _LITERAL.format("name") + r"\s*,\s*Value\s*:\s*" + _LITERAL.format("value") + r"\s*,?\s*\}"
)


def _literal(match: re.Match[str], group: str) -> str:
    return match[group] if match[group] is not None else match[f"{group}_raw"]


def _pairs(text: str, start: int, end: int) -> tuple[tuple[str, str], ...]:
    """The literal `{Name: ..., Value: ...}` pairs of a `[]BuildArg{...}` list."""
    return tuple((_literal(pair, "name"), _literal(pair, "value")) for pair in _PAIR_RE.finditer(text, start, end))


def dockertest_builds(text: str, origin: str) -> list[CommandBuild]:
    """The Dockerfiles the file's dockertest `BuildOptions` build, each with the arguments of one build."""
    if not origin.endswith(".go") or (imported := _IMPORT_RE.search(text)) is None:
        return []
    package = imported["alias"] or "dockertest"
    blocks = [
        (match.end(), block_end(text, match.end()))
        for match in re.finditer(rf"(?<![\w.]){re.escape(package)}\.BuildOptions\s*\{{", text)
    ]
    lists = [  # the lists written apart from the options, for options that take theirs from a field or a variable
        (match.start(), _pairs(text, match.end(), block_end(text, match.end())))
        for match in _LIST_RE.finditer(text)
        if not any(start <= match.start() < end for start, end in blocks)
    ]
    builds: list[CommandBuild] = []
    lines = LineIndex(text)
    for start, end in blocks:
        context = _CONTEXT_RE.search(text, start, end)
        if context is None:
            continue
        named = _DOCKERFILE_RE.search(text, start, end)
        dockerfile = posixpath.join(_literal(context, "value"), _literal(named, "value") if named else "Dockerfile")
        field = _ARGS_FIELD_RE.search(text, start, end)
        if field is None:
            continue  # no arguments: the Dockerfile read alone says what it pulls
        if field["list"] is not None:
            given = [(field.start(), _pairs(text, field.end(), block_end(text, field.end())))]
        else:
            given = lists
        for at, args in given:
            if args:
                builds.append(CommandBuild(dockerfile, args, origin, lines.line(at)))
    return builds
