"""The literal suffixes a chart's templates add to an image's tag when a boolean value beside it is set (pure).

`ternary "-distroless" "" .Values.image.distroless`, also in its pipeline form, the value passed as the last argument
(https://pkg.go.dev/text/template#hdr-Pipelines): qdrant's `{{ .Values.image.useUnprivilegedImage | ternary
"-unprivileged" "" }}`; and `{{ if .Values.image.slim }}-slim{{ end }}`. helm_values.py adds the suffix where the
values set the switch to `true`. A string value is a suffix itself where a template prints it after a literal when it
is set, `{{- if .Values.image.flavor }}` / `{{- printf "-%s" .Values.image.flavor }}` / `{{- end }}` (pascaliske's
uptime-kuma helper, the line of its trim markers joining them: https://pkg.go.dev/text/template#hdr-Text_and_spaces):
its suffix is written `-%s`, the value put in where the values set one.
"""

from __future__ import annotations

import re

_SUFFIX = r"\"(?P<suffix>[\w.-]+)\"\s+\"\""


def tag_suffixes(path: tuple[str, ...], templates: str) -> dict[str, str]:
    """The suffixes the chart's templates add to the tag of the image at `path` when a boolean value beside it is
    set, by that value's key."""
    values = rf"(?:\$\w*)?\.Values\.{re.escape('.'.join(path))}\.(?P<key>\w+)\b"
    suffixes: dict[str, str] = {}
    for pattern in (
        rf"\bternary\s+{_SUFFIX}\s+{values}",
        rf"{values}\s*\|\s*ternary\s+{_SUFFIX}",
        rf"\{{\{{-?\s*if\s+{values}\s*-?\}}\}}(?P<suffix>[\w.-]+)\{{\{{-?\s*end\s*-?\}}\}}",
        rf"\{{\{{-?\s*if\s+{values}\s*-?\}}\}}\s*\{{\{{-\s*printf\s+\"(?P<suffix>[\w.-]*%s)\"\s+"
        rf"(?:\$\w*)?\.Values\.{re.escape('.'.join(path))}\.(?P=key)\s*-?\}}\}}\s*\{{\{{-\s*end\b",
    ):
        for match in re.finditer(pattern, templates):
            suffixes.setdefault(match.group("key"), match.group("suffix"))
    return suffixes


def suffix_added(suffix: str, value: object) -> str:
    """What a suffix of the tag (helm_suffixes.py) adds with the value of its key: a switch's suffix when it is
    `true`, a printed value (`-%s`) when it is a string that is not empty."""
    if "%s" in suffix:
        return suffix.replace("%s", value.strip()) if isinstance(value, str) and value.strip() else ""
    return suffix if value is True else ""
