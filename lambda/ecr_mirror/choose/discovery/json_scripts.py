"""package.json's scripts as the lines a script runner reads (pure): each `"name": "value",` line its value, JSON
escapes decoded, so the shell readers (docker_run.py, kubectl.py) read a script's commands at their lines."""

from __future__ import annotations

import bisect
import json
import re

# the blanks around the comma read once: `\s*,?\s*` tried each split of a long run of them before a stray character
_JSON_PAIR_RE = re.compile(r'\s*"(?:[^"\\]|\\.)*"\s*:\s*("(?:[^"\\]|\\.)*")\s*(?:,\s*)?')
_KEY_RE = re.compile(r'"(?:[^"\\]|\\.)*"\s*:')
_STRING_RE = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _pairs(text: str) -> int:
    """How many `"key":` a JSON text writes (more than its lines holding one: some share a line)."""
    return len(_KEY_RE.findall(text))


def _strings(text: str) -> dict[str, list[int]]:
    """Where each string of a JSON text is written (the offset after its opening quote), by its decoded value: one
    pass over the text, so that a script written with other escapes than json writes (`\\/`, `\\u0026`) is found
    without searching the rest of the text for it once per script."""
    offsets: dict[str, list[int]] = {}
    for string in _STRING_RE.finditer(text):
        written = string.group(1)
        try:
            value = json.loads(string.group()) if "\\" in written else written
        except ValueError:
            continue
        offsets.setdefault(value, []).append(string.start(1))
    return offsets


def _scripts_by_line(text: str) -> str | None:
    """A package.json whose scripts share a line (written on one line, minified): each script's value at the line
    it is written on, scripts of one line joined by `;`, every other line empty; None when the text is not such a
    JSON object."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the interpreter's stack
        return None
    scripts = document.get("scripts") if isinstance(document, dict) else None
    if not isinstance(scripts, dict):
        return None
    lines = text.splitlines() or [""]
    out: list[list[str]] = [[] for _ in lines]
    offset, found_line, counted = 0, 0, 0
    strings = _strings(text)
    for value in scripts.values():
        if not isinstance(value, str):
            continue
        after = strings.get(value, [])  # the first string of the value after the script before, however escaped
        index = bisect.bisect_left(after, offset)
        at = after[index] if index < len(after) else -1
        if at >= 0:  # or the value as json writes it, if it is written so earlier (searched up to there only)
            written = json.dumps(value, ensure_ascii=False)[1:-1]
            earlier = text.find(written, offset, at + len(written))
            at = earlier if earlier >= 0 else at
        if at >= 0:  # each found after the one before: the lines counted on from there
            found_line, counted = found_line + text.count("\n", counted, at), at
        line = found_line if at >= 0 else 0
        offset = max(offset, at + 1) if at >= 0 else offset
        out[min(line, len(out) - 1)].append(" ".join(value.splitlines()))
    return "\n".join(" ; ".join(commands) for commands in out)


def json_script_lines(text: str) -> str:
    """package.json's text with each `"name": "value",` line replaced by its value as the script runner reads it
    (JSON escapes decoded; the quotes and the comma gone, so a script's last word is not read with `",`); every
    other line as it is, so line numbers hold. A package.json whose scripts share a line is read by its JSON
    instead (_scripts_by_line)."""
    lines = text.splitlines()
    if sum('"' in line and ":" in line for line in lines) < _pairs(text) and (by_line := _scripts_by_line(text)):
        return by_line
    for index, line in enumerate(lines):
        if (pair := _JSON_PAIR_RE.fullmatch(line)) is not None:
            try:
                lines[index] = " ".join(str(json.loads(pair.group(1))).splitlines())
            except ValueError:  # not a JSON string after all: read the line as it is
                continue
    return "\n".join(lines)
