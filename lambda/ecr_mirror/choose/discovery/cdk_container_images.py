"""The images an AWS CDK app's containers pull, named with `ContainerImage.fromRegistry(...)` (pure).

An AWS CDK app gives the container of an ECS or Fargate task definition (Batch's `EcsJobDefinition` containers, the
`ecs_patterns` services too) its image with `ContainerImage.fromRegistry(name)`: an image of Docker Hub or another
registry, which the task pulls when the service `cdk deploy` creates runs
(https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ecs.ContainerImage.html#static-fromwbrregistryname-props).
The call is spelled `ContainerImage.fromRegistry` in TypeScript, JavaScript and Java, `ContainerImage.from_registry`
in Python, `ContainerImage.FromRegistry` in C# and `awsecs.ContainerImage_FromRegistry(jsii.String(...), ...)` in Go.

Read in a source holding the bytes of one of those names, outside the app's tests (their assertions compare strings;
a `test`/`tests` directory, `test_*.py`, `*.test.ts`, `*Test.java`, `_test.go`...): the call's first argument, at its
line, `use` `image (AWS CDK ContainerImage.fromRegistry)`. Python's values are read from its syntax tree
(cdk_python_values.py: literals, f-strings of known names, parameter defaults, an environment variable's default);
in the other languages the argument is a string literal, a template literal (C# `$"..."`) whose `${name}` (`{name}`)
placeholders are names the file binds to literals, a name the file binds (source_names.py) or a `+` join of literals
and names. Not read: an argument known only when the app is synthesized or deployed (a construct's property,
`props.image`; a CDK context value), another expression, a commented line; `ContainerImage.fromAsset(...)` (an image
the app builds) and `fromEcrRepository(...)` (the account's own repository).
"""

from __future__ import annotations

import itertools
import re
from pathlib import PurePosixPath

from ecr_mirror.choose.discovery.cdk_python_values import python_registry_values
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import PART, SourceNames
from ecr_mirror.choose.discovery.testcontainers import language_of
from ecr_mirror.oci.reference import reference_or_none

USE = "image (AWS CDK ContainerImage.fromRegistry)"
MARKS = (b"fromRegistry", b"from_registry", b"FromRegistry")
_SUFFIXES = (".py", ".ts", ".js", ".mjs", ".cjs", ".mts", ".cts", ".java", ".kt", ".cs", ".go")
_TEST_DIRECTORIES = frozenset({"test", "tests", "__tests__", "testing", "spec", "e2e", "integration", "it"})
_TEST_NAME_RE = re.compile(
    r"(?:^test_.*\.py|_test\.(?:py|go)|\.(?:test|spec)\.[cm]?[jt]s|(?:Test|Tests|IT|Spec)\.(?:java|kt|cs))$"
)
_CALL_RE = re.compile(
    r"(?<![\w$])ContainerImage(?:[ \t]*\.[ \t]*(?:fromRegistry|FromRegistry)|_FromRegistry)[ \t]*\(\s*"
    r"(?:jsii\.String\([ \t]*)?"
)
_ARGUMENT_RE = re.compile(
    r"""(?:(?P<quote>["'])(?P<literal>[^"'\\\n]+)(?P=quote)|`(?P<template>[^`\\\n]*)`|\$"(?P<interpolated>[^"\\\n]*)"|"""
    r"(?P<joined>" + PART + r"(?:[ \t]*\+[ \t]*" + PART + r")*))[ \t]*[,)\n]"
)
_TEMPLATE_RE = re.compile(r"\$\{\s*([A-Za-z_$][\w$]*)\s*\}|\$\{")
# a JavaScript/TypeScript name bound to a template literal: `const GRAFANA = `grafana/grafana:${version}``
_TEMPLATE_BINDING_RE = re.compile(
    r"^[ \t]*(?:export[ \t]+)?(?:const|let|var)[ \t]+(?P<name>[A-Za-z_$][\w$]*)(?:[ \t]*:[ \t]*\w+)?[ \t]*=[ \t]*"
    r"`(?P<template>[^`\\\n]*)`[ \t]*;?",
    re.MULTILINE,
)
_INTERPOLATION_RE = re.compile(r"\{\s*([A-Za-z_]\w*)\s*\}|[{}]")
_COMMENTS = ("//", "/*", "*")
_MAX_VALUES = 16


def _in_tests(origin: str) -> bool:
    """Whether a source belongs to the app's tests, by its path."""
    path = PurePosixPath(origin.replace("\\", "/"))
    return _TEST_NAME_RE.search(path.name) is not None or any(
        part.lower() in _TEST_DIRECTORIES for part in path.parts[:-1]
    )


def may_name_registry_images(origin: str, data: bytes) -> bool:
    """Whether a source outside tests may call `ContainerImage.fromRegistry` (checked before it is decoded)."""
    return origin.endswith(_SUFFIXES) and any(mark in data for mark in MARKS) and not _in_tests(origin)


def _filled(template: str, placeholder: re.Pattern[str], names: SourceNames) -> list[str]:
    """The values of a template whose placeholders are names the file binds to literals; none when one is not."""
    pieces: list[list[str]] = []
    at = 0
    for match in placeholder.finditer(template):
        values = sorted({value for _, value in names.values(match[1])}) if match[1] else []
        if not values:
            return []
        pieces += [[template[at : match.start()]], values]
        at = match.end()
    pieces.append([template[at:]])
    return ["".join(parts) for parts in itertools.islice(itertools.product(*pieces), _MAX_VALUES)]


def _values(argument: re.Match[str], names: SourceNames, templates: dict[str, str]) -> list[str]:
    if argument["literal"] is not None:
        return [argument["literal"]]
    if argument["template"] is not None:
        return _filled(argument["template"], _TEMPLATE_RE, names)
    if argument["interpolated"] is not None:
        return _filled(argument["interpolated"], _INTERPOLATION_RE, names)
    if argument["joined"] in templates:
        return _filled(templates[argument["joined"]], _TEMPLATE_RE, names)
    return sorted({value for _, value in names.joined(argument.start(), argument["joined"])})


def _other_values(text: str) -> list[tuple[int, str]]:
    """(line, value) of each string a TypeScript, JavaScript, Java, Kotlin, C# or Go source's calls are given."""
    lines = LineIndex(text)
    names: SourceNames | None = None
    templates: dict[str, str] = {}
    given: list[tuple[int, str]] = []
    for call in _CALL_RE.finditer(text):
        argument = _ARGUMENT_RE.match(text, call.end())
        if argument is None or lines.led_by(call.start(), _COMMENTS):
            continue
        if names is None:
            names = SourceNames.of(text)
            templates = {match["name"]: match["template"] for match in _TEMPLATE_BINDING_RE.finditer(text)}
        given += [(lines.line(argument.start()), value) for value in _values(argument, names, templates)]
    return given


def cdk_registry_images(text: str, origin: str) -> list[Found]:
    """The images the `ContainerImage.fromRegistry(...)` calls of an AWS CDK app's source name, in order."""
    given = python_registry_values(text) if origin.endswith(".py") else _other_values(text)
    kind = f"{language_of(origin)} source"
    return [
        Found(value, origin, line, use=USE, kind=kind) for line, value in given if reference_or_none(value) is not None
    ]
