"""From a YAML value to a `Found`: the reference, its line, and why it cannot be resolved (pure)."""

from __future__ import annotations

from collections.abc import Callable

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.variables import Malformed, Unset
from ecr_mirror.choose.discovery.yaml_loader import Reference, line_of

Resolver = Callable[[str], str]  # raises Unset or Malformed
Explain = Callable[[str], str]  # the name of an unset variable -> why it has no value
TEMPLATE_EXPRESSION = "a template expression: render the template first (`helm template` for a Helm chart)"


def literal(text: str) -> str:
    return text


def no_value(name: str) -> str:
    return f"${{{name}}} has no value in this file"


def found_item(
    value: object, origin: str, use: str, resolve: Resolver = literal, explain: Explain = no_value
) -> Found | None:
    """The reference in `value` (a string, or an unresolved `!reference`); None for anything else or blank."""
    line = line_of(value)
    if isinstance(value, Reference):
        why = f"{value.path[0]} is not in this file (an `include:` may define it)"
        return Found(str(value), origin, line, why, use)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if "{{" in text:
        why = "a GitHub Actions expression, known only when the workflow runs" if "${{" in text else ""
        return Found(text, origin, line, why or TEMPLATE_EXPRESSION, use)
    try:
        return Found(resolve(text), origin, line, use=use)
    except Unset as unset:
        return Found(text, origin, line, explain(unset.name), use)
    except Malformed as exc:
        return Found(text, origin, line, str(exc), use)
