"""Dockerfiles a Go source writes from a raw string, which its tests then build (pure).

A provider's or a tool's tests often keep a small Dockerfile in a backquoted string and write it next to the build
context before building (a `const testDockerFileExample` holding `FROM python:3-bookworm` and more lines in
backquotes, then `os.WriteFile(dfPath, []byte(testDockerFileExample), 0o644)`): the build pulls its base images.
Read: a raw string bound to a name (`const`, `var`, `:=`, `=`) that is Dockerfile-shaped (its first line that is
neither blank nor a comment is a `FROM` or `ARG` instruction, and it has a `FROM` line) and whose name a `WriteFile`
call of the same file (`os.WriteFile`, `ioutil.WriteFile`, any `X.WriteFile`) takes among its arguments
(`[]byte(NAME)`). Its lines are read as a Dockerfile (dockerfile.py: stages, `ARG` defaults, `COPY --from`), each
image at its line in the Go file, kind `Go source`. Not read: a string built with `fmt.Sprintf` or `+`, a string
never written (a generator's template, a fixture compared in a test), a write in a commented-out line.
"""

from __future__ import annotations

import dataclasses
import re

from ecr_mirror.choose.discovery.dockerfile import dockerfile_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_test_tables import block_end
from ecr_mirror.choose.discovery.line_index import LineIndex

MARK = b"WriteFile("
_RAW_BINDING_RE = re.compile(
    r"^[ \t]*(?:const[ \t]+|var[ \t]+)?(?P<name>[A-Za-z_]\w*)(?:[ \t]+string)?[ \t]*:?=[ \t]*`(?P<body>[^`]*)`",
    re.MULTILINE,
)
_WRITE_RE = re.compile(r"(?<![\w])(?:[A-Za-z_]\w*\.)?WriteFile\s*\(")
_FIRST_RE = re.compile(r"(?:FROM|ARG)\s", re.IGNORECASE)
_FROM_RE = re.compile(r"^[ \t]*FROM[ \t]+\S", re.IGNORECASE | re.MULTILINE)


def _dockerfile_shaped(body: str) -> bool:
    lines = [line.strip() for line in body.splitlines()]
    first = next((line for line in lines if line and not line.startswith("#")), "")
    return bool(_FIRST_RE.match(first)) and bool(_FROM_RE.search(body))


def _written(text: str, lines: LineIndex) -> str:
    """The text of the file's `WriteFile(...)` calls (not commented out), joined."""
    calls = []
    for call in _WRITE_RE.finditer(text):
        if not lines.led_by(call.start(), "//"):
            calls.append(text[call.end() : block_end(text, call.end(), "()")])
    return "\n".join(calls)


def dockerfile_strings(text: str, origin: str) -> list[Found]:
    """The images of the Dockerfiles a Go source writes from raw strings, in order."""
    lines = LineIndex(text)
    written = _written(text, lines)
    found: list[Found] = []
    for binding in _RAW_BINDING_RE.finditer(text) if written else ():
        if not _dockerfile_shaped(body := binding["body"]) or not re.search(rf"\b{binding['name']}\b", written):
            continue
        first = lines.line(binding.start("body"))
        dedented = "\n".join(line.lstrip() for line in body.splitlines())
        found += [
            dataclasses.replace(item, line=first + (item.line or 1) - 1, kind="Go source")
            for item in dockerfile_images(dedented, origin)
        ]
    return found
