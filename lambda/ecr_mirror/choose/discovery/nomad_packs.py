"""Nomad Pack templates (`packs/PACK/templates/*.nomad.tpl`): the images their jobs' tasks run (pure).

A pack's templates are Nomad job files with Go template actions between `[[` and `]]`, rendered by `nomad-pack`
from the values of the pack's variables (its `variables.hcl` defaults unless a run gives others). Read here: each
`image = ...` line, its actions rendered by pack_template.py from those defaults (`image = [[ var "image" . |
quote ]]`, `image = "grafana/loki:[[ var "version_tag" . ]]"`), the result read as an HCL string. A line whose
actions need more than that subset (a `range` variable, `template`, `if`), a variable without a default, or a
result that is no image (empty, a tag left empty, Nomad's runtime `${...}`) is unresolved with the reason. Lines
are read whatever template logic surrounds them: an image in an `if` branch is listed as one the pack may run.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.hcl import string_end
from ecr_mirror.choose.discovery.hcl_eval import NotEvaluated
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.nomad_variables import Variables
from ecr_mirror.choose.discovery.pack_template import render_action

KIND = "Nomad Pack template"
_IMAGE_LINE_RE = re.compile(r"^[ \t]*image[ \t]*=[ \t]*(?P<value>.*?)[ \t]*$", re.MULTILINE)
_ACTION_RE = re.compile(r"\[\[-?(?P<action>.*?)-?\]\]")


def _rendered(value: str, variables: Variables, pack: str) -> str:
    if value.count("[[") != len(_ACTION_RE.findall(value)):
        raise NotEvaluated("a template action that does not close on its line")
    return _ACTION_RE.sub(lambda match: render_action(match.group("action"), variables, pack), value)


def _hcl_string(text: str) -> str:
    """The value of an HCL string literal that is the whole of `text`."""
    if not text.startswith('"'):
        raise NotEvaluated(f"renders as {text!r}, not a string")
    try:
        end = string_end(text, 1)
    except ValueError:
        raise NotEvaluated(f"renders as {text!r}, a string without its closing quote") from None
    if text[end + 1 :].strip() and not text[end + 1 :].lstrip().startswith(("#", "//")):
        raise NotEvaluated(f"renders as {text!r}, more than a string")
    value = json.loads(text[: end + 1])
    return value if isinstance(value, str) else ""


def _image(value: str, variables: Variables, pack: str) -> str:
    image = _hcl_string(_rendered(value, variables, pack))
    if "${" in image:
        raise NotEvaluated(f"renders as {image!r}: Nomad interpolates `${{...}}` when it places the task")
    if not image or image.endswith(":") or any(char.isspace() for char in image):
        raise NotEvaluated(f"renders as {image!r}, no image reference (a variable empty by default?)")
    return image.removeprefix("docker://")


def _written(value: str) -> str:
    """The value as shown in a report: a whole string without its quotes."""
    return value[1:-1] if len(value) > 1 and value.startswith('"') and value.endswith('"') else value


def pack_images(text: str, origin: str, variables: Variables, pack: str) -> list[Found]:
    """The `image = ...` lines of a pack template; `pack`: the pack's name (`.PACK.x` in v1 syntax)."""
    out: list[Found] = []
    lines = LineIndex(text)
    for match in _IMAGE_LINE_RE.finditer(text):
        line = lines.line(match.start())
        value = match.group("value")
        try:
            out.append(Found(_image(value, variables, pack), origin, line, None, "image", KIND))
        except (NotEvaluated, ValueError) as exc:
            out.append(Found(_written(value), origin, line, f"{_written(value)}: {exc}", "image", KIND))
    return out


def pack_name(path: str | PurePath) -> str:
    """The pack a template belongs to: `packs/loki/templates/loki.nomad.tpl` is in `loki`."""
    pure = PurePath(path)
    return pure.parent.parent.name if pure.parent.name == "templates" else ""
