"""The default images a CustomResourceDefinition's schema gives its fields (pure).

An operator's API types give a field naming an image a default, which kubebuilder writes into the CRD it generates
(`// +kubebuilder:default:="emqx/emqx-operator-reloader:0.0.2"` over `ReloaderImage string`, in emqx-operator's
`apps.emqx.io_emqxbrokers.yaml` as `reloaderImage: {default: emqx/emqx-operator-reloader:0.0.2, type: string}`).
The API server writes a schema's `default` into every resource of that kind that leaves the field out
(https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#defaulting), and
the operator runs the image it names. Read, in a CustomResourceDefinition: each property of a schema's `properties`
named `image` or for an image (`reloaderImage`, `sidecar_image`: image_keys.image_name) whose `default` is one
string written with a tag or a digest; an untagged default (`acme/broker-exporter`, tagged by the operator) and a
default of another name (`imagePullPolicy`, `osImage`'s `ubuntu-22.04`) are not. A default that is a mapping
(`exporter: {default: {image: ...}}`) is read by yaml_sources.py as any `image` key is.
"""

from __future__ import annotations

from collections.abc import Iterator

from ecr_mirror.choose.discovery.image_keys import image_name, pinned_reference
from ecr_mirror.choose.discovery.yaml_walk import entries


def crd_default_images(doc: object) -> Iterator[tuple[str, str]]:
    """(`NAME (CRD default)`, the default as written) of each image default of a CRD's schemas."""
    if not isinstance(doc, dict) or doc.get("kind") != "CustomResourceDefinition":
        return
    for _, key, properties in entries(doc):
        if key != "properties" or not isinstance(properties, dict):
            continue
        for name, schema in properties.items():
            if not (name == "image" or image_name(name)) or not isinstance(schema, dict):
                continue
            default = schema.get("default")
            if isinstance(default, str) and pinned_reference(default):
                yield f"{name} (CRD default)", default
