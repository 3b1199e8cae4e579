"""The image list: one reference per line, `#` comments and blank lines ignored (pure, no I/O).

The same text lives in the CLI's list file and in the Lambda's SSM parameter. Bad lines are reported
one by one with their line number; the good lines still run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ConfigError, ReferenceError_
from .reference import Reference, parse_reference

MAX_LIST_BYTES = 1024 * 1024
MAX_LINE_CHARS = 512


@dataclass(frozen=True, slots=True)
class Entry:
    line: int
    text: str
    source: Reference


@dataclass(frozen=True, slots=True)
class LineError:
    line: int
    text: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(slots=True)
class ImageList:
    entries: list[Entry] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    warnings: list[LineError] = field(default_factory=list)  # e.g. duplicates: ignored, not fatal


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].strip()


def parse_image_list(text: str | bytes, *, origin: str = "image list") -> ImageList:
    """Parse the list. Raises ConfigError for a list that is unusable as a whole (binary, too large)."""
    if isinstance(text, bytes):
        if len(text) > MAX_LIST_BYTES:
            raise ConfigError(f"{origin} is {len(text)} bytes; the limit is {MAX_LIST_BYTES}")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{origin} is not UTF-8 text (byte {exc.start})") from exc
    if len(text.encode("utf-8", "surrogatepass")) > MAX_LIST_BYTES:
        raise ConfigError(f"{origin} is larger than {MAX_LIST_BYTES} bytes")
    if "\x00" in text:
        raise ConfigError(f"{origin} contains NUL bytes: it is not a text list of image references")
    text = text.removeprefix("\ufeff")
    result = ImageList()
    seen: dict[Reference, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw)
        if not line:
            continue
        if len(line) > MAX_LINE_CHARS:
            result.errors.append(LineError(number, line[:80] + "...", f"line longer than {MAX_LINE_CHARS}"))
            continue
        try:
            ref = parse_reference(line)
        except ReferenceError_ as exc:
            result.errors.append(LineError(number, line, str(exc)))
            continue
        if ref in seen:
            result.warnings.append(LineError(number, line, f"{line!r} duplicates line {seen[ref]} ({ref}); ignored"))
            continue
        seen[ref] = number
        result.entries.append(Entry(number, line, ref))
    return result
