"""The images of a ConfigMap that lists a product's default images (pure).

An operator often ships the default image of each component it deploys as a ConfigMap of image references, one key
a component, which it reads when it renders the components' pods (or hands to the clusters it manages as their
defaults): stolostron's multicluster-observability-operator keeps `manifests/endpoint-observability/images.yaml`, a
`v1` ConfigMap `images-list` whose `data` maps `prometheus`, `kube_state_metrics`, ... to
`quay.io/stolostron/prometheus:2.5.0-SNAPSHOT-...`, read by its endpoint operator's rendering. A ConfigMap's `data`
holds strings (https://kubernetes.io/docs/concepts/configuration/configmap/); what they mean is the reader's, so only
a ConfigMap that says it lists images is read: its name holds `image` (`images-list`, `acme-images`), and every value
of its `data` is an image reference naming a registry or a namespace, with a tag or a digest. Each value is listed at
its line, `use` `images ConfigMap NAME`. Not read: a ConfigMap of another name, one whose data also hold settings
(`log-level: debug`: its image keys are read where a container takes them, config_map_env.py), values without a
registry or namespace (`chown-image:1.2.3`, a test's placeholders), a Helm template (not YAML until rendered).
"""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.image_keys import pinned_reference
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.errors import ConfigError


def _listed(data: object) -> list[str] | None:
    """The values of a ConfigMap's `data` when every one is an image reference with a registry or a namespace."""
    if not isinstance(data, dict) or not data:
        return None
    values = list(data.values())
    if all(isinstance(value, str) and "/" in value and pinned_reference(value) for value in values):
        return values
    return None


def image_list_config_map_images(texts: dict[str, str]) -> list[Found]:
    """The images of the tree's ConfigMaps that list images (see the module), `texts` its files by shown path."""
    found: list[Found] = []
    for shown, text in texts.items():
        if "ConfigMap" not in text or "image" not in text.lower() or not shown.endswith((".yaml", ".yml")):
            continue
        try:
            documents = load_documents(text, shown)
        except ConfigError:  # a template, or not YAML: read by its own reader, not here
            continue
        for doc in documents:
            if not isinstance(doc, dict) or doc.get("kind") != "ConfigMap" or doc.get("apiVersion") != "v1":
                continue
            metadata = doc.get("metadata")
            name = metadata.get("name") if isinstance(metadata, dict) else None
            if not isinstance(name, str) or "image" not in name.lower():
                continue
            for value in _listed(doc.get("data")) or []:
                use = f"images ConfigMap {name}"
                found.append(Found(value.strip(), shown, line_of(value), use=use, kind=Kind.YAML.value))
    return found
