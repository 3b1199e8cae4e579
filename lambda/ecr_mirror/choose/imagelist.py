"""The image list: one reference per line, `#` comments and blank lines ignored (pure, no I/O).

The same text lives in the CLI's list file and in the Lambda's SSM parameter. Bad lines are reported
one by one with their line number; the good lines still run. A document with a top-level `images:` key is
the rules form instead (rules.py): tag rules, platform filters, referrers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ecr_mirror.choose.entries import Entry, LineError
from ecr_mirror.choose.rules import RuleEntry, is_rules_form, parse_rules
from ecr_mirror.choose.targets import merge_entries
from ecr_mirror.errors import ConfigError, ReferenceError_
from ecr_mirror.oci.reference import parse_reference

__all__ = ["MAX_LINE_CHARS", "MAX_LIST_BYTES", "Entry", "ImageList", "LineError", "parse_image_list"]

MAX_LIST_BYTES = 1024 * 1024
MAX_LINE_CHARS = 512


@dataclass(slots=True)
class ImageList:
    entries: list[Entry] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    warnings: list[LineError] = field(default_factory=list)  # e.g. duplicates: merged, not fatal
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
    entries: list[Entry] = []
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
        entries.append(Entry(number, line, ref))
    _merge(result, entries)
    return result


def _merge(result: ImageList, entries: list[Entry]) -> None:
    """Identical entries run once; entries that would write different content under one target tag are errors."""
    merged = merge_entries(entries)
    result.entries = merged.entries
    result.errors = sorted([*result.errors, *merged.errors], key=lambda e: e.line)
    result.warnings.extend(merged.warnings)


def _from_rules(text: str, origin: str) -> ImageList:
    entries, errors = parse_rules(text, origin)
    result = ImageList(errors=[LineError(line, name, message) for line, name, message in errors])
    exact: list[Entry] = []
    for item in entries:
        if item.rule is not None:
            result.rules.append(item)
            continue
        options = item.options
        exact.extend(
            Entry(item.line, item.text, ref, options.platforms, options.referrers, options.policies)
            for ref in item.sources
        )
    _merge(result, exact)
    return result
