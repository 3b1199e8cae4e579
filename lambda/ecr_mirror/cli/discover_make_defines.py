"""The tree's makefiles with the text their `$(eval $(call NAME,...))` lines write (choose/discovery/make_defines.py),
and the images found on those written lines put back at the `define` lines they were written from.

The written text is appended after a makefile's last line, so that every reader of makefiles (pulls, builds, the
values a make run shares, the scripts a recipe calls) reads it as make does; what is found on an appended line is
reported at the line of the `define` body it comes from, in its `line` and in a use naming the line
(`FROM (built by make/x.mk:NN)`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.make_defines import with_called_defines
from ecr_mirror.choose.discovery.make_includes import is_makefile


@dataclass
class CalledDefines:
    """Makefiles (name shown -> text) with their evaluated calls appended, and each one's appended lines' origins."""

    texts: dict[str, str]
    lines: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, scripts: dict[str, str]) -> CalledDefines:
        texts: dict[str, str] = {}
        lines: dict[str, dict[int, int]] = {}
        for shown, text in scripts.items():
            called = with_called_defines(text) if is_makefile(shown) else None
            texts[shown] = called.text if called is not None else text
            if called is not None and called.lines:
                lines[shown] = called.lines
        return cls(texts, lines)

    def remapped(self, found: list[Found]) -> list[Found]:
        """`found` with each line written by a call given as the `define` line it comes from."""
        if not self.lines:
            return found
        return [self._remapped(item) for item in found]

    def _remapped(self, item: Found) -> Found:
        changed = item
        origins = self.lines.get(item.origin)
        if origins and item.line in origins:
            changed = dataclasses.replace(changed, line=origins[item.line])
        for text in (changed.use, changed.built):
            if text and any(f"{shown}:" in text for shown in self.lines):
                changed = dataclasses.replace(
                    changed,
                    use=self._in_text(changed.use) or "",
                    built=self._in_text(changed.built),
                )
                break
        return changed

    def _in_text(self, text: str | None) -> str | None:
        """`text` with each `FILE:LINE` of an appended line written as its `define` line."""
        if not text:
            return text
        for shown, origins in self.lines.items():
            pattern = re.compile(rf"(?<![\w./-]){re.escape(shown)}:(\d+)")
            text = pattern.sub(_line_of(shown, origins), text)
        return text


def _line_of(shown: str, origins: dict[int, int]) -> Callable[[re.Match[str]], str]:
    """A replacement for `re.sub`: `FILE:LINE` with an appended line given as its `define` line."""
    return lambda match: f"{shown}:{origins.get(int(match.group(1)), int(match.group(1)))}"
