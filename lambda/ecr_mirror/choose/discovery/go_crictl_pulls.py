"""Images a Go program has a node's container runtime pull with crictl (pure).

`crictl pull IMAGE` asks the CRI runtime of the machine it runs on to pull the image
(https://github.com/kubernetes-sigs/cri-tools/blob/master/docs/crictl.md); an integration suite runs it on its kind
nodes, through kind's node API (`kindNode.CommandContext(ctx, "crictl", "pull", image)`) or `docker exec
kind-worker crictl pull ...`. Read in a Go file: a call whose arguments are the program `crictl` (or a path ending in
`/crictl`), `pull` and the image, one after the other, the image a literal string, a constant of the file, or the
variable of a `for _, image := range LIST` loop around the call: over a slice literal the function binds to LIST,
or over its `[]string` parameter LIST, read at each call of the function in the same file with a name the caller
binds to a slice literal (`pullImages(t, node, testImages[:3])`: the elements Go's slice expression takes, literal
bounds only), each element at its line. Also a function with a variadic parameter whose body puts the program
before it (`extArgs := []string{"/usr/local/bin/crictl"}` then `append(extArgs, arg...)`, handed to a runner):
a call of it anywhere in the tree, `util.CriCtlCommand("pull", "ghcr.io/...:v2.3.0")`, is that pull. An option
before the image (`--creds`, `--pod-config`), or an image known only when the program runs, adds nothing. `use` is
`crictl pull`, `kind` `Go source`.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_comments import without_comments
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

MARK = b"crictl"
USE = "crictl pull"
_PROGRAM = r"\"(?:[^\"\s]*/)?crictl\""
_IMAGE = r"(?:\"(?P<literal>[^\"\\\n]+)\"|(?P<name>[A-Za-z_]\w*))"
_PULL_RE = re.compile(_PROGRAM + r"\s*,\s*\"pull\"\s*,\s*" + _IMAGE + r"\s*[,)]")
_FUNC_RE = re.compile(r"^func[ \t]+(?:\([^)\n]*\)[ \t]*)?(?P<name>[A-Za-z_]\w*)\((?P<params>[^)]*)\)[^\n{]*\{", re.M)
_VARIADIC_RE = re.compile(r"(?P<name>[A-Za-z_]\w*)[ \t]+\.\.\.string\b")
_ELEMENT_RE = re.compile(r"\"(?P<value>[^\"\\\n]*)\"|(?P<name>[A-Za-z_]\w*)")
_SLICED_RE = re.compile(r"(?P<name>[A-Za-z_]\w*)(?:\[[ \t]*(?P<low>\d*)[ \t]*:[ \t]*(?P<high>\d*)[ \t]*\])?")

Value = tuple[int, str]  # (offset, image)


def _body_end(text: str, start: int) -> int:
    depth, at = 1, start
    while at < len(text) and depth:
        depth += {"{": 1, "}": -1}.get(text[at], 0)
        at += 1
    return at


def crictl_wrappers(text: str) -> frozenset[str]:
    """The functions of a Go file with a variadic `...string` parameter that run crictl with it: a slice holding the
    program is appended the parameter (`append(extArgs, arg...)`)."""
    blank = without_comments(text)
    wrappers = set()
    for function in _FUNC_RE.finditer(blank):
        if (variadic := _VARIADIC_RE.search(function["params"])) is None:
            continue
        body = blank[function.end() : _body_end(blank, function.end())]
        if re.search(r"\[\]string\s*\{\s*" + _PROGRAM, body) and f"{variadic['name']}..." in body:
            wrappers.add(function["name"])
    return frozenset(wrappers)


class _File:
    """One Go file's functions and the names it binds to literals, for the values of a pull's image."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.names = SourceNames.of(text)
        self.functions = [(match, _body_end(text, match.end())) for match in _FUNC_RE.finditer(text)]

    def _enclosing(self, at: int) -> tuple[re.Match[str], int] | None:
        return next(((match, end) for match, end in self.functions if match.end() <= at < end), None)

    def slice_elements(self, name: str, start: int, at: int) -> list[Value] | None:
        """The elements of the slice literal last bound to `name` between `start` and `at` (None without one)."""
        bindings = list(
            re.compile(rf"(?<![\w.]){re.escape(name)}\s*:?=\s*\[\]string\s*\{{").finditer(self.text, start, at)
        )
        if not bindings:
            return None
        opening = bindings[-1].end()
        items = self.text[opening : _body_end(self.text, opening) - 1]
        values: list[Value] = []
        for element in _ELEMENT_RE.finditer(items):
            if element["value"] is not None:
                values.append((opening + element.start("value"), element["value"]))
            else:
                values += self.names.values(element["name"])[:1]
        return values

    def values(self, match: re.Match[str]) -> list[Value]:
        """The images a pull's image argument takes."""
        if match["literal"] is not None:
            return [(match.start("literal"), match["literal"])]
        name, at = match["name"], match.start()
        if (enclosing := self._enclosing(at)) is None:
            return self.names.values(name)
        function, _ = enclosing
        loop = re.compile(rf"\bfor\s+\w+\s*,\s*{re.escape(name)}\s*:=\s*range\s+(?P<list>[A-Za-z_]\w*)\s*\{{")
        ranges = list(loop.finditer(self.text, function.end(), at))
        if not ranges:
            return self.names.values(name)
        listed = ranges[-1]["list"]
        if (own := self.slice_elements(listed, function.end(), at)) is not None:
            return own
        parameters = [part.split()[0] for part in function["params"].split(",") if part.strip()]
        if listed not in parameters:
            return []
        return self._handed(function["name"], parameters.index(listed))

    def _handed(self, function: str, index: int) -> list[Value]:
        """The elements of the slices the file's calls of `function` hand it in place `index`."""
        values: list[Value] = []
        for call in re.finditer(rf"(?<![\w.]){re.escape(function)}\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)", self.text):
            arguments = [argument.strip() for argument in call.group(1).split(",")]
            caller = self._enclosing(call.start())
            if index >= len(arguments) or caller is None or not (sliced := _SLICED_RE.fullmatch(arguments[index])):
                continue
            elements = self.slice_elements(sliced["name"], caller[0].end(), call.start()) or []
            low, high = int(sliced["low"] or 0), int(sliced["high"]) if sliced["high"] else len(elements)
            values += [value for value in elements[low:high] if value not in values]
        return values


def crictl_pulls(text: str, origin: str, wrappers: frozenset[str]) -> list[Found]:
    """The images a Go file has crictl pull, directly or through one of the tree's `wrappers`, in order."""
    blank = without_comments(text)
    file, lines = _File(blank), LineIndex(blank)
    values: list[Value] = []
    for match in _PULL_RE.finditer(blank):
        values += file.values(match)
    if wrappers:
        names = "|".join(re.escape(name) for name in sorted(wrappers))
        pattern = rf"(?<![\w])(?:[A-Za-z_]\w*\.)?(?:{names})\(\s*\"pull\"\s*,\s*" + _IMAGE + r"\s*\)"
        for match in re.finditer(pattern, blank):
            values += file.values(match)
    found: list[Found] = []
    for offset, value in values:
        item = Found(value, origin, lines.line(offset), None, USE, "Go source")
        if reference_or_none(value) is not None and item not in found:
            found.append(item)
    return found
