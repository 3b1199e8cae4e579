"""The images a NUKE build (C#) pulls and runs with its Docker tasks (pure).

NUKE, a build system whose targets are C# (https://nuke.build/docs/common/cli-tools/), wraps the docker CLI in
`Nuke.Common.Tools.Docker.DockerTasks`, each task given a settings lambda: `DockerTasks.DockerPull(x =>
x.SetName("cyclonedx/cyclonedx-cli:latest"))` runs `docker pull` of that name, `DockerRun(x => x.SetRm(true)
.SetImage("cyclonedx/cyclonedx-cli").SetCommand("merge"))` runs `docker run` of the image (`SetName` there is the
container's name). Read only in a C# file that imports them (`using Nuke.Common.Tools.Docker;`, or `using static
...DockerTasks;`): each `DockerPull(...)`'s `.SetName(X)` and each `DockerRun(...)` or `DockerCreate(...)`'s
`.SetImage(X)`, X a literal (`@"..."` too) or a name the file binds to literals (source_names.py), at the literal's
line, the lambda read up to the call's closing parenthesis; an interpolated `$"..."` or another expression is known
only when the build runs. `use` `NUKE DockerTasks`, `kind` `C# source`.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

MARK = b"Nuke.Common.Tools.Docker"  # a file without these bytes is not decoded for this reader
USE = "NUKE DockerTasks"
_IMPORT_RE = re.compile(r"^\s*(?:global\s+)?using\s+(?:static\s+)?Nuke\.Common\.Tools\.Docker\b", re.MULTILINE)
_TASK_RE = re.compile(r"(?<![\w.])(?:DockerTasks\s*\.\s*)?Docker(?P<task>Pull|Run|Create)\s*\(")
_SETTER_RE = re.compile(
    r"\.\s*(?P<setter>SetImage|SetName)\(\s*(?:@?\"(?P<image>[^\"\\\n{}]+)\"|(?P<name>[A-Za-z_]\w*))\s*\)"
)
_PARENTHESIS_RE = re.compile(r'[()]|@?"(?:[^"\\\n]|\\.)*"')
_COMMENTS = ("//", "*", "/*")


def _closing(text: str, start: int) -> int:
    """The offset after the parenthesis that closes the one before `start` (strings skipped), or the text's end."""
    depth = 1
    for token in _PARENTHESIS_RE.finditer(text, start):
        depth += {"(": 1, ")": -1}.get(token.group(0), 0)
        if depth == 0:
            return token.end()
    return len(text)


def nuke_docker_images(text: str, origin: str) -> list[Found]:
    """The images a C# source that imports NUKE's Docker tasks pulls or runs with them, in the file's order."""
    if not origin.endswith(".cs") or _IMPORT_RE.search(text) is None:
        return []
    names = SourceNames.of(text)
    lines = LineIndex(text)
    given: dict[tuple[int, str], None] = {}
    at = 0
    for task in _TASK_RE.finditer(text):
        if task.start() < at or lines.led_by(task.start(), _COMMENTS):
            continue
        at = _closing(text, task.end())
        wanted = "SetName" if task["task"] == "Pull" else "SetImage"
        for setter in _SETTER_RE.finditer(text, task.end(), at):
            if setter["setter"] != wanted or lines.led_by(setter.start(), _COMMENTS):
                continue
            literal = [(setter.start("image"), setter["image"])] if setter["image"] is not None else None
            for start, image in literal or names.values(setter["name"]):
                given.setdefault((lines.line(start), image.strip()), None)
    return [
        Found(image, origin, line, None, use=USE, kind="C# source")
        for line, image in sorted(given)
        if reference_or_none(image) is not None
    ]
