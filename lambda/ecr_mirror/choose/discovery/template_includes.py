"""The fragments a compose template pulls in with `{% include %}`, and their images (pure).

A Twig or Jinja compose template often writes no service itself but includes one fragment per service, its name
joined from strings and the values a project's configuration gives it: a PHP SDK's `docker-compose.yml.twig` holds
`{% include "service/" ~ engine ~ "/" ~ version ~ "/" ~ engine ~ ".yml.twig" %}`, one directory per engine and
version, `service/mysql/8.4/mysql.yml.twig` with `image: mysql:8.4`. Which versions a project picks is not known
here, but every fragment that name can reach is a compose service the tool can start. The name is read as Twig
(https://twig.symfony.com/doc/3.x/tags/include.html: `~` joins, `"#{name}"` interpolates; `ignore missing`,
`with ...` and `only` follow it) and Jinja (https://jinja.palletsprojects.com/en/stable/templates/#include: `~` or
`+` joins) write it: each string kept, each name one path segment, the same segment wherever the name recurs
(`engine` above), any other expression (`(app['kind'] | lower)`) one segment; a name with no string in it
(`{% include template_name %}`, a list of names) says nothing of the files and is not followed. Names are matched
against the files under the template loader's root, which the caller gives (cli/discover_compose_includes.py).

A fragment is indented service entries (`  {{ serviceName }}:` / `    image: mysql:8.4`), read as the compose
file's `services:` with the statement lines dropped (jinja_text.py): its `image:` of services without `build:`, at
its own lines; a fragment still not YAML is read line by line (its `image:` lines).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jinja_compose import rendered_images
from ecr_mirror.choose.discovery.jinja_text import split_top
from ecr_mirror.choose.discovery.yaml_sources import compose_images
from ecr_mirror.errors import ConfigError

_INCLUDE_RE = re.compile(r"^\{%-?\s*include\s(.*)$", re.DOTALL)
# what may follow the name: `ignore missing`, `with {...}`, `with _context`, `only`, Jinja's `without context`
_TAIL_RE = re.compile(r"\s(?:ignore\s+missing|with|without|only)\b")
_NAME_RE = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\s*(?:'[^']*'|\"[^\"]*\"|\d+)\s*\])*$")
_INTERPOLATION_RE = re.compile(r"#\{([^}]*)\}")
_SEGMENT = "[^/]+"
_SERVICES = "services:\n"


def _tags(text: str) -> Iterable[str]:
    """Each `{% ... %}` tag's text, without its closing `%}`; linear: an unclosed tag ends the search."""
    start = text.find("{%")
    while start != -1:
        end = text.find("%}", start + 2)
        if end == -1:
            return
        yield text[start:end]
        start = text.find("{%", end + 2)


class _Builder:
    """A pattern's text, each name one segment and the same segment where it recurs."""

    def __init__(self) -> None:
        self.groups: dict[str, str] = {}
        self.text = ""

    def name(self, written: str | None) -> None:
        if written is None:
            self.text += _SEGMENT
        elif written in self.groups:
            self.text += f"(?P={self.groups[written]})"
        else:
            self.groups[written] = f"g{len(self.groups)}"
            self.text += f"(?P<{self.groups[written]}>{_SEGMENT})"

    def string(self, body: str, interpolated: bool) -> None:
        at = 0
        for match in _INTERPOLATION_RE.finditer(body) if interpolated else ():
            self.text += re.escape(body[at : match.start()])
            inner = match.group(1).strip()
            self.name(inner if _NAME_RE.match(inner) else None)
            at = match.end()
        self.text += re.escape(body[at:])


def _pattern(expression: str) -> re.Pattern[str] | None:
    builder, strings = _Builder(), 0
    tail = _TAIL_RE.search(expression)
    for part in split_top((expression[: tail.start()] if tail else expression).strip().rstrip("-").strip(), "~+"):
        if len(part) >= 2 and part[0] == part[-1] and part[0] in "'\"" and part[0] not in part[1:-1]:
            builder.string(part[1:-1], part[0] == '"')
            strings += 1
        elif not part or part.startswith("["):
            return None  # a list of names, or no name at all
        else:
            builder.name(part if _NAME_RE.match(part) else None)
    return re.compile(builder.text) if strings else None


def include_patterns(text: str) -> list[re.Pattern[str]]:
    """The names the template's `{% include %}` tags can give, each a pattern of a path under the loader's root."""
    patterns: list[re.Pattern[str]] = []
    for tag in _tags(text):
        if (match := _INCLUDE_RE.match(tag)) and (pattern := _pattern(match.group(1))) is not None:
            patterns.append(pattern)
    return patterns


def included(patterns: list[re.Pattern[str]], paths: Iterable[str]) -> list[str]:
    """The `paths` (relative to the loader's root, with `/`) some pattern names, sorted."""
    return sorted(path for path in set(paths) if any(pattern.fullmatch(path) for pattern in patterns))


def _shifted(found: list[Found]) -> list[Found]:
    return [dataclasses.replace(item, line=item.line - 1) if item.line else item for item in found]


def _services(rendered: str, origin: str) -> list[Found]:
    """The compose images of the fragment read as the file's `services:`, at the fragment's own lines."""
    return _shifted(compose_images(_SERVICES + rendered, origin))


def fragment_images(text: str, origin: str) -> list[Found]:
    """The images of an included fragment of compose services, at its own lines; none when it has no `image:`."""
    try:
        found = rendered_images(text, origin, {}, lambda rendered: _services(rendered, origin))
    except ConfigError:
        return []
    seen: set[tuple[str, int | None]] = set()
    unique: list[Found] = []
    for item in found:
        if (item.text, item.line) not in seen:
            seen.add((item.text, item.line))
            unique.append(item)
    return unique
