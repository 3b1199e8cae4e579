"""The base images of the Dockerfiles a Gradle build writes with the Gradle Docker plugin (pure).

The Gradle Docker plugin (https://bmuschko.github.io/gradle-docker-plugin/current/user-guide/, `com.bmuschko.docker-
remote-api`) has a `Dockerfile` task type that writes a Dockerfile from Groovy or Kotlin calls, `from 'IMAGE'` its
`FROM` instruction (`from(Dockerfile.From("IMAGE"))` too), which a `DockerBuildImage` task then builds, pulling the
base (blackduck-docker-inspector's `createTestDockerfile` task, `from 'centos@sha256:773b...'`); and its convention
plugins write one from `docker { javaApplication { baseImage = 'IMAGE' } }` (`springBootApplication`, Kotlin's
`baseImage.set("IMAGE")`); the Micronaut Gradle plugin's `dockerfile` and `dockerfileNative` tasks write the
Dockerfile its `dockerBuild`/`dockerBuildNative` build, `FROM` their `baseImage` (`tasks.named("dockerfileNative") {
baseImage = "amazonlinux:2023" }`, `baseImage("...")`). Read: in the block of a task of the `Dockerfile` type (`task
x(type: Dockerfile) {`, `tasks.register<Dockerfile>("x") {`, `tasks.creating(Dockerfile::class) {`), each `from`
given a quoted literal, and a convention block's or a Micronaut task's `baseImage`, at the literal's line; a literal
with a template (`"eclipse-temurin:${jdk}"`) is unresolved, naming it. Not read: `from` in other blocks (a `Copy`
task's `from 'src/dist'` is a path), a base given by a variable, the plugins' own default base when `baseImage` is not
set.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.gradle_docker_bases import KIND
from ecr_mirror.choose.discovery.line_index import LineIndex

# a task of the Dockerfile type, up to the `{` opening its block
_TASK_RE = re.compile(
    r"(?:type:\s*|<\s*|\(\s*|,\s*)(?:[\w.]+\.)?Dockerfile(?:::class(?:\.java)?)?\s*(?:>|\)|,)[^{}\n]*(?:\n[^{}\n]*)?\{"
)
_CONVENTION_RE = re.compile(r"\b(?P<convention>javaApplication|springBootApplication)\s*\{")
# the Micronaut Gradle plugin's tasks writing the Dockerfile its docker builds build, `FROM` their `baseImage`
# (https://micronaut-projects.github.io/micronaut-gradle-plugin/latest/#_docker_support)
_MICRONAUT_RE = re.compile(
    r"""(?:\btasks\.named\s*(?:<[\w.\s]+>\s*)?\(\s*["'](?P<task>dockerfile(?:Native)?)["']\s*\)"""
    r"""|(?<![\w.$])(?P<block>dockerfile(?:Native)?))\s*\{"""
)
_QUOTED = r"(?P<quote>[\"'])(?P<image>[^\"'\s\\]+)(?P=quote)"
_FROM_RE = re.compile(r"\bfrom\s*(?:\(\s*)?(?:(?:new\s+)?(?:Dockerfile\.)?From\s*\(\s*)?" + _QUOTED)
_BASE_RE = re.compile(r"\bbaseImage\s*(?:=\s*|\.set\s*\(\s*|\(\s*|\s)\s*" + _QUOTED)
_TEMPLATE_RE = re.compile(r"\$\{?[\w.]+\}?")
_COMMENTS = ("//", "/*", "*")


def block_ends(text: str) -> dict[int, int]:
    """The offset after each `{` of `text` -> the offset after the `}` closing it, in one pass (one never closed is
    not in it): searching forward from each block would be quadratic in a file of many nested or unclosed ones."""
    ends: dict[int, int] = {}
    opened: list[int] = []
    for match in re.finditer(r"[{}]", text):
        if match.group() == "{":
            opened.append(match.end())
        elif opened:
            ends[opened.pop()] = match.end()
    return ends


def _found(match: re.Match[str], quote_of_template: bool, origin: str, line: int, use: str) -> Found:
    image = match["image"]
    templates = _TEMPLATE_RE.findall(image) if quote_of_template else []
    why = f"{templates[0]}: a Gradle value known only when the build runs" if templates else None
    return Found(image, origin, line, why, use, KIND)


def dockerfile_task_bases(text: str, origin: str) -> list[Found]:
    """The `from` images of a Gradle build's `Dockerfile` tasks and its convention plugins' `baseImage`, in order."""
    if "Dockerfile" not in text and "baseImage" not in text:
        return []
    lines = LineIndex(text)
    found: list[Found] = []
    blocks = [(task.end(), "Dockerfile task from", _FROM_RE) for task in _TASK_RE.finditer(text)]
    blocks += [(block.end(), f"{block['convention']} baseImage", _BASE_RE) for block in _CONVENTION_RE.finditer(text)]
    blocks += [
        (task.end(), f"{task['task'] or task['block']} baseImage", _BASE_RE) for task in _MICRONAUT_RE.finditer(text)
    ]
    ends = block_ends(text) if blocks else {}
    ordered = sorted(blocks)
    for index, (start, use, pattern) in enumerate(ordered):
        # a block is read to its `}` (the text's end when none), and not into the next task's or convention's block
        following = ordered[index + 1][0] if index + 1 < len(ordered) else len(text)
        end = min(ends.get(start, len(text)), following)
        for match in pattern.finditer(text, start, end):
            if lines.led_by(match.start(), _COMMENTS):
                continue
            found.append(_found(match, match["quote"] == '"', origin, lines.line(match.start("image")), use))
    return found
