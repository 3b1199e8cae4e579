"""The values of a Gradle project property a Jib base image is written with (pure; cli/discover_properties.py
hands it the tree's texts).

A Gradle build file reads a project property with a default (`val targetJDK = project.findProperty("targetJDK") ?:
"17"`, Groovy `def targetJDK = project.findProperty('targetJDK') ?: '17'`) and writes Jib's base with it (`from.image
= "eclipse-temurin:$targetJDK"`, which jib.py leaves unresolved). Gradle sets a project property from the command
line's `-Pname=value` (https://docs.gradle.org/current/userguide/build_environment.html#sec:project_properties), so
the base Jib pulls (https://github.com/GoogleContainerTools/jib/tree/master/jib-gradle-plugin) is the default, and
each value a workflow's `gradlew` run of a Jib task (`jib`, `jibDockerBuild`, `jibBuildTar`) gives the property:
`./gradlew "$PROJECT:jibDockerBuild" -PtargetJDK=8`, `-PtargetJDK="$LATEST_JAVA_VERSION"` with the step's, job's or
workflow's literal `env:`. A run whose task names its project by a literal path (`:images:app:jib`) gives only the
build file of that directory; one through a variable (`$PROJECT:jib`, a reusable workflow's input) any build file
reading the property. A run of another task, a value with an unknown variable, and a variable that is not a project
property (`System.getenv(...)`) give nothing: the base stays unresolved.
"""

from __future__ import annotations

import posixpath
import re
import shlex

from ecr_mirror.choose.discovery.workflow_steps import step_commands
from ecr_mirror.errors import ConfigError

# `val targetJDK = project.findProperty("targetJDK") ?: "17"` (also `findProperty` alone, `property`, Groovy quotes,
# a cast: `(project.findProperty("targetJDK") as String?) ?: "17"`)
_PROPERTY_RE = re.compile(
    r"""^[ \t]*(?:val|var|def)\s+(?P<name>\w+)\s*(?::\s*[\w?]+\s*)?=\s*\(?\s*(?:project\s*\.\s*)?"""
    r"""(?:findProperty|property)\s*\(\s*["'](?P<property>[\w.-]+)["']\s*\)(?:\s+as\s+String\??\s*\))?"""
    r"""(?:\s*(?:\?\.\s*toString\(\)\s*)?\?:\s*["'](?P<default>[^"'$\n]*)["'])?""",
    re.MULTILINE,
)
_GRADLE_RE = re.compile(r"(?:^|[\s;&|(])(?:\./)?(?:gradlew|gradle)(?:\.bat)?\b")
_JIB_TASK_RE = re.compile(r"^(?P<project>.*:)?(?:jib|jibDockerBuild|jibBuildTar)$")
_DEFINE_RE = re.compile(r"^-P(?P<name>[\w.-]+)=(?P<value>.*)$")
_VARIABLE_RE = re.compile(r"\$\{(\w+)\}|\$(\w+)")


def property_of(text: str, variable: str) -> tuple[str, str | None] | None:
    """(the project property, its default or None) a build file binds `variable` to with `findProperty`."""
    for match in _PROPERTY_RE.finditer(text):
        if match["name"] == variable:
            return match["property"], match["default"]
    return None


def _expanded(word: str, env: dict[str, str]) -> str | None:
    """`word` with `$NAME`/`${NAME}` taken from `env`; None when one is not there."""
    missing: list[str] = []

    def _value(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        if name not in env:
            missing.append(name)
        return env.get(name, "")

    expanded = _VARIABLE_RE.sub(_value, word)
    return None if missing or "${{" in expanded else expanded


def _jib_runs(run: str, env: dict[str, str]) -> list[tuple[tuple[str, ...], dict[str, str]]]:
    """(the Jib tasks' project paths, `""` for one through a variable, and the `-P` properties) of each `gradlew` run
    of a Jib task in a step's commands."""
    out: list[tuple[tuple[str, ...], dict[str, str]]] = []
    for line in run.replace("\\\n", " ").splitlines():
        if _GRADLE_RE.search(line) is None:
            continue
        try:
            words = shlex.split(line, comments=True)
        except ValueError:
            continue
        projects: list[str] = []
        properties: dict[str, str] = {}
        for word in words:
            if (task := _JIB_TASK_RE.match(word)) is not None:
                project = task["project"] or ""
                projects.append("" if "$" in project else project.rstrip(":"))
            elif (define := _DEFINE_RE.match(word)) is not None and (value := _expanded(define["value"], env)):
                properties[define["name"]] = value
        if projects and properties:
            out.append((tuple(projects), properties))
    return out


def _builds(project: str, build_file: str) -> bool:
    """Whether a Jib task of `project` (`:images:app`, `""` for any) builds the project of `build_file`."""
    if not project:
        return True
    path = posixpath.dirname(posixpath.normpath(build_file)).replace("/", ":").strip(":")
    wanted = project.strip(":")
    return path == wanted or path.endswith(":" + wanted)


def ci_property_values(
    texts: dict[str, str], workflows: list[str], build_file: str, name: str
) -> list[tuple[str, str]]:
    """(value, `workflow:line`) of each value the workflows' `gradlew` runs of a Jib task building `build_file` give
    the project property `name`."""
    out: list[tuple[str, str]] = []
    for shown in workflows:
        try:
            commands = step_commands(texts[shown], shown)
        except ConfigError:
            continue
        for line, run, env in commands:
            for projects, properties in _jib_runs(run, env):
                value = properties.get(name)
                if value is not None and any(_builds(p, build_file) for p in projects):
                    entry = (value, f"{shown}:{line}")
                    out += [entry] if entry not in out else []
    return out
