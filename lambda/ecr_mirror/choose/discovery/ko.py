"""The base images ko pulls to build Go applications into images, from its `.ko.yaml` (pure).

https://ko.build/configuration: `defaultBaseImage` is the base of every image ko builds, `baseImageOverrides` maps
Go import paths to the base of that one binary's image. ko pulls each at build time (`ko build`, `ko apply`,
Skaffold's ko builder). When a `.ko.yaml` sets no `defaultBaseImage`, ko uses its own default, which has changed
with ko's version (`gcr.io/distroless/static:nonroot`, then `cgr.dev/chainguard/static` since v0.12): the tree does
not say which ko runs, so it is not listed; neither is the image ko builds (`ko://...` in manifests), nor
`KO_DEFAULTBASEIMAGE` from the environment.
"""

from __future__ import annotations

from typing import Any

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.errors import ConfigError

_DEFAULT = "defaultBaseImage"
_OVERRIDES = "baseImageOverrides"


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


def ko_images(text: str, origin: str) -> list[Found]:
    """`defaultBaseImage`, then each `baseImageOverrides` value, in the file's order."""
    found: list[Found] = []
    for doc in _documents(text, origin):
        if not isinstance(doc, dict):
            continue
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
