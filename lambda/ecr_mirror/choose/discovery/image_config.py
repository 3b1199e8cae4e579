"""cass-operator's ImageConfig: the images the operator deploys beside each Cassandra node (pure).

cass-operator (and k8ssandra-operator, which shares its configuration) reads the images it runs from an `ImageConfig`
(`apiVersion: config.k8ssandra.io/v1beta1`/`v1beta2`), a YAML document it is given as a key of the `data` of a
ConfigMap (https://docs.k8ssandra.io/components/cass-operator/ "image config"; cass-operator's
`apis/config/v1beta1/imageconfig_types.go`). Each entry of its `images` (`system-logger`, `config-builder`,
`k8ssandra-client`, `medusa`, `reaper`, ...) is `{registry, repository, name, tag}`, pulled as
`REGISTRY/REPOSITORY/NAME:TAG`; a missing `registry` is `defaults.registry`, and `overrides.registry` (and
`overrides.repository`, set even empty) replaces what every image says. Read: each such entry with a `name` and a
`tag`, in a ConfigMap's `data` block that is an ImageConfig, at the line of its `repository` (its `name` when it has
none) inside the block. The `types` entries (`cassandra`, `dse`) take their tag from a CassandraDatacenter's
`serverVersion` at run time and are not read. The same mapping under a Helm chart's `imageConfig.images` values
(which the chart renders into that ConfigMap) is joined so in helm_joined.py. A bare ImageConfig file (one a
kustomize `configMapGenerator` packs into the ConfigMap) is not read: it is not known to be deployed.

Argo's controller ConfigMaps are read beside these (argo_controller_config.py): `controller_configs` reads both.
"""

from __future__ import annotations

import dataclasses

from ecr_mirror.choose.discovery.argo_controller_config import controller_config_images
from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents, located
from ecr_mirror.errors import ConfigError

_KIND = "Kubernetes manifest"
_API_GROUP = "config.k8ssandra.io/"


def _text(value: object) -> str:
    return str(value).strip() if isinstance(value, str | int | float) and not isinstance(value, bool) else ""


def _image_config(block: object, origin: str) -> dict[object, object] | None:
    """The ImageConfig a ConfigMap's `data` value holds, its values located within the block; None otherwise."""
    if not isinstance(block, str) or "ImageConfig" not in block:
        return None
    try:
        documents = load_documents(str(block), origin)
    except ConfigError:
        return None
    config = next(iter(documents), None)
    if not isinstance(config, dict) or config.get("kind") != "ImageConfig":
        return None
    return config if _text(config.get("apiVersion")).startswith(_API_GROUP) else None


def _section(config: dict[object, object], key: str) -> dict[object, object]:
    section = config.get(key)
    return section if isinstance(section, dict) else {}


def _block_images(config: dict[object, object], origin: str, first: int) -> list[Found]:
    defaults, overrides = _section(config, "defaults"), _section(config, "overrides")
    found: list[Found] = []
    for key, entry in _section(config, "images").items():
        if not isinstance(entry, dict) or not _text(entry.get("name")) or not _text(entry.get("tag")):
            continue
        registry = _text(overrides.get("registry")) or _text(entry.get("registry")) or _text(defaults.get("registry"))
        repository = _text(overrides["repository"] if "repository" in overrides else entry.get("repository"))
        parts = [part.strip("/") for part in (registry, repository, _text(entry.get("name"))) if part]
        line = line_of(entry.get("repository")) or line_of(entry.get("name")) or 1
        item = found_item(located(f"{'/'.join(parts)}:{_text(entry['tag'])}", first + line - 1), origin, f"{key} image")
        found += [dataclasses.replace(item, kind=_KIND)] if item else []
    return found


def image_config_images(doc: object, origin: str) -> list[Found]:
    """The `images` of each ImageConfig a ConfigMap's `data` holds (see the module)."""
    if not isinstance(doc, dict) or doc.get("kind") != "ConfigMap" or not isinstance(doc.get("data"), dict):
        return []
    found: list[Found] = []
    for block in doc["data"].values():
        if (config := _image_config(block, origin)) is not None:
            found += _block_images(config, origin, (line_of(block) or 0) + 1)  # the block starts after its key
    return found


def controller_configs(doc: object, origin: str) -> list[Found]:
    """The images of the controller configurations a ConfigMap of the manifests holds: Argo's and ImageConfigs."""
    return controller_config_images(doc, origin) + image_config_images(doc, origin)
