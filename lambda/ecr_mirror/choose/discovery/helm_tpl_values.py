"""A chart's values string holding template actions, rendered as the chart's `tpl` renders it (pure).

Helm's `tpl` renders a string as a template with the context it is given
(https://helm.sh/docs/howto/charts_tips_and_tricks/#using-the-tpl-function): a chart whose helpers pass image strings
through it (`{{- tpl $img $root -}}` in an `imageUrl` helper) can write a values default as
`image: "acme/connector-sidecar:{{ default .Chart.AppVersion .Values.global.image.tag }}"`. Where the chart's
templates call `tpl`, such a string whose actions are each of the forms a template line is read with
(helm_template_lines.rendered_action: lookups, literal and version defaults, `coalesce`, `printf`) is the image it
renders, with the values file's own values over the chart's defaults, at the string's line. A string with another
action, or in a chart that never calls `tpl`, stays unresolved, as before.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from ecr_mirror.choose.discovery.collect import TEMPLATE_EXPRESSION, found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.helm_override_lines import merged_values
from ecr_mirror.choose.discovery.helm_template_lines import rendered_action

_TPL_CALL_RE = re.compile(r"\{\{-?[^{}]*\btpl\s")  # within one action: linear on unclosed `{{`
_ACTION_RE = re.compile(r"\{\{-?\s*(?P<expr>[^{}]*?)\s*-?\}\}")


def calls_tpl(templates: str) -> bool:
    """Whether a chart's templates call `tpl` in an action."""
    return "tpl" in templates and _TPL_CALL_RE.search(templates) is not None


def rendered_string(text: str, values: object, versions: Mapping[str, str | None]) -> str | None:
    """`text` with each of its actions rendered; None when one cannot be."""
    parts: list[str] = []
    position = 0
    for action in _ACTION_RE.finditer(text):
        done = rendered_action(action["expr"], values, versions)
        if done is None:
            return None
        parts += [text[position : action.start()], done[0]]
        position = action.end()
    out = "".join([*parts, text[position:]])
    return out if out != text and "{{" not in out and "}}" not in out else None


def tpl_rendered(
    found: list[Found], origin: str, values: object, base: object, versions: Mapping[str, str | None]
) -> list[Found]:
    """`found` with the values strings of `origin` that hold template actions rendered (see the module); `values`:
    the file's values, given over `base`, the chart's defaults (None when the file is the defaults)."""
    context = merged_values(base, values) if base is not None else values
    out: list[Found] = []
    for item in found:
        text = rendered_string(item.text, context, versions) if _unrendered(item, origin) else None
        item_rendered = found_item(text, origin, item.use) if text is not None else None
        if item_rendered is not None and item.line:
            item_rendered = dataclasses.replace(item_rendered, line=item.line, kind=item.kind)
        out.append(item_rendered if item_rendered is not None and item_rendered.problem is None else item)
    return out


def _unrendered(item: Found, origin: str) -> bool:
    return item.origin == origin and item.problem == TEMPLATE_EXPRESSION and "{{" in item.text
