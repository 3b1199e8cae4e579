"""The images a container's environment takes from a ConfigMap of the tree's manifests (pure).

A container's environment variable may take its value from a key of a ConfigMap instead of a literal
(`valueFrom.configMapKeyRef: {name, key}`,
https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/#define-container-environment-variables-using-configmap-data):
a controller so reads the images it deploys from a ConfigMap installed beside it (knative eventing's controller takes
`INTEGRATION_SOURCE_TIMER_IMAGE` from the `timer-source` key of `eventing-integrations-images`,
`gcr.io/knative-nightly/timer-source@sha256:...`, and starts it for each IntegrationSource). Read: each environment
entry whose name names an image (image_keys.image_name: `*_IMAGE`, `RELATED_IMAGE_*`) and whose `configMapKeyRef`
gives a ConfigMap's name and a key; that key's `data` value in each `v1` ConfigMap of that name among the tree's
manifests (of the container's namespace, when both say one), a reference with a tag or a digest, at the value's line,
`use` `env NAME (configMapKeyRef)`. A ConfigMap no such variable names holds data, not images, and is not read so;
nor is a key taken by a variable of another name (`LOG_LEVEL`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.image_keys import image_name, pinned_reference
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.choose.discovery.yaml_walk import entries
from ecr_mirror.errors import ConfigError

_Wanted = dict[tuple[str, str], dict[str | None, str]]  # (ConfigMap, key) -> namespace -> the variable's name


def _documents(text: str, origin: str) -> list[object]:
    try:
        return load_documents(text, origin)
    except ConfigError:  # a template, or not YAML: read by its own reader, not here
        return []


def _namespace(doc: dict[object, object]) -> str | None:
    metadata = doc.get("metadata")
    namespace = metadata.get("namespace") if isinstance(metadata, dict) else None
    return str(namespace) if isinstance(namespace, str) else None


def _references(doc: dict[object, object]) -> Iterator[tuple[str, str, str]]:
    """(ConfigMap, key, variable) of each environment entry of `doc` named for an image that takes a ConfigMap key."""
    for _, _, child in entries(doc):
        if not isinstance(child, dict) or not image_name(child.get("name")):
            continue
        source = child.get("valueFrom")
        ref = source.get("configMapKeyRef") if isinstance(source, dict) else None
        if isinstance(ref, dict) and isinstance(ref.get("name"), str) and isinstance(ref.get("key"), str):
            yield str(ref["name"]), str(ref["key"]), str(child["name"])


def _wanted(texts: dict[str, str]) -> _Wanted:
    wanted: _Wanted = {}
    for shown, text in texts.items():
        if "configMapKeyRef" not in text:
            continue
        for doc in _documents(text, shown):
            if isinstance(doc, dict):
                for name, key, variable in _references(doc):
                    wanted.setdefault((name, key), {}).setdefault(_namespace(doc), variable)
    return wanted


def _variable(by_namespace: dict[str | None, str], namespace: str | None) -> str | None:
    """The variable taking the key in `namespace`: one of a container of no namespace, or of the same one."""
    if namespace is None or None in by_namespace:
        return next(iter(by_namespace.values()))
    return by_namespace.get(namespace)


def config_map_env_images(texts: dict[str, str]) -> list[Found]:
    """The images of the ConfigMap keys that the tree's containers take as variables named for an image, `texts` the
    tree's files by their shown path (see the module)."""
    wanted = _wanted(texts)
    names = {name for name, _ in wanted}
    found: list[Found] = []
    for shown, text in texts.items() if wanted else ():
        if "ConfigMap" not in text or not any(name in text for name in names):
            continue
        for doc in _documents(text, shown):
            if not isinstance(doc, dict) or doc.get("kind") != "ConfigMap" or doc.get("apiVersion") != "v1":
                continue
            metadata, data = doc.get("metadata"), doc.get("data")
            name = metadata.get("name") if isinstance(metadata, dict) else None
            for key, value in data.items() if isinstance(data, dict) and isinstance(name, str) else ():
                by_namespace = wanted.get((str(name), str(key)))
                variable = _variable(by_namespace, _namespace(doc)) if by_namespace else None
                if variable is not None and isinstance(value, str) and pinned_reference(value):
                    use = f"env {variable} (configMapKeyRef)"
                    found.append(Found(value.strip(), shown, line_of(value), use=use, kind=Kind.YAML.value))
    return found
