"""Images a Go program hands its own function that writes a parameter into a container's `Image:` field (pure).

A program that deploys helper pods often builds them in one function of a package and calls it from others with the
image: kube-burner's `func DeployPodInNamespace(clientSet kubernetes.Interface, namespace, podName, image string,
command []string)` writes `Image: image` into the pod's container, and its measurements call
`DeployPodInNamespace(..., "quay.io/cloud-bulldozer/netpolproxy:latest", nil)`. The kubelet pulls that image when the
program runs, as it pulls a literal `Image:` field's (go_program_images.py).

`image_parameters` reads a file's top-level functions (`func NAME(PARAMS)`, not methods) whose body, to the next
line that is a lone `}` (gofmt's end of a top-level function), has an `Image:` field naming one of the function's
`string` parameters; Go's grouped parameters share the type written after them (`namespace, podName, image string`,
https://go.dev/ref/spec#Function_types). `image_parameter_calls` reads a file of the same package for unqualified
calls of such a function (`NAME(`, not `x.NAME(` nor the declaration) and takes the argument in that parameter's
place when it is a literal string that is an image reference naming a registry, a namespace or a tag: at the
argument's line, `use` `Image (Go program, through NAME)`. Test code's calls are fixtures, not pulls (go_program_images.
is_program_code); a name, a field or another expression in that place is not followed.

Each declaration's parameter list is read up to a bounded length, each call's arguments within a bounded window, and
the functions' ends found by one pass over the text's lone `}` lines (or the next top-level `func`): linear in the
text on unclosed input.
"""

from __future__ import annotations

import bisect
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_call_arguments import call_arguments
from ecr_mirror.choose.discovery.go_program_images import is_program_code
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

MARK = b"Image:"
_PARAMETERS = 2000  # at most this many characters of a parameter list
_WINDOW = 600  # a call's arguments are read within this many characters (a helper's call is short)
_FUNC_RE = re.compile(rf"^func[ \t]+(?P<name>[A-Za-z_]\w*)[ \t]*\((?P<params>[^()]{{0,{_PARAMETERS}}})\)", re.MULTILINE)
_END_RE = re.compile(r"^\}[ \t]*$", re.MULTILINE)
_START_RE = re.compile(r"^func\b", re.MULTILINE)  # the next top-level function ends an unclosed one
_FIELD_RE = re.compile(r"(?<![\w.])Image:[ \t]*(?P<name>[A-Za-z_]\w*)[ \t]*[,}\n]")
_LITERAL_RE = re.compile(r"\"([^\"\\\n]*)\"")
_USE = "Image (Go program, through {name})"


def _string_parameters(params: str) -> dict[str, int]:
    """name -> place of each `string` parameter of a parameter list (grouped names share the type after them)."""
    items = [item.strip() for item in params.replace("\n", " ").split(",")]
    places: dict[str, int] = {}
    shared: str | None = None
    for place in range(len(items) - 1, -1, -1):
        words = items[place].split(None, 1)
        if not words:
            return {}  # a trailing comma's empty item, or no parameters
        if len(words) == 2:
            name, shared = words[0], words[1].strip()
        else:
            name = words[0]
        if shared == "string" and re.fullmatch(r"[A-Za-z_]\w*", name):
            places[name] = place
    return places


def image_parameters(text: str) -> dict[str, int]:
    """function name -> the place of the `string` parameter its body writes into an `Image:` field (see the module)."""
    if "Image:" not in text:
        return {}
    ends = [end.start() for end in _END_RE.finditer(text)]
    starts = [start.start() for start in _START_RE.finditer(text)]
    out: dict[str, int] = {}
    for declaration in _FUNC_RE.finditer(text):
        parameters = _string_parameters(declaration["params"])
        if not parameters:
            continue
        at, following = bisect.bisect_left(ends, declaration.end()), bisect.bisect_left(starts, declaration.end())
        end = min(
            ends[at] if at < len(ends) else len(text), starts[following] if following < len(starts) else len(text)
        )
        for field in _FIELD_RE.finditer(text, declaration.end(), end):
            if field["name"] in parameters:
                out[declaration["name"]] = parameters[field["name"]]
                break
    return out


def image_parameter_calls(text: str, origin: str, functions: dict[str, int]) -> list[Found]:
    """The literal images a Go program file's unqualified calls of `functions` (name -> the image parameter's place)
    hand them, in order."""
    if not functions or not is_program_code(origin):
        return []
    names = "|".join(re.escape(name) for name in sorted(functions))
    lines = LineIndex(text)
    found: list[Found] = []
    for call in re.finditer(rf"(?<![\w.])({names})[ \t]*\(", text):
        if lines.led_by(call.start(), ("//", "func")):
            continue  # a comment, or the declaration itself
        arguments = call_arguments(text[call.end() : call.end() + _WINDOW], 0)  # offsets from the `(`
        place = functions[call.group(1)]
        if arguments is None or place >= len(arguments):
            continue
        offset, argument = arguments[place][0] + call.end(), arguments[place][1]
        literal = _LITERAL_RE.fullmatch(argument)
        value = literal.group(1) if literal is not None else ""
        if not any(mark in value for mark in "/:@") or reference_or_none(value) is None:
            continue
        found.append(Found(value, origin, lines.line(offset), None, _USE.format(name=call.group(1)), "Go source"))
    return found
