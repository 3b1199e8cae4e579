"""The value a loop body gives a name from the loop's word, for the lines after it to use (pure).

A loop over `"IMAGE NAME"` pairs cuts the image out before pulling it: `img=$(echo "$item" | cut -d " " -f 1)`,
`img=$(echo $item | awk '{print $1}')`, then `docker pull "${img}"`. `assigned_value` evaluates such a right-hand
side once the loop's word is in it: `echo` of one word or a quoted text piped into `cut -d C -f N` (`-f` before `-d`
too; cut's default delimiter is the tab) or `awk '{print $N}'` (`-F C` too; awk's default splits at runs of blanks),
or a plain quoted or bare text (`name="$item-slim"`), or one word joined from such parts (`PACKAGE=acme/"$service"`,
`IMAGE="$PACKAGE":"$VERSION"`). Anything else (another command, a field list, `$0`) is None:
known only when the script runs. A text that still holds a reference (`${SERVER_IMAGE} server`, resolved where the
result is used) is cut only at blanks, which an image name never holds.
"""

from __future__ import annotations

import re

_ECHO = r"""\$\(\s*echo\s+(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^|'"()`]+?))\s*\|\s*"""
_DELIMITER = r"""-d\s*(?:"(?P<dq>[^"])"|'(?P<sq>[^'])'|\\?(?P<bd>[^\s'"]))"""
_FIELD = r"-f\s*(?P<field>[1-9]\d*)"
_CUT_RE = re.compile(
    _ECHO
    + rf"cut\s+(?:{_DELIMITER}\s+{_FIELD}|{_FIELD.replace('?P<', '?P<x')}\s+{_DELIMITER.replace('?P<', '?P<x')})"
    + r"\s*\)"
)
_SEPARATOR = r"""-F\s*(?:"(?P<fq>[^"])"|'(?P<fs>[^'])'|(?P<fb>[^\s'"]))\s+"""
_AWK_RE = re.compile(_ECHO + rf"""awk\s+(?:{_SEPARATOR})?'\{{\s*print\s+\$(?P<field>[1-9]\d*)\s*\}}'\s*\)""")
_REFERENCE = r"(?>\$\{?\w+\}?)"  # atomic: the text around it takes no part of it back (no backtracking)
_BARE = r"[^\s\"'`$()|;&<>]"
_PLAIN_RE = re.compile(
    rf"""^(?:"([^"`$]*(?:{_REFERENCE}[^"`$]*)*)"|'([^'$`]*)'|({_BARE}*(?:{_REFERENCE}{_BARE}*)*))$"""
)
# one part of a word the shell joins from quoted and bare parts (`acme/"$service"`, `"$PACKAGE":"$VERSION"`)
_PART_RE = re.compile(rf""""((?:[^"`$]|{_REFERENCE})*)"|'([^'$`]*)'|((?:{_BARE}|{_REFERENCE})+)""")


def _field(text: str, delimiter: str | None, number: int) -> str | None:
    """Field `number` (1-based) of `text`, split at `delimiter` (None: runs of blanks, as awk); None when a text
    with a reference would be cut elsewhere than at blanks, or the field is empty."""
    if "$" in text and delimiter not in (None, " ", "\t"):
        return None
    parts = text.split() if delimiter is None else text.split(delimiter)
    value = parts[number - 1] if number <= len(parts) else ""
    return value or None


def assigned_value(value: str) -> str | None:
    """The value a right-hand side gives (see the module), or None."""
    value = value.strip()
    if (cut := _CUT_RE.fullmatch(value)) is not None:
        text = next(group for group in (cut["double"], cut["single"], cut["bare"]) if group is not None)
        text = " ".join(text.split()) if cut["bare"] is not None else text  # echo joins its words with one blank
        delimiter = next((d for d in (cut["dq"], cut["sq"], cut["bd"], cut["xdq"], cut["xsq"], cut["xbd"]) if d), "\t")
        return _field(text, delimiter, int(cut["field"] or cut["xfield"]))
    if (awk := _AWK_RE.fullmatch(value)) is not None:
        text = next(group for group in (awk["double"], awk["single"], awk["bare"]) if group is not None)
        delimiter = next((d for d in (awk["fq"], awk["fs"], awk["fb"]) if d), None)
        return _field(text.strip() if delimiter is None else text, delimiter, int(awk["field"]))
    if (plain := _PLAIN_RE.fullmatch(value)) is not None:
        text = next(group for group in plain.groups() if group is not None)
        return text or None
    return _joined(value)


def _joined(value: str) -> str | None:
    """The word the shell makes of quoted and bare parts written together (`acme/"$service"`: `acme/$service`),
    or None when `value` is not such a word."""
    parts: list[str] = []
    at = 0
    while at < len(value) and (part := _PART_RE.match(value, at)) is not None and part.end() > at:
        parts.append(next(group for group in part.groups() if group is not None))
        at = part.end()
    if at < len(value) or len(parts) < 2:
        return None
    return "".join(parts) or None
