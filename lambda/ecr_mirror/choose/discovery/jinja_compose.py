"""Compose files written as Jinja templates, as Ansible roles ship them (`templates/docker-compose.yml.j2`), read as
the compose file they render (pure).

The template is made readable by jinja_text.py (every branch of an `if` kept, `{{ name }}` substituted from the
values given: the role's defaults and vars) and read by the compose reader: `services.*.image` of services without
`build:`. An image holding an expression that has no known value is unresolved, as written, with the reason. A
template that is still not YAML (a `{% for %}` that makes its indentation) is read line by line: its `image:` lines.
The other templates of a role (a manifest given to `kubernetes.core.k8s` with `template:`) are rendered the same way
and read by their own kind's reader (rendered_images).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jinja_text import restored, untemplated
from ecr_mirror.choose.discovery.yaml_sources import compose_images
from ecr_mirror.errors import ConfigError

_IMAGE_LINE_RE = re.compile(r"^[ \t]+image:[ \t]*(?:\"([^\"]+)\"|'([^']+)'|([^\s#\"'][^#]*?))[ \t]*(?:#.*)?$")
LINE_USE = "image (template line)"


def _lines(text: str, origin: str) -> list[Found]:
    found: list[Found] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if match := _IMAGE_LINE_RE.match(line):
            value = next(group for group in match.groups() if group)
            found.append(Found(value.strip(), origin, number, None, LINE_USE))
    return found


def rendered_images(
    text: str, origin: str, values: Mapping[str, object], read: Callable[[str], list[Found]]
) -> list[Found]:
    """The images `read` finds in the text the template renders with `values`, each holding an unknown expression
    put back as written with the reason; its `image:` lines when that text is still not YAML. ConfigError (naming
    `origin`) when it is neither YAML nor has `image:` lines."""
    rendered, holes = untemplated(text, values)
    try:
        found = read(rendered)
    except ConfigError:
        found = _lines(rendered, origin)
        if not found:
            raise
    out: list[Found] = []
    for item in found:
        written, reasons = restored(item.text, holes)
        out.append(dataclasses.replace(item, text=written, problem="; ".join(reasons)) if reasons else item)
    return out


def jinja_compose_images(text: str, origin: str, values: Mapping[str, object]) -> list[Found]:
    """The images of the compose file the template renders; ConfigError (naming `origin`) when it is neither YAML
    nor has `image:` lines."""
    return rendered_images(text, origin, values, lambda rendered: compose_images(rendered, origin))


def unrendered_compose_images(text: str, origin: str) -> list[Found]:
    """The images of a compose file that is a template its program renders (Go's text/template filling `{{ .Prefix
    }}-db:` service names before `docker compose up`), read as above with no values: its literal images, one holding
    an expression unresolved; nothing when it is still no compose file."""
    try:
        return jinja_compose_images(text, origin, {})
    except ConfigError:
        return []
