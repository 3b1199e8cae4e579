"""Images Kamal's deploy configuration makes its servers pull (pure).

Kamal (https://kamal-deploy.org/docs/configuration/overview/) reads `config/deploy.yml` (its `-c` default) and, for
a destination, `config/deploy.DESTINATION.yml` over it, rendered as ERB first. Pulled on the hosts: each accessory's
`image` (`accessories.NAME.image`, prefixed by the accessory's own `registry.server` when it has one, as Kamal
does), and the proxy's image when `proxy.run` names its version (`[registry/]repository:version`, the repository
`basecamp/kamal-proxy` unless set): without a version the proxy image is the one the Kamal release pins, not in the
tree, and not listed. The top-level `image` is the application, which Kamal builds and pushes: not a pull.

An ERB tag (`<%= ENV["TAG"] %>`) is known only when Kamal renders the file: an image written with one is
unresolved; a line holding only ERB statements (`<% if x %>`) is dropped, so both branches are read.

A file shaped like a Kamal configuration (top-level `service` and `image`, with `servers` or `accessories`)
elsewhere is one Kamal reads only when named with `-c` (the test fixtures of Kamal
itself): it is not read, neither as a Kamal configuration nor as a manifest template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents

_CONFIG_NAME_RE = re.compile(r"^deploy(?:\.[\w-]+)?\.ya?ml$")
_TOP_KEY_RE = re.compile(r"^(service|image|servers|accessories):", re.MULTILINE)
_ERB_OUTPUT_RE = re.compile(r"<%[=-]?.*?-?%>")
_ERB_LINE_RE = re.compile(r"^\s*(?:<%(?!=).*?%>\s*)+$", re.MULTILINE)
_MARK = "ERB-EXPRESSION"
_UNRENDERED = "an ERB tag, known only when Kamal renders the configuration"
_PROXY_REPOSITORY = "basecamp/kamal-proxy"


def is_kamal_config(path: str | PurePath) -> bool:
    """`config/deploy.yml` and `config/deploy.DESTINATION.yml`: where `kamal` reads its configuration."""
    pure = PurePath(path)
    return pure.parent.name == "config" and _CONFIG_NAME_RE.match(pure.name) is not None


def looks_like_kamal(text: str) -> bool:
    """Top-level `service` and `image`, with the `servers` or `accessories` Kamal deploys."""
    keys = set(_TOP_KEY_RE.findall(text))
    return {"service", "image"} <= keys and bool(keys & {"servers", "accessories"})


def _rendered(text: str) -> str:
    """The text with ERB statement lines blanked and each output tag replaced by a marker (lines kept)."""
    text = _ERB_LINE_RE.sub("", text)
    return _ERB_OUTPUT_RE.sub(_MARK, text)


def _found(value: str, origin: str, line: int | None, use: str, lines: list[str]) -> Found:
    """The reference, or, with an ERB tag, the line's value as written and why it is not known."""
    if _MARK not in value:
        return Found(value, origin, line, use=use)
    written = lines[line - 1].split(":", 1)[-1].strip() if line and line <= len(lines) else value
    return Found(written, origin, line, _UNRENDERED, use)


def _accessory(name: object, entry: Mapping[Any, Any], origin: str, lines: list[str]) -> Found | None:
    image = entry.get("image")
    if not isinstance(image, str) or not image:
        return None
    registry = entry.get("registry")
    server = registry.get("server") if isinstance(registry, Mapping) else None
    text = f"{server}/{image}" if isinstance(server, str) and server else image
    return _found(text, origin, line_of(image), f"accessories.{name}.image", lines)


def _proxy(proxy: object, origin: str, lines: list[str]) -> Found | None:
    run = proxy.get("run") if isinstance(proxy, Mapping) else None
    version = run.get("version") if isinstance(run, Mapping) else None
    if not isinstance(run, Mapping) or version is None:
        return None
    repository = run.get("repository") or _PROXY_REPOSITORY
    registry = run.get("registry")
    text = f"{registry}/{repository}:{version}" if registry else f"{repository}:{version}"
    return _found(text, origin, line_of(version), "proxy.run", lines)


def kamal_images(text: str, origin: str) -> list[Found]:
    """The accessories' images and a versioned proxy image, with their lines; ConfigError when not YAML."""
    found: list[Found] = []
    lines = text.splitlines()
    for doc in load_documents(_rendered(text), origin):
        if not isinstance(doc, Mapping):
            continue
        accessories = doc.get("accessories")
        for name, entry in accessories.items() if isinstance(accessories, Mapping) else ():
            if isinstance(entry, Mapping) and (item := _accessory(name, entry, origin, lines)) is not None:
                found.append(item)
        if (item := _proxy(doc.get("proxy"), origin, lines)) is not None:
            found.append(item)
    return found
