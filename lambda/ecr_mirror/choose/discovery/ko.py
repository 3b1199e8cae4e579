"""The base images ko pulls to build Go applications into images, from its `.ko.yaml` and from GoReleaser's ko
pipe (pure).

https://ko.build/configuration: `defaultBaseImage` is the base of every image ko builds, `baseImageOverrides` maps
Go import paths to the base of that one binary's image. ko pulls each at build time (`ko build`, `ko apply`,
Skaffold's ko builder). When a `.ko.yaml` sets no `defaultBaseImage`, ko uses its own default, which has changed
with ko's version (`gcr.io/distroless/static:nonroot`, then `cgr.dev/chainguard/static` since v0.12): the tree does
not say which ko runs, so it is not listed; neither is the image ko builds (`ko://...` in manifests), nor
`KO_DEFAULTBASEIMAGE` from the environment.

GoReleaser (`.goreleaser.yaml`, https://goreleaser.com/customization/ko/) builds each entry of `kos:` with ko on
its `base_image`; an entry without one takes GoReleaser's default (its version decides it: not listed, as ko's),
`repositories` are what it pushes, and a GoReleaser template (`{{ .Env.BASE }}`) is known only when it runs.
"""

from __future__ import annotations

from typing import Any

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.errors import ConfigError

_DEFAULT = "defaultBaseImage"
_OVERRIDES = "baseImageOverrides"
GORELEASER_NAMES = frozenset({".goreleaser.yml", ".goreleaser.yaml", "goreleaser.yml", "goreleaser.yaml"})
_KOS_BASE = "kos base_image"


def _value(value: object, key: object, origin: str, use: str) -> Found | None:
    """The image `value` names; a value that is not a string (a mapping, a list) is unresolved on `key`'s line."""
    if value is None:
        return None
    if isinstance(value, str):
        return found_item(value, origin, use)
    why = f"{use} is not a string: ko takes an image reference here"
    return Found(str(value), origin, line_of(key), why, use)


def _documents(text: str, origin: str) -> list[Any]:
    try:
        return load_documents(text, origin)
    except ConfigError as exc:
        mark = getattr(exc.__cause__, "problem_mark", None) or getattr(exc.__cause__, "context_mark", None)
        line = getattr(mark, "line", None)
        if isinstance(line, int):
            raise ConfigError(f"{exc} (line {line + 1})") from exc
        raise


def _goreleaser_kos(kos: object, origin: str) -> list[Found]:
    """The `base_image` of each entry of GoReleaser's `kos:`."""
    found: list[Found] = []
    for entry in kos if isinstance(kos, list) else ():
        value = entry.get("base_image") if isinstance(entry, dict) else None
        if isinstance(value, str) and "{{" in value:
            why = "a GoReleaser template, known only when goreleaser runs"
            found.append(Found(value.strip(), origin, line_of(value), why, _KOS_BASE))
        elif (item := _value(value, "base_image", origin, _KOS_BASE)) is not None:
            found.append(item)
    return found


def ko_images(text: str, origin: str) -> list[Found]:
    """`defaultBaseImage`, then each `baseImageOverrides` value, in the file's order; in a GoReleaser
    configuration, the `base_image` of each `kos:` entry."""
    found: list[Found] = []
    for doc in _documents(text, origin):
        if not isinstance(doc, dict):
            continue
        if "kos" in doc:
            found += _goreleaser_kos(doc["kos"], origin)
        for key, value in doc.items():
            if key == _DEFAULT:
                item = _value(value, key, origin, _DEFAULT)
                found += [item] if item else []
            elif key == _OVERRIDES and isinstance(value, dict):
                found += [item for path, image in value.items() if (item := _value(image, path, origin, _OVERRIDES))]
            elif key == _OVERRIDES and value is not None:
                why = f"{_OVERRIDES} is not a mapping of Go import paths to images"
                found.append(Found(str(value), origin, line_of(key), why, _OVERRIDES))
    return found
