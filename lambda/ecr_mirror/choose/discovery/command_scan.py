"""Where a shell text runs a command a pattern matches, and what the command's image words resolve to (pure).

Each reader of one command (`buildah from`, `ctr images pull`, `pack build`, `minikube addons enable`, ...) reads
the same way: line continuations joined, comment lines skipped, each match where a command runs (not an echoed
text, nor prose: `CommandStarts.runs_at`), its words read from the match's end (`command_words`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ecr_mirror.choose.discovery.command_starts import CommandStarts
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.shell_words import ShellValues


def command_runs(
    text: str, command: re.Pattern[str], needles: tuple[str, ...], comments: tuple[str, ...] = ("#",)
) -> Iterator[tuple[int, str, re.Match[str]]]:
    """(first line number, joined line, match) of each `command` match in `text` where a command runs, on joined lines
    that hold one of `needles` (a quick test before the pattern) and start with none of `comments`."""
    for line, joined in joined_lines(text):
        if joined.lstrip().startswith(comments) or not any(needle in joined for needle in needles):
            continue
        starts = CommandStarts(joined)
        for match in command.finditer(joined):
            if starts.runs_at(match.start()):
                yield line, joined, match


def image_found(values: ShellValues, line: int, written: str, origin: str, use: str) -> list[Found]:
    """What an image word `written` at `line` names: each value `values` give it, or unresolved naming it (also when
    it is empty unless the environment or the script's arguments give it)."""
    found: list[Found] = []
    for resolved, problem in values.at(line).resolve_each(written):
        why = problem
        if why is None and not resolved.strip():
            why = f"{written} is empty unless the environment or an argument of the script gives it"
        found.append(Found(resolved if why is None else written, origin, line, why, use))
    return found
