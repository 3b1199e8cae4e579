"""The Earthly targets a script or a CI step runs, with the build arguments it gives them (pure).

`earthly [options...] <target-ref> [build-args...]` (https://docs.earthly.dev/docs/earthly-command) builds the target
of the Earthfile of the directory the reference names (`+test` the one where earthly runs, `./db+test` the one in
`db/`), each `--NAME=value` after the reference (and the older `--build-arg NAME=value` before it) overriding that
target's `ARG NAME`: ecto's CI job runs `earthly -P --ci --build-arg ELIXIR_BASE=${{matrix.elixirbase}}
+integration-test` once per value of its matrix, each building `FROM hexpm/elixir:$ELIXIR_BASE` with it. Read: a
command whose first word (after `NAME=value` prefixes and `sudo`) is `earthly`, at the start of a line or after `;`,
`&&`, `||` or `|`, its continuation lines joined; in a workflow's `run:` steps, once per combination of the job's
matrix (workflow_steps.matrix_runs). A value with a `$` (known only when it runs) is not given, so the target's default
applies, and a reference to another repository (`github.com/org/repo+target`) is not followed. An `echo` of such a
command is no run of it.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

_REFERENCE_RE = re.compile(r"^(?P<directory>\.{1,2}(?:/[\w.-]+)*/?)?\+(?P<target>[a-z][\w.-]*)$")
_SEPARATOR_RE = re.compile(r"\s*(?:;|&&|\|\||\|)\s*")
_PREFIX_RE = re.compile(r"^[A-Za-z_]\w*=")
_RUN_KEY_RE = re.compile(r"^\s*(?:-\s+)?(?:run|script|command):\s*[|>]?[-+]?\s*")
_VALUED_OPTIONS = frozenset(["--platform", "--secret", "-s", "--config", "--buildkit-host", "--org", "--satellite"])


@dataclass(frozen=True)
class EarthlyCall:
    """A run of one target: the line of the command, the directory of its Earthfile as written ("" for the one
    where earthly runs), the target, and the build arguments given."""

    line: int
    directory: str
    target: str
    values: tuple[tuple[str, str], ...]


def _joined(text: str) -> list[tuple[int, str]]:
    """The lines of `text` with their continuation lines (`\\` at the end) joined: (first line, text)."""
    out: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        start, before = pending if pending else (number, "")
        joined = f"{before} {line.strip()}" if before else line
        if joined.rstrip().endswith("\\"):
            pending = (start, joined.rstrip()[:-1])
            continue
        pending = None
        out.append((start, joined))
    if pending:
        out.append(pending)
    return out


def _given(pair: str, values: dict[str, str]) -> None:
    name, sep, value = pair.partition("=")
    if sep and re.fullmatch(r"[A-Za-z_]\w*", name) and "$" not in value:
        values[name] = value


def _call(words: list[str], line: int) -> EarthlyCall | None:
    """The run of `earthly [options] REF [--NAME=value...]` in `words` (after its program word)."""
    values: dict[str, str] = {}
    index = 0
    while index < len(words) and words[index].startswith("-"):
        word = words[index]
        if word == "--build-arg" and index + 1 < len(words):
            _given(words[index + 1], values)
            index += 1
        elif word.startswith("--build-arg="):
            _given(word.split("=", 1)[1], values)
        elif word in _VALUED_OPTIONS:
            index += 1
        index += 1
    if index >= len(words) or (match := _REFERENCE_RE.match(words[index])) is None:
        return None
    for word in words[index + 1 :]:
        if word.startswith("--"):
            _given(word[2:], values)
    directory = (match.group("directory") or "").rstrip("/")
    directory = "" if directory == "." else directory
    return EarthlyCall(line, directory, match.group("target"), tuple(sorted(values.items())))


def earthly_calls(text: str) -> list[EarthlyCall]:
    """Each run of an Earthly target in a script's or a CI file's commands, in order, once per line and values."""
    out: list[EarthlyCall] = []
    for line, joined in _joined(text):
        if "earthly" not in joined:
            continue
        for segment in _SEPARATOR_RE.split(_RUN_KEY_RE.sub("", joined, count=1)):
            try:
                words = shlex.split(segment, comments=True)
            except ValueError:
                continue
            while words and (_PREFIX_RE.match(words[0]) or words[0] == "sudo"):
                words.pop(0)
            if not words or words[0].rsplit("/", 1)[-1] != "earthly":
                continue
            if (call := _call(words[1:], line)) is not None and call not in out:
                out.append(call)
    return out
