"""A Go `fmt.Sprintf` call that formats literals only (pure): `fmt.Sprintf("%s:%s", image, version)` with `image`
and `version` names the file binds to string literals. Each `%s` verb is replaced by the string of its argument
(https://pkg.go.dev/fmt: `%s`, "the uninterpreted bytes of the string"); a format with any other verb (`%d`, `%v`,
`%%`), an argument count that differs from the verbs', or an argument that is neither a literal nor a bound name
formats nothing known here."""

from __future__ import annotations

import re

_CALL_RE = re.compile(
    r"fmt\.Sprintf\([ \t]*\"([^\"\\\n]*)\"((?:[ \t]*,[ \t]*(?:\"[^\"\\\n]*\"|[A-Za-z_]\w*))*)[ \t]*\)"
)
_ARGUMENT_RE = re.compile(r"\"([^\"\\\n]*)\"|([A-Za-z_]\w*)")
_VERB_RE = re.compile(r"%.")


def sprintf_values(text: str, at: int, bound: dict[str, set[str]]) -> tuple[set[str], set[str], int] | None:
    """The strings the `fmt.Sprintf` call at `at` formats, the names it reads and where the call ends; None when
    there is no such call at `at` or it formats anything but `%s` of literals and bound names."""
    call = _CALL_RE.match(text, at)
    if call is None:
        return None
    form, verbs = call.group(1), _VERB_RE.findall(call.group(1))
    arguments = list(_ARGUMENT_RE.finditer(call.group(2)))
    if any(verb != "%s" for verb in verbs) or len(verbs) != len(arguments):
        return None
    values, names = {form}, set()
    for argument in arguments:
        name = argument.group(2)
        parts = {argument.group(1)} if name is None else bound.get(name, set())
        names |= {name} if name else set()
        if not parts:
            return None
        values = {value.replace("%s", part, 1) for value in values for part in parts}
    return values, names, call.end()
