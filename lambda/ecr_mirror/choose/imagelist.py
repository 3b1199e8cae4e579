"""The image list: one reference per line, `#` comments and blank lines ignored (pure, no I/O).

The same text lives in the CLI's list file and in the Lambda's SSM parameter. Bad lines are reported
one by one with their line number; the good lines still run. A document with a top-level `images:` key is
the rules form instead (rules.py): tag rules, platform filters, referrers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ecr_mirror.choose.rules import RuleEntry, is_rules_form, parse_rules
from ecr_mirror.errors import ConfigError, ReferenceError_
from ecr_mirror.oci.reference import Reference, parse_reference

MAX_LIST_BYTES = 1024 * 1024
MAX_LINE_CHARS = 512


@dataclass(frozen=True, slots=True)
class Entry:
    line: int
    text: str
    source: Reference
    platforms: tuple[str, ...] = ()  # empty: copy indexes whole
    referrers: bool = False


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
    rules: list[RuleEntry] = field(default_factory=list)  # tag rules, resolved against the source's tag list


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
    if is_rules_form(text):
        return _from_rules(text, origin)
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
        _add(result, seen, Entry(number, line, ref))
    return result


def _add(result: ImageList, seen: dict[Reference, int], entry: Entry) -> None:
    if entry.source in seen:
        message = f"{entry.text!r} duplicates line {seen[entry.source]} ({entry.source}); ignored"
        result.warnings.append(LineError(entry.line, entry.text, message))
        return
    seen[entry.source] = entry.line
    result.entries.append(entry)


def _from_rules(text: str, origin: str) -> ImageList:
    entries, errors = parse_rules(text, origin)
    result = ImageList(errors=[LineError(line, name, message) for line, name, message in errors])
    seen: dict[Reference, int] = {}
    for item in entries:
        if item.rule is not None:
            result.rules.append(item)
            continue
        for ref in item.sources:
            _add(result, seen, Entry(item.line, item.text, ref, item.options.platforms, item.options.referrers))
    return result
