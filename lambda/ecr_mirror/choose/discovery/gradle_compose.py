"""The compose files the Gradle docker-compose plugin runs, with the environment it gives them (pure).

The plugin (`com.avast.gradle.docker-compose`, https://github.com/avast/gradle-docker-compose-plugin) runs `docker
compose up` from Gradle tasks (`composeUp`, and `<name>ComposeUp` for each nested configuration): a `dockerCompose {
}` block in `build.gradle` (or `build.gradle.kts`) names the files (`useComposeFiles = ["docker-compose-kafka.yml"]`,
`useComposeFiles.set(listOf(...))`; compose's default file when left out) and the variables compose sees
(`environment.put "EVENTUATE_COMMON_VERSION", eventuateCommonImageVersion`). A nested block (`mysqlbinlogkafka {
... }`) starts from its parent's settings. A value is a string (`"${name}"` and `$name` from the project's
properties), a project property by name (`eventuateCommonImageVersion`, `project.name`, `project.property("name")`,
`findProperty("name")`), read from `gradle.properties`; another value (`System.getenv("TAG")`) is left out, and compose
falls back to its default. The files are relative to the build file's directory, as the plugin takes them. The runs are
read as a workflow step's are (cli/discover_workflows.py): an image that differs from the compose file's own reading
is listed too, its use naming the block's line.
"""

from __future__ import annotations

import os
import re

from ecr_mirror.choose.discovery.jib import _block_end
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.workflow_steps import ComposeRun

_BLOCK_RE = re.compile(r"(?<![\w.])dockerCompose\s*\{")
_NESTED_RE = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\s*\{")
_STRING = r"""(?:'([^'\n]*)'|"([^"\n]*)")"""
_PUT_RE = re.compile(rf"(?<![\w.])environment\.put\s*\(?\s*{_STRING}\s*,\s*([^\n;]*?)\s*\)?\s*(?:;|$)", re.M)
_FILES_RE = re.compile(r"(?<![\w.])useComposeFiles\s*(?:=|\.set\s*\()\s*(?:\[|listOf\s*\()([^\]\)]*)")
_STRING_RE = re.compile(_STRING)
_PROPERTY_RE = re.compile(rf"^(?:project\.)?(?:(?:find)?[Pp]roperty\s*\(\s*{_STRING}\s*\)|([A-Za-z_]\w*))$")
_INTERPOLATION_RE = re.compile(r"\$\{\s*(?:project\.)?([A-Za-z_][\w]*)\s*\}|\$(?:project\.)?([A-Za-z_]\w*)")
_PROPERTIES_LINE_RE = re.compile(r"^\s*([^#!\s=:][^=:\s]*)\s*[=:\s]\s*(.*?)\s*$")


def gradle_properties(text: str) -> dict[str, str]:
    """The `name=value` (or `name: value`) lines of a `gradle.properties` file; comments (`#`, `!`) skipped."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        if (match := _PROPERTIES_LINE_RE.match(line)) is not None:
            out[match.group(1)] = match.group(2)
    return out


def _value(written: str, properties: dict[str, str]) -> str | None:
    """A value of `environment.put`: a string with its properties interpolated, or a property; None otherwise."""
    string = _STRING_RE.fullmatch(written)
    if string is not None:
        if string.group(1) is not None:
            return string.group(1)  # a single-quoted Groovy string is not interpolated
        names = [a or b for a, b in _INTERPOLATION_RE.findall(string.group(2))]
        if any(name not in properties for name in names):
            return None
        return _INTERPOLATION_RE.sub(lambda m: properties[m.group(1) or m.group(2)], string.group(2))
    name = _PROPERTY_RE.match(written)
    if name is None:
        return None
    return properties.get(next(part for part in name.groups() if part is not None))


def _settings(body: str, properties: dict[str, str]) -> tuple[tuple[str, ...] | None, dict[str, str]]:
    """The files and environment a configuration's own lines (not those of its nested blocks) set."""
    files = _FILES_RE.search(body)
    env: dict[str, str] = {}
    for match in _PUT_RE.finditer(body):
        value = _value(match.group(3), properties)
        if value is not None:
            env[match.group(1) if match.group(1) is not None else match.group(2)] = value
    names = tuple(a or b for a, b in _STRING_RE.findall(files.group(1))) if files else None
    return names, env


def gradle_compose_runs(text: str, origin: str, properties: dict[str, str]) -> list[ComposeRun]:
    """The compose runs of the `dockerCompose` blocks of a Gradle build file, the top configuration first, then its
    nested ones, each with the variables it gives compose."""
    if "dockerCompose" not in text:
        return []
    directory = os.path.dirname(origin)
    runs: list[ComposeRun] = []
    lines = LineIndex(text)
    for block in _BLOCK_RE.finditer(text):
        end = _block_end(text, block.end())
        body = text[block.end() : end - 1]
        nested: list[tuple[int, str]] = []
        own, position = [], 0
        for match in _NESTED_RE.finditer(body):
            if match.start() < position:
                continue
            close = _block_end(body, match.end())
            nested.append((block.end() + match.start(), body[match.end() : close - 1]))
            own.append(body[position : match.start()])
            position = close
        files, env = _settings("".join([*own, body[position:]]), properties)
        line = lines.line(block.start())
        runs.append(ComposeRun(files, directory, tuple(sorted(env.items())), origin, line))
        for start, inner in nested:
            inner_files, inner_env = _settings(inner, properties)
            merged = tuple(sorted({**env, **inner_env}.items()))
            at = lines.line(start)
            runs.append(ComposeRun(inner_files if inner_files is not None else files, directory, merged, origin, at))
    return runs
