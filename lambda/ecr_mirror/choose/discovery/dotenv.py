"""The `.env` file compose reads beside a compose file: `NAME=value` lines (pure).

As compose reads it (https://docs.docker.com/compose/env-file/):
`#` comment lines, an optional `export `, single-quoted values taken literally, double-quoted values with `\\n`-style
escapes, unquoted values ending at ` #`; values may use `${NAME}` of lines before them.
"""

from __future__ import annotations

import contextlib
import re

from ecr_mirror.choose.discovery.variables import Malformed, Unset, expand

_LINE_RE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$")


def _value(raw: str) -> tuple[str, bool]:
    """(value, interpolate?) of the text after `=`."""
    raw = raw.strip()
    if raw[:1] in ("'", '"') and raw[0] in raw[1:]:
        quote = raw[0]
        body = raw[1 : raw.index(quote, 1)]
        if quote == "'":
            return body, False
        return body.replace("\\n", "\n").replace('\\"', '"'), True
    return re.split(r"\s+#", raw, maxsplit=1)[0].strip(), True


def parse_dotenv(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in text.splitlines():
        match = _LINE_RE.match(line)
        if not match or line.lstrip().startswith("#"):
            continue
        value, interpolate = _value(match.group(2))
        if interpolate and "$" in value:
            with contextlib.suppress(Unset, Malformed):
                value = expand(value, dict(values))
        values[match.group(1)] = value
    return values
