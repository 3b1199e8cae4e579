"""What a registry said, made fit for a terminal: its text is data, never control.

A registry's error message, a header it sent back, a tag name: any of them may carry escape sequences (clear the
screen, move the cursor, set the window title), a carriage return and a line feed that forge a progress line such
as `[1/1] copied`, or bidi overrides that show text in another order than it is. Everything printed as text (the
progress lines, the report, the "behind upstream" section, log lines) passes through `safe` first, which writes
such characters as visible escapes (`\\x1b`, `\\r`, `\\u202e`). `--json` needs none of this: JSON escapes them.
"""

from __future__ import annotations

import logging
import traceback

# C0 controls and DEL, C1 controls, and the invisible characters that reorder or split what a terminal shows:
# bidi marks, embeddings, overrides and isolates, and the Unicode line and paragraph separators.
_UNSAFE = [
    *range(0x00, 0x20),
    0x7F,
    *range(0x80, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    0x2028,
    0x2029,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
]
_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
_ESCAPES = {c: _NAMED.get(c, f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _UNSAFE}
_ESCAPES_BUT_NEWLINE = {c: e for c, e in _ESCAPES.items() if c != 0x0A}


def safe(text: object) -> str:
    """`text` with every control, bidi and separator character written as a visible escape."""
    return str(text).translate(_ESCAPES)


class SafeFormatter(logging.Formatter):
    """Log lines with the message escaped (it may quote a registry); a traceback keeps its own line breaks, not
    those inside an exception's message."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = safe(record.message)
        return super().formatMessage(record)

    def formatException(self, ei: object) -> str:
        text = super().formatException(ei)  # type: ignore[arg-type]
        # The frames are Python's own lines; each exception's message (and notes) in the chain may quote a
        # registry, so its line breaks are escaped too: it stays on one line and cannot forge another.
        exc = ei[1] if isinstance(ei, tuple) else None
        seen: set[int] = set()
        while isinstance(exc, BaseException) and id(exc) not in seen:
            seen.add(id(exc))
            message = "".join(traceback.format_exception_only(type(exc), exc)).rstrip("\n")
            if message:
                text = text.replace(message, safe(message))
            exc = exc.__cause__ or exc.__context__
        return text.translate(_ESCAPES_BUT_NEWLINE)

    def formatStack(self, stack_info: str) -> str:
        return super().formatStack(stack_info).translate(_ESCAPES_BUT_NEWLINE)
