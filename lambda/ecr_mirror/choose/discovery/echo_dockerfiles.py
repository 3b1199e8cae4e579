"""Dockerfile lines a script or a Makefile recipe writes with `echo` or `printf` (pure).

pganalyze's package tests write one Dockerfile per distribution in a Makefile recipe and build it at once:
`echo "FROM rockylinux:8" > Dockerfile.tmp`, `echo "RUN ..." >> Dockerfile.tmp`, then `docker build -f
Dockerfile.tmp .`. A `FROM` instruction (the first of the text when `printf` writes several, `\\n` apart) echoed or
printed into a file named like a Dockerfile (`>` or `>>`; the name after its directory, `"$WORK/Dockerfile"`) names a
base image the build pulls: listed at the command's line, a stage an earlier `FROM ... AS NAME` written to the same
file names left out. In double quotes or none the shell substitutes the script's variables (a Makefile's `$(NAME)`),
which take the text's values; one without a value is unresolved, naming it. Text written elsewhere (`notes.txt`,
`/dev/null`), a commented line, and words that do not start a command are not read.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.make_includes import is_makefile
from ecr_mirror.choose.discovery.shell_command_words import in_command_position
from ecr_mirror.choose.discovery.shell_words import ShellValues

_ECHO_RE = re.compile(
    r"(?<![\w./-])(?:echo(?:[ \t]+-[neE]+)*|printf)[ \t]+"
    r"""(?P<quote>["']?)(?P<body>FROM[ \t][^"'\n>|;&]*?)(?P=quote)[ \t]*"""
    r"""(?<![<>&\d])>>?[ \t]*(?P<target>"[^"\n]*"|'[^'\n]*'|[^\s;&|<>]+)"""
)
_FROM_RE = re.compile(r"FROM[ \t]+(?:--platform=\S+[ \t]+)?(?P<image>\S+)(?:[ \t]+[Aa][Ss][ \t]+(?P<stage>\S+))?")


def _dockerfile(target: str) -> str | None:
    """The file name a redirection writes to, when it is named like a Dockerfile."""
    name = PurePath(target.strip("\"'")).name
    return name if "$" not in name and kind_of(name) is Kind.DOCKERFILE else None


def echoed_dockerfiles(text: str, origin: str) -> list[Found]:
    """The base images the `FROM` lines that `text` (a script, a Makefile, a CI step) echoes into Dockerfiles name."""
    if "FROM" not in text:
        return []
    makefile = is_makefile(origin)
    values = ShellValues.of("\n".join(line for line in text.splitlines() if not (makefile and line.startswith("\t"))))
    stages: dict[str, set[str]] = {}
    found: list[Found] = []
    for line, joined in joined_lines(text):
        if joined.lstrip().startswith("#"):
            continue
        for match in _ECHO_RE.finditer(joined):
            name = _dockerfile(match["target"])
            if name is None or not in_command_position(joined[: match.start()]):
                continue
            instruction = _FROM_RE.match(match["body"].split("\\n", 1)[0].strip())
            if instruction is None:
                continue
            written, problem = instruction["image"], None
            if "$" in written and match["quote"] != "'":
                written, problem = values.resolve(written)
            seen = stages.setdefault(match["target"], set())
            if instruction["stage"]:
                seen.add(instruction["stage"].lower())
            if written.lower() in seen:
                continue
            use = f"FROM (echoed into {name})"
            found.append(Found(written, origin, line, problem, use, kind=Kind.DOCKERFILE.value))
    return found
